package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

// TestOrgTreeFolds: the org page shows the roots open and every org with children folded; a
// search keeps only the matches and the orgs above them, unfolded; the org just saved is
// unfolded down to.
func TestOrgTreeFolds(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		admin := e.clients()(t, "admin")
		_, page := admin.get("/orgs")
		if !strings.Contains(page, `<details class="org-node" id="org-`+cityCode+`" open>`) ||
			!strings.Contains(page, `<details class="org-node" id="org-`+townA+`">`) {
			t.Errorf("the city is not open or 甲镇 not folded:\n%s", snippet(page))
		}
		_, page = admin.get("/orgs?q=" + url.QueryEscape("乙镇人民"))
		if !strings.Contains(page, `id="org-`+townB+`" open>`) || !strings.Contains(page, "找到 1 个组织") ||
			strings.Contains(page, `id="org-`+townA+`"`) || !strings.Contains(page, "org-match") {
			t.Errorf("search for 乙镇人民:\n%s", snippet(page))
		}
		_, page = admin.get("/orgs?open=" + ownComm)
		if !strings.Contains(page, `id="org-`+townA+`" open>`) || strings.Contains(page, `id="org-`+townB+`" open>`) {
			t.Errorf("open=%s does not unfold 甲镇 alone:\n%s", ownComm, snippet(page))
		}
	})
}

// TestUserFormOrgPickers: the account form's 所属单位 and custom data scope are pickers that take
// an org's name or code (no select of every org); an unknown name is a problem beside its field.
func TestUserFormOrgPickers(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		as := e.clients()
		admin := as(t, "admin")
		_, form := admin.get("/users/new")
		if strings.Contains(form, `<option value="`+townA+`"`) || !strings.Contains(form, `hx-get="/orgs/pick?field=scope_add"`) {
			t.Errorf("the account form still lists every org:\n%s", snippet(form))
		}
		if _, got := admin.get("/orgs/pick?field=org&org=" + url.QueryEscape("乙镇")); !strings.Contains(got, `value="乙镇"`) {
			t.Errorf("the account picker for 乙镇: %s", got)
		}
		if status, _ := as(t, "leader").get("/orgs/pick?field=org&org=x"); status != http.StatusForbidden {
			t.Errorf("a leader used the account picker: %d", status)
		}
		status, page := admin.submit("/users/new", url.Values{"username": {"pick1"}, "role": {"leader"}, "org": {"丙镇"},
			"data_scope": {"custom"}, "scope_add": {"乙镇"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "未知的组织「丙镇」") {
			t.Errorf("unknown org: %d\n%s", status, snippet(page))
		}
		if !strings.Contains(page, `name="scope_orgs" value="`+townB+`" checked> 乙镇`) {
			t.Errorf("the added scope org is not kept as a ticked box:\n%s", snippet(page))
		}
		admin.fileRequest("/users/new", url.Values{"username": {"pick1"}, "role": {"leader"}, "org": {"甲镇"},
			"data_scope": {"custom"}, "scope_orgs": {townB}, "scope_add": {"兴宁市人民调解委员会"}})
		as(t, "secadmin").approveOnly("pick1")
		u, err := e.st.UserByName(context.Background(), "pick1")
		if err != nil || u.OrgCode != townA || strings.Join(u.ScopeOrgs, ",") != townB+","+parentComm {
			t.Errorf("saved: %+v %v", u, err)
		}
	})
}

// TestReconsiderationBodies: a reconsideration case belongs to a 复议机关 or its 复议机构
// (行政复议法第4条): a town or a committee is refused, and the picker does not offer them.
func TestReconsiderationBodies(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		addReconOffice(t, e)
		_, err := e.st.CreateRecord(context.Background(), system, systemScope(), "reconsideration", law.Values{
			"code": "R-TOWN", "org": townA, "received_on": "2025-03-03", "applicants": []string{"王五"},
			"respondent": "兴宁市市场监督管理局", "act_type": "行政处罚", "acceptance": "审查中"})
		if err == nil || !strings.Contains(err.Error(), "「甲镇」是镇") {
			t.Errorf("a town owning a reconsideration case: %v", err)
		}
		_, got := e.clients()(t, "chief").get("/orgs/pick?kind=reconsideration&field=org&org=" + url.QueryEscape("兴宁"))
		if !strings.Contains(got, fyOfficeName) || !strings.Contains(got, `value="兴宁市"`) || strings.Contains(got, "调解委员会") {
			t.Errorf("the 复议机关 picker offers: %s", got)
		}
	})
}
