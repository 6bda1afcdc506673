package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/store"
)

var (
	firstHalfRe  = regexp.MustCompile(`id="one-time-password-first">([^<]+)<`)
	secondHalfRe = regexp.MustCompile(`id="one-time-password-second">([^<]+)<`)
	requestIDRe  = regexp.MustCompile(`id="request-id">(\d+)<`)
)

// fileRequest submits an account form or reset that needs the security administrator, checks
// that it was filed (202), and returns the first half of the one-time password ("" when the
// change sets none).
func (c *client) fileRequest(path string, form url.Values) string {
	c.t.Helper()
	status, page := c.submit(path, form)
	if status != http.StatusAccepted || !requestIDRe.MatchString(page) {
		c.t.Fatalf("%s: %d, want 202 (filed for approval)\n%s", path, status, snippet(page))
	}
	if m := firstHalfRe.FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}

// approveOnly approves the one waiting request for username and returns the second half of the
// one-time password ("" when the request sets none).
func (c *client) approveOnly(username string) string {
	c.t.Helper()
	status, page := c.get("/approvals")
	m := regexp.MustCompile(`action="/approvals/(\d+)/approve"[^>]*data-confirm="确定批准账号「` + regexp.QuoteMeta(username) + `」`).FindStringSubmatch(page)
	if status != http.StatusOK || m == nil {
		c.t.Fatalf("approvals page: %d, no request for %s\n%s", status, username, snippet(page))
	}
	status, page = c.submit("/approvals/"+m[1]+"/approve", url.Values{})
	if sec := secondHalfRe.FindStringSubmatch(page); status == http.StatusOK && sec != nil {
		return sec[1]
	}
	if status != http.StatusSeeOther {
		c.t.Fatalf("approve %s: %d\n%s", username, status, snippet(page))
	}
	return ""
}

// cannotReadCases checks that c reads no case record by any path: the record page and API, the
// list, the export and the figures.
func cannotReadCases(t *testing.T, e *env, c *client, who string) {
	t.Helper()
	for code, id := range e.ids {
		if status, page := c.get("/records/mediation/" + itoa(id)); status != http.StatusForbidden && status != http.StatusNotFound || strings.Contains(page, code) {
			t.Errorf("%s: record page of %s: %d", who, code, status)
		}
		if status, rec := c.api("GET", "/api/v1/records/mediation/"+itoa(id), nil, false); status != http.StatusForbidden && status != http.StatusNotFound || rec["code"] != nil {
			t.Errorf("%s: API record %s: %d", who, code, status)
		}
	}
	if status, body := c.get("/records/mediation"); status == http.StatusOK && strings.Contains(body, "M-OWN") {
		t.Errorf("%s: the list shows records", who)
	}
	if status, _ := c.api("GET", "/api/v1/records/mediation", nil, false); status == http.StatusOK {
		t.Errorf("%s: the API lists records", who)
	}
	if status, _, _ := c.do(mustRequest("GET", c.base+"/records/mediation/export.xlsx")); status != http.StatusForbidden {
		t.Errorf("%s: export: %d", who, status)
	}
}

// TestSysadminAloneGetsNoCaseAccess (issue 9 item 3, 三员分立): a 系统管理员 alone cannot read one
// case record by any path — creating a clerk with 全部数据, resetting leader's password and
// signing in as it, widening its own account, the API — and with the 安全保密管理员's approval the
// new account works, signed in with the two halves neither administrator holds alone.
func TestSysadminAloneGetsNoCaseAccess(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		a := e.login(t, "admin")
		cannotReadCases(t, e, a, "admin")

		// 1. A clerk with 全部数据: filed, not created; the administrator's half signs nobody in.
		first := a.fileRequest("/users/new", url.Values{"username": {"mole"}, "role": {"clerk"}, "org": {townA},
			"kinds": {"mediation"}, "data_scope": {"all"}})
		if _, err := e.st.UserByName(ctx, "mole"); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("the account exists before the approval: %v", err)
		}
		if status, _ := e.client(t).tryLogin("mole", first); status == http.StatusSeeOther {
			t.Fatal("signed in with the administrator's half")
		}
		// A second request for the same name waits for the first.
		if status, _ := a.submit("/users/new", url.Values{"username": {"mole"}, "role": {"clerk"}, "org": {townA},
			"kinds": {"mediation"}}); status != http.StatusConflict {
			t.Errorf("a second request for mole: %d, want 409", status)
		}

		// 2. Resetting leader's password: filed; leader's password is unchanged, the half is no password.
		leaderHalf := a.fileRequest("/users/leader/reset", url.Values{})
		if status, _ := e.client(t).tryLogin("leader", leaderHalf); status == http.StatusSeeOther {
			t.Fatal("signed in as leader with the administrator's half")
		}
		e.login(t, "leader") // the old password still works: nothing took effect

		// 3. Widening: its own account (refused outright), an auditor into a clerk, a clerk's kinds.
		if status, _ := a.submit("/users/admin/edit", url.Values{"role": {"clerk"}, "org": {townA}, "kinds": {"mediation"},
			"data_scope": {"all"}}); status != http.StatusUnprocessableEntity {
			t.Errorf("admin making itself a clerk: %d, want 422", status)
		}
		admin, _ := e.st.UserByName(ctx, "admin")
		if _, err := e.st.SaveUser(ctx, store.Actor{Name: "admin"}, auth.ScopeFor(admin), store.UserInput{Username: "admin",
			Role: auth.RoleClerk, OrgCode: townA, Kinds: []string{"mediation"}, DataScope: store.DataAll}); !store.IsApprovalNeeded(err) {
			t.Errorf("the store let a 系统管理员 widen its own account: %v", err)
		}
		a.fileRequest("/users/clerk2/edit", url.Values{"role": {"clerk"}, "org": {townA}, "kinds": {"mediation"}})
		if _, err := e.st.SaveUser(ctx, store.Actor{Name: "admin"}, auth.ScopeFor(admin), store.UserInput{Username: "admin2",
			PasswordHash: "x", Role: auth.RoleSecadmin}); !store.IsApprovalNeeded(err) {
			t.Errorf("the store let a 系统管理员 create a 安全保密管理员: %v", err)
		}
		cannotReadCases(t, e, a, "admin after its requests")

		// 4. The administrator cannot approve; nor can the security administrator read cases.
		if status, _ := a.get("/approvals"); status != http.StatusForbidden {
			t.Errorf("admin opens the approvals: %d", status)
		}
		if status, _ := a.submit("/approvals/1/approve", url.Values{}); status != http.StatusForbidden {
			t.Errorf("admin approves: %d", status)
		}
		sec := e.login(t, "secadmin")
		cannotReadCases(t, e, sec, "secadmin")

		// With the approval: mole signs in with both halves, sets a password, reads every town.
		second := sec.approveOnly("mole")
		if second == "" || strings.Contains(first, second) {
			t.Fatalf("second half %q", second)
		}
		m := e.client(t)
		if status, _ := m.tryLogin("mole", first+second); status != http.StatusSeeOther {
			t.Fatalf("mole with both halves: %d", status)
		}
		_, page := m.get("/account/password")
		m.csrf = csrfMetaRe.FindStringSubmatch(page)[1]
		if status, _ := m.submit("/account/password", url.Values{"current": {first + second}, "new": {"Mole-2025-own"},
			"confirm": {"Mole-2025-own"}}); status != http.StatusSeeOther {
			t.Fatalf("mole sets its password: %d", status)
		}
		if status, page := m.get("/records/mediation/" + itoa(e.ids["M-SIB"])); status != http.StatusOK || !strings.Contains(page, "M-SIB") {
			t.Errorf("approved mole reads another town: %d", status)
		}
		// Both steps are in the audit trail, the approval naming who filed it.
		for _, action := range []string{"user.request", "user.approve", "user.create"} {
			entries, _, err := e.st.Audit(ctx, systemScope(), store.AuditFilter{Action: action, Target: "mole"})
			if err != nil || len(entries) != 1 {
				t.Errorf("audit %s for mole: %d entries %v", action, len(entries), err)
			} else if action == "user.create" && (entries[0].Actor != "secadmin" || !strings.Contains(entries[0].After, `"requested_by":"admin"`)) {
				t.Errorf("user.create by %s: %s", entries[0].Actor, entries[0].After)
			}
		}
		// A rejected reset changes nothing.
		_, page = sec.get("/approvals")
		id := regexp.MustCompile(`action="/approvals/(\d+)/reject"[^>]*data-confirm="确定驳回账号「leader」`).FindStringSubmatch(page)
		if id == nil {
			t.Fatal("no request for leader")
		}
		if status, _ := sec.submit("/approvals/"+id[1]+"/reject", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("reject: %d", status)
		}
		e.login(t, "leader")
	})
}
