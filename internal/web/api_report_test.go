package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// GET /api/v1/report is the report's draft as data: its figures are the scoped statistics (the
// same number as /api/v1/stats), each linked to the records it counts; who may not read case
// data gets a JSON refusal, an org outside the scope is absent.
func TestAPIReport(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "leader")
		status, doc := c.api("GET", "/api/v1/report?year=2024&org="+townA, nil, false)
		if status != http.StatusOK || doc["year"] != float64(2024) || doc["org_code"] != townA {
			t.Fatalf("report: %d %v", status, doc)
		}
		_, stats := c.api("GET", "/api/v1/stats?year=2024&org="+townA, nil, false)
		want := stats["indicators"].(map[string]any)["mediation.cases"].(map[string]any)["value"]
		rep := doc["report"].(map[string]any)
		found := false
		for _, f := range rep["figures"].([]any) {
			fig := f.(map[string]any)
			if fig["id"] == "mediation.cases" {
				found = true
				if fig["value"] != want || !strings.Contains(fig["link"].(string), "indicator=mediation.cases") {
					t.Errorf("mediation.cases in the report: %v, stats say %v", fig, want)
				}
			}
		}
		if !found || want != float64(1) {
			t.Errorf("the report prints mediation.cases: %v (stats %v)", found, want)
		}
		if _, ok := doc["publishable"].(bool); !ok {
			t.Errorf("publishable missing: %v", doc)
		}
		if _, ok := doc["issues"].([]any); !ok {
			t.Errorf("issues is not a list: %v", doc["issues"])
		}
		for _, bad := range []struct {
			user, query string
			status      int
		}{
			{"admin", "year=2024", http.StatusForbidden},
			{"auditor", "year=2024", http.StatusForbidden},
			{"leader", "year=2024&org=" + townB, http.StatusNotFound},
			{"leader", "year=1999", http.StatusBadRequest},
		} {
			status, body := e.login(t, bad.user).api("GET", "/api/v1/report?"+bad.query, nil, false)
			if status != bad.status || body["error"] == nil {
				t.Errorf("%s %s: %d %v, want %d with an error", bad.user, bad.query, status, body, bad.status)
			}
		}
	})
}
