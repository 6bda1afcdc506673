package indicators_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/bench"
	"github.com/fazhi/fazhi/internal/demo"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// The figures' benchmark: every indicator over one org's subtree for a year, beside its lower
// bound — a hand-written query over the same tables run in the same loop, so that the ratio
// (x-lower) holds on a noisy shared machine. By default it loads the demo (兴宁市, 2024) on
// SQLite and, with FAZHI_TEST_POSTGRES, on PostgreSQL:
//
//	go test -run '^$' -bench 'ComputeDemo|Figures' -benchtime 20x ./internal/indicators/
//
// FAZHI_BENCH_DB=<sqlite:path | postgres://…> runs it over an existing database instead (a
// generated province), at FAZHI_BENCH_ORG (default: the root) for FAZHI_BENCH_YEAR (2024).

// benchDB is a store and a raw connection to the same database, for the lower bounds.
type benchDB struct {
	st       *store.Store
	raw      *bench.Raw
	org      string
	path     string // the org's materialised path
	from, to string
}

func benchDBs(b *testing.B) []benchDB {
	ctx := context.Background()
	year := os.Getenv("FAZHI_BENCH_YEAR")
	if year == "" {
		year = "2024"
	}
	var urls []string
	load := false
	if u := os.Getenv("FAZHI_BENCH_DB"); u != "" {
		urls = []string{u}
	} else {
		load = true
		urls = []string{"sqlite:" + filepath.Join(b.TempDir(), "bench.db")}
		if pg := os.Getenv(storetest.EnvPostgres); pg != "" {
			urls = append(urls, storetest.EmptyPostgres(b, pg))
		}
	}
	var out []benchDB
	for _, u := range urls {
		st, err := store.Open(ctx, u, storetest.Options())
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		org := os.Getenv("FAZHI_BENCH_ORG")
		if load {
			if _, err := demo.Load(ctx, st, store.Actor{Name: "bench"}, store.SystemAll()); err != nil {
				b.Fatal(err)
			}
			org = "441481"
		}
		raw, err := bench.OpenRaw(u)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { raw.Close() })
		if org == "" {
			if err := raw.QueryRow(ctx, `SELECT code FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`).Scan(&org); err != nil {
				b.Fatal(err)
			}
		}
		db := benchDB{st: st, raw: raw, org: org, from: year + "-01-01", to: year + "-12-31"}
		if db.path, err = raw.Path(ctx, org); err != nil {
			b.Fatal(err)
		}
		out = append(out, db)
	}
	return out
}

// col is the SQL of a kind's field, written out as a reader would: its column or its JSON key.
func (db benchDB) col(kind, key string) string {
	k, _ := law.Lookup(kind)
	f, _ := k.Field(key)
	if f.Column != law.ColNone && f.Column != law.ColOrg {
		return "r." + string(f.Column)
	}
	return db.raw.Attr(key)
}

// lower is a hand-written query and what it answers, in the figure's terms.
type lower struct {
	sql   string
	args  []any
	exact bool // it gives the figure's own value (checked), not only reads its rows
}

func (db benchDB) scalar(b *testing.B, l lower) float64 {
	var v sql.NullFloat64
	if err := db.raw.QueryRow(context.Background(), l.sql, l.args...).Scan(&v); err != nil {
		b.Fatalf("%s: %v", l.sql, err)
	}
	return v.Float64
}

// rangeCount reads the records of a kind whose date lies in the period in the subtree: what
// any exact figure of that kind and date must read at least.
func (db benchDB) rangeCount(kind, date string) lower {
	c := db.col(kind, date)
	under, in := db.raw.Under(db.path)
	return lower{sql: `SELECT COUNT(*) FROM records r JOIN orgs o ON o.id = r.org_id
		WHERE r.kind = ? AND ` + c + ` >= ? AND ` + c + ` <= ? AND ` + under,
		args: append([]any{kind, db.from, db.to}, in...)}
}

// lowers are the hand-written queries of the main groups, each giving its figure's value.
func (db benchDB) lowers() map[string]lower {
	under, in := db.raw.Under(db.path)
	mediation := db.rangeCount("mediation", "accepted_on")
	mediation.exact = true
	result := db.col("mediation", "result")
	// 调解成功率 in one pass: successes per thousand cases, rounded as the figure is.
	rate := lower{sql: `SELECT ROUND(1000.0 * SUM(CASE WHEN ` + result + ` = '成功' THEN 1 ELSE 0 END) / COUNT(*)) / 10
		FROM records r JOIN orgs o ON o.id = r.org_id WHERE r.kind = 'mediation' AND r.opened_on >= ? AND r.opened_on <= ? AND ` + under,
		args: append([]any{db.from, db.to}, in...), exact: true}
	// 逾期未办结: the records with an office-duty clock open at the year's end and past due,
	// from the clocks as stored now.
	var rules []any
	var marks []string
	for _, k := range law.Kinds() {
		for _, r := range k.Clocks {
			if !r.Soft && !r.Lapses && r.Deemed == "" && r.Proposes == "" {
				rules, marks = append(rules, r.ID), append(marks, "?")
			}
		}
	}
	day := db.to
	if today := time.Now().Format("2006-01-02"); today < day {
		day = today
	}
	overdue := lower{sql: `SELECT COUNT(DISTINCT c.record_id) FROM clocks c JOIN records r ON r.id = c.record_id
		JOIN orgs o ON o.id = r.org_id WHERE c.rule IN (` + strings.Join(marks, ",") + `) AND c.start_on <= ? AND c.due_on < ?
		AND (c.state <> 'stopped' OR c.stopped_on > ? OR (c.stopped_on IS NULL AND r.closed_on > ?)) AND ` + under,
		args: append(append(rules, day, day, day, day), in...)}
	return map[string]lower{"mediation.cases": mediation, "mediation.success_rate": rate, "deadlines.open_overdue": overdue}
}

// BenchmarkComputeDemo computes every indicator, as `fazhi stats --year 2024` does, beside the
// raw reads of the records they count: one COUNT(*) per kind and period field of the catalog's
// counts, and the stock of open clocks.
func BenchmarkComputeDemo(b *testing.B) {
	for _, db := range benchDBs(b) {
		sys := store.SystemAll()
		seen := map[string]bool{}
		var reads []lower
		for _, d := range indicators.Catalog() {
			if d.Kind == "" || d.Date == "" || d.Custom != nil || d.IsRate() || seen[d.Kind+d.Date] {
				continue
			}
			seen[d.Kind+d.Date] = true
			reads = append(reads, db.rangeCount(d.Kind, d.Date))
		}
		reads = append(reads, db.lowers()["deadlines.open_overdue"])
		b.Run(db.st.Dialect(), func(b *testing.B) {
			var raw time.Duration
			for b.Loop() {
				if _, err := indicators.Compute(context.Background(), db.st, sys, db.org, db.from, db.to); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				t := time.Now()
				for _, l := range reads {
					db.scalar(b, l)
				}
				raw += time.Since(t)
				b.StartTimer()
			}
			reportLower(b, raw)
		})
	}
}

// BenchmarkFigures times each figure alone (ComputeIDs of its id) beside its lower bound: the
// hand-written query of lowers, or else the raw read of its kind's records in the period.
func BenchmarkFigures(b *testing.B) {
	for _, db := range benchDBs(b) {
		sys := store.SystemAll()
		hand := db.lowers()
		for _, d := range indicators.Catalog() {
			l, ok := hand[d.ID]
			if !ok && d.Kind != "" && d.Date != "" && !d.IsRate() {
				l, ok = db.rangeCount(d.Kind, d.Date), true
			}
			b.Run(db.st.Dialect()+"/"+d.ID, func(b *testing.B) {
				var raw time.Duration
				for b.Loop() {
					res, err := indicators.ComputeIDs(context.Background(), db.st, sys, db.org, db.from, db.to, []string{d.ID})
					if err != nil {
						b.Fatal(err)
					}
					if !ok {
						continue
					}
					b.StopTimer()
					t := time.Now()
					want := db.scalar(b, l)
					raw += time.Since(t)
					b.StartTimer()
					if got := res.List[0].Value; l.exact && got != want {
						b.Fatalf("%s = %v, the hand-written query says %v", d.ID, got, want)
					}
				}
				if ok {
					reportLower(b, raw)
				}
			})
		}
	}
}

// reportLower prints the lower bound's time per op and the ratio of the figure's (ns/op, the
// lower bound's time stopped out of it) to it.
func reportLower(b *testing.B, raw time.Duration) {
	if b.N == 0 || raw <= 0 {
		return
	}
	per := float64(raw.Nanoseconds()) / float64(b.N)
	b.ReportMetric(per, "lower-ns/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/per, "x-lower")
}
