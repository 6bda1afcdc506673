package conformance

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// checkScope: the reader of the sibling town sees, counts and exports only the sibling town's
// record — none of the records the suite made in 甲镇 — and the clerk of 甲镇 none of 乙镇's.
func (w *world) checkScope(t *testing.T) {
	kind := w.kind
	var theirs store.Record
	w.settle(t, w.sibling, "", true, func(v law.Values) (string, string) {
		var err error
		theirs, err = w.st.CreateRecord(context.Background(), system, store.SystemAll(), kind.Name, v)
		if err != nil {
			var e *store.Error
			errors.As(err, &e)
			return e.Field, err.Error()
		}
		return "", ""
	})
	ours := w.list(t, w.clerk, "").Items
	if len(ours) == 0 || hasID(ours, theirs.ID) {
		t.Fatalf("甲镇's clerk lists %d records, the sibling's among them: %v", len(ours), hasID(ours, theirs.ID))
	}
	seen := w.list(t, w.reader, "")
	if seen.Total != 1 || seen.Items[0].ID != theirs.ID {
		t.Errorf("乙镇's reader lists %d records %v, want only %s", seen.Total, ids(seen.Items), theirs.Code)
	}
	for _, r := range ours[:min(len(ours), 5)] {
		path := fmt.Sprintf("/api/v1/records/%s/%d", kind.Name, r.ID)
		if code, _ := w.as(t, w.reader).get(path); code != http.StatusNotFound {
			t.Errorf("乙镇's reader GET %s: %d, want 404", path, code)
		}
	}
	if code, _ := w.as(t, w.clerk).get(fmt.Sprintf("/api/v1/records/%s/%d", kind.Name, theirs.ID)); code != http.StatusNotFound {
		t.Errorf("甲镇's clerk reads 乙镇's record: %d", code)
	}

	// Counting: each figure of the sibling town is the figure of its one record.
	figs := w.stats(t, w.reader, townB)
	for _, d := range kindIndicators(kind.Name) {
		if d.Custom != nil || d.Quota != nil || d.IsRate() {
			continue
		}
		want, exact := selected(kind, d.Where(period), seen.Items)
		if fig := figs[d.ID]; exact && (fig.Value == nil || *fig.Value != aggregate(d.Agg, want)) {
			t.Errorf("乙镇's %s = %s, its own records give %v", d.ID, show(fig.Value), aggregate(d.Agg, want))
		}
	}
	if code, _ := w.as(t, w.reader).get("/api/v1/stats?year=2024&org=" + townA); code != http.StatusNotFound {
		t.Errorf("乙镇's reader asks for 甲镇's figures: %d, want 404", code)
	}
	var open struct {
		Items []store.ClockView `json:"items"`
	}
	w.reader.call(http.MethodGet, "/api/v1/clocks?on="+clockOn, nil, &open)
	for _, c := range open.Items {
		if (c.Kind == kind.Name && c.RecordID != theirs.ID) || strings.HasPrefix(c.OrgCode, townA) {
			t.Errorf("乙镇's reader sees clock %s of %s (%s)", c.Rule, c.RecordCode, c.OrgCode)
		}
	}
	code, csv := w.reader.get("/records/" + kind.Name + "/export.csv")
	if code != http.StatusOK {
		t.Fatalf("export.csv: %d", code)
	}
	for _, r := range ours {
		if strings.Contains(string(csv), r.Code) {
			t.Errorf("乙镇's export holds 甲镇's %s", r.Code)
			break
		}
	}
}
