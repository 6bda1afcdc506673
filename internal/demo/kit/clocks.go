package kit

import (
	"fmt"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// rule finds a kind's clock; a demo naming a clock the kind does not have is a programming error
// that the kind's demo test meets at once.
func rule(kind, clock string) law.ClockRule {
	k, ok := law.Lookup(kind)
	if ok {
		for _, c := range k.Clocks {
			if c.ID == clock {
				return c
			}
		}
	}
	panic(fmt.Sprintf("kit: kind %s has no clock %s", kind, clock))
}

// Budget is the period the clock gives a record with values v (its BudgetFor, else its Budget),
// as declared in internal/law: a demo never types a statutory period again.
func Budget(kind, clock string, v law.Values) int { return rule(kind, clock).BudgetOf(v) }

// Due is the last day of the clock's period for v — started by its start field, suspended by its
// suspension intervals, extended by its extension — exactly as the store's clocks compute it.
// An error says the calendar lacks a year the period needs.
func Due(cal *calendar.Calendar, kind, clock string, v law.Values) (calendar.Date, error) {
	r := rule(kind, clock)
	r.StopField, r.StopAt, r.StopWhen = "", nil, nil // the due date, whether or not the duty is done
	c, ok := procedure.ProjectClock(cal, r, v)
	switch {
	case !ok:
		return calendar.Date{}, fmt.Errorf("期限「%s」对该记录不计算（缺少起算日 %s）", r.Label, r.StartField)
	case c.State == procedure.NoCalendar:
		return calendar.Date{}, fmt.Errorf("期限「%s」：%s", r.Label, c.Problem)
	case c.Due == "":
		return calendar.Date{}, fmt.Errorf("期限「%s」仍在中止中，没有届满日", r.Label)
	}
	return calendar.ParseDate(c.Due)
}
