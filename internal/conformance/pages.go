package conformance

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

// checkPages: the kind's list, form, view and edit pages render from its declaration, and the
// form registers a record (with the CSRF token; without it, nothing).
func (w *world) checkPages(t *testing.T) {
	kind, c := w.kind, w.as(t, w.clerk)
	base := "/records/" + kind.Name
	page := func(path string) string {
		t.Helper()
		code, body := c.get(path)
		if code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, code, clip(body))
		}
		return html.UnescapeString(string(body))
	}
	if body := page(base); !strings.Contains(body, kind.Label) {
		t.Errorf("list page lacks the kind's name %s", kind.Label)
	}
	// The new form holds the kind's registration fields (law.Kind.FormFields: a StagedForm kind
	// leaves the later steps' fields to their steps); "补录" (?all=1) holds every field.
	staged := map[string]bool{}
	for _, f := range kind.FormFields(law.Values{}, false) {
		staged[f.Key] = true
	}
	form, all := page(base+"/new"), page(base+"/new?all=1")
	for _, f := range kind.Fields {
		if f.Derived {
			if strings.Contains(all, `name="`+f.Key+`"`) {
				t.Errorf("new form offers the computed field %s (%s) as an input", f.Key, f.Label)
			}
			continue
		}
		if !strings.Contains(all, `name="`+f.Key+`"`) || !strings.Contains(all, f.Label) {
			t.Errorf("new form (all fields) lacks field %s (%s)", f.Key, f.Label)
		}
		if on := strings.Contains(form, `name="`+f.Key+`"`); on != staged[f.Key] {
			t.Errorf("new form shows field %s (%s): %v, want %v (law.Kind.FormFields)", f.Key, f.Label, on, staged[f.Key])
		}
	}

	v, err := w.own.record(w.code(), "", false)
	if err != nil {
		t.Fatal(err)
	}
	posted := url.Values{}
	for k, x := range v {
		switch x := x.(type) {
		case []string:
			posted.Set(k, strings.Join(x, "；"))
		case string:
			posted.Set(k, x)
		}
	}
	noToken := strings.NewReader(posted.Encode())
	req, _ := http.NewRequest(http.MethodPost, w.srv.URL+base+"/new", noToken)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, _ := c.roundTrip(req); resp.StatusCode != http.StatusForbidden {
		t.Errorf("form without CSRF token: %d, want 403", resp.StatusCode)
	}
	resp, body := c.submit(base+"/new", posted)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), base+"/") {
		t.Fatalf("form create: %d %s → %q\n%s", resp.StatusCode, kind.Name, resp.Header.Get("Location"), clip(body))
	}
	cf, _ := kind.FieldByColumn(law.ColCode)
	l := w.list(t, c, "q="+url.QueryEscape(v.Str(cf.Key)))
	if l.Total != 1 {
		t.Fatalf("the record the form registered is listed %d times", l.Total)
	}
	rec := l.Items[0]
	view := page(fmt.Sprintf("%s/%d", base, rec.ID))
	if !strings.Contains(view, rec.Code) {
		t.Errorf("view page lacks the 编号 %s", rec.Code)
	}
	for _, tr := range kind.Allowed(rec.Status) {
		if !strings.Contains(view, tr.Label) {
			t.Errorf("view page of a record in %q does not offer %s", rec.Status, tr.Label)
		}
	}
	if edit := page(fmt.Sprintf("%s/%d/edit", base, rec.ID)); !strings.Contains(edit, rec.Code) {
		t.Errorf("edit page lacks the 编号 %s", rec.Code)
	}
}
