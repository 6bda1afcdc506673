package conformance

import (
	"net/http"
	"testing"
)

// checkDescribed: /api/v1/kinds publishes the kind's declaration as it is, and the OpenAPI
// document has its record paths and one path per transition.
func (w *world) checkDescribed(t *testing.T) {
	kind := w.kind
	var kinds struct {
		Items []struct {
			Name   string `json:"name"`
			Fields []struct {
				Key string `json:"key"`
			} `json:"fields"`
			Transitions []struct {
				Name string `json:"name"`
			} `json:"transitions"`
			Clocks []struct {
				ID string `json:"id"`
			} `json:"clocks"`
		} `json:"items"`
	}
	if code, body := w.as(t, w.clerk).call(http.MethodGet, "/api/v1/kinds", nil, &kinds); code != http.StatusOK {
		t.Fatalf("GET /api/v1/kinds: %d %s", code, clip(body))
	}
	found := false
	for _, k := range kinds.Items {
		if k.Name != kind.Name {
			continue
		}
		found = true
		if len(k.Fields) != len(kind.Fields) || len(k.Transitions) != len(kind.Transitions) || len(k.Clocks) != len(kind.Clocks) {
			t.Errorf("/api/v1/kinds: %d fields, %d transitions, %d clocks; declared %d, %d, %d",
				len(k.Fields), len(k.Transitions), len(k.Clocks), len(kind.Fields), len(kind.Transitions), len(kind.Clocks))
		}
		for i, f := range k.Fields {
			if i < len(kind.Fields) && f.Key != kind.Fields[i].Key {
				t.Errorf("/api/v1/kinds: field %d is %s, declared %s", i, f.Key, kind.Fields[i].Key)
			}
		}
	}
	if !found {
		t.Errorf("/api/v1/kinds does not list %s", kind.Name)
	}
	paths := []string{"/records/" + kind.Name, "/records/" + kind.Name + "/{id}", "/records/" + kind.Name + "/{id}/events"}
	for _, tr := range kind.Transitions {
		paths = append(paths, "/records/"+kind.Name+"/{id}/transitions/"+tr.Name)
	}
	for _, p := range paths {
		if w.api.doc.Paths.Find(p) == nil {
			t.Errorf("the OpenAPI document has no path %s", p)
		}
	}
	if code, body := w.clerk.get("/api/v1/orgs"); code != http.StatusOK {
		t.Errorf("GET /api/v1/orgs: %d %s", code, clip(body))
	}
}
