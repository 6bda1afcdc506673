package procedure

import (
	"errors"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
)

// Clock states (the store keeps them in its clocks table; spec/law.md "Clocks").
const (
	Running    = "running"     // counting; Due set
	Paused     = "paused"      // an open suspension holds it (行政复议法第39条)
	Stopped    = "stopped"     // the duty was done (Stopped set when the date is known)
	NoCalendar = "no_calendar" // the calendar lacks a year the period needs: an alert, never a guess
	// Waiting: the event that opens the period happened (ClockRule.PendingOn) but the date the
	// period runs from is not yet recorded (补正: the applicant's receipt of the notice). No due
	// date; Problem says what is missing.
	Waiting = "waiting"
)

// Clock is one statutory period as it stands for a record.
type Clock struct {
	Rule  law.ClockRule
	Start string // YYYY-MM-DD: the day of the starting event (not counted)
	Due   string // the last day of the period; "" while paused or without a calendar
	// Provisional is, without a calendar for a year the period needs, its last day counted as
	// if that year were plain Mon–Fri: shown marked 「待日历确认」, never acted on, replaced when
	// the year is entered (law.md, Calendar).
	Provisional string
	Stopped     string // the day the duty was done, when known
	State       string // Running, Paused, Stopped or NoCalendar
	Problem     string // why there is no due date (NoCalendar)
	// DaysLeft counts from today to Due in the rule's unit (WD rules in working days), negative
	// when Overdue; both are set only for a running clock.
	DaysLeft int
	Overdue  bool
}

// Deemed is a step now due: the period ran out (Due is before today) while the record is
// still in a state the step leaves. In Projection.Deemed an automatic one (行政复议法第30条第3款
// 视为受理); in Projection.Proposed one a clerk must confirm (第31条第2款 视为放弃, 记录在案).
type Deemed struct {
	Transition string // the transition's name
	Rule       law.ClockRule
	Due        string
}

// Projection is what a record's values mean on a day.
type Projection struct {
	Status   string
	Clocks   []Clock
	Deemed   []Deemed
	Proposed []Deemed
}

// Project computes a record's state, its clocks and the automatic steps due on `today`.
// Clocks whose start date is unset, or whose When does not hold, do not run and are absent.
func Project(k *law.Kind, v law.Values, cal *calendar.Calendar, today calendar.Date) Projection {
	p := Projection{Status: Status(k, v)}
	for _, rule := range k.Clocks {
		c, ok := ProjectClock(cal, rule, v)
		if !ok {
			continue
		}
		if c.State == Running && !today.IsZero() {
			due, _ := calendar.ParseDate(c.Due)
			var err error
			if c.DaysLeft, c.Overdue, err = Remaining(cal, rule.Unit, due, today); err != nil {
				c.Problem = err.Error()
			}
			if rule.Deemed != "" && c.Overdue {
				if tr, ok := k.Transition(rule.Deemed); ok && contains(tr.From, p.Status) {
					p.Deemed = append(p.Deemed, Deemed{Transition: tr.Name, Rule: rule, Due: c.Due})
				}
			}
			if rule.Proposes != "" && c.Overdue {
				if tr, ok := k.Transition(rule.Proposes); ok && contains(tr.From, p.Status) {
					p.Proposed = append(p.Proposed, Deemed{Transition: tr.Name, Rule: rule, Due: c.Due})
				}
			}
		}
		if c.State == Waiting {
			f, _ := k.Field(rule.StartField)
			c.Problem = "尚未登记「" + f.Label + "」，" + rule.Label + "无法起算"
		}
		p.Clocks = append(p.Clocks, c)
	}
	return p
}

// Status is the state a record's values put it in: its status field, or the kind's first
// state while that is unset. Kinds without states have none ("").
func Status(k *law.Kind, v law.Values) string {
	f, ok := k.FieldByColumn(law.ColStatus)
	if !ok {
		return ""
	}
	if s := v.Str(f.Key); s != "" {
		return s
	}
	if len(k.States) > 0 {
		return k.States[0]
	}
	return ""
}

// Settle fills what follows from the values before they are checked and kept: the kind's
// Normalize (e.g. a case imported from a ledger that records only dates and outcomes gets its
// stage) and the first state for a new record.
func Settle(k *law.Kind, v law.Values) {
	if k.Normalize != nil {
		k.Normalize(v)
	}
	if f, ok := k.FieldByColumn(law.ColStatus); ok && v.Str(f.Key) == "" && len(k.States) > 0 {
		v[f.Key] = k.States[0]
	}
}

// SettleIn is Settle followed by the kind's flags under env (the calendar in force and
// today): each flag field is rewritten with the labels of the flags that hold, so a flag is a
// function of the values like the state and the clocks, and what a user typed there is
// replaced (law.md "Refuse or flag": stored and flagged, never refused).
func SettleIn(k *law.Kind, v law.Values, env law.Env) {
	Settle(k, v)
	if len(k.Flags) == 0 {
		return
	}
	held := map[string][]string{}
	for _, f := range k.Flags {
		if _, ok := held[f.Field]; !ok {
			held[f.Field] = nil // cleared even when no flag holds
		}
		if f.Test(v, env) {
			held[f.Field] = append(held[f.Field], f.Label)
		}
	}
	for field, labels := range held {
		if len(labels) == 0 {
			delete(v, field)
		} else {
			v[field] = labels
		}
	}
}

// ProjectClock computes one rule's clock for the values; ok is false when the clock does not
// run for them (no start date, or When does not hold).
func ProjectClock(cal *calendar.Calendar, rule law.ClockRule, v law.Values) (c Clock, ok bool) {
	c.Rule = rule
	c.Start = v.Str(rule.StartField)
	if c.Start == "" && rule.StartFallback != "" {
		c.Start = v.Str(rule.StartFallback)
	}
	if rule.When != nil && !rule.When(v) {
		return c, false
	}
	if c.Start == "" && rule.PendingOn != "" && v.Str(rule.PendingOn) != "" {
		// The period exists but cannot be dated yet (its Problem is set by Project).
		c.Start, c.State = v.Str(rule.PendingOn), Waiting
		if rule.StopWhen != nil && rule.StopWhen(v) || v.Str(rule.StopField) != "" {
			c.State, c.Stopped = Stopped, v.Str(rule.StopField)
		}
		return c, true
	}
	if c.Start == "" {
		return c, false
	}
	c.Stopped = v.Str(rule.StopField)
	if c.Stopped == "" && rule.StopAt != nil {
		c.Stopped = rule.StopAt(v)
	}
	stopped := c.Stopped != "" || (rule.StopWhen != nil && rule.StopWhen(v))
	clk := calendar.Clock{Budget: rule.BudgetOf(v), Unit: calendar.Unit(rule.Unit)}
	var err error
	if clk.Start, err = calendar.ParseDate(c.Start); err != nil {
		c.State, c.Problem = NoCalendar, "起算日无效："+c.Start
		return c, true
	}
	if rule.SuspensionsField != "" {
		clk.Suspensions = suspensions(v, rule.SuspensionsField)
	}
	if rule.ExtensionDays != nil {
		clk.ExtensionDays = rule.ExtensionDays(v)
	}
	var (
		due    calendar.Date
		paused bool
	)
	if rule.Fixed {
		due = clk.Start.AddDays(clk.Budget + clk.ExtensionDays) // a stated date (law.ClockRule.Fixed)
	} else {
		due, paused, err = cal.Due(clk)
	}
	switch {
	case err != nil:
		c.State, c.Problem = NoCalendar, err.Error()
		if p := provisionalDue(cal, clk); p != "" {
			c.Provisional = p
			c.Problem += "；按周一至周五暂算为 " + p + "（待日历确认）"
		}
	case paused:
		c.State = Paused
	default:
		c.Due, c.State = due.String(), Running
	}
	if stopped {
		c.State = Stopped
	}
	return c, true
}

// provisionalDue counts the period with each missing year as plain weekdays (at most two).
func provisionalDue(cal *calendar.Calendar, clk calendar.Clock) string {
	for range 2 {
		due, paused, err := cal.Due(clk)
		var missing calendar.ErrNoCalendar
		switch {
		case err == nil && !paused:
			return due.String()
		case errors.As(err, &missing):
			cal = cal.Provisional(missing.Year)
		default:
			return ""
		}
	}
	return ""
}

// suspensions reads an Intervals field (`起日~止日`, an open one `起日~`).
func suspensions(v law.Values, key string) []calendar.Interval {
	items, _ := v[key].([]string)
	out := make([]calendar.Interval, 0, len(items))
	for _, it := range items {
		from, to, _ := strings.Cut(it, "~")
		var iv calendar.Interval
		iv.From, _ = calendar.ParseDate(from)
		if to != "" {
			iv.To, _ = calendar.ParseDate(to)
		}
		out = append(out, iv)
	}
	return out
}

// Remaining counts from `on` to `due` in the period's unit (working days for a WD period),
// negative once overdue; overdue is true from the day after the due date.
func Remaining(cal *calendar.Calendar, unit law.DayUnit, due, on calendar.Date) (left int, overdue bool, err error) {
	if unit == law.WorkingDays {
		left, err = cal.WorkdaysBetween(on, due)
	} else {
		left = due.Sub(on)
	}
	return left, due.Before(on), err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
