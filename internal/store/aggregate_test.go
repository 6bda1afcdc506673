package store_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// AggregateEach gives each measure exactly what Aggregate gives it over the same conditions
// (the shared query's and its own), totals and breakdowns, on both engines.
func TestAggregateEachEqualsAggregate(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		for i, day := range []string{"2024-01-05", "2024-02-10", "2024-02-11", "2024-07-01", "2025-01-02"} {
			v := mediation(fmt.Sprintf("M-%d", i), []string{"441481100201-T", "441481101201-T"}[i%2], day)
			if i%3 == 0 {
				v["dispute_type"] = "婚姻家庭"
			}
			if _, err := s.CreateRecord(ctx, admin, all(), "mediation", v); err != nil {
				t.Fatal(err)
			}
		}
		period := []store.Cond{{Field: "accepted_on", Op: store.OpGE, Value: "2024-01-01"}, {Field: "accepted_on", Op: store.OpLE, Value: "2024-12-31"}}
		base := store.Query{Kind: "mediation", OrgCode: "441481", Conds: period}
		ms := []store.Measure{
			{},
			{Conds: []store.Cond{{Field: "dispute_type", Op: store.OpEq, Value: "婚姻家庭"}}},
			{Conds: []store.Cond{{Field: "accepted_on", Op: store.OpGT, Value: "2024-02-10"}}},
			{Conds: []store.Cond{{Field: "committee", Op: store.OpEq, Value: "none"}}},
			{Agg: store.Agg{Func: "distinct", Field: "committee"}},
		}
		totals, _, err := s.AggregateEach(ctx, all(), base, store.Group{}, ms)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range ms {
			q := base
			q.Conds = append(append([]store.Cond{}, period...), m.Conds...)
			want, _, err := s.Aggregate(ctx, all(), q, m.Agg)
			if err != nil {
				t.Fatal(err)
			}
			if totals[i] != want {
				t.Errorf("measure %d: %v, Aggregate says %v", i, totals[i], want)
			}
		}
		counts := ms[:4]
		for i := range counts {
			counts[i].Agg = store.Agg{Func: "count", By: "dispute_type"}
		}
		totals, by, err := s.AggregateEach(ctx, all(), base, store.Group{By: "dispute_type"}, counts)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range counts {
			q := base
			q.Conds = append(append([]store.Cond{}, period...), m.Conds...)
			want, wantBy, err := s.Aggregate(ctx, all(), q, m.Agg)
			if err != nil {
				t.Fatal(err)
			}
			if totals[i] != want || !reflect.DeepEqual(by[i], wantBy) {
				t.Errorf("measure %d by type: %v %v, Aggregate says %v %v", i, totals[i], by[i], want, wantBy)
			}
		}
	})
}

// The figures' queries read the indexes of migrations 11 and 13 on both engines: a count of a kind
// over a period of its opening or closing date, alone or by a breakdown, a subtree's orgs, and the
// clocks open on a day.
func TestFigureQueriesUseIndexes(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		// Records over ten years, and statistics, so that a period is a small part of a kind and
		// the planner weighs the indexes as it would on a real ledger.
		var rows []store.ImportRow
		for i := 0; i < 400; i++ {
			v := mediation(fmt.Sprintf("M-%d", i), "441481100201-T", fmt.Sprintf("%04d-%02d-%02d", 2015+i%10, 1+i%12, 1+i%28))
			if i%10 != 0 { // most closed: their 调解期限 stopped
				v["result"], v["closed_on"] = "不成功", fmt.Sprintf("%04d-%02d-28", 2015+i%10, 1+i%12)
			}
			rows = append(rows, store.ImportRow{Line: i + 2, Values: v})
		}
		if _, bad, err := s.ImportRecords(ctx, admin, all(), "mediation", rows, false); err != nil || len(bad) != 0 {
			t.Fatalf("import: %v %v", err, bad)
		}
		if _, err := s.DB().ExecContext(ctx, "ANALYZE"); err != nil {
			t.Fatal(err)
		}
		in := func(field string) []store.Cond {
			return []store.Cond{{Field: field, Op: store.OpGE, Value: "2024-01-01"}, {Field: field, Op: store.OpLE, Value: "2024-12-31"}}
		}
		success := []store.Measure{{}, {Conds: []store.Cond{{Field: "result", Op: store.OpEq, Value: "成功"}}}}
		for _, c := range []struct {
			name, by, index string
			q               store.Query
		}{
			{"opened", "", "records_kind_opened", store.Query{Kind: "mediation", OrgCode: "441481", Conds: in("accepted_on")}},
			{"opened by type", "dispute_type", "records_kind_opened", store.Query{Kind: "mediation", OrgCode: "441481", Conds: in("accepted_on")}},
			{"closed", "", "records_kind_closed", store.Query{Kind: "mediation", OrgCode: "441481100", Conds: in("closed_on")}},
		} {
			ms := success
			if c.by != "" {
				ms = []store.Measure{{Agg: store.Agg{By: c.by}}, {Conds: success[1].Conds, Agg: store.Agg{By: c.by}}}
			}
			plan, err := s.ExplainAggregateEach(ctx, all(), c.q, store.Group{By: c.by}, ms)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(plan, c.index) {
				t.Errorf("%s: the plan does not read %s:\n%s", c.name, c.index, plan)
			}
		}
		// A subtree is a range of org paths, searched in the byte-ordered index (migration 13 on
		// PostgreSQL), not a LIKE that reads every org of a province for each figure.
		plan, err := s.ExplainSubtree(ctx, "441481100")
		if err != nil {
			t.Fatal(err)
		}
		search := map[string]string{"sqlite": "SEARCH orgs USING COVERING INDEX orgs_path (path>? AND path<?)",
			"postgres": "Index Cond"}[s.Dialect()]
		if !strings.Contains(plan, search) || !strings.Contains(plan, "orgs_path") ||
			s.Dialect() == "postgres" && !strings.Contains(plan, "orgs_path_bytes") {
			t.Errorf("a subtree's orgs are not searched in the path index:\n%s", plan)
		}
		plan, err = s.ExplainClocksOpen(ctx, all(), store.Query{Kind: "mediation", OrgCode: "441481"},
			store.ClockRuleFilter{Rules: []string{"mediation.settle"}}, "2024-12-31")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(plan, "clocks_open") {
			t.Errorf("clocks open on a day: the plan does not read clocks_open:\n%s", plan)
		}
	})
}
