package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

// checkRecords: create (minimal and full), read back exactly what was written, list and filter
// (text, status, category, opened date, org), update, and refuse a stale version.
func (w *world) checkRecords(t *testing.T) {
	kind := w.kind
	minimal, _ := w.create(t, w.clerk, w.own, "", false)
	full, sent := w.create(t, w.clerk, w.own, "", true)
	got := w.read(t, w.clerk, full.ID)
	for key, want := range sent {
		if !sameValue(got.values()[key], want) {
			t.Errorf("%s: field %s reads back %v, sent %v", kind.Name, key, got.values()[key], want)
		}
	}
	if len(kind.States) > 0 && got.Status != kind.States[0] {
		t.Errorf("%s: new record in state %q, want the first state %q", kind.Name, got.Status, kind.States[0])
	}

	t.Run("list", func(t *testing.T) {
		all := w.list(t, w.clerk, "")
		if all.Total != len(all.Items) || !hasID(all.Items, minimal.ID) || !hasID(all.Items, full.ID) {
			t.Errorf("list: total %d, %d items, want both new records", all.Total, len(all.Items))
		}
		byCode := w.list(t, w.clerk, "q="+url.QueryEscape(full.Code))
		if byCode.Total != 1 || byCode.Items[0].ID != full.ID {
			t.Errorf("q=%s: %d records", full.Code, byCode.Total)
		}
		if len(kind.States) > 0 {
			for _, s := range kind.States {
				l := w.list(t, w.clerk, "status="+url.QueryEscape(s))
				for _, r := range l.Items {
					if r.Status != s {
						t.Errorf("status=%s lists %s in %s", s, r.Code, r.Status)
					}
				}
				if (s == kind.States[0]) != hasID(l.Items, full.ID) {
					t.Errorf("status=%s: new record listed %v", s, hasID(l.Items, full.ID))
				}
			}
		}
		if cf, ok := kind.FieldByColumn(law.ColCategory); ok && got.values().Str(cf.Key) != "" {
			cat := got.values().Str(cf.Key)
			l := w.list(t, w.clerk, "category="+url.QueryEscape(cat))
			if !hasID(l.Items, full.ID) {
				t.Errorf("category=%s misses the record", cat)
			}
			for _, r := range l.Items {
				if r.values().Str(cf.Key) != cat {
					t.Errorf("category=%s lists %s of %v", cat, r.Code, r.values()[cf.Key])
				}
			}
		}
		if of, ok := kind.FieldByColumn(law.ColOpened); ok {
			d := got.values().Str(of.Key)
			if l := w.list(t, w.clerk, "from="+d+"&to="+d); !hasID(l.Items, full.ID) {
				t.Errorf("from=to=%s misses the record opened that day", d)
			}
			if l := w.list(t, w.clerk, "from="+law.AddDays(d, 1)); hasID(l.Items, full.ID) {
				t.Errorf("from=%s lists a record opened %s", law.AddDays(d, 1), d)
			}
		}
		if l := w.list(t, w.clerk, "org="+w.own.org); !hasID(l.Items, full.ID) {
			t.Errorf("org=%s misses the record", w.own.org)
		}
	})

	t.Run("update", func(t *testing.T) {
		path := fmt.Sprintf("/api/v1/records/%s/%d", kind.Name, full.ID)
		v := editable(kind, got.values())
		key, changed, ok := w.own.change(v)
		if !ok {
			t.Skipf("%s has no field an update can change", kind.Name)
		}
		v[key] = changed
		var upd record
		code, body := w.as(t, w.clerk).call(http.MethodPut, path, map[string]any{"version": got.Version, "values": jsonValues(v)}, &upd)
		if code != http.StatusOK {
			t.Fatalf("PUT: %d %s", code, clip(body))
		}
		if upd.Version != got.Version+1 || !sameValue(upd.values()[key], changed) {
			t.Errorf("PUT: version %d → %d, %s = %v (want %v)", got.Version, upd.Version, key, upd.values()[key], changed)
		}
		// The version read before the update is stale now: refused, nothing written.
		code, body = w.clerk.call(http.MethodPut, path, map[string]any{"version": got.Version, "values": jsonValues(editable(kind, got.values()))}, nil)
		if code != http.StatusConflict {
			t.Errorf("stale PUT: %d, want 409: %s", code, clip(body))
		}
		if now := w.read(t, w.clerk, full.ID); now.Version != upd.Version || !sameValue(now.values()[key], changed) {
			t.Errorf("stale PUT changed the record: version %d, %s = %v", now.Version, key, now.values()[key])
		}
		// Without the CSRF header a write is refused.
		b, _ := json.Marshal(map[string]any{"version": upd.Version, "values": jsonValues(v)})
		req, _ := http.NewRequest(http.MethodPut, w.srv.URL+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		if resp, _ := w.clerk.roundTrip(req); resp.StatusCode != http.StatusForbidden {
			t.Errorf("PUT without CSRF: %d, want 403", resp.StatusCode)
		}
	})
}

// editable is what a PUT may carry: every field but the status, which only transitions move.
func editable(kind *law.Kind, v law.Values) law.Values {
	out := law.Values{}
	sf, _ := kind.FieldByColumn(law.ColStatus)
	for k, x := range v {
		if _, ok := kind.Field(k); ok && k != sf.Key {
			out[k] = x
		}
	}
	return out
}

// change picks a field an update can change without breaking a check: an optional text or list
// first, else any optional field that takes another value.
func (s *synth) change(v law.Values) (string, any, bool) {
	cf, _ := s.kind.FieldByColumn(law.ColCode)
	for _, pass := range []func(law.Field) bool{
		func(f law.Field) bool { return f.Type == law.Text || f.Type == law.List },
		func(law.Field) bool { return true },
	} {
		for _, f := range s.kind.Fields {
			if f.Key == cf.Key || f.Key == s.kind.OrgField || f.Column == law.ColStatus || f.Derived || !pass(f) {
				continue
			}
			old, had := v[f.Key]
			for i := 0; i < 4; i++ {
				x := s.value(f, i)
				if f.Type == law.Text {
					x = fmt.Sprintf("%s（已修改）", f.Label)
				}
				if had && sameValue(old, x) {
					continue
				}
				v[f.Key] = x
				ok := len(s.problems(v)) == 0
				if had {
					v[f.Key] = old
				} else {
					delete(v, f.Key)
				}
				if ok {
					return f.Key, x, true
				}
			}
		}
	}
	return "", nil, false
}

func hasID(items []record, id int64) bool {
	for _, r := range items {
		if r.ID == id {
			return true
		}
	}
	return false
}

// sameValue compares canonical values: strings, and lists item by item.
func sameValue(a, b any) bool {
	if law.IsEmpty(a) && law.IsEmpty(b) {
		return true
	}
	return reflect.DeepEqual(a, b)
}
