package kit

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
)

// Cal is date arithmetic on the working-day calendar with a caller's random stream. A calendar
// that lacks a year is not an error a generator can handle at every step: Cal panics with a
// CalendarError, which Recovered turns into the loader's error.
type Cal struct {
	R   *rand.Rand
	Cal *calendar.Calendar
}

// CalendarError carries a calendar failure out of a generator's date arithmetic.
type CalendarError struct{ Err error }

// Recovered, deferred, turns a failure deep in a generator into *err: the calendar lacking a
// year, or a plan the statute's clocks do not allow (a bug in the generator, said loudly) —
// never a panic out of `fazhi demo`.
func Recovered(what string, err *error) {
	switch p := recover().(type) {
	case nil:
	case CalendarError:
		*err = fmt.Errorf("生成演示%s需要工作日历：%w", what, p.Err)
	default:
		*err = fmt.Errorf("生成演示%s失败：%v", what, p)
	}
}

// WD is the n-th working day after d (before, for n < 0).
func (g Cal) WD(d calendar.Date, n int) calendar.Date {
	out, err := g.Cal.AddWorkdays(d, n)
	if err != nil {
		panic(CalendarError{err})
	}
	return out
}

// IsWorkday reports whether d is a working day.
func (g Cal) IsWorkday(d calendar.Date) bool {
	ok, _, err := g.Cal.IsWorkday(d)
	if err != nil {
		panic(CalendarError{err})
	}
	return ok
}

// WorkdayWeight is a DayWeight of 1 on working days and 0 on the others.
func (g Cal) WorkdayWeight(d calendar.Date) float64 {
	if g.IsWorkday(d) {
		return 1
	}
	return 0
}

// NextWorkday is d, or the first working day after it.
func (g Cal) NextWorkday(d calendar.Date) calendar.Date {
	for !g.IsWorkday(d) {
		d = d.AddDays(1)
	}
	return d
}

func (g Cal) pool(lo, hi calendar.Date) []calendar.Date {
	var days []calendar.Date
	for d := lo; !d.After(hi); d = d.AddDays(1) {
		if g.IsWorkday(d) {
			days = append(days, d)
		}
	}
	return days
}

// PickDay draws a working day in [lo, hi] with one draw; skew < 1 leans towards hi (decisions
// tend to be issued late in their period). ok is false, and nothing drawn, when the span has no
// working day.
func (g Cal) PickDay(lo, hi calendar.Date, skew float64) (calendar.Date, bool) {
	days := g.pool(lo, hi)
	if len(days) == 0 {
		return lo, false
	}
	i := int(math.Pow(g.R.Float64(), skew) * float64(len(days)))
	return days[min(i, len(days)-1)], true
}

// Day is PickDay, uniform, of two ISO dates.
func (g Cal) Day(lo, hi string) calendar.Date {
	d, _ := g.PickDay(calendar.MustParseDate(lo), calendar.MustParseDate(hi), 1)
	return d
}

// Workdays lists n working days in [from, to] drawn uniformly (one draw each), in order.
func (g Cal) Workdays(from, to calendar.Date, n int) []calendar.Date {
	pool := g.pool(from, to)
	out := make([]calendar.Date, n)
	for i := range out {
		out[i] = pool[g.R.IntN(len(pool))]
	}
	slices.SortFunc(out, calendar.Date.Compare)
	return out
}

// Due is kit.Due on g's calendar; a calendar that cannot compute it panics with a CalendarError.
func (g Cal) Due(kind, clock string, v law.Values) calendar.Date {
	d, err := Due(g.Cal, kind, clock, v)
	if err != nil {
		panic(CalendarError{err})
	}
	return d
}

// Later is the later of a and b; Earlier the earlier.
func Later(a, b calendar.Date) calendar.Date {
	if a.After(b) {
		return a
	}
	return b
}

func Earlier(a, b calendar.Date) calendar.Date {
	if a.Before(b) {
		return a
	}
	return b
}

// PerDay scales a count of the span [refFrom, refTo] to [from, to] by the weight of their days:
// how many records a span receives at a reference year's rate.
func PerDay(n int, refFrom, refTo, from, to calendar.Date, w DayWeight) int {
	if to.Before(from) {
		return 0
	}
	return int(math.Round(float64(n) * Weight(from, to, w) / Weight(refFrom, refTo, w)))
}
