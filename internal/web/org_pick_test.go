package web_test

import (
	"net/url"
	"strings"
	"testing"
)

// TestOrgPicker: a form's org field is a picker, not a select of every org; its suggestions are
// the orgs the user sees, matched by name or code, at most 20, and an out-of-scope org is never
// suggested.
func TestOrgPicker(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		as := e.clients()
		_, form := as(t, "clerk").get("/records/mediation/new")
		if strings.Contains(form, `<option value="`+ownComm+`"`) || !strings.Contains(form, `hx-get="/orgs/pick?field=committee&amp;kind=mediation"`) {
			t.Errorf("the committee field is not a picker:\n%s", form[strings.Index(form, "f-committee")-200:][:600])
		}
		pick := func(user, q string) string {
			_, body := as(t, user).get("/orgs/pick?" + url.Values{"kind": {"mediation"}, "field": {"committee"}, "committee": {q}}.Encode())
			return body
		}
		if got := pick("clerk", "调解"); !strings.Contains(got, "甲镇人民调解委员会") || strings.Contains(got, "乙镇") {
			t.Errorf("clerk of 甲镇 typing 调解: %s", got)
		}
		if got := pick("leader-all", "乙镇"); !strings.Contains(got, `value="乙镇人民调解委员会"`) || !strings.Contains(got, "乙镇 › 乙镇人民调解委员会") {
			t.Errorf("city leader typing 乙镇: %s", got)
		}
		if got := pick("leader-all", ownComm); !strings.Contains(got, "甲镇人民调解委员会") {
			t.Errorf("by code: %s", got)
		}
		if status, _ := as(t, "clerk").get("/orgs/pick?kind=mediation&field=summary"); status != 404 {
			t.Errorf("a field that is not an org: %d", status)
		}
	})
}
