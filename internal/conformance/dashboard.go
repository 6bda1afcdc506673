package conformance

import (
	"html"
	"net/http"
	"strings"
	"testing"
)

// checkDashboardReport: the dashboard shows a tile for every indicator of the kind that declares
// one, and the annual report's draft (validated against the OpenAPI document like every /api/v1
// answer) carries every figure the kind's default paragraphs name.
func (w *world) checkDashboardReport(t *testing.T) {
	code, dash := w.as(t, w.clerk).get("/")
	if code != http.StatusOK {
		t.Fatalf("dashboard: %d %s", code, clip(dash))
	}
	code, draft := w.as(t, w.clerk).get("/api/v1/report?year=2024&org=" + townA)
	if code != http.StatusOK {
		t.Fatalf("report draft: %d %s", code, clip(draft))
	}
	for _, d := range kindIndicators(w.kind.Name) {
		if d.Dashboard.Tile > 0 && !strings.Contains(string(dash), html.EscapeString(d.Label)) {
			t.Errorf("dashboard has no tile for %s (%s)", d.ID, d.Label)
		}
		if d.Paragraph != nil && !strings.Contains(string(draft), `"`+d.ID+`"`) {
			t.Errorf("report draft does not carry %s, which its paragraph names: %s", d.ID, clip(draft))
		}
	}
}
