package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// scenario is one request by one user and what must come back (pocketbase style).
type scenario struct {
	name        string
	user        string // "" for a signed-out visitor
	method      string
	path        string // {OWN}, {SIB}, {PAR} become record ids
	status      int
	contains    []string
	notContains []string
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
	}
	eachDB(t, func(t *testing.T, e *env) {
		clientOf := e.clients()
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				c := clientOf(t, sc.user)
				path := strings.NewReplacer("{OWN}", itoa(e.ids["M-OWN"]), "{SIB}", itoa(e.ids["M-SIB"]),
					"{PAR}", itoa(e.ids["M-PAR"])).Replace(sc.path)
				req, _ := http.NewRequest(sc.method, c.base+path, nil)
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

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func snippet(s string) string {
	if len(s) > 1500 {
		return s[:1500] + "…"
	}
	return s
}
