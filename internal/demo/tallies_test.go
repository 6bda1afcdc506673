package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

// checkTalliedFigures: every count the tallies keep comes out of them as it comes out of the
// records — at the city, each town and street, and villages; for a year, a period with ragged
// ends (whole months from the tallies, the days around them from the records) and the months of
// 2025 — totals and breakdowns alike.
func checkTalliedFigures(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	var ids []string
	var kept []store.TallyMeasure
	for _, m := range indicators.TallyMeasures() {
		if s.KeepsTally(m) {
			ids, kept = append(ids, m.ID), append(kept, m)
		}
	}
	if len(ids) < 40 {
		t.Fatalf("the tallies keep %d counts of the catalog", len(ids))
	}
	orgs := []string{cityCode}
	for _, tw := range towns {
		orgs = append(orgs, tw.code)
	}
	all, err := s.Orgs(ctx, system())
	if err != nil {
		t.Fatal(err)
	}
	villages := 0
	for _, o := range all {
		if o.ParentCode == towns[0].code && villages < 3 {
			orgs, villages = append(orgs, o.Code), villages+1
		}
	}
	for _, org := range orgs {
		// The tallies answer there (the city, its towns, their villages: the top three levels).
		if _, _, ok, err := s.TallyCounts(ctx, system(), org, kept, "2024-01", "2024-12"); err != nil || !ok {
			t.Fatalf("the tallies do not answer at %s: %v", org, err)
		}
		// A year's trend: each month's bar as the records give it.
		got, err := indicators.MonthlyIDs(ctx, s, system(), org, 2024, ids)
		if err != nil {
			t.Fatal(err)
		}
		want, err := indicators.MonthlyIDs(indicators.WithoutTallies(ctx), s, system(), org, 2024, ids)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w {
			t.Errorf("2024 by month at %s: from the tallies %s, from the records %s", org, g, w)
		}
		// The stocks' trend (法律明白人 at each month's end) read in one query: each bar the month's Totals.
		stocks := []string{"navigators.total", "normative.in_force", "plan.tasks"}
		bars, err := indicators.MonthlyIDs(ctx, s, system(), org, 2024, stocks)
		if err != nil {
			t.Fatal(err)
		}
		for m := 1; m <= 12; m++ {
			from, to := indicators.MonthBounds(2024, m)
			month, err := indicators.Totals(ctx, s, system(), org, from, to, stocks)
			if err != nil {
				t.Fatal(err)
			}
			for i := range stocks {
				if g, w := fmt.Sprint(bars[i][m-1]), fmt.Sprint(month.List[i]); g != w {
					t.Errorf("%s at %s in month %d: the trend says %s, the month's figure %s", stocks[i], org, m, g, w)
				}
			}
		}
		for _, p := range []indicators.Period{{From: "2024-01-01", To: "2024-12-31"}, {From: "2023-03-15", To: "2024-11-20"}, {From: "2025-01-01", To: "2025-03-31"}} {
			got, err := indicators.ComputeIDs(ctx, s, system(), org, p.From, p.To, ids)
			if err != nil {
				t.Fatal(err)
			}
			want, err := indicators.ComputeIDs(indicators.WithoutTallies(ctx), s, system(), org, p.From, p.To, ids)
			if err != nil {
				t.Fatal(err)
			}
			for i := range want.List {
				g, _ := json.Marshal(got.List[i])
				w, _ := json.Marshal(want.List[i])
				if string(g) != string(w) {
					t.Errorf("%s at %s %v: from the tallies %s, from the records %s", want.List[i].ID, org, p, g, w)
				}
			}
		}
	}
}
