package indicators

import (
	"reflect"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// TestHoist: a condition every measure of a batch has moves to the shared query, once; one that
// only some have stays in theirs, and OpFewHolders (a condition on the rest of its query) stays.
func TestHoist(t *testing.T) {
	applied := store.Cond{Field: "confirmation_applied", Op: store.OpEq, Value: "是"}
	success := store.Cond{Field: "result", Op: store.OpEq, Value: "成功"}
	few := store.Cond{Field: "officers", Op: store.OpFewHolders, Value: "2", Values: []string{"decided_on"}}
	ms := []store.Measure{
		{Conds: []store.Cond{applied, success, few}},
		{Conds: []store.Cond{success, applied, few, applied}},
	}
	if got := hoist(ms); !reflect.DeepEqual(got, []store.Cond{applied, success}) {
		t.Errorf("hoisted %v", got)
	}
	if !reflect.DeepEqual(ms[0].Conds, []store.Cond{few}) || !reflect.DeepEqual(ms[1].Conds, []store.Cond{few}) {
		t.Errorf("left in the measures: %v, %v", ms[0].Conds, ms[1].Conds)
	}
	other := []store.Measure{{Conds: []store.Cond{success}}, {Conds: []store.Cond{applied}}, {}}
	if got := hoist(other); len(got) != 0 || len(other[0].Conds) != 1 || len(other[1].Conds) != 1 {
		t.Errorf("nothing is common, yet hoisted %v", got)
	}
}
