package calendar

import (
	"fmt"
	"slices"
)

// Unit is the day unit of a statutory period.
type Unit string

const (
	// WD counts 工作日 (行政复议法 2023 第88条第2款: 三日、五日、七日、十日).
	WD Unit = "WD"
	// ND counts natural days, ending on a working day (民事诉讼法 2023 第85条; 行政复议法 第88条第1款).
	ND Unit = "ND"
)

// Interval is a span of days, both ends included. An open interval (a suspension still in
// force) has a zero To.
type Interval struct {
	From Date `json:"from"`
	To   Date `json:"to,omitzero"`
}

// Open reports whether the interval has no end yet.
func (iv Interval) Open() bool { return iv.To.IsZero() }

// Days is the number of days in a closed interval, both ends included (0 when open).
func (iv Interval) Days() int {
	if iv.Open() {
		return 0
	}
	return iv.To.Sub(iv.From) + 1
}

// Clock is a statutory period as a budget with a suspension ledger, not a stored due date, so a
// calendar update or a new suspension re-projects it.
type Clock struct {
	Start  Date `json:"start"`  // the day of the starting event; not counted
	Budget int  `json:"budget"` // the period, in Unit
	Unit   Unit `json:"unit"`
	// Suspensions are the spans during which the period stops running, e.g. 中止 under
	// 行政复议法 2023 第39条 (the decision period resumes when the ground is gone).
	Suspensions []Interval `json:"suspensions,omitempty"`
	// ExtensionDays is an approved extension in the clock's own Unit, e.g. the decision period
	// extended once by at most 30 ND (行政复议法 2023 第62条第1款).
	ExtensionDays int `json:"extension_days,omitempty"`
}

// Due returns the last day of the clock's period.
//
// ND: Start + Budget + ExtensionDays, pushed back by every suspended day after Start (overlapping
// suspensions count once), then moved to the next working day if it is a rest day
// (民事诉讼法 2023 第85条; 行政复议法 2023 第88条第1款).
//
// WD: from the day after Start, count working days that are not suspended until
// Budget + ExtensionDays have passed (行政复议法 2023 第88条第2款).
//
// In both units a suspension that begins after the period has already ended does not revive it.
// While a suspension is open the clock is paused: paused is true and due is zero.
// Missing year data gives ErrNoCalendar.
func (c *Calendar) Due(clk Clock) (due Date, paused bool, err error) {
	if clk.Start.IsZero() {
		return Date{}, false, fmt.Errorf("期限缺少起算日")
	}
	if clk.Budget < 0 || clk.ExtensionDays < 0 {
		return Date{}, false, fmt.Errorf("期限和延长天数不能为负数：%d、%d", clk.Budget, clk.ExtensionDays)
	}
	susp, open, err := mergeSuspensions(clk.Start, clk.Suspensions)
	if err != nil {
		return Date{}, false, err
	}
	if open {
		return Date{}, true, nil
	}
	n := clk.Budget + clk.ExtensionDays
	switch clk.Unit {
	case ND:
		due, err = c.dueND(clk.Start, n, susp)
	case WD:
		due, err = c.dueWD(clk.Start, n, susp)
	default:
		err = fmt.Errorf("未知的期限单位 %q：应为 WD 或 ND", clk.Unit)
	}
	if err != nil {
		return Date{}, false, err
	}
	return due, false, nil
}

func (c *Calendar) dueND(start Date, n int, susp []Interval) (Date, error) {
	raw := start.AddDays(n)
	for _, iv := range susp {
		end, err := c.WorkdayOnOrAfter(raw)
		if err != nil {
			return Date{}, err
		}
		if iv.From.After(end) {
			break // began after the period had ended
		}
		raw = raw.AddDays(iv.Days())
	}
	return c.WorkdayOnOrAfter(raw)
}

func (c *Calendar) dueWD(start Date, n int, susp []Interval) (Date, error) {
	d, i := start, 0
	for n > 0 {
		d = d.AddDays(1)
		if i < len(susp) && !d.Before(susp[i].From) {
			d = susp[i].To // skip the suspended span
			i++
			continue
		}
		ok, err := c.workday(d)
		if err != nil {
			return Date{}, err
		}
		if ok {
			n--
		}
	}
	return d, nil
}

// mergeSuspensions validates the suspensions, reports whether one is open, and returns the closed
// ones clipped to the days after start, sorted and merged so that no day counts twice.
func mergeSuspensions(start Date, in []Interval) (out []Interval, open bool, err error) {
	for _, iv := range in {
		if iv.From.IsZero() {
			return nil, false, fmt.Errorf("中止区间缺少起始日")
		}
		if iv.Open() {
			open = true
			continue
		}
		if iv.To.Before(iv.From) {
			return nil, false, fmt.Errorf("中止区间 %s 至 %s：结束日早于起始日", iv.From, iv.To)
		}
		if first := start.AddDays(1); iv.From.Before(first) {
			iv.From = first
		}
		if !iv.To.Before(iv.From) {
			out = append(out, iv)
		}
	}
	if open {
		return nil, true, nil
	}
	slices.SortFunc(out, func(a, b Interval) int { return a.From.Compare(b.From) })
	merged := out[:0]
	for _, iv := range out {
		if k := len(merged) - 1; k >= 0 && !iv.From.After(merged[k].To.AddDays(1)) {
			if iv.To.After(merged[k].To) {
				merged[k].To = iv.To
			}
			continue
		}
		merged = append(merged, iv)
	}
	return merged, false, nil
}
