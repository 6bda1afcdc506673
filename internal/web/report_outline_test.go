package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fazhi/fazhi/internal/report"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// The structure of the outline, edited from the editor page: sections added, removed (after a
// confirmation) and moved, paragraphs moved. Every edit is a plain form POST of the whole editor,
// so what the user typed goes along; the report printed afterwards follows the new order.

// smallOutline has three sections, the second with two subsections, each with text that prints
// without data (甲镇 has one mediation case, which 甲一 counts).
func smallOutline() report.Outline {
	p := func(t string) report.Block { return report.Block{Template: t} }
	return report.Outline{Title: "{org}{year}年报告", Blocks: []report.Block{p("开头。")}, Sections: []report.Section{
		{Heading: "甲节", Blocks: []report.Block{p("甲一调解{mediation.cases}件。"), p("甲二。")}},
		{Heading: "乙节", Blocks: []report.Block{p("乙一。")}, Sections: []report.Section{
			{Heading: "乙子一", Blocks: []report.Block{p("子一。")}},
			{Heading: "乙子二", Blocks: []report.Block{p("子二。")}},
		}},
		{Heading: "丙节", Blocks: []report.Block{p("丙一。")}},
	}}
}

// outlineSession is a signed-in user on the editor of 甲镇's outline.
type outlineSession struct {
	t  *testing.T
	c  *client
	st *store.Store
}

// storeOutline stores o as 甲镇's outline, as the CLI or an earlier save would.
func (e *env) storeOutline(t *testing.T, o report.Outline) {
	t.Helper()
	raw, _ := json.Marshal(o)
	if err := e.st.SaveReportOutline(context.Background(), system, systemScope(), townA, string(raw)); err != nil {
		t.Fatal(err)
	}
}

// page is the editor as served, and the base its form posts.
func (ed *outlineSession) page() (page, base string) {
	ed.t.Helper()
	status, page := ed.c.get("/reports/outline?" + reportQuery)
	m := baseRe.FindStringSubmatch(page)
	if status != 200 || m == nil {
		ed.t.Fatalf("editor: %d\n%s", status, snippet(page))
	}
	return page, html.UnescapeString(m[1])
}

// press submits the editor as served with the button op pressed ("" is Enter: the save), after
// typing fields; it returns the status, the body and the redirect.
func (ed *outlineSession) press(op string, fields url.Values) (int, string, string) {
	ed.t.Helper()
	_, base := ed.page()
	return ed.pressOn(base, op, fields)
}

// pressOn submits the editor as a previous answer rendered it (its base).
func (ed *outlineSession) pressOn(base, op string, fields url.Values) (int, string, string) {
	ed.t.Helper()
	form := url.Values{"org": {townA}, "year": {"2024"}, "base": {base}, "csrf": {ed.c.csrf}}
	if op != "" {
		form.Set("op", op)
	}
	for k, v := range fields {
		form[k] = v
	}
	req, _ := http.NewRequest(http.MethodPost, ed.c.base+"/reports/outline", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	status, body, h := ed.c.do(req)
	return status, body, h.Get("Location")
}

// stored is the outline as stored for 甲镇.
func (ed *outlineSession) stored() (string, report.Outline) {
	ed.t.Helper()
	raw, err := ed.st.ReportOutline(context.Background(), systemScope(), townA)
	if err != nil {
		ed.t.Fatal(err)
	}
	var o report.Outline
	if err := json.Unmarshal([]byte(raw), &o); err != nil {
		ed.t.Fatalf("stored outline: %v\n%s", err, raw)
	}
	return raw, o
}

var mdHeadingRe = regexp.MustCompile(`(?m)^#{2,6} (.+)$`)

// printed is every heading of the report as the Markdown download prints them, in order; the
// HTML view and the .docx are held to the same order.
func (ed *outlineSession) printed() []string {
	ed.t.Helper()
	status, md := ed.c.get("/reports/download/md?" + reportQuery)
	if status != 200 {
		ed.t.Fatalf("markdown: %d %s", status, snippet(md))
	}
	var out []string
	for _, m := range mdHeadingRe.FindAllStringSubmatch(md, -1) {
		if !strings.HasPrefix(m[1], "附表") {
			out = append(out, m[1])
		}
	}
	_, view := ed.c.get("/reports/view?" + reportQuery)
	_, doc, _ := ed.c.do(mustRequest("GET", ed.c.base+"/reports/download/docx?"+reportQuery))
	xml := docxXML(ed.t, []byte(doc))
	for name, text := range map[string]string{"view": view, "docx": xml} {
		last := -1
		for _, h := range out {
			i := strings.Index(text, h)
			if i <= last {
				ed.t.Errorf("%s: heading %q missing or out of order", name, h)
				break
			}
			last = i
		}
	}
	return out
}

var alertRe = regexp.MustCompile(`(?s)<div class="alert alert-error".*?</div>`)

// alertOf is the problems box of an editor page, for failure messages.
func alertOf(body string) string {
	if m := alertRe.FindString(body); m != "" {
		return m
	}
	return snippet(body)
}

func TestReportOutlineStructure(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.storeOutline(t, smallOutline())
		ed := &outlineSession{t: t, c: e.login(t, "leader"), st: e.st}
		want := []string{"一、甲节", "二、乙节", "（一）乙子一", "（二）乙子二", "三、丙节"}
		if got := ed.printed(); !reflect.DeepEqual(got, want) {
			t.Fatalf("before: %q", got)
		}

		// The page offers every edit, and Enter in a field saves rather than moves.
		page, _ := ed.page()
		for _, s := range []string{`value="up:1"`, `value="down:0"`, `value="remove:1.0"`, `value="add:1"`, `name="newsec.1"`,
			`value="add:top"`, `name="newsec.top"`, `value="para-down:0/0"`, `value="para-up:intro/0"`,
			`name="op" value="up:0" class="btn-tool" disabled`, `name="op" value="down:2" class="btn-tool" disabled`} {
			if !strings.Contains(page, s) {
				t.Errorf("editor lacks %s", s)
			}
		}
		form := page[strings.Index(page, `class="outline-form"`):]
		if first := form[strings.Index(form, "<button"):]; !strings.HasPrefix(first, `<button type="submit" class="default-submit"`) {
			t.Errorf("the form's first button is not the save: %.120s", first)
		}

		steps := []struct {
			name, op string
			fields   url.Values
			location string   // the section the redirect shows
			page     []string // on the editor after the redirect
			want     []string
		}{
			{name: "move a section up", op: "up:2", location: "#sec-1", page: []string{"已将「丙节」上移，现为「二、」。"},
				want: []string{"一、甲节", "二、丙节", "三、乙节", "（一）乙子一", "（二）乙子二"}},
			{name: "move a subsection down", op: "down:2.0", location: "#sec-2.1",
				want: []string{"一、甲节", "二、丙节", "三、乙节", "（一）乙子二", "（二）乙子一"}},
			{name: "move a section down, saving the heading typed", op: "down:0", location: "#sec-1",
				fields: url.Values{"h.0": {"甲节（改）"}}, page: []string{"已将「甲节（改）」下移，现为「二、」。页面上的其他修改已一并保存。"},
				want: []string{"一、丙节", "二、甲节（改）", "三、乙节", "（一）乙子二", "（二）乙子一"}},
			{name: "add a top-level section: not printed without paragraphs", op: "add:top", location: "#sec-3",
				fields: url.Values{"newsec.top": {"  丁节  "}},
				page:   []string{"已新增标题「四、丁节」", `value="丁节"`, "本节还没有段落，暂不出现在报告中"},
				want:   []string{"一、丙节", "二、甲节（改）", "三、乙节", "（一）乙子二", "（二）乙子一"}},
			{name: "a paragraph for it: printed last", fields: url.Values{"new.3": {"丁一。"}}, page: []string{"段落模板已保存"},
				want: []string{"一、丙节", "二、甲节（改）", "三、乙节", "（一）乙子二", "（二）乙子一", "四、丁节"}},
			{name: "move it up", op: "up:3", location: "#sec-2",
				want: []string{"一、丙节", "二、甲节（改）", "三、丁节", "四、乙节", "（一）乙子二", "（二）乙子一"}},
			{name: "add a subsection with Enter (the save button)", fields: url.Values{"newsec.0": {"丙子"}},
				want: []string{"一、丙节", "二、甲节（改）", "三、丁节", "四、乙节", "（一）乙子二", "（二）乙子一"}},
			{name: "its paragraph", fields: url.Values{"new.0.0": {"丙子一。"}},
				want: []string{"一、丙节", "（一）丙子", "二、甲节（改）", "三、丁节", "四、乙节", "（一）乙子二", "（二）乙子一"}},
		}
		for _, st := range steps {
			status, body, loc := ed.press(st.op, st.fields)
			if status != http.StatusSeeOther {
				t.Fatalf("%s: %d\n%s", st.name, status, alertOf(body))
			}
			if !strings.HasSuffix(loc, st.location) || !strings.HasPrefix(loc, "/reports/outline?") {
				t.Errorf("%s: redirected to %q, want %s", st.name, loc, st.location)
			}
			_, page := ed.c.get(loc)
			for _, s := range st.page {
				if !strings.Contains(page, s) {
					t.Errorf("%s: the editor lacks %q", st.name, s)
				}
			}
			if got := ed.printed(); !reflect.DeepEqual(got, st.want) {
				t.Errorf("%s: printed\n got %q\nwant %q", st.name, got, st.want)
			}
		}
		// The editor numbers as the report does.
		page, _ = ed.page()
		if !regexp.MustCompile(`<span class="sec-number">三、</span>标题</label>\s*<input id="h-2" name="h.2" value="丁节">`).MatchString(page) ||
			!regexp.MustCompile(`<span class="sec-number">一、（一）</span>标题</label>\s*<input id="h-0.0" name="h.0.0" value="丙子">`).MatchString(page) {
			t.Errorf("editor numbering after the moves")
		}
		_, o := ed.stored()
		if o.Sections[2].Heading != "丁节" || len(o.Sections[0].Sections) != 1 || o.Sections[0].Sections[0].Blocks[0].Template != "丙子一。" {
			t.Errorf("stored: %+v", o.Sections)
		}

		// Paragraphs: 甲's two swap, in the report too.
		if status, body, loc := ed.press("para-down:1/0", nil); status != http.StatusSeeOther || !strings.HasSuffix(loc, "#sec-1") {
			t.Fatalf("move a paragraph: %d %s\n%s", status, loc, alertOf(body))
		}
		_, view := ed.c.get("/reports/view?" + reportQuery)
		if i, j := strings.Index(view, "甲二。"), strings.Index(view, "甲一调解"); i < 0 || j < 0 || i > j {
			t.Errorf("paragraph order in the report: 甲二 at %d, 甲一 at %d", i, j)
		}
		if status, _, _ := ed.press("para-up:intro/0", nil); status != http.StatusUnprocessableEntity {
			t.Errorf("the only opening paragraph moved up: %d", status)
		}

		// Removing asks first, stores nothing until confirmed, and a cancel keeps all.
		before, _ := ed.stored()
		status, body, _ := ed.press("remove:3", nil)
		if status != 200 || !strings.Contains(body, "确认删除「四、乙节」？") || !strings.Contains(body, "（含3段、2个小节）") ||
			!strings.Contains(body, `value="remove-confirmed:3"`) || !strings.Contains(body, `confirming" id="sec-3"`) {
			t.Fatalf("removal asks: %d\n%s", status, snippet(body))
		}
		if now, _ := ed.stored(); now != before {
			t.Fatal("stored before the confirmation")
		}
		confirmBase := html.UnescapeString(baseRe.FindStringSubmatch(body)[1])
		if status, _, loc := ed.pressOn(confirmBase, "cancel", nil); status != http.StatusSeeOther || strings.Contains(loc, "#") {
			t.Errorf("cancel: %d %s", status, loc)
		}
		status, body, _ = ed.pressOn(confirmBase, "cancel", url.Values{"h.0": {"丙节（未存）"}})
		if status != 200 || !strings.Contains(body, "未删除任何内容。页面上的修改尚未保存") || !strings.Contains(body, `value="丙节（未存）"`) {
			t.Errorf("cancel with typed edits: %d\n%s", status, snippet(body))
		}
		if now, _ := ed.stored(); now != before {
			t.Fatal("stored by a cancel")
		}
		if status, body, _ := ed.pressOn(confirmBase, "remove-confirmed:3", nil); status != http.StatusSeeOther {
			t.Fatalf("confirmed removal: %d\n%s", status, alertOf(body))
		}
		if got, want := ed.printed(), []string{"一、丙节", "（一）丙子", "二、甲节（改）", "三、丁节"}; !reflect.DeepEqual(got, want) {
			t.Errorf("after the removal: %q", got)
		}
		if _, page := ed.c.get("/reports/outline?" + reportQuery); !strings.Contains(page, "已删除「四、乙节」（含3段、2个小节）") {
			t.Errorf("no message after the removal")
		}
		// A subsection: the parent stays, printed with its own paragraph.
		if status, _, loc := ed.press("remove-confirmed:0.0", nil); status != http.StatusSeeOther || !strings.HasSuffix(loc, "#sec-0") {
			t.Fatalf("remove a subsection: %d %s", status, loc)
		}
		if got, want := ed.printed(), []string{"一、丙节", "二、甲节（改）", "三、丁节"}; !reflect.DeepEqual(got, want) {
			t.Errorf("after removing a subsection: %q", got)
		}

		// Every edit went through the audited save.
		entries, _, err := e.st.Audit(ctx, systemScope(), store.AuditFilter{Action: "report.outline", Actor: "leader"})
		if err != nil || len(entries) != len(steps)+3 {
			t.Errorf("audit: %d entries, want %d (%v)", len(entries), len(steps)+3, err)
		}
	})
}

// Refused edits say why in Chinese, keep what was typed on the page, and store nothing.
func TestReportOutlineStructureRefused(t *testing.T) {
	one := report.Outline{Title: "{org}{year}年报告", Sections: []report.Section{
		{Heading: "唯一节", Blocks: []report.Block{{Template: "段。"}}}}}
	tests := []struct {
		name    string
		outline *report.Outline // smallOutline() when nil
		op      string
		fields  url.Values
		status  int
		want    []string
	}{
		{name: "empty new heading", op: "add:top", fields: url.Values{"newsec.top": {"   "}}, status: 422,
			want: []string{"操作未执行，提纲未保存", "新增标题不能为空"}},
		{name: "empty new subsection", op: "add:1", status: 422, want: []string{"新增标题不能为空"}},
		{name: "a figure in a new heading", op: "add:top", fields: url.Values{"newsec.top": {"调解{mediation.cases}件"}}, status: 422,
			want: []string{"新增的一级标题「调解{mediation.cases}件」：标题有误：标题中不能引用指标「mediation.cases」",
				`name="newsec.top" value="调解{mediation.cases}件"`}},
		{name: "a bad new subsection heading is kept in its field", fields: url.Values{"newsec.1.0": {"子{"}}, status: 422,
			want: []string{"在「二、（一）」下新增的标题「子{」", `name="newsec.1.0" value="子{"`, "<details class=\"add-section\" open>"}},
		{name: "add under an unknown section", op: "add:7", fields: url.Values{"newsec.7": {"丁"}}, status: 422,
			want: []string{"提纲中没有要操作的标题"}},
		{name: "unknown section", op: "up:9", status: 422, want: []string{"提纲中没有要操作的标题（提纲可能已被修改），请刷新页面后重试"}},
		{name: "malformed section", op: "down:1.x", status: 422, want: []string{"提纲中没有要操作的标题"}},
		{name: "first section up", op: "up:0", status: 422, want: []string{"「一、甲节」已在最前，不能再上移"}},
		{name: "last section down", op: "down:2", status: 422, want: []string{"「三、丙节」已在最后，不能再下移"}},
		{name: "last subsection down", op: "down:1.1", status: 422, want: []string{"「二、（二）乙子二」已在最后，不能再下移"}},
		{name: "first paragraph up", op: "para-up:0/0", status: 422, want: []string{"「一、第1段」已在最前，不能再上移"}},
		{name: "last paragraph down", op: "para-down:0/1", status: 422, want: []string{"「一、第2段」已在最后，不能再下移"}},
		{name: "unknown paragraph", op: "para-down:0/7", status: 422, want: []string{"本节没有要移动的段落"}},
		{name: "remove an unknown section", op: "remove:3", status: 422, want: []string{"提纲中没有要操作的标题"}},
		{name: "typed edits are kept on a refusal", op: "up:0", fields: url.Values{"h.1": {"乙节（改）"}, "tpl.2": {"甲二（改）。"}},
			status: 422, want: []string{"已在最前", `value="乙节（改）"`, ">甲二（改）。</textarea>"}},
		{name: "an invalid template typed blocks the move", op: "down:0", fields: url.Values{"tpl.1": {"{mediation.nonexistent}"}},
			status: 422, want: []string{"提纲有误，未保存", "未知的指标「mediation.nonexistent」"}},
		{name: "the only section cannot be asked to be removed", outline: &one, op: "remove:0", status: 422,
			want: []string{"提纲至少要保留一个一级标题，不能删除唯一的一节"}},
		{name: "nor removed", outline: &one, op: "remove-confirmed:0", status: 422,
			want: []string{"提纲至少要保留一个一级标题"}},
		{name: "unknown operation", op: "explode:0", status: 400, want: []string{"提纲操作「explode:0」无效"}},
	}
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "leader")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				o := smallOutline()
				if tt.outline != nil {
					o = *tt.outline
				}
				e.storeOutline(t, o)
				c.t = t
				ed := &outlineSession{t: t, c: c, st: e.st}
				before, _ := ed.stored()
				status, body, _ := ed.press(tt.op, tt.fields)
				if status != tt.status {
					t.Fatalf("status %d, want %d\n%s", status, tt.status, alertOf(body))
				}
				for _, s := range tt.want {
					if !strings.Contains(body, s) {
						t.Errorf("answer lacks %q\n%s", s, alertOf(body))
					}
				}
				if now, _ := ed.stored(); now != before {
					t.Errorf("a refused edit was stored:\n%s", now)
				}
			})
		}
	})
}

// The edits keep the editor's permissions: the same scope and roles as saving the texts.
func TestReportOutlineStructurePermissions(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.storeOutline(t, smallOutline())
		ed := &outlineSession{t: t, c: e.login(t, "leader"), st: e.st}
		_, base := ed.page()
		before, _ := ed.stored()
		post := func(c *client, form url.Values) int {
			status, _ := c.post("/reports/outline", form)
			return status
		}
		form := func(c *client, org string) url.Values {
			return url.Values{"org": {org}, "year": {"2024"}, "base": {base}, "op": {"remove-confirmed:0"}, "csrf": {c.csrf}}
		}
		auditor, clerk2 := e.login(t, "auditor"), e.login(t, "clerk2")
		for _, tt := range []struct {
			name   string
			c      *client
			form   url.Values
			status int
		}{
			{"auditor", auditor, form(auditor, townA), http.StatusForbidden},
			{"clerk of no kind", clerk2, form(clerk2, townA), http.StatusForbidden},
			{"another town", ed.c, form(ed.c, townB), http.StatusNotFound},
			{"no CSRF token", ed.c, func() url.Values { f := form(ed.c, townA); f.Del("csrf"); return f }(), http.StatusForbidden},
		} {
			if got := post(tt.c, tt.form); got != tt.status {
				t.Errorf("%s: status %d, want %d", tt.name, got, tt.status)
			}
		}
		if now, _ := ed.stored(); now != before {
			t.Fatal("stored by a refused request")
		}
		// A clerk who reads a kind may edit the outline, as she may save it.
		clerk := e.login(t, "clerk")
		if got := post(clerk, form(clerk, townA)); got != http.StatusSeeOther {
			t.Errorf("clerk: status %d", got)
		}
		if _, o := ed.stored(); len(o.Sections) != 2 || o.Sections[0].Heading != "乙节" {
			t.Errorf("clerk's removal: %+v", o.Sections)
		}
	})
}

// In Chromium, without any script of ours involved: Enter in a heading saves it (the form's
// first submit button is the save, not a move), the buttons move and remove sections, and the
// removal asks first. Screenshots of the editor and of the confirmation go to the temp dir.
func TestBrowserReportOutlineStructure(t *testing.T) {
	ctx := launchChromium(t, 60*time.Second)
	e := newEnv(t, storetest.SQLite(t))
	e.storeOutline(t, smallOutline())
	browserLogin(t, ctx, e.srv.URL, "leader")
	ed := &outlineSession{t: t, c: e.login(t, "leader"), st: e.st}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	press := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		_, err := chromedp.RunResponse(ctx, steps...)
		must(what, err)
		must(what+": page", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".outline-form"))))
	}
	editor := e.srv.URL + "/reports/outline?" + reportQuery
	must("open the editor", chromedp.Do(ctx, chromedp.Navigate(editor), chromedp.WaitVisible(chromedp.ID("h-0"))))
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must("editor screenshot", err)
	saveScreenshot(t, "outline-structure.png", png)

	press("Enter in a heading", chromedp.SetValue(chromedp.ID("h-0"), "甲节（改）"), chromedp.SendKeys(chromedp.ID("h-0"), "\r"))
	if got, want := ed.printed(), []string{"一、甲节（改）", "二、乙节", "（一）乙子一", "（二）乙子二", "三、丙节"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after Enter: %q", got)
	}
	press("move down", chromedp.Click(chromedp.CSS(`button[value="down:0"]`)))
	if got, want := ed.printed(), []string{"一、乙节", "（一）乙子一", "（二）乙子二", "二、甲节（改）", "三、丙节"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after moving down: %q", got)
	}
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || !strings.HasSuffix(loc, "#sec-1") {
		t.Errorf("after moving the page is at %q (%v)", loc, err)
	}
	must("remove", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[value="remove:1"]`)), chromedp.WaitVisible(chromedp.CSS(".alert-confirm"))))
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".alert-confirm")))
	must("confirmation", err)
	if !strings.Contains(msg, "确认删除「二、甲节（改）」？") {
		t.Errorf("confirmation: %q", msg)
	}
	png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must("confirmation screenshot", err)
	saveScreenshot(t, "outline-remove-confirm.png", png)
	press("confirm", chromedp.Click(chromedp.CSS(".alert-confirm .btn-danger")))
	if got, want := ed.printed(), []string{"一、乙节", "（一）乙子一", "（二）乙子二", "二、丙节"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after the removal: %q", got)
	}
	t.Log("browser outline test ran: chromium")
}
