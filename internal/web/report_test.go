package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/report"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// The annual report pages. The test world's leader and clerk are bound to 甲镇, whose only
// records are M-OWN (mediation, 2024); every other line of work has none, so the 2024 report has
// figures that cannot be computed (zero denominators): errors a leader may accept with a reason.

const reportQuery = "org=" + townA + "&year=2024"

func TestReportScenarios(t *testing.T) {
	scenarios := []scenario{
		{name: "signed out workbench goes to login", method: "GET", path: "/reports", status: http.StatusSeeOther},
		{name: "leader sees the workbench and may publish", user: "leader", method: "GET", path: "/reports?" + reportQuery, status: 200,
			contains: []string{"年度报告", "甲镇", "发布前检查", "发布本报告", `name="issued_on"`, "/reports/view?org=" + townA + "&amp;year=2024",
				"/reports/download/docx?org=" + townA, "尚未发布", `name="reason:`}},
		{name: "leader workbench defaults to last year", user: "leader", method: "GET", path: "/reports", status: 200,
			contains: []string{"统计期", "-01-01 至"}},
		{name: "leader sees the report nav", user: "leader", method: "GET", path: "/", status: 200,
			contains: []string{`href="/reports"`, "年度报告", `href="/public/reports"`}},
		{name: "clerk sees the workbench without the publish button", user: "clerk", method: "GET", path: "/reports?" + reportQuery, status: 200,
			contains: []string{"发布前检查", "年度报告由局领导审核发布"}, notContains: []string{"发布本报告", `name="reason:`}},
		{name: "clerk without kinds may not see a report", user: "clerk2", method: "GET", path: "/reports", status: 403},
		{name: "sysadmin may not see the report", user: "admin", method: "GET", path: "/reports", status: 403,
			contains: []string{"不能查看或编写年度报告"}},
		{name: "sysadmin may not open the report itself", user: "admin", method: "GET", path: "/reports/view?" + reportQuery, status: 403},
		{name: "sysadmin has no report nav", user: "admin", method: "GET", path: "/", status: 200, notContains: []string{`href="/reports"`}},
		{name: "auditor may not see the report", user: "auditor", method: "GET", path: "/reports?" + reportQuery, status: 403},
		{name: "auditor may not download it", user: "auditor", method: "GET", path: "/reports/download/docx?" + reportQuery, status: 403},
		{name: "auditor may not edit the outline", user: "auditor", method: "GET", path: "/reports/outline", status: 403},
		{name: "auditor may not edit the texts", user: "auditor", method: "GET", path: "/reports/texts", status: 403},
		{name: "auditor may not compare", user: "auditor", method: "GET", path: "/reports/published/1/compare", status: 403},
		{name: "sibling town is out of scope", user: "leader", method: "GET", path: "/reports?org=" + townB, status: 404},
		{name: "city is out of a town leader's scope", user: "leader", method: "GET", path: "/reports/view?org=" + cityCode + "&year=2024", status: 404},
		{name: "bad year", user: "leader", method: "GET", path: "/reports?year=abc", status: 400},
		{name: "future year", user: "leader", method: "GET", path: "/reports?year=2999", status: 400},
		{name: "the report links every figure to its records", user: "leader", method: "GET", path: "/reports/view?" + reportQuery, status: 200,
			contains: []string{`<base target="_top">`, `data-id="mediation.cases"`,
				`href="/records/mediation?from=2024-01-01&amp;indicator=mediation.cases&amp;org=` + townA + `&amp;to=2024-12-31"`,
				"甲镇2024年法治政府建设年度报告"}},
		{name: "unknown download format", user: "leader", method: "GET", path: "/reports/download/pdf?" + reportQuery, status: 404},
		{name: "markdown download", user: "leader", method: "GET", path: "/reports/download/md?" + reportQuery, status: 200,
			contains: []string{"# 甲镇2024年法治政府建设年度报告", "| 指标 | 本年 |"}},
		{name: "outline editor", user: "leader", method: "GET", path: "/reports/outline?" + reportQuery, status: 200,
			contains: []string{"段落模板", "{mediation.cases}", `name="base"`, `hx-post="/reports/outline/preview?org=` + townA, "默认提纲", "可引用的指标"}},
		{name: "free texts", user: "clerk", method: "GET", path: "/reports/texts?" + reportQuery, status: 200,
			contains: []string{report.TextLabel(report.TextLeaders), report.TextLabel(report.TextPlans), `name="text.leaders_duty"`, "尚未填写"}},
		{name: "public list needs no login", method: "GET", path: "/public/reports", status: 200,
			contains: []string{"法治政府建设年度报告", "尚无已发布的年度报告", "工作人员登录"}},
		{name: "public unknown report", method: "GET", path: "/public/reports/999", status: 404},
		{name: "public malformed id", method: "GET", path: "/public/reports/abc.md", status: 404},
		{name: "drill-down names the org", user: "leader", method: "GET",
			path: "/records/mediation?indicator=mediation.success_rate&from=2024-01-01&to=2024-12-31&org=" + townA, status: 200,
			contains: []string{"甲镇及其全部下级单位", "2024-01-01 至 2024-12-31", "调解成功 ÷ 调解矛盾纠纷", "本页列出「调解成功」"}},
	}
	eachDB(t, func(t *testing.T, e *env) {
		clientOf := e.clients()
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				c := clientOf(t, sc.user)
				status, body := c.get(sc.path)
				if status != sc.status {
					t.Fatalf("GET %s: status %d, want %d\n%s", sc.path, status, sc.status, snippet(body))
				}
				for _, s := range sc.contains {
					if !strings.Contains(body, s) {
						t.Errorf("GET %s: missing %q\n%s", sc.path, s, snippet(body))
					}
				}
				for _, s := range sc.notContains {
					if strings.Contains(body, s) {
						t.Errorf("GET %s: must not contain %q", sc.path, s)
					}
				}
			})
		}
	})
}

// The report's own page runs under a policy that allows its inline stylesheet by hash and
// nothing else; downloads carry the Chinese title (RFC 5987).
func TestReportHeaders(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	c := e.login(t, "leader")
	status, body, h := c.do(mustRequest("GET", c.base+"/reports/view?"+reportQuery))
	if status != 200 {
		t.Fatalf("view: %d %s", status, snippet(body))
	}
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "style-src 'sha256-", "frame-ancestors 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("view CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") {
		t.Errorf("view CSP too wide: %q", csp)
	}
	if h.Get("X-Frame-Options") != "SAMEORIGIN" {
		t.Errorf("X-Frame-Options %q", h.Get("X-Frame-Options"))
	}
	// Every other page still refuses to be framed.
	_, _, h = c.do(mustRequest("GET", c.base+"/reports?"+reportQuery))
	if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("workbench CSP: %q", h.Get("Content-Security-Policy"))
	}
	status, body, h = c.do(mustRequest("GET", c.base+"/reports/download/docx?"+reportQuery))
	if status != 200 || !strings.HasPrefix(body, "PK") {
		t.Fatalf("docx: %d", status)
	}
	want := "filename*=UTF-8''" + url.PathEscape("甲镇2024年法治政府建设年度报告.docx")
	if cd := h.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, want) {
		t.Errorf("Content-Disposition %q, want %q", cd, want)
	}
	_, body, h = c.do(mustRequest("GET", c.base+"/reports/download/html?"+reportQuery))
	if !strings.Contains(h.Get("Content-Disposition"), url.PathEscape(".html")) ||
		!strings.Contains(body, `href="`+c.base+`/records/mediation?`) {
		t.Errorf("html download: %q, links not absolute", h.Get("Content-Disposition"))
	}
}

var reasonRe = regexp.MustCompile(`name="reason:([^"]+)"`)

// reasonsOf reads the reason fields of the workbench's check list.
func reasonsOf(page string) []string {
	var keys []string
	for _, m := range reasonRe.FindAllStringSubmatch(page, -1) {
		keys = append(keys, html.UnescapeString(m[1]))
	}
	return keys
}

// Publishing: refused to a clerk; refused while errors stand without reasons, naming them;
// done with the reasons; then public, frozen, verifiable, and compared with the live figures
// after a record is added.
func TestReportPublish(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		clerk := e.login(t, "clerk")
		form := url.Values{"org": {townA}, "year": {"2024"}}
		if status, body := clerk.submit("/reports/publish", form); status != http.StatusForbidden ||
			!strings.Contains(body, "只有局领导可以发布年度报告") {
			t.Fatalf("clerk publish: %d %s", status, snippet(body))
		}

		leader := e.login(t, "leader")
		// 第24条's required contents, without which nothing is published.
		for _, key := range []string{report.TextLeaders, report.TextShortcomings, report.TextPlans} {
			if err := e.st.SaveReportText(ctx, store.Actor{Name: "leader"}, store.SystemAll(), townA, 2024, key, "（一）本年度情况。"); err != nil {
				t.Fatal(err)
			}
		}
		_, page := leader.get("/reports?" + reportQuery)
		// The workbench's buttons keep the org and the year (they lost the year to escaping).
		for _, link := range []string{`href="/reports/texts?org=` + townA + `&amp;year=2024"`, `href="/reports/outline?org=` + townA + `&amp;year=2024"`} {
			if !strings.Contains(page, link) {
				t.Errorf("workbench lacks the link %s", link)
			}
		}
		keys := reasonsOf(page)
		if len(keys) == 0 {
			t.Fatalf("no acceptable errors on the workbench:\n%s", snippet(page))
		}
		status, body := leader.submit("/reports/publish", url.Values{"org": {townA}, "year": {"2024"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "项问题未处理，未发布") ||
			!strings.Contains(body, "请修正，或填写理由后按现状发布") || !strings.Contains(body, `class="issue unresolved"`) {
			t.Fatalf("publish without reasons: %d\n%s", status, snippet(body))
		}
		// Half the reasons: still refused, and the typed reasons are kept.
		form = url.Values{"org": {townA}, "year": {"2024"}, "issued_on": {"2025-03-20"}}
		form.Set("reason:"+keys[0], "本年度无此项业务")
		if status, body := leader.submit("/reports/publish", form); len(keys) > 1 &&
			(status != http.StatusUnprocessableEntity || !strings.Contains(body, `value="本年度无此项业务"`)) {
			t.Fatalf("publish with some reasons: %d\n%s", status, snippet(body))
		}
		for _, k := range keys {
			form.Set("reason:"+k, "本年度无此项业务")
		}
		if status, body := leader.submit("/reports/publish", form); status != http.StatusSeeOther {
			t.Fatalf("publish with reasons: %d\n%s", status, snippet(body))
		}
		pubs, err := e.st.Publications(ctx)
		if err != nil || len(pubs) != 1 {
			t.Fatalf("publications: %v %v", pubs, err)
		}
		p := pubs[0]
		if p.OrgCode != townA || p.Year != 2024 || p.Version != 1 || p.PublishedBy != "leader" || p.SHA256 != store.ContentHash(p) {
			t.Fatalf("publication %+v", p)
		}
		var accepted []report.Acceptance
		if err := json.Unmarshal([]byte(p.Accepted), &accepted); err != nil || len(accepted) != len(keys) ||
			accepted[0].Reason != "本年度无此项业务" {
			t.Errorf("accepted: %s %v", p.Accepted, err)
		}
		entries, _, err := e.st.Audit(ctx, systemScope(), store.AuditFilter{Action: "report.publish"})
		if err != nil || len(entries) != 1 || entries[0].Actor != "leader" {
			t.Errorf("audit: %+v %v", entries, err)
		}
		id := itoa(p.ID)

		// The workbench lists the version; the public list and pages need no login.
		if _, page := leader.get("/reports?" + reportQuery); !strings.Contains(page, "第 1 版") ||
			!strings.Contains(page, "/reports/published/"+id+"/compare") {
			t.Errorf("workbench after publishing:\n%s", snippet(page))
		}
		anon := e.client(t)
		if status, page := anon.get("/public/reports"); status != 200 || !strings.Contains(page, p.SHA256) ||
			!strings.Contains(page, "甲镇2024年法治政府建设年度报告") || !strings.Contains(page, "第 1 版") || !strings.Contains(page, "甲镇") {
			t.Errorf("public list: %d\n%s", status, snippet(page))
		}
		status, frozen, h := anon.do(mustRequest("GET", anon.base+"/public/reports/"+id))
		if status != 200 || frozen != p.HTML || !strings.Contains(h.Get("Content-Security-Policy"), "style-src 'sha256-") ||
			h.Get("X-Content-SHA256") != p.SHA256 {
			t.Errorf("public html: %d %q", status, h.Get("Content-Security-Policy"))
		}
		if strings.Contains(frozen, "/records/") {
			t.Errorf("the public version links to the internal records pages")
		}
		status, md, h := anon.do(mustRequest("GET", anon.base+"/public/reports/"+id+".md"))
		if status != 200 || md != p.Markdown || !strings.HasPrefix(h.Get("Content-Type"), "text/markdown") {
			t.Errorf("public md: %d %q", status, h.Get("Content-Type"))
		}

		// Word, laid out from the frozen Markdown; no internal formulas anywhere public.
		status, doc, h := anon.do(mustRequest("GET", anon.base+"/public/reports/"+id+".docx"))
		if status != 200 || !strings.HasPrefix(doc, "PK") || !strings.Contains(h.Get("Content-Disposition"), ".docx") {
			t.Errorf("public docx: %d %q", status, h.Get("Content-Disposition"))
		}
		if strings.Contains(frozen, "÷") || strings.Contains(md, "÷") || strings.Contains(frozen, "待补") {
			t.Errorf("the public version shows internal formulas or gaps")
		}

		// Compare: nothing moved yet; after a 2024 case is registered, mediation.cases is named.
		if _, page := leader.get("/reports/published/" + id + "/compare"); !strings.Contains(page, "未发生变化") {
			t.Errorf("compare before a change:\n%s", snippet(page))
		}
		e.addMediation(t, "M-LATE", ownComm, "2024-11-30")
		_, page = leader.get("/reports/published/" + id + "/compare")
		row := regexp.MustCompile(`<tr><td>调解矛盾纠纷</td><td><code>mediation.cases</code></td><td class="num">(.*?)</td><td class="num changed">(.*?)</td>`).
			FindStringSubmatch(page)
		if row == nil || row[1] != "1件" || row[2] != "2件" {
			t.Fatalf("compare after a change: %v\n%s", row, snippet(page))
		}
		if strings.Contains(page, "未发生变化") || !strings.Contains(page, "indicator=mediation.cases") {
			t.Errorf("compare page:\n%s", snippet(page))
		}
		// The frozen version did not move.
		again, _ := e.st.PublicationByID(ctx, p.ID)
		if again.HTML != p.HTML || store.ContentHash(again) != p.SHA256 {
			t.Error("the published version changed")
		}
		// A second publication is version 2, listed first.
		if status, _ := leader.submit("/reports/publish", form); status != http.StatusSeeOther {
			t.Fatalf("second publication: %d", status)
		}
		if _, page := anon.get("/public/reports"); strings.Index(page, "第 2 版") > strings.Index(page, "第 1 版") {
			t.Errorf("versions out of order")
		}
		// Out of scope: the clerk of 甲镇 may compare (reads mediation); nobody outside finds it.
		if status, _ := clerk.get("/reports/published/" + id + "/compare"); status != 200 {
			t.Errorf("clerk compare: %d", status)
		}
	})
}

var (
	baseRe      = regexp.MustCompile(`name="base" value="([^"]*)"`)
	badFieldRe  = regexp.MustCompile(`<textarea name="(tpl\.\d+)"[^>]*>[^<]*mediation\.nonexistent[^<]*</textarea>`)
	firstTplRe  = regexp.MustCompile(`<textarea name="(tpl\.\d+)"`)
	unknownTpl  = "共办理{mediation.nonexistent}件。"
	unknownNote = "第 4 个字符处的「{mediation.nonexistent}」：未知的指标"
)

// An outline stored with an unknown indicator (by an older version, or the CLI) shows the error
// with its position in the editor, blocks publishing as 必须修正, and is fixed in the editor.
func TestReportOutlineEditor(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		o := report.DefaultOutline()
		o.Sections[0].Blocks = append(o.Sections[0].Blocks, report.Block{Template: unknownTpl})
		raw, _ := json.Marshal(o)
		if err := e.st.SaveReportOutline(ctx, system, systemScope(), townA, string(raw)); err != nil {
			t.Fatal(err)
		}
		leader := e.login(t, "leader")
		status, page := leader.get("/reports/outline?" + reportQuery)
		if status != 200 || !strings.Contains(page, unknownNote) || !strings.Contains(page, "<mark>{mediation.nonexistent}</mark>") ||
			!strings.Contains(page, "当前提纲有误") || !strings.Contains(page, "已自定义") {
			t.Fatalf("editor: %d\n%s", status, snippet(page))
		}
		// The workbench: the error must be fixed, there is no report to show, and publishing is refused.
		_, wb := leader.get("/reports?" + reportQuery)
		if !strings.Contains(wb, "必须修正") || !strings.Contains(wb, "mediation.nonexistent") || !strings.Contains(wb, "报告无法生成") {
			t.Errorf("workbench:\n%s", snippet(wb))
		}
		form := url.Values{"org": {townA}, "year": {"2024"}}
		for _, k := range reasonsOf(wb) {
			form.Set("reason:"+k, "接受")
		}
		form.Set("reason:template|mediation.nonexistent||一、", "接受")
		status, body := leader.submit("/reports/publish", form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "mediation.nonexistent") || !strings.Contains(body, "（必须修正）") {
			t.Fatalf("publish over an unknown indicator: %d\n%s", status, snippet(body))
		}
		if pubs, _ := e.st.Publications(ctx); len(pubs) != 0 {
			t.Fatal("published over a template error")
		}

		// Live preview: an unknown id with its position; a good template with the figure.
		status, frag := leader.submit("/reports/outline/preview?"+reportQuery+"&field=tpl.1", url.Values{"tpl.1": {"调解{mediation.cases}件，{foo.bar}"}})
		if status != 200 || !strings.Contains(frag, "第 22 个字符处的「{foo.bar}」：未知的指标") || strings.Contains(frag, "<html") {
			t.Errorf("preview of an unknown id: %d %s", status, frag)
		}
		_, frag = leader.submit("/reports/outline/preview?"+reportQuery+"&field=tpl.1", url.Values{"tpl.1": {"{year}年调解{mediation.cases}件，成功率{mediation.success_rate}。"}})
		if !strings.Contains(frag, "2024年调解") || !strings.Contains(frag, `indicator=mediation.cases`) || !strings.Contains(frag, ">1</a>件") {
			t.Errorf("preview: %s", frag)
		}
		if status, _ := leader.submit("/reports/outline/preview?"+reportQuery+"&field=csrf", url.Values{}); status != 400 {
			t.Errorf("preview of another field: %d", status)
		}

		// Saving the editor as it is refuses the unknown indicator and stores nothing.
		base := html.UnescapeString(baseRe.FindStringSubmatch(page)[1])
		bad := badFieldRe.FindStringSubmatch(page)
		if bad == nil {
			t.Fatalf("no textarea holds the unknown indicator")
		}
		form = url.Values{"org": {townA}, "year": {"2024"}, "base": {base}, bad[1]: {unknownTpl}}
		status, body = leader.submit("/reports/outline", form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "未保存") || !strings.Contains(body, unknownNote) {
			t.Fatalf("save with an unknown indicator: %d\n%s", status, snippet(body))
		}
		if stored, _ := e.st.ReportOutline(ctx, systemScope(), townA); stored != string(raw) {
			t.Error("an invalid outline was stored")
		}
		// Fix it: correct the id, add a paragraph to the opening, and retitle.
		form.Set(bad[1], "共办理{mediation.cases}件。")
		form.Set("new.intro", "本报告由平台根据台账记录自动生成。")
		form.Set("title", "{org}{year}年度法治政府建设情况报告")
		if status, body := leader.submit("/reports/outline", form); status != http.StatusSeeOther {
			t.Fatalf("save the fix: %d\n%s", status, snippet(body))
		}
		stored, _ := e.st.ReportOutline(ctx, systemScope(), townA)
		fixed, err := report.ParseOutline([]byte(stored))
		if err != nil || fixed.Title != "{org}{year}年度法治政府建设情况报告" || len(fixed.Blocks) != 2 ||
			fixed.Sections[0].Blocks[len(fixed.Sections[0].Blocks)-1].Template != "共办理{mediation.cases}件。" {
			t.Fatalf("stored outline: %v\n%s", err, stored)
		}
		if _, page := leader.get("/reports/view?" + reportQuery); !strings.Contains(page, "甲镇2024年度法治政府建设情况报告") ||
			!strings.Contains(page, "本报告由平台根据台账记录自动生成。") {
			t.Errorf("the report does not follow the saved outline")
		}
		// Emptying a paragraph removes it.
		_, page = leader.get("/reports/outline?" + reportQuery)
		first := firstTplRe.FindStringSubmatch(page)[1]
		form = url.Values{"org": {townA}, "year": {"2024"}, "base": {html.UnescapeString(baseRe.FindStringSubmatch(page)[1])}, first: {""}}
		if status, _ := leader.submit("/reports/outline", form); status != http.StatusSeeOther {
			t.Fatalf("remove a paragraph: %d", status)
		}
		stored, _ = e.st.ReportOutline(ctx, systemScope(), townA)
		if o, _ := report.ParseOutline([]byte(stored)); len(o.Blocks) != 1 {
			t.Errorf("opening blocks after removing one: %d", len(o.Blocks))
		}
		// Restore the default.
		if status, _ := leader.submit("/reports/outline/reset", url.Values{"org": {townA}, "year": {"2024"}}); status != http.StatusSeeOther {
			t.Fatalf("reset: %d", status)
		}
		if stored, _ := e.st.ReportOutline(ctx, systemScope(), townA); stored != "" {
			t.Errorf("after reset: %q", stored)
		}
		if _, page := leader.get("/reports/outline?" + reportQuery); !strings.Contains(page, "默认提纲") || strings.Contains(page, "恢复默认提纲") {
			t.Errorf("editor after reset")
		}
	})
}

// Free texts: last year's text is offered and marked until changed or adopted.
func TestReportTexts(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		if err := e.st.SaveReportText(ctx, system, systemScope(), townA, 2023, report.TextPlans, "（一）去年写的安排。"); err != nil {
			t.Fatal(err)
		}
		c := e.login(t, "clerk")
		_, page := c.get("/reports/texts?" + reportQuery)
		if !strings.Contains(page, "沿用上一年度文本，请修改") || !strings.Contains(page, "（一）去年写的安排。") ||
			!strings.Contains(page, `name="adopt.next_year_plans"`) {
			t.Fatalf("texts page:\n%s", snippet(page))
		}
		if _, wb := c.get("/reports?" + reportQuery); !strings.Contains(wb, "沿用上一年度文本，请修改") || !strings.Contains(wb, report.TextLabel(report.TextPlans)) {
			t.Errorf("workbench does not flag the inherited text")
		}
		form := url.Values{"org": {townA}, "year": {"2024"},
			"text." + report.TextPlans:   {"（一）去年写的安排。\r\n"},
			"text." + report.TextLeaders: {"主要负责人亲自部署法治建设。\r\n第二段。"}}
		if status, _ := c.submit("/reports/texts", form); status != http.StatusSeeOther {
			t.Fatalf("save: %d", status)
		}
		text, inherited, _ := e.st.ReportText(ctx, systemScope(), townA, 2024, report.TextLeaders)
		if text != "主要负责人亲自部署法治建设。\n第二段。" || inherited {
			t.Errorf("leaders text: %q %v", text, inherited)
		}
		// Unchanged and not adopted: still last year's.
		if _, inherited, _ := e.st.ReportText(ctx, systemScope(), townA, 2024, report.TextPlans); !inherited {
			t.Error("an untouched inherited text was saved as this year's")
		}
		form.Set("adopt."+report.TextPlans, "1")
		if status, _ := c.submit("/reports/texts", form); status != http.StatusSeeOther {
			t.Fatalf("adopt: %d", status)
		}
		if text, inherited, _ := e.st.ReportText(ctx, systemScope(), townA, 2024, report.TextPlans); inherited || text != "（一）去年写的安排。" {
			t.Errorf("adopted text: %q %v", text, inherited)
		}
		if _, page := c.get("/reports/texts?" + reportQuery); strings.Contains(page, "沿用上一年度文本，请修改") {
			t.Error("still marked after adopting")
		}
		// The texts appear in the report.
		if _, view := c.get("/reports/view?" + reportQuery); !strings.Contains(view, "主要负责人亲自部署法治建设。") {
			t.Error("the saved text is not in the report")
		}
	})
}
