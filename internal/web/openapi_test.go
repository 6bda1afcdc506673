package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/storetest"
)

// TestOpenAPIDocument checks the generated document against the rules of OpenAPI 3.0 that a
// new kind could break (every $ref resolves; enum and required lists are never empty), and
// that every kind and transition is described.
func TestOpenAPIDocument(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	status, body := e.client(t).get("/api/v1/openapi.json")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, y := range x {
				switch k {
				case "$ref":
					name := strings.TrimPrefix(y.(string), "#/components/schemas/")
					if _, ok := schemas[name]; !ok {
						t.Errorf("%s: $ref %s does not resolve", path, y)
					}
				case "enum", "required":
					if list, ok := y.([]any); ok && len(list) == 0 {
						t.Errorf("%s: empty %s", path, k)
					}
				}
				walk(path+"/"+k, y)
			}
		case []any:
			for _, y := range x {
				walk(path, y)
			}
		}
	}
	walk("", doc)
	paths := doc["paths"].(map[string]any)
	for _, k := range law.Kinds() {
		for _, p := range []string{"/records/" + k.Name, "/records/" + k.Name + "/{id}"} {
			if paths[p] == nil {
				t.Errorf("no path %s", p)
			}
		}
		for _, tr := range k.Transitions {
			if paths["/records/"+k.Name+"/{id}/transitions/"+tr.Name] == nil {
				t.Errorf("no path for %s.%s", k.Name, tr.Name)
			}
		}
	}
}
