package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// The tree figures' queries (CountOrgs, Held) read the records of a period through the index
// of migration 11 and find their owners (and Held's walk up the parents) by primary key, on both
// engines; the orgs themselves are one pass over the tree (the subtree is a path prefix).
func TestTreeFigureQueriesUseIndexes(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		if _, err := s.ImportOrgs(ctx, admin, all(), []store.OrgInput{
			{Code: "441481100-GFZ", Name: "甲镇工作站", Type: "公共法律服务工作站", ParentCode: "441481"},
		}); err != nil {
			t.Fatal(err)
		}
		var rows []store.ImportRow
		for i := 0; i < 400; i++ {
			rows = append(rows, store.ImportRow{Line: i + 2, Values: mediation(fmt.Sprintf("M-%d", i), "441481100201-T",
				fmt.Sprintf("%04d-%02d-%02d", 2015+i%10, 1+i%12, 1+i%28))})
		}
		if _, bad, err := s.ImportRecords(ctx, admin, all(), "mediation", rows, false); err != nil || len(bad) != 0 {
			t.Fatalf("import: %v %v", err, bad)
		}
		if _, err := s.DB().ExecContext(ctx, "ANALYZE"); err != nil {
			t.Fatal(err)
		}
		pk := "INTEGER PRIMARY KEY"
		if s.Dialect() == "postgres" {
			pk = "orgs_pkey"
		}
		period := []store.Cond{{Field: "accepted_on", Op: store.OpGE, Value: "2024-01-01"}, {Field: "accepted_on", Op: store.OpLE, Value: "2024-12-31"}}
		cases := []struct{ name, plan string }{}
		plan, err := s.ExplainCountOrgs(ctx, all(), store.OrgSet{Under: "441481", Types: []string{"镇", "村"}, Covered: []store.Cover{
			{NamedBy: []store.Query{{Kind: "mediation", Conds: period}}, Field: "committee"},
			{Below: []string{"公共法律服务工作站"}, FoundedBy: "2024-12-31"}}, Gaps: 10})
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct{ name, plan string }{"count orgs", plan})
		plan, err = s.ExplainHeld(ctx, all(), store.Holding{Records: store.Query{Kind: "mediation", OrgCode: "441481", Conds: period},
			Agg: store.Agg{Func: "count"}, Units: []string{"村"}, Min: 3})
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct{ name, plan string }{"held", plan})
		for _, c := range cases {
			for _, want := range []string{"records_kind_opened", pk} {
				if !strings.Contains(c.plan, want) {
					t.Errorf("%s: the plan does not read %s:\n%s", c.name, want, c.plan)
				}
			}
		}
	})
}
