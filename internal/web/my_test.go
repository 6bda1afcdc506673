package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fazhi/fazhi/internal/store"
)

// TestMyWork: a clerk who registers a case is its 承办人; 我的待办 lists it with its clock and the
// day's digest; a case can be given to another account only if that
// account may read it, and the change is a step on the timeline.
func TestMyWork(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		clerk := e.login(t, "clerk")
		status, _ := clerk.submit("/records/mediation/new", url.Values{"code": {"M-MINE"}, "committee": {ownComm},
			"accepted_on": {e.st.Today().String()}, "dispute_type": {"邻里"}, "parties": {"张三；李四"}, "mediator": {"王五"}})
		if status != 303 {
			t.Fatalf("create: %d", status)
		}
		rec := e.byCode(t, "M-MINE")
		if rec.Assignee != "clerk" {
			t.Fatalf("assignee after registering: %q", rec.Assignee)
		}
		_, body := clerk.get("/my")
		for _, want := range []string{"M-MINE", "调解期限", "今日到期 0"} {
			if !strings.Contains(body, want) {
				t.Errorf("我的待办 lacks %q", want)
			}
		}
		// An account that cannot read the case cannot handle it; one that can, may.
		path := "/records/mediation/" + itoa(rec.ID) + "/assign"
		if status, body := clerk.submit(path, url.Values{"version": {itoa(int64(rec.Version))}, "assignee": {"clerk2"}}); status == 303 || !strings.Contains(body, "无权查看") {
			t.Errorf("assign to an account without the kind: %d %s", status, snippet(body))
		}
		if status, _ := clerk.submit(path, url.Values{"version": {itoa(int64(rec.Version))}, "assignee": {"leader-all"}}); status != 303 {
			t.Fatalf("assign to leader-all: %d", status)
		}
		if got := e.byCode(t, "M-MINE"); got.Assignee != "leader-all" {
			t.Errorf("assignee %q", got.Assignee)
		}
		_, page := clerk.get("/records/mediation/" + itoa(rec.ID))
		if !strings.Contains(page, "更换承办人") {
			t.Error("the reassignment is not on the timeline")
		}
		if _, body := clerk.get("/my"); strings.Contains(body, "M-MINE") {
			t.Error("a reassigned case stays in the old 承办人's 待办")
		}
		// A case due tomorrow: counted in the header, and in the digest of the day's first dashboard.
		clerk.submit("/records/mediation/new", url.Values{"code": {"M-SOON"}, "committee": {ownComm},
			"accepted_on": {e.st.Today().AddDays(-29).String()}, "dispute_type": {"邻里"}, "parties": {"张三；李四"}, "mediator": {"王五"}})
		_, first := clerk.get("/")
		if !strings.Contains(first, `id="digest"`) || !strings.Contains(first, `<span class="count-dot">1</span>`) {
			t.Errorf("first dashboard of the day: no digest or header count")
		}
		if _, again := clerk.get("/"); strings.Contains(again, `id="digest"`) {
			t.Error("the digest shows twice in a day")
		}
	})
}

func (e *env) byCode(t *testing.T, code string) store.Record {
	t.Helper()
	recs, _, err := e.st.List(context.Background(), systemScope(), store.Filter{Query: store.Query{Kind: "mediation",
		Conds: []store.Cond{{Field: "code", Op: store.OpEq, Value: code}}}})
	if err != nil || len(recs) != 1 {
		t.Fatalf("record %s: %v %v", code, recs, err)
	}
	return recs[0]
}

// TestDeadlinesByAssigneeAndExport: the deadlines page filters by 承办人 and exports what it
// shows as .xlsx.
func TestDeadlinesByAssigneeAndExport(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		clerk := e.login(t, "clerk")
		clerk.submit("/records/mediation/new", url.Values{"code": {"M-DL"}, "committee": {ownComm},
			"accepted_on": {e.st.Today().String()}, "dispute_type": {"邻里"}, "parties": {"张三；李四"}, "mediator": {"王五"}})
		_, mine := clerk.get("/deadlines?assignee=me")
		_, all := clerk.get("/deadlines")
		if !strings.Contains(mine, ">M-DL<") || strings.Contains(mine, ">M-OWN<") || !strings.Contains(all, ">M-OWN<") {
			t.Errorf("承办人 filter: mine has M-DL %v, M-OWN %v; all has M-OWN %v",
				strings.Contains(mine, ">M-DL<"), strings.Contains(mine, ">M-OWN<"), strings.Contains(all, ">M-OWN<"))
		}
		status, body := clerk.get("/deadlines/export.xlsx?assignee=me")
		if status != 200 || !strings.HasPrefix(body, "PK") {
			t.Fatalf("export: %d", status)
		}
		f, err := excelize.OpenReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetName(0))
		found := false
		for _, r := range rows {
			found = found || (len(r) > 0 && r[0] == "M-DL")
		}
		if !found {
			t.Errorf("export rows %v", rows)
		}
	})
}
