package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/notices"
	"github.com/fazhi/fazhi/internal/store"
)

// The reconsideration office of the test world: the city government's 行政复议办公室, directly
// under the city, with its clerk "fuyi" (reconsideration, hearing and letters) and a leader of the
// whole city, "chief".
const (
	fyOffice     = "441481-FY"
	fyOfficeName = "兴宁市人民政府行政复议办公室"
	// issuedByGovernment is the signature of a notice of that office: the 复议机关, 兴宁市人民政府
	// (行政复议法第4条), not the office — the run ends after the government's name.
	issuedByGovernment = "兴宁市人民政府</w:t>"
)

func addReconOffice(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	if _, err := e.st.ImportOrgs(ctx, system, systemScope(), []store.OrgInput{
		{Code: fyOffice, Name: fyOfficeName, Type: "其他", ParentCode: cityCode}}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []store.UserInput{
		{Username: "fuyi", DisplayName: "复议办", Role: auth.RoleClerk, OrgCode: fyOffice,
			Kinds: []string{"reconsideration", "hearing", "letter"}},
		{Username: "chief", DisplayName: "刘局长", Role: auth.RoleLeader, OrgCode: cityCode},
	} {
		u.PasswordHash = passwordHash()
		if _, err := e.st.SaveUser(ctx, system, systemScope(), u); err != nil {
			t.Fatal(err)
		}
	}
}

// addReconsideration registers an application received on `received` and, when accepted is
// set, accepts it under the ordinary procedure.
func (e *env) addReconsideration(t *testing.T, code, received, accepted string) store.Record {
	t.Helper()
	ctx := context.Background()
	r, err := e.st.CreateRecord(ctx, system, systemScope(), "reconsideration", law.Values{
		"code": code, "org": fyOffice, "received_on": received, "applicants": []string{"王五", "赵六"},
		"applicant_phone": phone, "respondent": "兴宁市市场监督管理局", "act_type": "行政处罚", "acceptance": "审查中"})
	if err != nil {
		t.Fatal(err)
	}
	if accepted != "" {
		if r, err = e.st.Transition(ctx, system, systemScope(), r.ID, r.Version, "accept",
			law.Values{"accepted_on": accepted, "procedure": "普通"}); err != nil {
			t.Fatal(err)
		}
	}
	e.ids[code] = r.ID
	return r
}

// fetch gets a file (or page) with the client's session, as bytes.
func (c *client) fetch(path string) (int, []byte, http.Header) {
	c.t.Helper()
	resp, err := c.http.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, resp.Header
}

// docxXML is word/document.xml of a .docx.
func docxXML(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a .docx (zip): %v\n%s", err, snippet(string(b)))
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			x, _ := io.ReadAll(rc)
			return string(x)
		}
	}
	t.Fatal("no word/document.xml in the .docx")
	return ""
}

func TestNotices(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		addReconOffice(t, e)
		rec := e.addReconsideration(t, "兴府复〔2024〕12号", "2024-09-26", "2024-10-09")
		fresh := e.addReconsideration(t, "兴府复〔2024〕13号", "2024-10-08", "")
		base := "/records/reconsideration/" + itoa(rec.ID)
		fuyi := e.login(t, "fuyi")

		cases := []struct {
			name     string
			user     string
			path     string
			status   int
			contains []string // in the page, or in word/document.xml of a download
		}{
			{name: "acceptance notice", user: "fuyi", path: base + "/notices/acceptance.docx", status: 200,
				contains: []string{"兴府复〔2024〕12号", issuedByGovernment, "行政复议受理通知书", "王五、赵六", "你们不服", "2024年10月9日", "普通程序"}},
			{name: "decision draft", user: "fuyi", path: base + "/notices/decision.docx", status: 200,
				contains: []string{"兴府复〔2024〕12号", issuedByGovernment, "行政复议决定书", "兴宁市市场监督管理局"}},
			{name: "the leader of the city may print it too", user: "chief", path: base + "/notices/acceptance.docx", status: 200,
				contains: []string{"兴府复〔2024〕12号", issuedByGovernment}},
			{name: "refusal before any refusal", user: "fuyi", path: base + "/notices/refusal.docx", status: 400,
				contains: []string{"不予受理决定书", "只能在不予受理时出具"}},
			{name: "acceptance of a case not yet accepted", user: "fuyi", path: "/records/reconsideration/" + itoa(fresh.ID) + "/notices/acceptance.docx",
				status: 400, contains: []string{"只能在审理中、中止、已审结时出具"}},
			{name: "a clerk without the kind", user: "clerk", path: base + "/notices/acceptance.docx", status: 404},
			{name: "a leader of another subtree", user: "leader", path: base + "/notices/acceptance.docx", status: 404},
			{name: "unknown notice", user: "fuyi", path: base + "/notices/nosuch.docx", status: 404},
			{name: "not a .docx", user: "fuyi", path: base + "/notices/acceptance.pdf", status: 404},
			{name: "a notice of another kind", user: "clerk", path: "/records/mediation/" + itoa(e.ids["M-OWN"]) + "/notices/acceptance.docx", status: 404},
			{name: "record page lists the notices", user: "fuyi", path: base, status: 200,
				contains: []string{`id="notices"`, `href="` + base + `/notices/acceptance.docx"`, "受理通知书", "补正通知书", "只能在补正中时出具",
					"复议决定期限", "行政复议法第62条"}},
			{name: "admin page", user: "admin", path: "/notices", status: 200, contains: []string{"文书模板", "受理通知书", "中止审理通知书", "默认"}},
			{name: "admin edit page", user: "admin", path: "/notices/extension", status: 200,
				contains: []string{`<textarea id="f-template" name="template"`, "延期审理通知书", `{{due &#34;reconsideration.decision&#34;}}`, "extension_days"}},
			{name: "template page refused to a clerk", user: "fuyi", path: "/notices", status: 403},
			{name: "template edit refused to a leader", user: "chief", path: "/notices/acceptance", status: 403},
			{name: "unknown template", user: "admin", path: "/notices/nosuch", status: 404},
		}
		clients := map[string]*client{"fuyi": fuyi}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				cl, ok := clients[c.user]
				if !ok {
					cl = e.login(t, c.user)
					clients[c.user] = cl
				}
				cl.t = t
				status, body, h := cl.fetch(c.path)
				if status != c.status {
					t.Fatalf("GET %s as %s: %d, want %d\n%s", c.path, c.user, status, c.status, snippet(string(body)))
				}
				text := string(body)
				if status == 200 && strings.HasSuffix(c.path, ".docx") {
					if ct := h.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
						t.Errorf("Content-Type %q", ct)
					}
					cd := h.Get("Content-Disposition")
					if !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=UTF-8''") || !strings.Contains(cd, url.PathEscape("通知书")) && !strings.Contains(cd, url.PathEscape("决定书")) {
						t.Errorf("Content-Disposition %q", cd)
					}
					text = docxXML(t, body)
				}
				for _, s := range c.contains {
					if !strings.Contains(text, s) {
						t.Errorf("GET %s: missing %q\n%s", c.path, s, snippet(text))
					}
				}
			})
		}
		// Each notice downloaded is in the audit trail as an export (it carries personal data out).
		entries, _, err := e.st.Audit(context.Background(), systemScope(), store.AuditFilter{Action: "record.export", Kind: "reconsideration"})
		if err != nil {
			t.Fatal(err)
		}
		var filters []string
		for _, a := range entries {
			filters = append(filters, a.Actor+" "+a.After)
		}
		all := strings.Join(filters, "\n")
		if len(entries) != 3 || !strings.Contains(all, "fuyi") || !strings.Contains(all, "chief") ||
			!strings.Contains(all, "notice:acceptance record:"+itoa(rec.ID)) || !strings.Contains(all, "notice:decision record:"+itoa(rec.ID)) {
			t.Errorf("audit of the notice downloads (want 3):\n%s", all)
		}
	})
}

func TestNoticeTemplateEdit(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		addReconOffice(t, e)
		rec := e.addReconsideration(t, "兴府复〔2024〕21号", "2024-09-26", "2024-10-09")
		doc := "/records/reconsideration/" + itoa(rec.ID) + "/notices/acceptance.docx"
		ctx := context.Background()
		admin, fuyi := e.login(t, "admin"), e.login(t, "fuyi")
		saved := func() (string, bool) {
			v, ok, err := e.st.Setting(ctx, notices.SettingKey("acceptance"))
			if err != nil {
				t.Fatal(err)
			}
			return v, ok
		}

		// A template that does not parse is shown again with the problem; nothing is saved.
		bad := "受理通知书\n\n{{v \"applicants\"}：本机关受理。"
		status, page := admin.submit("/notices/acceptance", url.Values{"template": {bad}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "模板未保存") || !strings.Contains(page, "模板有误") {
			t.Fatalf("bad template: %d\n%s", status, snippet(page))
		}
		if !strings.Contains(page, "{{v &#34;applicants&#34;}：本机关受理。") {
			t.Errorf("the bad template is not kept in the textarea")
		}
		if _, ok := saved(); ok {
			t.Fatal("a bad template was saved")
		}
		// One that calls a function with the wrong arguments fails when filled: refused too.
		if status, _ := admin.submit("/notices/acceptance", url.Values{"template": {"标题\n\n{{date}}"}}); status != http.StatusUnprocessableEntity {
			t.Errorf("template failing on execution: %d", status)
		}
		// A misspelt field would print nothing: refused, naming it.
		if status, page := admin.submit("/notices/acceptance", url.Values{"template": {"标题\n\n{{v \"aplicants\"}}"}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "「aplicants」") {
			t.Errorf("template naming an unknown field: %d\n%s", status, snippet(page))
		}
		if status, _ := admin.submit("/notices/acceptance", url.Values{"template": {"  "}}); status != http.StatusUnprocessableEntity {
			t.Errorf("empty template: %d", status)
		}
		// Without the CSRF token nothing happens.
		if status, _ := admin.post("/notices/acceptance", url.Values{"template": {"标题\n\n正文"}}); status != http.StatusForbidden {
			t.Errorf("post without token: %d", status)
		}
		// A clerk may not save one.
		if status, _ := fuyi.submit("/notices/acceptance", url.Values{"template": {"标题\n\n正文"}}); status != http.StatusForbidden {
			t.Errorf("clerk saving a template: %d", status)
		}
		if _, ok := saved(); ok {
			t.Fatal("a refused template was saved")
		}

		// A good one is saved, audited, and used for the next download.
		good := "行政复议受理通知书\n\n文号：{{.Code}}\n\n{{v \"applicants\"}}：\n\n本机关已于{{date \"accepted_on\"}}受理你的申请（本地模板）。\n\n落款：{{.Org}}\n{{date .Today}}"
		if status, page := admin.submit("/notices/acceptance", url.Values{"template": {good}}); status != http.StatusSeeOther {
			t.Fatalf("good template: %d\n%s", status, snippet(page))
		}
		if v, ok := saved(); !ok || v != good {
			t.Fatalf("saved %q %v", v, ok)
		}
		if _, page := admin.get("/notices"); !strings.Contains(page, "已按本地修改") {
			t.Error("the list does not show the local version")
		}
		status, body, _ := fuyi.fetch(doc)
		if x := docxXML(t, body); status != 200 || !strings.Contains(x, "本地模板") || !strings.Contains(x, "兴府复〔2024〕21号") {
			t.Errorf("download after the edit: %d\n%s", status, snippet(x))
		}
		entries, _, err := e.st.Audit(ctx, systemScope(), store.AuditFilter{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, en := range entries {
			found = found || (en.Action == "setting.save" && en.Target == notices.SettingKey("acceptance"))
		}
		if !found {
			t.Errorf("the template change is not in the audit trail: %+v", entries)
		}

		// Restoring the default removes the local version.
		if status, _ := admin.submit("/notices/acceptance/reset", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("reset: %d", status)
		}
		if _, ok := saved(); ok {
			t.Fatal("reset kept the local version")
		}
		_, body, _ = fuyi.fetch(doc)
		if x := docxXML(t, body); strings.Contains(x, "本地模板") || !strings.Contains(x, "第三十条") {
			t.Errorf("download after reset still uses the local template")
		}
	})
}

// TestReconsiderationRecordView: the case page of 行政复议 — forms for the steps that take
// inputs (中止审理 with the ten grounds of 第39条, 延期审理 with its day count, 作出复议决定 with
// the decisions of 第63–72条 only), the clocks with rule, article, due date and working days left,
// a suspension shown as a paused period, and a step the law took by itself (视为受理) marked in the
// timeline as the system's.
func TestReconsiderationRecordView(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		addReconOffice(t, e)
		ctx := context.Background()
		rec := e.addReconsideration(t, "R-VIEW", "2024-09-26", "2024-10-09")
		fuyi := e.login(t, "fuyi")
		page := func(id int64) string {
			t.Helper()
			status, body := fuyi.get("/records/reconsideration/" + itoa(id))
			if status != 200 {
				t.Fatalf("record page: %d", status)
			}
			return body
		}
		form := func(body, name string) string {
			t.Helper()
			i := strings.Index(body, `id="t-`+name+`"`)
			if i < 0 {
				t.Fatalf("no form for %s", name)
			}
			return body[i : i+strings.Index(body[i:], "</details>")]
		}
		body := page(rec.ID)
		suspend := form(body, "suspend")
		if strings.Count(suspend, `<option value="（`) != 10 || !strings.Contains(suspend, `name="suspension_ground"`) || !strings.Contains(suspend, `type="date"`) {
			t.Errorf("中止审理 form:\n%s", suspend)
		}
		if extend := form(body, "extend"); !strings.Contains(extend, `type="number" id="t-extend-extension_days"`) || !strings.Contains(extend, "最多30") {
			t.Errorf("延期审理 form:\n%s", extend)
		}
		decide := form(body, "decide")
		if !strings.Contains(decide, `<option value="撤销">`) || strings.Contains(decide, `<option value="调解">`) || strings.Contains(decide, `<option value="终止">`) {
			t.Errorf("作出复议决定 offers outcomes that are steps of their own:\n%s", decide)
		}
		for _, want := range []string{"复议决定期限", "行政复议法第62条", "发送副本期限", "7 工作日", "个工作日", "登记程序事项"} {
			if !strings.Contains(body, want) {
				t.Errorf("record page lacks %q", want)
			}
		}

		// Suspended: the decision period is paused, and says since when.
		if _, err := e.st.Transition(ctx, system, systemScope(), rec.ID, rec.Version, "suspend",
			law.Values{"suspended_on": "2024-10-20", "suspension_ground": law.SuspensionGrounds[7]}); err != nil {
			t.Fatal(err)
		}
		body = page(rec.ID)
		if !strings.Contains(body, "已暂停：自 2024-10-20 起中止") || !strings.Contains(body, "如今日恢复审理，期限") {
			t.Errorf("paused decision period not shown:\n%s", snippet(body[strings.Index(body, `id="clocks"`):]))
		}

		// An application left without a decision on acceptance past 5 WD is deemed accepted.
		late := e.addReconsideration(t, "R-DEEMED", "2024-11-01", "")
		if n, err := e.st.ApplyDeemed(ctx, calendar.MustParseDate("2024-12-02")); err != nil || n != 1 {
			t.Fatalf("ApplyDeemed: %d %v", n, err)
		}
		body = page(late.ID)
		tl := body[strings.Index(body, `class="timeline"`):]
		if !strings.Contains(tl, `class="tl-deemed"`) || !strings.Contains(tl, "依法视为 · 系统自动") || !strings.Contains(tl, "视为受理") ||
			!strings.Contains(tl, "系统（期限届满）") {
			t.Errorf("deemed step not marked in the timeline:\n%s", snippet(tl))
		}
		if !strings.Contains(body, `id="stage">审理中</span>`) {
			t.Errorf("stage after 视为受理")
		}
	})
}

// TestNoticeReissue: a notice issued is kept with the case as 第1版; issuing it again after a
// correction adds 第2版 and leaves 第1版 as the party received it (issue 10 item 8).
func TestNoticeReissue(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		addReconOffice(t, e)
		rec := e.addReconsideration(t, "兴府复〔2024〕21号", "2024-09-26", "2024-10-09")
		base := "/records/reconsideration/" + itoa(rec.ID)
		fuyi := e.login(t, "fuyi")
		for range 2 {
			if status, body := fuyi.submit(base+"/notices/acceptance.docx/issue", url.Values{}); status != http.StatusSeeOther {
				t.Fatalf("issue: %d %s", status, snippet(body))
			}
		}
		kept, err := e.st.Attachments(context.Background(), systemScope(), rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(kept) != 2 || kept[0].Name != "受理通知书（兴府复〔2024〕21号）第1版.docx" || kept[1].Name != "受理通知书（兴府复〔2024〕21号）第2版.docx" ||
			kept[0].Size == 0 {
			t.Fatalf("kept versions: %+v", kept)
		}
		if _, page := fuyi.get(base); !strings.Contains(page, "已存档 2 版") || !strings.Contains(page, "重新出具（第3版）") {
			t.Errorf("record page does not list the issued versions")
		}
		if status, _ := e.login(t, "chief").submit(base+"/notices/acceptance.docx/issue", url.Values{}); status != http.StatusForbidden {
			t.Errorf("a reader issued a notice: %d", status)
		}
	})
}
