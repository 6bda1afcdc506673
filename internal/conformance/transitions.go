package conformance

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

// step is one transition taken with one way of filling its inputs.
type step struct {
	name string
	v    variant
}

// checkTransitions walks the state machine: from every state, every transition that state
// allows is taken (and lands where the declaration says, with what it needs and sets), and
// every other one — including the automatic steps the law takes by itself — is refused without
// changing the record.
func (w *world) checkTransitions(t *testing.T) {
	kind := w.kind
	if len(kind.States) == 0 {
		if len(kind.Transitions) > 0 {
			t.Fatalf("%s has transitions but no states", kind.Name)
		}
		t.Skipf("%s has no states", kind.Name)
	}
	paths := w.reachStates(t)
	for _, s := range kind.States {
		t.Run(s, func(t *testing.T) {
			path, reachable := paths[s]
			var base record
			if reachable {
				base = w.walk(t, path)
			} else {
				// Only the law's own steps lead here (视为撤回): a record registered in the state.
				t.Logf("「%s」不能经用户操作到达，直接登记该状态的记录", s)
				base, _ = w.create(t, w.clerk, w.own, s, false)
			}
			w.checkStale(t, base)
			for _, tr := range kind.Transitions {
				if tr.Auto || !contains(tr.From, s) {
					w.checkRefused(t, base, tr)
					continue
				}
				t.Run(tr.Name, func(t *testing.T) { w.checkAllowed(t, s, path, reachable, tr) })
			}
		})
	}
}

// reachStates finds, breadth first from the first state, a path of user steps to every state
// the users' transitions reach.
func (w *world) reachStates(t *testing.T) map[string][]step {
	paths := map[string][]step{w.kind.States[0]: nil}
	queue := []string{w.kind.States[0]}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, tr := range w.kind.Allowed(s) {
			if tr.To == "" || paths[tr.To] != nil || tr.To == w.kind.States[0] {
				continue
			}
			rec := w.walk(t, paths[s])
			if _, v, ok := w.tryVariants(t, rec, tr); ok {
				paths[tr.To] = append(append([]step{}, paths[s]...), step{tr.Name, v})
				queue = append(queue, tr.To)
			}
		}
	}
	return paths
}

// walk registers a record and takes the steps of path.
func (w *world) walk(t *testing.T, path []step) record {
	t.Helper()
	rec, _ := w.create(t, w.clerk, w.own, "", false)
	for _, st := range path {
		tr, _ := w.kind.Transition(st.name)
		next, code, body := w.take(t, rec, tr, w.own.inputs(tr, rec.values(), st.v))
		if code != http.StatusOK {
			t.Fatalf("path step %s from %s: %d %s", st.name, rec.Status, code, clip(body))
		}
		rec = next
	}
	return rec
}

// take posts a transition.
func (w *world) take(t *testing.T, rec record, tr law.Transition, inputs map[string]any) (record, int, []byte) {
	var out record
	path := fmt.Sprintf("/api/v1/records/%s/%d/transitions/%s", w.kind.Name, rec.ID, tr.Name)
	code, body := w.as(t, w.clerk).call(http.MethodPost, path, map[string]any{"version": rec.Version, "inputs": inputs}, &out)
	return out, code, body
}

// tryVariants takes tr from rec with each way of filling its inputs until one is accepted. A
// refused attempt changes nothing, so the same record serves every try.
func (w *world) tryVariants(t *testing.T, rec record, tr law.Transition) (record, variant, bool) {
	for _, v := range w.own.variants(tr) {
		next, code, _ := w.take(t, rec, tr, w.own.inputs(tr, rec.values(), v))
		if code == http.StatusOK {
			return next, v, true
		}
	}
	return rec, variant{}, false
}

// checkAllowed takes an allowed transition from state s. Some steps are allowed by the state
// but refused by their own rule for some values (行政复议法第55条: only a case under the
// simplified procedure switches to the ordinary one); the suite then searches: other inputs,
// another step of the same state first, or the path to s taken with other words.
func (w *world) checkAllowed(t *testing.T, s string, path []step, reachable bool, tr law.Transition) {
	setups := []func() record{}
	fresh := func() record {
		if reachable {
			return w.walk(t, path)
		}
		rec, _ := w.create(t, w.clerk, w.own, s, false)
		return rec
	}
	setups = append(setups, fresh)
	for _, other := range w.kind.Allowed(s) {
		if other.To == "" && other.Name != tr.Name {
			setups = append(setups, func() record {
				rec := fresh()
				if next, _, ok := w.tryVariants(t, rec, other); ok {
					return next
				}
				return rec
			})
		}
	}
	for i, st := range path {
		first, _ := w.kind.Transition(st.name)
		for _, v := range w.own.variants(first) {
			if v.key == "" {
				continue
			}
			alt := append([]step{}, path...)
			alt[i] = step{st.name, v}
			setups = append(setups, func() record { return w.walk(t, alt) })
		}
	}
	var last []byte
	for _, setup := range setups {
		before := setup()
		if before.Status != s {
			continue
		}
		for _, v := range w.own.variants(tr) {
			inputs := w.own.inputs(tr, before.values(), v)
			after, code, body := w.take(t, before, tr, inputs)
			if code != http.StatusOK {
				last = body
				continue
			}
			w.checkTaken(t, before, after, tr)
			return
		}
	}
	t.Errorf("「%s」allows %s (%s) but no synthesised record could take it: %s", s, tr.Name, tr.Label, clip(last))
}

// checkTaken: the step landed where the declaration says, with what it needs and sets, one
// version later, and the record's history names it.
func (w *world) checkTaken(t *testing.T, before, after record, tr law.Transition) {
	want := tr.To
	if want == "" {
		want = before.Status
	}
	if after.Status != want || after.Version != before.Version+1 {
		t.Errorf("%s from %s: status %s version %d, want %s version %d", tr.Name, before.Status, after.Status, after.Version, want, before.Version+1)
	}
	v := after.values()
	for _, key := range tr.Needs {
		if law.IsEmpty(v[key]) {
			t.Errorf("%s: %s is empty after the step that needs it", tr.Name, key)
		}
	}
	for key, x := range tr.Sets {
		if v.Str(key) != x {
			t.Errorf("%s: %s = %v, the step sets %s", tr.Name, key, v[key], x)
		}
	}
	var events struct {
		Items []struct {
			Action string `json:"action"`
		} `json:"items"`
	}
	path := fmt.Sprintf("/api/v1/records/%s/%d/events", w.kind.Name, after.ID)
	if code, body := w.as(t, w.clerk).call(http.MethodGet, path, nil, &events); code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, code, clip(body))
	}
	if n := len(events.Items); n == 0 || (events.Items[0].Action != tr.Name && events.Items[n-1].Action != tr.Name) {
		t.Errorf("%s: the record's history does not name the step: %+v", tr.Name, events.Items)
	}
}

// checkRefused: a transition the state does not allow (or that only the law takes) is refused
// and the record is left as it was.
func (w *world) checkRefused(t *testing.T, rec record, tr law.Transition) {
	_, code, body := w.take(t, rec, tr, w.own.inputs(tr, rec.values(), variant{}))
	if code != http.StatusUnprocessableEntity {
		t.Errorf("%s from %s: %d, want 422 (refused): %s", tr.Name, rec.Status, code, clip(body))
	}
	if now := w.read(t, w.clerk, rec.ID); now.Version != rec.Version || now.Status != rec.Status {
		t.Errorf("refused %s changed the record: %s v%d → %s v%d", tr.Name, rec.Status, rec.Version, now.Status, now.Version)
	}
}

// checkStale: a step posted with a version other than the record's is refused (409).
func (w *world) checkStale(t *testing.T, rec record) {
	allowed := w.kind.Allowed(rec.Status)
	if len(allowed) == 0 {
		return
	}
	stale := rec
	stale.Version = rec.Version + 1
	tr := allowed[0]
	if _, code, body := w.take(t, stale, tr, w.own.inputs(tr, rec.values(), variant{})); code != http.StatusConflict {
		t.Errorf("%s with version %d of a record at %d: %d, want 409: %s", tr.Name, stale.Version, rec.Version, code, clip(body))
	}
}
