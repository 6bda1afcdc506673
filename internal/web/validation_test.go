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

// TestBatch: ticked records are exported together or given one 承办人; a record of another
// scope cannot be slipped in by its id.
func TestBatch(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		clerk := e.login(t, "clerk")
		_, list := clerk.get("/records/mediation")
		if !strings.Contains(list, `name="ids" value="`+itoa(e.ids["M-OWN"])+`"`) {
			t.Fatal("no tick box on the list")
		}
		status, body := clerk.submit("/records/mediation/batch", url.Values{"action": {"export"}, "ids": {itoa(e.ids["M-OWN"])}})
		if status != 200 || !strings.HasPrefix(body, "PK") {
			t.Errorf("export selected: %d", status)
		}
		if status, _ := clerk.submit("/records/mediation/batch", url.Values{"action": {"export"}, "ids": {itoa(e.ids["M-SIB"])}}); status != 404 {
			t.Errorf("a record outside the scope in a batch: %d", status)
		}
		if status, _ := clerk.submit("/records/mediation/batch", url.Values{"action": {"assign"}, "assignee": {"leader-all"},
			"ids": {itoa(e.ids["M-OWN"])}}); status != 303 {
			t.Fatalf("batch assign: %d", status)
		}
		if got := e.byCode(t, "M-OWN"); got.Assignee != "leader-all" {
			t.Errorf("assignee after the batch: %q", got.Assignee)
		}
	})
}
