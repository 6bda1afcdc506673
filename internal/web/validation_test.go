package web_test

import (
	"net/url"
	"strings"
	"testing"
)

// TestOneRoundValidation: a form with a malformed date, a missing required field and dates out of
// order shows all three on the first submit, each beside its field.
func TestOneRoundValidation(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		clerk := e.login(t, "clerk")
		status, body := clerk.submit("/records/mediation/new", url.Values{"code": {"M-V"}, "committee": {ownComm},
			"accepted_on": {"2024-03-05"}, "closed_on": {"2024-02-30"}, "dispute_type": {""}, "parties": {"张三；李四"},
			"mediator": {"王五"}, "result": {"成功"}, "confirmation_applied_on": {"2024-03-01"}})
		if status != 422 {
			t.Fatalf("status %d", status)
		}
		problems := strings.Count(body, `class="problem"`)
		for _, f := range []string{"f-closed_on", "f-dispute_type"} {
			i := strings.Index(body, `id="`+f+`"`)
			if i < 0 || !strings.Contains(body[i:min(len(body), i+800)], `class="problem"`) {
				t.Errorf("no problem beside %s", f)
			}
		}
		if problems < 2 {
			t.Errorf("%d problems shown on the first submit, want the format and the required one together", problems)
		}
	})
}

// TestPageJump: a list of more than two pages offers 跳至第 N 页, keeping its filters.
func TestPageJump(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		for i := range 45 {
			e.addMediation(t, "PJ-"+itoa(int64(100+i)), ownComm, "2024-06-01")
		}
		_, body := e.login(t, "clerk").get("/records/mediation?q=PJ-")
		if !strings.Contains(body, `class="page-jump"`) || !strings.Contains(body, `name="q" value="PJ-"`) || !strings.Contains(body, `max="3"`) {
			t.Errorf("no page jump keeping the search")
		}
		_, page3 := e.login(t, "clerk").get("/records/mediation?q=PJ-&page=3")
		if !strings.Contains(page3, "第 3 / 3 页") {
			t.Errorf("page 3 not reached")
		}
	})
}
