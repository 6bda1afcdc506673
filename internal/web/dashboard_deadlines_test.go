package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/report"
	"github.com/fazhi/fazhi/internal/store"
)

// TestDeadlines: the open clocks across the scope on the deadlines page and the dashboard —
// sorted by due date, days left in working days for working-day rules, due within three working
// days highlighted, statutory periods past due in red, practice periods (参考期限) marked.
// The world: the three 2024 disputes still open (their 30-day practice period long past), an
// application received 40 days ago still under acceptance review (5 WD, 第30条: overdue) and one
// received three working days ago (due within three working days).
func TestDeadlines(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		addReconOffice(t, e)
		today := calendar.FromTime(time.Now().In(time.FixedZone("CST", 8*3600)))
		recent, err := e.st.Calendar().AddWorkdays(today, -3)
		if err != nil {
			t.Fatal(err)
		}
		e.addReconsideration(t, "R-LATE", today.AddDays(-40).String(), "")
		e.addReconsideration(t, "R-SOON", recent.String(), "")

		// The annual report's clocks (第24条) are the last test's: last year's report counts as
		// made public, so that only the records' clocks are counted here.
		lastYear := today.Year() - 1
		disclose := func(on string) {
			if err := report.MarkDone(context.Background(), e.st, store.Actor{Name: "t"}, store.SystemAll(), "441481", lastYear, report.KeyDisclosed, on); err != nil {
				t.Fatal(err)
			}
		}
		disclose(fmt.Sprintf("%d-03-20", today.Year()))
		chief := e.login(t, "chief")
		row := func(page, code string) string {
			i := strings.Index(page, ">"+code+"</a>")
			if i < 0 {
				t.Fatalf("no row for %s", code)
			}
			start := strings.LastIndex(page[:i], "<tr")
			end := strings.Index(page[i:], "</tr>")
			return page[start : i+end]
		}
		status, page := chief.get("/deadlines")
		if status != 200 {
			t.Fatalf("deadlines: %d %s", status, page)
		}
		for _, want := range []string{"已超过法定期限 1", "3 个工作日内到期 1", "超过参考期限 3", "共 5 项"} {
			if !strings.Contains(page, want) {
				t.Errorf("deadlines page lacks %q", want)
			}
		}
		// Sorted by due date: the 2024 disputes, then the late application, then the recent one.
		order := []string{"M-OWN", "M-SIB", "M-PAR", "R-LATE", "R-SOON"}
		last := -1
		for _, code := range order {
			i := strings.Index(page, ">"+code+"</a>")
			if i < last {
				t.Errorf("%s is listed out of due-date order", code)
			}
			last = i
		}
		for _, c := range []struct{ code, class, days, rule string }{
			{"R-LATE", `class="row-overdue"`, "个工作日", "行政复议法第30条"},
			{"R-SOON", `class="row-soon"`, "个工作日", "受理审查期限"},
			{"M-OWN", `class="row-overdue-soft"`, "已超期", "参考期限"},
		} {
			r := row(page, c.code)
			for _, want := range []string{c.class, c.days, c.rule} {
				if !strings.Contains(r, want) {
					t.Errorf("row of %s lacks %q:\n%s", c.code, want, r)
				}
			}
		}
		if r := row(page, "R-LATE"); !strings.Contains(r, "已超期") || !strings.Contains(r, "5 工作日") {
			t.Errorf("row of R-LATE: %s", r)
		}

		// One town: only its dispute.
		_, page = chief.get("/deadlines?org=" + townA)
		if !strings.Contains(page, ">M-OWN</a>") || strings.Contains(page, ">M-SIB</a>") || strings.Contains(page, ">R-LATE</a>") {
			t.Errorf("deadlines of 甲镇 list others' clocks")
		}
		// A clerk of the town sees the town's only, and no org outside it.
		clerk := e.login(t, "clerk")
		_, page = clerk.get("/deadlines")
		if !strings.Contains(page, ">M-OWN</a>") || strings.Contains(page, ">M-SIB</a>") || strings.Contains(page, "R-LATE") {
			t.Errorf("the clerk's deadlines list others' clocks")
		}
		if status, _ := clerk.get("/deadlines?org=" + townB); status != 404 {
			t.Errorf("a clerk asking for another town's deadlines: %d", status)
		}

		// Not yet public: the report's clocks are listed with the records', linked to its workbench.
		disclose("")
		_, page = chief.get("/deadlines")
		for _, want := range []string{"法治政府建设年度报告", "向社会公开", "第24条", fmt.Sprintf(`href="/reports?org=441481&amp;year=%d"`, lastYear), "共 7 项"} {
			if !strings.Contains(page, want) {
				t.Errorf("deadlines page lacks the report's clocks: %q", want)
			}
		}
		disclose(fmt.Sprintf("%d-03-20", today.Year()))

		// The dashboard says the same, and links to the page.
		_, page = chief.get("/")
		for _, want := range []string{"已超过法定期限 1 项", "3 个工作日内到期 1 项", "超过参考期限 3 项",
			`href="/deadlines?org=441481&amp;soon=1"`, ">R-LATE</a>", ">R-SOON</a>", "参考期限"} {
			if !strings.Contains(page, want) {
				t.Errorf("dashboard lacks %q", want)
			}
		}
	})
}
