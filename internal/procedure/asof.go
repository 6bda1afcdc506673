package procedure

import (
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
)

// ClocksAsOf projects a record's clocks as they stood at the end of `day` from the values it
// has now: a fact dated after `day` had not happened yet. Every Date field later than `day` is
// blanked, a suspension begun later is dropped and one ending later is still open, so the due
// date is the one known on `day`. A clock is Stopped on `day` only when its stop is dated on or
// before it; a stop the law gives no date of (StopWhen: 已审结, 复议终结) is dated by the
// record's closing date, and counted as a stop only when that date is unknown too. Each clock
// is Running (DaysLeft and Overdue counted to `day`), Paused, Waiting, NoCalendar or Stopped.
// A clock that had not started by `day` is absent.
func ClocksAsOf(k *law.Kind, v law.Values, cal *calendar.Calendar, day calendar.Date) []Clock {
	d := day.String()
	cut := valuesAsOf(k, v, d)
	closed := ""
	if f, ok := k.FieldByColumn(law.ColClosed); ok {
		closed = v.Str(f.Key)
	}
	var out []Clock
	for _, rule := range k.Clocks {
		now, ok := ProjectClock(cal, rule, v)
		if !ok {
			continue
		}
		c, ok := ProjectClock(cal, rule, cut)
		if !ok || c.Start == "" || c.Start > d {
			continue
		}
		if now.State == Stopped {
			at := now.Stopped
			if at == "" {
				at = closed
			}
			if at == "" || at <= d {
				c.State, c.Stopped = Stopped, at
				out = append(out, c)
				continue
			}
		}
		// Still running on `day`: whatever stopped it happened later.
		c.Stopped = ""
		if c.State == Stopped {
			c.State = Running
			if c.Due == "" {
				c.State = Paused
			}
		}
		if c.State == Running {
			due, _ := calendar.ParseDate(c.Due)
			var err error
			if c.DaysLeft, c.Overdue, err = Remaining(cal, rule.Unit, due, day); err != nil {
				c.Problem = err.Error()
			}
		}
		out = append(out, c)
	}
	return out
}

// valuesAsOf is v without the facts dated after d (see ClocksAsOf).
func valuesAsOf(k *law.Kind, v law.Values, d string) law.Values {
	cut := make(law.Values, len(v))
	for key, val := range v {
		cut[key] = val
	}
	for _, f := range k.Fields {
		switch f.Type {
		case law.Date:
			if s := v.Str(f.Key); s > d {
				delete(cut, f.Key)
			}
		case law.Intervals:
			items, ok := v[f.Key].([]string)
			if !ok {
				continue
			}
			kept := make([]string, 0, len(items))
			for _, it := range items {
				from, to, _ := strings.Cut(it, "~")
				if strings.TrimSpace(from) > d {
					continue
				}
				if strings.TrimSpace(to) > d {
					it = strings.TrimSpace(from) + "~"
				}
				kept = append(kept, it)
			}
			cut[f.Key] = kept
		}
	}
	return cut
}
