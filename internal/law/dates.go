package law

import "time"

// Date helpers for the rules that compare or shift dates. Values keep dates as YYYY-MM-DD; the
// working-day calendar lives elsewhere (package calendar) and reaches rules through Env.

// AddDays returns the date n natural days after d ("" when d is not a date).
func AddDays(d string, n int) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

// DaysBetween returns to − from in natural days (0 when either is not a date).
func DaysBetween(from, to string) int {
	a, err1 := time.Parse("2006-01-02", from)
	b, err2 := time.Parse("2006-01-02", to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(b.Sub(a).Hours() / 24)
}

// AddWorkdaysFunc shifts a date by n working days under the calendar in force.
type AddWorkdaysFunc func(date string, n int) (string, error)

// DateOrder says that the date field After may not be earlier than Before, with the message
// shown when it is.
type DateOrder struct{ Before, After, Message string }

// OutOfOrder returns the first pair of dates (both set) in the wrong order: the later field's
// key and the message, or "" when all are in order.
func OutOfOrder(v Values, order []DateOrder) (field, message string) {
	for _, o := range order {
		if a, b := v.Str(o.Before), v.Str(o.After); a != "" && b != "" && b < a {
			return o.After, o.Message
		}
	}
	return "", ""
}

// InOrder is OutOfOrder as a Check's Test.
func InOrder(order []DateOrder) func(v Values) (string, string) {
	return func(v Values) (string, string) { return OutOfOrder(v, order) }
}
