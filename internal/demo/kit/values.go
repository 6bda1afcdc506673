package kit

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
)

// Fill sets on v each pair of a key and a value, leaving out what a ledger leaves blank: a ""
// string, a zero date, a number ≤ 0, an empty list. It returns v.
func Fill(v law.Values, pairs ...any) law.Values {
	for i := 0; i+1 < len(pairs); i += 2 {
		key := pairs[i].(string)
		switch x := pairs[i+1].(type) {
		case string:
			if x != "" {
				v[key] = x
			}
		case calendar.Date:
			if !x.IsZero() {
				v[key] = x.String()
			}
		case int:
			if x > 0 {
				v[key] = strconv.Itoa(x)
			}
		case []string:
			if len(x) > 0 {
				v[key] = slices.Clone(x)
			}
		default:
			panic(fmt.Sprintf("kit.Fill: %s is a %T", key, x))
		}
	}
	return v
}

// Timeline gathers the steps of a record entered step by step, each on the day it was taken.
type Timeline []Step

// Add appends the step name taken on (its inputs the pairs, as Fill sets them), unless on is
// zero: a step that was not taken. order ranks the steps of one day.
func (t *Timeline) Add(on calendar.Date, order int, name string, pairs ...any) {
	if !on.IsZero() {
		*t = append(*t, Step{Name: name, In: Fill(law.Values{}, pairs...), On: on, order: order})
	}
}

// Sorted is the timeline in the order its steps were taken: by day, then by order.
func (t Timeline) Sorted() []Step {
	out := slices.Clone(t)
	slices.SortStableFunc(out, func(a, b Step) int {
		if n := a.On.Compare(b.On); n != 0 {
			return n
		}
		return a.order - b.order
	})
	return out
}
