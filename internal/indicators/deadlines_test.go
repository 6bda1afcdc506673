package indicators_test

import (
	"context"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// The deadline figures are stocks at the period's end (indicators.md), on both engines: a case
// overdue on 2024-12-31 and closed in 2025 counts in 2024, closing a 2024-overdue case later
// leaves 2024 unchanged, and a lapsed 补正期限 (第31条第2款, 视为放弃) is counted apart.
func TestDeadlineStocksAtPeriodEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		sys := store.System([]string{"reconsideration"})
		if _, err := st.ImportOrgs(ctx, a, sys, []store.OrgInput{
			{Code: "C", Name: "市", Type: "县级市"},
			{Code: "J", Name: "司法局", Type: "司法局", ParentCode: "C"},
		}); err != nil {
			t.Fatal(err)
		}
		app := func(code, received string, extra map[string]string) store.ImportRow {
			v := law.Values{"code": code, "org": "J", "received_on": received, "applicants": []string{"王五"}, "respondent": "某局"}
			for k, x := range extra {
				v[k] = x
			}
			return store.ImportRow{Values: v}
		}
		accepted := func(on string) map[string]string { return map[string]string{"acceptance": "受理", "accepted_on": on} }
		closedIn2025 := accepted("2024-09-02")
		closedIn2025["closed_on"], closedIn2025["outcome"] = "2025-01-10", "维持"
		rows := []store.ImportRow{
			app("A", "2024-08-28", accepted("2024-09-02")), // 60 days run out 2024-11-01: overdue, open
			app("B", "2024-08-28", closedIn2025),           // overdue on 2024-12-31, closed 2025-01-10
			app("C", "2024-12-16", accepted("2024-12-20")), // due 2025-02-18: not overdue in 2024
			app("D", "2024-11-01", map[string]string{"acceptance": "补正中", "supplement_requested_on": "2024-11-04",
				"supplement_notice_received_on": "2024-11-06", "supplement_items": "身份证明"}), // 补正 lapsed, not recorded
		}
		for i := range rows {
			rows[i].Line = i + 2
		}
		if _, bad, err := st.ImportRecords(ctx, a, sys, "reconsideration", rows, false); err != nil || len(bad) != 0 {
			t.Fatalf("import: %v %v", err, bad)
		}
		year := func(y string) (overdue, lapsed float64) {
			t.Helper()
			r, err := indicators.ComputeIDs(ctx, st, sys, "C", y+"-01-01", y+"-12-31",
				[]string{"deadlines.open_overdue", "deadlines.lapsed_pending"})
			if err != nil {
				t.Fatal(err)
			}
			o, _ := r.Get("deadlines.open_overdue")
			l, _ := r.Get("deadlines.lapsed_pending")
			return o.Value, l.Value
		}
		want := func(y string, overdue, lapsed float64) {
			t.Helper()
			if o, l := year(y); o != overdue || l != lapsed {
				t.Errorf("%s: open_overdue %v, lapsed_pending %v; want %v, %v", y, o, l, overdue, lapsed)
			}
		}
		want("2024", 2, 1) // A and B; D apart
		want("2025", 2, 1) // A and C; D still pending
		decide := func(code, on string) {
			t.Helper()
			rs, err := st.ListAll(ctx, sys, store.Filter{Query: store.Query{Kind: "reconsideration",
				Conds: []store.Cond{{Field: "code", Op: store.OpEq, Value: code}}}})
			if err != nil || len(rs) != 1 {
				t.Fatalf("find %s: %v %d", code, err, len(rs))
			}
			r := rs[0]
			if _, err := st.Transition(ctx, a, sys, r.ID, r.Version, "decide", law.Values{"closed_on": on, "outcome": "维持"}); err != nil {
				t.Fatalf("decide %s: %v", code, err)
			}
		}
		decide("A", "2025-02-03") // a 2024-overdue case closed in 2025
		decide("C", "2025-02-10") // within its period
		want("2024", 2, 1)
		want("2025", 0, 1)
	})
}
