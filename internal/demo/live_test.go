package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

// liveDay is a load day late in the calendar's last year, as a newcomer's first start would be.
var liveDay = calendar.MustParseDate("2026-11-20")

// TestLoadLive loads the demo as it stands on liveDay: 2023 and 2024 are exactly what they were,
// and the open clocks look like a working bureau's — most running, some due within five working
// days, a handful overdue, none of them hundreds of days late.
func TestLoadLive(t *testing.T) {
	s := openSQLite(t)
	sum, err := LoadAsOf(context.Background(), s, loader, system(), liveDay)
	if err != nil {
		t.Fatal(err)
	}
	if sum.AsOf != liveDay.String() || sum.Capped != "" {
		t.Fatalf("as of %s (%s), want %s", sum.AsOf, sum.Capped, liveDay)
	}
	check2024Unchanged(t, s)
	check2023Figures(t, s)
	clocks, err := s.OpenClocks(context.Background(), system(), cityCode, liveDay, 0)
	if err != nil {
		t.Fatal(err)
	}
	var running, soon, overdue int
	for _, c := range clocks {
		switch {
		case c.Overdue:
			overdue++
			if c.DaysLeft < -30 {
				t.Errorf("%s %s is %d days overdue on the load day", c.RecordCode, c.Rule, -c.DaysLeft)
			}
		case c.State == store.ClockRunning && c.DaysLeft <= 5:
			soon++
		case c.State == store.ClockRunning:
			running++
		}
	}
	t.Logf("on %s: %d running, %d due within 5 days, %d overdue (%d clocks)", liveDay, running, soon, overdue, len(clocks))
	if overdue < 2 || overdue > 12 || soon == 0 || running < 5*overdue || running < soon {
		t.Errorf("open clocks on %s: %d running, %d due soon, %d overdue", liveDay, running, soon, overdue)
	}
	// deadlines.open_overdue is the stock at each year's end (issue 8 item 10): the late answers
	// across the new year's holidays (lateAnswers, 行政诉讼法第67条) count in their year though
	// they were filed in January, and the years differ as their data do.
	for year, want := range lateAnswers {
		y := fmt.Sprint(year)
		res, err := indicators.Compute(context.Background(), s, system(), cityCode, y+"-01-01", y+"-12-31")
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := res.Get("deadlines.open_overdue"); v.Value != float64(want) || v.By["行政应诉"] != float64(want) {
			t.Errorf("deadlines.open_overdue %d: %v %v, want %d late answers", year, v.Value, v.By, want)
		}
	}
	for kind, field := range map[string]string{"mediation": "accepted_on", "reconsideration": "received_on", "litigation": "filed_on", "letter": "sent_on"} {
		n, _, err := s.Aggregate(context.Background(), system(), store.Query{Kind: kind, Conds: []store.Cond{
			{Field: field, Op: store.OpGE, Value: "2026-01-01"}, {Field: field, Op: store.OpLE, Value: liveDay.String()}}}, store.Agg{})
		if err != nil || n == 0 {
			t.Errorf("no %s records in 2026 up to the load day: %v", kind, err)
		}
	}
}

// TestLiveDeterministic: the continuation to a given day draws the same records every time.
func TestLiveDeterministic(t *testing.T) {
	draw := func() ([]dispute, []*reconCase) {
		tr := buildTree(rand.New(rand.NewPCG(seed, streamOrgs)))
		hist, err := generateDisputes(rand.New(rand.NewPCG(seed, streamMedia)), &tr)
		if err != nil {
			t.Fatal(err)
		}
		ds, err := liveDisputes(rand.New(rand.NewPCG(seed, streamMediaLive)), &tr, hist, liveDay)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := planning(calendar.Default())
		if err != nil {
			t.Fatal(err)
		}
		cs, _, err := liveReconsiderations(rand.New(rand.NewPCG(seed, streamReconLive)), plan, generatedReconsiderations(t), liveDay)
		if err != nil {
			t.Fatal(err)
		}
		return ds, cs
	}
	d1, c1 := draw()
	d2, c2 := draw()
	if !reflect.DeepEqual(d1, d2) || !reflect.DeepEqual(c1, c2) {
		t.Fatal("two draws of the continuation differ")
	}
	for _, d := range d1 {
		if d.accepted.After(liveDay) || d.closed.After(liveDay) || d.confirmedOn.After(liveDay) {
			t.Fatalf("dispute %s has a day after the load day: %+v", d.code, d)
		}
	}
	for _, c := range c1 {
		for _, d := range []calendar.Date{c.received, c.accepted, c.copySent, c.answered, c.closed, c.suspended, c.resumed, c.extApproved, c.acceptanceClosed} {
			if d.After(liveDay) {
				t.Fatalf("case %s has a day after the load day: %+v", c.code, c)
			}
		}
	}
}

// TestLoadAsOfBounds: a day before the first ledgers' last day is refused; a day past the
// calendar's last 15 December stands on that day and says why.
func TestLoadAsOfBounds(t *testing.T) {
	s := openSQLite(t)
	if _, err := LoadAsOf(context.Background(), s, loader, system(), histEnd.AddDays(-1)); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("as of %s: %v", histEnd.AddDays(-1), err)
	}
}
