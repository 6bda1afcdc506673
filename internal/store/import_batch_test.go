package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// The batched import writes exactly what importing row by row wrote: the same records (values,
// status, hot columns, version), keyed hashes, events, clocks and audit entries (their order,
// seq, action, before and after), ids and times aside — for new records, updates, unchanged
// rows, a repeated 编号, a refused row, across chunk boundaries. Both chains verify.
func TestImportBatchEqualsRowByRow(t *testing.T) {
	batched, single := storetest.Open(t), storetest.Open(t)
	for i := range batched {
		b, r := batched[i], single[i]
		t.Run(b.Dialect(), func(t *testing.T) {
			ctx := context.Background()
			r.SetImportRowByRow(true)
			for _, s := range []*store.Store{b, r} {
				seedOrgs(t, s)
			}
			first, second := importLedgers()
			for round, rows := range [][]store.ImportRow{first, second} {
				var got, want []store.RowError
				bres, err := b.ImportStream(ctx, admin, all(), "mediation", chunksOf(rows, 7),
					func(e store.RowError) { got = append(got, e) }, true)
				if err != nil {
					t.Fatal(err)
				}
				rres, want, err := r.ImportRecords(ctx, admin, all(), "mediation", rows, true)
				if err != nil {
					t.Fatal(err)
				}
				if bres != rres || fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("round %d: batched %+v %v, row by row %+v %v", round, bres, got, rres, want)
				}
				if round == 1 && (rres.Created == 0 || rres.Updated == 0 || rres.Unchanged == 0 || len(want) == 0) {
					t.Fatalf("round 2 should create, update, leave unchanged and refuse: %+v %v", rres, want)
				}
			}
			db, dr := dumpWrites(t, b), dumpWrites(t, r)
			if len(dr) < 200 {
				t.Fatalf("dump too small: %d lines", len(dr))
			}
			for j := range max(len(db), len(dr)) {
				if j >= len(db) || j >= len(dr) || db[j] != dr[j] {
					t.Fatalf("line %d differs:\nbatched:    %s\nrow by row: %s", j, at(db, j), at(dr, j))
				}
			}
			for _, s := range []*store.Store{b, r} {
				if _, err := s.VerifyAudit(ctx); err != nil {
					t.Fatalf("audit verify: %v", err)
				}
			}
		})
	}
}

// A refused row in a chunked import writes nothing: not the chunks before it, not its audit.
func TestImportStreamRefusesWholeFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		var rows []store.ImportRow
		for i := range 30 {
			rows = append(rows, store.ImportRow{Line: i + 2, Values: mediation(fmt.Sprintf("W-%d", i), "441481100201-T", "2024-03-05")})
		}
		rows[25].Values["committee"] = "无此组织"
		var refused []store.RowError
		_, err := s.ImportStream(ctx, admin, all(), "mediation", chunksOf(rows, 10), func(e store.RowError) { refused = append(refused, e) }, false)
		var ie *store.ImportError
		if !asImportError(err, &ie) || ie.Refused != 1 || len(refused) != 1 || refused[0].Line != 27 || refused[0].Field != "committee" {
			t.Fatalf("got %v %+v", err, refused)
		}
		var n int
		if err := s.DB().QueryRow(`SELECT (SELECT COUNT(*) FROM records) + (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM clocks)`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d rows written (%v)", n, err)
		}
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func asImportError(err error, ie **store.ImportError) bool {
	e, ok := err.(*store.ImportError)
	*ie = e
	return ok
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(none)"
}

func chunksOf(rows []store.ImportRow, n int) func() ([]store.ImportRow, error) {
	return func() ([]store.ImportRow, error) {
		c := rows[:min(n, len(rows))]
		rows = rows[len(c):]
		return c, nil
	}
}

// importLedgers are a first ledger (new records, some concluded, some with a phone number,
// a repeated 编号 and an unknown org) and a second one over it: changed rows, unchanged rows,
// new rows and rows with fewer columns (Given), interleaved.
func importLedgers() (first, second []store.ImportRow) {
	committees := []string{"441481100201-T", "441481101201-T"}
	for i := range 40 {
		v := mediation(fmt.Sprintf("E-%d", i), committees[i%2], fmt.Sprintf("2024-03-%02d", 1+i%28))
		if i%3 == 0 {
			v["result"], v["closed_on"], v["agreement_form"] = "成功", "2024-04-10", "书面"
		}
		if i%4 == 0 {
			delete(v, "party_phone")
		}
		first = append(first, store.ImportRow{Line: i + 2, Values: v})
	}
	first = append(first,
		store.ImportRow{Line: 42, Values: mediation("E-3", committees[1], "2024-03-05")},
		store.ImportRow{Line: 43, Values: mediation("E-99", "无此组织", "2024-03-05")})
	for i := 20; i < 60; i++ {
		v := mediation(fmt.Sprintf("E-%d", i), committees[i%2], fmt.Sprintf("2024-03-%02d", 1+i%28))
		if i%3 == 0 {
			v["result"], v["closed_on"], v["agreement_form"] = "成功", "2024-04-10", "书面"
		}
		if i%4 == 0 {
			delete(v, "party_phone")
		}
		row := store.ImportRow{Line: i + 2, Values: v}
		switch i % 5 {
		case 1:
			v["mediator"] = "新调解员" // changed
		case 2:
			v["party_phone"] = "13900001111" // a protected value changed
		case 3:
			row.Given = []string{"code", "committee", "accepted_on", "dispute_type", "result", "closed_on", "agreement_form"}
		}
		second = append(second, row)
	}
	second = append(second, store.ImportRow{Line: 99, Values: law.Values{"code": "E-bad", "committee": committees[0]}})
	return first, second
}

// dumpWrites lists, in a stable order and without ids or times, every record with its values
// (protected ones opened), keyed hashes, events and clocks, then the audit entries in chain order.
func dumpWrites(t *testing.T, s *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	names := map[string]string{} // record id → org code/编号
	rows := queryAll(t, s, `SELECT r.id, o.code, r.code, r.kind, r.status, COALESCE(r.opened_on, ''), COALESCE(r.closed_on, ''),
		COALESCE(r.category, ''), r.version, r.created_by, r.updated_by, r.assignee FROM records r JOIN orgs o ON o.id = r.org_id ORDER BY o.code, r.code`)
	for _, row := range rows {
		id := row[0]
		names[id] = row[1] + "/" + row[2]
		var rid int64
		fmt.Sscan(id, &rid)
		rec, err := s.Record(ctx, all(), rid)
		if err != nil {
			t.Fatal(err)
		}
		vals, _ := json.Marshal(rec.Values)
		out = append(out, "record "+strings.Join(row[1:], "|")+" "+string(vals))
		for _, k := range queryAll(t, s, `SELECT field, mac FROM record_keys WHERE record_id = ? ORDER BY field`, rid) {
			out = append(out, "  key "+strings.Join(k, "|"))
		}
		for _, e := range queryAll(t, s, `SELECT action, label, from_status, to_status, actor, data FROM events WHERE record_id = ? ORDER BY id`, rid) {
			e[5] = canonicalJSON(t, e[5])
			out = append(out, "  event "+strings.Join(e, "|"))
		}
		for _, c := range queryAll(t, s, `SELECT rule, kind, start_on, COALESCE(due_on, ''), COALESCE(stopped_on, ''), state, problem,
			COALESCE(provisional_on, '') FROM clocks WHERE record_id = ? ORDER BY rule`, rid) {
			out = append(out, "  clock "+strings.Join(c, "|"))
		}
	}
	for _, e := range queryAll(t, s, `SELECT seq, actor, action, kind, target, org_path, before_data, after_data, request_id, client_addr FROM audit ORDER BY seq`) {
		if n, ok := names[e[4]]; ok && strings.HasPrefix(e[2], "record.") {
			e[4] = n
		}
		out = append(out, "audit "+strings.Join(e, "|"))
	}
	return out
}

func canonicalJSON(t *testing.T, s string) string {
	var x any
	if err := json.Unmarshal([]byte(s), &x); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(x)
	return string(b)
}

// queryAll runs q (portable ? placeholders are rebound for PostgreSQL) and returns its rows as text.
func queryAll(t *testing.T, s *store.Store, q string, args ...any) [][]string {
	t.Helper()
	if s.Dialect() == "postgres" {
		for i := 1; strings.Contains(q, "?"); i++ {
			q = strings.Replace(q, "?", fmt.Sprintf("$%d", i), 1)
		}
	}
	rs, err := s.DB().Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	cols, _ := rs.Columns()
	var out [][]string
	for rs.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	return out
}
