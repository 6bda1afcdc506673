package demo

import (
	"context"
	"fmt"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

// The public-service ledgers of the demo: the seed report's 三(五) figures of 2024 by computation
// (the ranges indicators.md gives for 30余/50余), the notary's open clocks on the load day, and
// the service points set up in the period by their 设立日期.
func TestPublicServices(t *testing.T) {
	s := openSQLite(t)
	sum := load(t, s)
	ctx := context.Background()
	res, err := indicators.Compute(ctx, s, system(), cityCode, "2024-01-01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id       string
		min, max float64
	}{
		{"notary.certificates", 1946, 1946}, {"notary.home_visits", 31, 39}, {"notary.lenient", 51, 59},
		{"lawyer.advisory_clients", 66, 66}, {"lawyer.cases", 1806, 1806}, {"village_counsel.contracts_reviewed", 2143, 2143},
		{"village_counsel.coverage", 100, 100}, {"pls.platform_coverage", 100, 100},
	} {
		v, ok := res.Get(c.id)
		if !ok || v.Unavailable != "" || v.Value < c.min || v.Value > c.max {
			t.Errorf("2024 %s = %v (%s), want %v–%v", c.id, v.Value, v.Unavailable, c.min, c.max)
		}
	}
	if v, _ := res.Get("notary.median_days"); v.Value <= 0 || v.Value > 21 {
		t.Errorf("median days from acceptance to issue %v", v.Value)
	}

	// New points: exactly the 工作室 whose 设立日期 falls in 2024.
	orgs, err := s.Orgs(ctx, system())
	if err != nil {
		t.Fatal(err)
	}
	founded := 0
	for _, o := range orgs {
		if o.FoundedOn >= "2024-01-01" && o.FoundedOn <= "2024-12-31" {
			founded++
		}
	}
	if v, _ := res.Get("pls.new_points"); founded == 0 || v.Value != float64(founded) {
		t.Errorf("new points in 2024: figure %v, orgs founded %d", v.Value, founded)
	}
	if len(orgs) != sum.Orgs {
		t.Errorf("%d orgs stored, summary says %d", len(orgs), sum.Orgs)
	}

	// The 公证处's open matters on the load day: some near the fifteen working days, some past
	// them, one paused by a verification.
	clocks, err := s.OpenClocks(ctx, system(), cityCode, histEnd, 0)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]int{}
	for _, c := range clocks {
		if c.Rule != "notary.issue" {
			continue
		}
		switch {
		case c.State == "paused":
			states["paused"]++
		case c.Overdue:
			states["overdue"]++
		case c.DaysLeft <= 3:
			states["near"]++
		default:
			states["running"]++
		}
	}
	t.Logf("open notary clocks on %s: %v", histEnd, states)
	if states["paused"] != 1 || states["overdue"] < 2 || states["near"] < 2 || states["running"] < 3 {
		t.Errorf("open notary clocks on %s: %v", histEnd, states)
	}
	// A lenient certificate's documents came in by its issue (the kind's check), and the clerk's
	// suspended matter shows its steps.
	recs, _, err := s.List(ctx, system(), store.Filter{Query: store.Query{Kind: "notarization",
		Conds: []store.Cond{{Field: "stage", Op: store.OpEq, Value: "中止"}}}})
	if err != nil || len(recs) != 1 {
		t.Fatalf("suspended notarizations: %d %v", len(recs), err)
	}
	evs, err := s.Events(ctx, system(), recs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, e := range evs {
		steps = append(steps, e.To)
	}
	if got := fmt.Sprint(steps); got != "[已受理 审查中 中止]" {
		t.Errorf("timeline of %s: %s", recs[0].Code, got)
	}
}
