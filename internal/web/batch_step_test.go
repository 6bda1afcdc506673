package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// TestBatchStep: ticked records take one step with the inputs typed once, each through the
// store's Transition: the ones whose status, version or the law refuse are listed with the
// reason and left as they were; the others moved, each audited. Inputs that do not parse are
// shown beside their field and nothing is taken.
func TestBatchStep(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		ok1 := e.addMediation(t, "M-B1", ownComm, "2025-03-01")
		ok2 := e.addMediation(t, "M-B2", ownComm, "2025-03-02")
		late := e.addMediation(t, "M-B3", ownComm, "2025-03-20") // closed before it was accepted: refused
		moved := e.addMediation(t, "M-B4", ownComm, "2025-03-01")
		done := e.addMediation(t, "M-B5", ownComm, "2025-03-01")
		if _, err := e.st.Transition(ctx, system, systemScope(), done.ID, done.Version, "terminate", law.Values{"closed_on": "2025-03-05"}); err != nil {
			t.Fatal(err)
		}
		clerk := e.clients()(t, "clerk")
		if _, list := clerk.get("/records/mediation"); !strings.Contains(list, `<option value="fail">调解不成功</option>`) {
			t.Fatalf("the list offers no batch step:\n%s", snippet(list))
		}
		ids := []string{itoa(ok1.ID), itoa(ok2.ID), itoa(late.ID), itoa(moved.ID), itoa(done.ID)}
		status, page := clerk.submit("/records/mediation/batch", url.Values{"action": {"step"}, "step": {"fail"}, "ids": ids})
		if status != http.StatusOK || !strings.Contains(page, "批量办理：调解不成功") || !strings.Contains(page, "当前状态「终止」不能办理「调解不成功」") ||
			!strings.Contains(page, "对可以办理的 4 条记录调解不成功") || !strings.Contains(page, `name="closed_on"`) {
			t.Fatalf("the batch step form: %d\n%s", status, snippet(page))
		}
		// Meanwhile someone else edits M-B4: its version moves on.
		edited := moved.Values.Clone()
		edited["mediator"] = "赵六"
		if _, err := e.st.UpdateRecord(ctx, system, systemScope(), moved.ID, moved.Version, edited); err != nil {
			t.Fatal(err)
		}
		form := url.Values{"step": {"fail"}, "ids": ids, "closed_on": {"2025-02-30"}}
		for _, r := range []store.Record{ok1, ok2, late, moved, done} {
			form.Set("v"+itoa(r.ID), itoa(int64(r.Version)))
		}
		status, page = clerk.submit("/records/mediation/batch/step", form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "尚未办理任何记录") || !strings.Contains(page, "has-error") {
			t.Errorf("a date that does not exist: %d\n%s", status, snippet(page))
		}
		if r := e.byCode(t, "M-B1"); r.Status != ok1.Status {
			t.Errorf("a refused batch moved M-B1 to %s", r.Status)
		}
		form.Set("closed_on", "2025-03-10")
		status, page = clerk.submit("/records/mediation/batch/step", form)
		if status != http.StatusOK || !strings.Contains(page, "已办理 2 条，未办理 3 条") {
			t.Fatalf("the batch step: %d\n%s", status, snippet(page))
		}
		for code, want := range map[string]string{"M-B3": "结案日期早于受理日期", "M-B4": "已被", "M-B5": "当前状态「终止」"} {
			row := page[strings.Index(page, ">"+code+"</a>"):]
			row = row[:strings.Index(row, "</tr>")]
			if !strings.Contains(row, "未办理") || !strings.Contains(row, want) {
				t.Errorf("%s is not listed as refused (%s): %s", code, want, row)
			}
		}
		for code, want := range map[string]string{"M-B1": "不成功", "M-B2": "不成功", "M-B3": late.Status, "M-B4": moved.Status, "M-B5": "终止"} {
			if r := e.byCode(t, code); r.Status != want || (want == "不成功" && r.Values.Str("closed_on") != "2025-03-10") {
				t.Errorf("%s: %s %v, want %s", code, r.Status, r.Values["closed_on"], want)
			}
		}
		entries, _, err := e.st.Audit(ctx, store.SystemAll(), store.AuditFilter{Action: "record.fail"})
		if err != nil || len(entries) != 2 {
			t.Errorf("audit entries of the batch: %d %v", len(entries), err)
		}
	})
}
