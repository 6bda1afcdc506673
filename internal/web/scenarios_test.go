package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// scenario is one request by one user and what must come back (pocketbase style). A write
// carries a form or a JSON body, with the session's CSRF token (form field or X-CSRF-Token
// header) unless noCSRF. Rows run in order on one database: the writes that succeed come last.
type scenario struct {
	name        string
	user        string // "" for a signed-out visitor
	method      string
	path        string // {OWN}, {SIB}, {PAR} become record ids
	form        url.Values
	json        any
	noCSRF      bool
	status      int
	contains    []string
	notContains []string
}

// newMediation is the JSON body of a mediation to register, with its committee and date.
func newMediation(code, committee, accepted string) map[string]any {
	return map[string]any{"values": map[string]any{"code": code, "committee": committee, "accepted_on": accepted,
		"dispute_type": "邻里", "parties": []string{"赵六", "钱七"}}}
}

func TestScenarios(t *testing.T) {
	scenarios := []scenario{
		{name: "signed out page redirects to login", method: "GET", path: "/", status: http.StatusSeeOther},
		{name: "signed out API is 401", method: "GET", path: "/api/v1/session", status: http.StatusUnauthorized,
			contains: []string{`"code":"unauthenticated"`}},
		{name: "login page", method: "GET", path: "/login", status: 200, contains: []string{"法治政府建设业务平台", `name="csrf"`}},
		{name: "openapi is public", method: "GET", path: "/api/v1/openapi.json", status: 200,
			contains: []string{`"openapi": "3.0.3"`, "/records/mediation/{id}/transitions/succeed", "MediationValues", "婚姻家庭"}},
		{name: "unknown page", user: "clerk", method: "GET", path: "/no/such/page", status: 404, contains: []string{"页面不存在"}},
		{name: "unknown kind", user: "clerk", method: "GET", path: "/records/nosuchkind", status: 404},
		{name: "clerk dashboard has mediation tiles", user: "clerk", method: "GET", path: "/", status: 200,
			contains: []string{"调解矛盾纠纷", "调解成功率", "indicator=mediation.cases"}},
		{name: "clerk list shows own only", user: "clerk", method: "GET", path: "/records/mediation", status: 200,
			contains: []string{"M-OWN", "共 <strong id=\"total\">1</strong> 条"}, notContains: []string{"M-SIB", "M-PAR"}},
		{name: "list filter by text", user: "clerk", method: "GET", path: "/records/mediation?q=%E7%8E%8B%E4%BA%94", status: 200,
			contains: []string{"M-OWN"}},
		{name: "list bad date", user: "clerk", method: "GET", path: "/records/mediation?from=2024-13-01", status: 400},
		{name: "indicator drill-down shows formula and period", user: "clerk", method: "GET",
			path: "/records/mediation?indicator=mediation.cases&from=2024-01-01&to=2024-12-31", status: 200,
			contains: []string{"调解矛盾纠纷", "受理日期在统计期内的人民调解案件数", "2024-01-01", "M-OWN"}},
		{name: "indicator of another kind", user: "clerk", method: "GET",
			path: "/records/mediation?indicator=deadlines.open_overdue", status: 400},
		{name: "clerk sees full phone", user: "clerk", method: "GET", path: "/records/mediation/{OWN}", status: 200,
			contains: []string{phone, "调解成功", "调解期限"}},
		{name: "leader sees masked phone", user: "leader", method: "GET", path: "/records/mediation/{OWN}", status: 200,
			contains: []string{"138****5678"}, notContains: []string{phone, "调解成功</summary>"}},
		{name: "leader API masked phone", user: "leader", method: "GET", path: "/api/v1/records/mediation/{OWN}", status: 200,
			contains: []string{"138****5678"}, notContains: []string{phone}},
		{name: "leader export masks the phone", user: "leader", method: "GET", path: "/records/mediation/export.csv", status: 200,
			contains: []string{"编号", "M-OWN", "138****5678"}, notContains: []string{phone, "M-SIB"}},
		{name: "leader may not open the new form", user: "leader", method: "GET", path: "/records/mediation/new", status: 403},
		{name: "clerk new form generated from the kind", user: "clerk", method: "GET", path: "/records/mediation/new", status: 200,
			contains:    []string{`name="dispute_type"`, `type="date"`, `<textarea id="f-parties"`, "用；或、分隔", "甲镇人民调解委员会"},
			notContains: []string{"乙镇人民调解委员会", "兴宁市人民调解委员会"}},
		{name: "record of another kind's URL", user: "clerk", method: "GET", path: "/records/nosuchkind/{OWN}", status: 404},
		{name: "deadlines", user: "clerk", method: "GET", path: "/deadlines", status: 200, contains: []string{"调解期限", "M-OWN"}},
		{name: "orgs for clerk: own subtree", user: "clerk", method: "GET", path: "/orgs", status: 200,
			contains: []string{"甲镇人民调解委员会"}, notContains: []string{"乙镇人民调解委员会"}},
		{name: "users page for admin", user: "admin", method: "GET", path: "/users", status: 200, contains: []string{"clerk2", "业务人员"}},
		{name: "users page refused to clerk", user: "clerk", method: "GET", path: "/users", status: 403},
		{name: "calendar for admin lists the years", user: "admin", method: "GET", path: "/calendar", status: 200,
			contains: []string{"2026 年", "春节"}},
		{name: "calendar refused to leader", user: "leader", method: "GET", path: "/calendar", status: 403},
		{name: "admin reads no case data", user: "admin", method: "GET", path: "/records/mediation", status: 403},
		{name: "audit for auditor", user: "auditor", method: "GET", path: "/audit", status: 200, contains: []string{"login"}},
		{name: "audit refused to leader", user: "leader", method: "GET", path: "/audit", status: 403},
		{name: "api kinds", user: "clerk", method: "GET", path: "/api/v1/kinds", status: 200, contains: []string{"人民调解法", "mediation.settle"}},
		{name: "api list", user: "clerk", method: "GET", path: "/api/v1/records/mediation", status: 200,
			contains: []string{`"total":1`, "M-OWN"}, notContains: []string{"M-SIB"}},
		{name: "api events", user: "clerk", method: "GET", path: "/api/v1/records/mediation/{OWN}/events", status: 200, contains: []string{"登记"}},
		{name: "api clocks", user: "clerk", method: "GET", path: "/api/v1/clocks", status: 200, contains: []string{"mediation.settle", "M-OWN"}},
		{name: "api orgs", user: "leader", method: "GET", path: "/api/v1/orgs", status: 200, contains: []string{townA}, notContains: []string{townB}},
		{name: "api stats bad year", user: "leader", method: "GET", path: "/api/v1/stats?year=abc", status: 400, contains: []string{`"code":"bad_request"`}},
		{name: "static asset", method: "GET", path: "/static/x/app.css", status: 200, contains: []string{"--blue"}},
		{name: "password page", user: "clerk", method: "GET", path: "/account/password", status: 200, contains: []string{"当前密码"}},

		// Writes. Refused ones first: each must leave the database as it was.
		{name: "form without CSRF token", user: "clerk", method: "POST", path: "/records/mediation/new", noCSRF: true,
			form:   url.Values{"code": {"M-F0"}, "committee": {ownComm}, "accepted_on": {"2024-06-03"}, "dispute_type": {"邻里"}},
			status: 403, contains: []string{"安全校验未通过"}},
		{name: "form with a forged CSRF token", user: "clerk", method: "POST", path: "/records/mediation/new", noCSRF: true,
			form:   url.Values{"csrf": {"forged"}, "code": {"M-F0"}, "committee": {ownComm}, "accepted_on": {"2024-06-03"}, "dispute_type": {"邻里"}},
			status: 403},
		{name: "API create without CSRF header", user: "clerk", method: "POST", path: "/api/v1/records/mediation", noCSRF: true,
			json: newMediation("M-A0", ownComm, "2024-06-03"), status: 403, contains: []string{`"code":"forbidden"`}},
		{name: "API create by a leader", user: "leader", method: "POST", path: "/api/v1/records/mediation",
			json: newMediation("M-A0", ownComm, "2024-06-03"), status: 403, contains: []string{`"code":"forbidden"`}},
		{name: "API create in a sibling's committee", user: "clerk", method: "POST", path: "/api/v1/records/mediation",
			json: newMediation("M-A0", siblingComm, "2024-06-03"), status: 422, contains: []string{"不在您的权限范围内"}},
		{name: "API create with a bad date", user: "clerk", method: "POST", path: "/api/v1/records/mediation",
			json: newMediation("M-A0", ownComm, "2024-02-30"), status: 422, contains: []string{`"field":"accepted_on"`, "受理日期"}},
		{name: "API create with an unknown field", user: "clerk", method: "POST", path: "/api/v1/records/mediation",
			json: map[string]any{"values": map[string]any{"code": "M-A0", "nosuch": "x"}}, status: 422, contains: []string{"nosuch"}},
		{name: "API create setting the status of a later state", user: "clerk", method: "POST", path: "/api/v1/records/mediation",
			json: map[string]any{"values": map[string]any{"code": "M-A0", "committee": ownComm, "accepted_on": "2024-06-03",
				"dispute_type": "邻里", "result": "成功"}}, status: 422, contains: []string{"结案日期"}},
		{name: "API update with a stale version", user: "clerk", method: "PUT", path: "/api/v1/records/mediation/{OWN}",
			json:   map[string]any{"version": 99, "values": newMediation("M-OWN", ownComm, "2024-03-05")["values"]},
			status: 409, contains: []string{`"code":"conflict"`}},
		{name: "API update of a sibling's record", user: "clerk", method: "PUT", path: "/api/v1/records/mediation/{SIB}",
			json: map[string]any{"version": 1, "values": newMediation("M-SIB", siblingComm, "2024-04-10")["values"]}, status: 404},
		{name: "API transition the state does not allow", user: "clerk", method: "POST", path: "/api/v1/records/mediation/{OWN}/transitions/apply_confirmation",
			json:   map[string]any{"version": 1, "inputs": map[string]any{"confirmation_applied_on": "2024-06-03"}},
			status: 422, contains: []string{"当前状态为「调解中」"}},
		{name: "API transition without CSRF header", user: "clerk", method: "POST", path: "/api/v1/records/mediation/{OWN}/transitions/start",
			json: map[string]any{"version": 1}, noCSRF: true, status: 403},
		{name: "logout without CSRF token", user: "clerk", method: "POST", path: "/logout", form: url.Values{}, noCSRF: true, status: 403},
		{name: "nothing refused was written", user: "clerk", method: "GET", path: "/api/v1/records/mediation/{OWN}", status: 200,
			contains: []string{`"version":1`}},
		{name: "refused writes left no record", user: "clerk", method: "GET", path: "/api/v1/records/mediation", status: 200,
			contains: []string{`"total":1`}, notContains: []string{"M-F0", "M-A0"}},

		// Writes that succeed.
		{name: "form create with CSRF token", user: "clerk", method: "POST", path: "/records/mediation/new",
			form:   url.Values{"code": {"M-F1"}, "committee": {ownComm}, "accepted_on": {"2024-06-03"}, "dispute_type": {"邻里"}, "parties": {"赵六；钱七"}},
			status: 303},
		{name: "API create with CSRF header", user: "clerk", method: "POST", path: "/api/v1/records/mediation",
			json: newMediation("M-A1", ownComm, "2024-06-04"), status: 201, contains: []string{`"code":"M-A1"`, `"version":1`, "赵六"}},
		{name: "API update with the current version", user: "clerk", method: "PUT", path: "/api/v1/records/mediation/{OWN}",
			json: map[string]any{"version": 1, "values": map[string]any{"code": "M-OWN", "committee": ownComm, "accepted_on": "2024-03-05",
				"dispute_type": "合同", "parties": []string{"张三", "李四"}, "party_phone": phone, "mediator": "王五"}},
			status: 200, contains: []string{`"version":2`, "合同"}},
		{name: "API transition with CSRF header", user: "clerk", method: "POST", path: "/api/v1/records/mediation/{OWN}/transitions/succeed",
			json:   map[string]any{"version": 2, "inputs": map[string]any{"closed_on": "2024-03-20", "agreement_form": "书面"}},
			status: 200, contains: []string{`"status":"成功"`, `"version":3`}},
		{name: "the writes are listed", user: "clerk", method: "GET", path: "/api/v1/records/mediation", status: 200,
			contains: []string{`"total":3`, "M-F1", "M-A1"}},
	}
	eachDB(t, func(t *testing.T, e *env) {
		clientOf := e.clients()
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				c := clientOf(t, sc.user)
				path := strings.NewReplacer("{OWN}", itoa(e.ids["M-OWN"]), "{SIB}", itoa(e.ids["M-SIB"]),
					"{PAR}", itoa(e.ids["M-PAR"])).Replace(sc.path)
				req := sc.request(c, path)
				status, body, _ := c.do(req)
				if status != sc.status {
					t.Fatalf("%s %s: status %d, want %d\n%s", sc.method, path, status, sc.status, snippet(body))
				}
				for _, s := range sc.contains {
					if !strings.Contains(body, s) {
						t.Errorf("%s %s: missing %q\n%s", sc.method, path, s, snippet(body))
					}
				}
				for _, s := range sc.notContains {
					if strings.Contains(body, s) {
						t.Errorf("%s %s: must not contain %q", sc.method, path, s)
					}
				}
			})
		}
	})
}

// request builds the scenario's request: its body, and the CSRF token unless left out.
func (sc scenario) request(c *client, path string) *http.Request {
	var body io.Reader
	var contentType string
	switch {
	case sc.form != nil:
		form := url.Values{}
		for k, v := range sc.form {
			form[k] = v
		}
		if !sc.noCSRF {
			form.Set("csrf", c.csrf)
		}
		body, contentType = strings.NewReader(form.Encode()), "application/x-www-form-urlencoded"
	case sc.json != nil:
		b, err := json.Marshal(sc.json)
		if err != nil {
			c.t.Fatal(err)
		}
		body, contentType = bytes.NewReader(b), "application/json"
	}
	req, _ := http.NewRequest(sc.method, c.base+path, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if sc.json != nil && !sc.noCSRF {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	return req
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func snippet(s string) string {
	if len(s) > 1500 {
		return s[:1500] + "…"
	}
	return s
}
