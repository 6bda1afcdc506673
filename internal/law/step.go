package law

// Env is what a rule may know beyond a record's values: the working-day calendar in force and
// today's date. The package cannot read a calendar itself (it does no I/O and imports nothing
// of ours), so whoever runs the rules hands it over — package procedure builds one from a
// calendar.Calendar.
type Env struct {
	// AddWorkdays counts working days under the calendar in force; nil when no calendar is at
	// hand, and a rule that needs it then lets the values pass (a ledger records what happened).
	AddWorkdays AddWorkdaysFunc
	// Today is the civil date in China (YYYY-MM-DD), "" when unknown.
	Today string
	// Due projects one clock rule for values v under the calendar in force and returns the
	// period's last day ("" when the clock does not run for them or cannot be dated): for the
	// rules that compare a date with a statutory period (第62条: an extension is approved before
	// the decision period ends). nil when no calendar is at hand.
	Due func(rule ClockRule, v Values) string
}

// DueOf is env.Due, "" without a calendar.
func (env Env) DueOf(rule ClockRule, v Values) string {
	if env.Due == nil {
		return ""
	}
	return env.Due(rule, v)
}

// Step is what a transition's Apply sees: the record's values after the step's Inputs and
// Sets, which Apply finishes in place, and the context of the step. It replaces the hidden
// `_…` keys that once rode along inside Values.
type Step struct {
	Env
	Values Values
	// Due is, for an automatic step (Transition.Auto), the last day of the period whose running
	// out takes it (行政复议法第30条第3款: 视为受理 from that day); "" for a user's step.
	Due string
}

// Clone returns a copy of the values that shares no list with them, for a step that builds
// new values from old ones.
func (v Values) Clone() Values {
	out := make(Values, len(v))
	for k, x := range v {
		if items, ok := x.([]string); ok {
			x = append([]string(nil), items...)
		}
		out[k] = x
	}
	return out
}
