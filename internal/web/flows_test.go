package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
)

func TestCSRFRefused(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		form := url.Values{"code": {"M-NEW"}, "committee": {ownComm}, "accepted_on": {"2024-06-01"}, "dispute_type": {"合同"}}
		if status, _ := c.post("/records/mediation/new", form); status != http.StatusForbidden {
			t.Errorf("form without token: %d, want 403", status)
		}
		form.Set("csrf", "forged")
		if status, _ := c.post("/records/mediation/new", form); status != http.StatusForbidden {
			t.Errorf("form with a forged token: %d, want 403", status)
		}
		body := map[string]any{"values": map[string]any{"code": "M-API", "committee": ownComm, "accepted_on": "2024-06-01", "dispute_type": "合同"}}
		if status, out := c.api("POST", "/api/v1/records/mediation", body, true); status != http.StatusForbidden {
			t.Errorf("API without header: %d %v, want 403", status, out)
		}
		// A cross-site request is refused by its browser headers even with a token.
		req, _ := http.NewRequest("POST", c.base+"/logout", strings.NewReader("csrf="+c.csrf))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if status, _, _ := c.do(req); status != http.StatusForbidden {
			t.Errorf("cross-site post: %d, want 403", status)
		}
		// The login form has its own token too.
		if status, _ := e.client(t).post("/login", url.Values{"username": {"clerk"}, "password": {password}}); status != http.StatusForbidden {
			t.Errorf("login without token: %d, want 403", status)
		}
		// With the token, it goes through; nothing was created before.
		status, out := c.api("POST", "/api/v1/records/mediation", body, false)
		if status != http.StatusCreated || out["code"] != "M-API" {
			t.Fatalf("API with header: %d %v", status, out)
		}
		if status, page := c.submit("/records/mediation/new", form); status != http.StatusSeeOther {
			t.Fatalf("form with token: %d %s", status, snippet(page))
		}
		n, _, _ := e.st.Aggregate(context.Background(), systemScope(), store.Query{Kind: "mediation"}, store.Agg{Func: "count"})
		if n != 5 {
			t.Errorf("records: %v, want 5 (3 seeded + 2)", n)
		}
	})
}

func TestLoginLockout(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.client(t)
		status, body := c.tryLogin("nosuchuser", "whatever-123")
		if status != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") {
			t.Fatalf("unknown user: %d", status)
		}
		// Five failures lock clerk from this address; the fifth and every later answer, even to
		// the right password, reads like a wrong password (issue 9 item 8).
		for i := 1; i <= 5; i++ {
			status, body := c.tryLogin("clerk", "wrong-password-1")
			if status != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") {
				t.Fatalf("failure %d: %d %s", i, status, snippet(body))
			}
		}
		status, body = c.tryLogin("clerk", password)
		if status != http.StatusUnauthorized || !strings.Contains(body, auth.ErrCredentials.Error()) {
			t.Fatalf("right password while locked: %d %s", status, snippet(body))
		}
		entries, _, err := e.st.Audit(context.Background(), systemScope(), store.AuditFilter{Action: "login.locked"})
		if err != nil || len(entries) != 1 {
			t.Fatalf("audit login.locked: %v %v", entries, err)
		}
		unknown, _, err := e.st.Audit(context.Background(), systemScope(), store.AuditFilter{Action: "login.failed", Target: "nosuchuser"})
		if err != nil || len(unknown) != 1 {
			t.Fatalf("the unknown user's failure is not audited: %v %v", unknown, err)
		}
		// The administrator sees the lock and lifts it.
		a := e.login(t, "admin")
		if _, page := a.get("/users"); !strings.Contains(page, "/users/clerk/unlock") {
			t.Fatalf("the accounts page offers no unlock for clerk")
		}
		if status, _ := a.submit("/users/clerk/unlock", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("unlock: %d", status)
		}
		e.login(t, "clerk")
		// Another account is not affected.
		e.login(t, "leader")
	})
}

func TestLoginRateLimitPerAddress(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.client(t)
		var status int
		for i := 0; i < 11; i++ {
			status, _ = c.tryLogin("nobody"+itoa(int64(i)), "wrong-password-1")
		}
		if status != http.StatusTooManyRequests {
			t.Fatalf("11th failure from one address: %d, want 429", status)
		}
	})
}

var versionRe = regexp.MustCompile(`name="version" value="(\d+)"`)

// TestEditConflict: two people edit the same record; the second save is refused with 409, the
// page says so with a reload link, and what the second person typed is still in the form.
func TestEditConflict(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		path := "/records/mediation/" + itoa(e.ids["M-OWN"]) + "/edit"
		status, page := c.get(path)
		if status != http.StatusOK {
			t.Fatalf("edit form: %d", status)
		}
		version := versionRe.FindStringSubmatch(page)[1]
		// Someone else saves first.
		rec, _ := e.st.Record(context.Background(), systemScope(), e.ids["M-OWN"])
		rec.Values["mediator"] = "赵六"
		if _, err := e.st.UpdateRecord(context.Background(), system, systemScope(), rec.ID, rec.Version, rec.Values); err != nil {
			t.Fatal(err)
		}
		form := url.Values{"version": {version}, "code": {"M-OWN"}, "committee": {ownComm}, "accepted_on": {"2024-03-05"},
			"dispute_type": {"邻里"}, "parties": {"张三；李四"}, "party_phone": {phone}, "mediator": {"王五"},
			"summary": {"我刚刚输入的纠纷简要情况"}}
		status, page = c.submit(path, form)
		if status != http.StatusConflict {
			t.Fatalf("stale save: %d, want 409\n%s", status, snippet(page))
		}
		for _, want := range []string{"已被 system:test", "本次未保存", "我刚刚输入的纠纷简要情况", "放弃我的修改并重新编辑"} {
			if !strings.Contains(page, want) {
				t.Errorf("conflict page lacks %q", want)
			}
		}
		got, _ := e.st.Record(context.Background(), systemScope(), e.ids["M-OWN"])
		if got.Values.Str("mediator") != "赵六" || got.Values.Str("summary") != "" {
			t.Errorf("the other person's save was overwritten: %v", got.Values)
		}
		// After reloading, the save goes through.
		_, page = c.get(path)
		form.Set("version", versionRe.FindStringSubmatch(page)[1])
		if status, page := c.submit(path, form); status != http.StatusSeeOther {
			t.Fatalf("fresh save: %d\n%s", status, snippet(page))
		}
	})
}

// TestFormProblems: a form with mistakes comes back with each problem next to its field and the
// input kept; ledger formats (2024年6月1日, 「、」-separated lists) are accepted.
func TestFormProblems(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		form := url.Values{"code": {"M-BAD"}, "committee": {ownComm}, "accepted_on": {"不是日期"}, "dispute_type": {"合同"},
			"amount": {"-5"}, "parties": {"王甲、王乙"}, "mediator": {"我输入的调解员"}}
		status, page := c.submit("/records/mediation/new", form)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: %d", status)
		}
		for _, want := range []string{"日期格式无法识别", "金额不能为负数", "我输入的调解员", "王甲、王乙"} {
			if !strings.Contains(page, want) {
				t.Errorf("problem page lacks %q", want)
			}
		}
		// Store-level problems (required for the status) come back the same way.
		form.Set("accepted_on", "2024年6月1日")
		form.Set("amount", "1,200.50")
		form.Set("result", "成功")
		status, page = c.submit("/records/mediation/new", form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "状态为「成功」时必填") {
			t.Fatalf("missing closed_on: %d\n%s", status, snippet(page))
		}
		form.Set("result", "")
		if status, page = c.submit("/records/mediation/new", form); status != http.StatusSeeOther {
			t.Fatalf("good form: %d\n%s", status, snippet(page))
		}
		recs, _, _ := e.st.List(context.Background(), systemScope(), store.Filter{Query: store.Query{Kind: "mediation", Text: "M-BAD"}})
		if len(recs) != 1 || recs[0].Values.Str("accepted_on") != "2024-06-01" || recs[0].Values.Str("amount") != "1200.5" ||
			len(recs[0].Values["parties"].([]string)) != 2 || recs[0].Status != "调解中" {
			t.Fatalf("saved: %+v", recs)
		}
	})
}

func TestTransitionThroughForm(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		base := "/records/mediation/" + itoa(e.ids["M-OWN"])
		// 调解成功 needs an agreement form: refused with the problem, the form kept open.
		status, page := c.submit(base+"/transitions/succeed", url.Values{"version": {"1"}, "closed_on": {"2024-03-20"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "协议形式") || !strings.Contains(page, `open id="t-succeed"`) {
			t.Fatalf("incomplete transition: %d\n%s", status, snippet(page))
		}
		status, page = c.submit(base+"/transitions/succeed", url.Values{"version": {"1"}, "closed_on": {"2024-03-20"}, "agreement_form": {"书面"}})
		if status != http.StatusSeeOther {
			t.Fatalf("transition: %d\n%s", status, snippet(page))
		}
		_, page = c.get(base)
		for _, want := range []string{"成功", "申请司法确认期限", "2024-04-19", "登记申请司法确认"} {
			if !strings.Contains(page, want) {
				t.Errorf("after 调解成功 the page lacks %q", want)
			}
		}
		// The version moved on: replaying the old form is a conflict, not a second transition.
		status, _ = c.submit(base+"/transitions/apply_confirmation", url.Values{"version": {"1"}, "confirmation_applied_on": {"2024-03-25"}})
		if status != http.StatusConflict {
			t.Errorf("stale transition: %d, want 409", status)
		}
	})
}

func TestAPIRecordLifecycle(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		status, out := c.api("POST", "/api/v1/records/mediation", map[string]any{"values": map[string]any{
			"code": "API-1", "committee": "甲镇人民调解委员会", "accepted_on": "2024/7/1", "dispute_type": "物业",
			"parties": []string{"甲", "乙"}, "amount": 300, "confirmation_applied": false}}, false)
		if status != http.StatusCreated || out["org_code"] != ownComm {
			t.Fatalf("create: %d %v", status, out)
		}
		id := itoa(int64(out["id"].(float64)))
		status, out = c.api("POST", "/api/v1/records/mediation", map[string]any{"values": map[string]any{
			"code": "API-2", "committee": siblingComm, "accepted_on": "2024-07-01", "dispute_type": "物业", "nosuch": "x"}}, false)
		if status != http.StatusUnprocessableEntity || out["error"].(map[string]any)["field"] != "nosuch" {
			t.Fatalf("unknown field: %d %v", status, out)
		}
		status, out = c.api("POST", "/api/v1/records/mediation", map[string]any{"values": map[string]any{
			"code": "API-2", "committee": siblingComm, "accepted_on": "2024-07-01", "dispute_type": "物业"}}, false)
		if status != http.StatusUnprocessableEntity || out["error"].(map[string]any)["field"] != "committee" {
			t.Fatalf("committee outside the scope: %d %v", status, out)
		}
		status, out = c.api("POST", "/api/v1/records/mediation", map[string]any{"values": map[string]any{
			"code": "API-3", "committee": ownComm, "accepted_on": "2024-13-01", "dispute_type": "无此类型"}}, false)
		probs, _ := out["error"].(map[string]any)["problems"].([]any)
		if status != http.StatusUnprocessableEntity || len(probs) != 2 {
			t.Fatalf("two bad values: %d %v", status, out)
		}
		values := map[string]any{"code": "API-1", "committee": ownComm, "accepted_on": "2024-07-01", "dispute_type": "物业", "mediator": "新调解员"}
		status, out = c.api("PUT", "/api/v1/records/mediation/"+id, map[string]any{"values": values}, false)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("PUT without version: %d %v", status, out)
		}
		status, out = c.api("PUT", "/api/v1/records/mediation/"+id, map[string]any{"version": 1, "values": values}, false)
		if status != http.StatusOK || out["version"].(float64) != 2 {
			t.Fatalf("PUT: %d %v", status, out)
		}
		status, out = c.api("PUT", "/api/v1/records/mediation/"+id, map[string]any{"version": 1, "values": values}, false)
		if status != http.StatusConflict || out["error"].(map[string]any)["code"] != "conflict" {
			t.Fatalf("stale PUT: %d %v", status, out)
		}
		status, out = c.api("POST", "/api/v1/records/mediation/"+id+"/transitions/fail", map[string]any{"version": 2,
			"inputs": map[string]any{"closed_on": "2024-07-09"}}, false)
		if status != http.StatusOK || out["status"] != "不成功" {
			t.Fatalf("transition: %d %v", status, out)
		}
		// A leader reads but may not write.
		l := e.login(t, "leader")
		status, out = l.api("PUT", "/api/v1/records/mediation/"+id, map[string]any{"version": 3, "values": values}, false)
		if status != http.StatusForbidden {
			t.Fatalf("leader PUT: %d %v", status, out)
		}
	})
}

func TestAttachments(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		base := c.base + "/records/mediation/" + itoa(e.ids["M-OWN"])
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("csrf", c.csrf)
		fw, _ := mw.CreateFormFile("file", "调解协议书.html")
		fw.Write([]byte("<script>alert(1)</script>"))
		mw.Close()
		req, _ := http.NewRequest("POST", base+"/attachments", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		if status, body, _ := c.do(req); status != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", status, snippet(body))
		}
		_, page := c.get(strings.TrimPrefix(base, c.base))
		m := regexp.MustCompile(`attachments/(\d+)">调解协议书.html`).FindStringSubmatch(page)
		if m == nil || !strings.Contains(page, "上传附件") {
			t.Fatalf("attachment not listed or not in the timeline")
		}
		status, body, h := c.do(mustRequest("GET", base+"/attachments/"+m[1]))
		if status != http.StatusOK || body != "<script>alert(1)</script>" ||
			h.Get("Content-Type") != "application/octet-stream" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
			t.Fatalf("download: %d %q %v", status, body, h)
		}
		// Another town's clerk cannot fetch it.
		sib := e.addMediation(t, "M-SIB2", siblingComm, "2024-05-01")
		if status, _ := c.get("/records/mediation/" + itoa(sib.ID) + "/attachments/" + m[1]); status != http.StatusNotFound {
			t.Errorf("attachment via a record outside the scope: %d", status)
		}
		l := e.login(t, "leader")
		if status, _, _ := l.do(mustRequest("GET", base+"/attachments/"+m[1])); status != http.StatusOK {
			t.Errorf("leader download: %d", status)
		}
	})
}

// TestAccounts: the administrator files a clerk, the security administrator approves it, and
// the clerk — with both halves of the one-time password — must change it before doing anything
// else.
func TestAccounts(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		a := e.login(t, "admin")
		sec := e.login(t, "secadmin")
		first := a.fileRequest("/users/new", url.Values{"username": {"newclerk"}, "display_name": {"新人"}, "role": {"clerk"},
			"org": {townA}, "kinds": {"mediation"}})
		oneTime := first + sec.approveOnly("newclerk")
		if status, page := a.submit("/users/new", url.Values{"username": {"x2"}, "role": {"leader"}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "必须绑定所属单位") {
			t.Errorf("leader without org: %d", status)
		}
		if status, _ := a.submit("/users/admin/edit", url.Values{"role": {"clerk"}, "org": {townA}, "kinds": {"mediation"}}); status != http.StatusUnprocessableEntity {
			t.Errorf("admin demoting itself: %d", status)
		}

		n := e.client(t)
		if status, _ := n.tryLogin("newclerk", oneTime); status != http.StatusSeeOther {
			t.Fatalf("login with one-time password: %d", status)
		}
		if status, _ := n.get("/records/mediation"); status != http.StatusSeeOther {
			t.Errorf("must change password first: %d", status)
		}
		_, page := n.get("/account/password")
		n.csrf = csrfMetaRe.FindStringSubmatch(page)[1]
		if status, page := n.submit("/account/password", url.Values{"current": {oneTime}, "new": {"short"}, "confirm": {"short"}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "密码至少 10 个字符") {
			t.Errorf("weak password: %d", status)
		}
		if status, _ := n.submit("/account/password", url.Values{"current": {oneTime}, "new": {"Mediation-2025"}, "confirm": {"Mediation-2025"}}); status != http.StatusSeeOther {
			t.Fatalf("change password: %d", status)
		}
		if status, page := n.get("/records/mediation"); status != http.StatusOK || !strings.Contains(page, "M-OWN") {
			t.Errorf("after the change: %d", status)
		}
		// The data scope (数据范围) changes what the signed-in user sees at the next request.
		if status, page := a.submit("/users/newclerk/edit", url.Values{"role": {"clerk"}, "org": {townA}, "kinds": {"mediation"},
			"data_scope": {"custom"}}); status != http.StatusUnprocessableEntity || !strings.Contains(page, "至少要选择一个单位") {
			t.Errorf("custom scope without orgs: %d %s", status, snippet(page))
		}
		// A custom scope is not within the old one: it waits for the security administrator.
		a.fileRequest("/users/newclerk/edit", url.Values{"role": {"clerk"}, "org": {townA}, "kinds": {"mediation"},
			"data_scope": {"custom"}, "scope_orgs": {townB}})
		if status, page := n.get("/records/mediation"); status != http.StatusOK || !strings.Contains(page, "M-OWN") {
			t.Errorf("before the approval the clerk's scope changed: %d", status)
		}
		sec.approveOnly("newclerk")
		if _, page := a.get("/users"); !strings.Contains(page, "自定义："+townB) {
			t.Errorf("the accounts list does not show the custom scope")
		}
		if status, page := n.get("/records/mediation"); status != http.StatusOK || strings.Contains(page, "M-OWN") || !strings.Contains(page, "M-SIB") {
			t.Errorf("after the scope change the clerk sees: %d %s", status, snippet(page))
		}
		// Disabling ends the session at once.
		// Disabling only takes away: it needs nobody's approval.
		if status, _ := a.submit("/users/newclerk/edit", url.Values{"role": {"clerk"}, "org": {townA}, "kinds": {"mediation"},
			"data_scope": {"custom"}, "scope_orgs": {townB}, "disabled": {"1"}}); status != http.StatusSeeOther {
			t.Fatalf("disable: %d", status)
		}
		if status, _ := n.get("/records/mediation"); status != http.StatusSeeOther {
			t.Errorf("disabled user still in: %d", status)
		}
	})
}

func TestOrgsAndCalendar(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		a := e.login(t, "admin")
		if status, page := a.submit("/orgs/new", url.Values{"code": {"441481100201"}, "name": {"甲村"}, "type": {"村"}, "parent": {townA}}); status != http.StatusSeeOther {
			t.Fatalf("create org: %d\n%s", status, snippet(page))
		}
		if status, _ := a.submit("/orgs/new", url.Values{"code": {townA}, "name": {"冒名"}, "type": {"镇"}}); status != http.StatusConflict {
			t.Errorf("existing code: %d, want 409", status)
		}
		_, page := a.get("/orgs/" + townA + "/edit")
		v := versionRe.FindStringSubmatch(page)[1]
		if status, _ := a.submit("/orgs/"+townA+"/edit", url.Values{"version": {v}, "name": {"甲镇（改）"}, "type": {"镇"}, "parent": {cityCode}}); status != http.StatusSeeOther {
			t.Fatalf("edit org: %d", status)
		}
		if status, _ := a.submit("/orgs/"+townA+"/edit", url.Values{"version": {v}, "name": {"甲镇"}, "type": {"镇"}, "parent": {cityCode}}); status != http.StatusConflict {
			t.Errorf("stale org edit: %d, want 409", status)
		}

		// 2028 is not shipped: add 元旦 and check the banner names only what is still missing.
		status, page := a.submit("/calendar", url.Values{"text": {"2028-01-01 放假 元旦\n2028-01-02 放假 元旦"}})
		if status != http.StatusSeeOther {
			t.Fatalf("calendar: %d\n%s", status, snippet(page))
		}
		_, page = a.get("/calendar")
		if !strings.Contains(page, "2028 年") || !strings.Contains(page, "已保存 2 条日历数据") {
			t.Errorf("calendar page after save lacks 2028")
		}
		if status, page := a.submit("/calendar", url.Values{"text": {"2028-01-05 上班 元旦"}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "不能作为调休上班日") {
			t.Errorf("weekday makeup: %d", status)
		}
		if !e.st.Calendar().Covers(2028) {
			t.Errorf("2028 not covered after import")
		}
		// An .xlsx list, with dates written the ways a ledger accepts.
		var sheet bytes.Buffer
		fields := []law.Field{{Key: "d", Label: "日期", Type: law.Date}, {Key: "k", Label: "类型", Type: law.Text}, {Key: "n", Label: "名称", Type: law.Text}}
		if err := ledger.WriteTo(&sheet, "xlsx", fields, []law.Values{
			{"d": "2028-02-06", "k": "放假", "n": "春节"}, {"d": "2028-02-20", "k": "上班", "n": "春节"}}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("csrf", a.csrf)
		fw, _ := mw.CreateFormFile("file", "2028.xlsx")
		fw.Write(sheet.Bytes())
		mw.Close()
		req, _ := http.NewRequest("POST", a.base+"/calendar", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		if status, body, _ := a.do(req); status != http.StatusSeeOther {
			t.Fatalf("xlsx import: %d %s", status, snippet(body))
		}
		d, _ := calendar.ParseDate("2028-02-20")
		if ok, _, _ := e.st.Calendar().IsWorkday(d); !ok {
			t.Error("2028-02-20 (a Sunday) should be a 调休 workday after the import")
		}
		// The 2028-01-02 entry was a mistake (a Sunday, a rest day anyway, but not 元旦):
		// 取消 removes it, and the page lists the correction among this deployment's entries.
		if status, page := a.submit("/calendar", url.Values{"text": {"2028-01-02 取消"}}); status != http.StatusSeeOther {
			t.Fatalf("取消: %d %s", status, snippet(page))
		}
		if _, ok := e.st.Calendar().Lookup(calendar.NewDate(2028, time.January, 2)); ok {
			t.Error("2028-01-02 still has an entry after 取消")
		}
		_, page = a.get("/calendar")
		if !strings.Contains(page, "本机修改记录") || !strings.Contains(page, "2028-01-02（星期日）") || !strings.Contains(page, "取消（按平常") {
			t.Errorf("the overrides table lacks the cancellation:\n%s", snippet(page))
		}
		if status, page := a.submit("/calendar", url.Values{"text": {"2031-05-06 取消"}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "2031年还没有日历数据") {
			t.Errorf("取消 in a year without data: %d %s", status, snippet(page))
		}
	})
}

func TestLogout(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		if status, _ := c.submit("/logout", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("logout: %d", status)
		}
		if status, _ := c.get("/"); status != http.StatusSeeOther {
			t.Errorf("after logout: %d", status)
		}
	})
}

func TestSecurityHeadersAndCookies(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.client(t)
		req := mustRequest("GET", c.base+"/login")
		req.Header.Set("X-Request-ID", "proxy-abc.123")
		_, _, h := c.do(req)
		for k, want := range map[string]string{
			"Content-Security-Policy": "default-src 'self'", "X-Frame-Options": "DENY",
			"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Request-ID": "proxy-abc.123",
		} {
			if !strings.Contains(h.Get(k), want) {
				t.Errorf("%s = %q, want %q", k, h.Get(k), want)
			}
		}
		req = mustRequest("GET", c.base+"/login")
		req.Header.Set("X-Request-ID", "bad id with spaces")
		if _, _, h := c.do(req); len(h.Get("X-Request-ID")) != 16 {
			t.Errorf("an unsafe request id is replaced: %q", h.Get("X-Request-ID"))
		}

		// The session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure behind a TLS proxy.
		_, page := c.get("/login")
		token := csrfMetaRe.FindStringSubmatch(page)[1]
		form := url.Values{"csrf": {token}, "username": {"clerk"}, "password": {password}}
		req, _ = http.NewRequest("POST", c.base+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-Proto", "https")
		_, _, h = c.do(req)
		cookie := ""
		for _, sc := range h.Values("Set-Cookie") {
			if strings.HasPrefix(sc, "fazhi_session=") {
				cookie = sc
			}
		}
		for _, want := range []string{"HttpOnly", "SameSite=Lax", "Secure", "Path=/"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("session cookie %q lacks %s", cookie, want)
			}
		}
		// Only the token's hash is stored: the cookie value is not a key of the sessions table.
		value := strings.TrimPrefix(strings.Split(cookie, ";")[0], "fazhi_session=")
		if _, err := e.st.SessionByHash(context.Background(), value, 0); err == nil {
			t.Error("the raw token finds a session")
		}
	})
}
