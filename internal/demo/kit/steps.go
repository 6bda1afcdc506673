package kit

import (
	"fmt"
	"maps"
	"slices"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
)

// Step is one transition of a record entered step by step, with the values its form is given.
type Step struct {
	Name string
	In   law.Values
	On   calendar.Date // the day it was taken, when a Timeline made it
	// order ranks the steps of one day (Timeline).
	order int
}

// Steps derives how a clerk would have entered a record whose values are final: registered in
// the kind's first state with what was known then, then each transition of the kind's own
// declaration that leads to the record's state. It takes the path through the most states,
// moving forward in the kind's order of states, using only the steps whose Needs the record has
// (a case was not suspended unless it holds a 中止 date), and then, in the final state, the
// actions (transitions that keep the state) whose values the record holds. A step's form gets
// its Inputs from the final values; the registration holds everything else.
func Steps(k *law.Kind, final law.Values) (first law.Values, steps []Step, err error) {
	sf, ok := k.FieldByColumn(law.ColStatus)
	if !ok || len(k.States) == 0 {
		return nil, nil, fmt.Errorf("「%s」没有状态，不能逐步录入", k.Label)
	}
	target := final.Str(sf.Key)
	path, ok := longestPath(k, final, k.States[0], target)
	if !ok {
		return nil, nil, fmt.Errorf("「%s」没有从「%s」到「%s」的办理步骤", k.Label, k.States[0], target)
	}
	for _, t := range k.Transitions {
		if t.To == "" && !t.Auto && slices.Contains(t.From, target) && has(final, t) {
			path = append(path, t)
		}
	}
	first, steps = along(k, final, path)
	return first, steps, nil
}

// along splits final values into the registration and the forms of the given steps: each step
// gets its Inputs from the final values, the registration (in the kind's first state) holds
// everything else.
func along(k *law.Kind, final law.Values, path []law.Transition) (first law.Values, steps []Step) {
	sf, _ := k.FieldByColumn(law.ColStatus)
	first = maps.Clone(final)
	for _, t := range path {
		in := law.Values{}
		for _, key := range t.Inputs {
			if x, ok := final[key]; ok {
				in[key] = x
			}
			delete(first, key)
		}
		for key := range t.Sets {
			delete(first, key)
		}
		steps = append(steps, Step{Name: t.Name, In: in})
	}
	first[sf.Key] = k.States[0]
	return first, steps
}

// Along is a stepwise row entered along the named steps, for a record whose course Steps
// would not take (an action in a state before the last, such as recording a review's opinion
// before the collective step). A name the kind does not declare is a programming error.
func Along(kind string, final law.Values, names ...string) Row {
	k, ok := law.Lookup(kind)
	if !ok {
		panic("kit: no kind " + kind)
	}
	path := make([]law.Transition, len(names))
	for i, n := range names {
		t, ok := k.Transition(n)
		if !ok {
			panic(fmt.Sprintf("kit: kind %s has no step %s", kind, n))
		}
		path[i] = t
	}
	first, steps := along(k, final, path)
	return Row{Values: final, Stepwise: true, First: first, Steps: steps}
}

// has reports whether the record holds what the step needs and the values it sets.
func has(v law.Values, t law.Transition) bool {
	for _, key := range t.Needs {
		if _, ok := v[key]; !ok {
			return false
		}
	}
	for key, x := range t.Sets {
		if v.Str(key) != x {
			return false
		}
	}
	return true
}

// longestPath finds the forward path from one state to another through the most states.
func longestPath(k *law.Kind, v law.Values, from, to string) ([]law.Transition, bool) {
	if from == to {
		return nil, true
	}
	var best []law.Transition
	found := false
	at := slices.Index(k.States, from)
	for _, t := range k.Transitions {
		if t.Auto || t.To == "" || !slices.Contains(t.From, from) || slices.Index(k.States, t.To) <= at || !has(v, t) {
			continue
		}
		if rest, ok := longestPath(k, v, t.To, to); ok && (!found || len(rest)+1 > len(best)) {
			best, found = append([]law.Transition{t}, rest...), true
		}
	}
	return best, found
}
