package procedure

import (
	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
)

// Env is the law.Env of a calendar on a day: what a transition's Apply and a working-day check
// see. A nil calendar gives rules none (they then let the values pass).
func Env(cal *calendar.Calendar, today calendar.Date) law.Env {
	env := law.Env{}
	if !today.IsZero() {
		env.Today = today.String()
	}
	if cal != nil {
		env.AddWorkdays = func(d string, n int) (string, error) {
			day, err := calendar.ParseDate(d)
			if err != nil {
				return "", err
			}
			out, err := cal.AddWorkdays(day, n)
			return out.String(), err
		}
		env.Due = func(rule law.ClockRule, v law.Values) string {
			c, ok := ProjectClock(cal, rule, v)
			if !ok {
				return ""
			}
			return c.Due
		}
	}
	return env
}
