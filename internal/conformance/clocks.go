package conformance

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// clockOn is the reference date of the open-clocks list: the last day of the records' year.
const clockOn = "2024-12-31"

// checkClocks: every record the suite made carries exactly the clocks its kind's rules start
// for its values, in the state the rule says (stopped by its stop date or condition, paused by
// an open suspension, else running to a due date the calendar confirms), and /api/v1/clocks
// lists exactly the open ones.
func (w *world) checkClocks(t *testing.T) {
	kind := w.kind
	if len(kind.Clocks) == 0 {
		t.Skipf("%s declares no clocks", kind.Name)
	}
	ctx := context.Background()
	cal := w.st.Calendar()
	started := map[string]int{}
	states := map[string]int{}
	wantOpen := map[string]bool{} // record id/rule
	for _, rec := range w.list(t, w.clerk, "").Items {
		v := rec.values()
		got := map[string]store.ClockView{}
		clocks, err := w.st.Clocks(ctx, store.SystemAll(), store.ClockFilter{RecordID: rec.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range clocks {
			got[c.Rule] = c
		}
		for _, rule := range kind.Clocks {
			start := v.Str(rule.StartField)
			if start == "" {
				start = v.Str(rule.StartFallback)
			}
			c, has := got[rule.ID]
			delete(got, rule.ID)
			if want := start != "" && (rule.When == nil || rule.When(v)); want != has {
				t.Errorf("%s %s: clock %s projected %v, its rule says %v", rec.Code, rec.Status, rule.ID, has, want)
				continue
			} else if !want {
				continue
			}
			started[rule.ID]++
			states[c.State]++
			if c.Start != start {
				t.Errorf("%s: clock %s starts %s, want %s", rec.Code, rule.ID, c.Start, start)
			}
			w.checkClock(t, cal, rule, v, rec, c)
			if c.State != store.ClockStopped && (!rule.Lapses || c.Due == "" || c.Due >= clockOn) {
				wantOpen[rec.Code+"/"+rule.ID] = true
			}
		}
		for id := range got {
			t.Errorf("%s: clock %s is no rule of %s", rec.Code, id, kind.Name)
		}
	}
	for _, rule := range kind.Clocks {
		if started[rule.ID] == 0 {
			t.Errorf("no synthesised record starts clock %s (%s): the suite checked nothing of it", rule.ID, rule.Label)
		}
	}
	t.Logf("clocks by state: %v", states)

	var open struct {
		Items []store.ClockView `json:"items"`
	}
	if code, body := w.as(t, w.clerk).call(http.MethodGet, "/api/v1/clocks?on="+clockOn, nil, &open); code != http.StatusOK {
		t.Fatalf("GET /api/v1/clocks: %d %s", code, clip(body))
	}
	listed := map[string]bool{}
	for _, c := range open.Items {
		if c.Kind == kind.Name {
			listed[c.RecordCode+"/"+c.Rule] = true
		}
	}
	for k := range wantOpen {
		if !listed[k] {
			t.Errorf("open clock %s missing from /api/v1/clocks", k)
		}
	}
	for k := range listed {
		if !wantOpen[k] {
			t.Errorf("/api/v1/clocks lists %s, which is not open", k)
		}
	}
}

// checkClock compares one projected clock with its rule.
func (w *world) checkClock(t *testing.T, cal *calendar.Calendar, rule law.ClockRule, v law.Values, rec record, c store.ClockView) {
	stopAt := v.Str(rule.StopField)
	if stopAt == "" && rule.StopAt != nil {
		stopAt = rule.StopAt(v)
	}
	stopped := stopAt != "" || (rule.StopWhen != nil && rule.StopWhen(v))
	var open, closed bool
	if rule.SuspensionsField != "" {
		items, _ := v[rule.SuspensionsField].([]string)
		for _, it := range items {
			if strings.HasSuffix(it, "~") {
				open = true
			} else {
				closed = true
			}
		}
	}
	want := store.ClockRunning
	switch {
	case stopped:
		want = store.ClockStopped
	case open:
		want = store.ClockPaused
	}
	if c.State != want {
		t.Errorf("%s %s: clock %s is %s, want %s (values %v)", rec.Code, rec.Status, rule.ID, c.State, want, v)
		return
	}
	if stopped && c.Stopped != stopAt {
		t.Errorf("%s: clock %s stopped on %q, want %q", rec.Code, rule.ID, c.Stopped, stopAt)
	}
	if open || c.State == store.ClockNoCalendar {
		return
	}
	if c.Due == "" {
		t.Errorf("%s: clock %s (%s) has no due date", rec.Code, rule.ID, c.State)
		return
	}
	n := rule.BudgetOf(v)
	if rule.ExtensionDays != nil {
		n += rule.ExtensionDays(v)
	}
	start, due := calendar.MustParseDate(c.Start), calendar.MustParseDate(c.Due)
	var nominal calendar.Date
	var err error
	switch rule.Unit {
	case law.WorkingDays:
		nominal, err = cal.AddWorkdays(start, n)
	default:
		nominal, err = cal.AddNaturalDays(start, n)
	}
	if err != nil {
		t.Fatal(err)
	}
	// Suspended days push the due date back; without them it is the calendar's own sum.
	if (closed && due.Before(nominal)) || (!closed && !due.Equal(nominal)) {
		t.Errorf("%s: clock %s due %s, want %s (%d %s from %s)", rec.Code, rule.ID, due, nominal, n, rule.Unit, start)
	}
	if ok, _, _ := cal.IsWorkday(due); !ok {
		t.Errorf("%s: clock %s falls due on a rest day %s", rec.Code, rule.ID, due)
	}
}
