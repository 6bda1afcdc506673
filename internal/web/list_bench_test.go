package web_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// go test -run '^$' -bench BenchmarkLists -benchtime 20x ./internal/web/ [-list.records 200000]
// (FAZHI_TEST_POSTGRES set: PostgreSQL too). The table is built once per engine through
// store.ImportRecords in transactions of 10,000 rows; each page is measured beside the raw SQL
// that reads the same 20 rows (the lower bound: no scope, no rendering).
var listRecords = flag.Int("list.records", 200_000, "records in the table BenchmarkLists pages through")

// deepRow is how far into the list the deep pages are.
const deepRow = 100_000

func BenchmarkLists(b *testing.B) {
	engines := []struct{ name, dsn string }{{"sqlite", "sqlite:" + filepath.Join(b.TempDir(), "bench.db")}}
	if u := storetestPostgres(); u != "" {
		engines = append(engines, struct{ name, dsn string }{"postgres", storetest.EmptyPostgres(b, u)})
	}
	for _, eng := range engines {
		b.Run(eng.name, func(b *testing.B) {
			st, err := store.Open(context.Background(), eng.dsn, storetest.Options())
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			e := newEnv(b, st)
			fillTable(b, st, *listRecords)
			raw := rawDB(b, eng.name, eng.dsn)
			deep := min(deepRow, *listRecords-40)
			page, err := st.Page(context.Background(), systemScope(), store.Filter{Query: store.Query{Kind: "mediation"},
				Sort: "accepted_on", Desc: true, Limit: 20, Offset: deep - 20})
			if err != nil {
				b.Fatal(err)
			}
			var key string
			var id int64
			if err := raw.QueryRow(rebind(eng.name, `SELECT opened_on, id FROM records WHERE kind = 'mediation' AND opened_on IS NOT NULL
				ORDER BY opened_on DESC, id DESC LIMIT 1 OFFSET ?`), deep-1).Scan(&key, &id); err != nil {
				b.Fatal(err)
			}
			c := e.login(b, "leader-all")
			get := func(path string) func(b *testing.B) {
				return func(b *testing.B) {
					c.t = b
					var size int
					for b.Loop() {
						status, body := c.get(path)
						if status != 200 {
							b.Fatalf("%s: %d %s", path, status, body[:min(len(body), 300)])
						}
						size = len(body)
					}
					b.ReportMetric(float64(size), "bytes/page")
				}
			}
			rawPage := func(q string, args ...any) func(b *testing.B) {
				return func(b *testing.B) {
					for b.Loop() {
						rows, err := raw.Query(rebind(eng.name, `SELECT r.id, r.code, r.attrs, o.name FROM records r JOIN orgs o ON o.id = r.org_id
							WHERE r.kind = 'mediation' AND r.opened_on IS NOT NULL `+q), args...)
						if err != nil {
							b.Fatal(err)
						}
						n := 0
						for rows.Next() {
							n++
						}
						rows.Close()
						if n != 20 {
							b.Fatalf("raw page: %d rows", n)
						}
					}
				}
			}
			after := url.QueryEscape(page.Next)
			b.Run("page/first", get("/records/mediation"))
			b.Run("page/deep-cursor", get("/records/mediation?page="+strconv.Itoa(deep/20+1)+"&after="+after))
			b.Run("api/deep-offset", get("/api/v1/records/mediation?limit=20&offset="+strconv.Itoa(deep)))
			b.Run("api/deep-cursor", get("/api/v1/records/mediation?limit=20&after="+after))
			b.Run("raw/deep-keyset", rawPage(`AND (r.opened_on, r.id) < (?, ?) ORDER BY r.opened_on DESC, r.id DESC LIMIT 20`, key, id))
			b.Run("raw/deep-offset", rawPage(`ORDER BY r.opened_on DESC, r.id DESC LIMIT 20 OFFSET ?`, deep))
		})
	}
}

// fillTable adds n mediation records over 400 committees and six years of acceptance dates.
func fillTable(b *testing.B, st *store.Store, n int) {
	b.Helper()
	ctx := context.Background()
	var orgs []store.OrgInput
	for i := range 400 {
		orgs = append(orgs, store.OrgInput{Code: fmt.Sprintf("B%03d-TJ", i), Name: fmt.Sprintf("第%d调委会", i),
			Type: "人民调解委员会", ParentCode: []string{townA, townB}[i%2]})
	}
	if _, err := st.ImportOrgs(ctx, system, systemScope(), orgs); err != nil {
		b.Fatal(err)
	}
	const batch = 10_000
	for start := 0; start < n; start += batch {
		rows := make([]store.ImportRow, 0, batch)
		for i := start; i < min(n, start+batch); i++ {
			day := i % 2190
			rows = append(rows, store.ImportRow{Line: i - start + 2, Values: map[string]any{
				"code": fmt.Sprintf("BL-%07d", i), "committee": orgs[i%len(orgs)].Code, "dispute_type": "邻里",
				"accepted_on": fmt.Sprintf("%04d-%02d-%02d", 2019+day/365, 1+day%365/31, 1+day%31%28),
				"parties":     []string{"张三", "李四"}, "mediator": "王五"}})
		}
		if _, _, err := st.ImportRecords(ctx, system, systemScope(), "mediation", rows, false); err != nil {
			b.Fatal(err)
		}
	}
}

func storetestPostgres() string { return os.Getenv(storetest.EnvPostgres) }

// rawDB is a second connection to the benchmark's database, for the hand-written lower bound.
func rawDB(b *testing.B, engine, dsn string) *sql.DB {
	driver, source := "pgx", dsn
	if engine == "sqlite" {
		driver, source = "sqlite", dsn[len("sqlite:"):]
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// rebind numbers the placeholders for PostgreSQL.
func rebind(engine, q string) string {
	if engine == "sqlite" {
		return q
	}
	out, n := []byte{}, 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			out = append(out, '$')
			out = strconv.AppendInt(out, int64(n), 10)
			continue
		}
		out = append(out, q[i])
	}
	return string(out)
}
