package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
	"github.com/fazhi/fazhi/internal/web"
)

// The test world: a city with two towns, each town with a people's mediation committee, and a
// committee directly under the city. Users are bound to 甲镇 (a town), so that 甲镇's committee
// is "own", 乙镇's is "sibling", and the city's is "parent".
const (
	cityCode    = "441481"
	townA       = "441481100"
	townB       = "441481101"
	ownComm     = "441481100-TJ"
	siblingComm = "441481101-TJ"
	parentComm  = "441481-TJ"
	password    = "Zhifa-2024-test"
	phone       = "13812345678"
)

var seedOrgs = []store.OrgInput{
	{Code: cityCode, Name: "兴宁市", Type: "县级市"},
	{Code: parentComm, Name: "兴宁市人民调解委员会", Type: "人民调解委员会", ParentCode: cityCode},
	{Code: townA, Name: "甲镇", Type: "镇", ParentCode: cityCode},
	{Code: ownComm, Name: "甲镇人民调解委员会", Type: "人民调解委员会", ParentCode: townA},
	{Code: townB, Name: "乙镇", Type: "镇", ParentCode: cityCode},
	{Code: siblingComm, Name: "乙镇人民调解委员会", Type: "人民调解委员会", ParentCode: townB},
}

// The accounts, all with the same password. "clerk" may write mediation; "clerk2" is a clerk
// of the same town granted no kind. The last four differ from "leader" and "clerk" in their
// data scope (数据范围) only.
var seedUsers = []store.UserInput{
	{Username: "admin", DisplayName: "管理员", Role: auth.RoleSysadmin},
	{Username: "auditor", DisplayName: "审计员", Role: auth.RoleAuditor, OrgCode: townA},
	{Username: "secadmin", DisplayName: "安全保密管理员", Role: auth.RoleSecadmin},
	{Username: "leader", DisplayName: "局领导", Role: auth.RoleLeader, OrgCode: townA},
	{Username: "clerk", DisplayName: "张调解", Role: auth.RoleClerk, OrgCode: townA, Kinds: []string{"mediation"}},
	{Username: "clerk2", DisplayName: "李干事", Role: auth.RoleClerk, OrgCode: townA},
	{Username: "leader-own", DisplayName: "只看本镇机关", Role: auth.RoleLeader, OrgCode: townA, DataScope: store.DataOwn},
	{Username: "leader-custom", DisplayName: "分管乙镇和市调委", Role: auth.RoleLeader, OrgCode: townA, DataScope: store.DataCustom,
		ScopeOrgs: []string{townB, parentComm}},
	{Username: "leader-all", DisplayName: "全市", Role: auth.RoleLeader, OrgCode: townA, DataScope: store.DataAll},
	{Username: "clerk-own", DisplayName: "甲镇调委会", Role: auth.RoleClerk, OrgCode: ownComm, Kinds: []string{"mediation"}, DataScope: store.DataOwn},
}

// passwordHash is computed once: argon2id costs 64 MiB and a tenth of a second.
var passwordHash = sync.OnceValue(func() string {
	h, err := auth.HashPassword(password)
	if err != nil {
		panic(err)
	}
	return h
})

var system = store.Actor{Name: "system:test"}

func systemScope() store.Scope {
	return store.SystemAll()
}

// env is one running server on one seeded database.
type env struct {
	st  *store.Store
	srv *httptest.Server
	ids map[string]int64 // record ids by 编号
}

// eachDB runs fn against a seeded server on every configured database.
func eachDB(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, st *store.Store) { fn(t, newEnv(t, st)) })
}

func newEnv(t testing.TB, st *store.Store) *env {
	t.Helper()
	ctx := context.Background()
	if _, err := st.ImportOrgs(ctx, system, systemScope(), seedOrgs); err != nil {
		t.Fatal(err)
	}
	for _, u := range seedUsers {
		u.PasswordHash = passwordHash()
		if _, err := st.SaveUser(ctx, system, systemScope(), u); err != nil {
			t.Fatal(err)
		}
	}
	e := &env{st: st, ids: map[string]int64{}}
	for _, m := range []struct{ code, comm, accepted string }{
		{"M-OWN", ownComm, "2024-03-05"}, {"M-SIB", siblingComm, "2024-04-10"}, {"M-PAR", parentComm, "2024-05-20"},
	} {
		e.addMediation(t, m.code, m.comm, m.accepted)
	}
	srv, err := web.New(web.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(srv.Handler())
	t.Cleanup(e.srv.Close)
	return e
}

// clients hands out one client per user for a table of scenarios, signed in on first use
// ("" is an anonymous client), bound to the subtest that uses it.
func (e *env) clients() func(t *testing.T, user string) *client {
	byUser := map[string]*client{}
	return func(t *testing.T, user string) *client {
		c, ok := byUser[user]
		if !ok {
			if user == "" {
				c = e.client(t)
			} else {
				c = e.login(t, user)
			}
			byUser[user] = c
		}
		c.t = t
		return c
	}
}

func (e *env) addMediation(t testing.TB, code, committee, accepted string) store.Record {
	t.Helper()
	r, err := e.st.CreateRecord(context.Background(), system, systemScope(), "mediation", law.Values{
		"code": code, "committee": committee, "accepted_on": accepted, "dispute_type": "邻里",
		"parties": []string{"张三", "李四"}, "party_phone": phone, "mediator": "王五"})
	if err != nil {
		t.Fatal(err)
	}
	e.ids[code] = r.ID
	return r
}

// client is a browser: a cookie jar, no automatic redirects (tests look at them), and the
// session's CSRF token once logged in.
type client struct {
	t    testing.TB
	base string
	http *http.Client
	csrf string
}

func (e *env) client(t testing.TB) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: e.srv.URL, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfMetaRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login signs in through the login form and keeps the session's CSRF token.
func (e *env) login(t testing.TB, username string) *client {
	t.Helper()
	c := e.client(t)
	if status, body := c.tryLogin(username, password); status != http.StatusSeeOther {
		t.Fatalf("login %s: %d %s", username, status, body)
	}
	status, body := c.get("/api/v1/session")
	if status != http.StatusOK {
		t.Fatalf("session %s: %d %s", username, status, body)
	}
	var s struct {
		CSRF string `json:"csrf_token"`
	}
	json.Unmarshal([]byte(body), &s)
	c.csrf = s.CSRF
	return c
}

// tryLogin fetches the login form (for its token) and posts the credentials.
func (c *client) tryLogin(username, pw string) (int, string) {
	_, page := c.get("/login")
	m := csrfMetaRe.FindStringSubmatch(page)
	if m == nil {
		c.t.Fatalf("login form has no token: %s", page)
	}
	return c.post("/login", url.Values{"csrf": {m[1]}, "username": {username}, "password": {pw}})
}

func (c *client) do(req *http.Request) (int, string, http.Header) {
	c.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func (c *client) get(path string) (int, string) {
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	status, body, _ := c.do(req)
	return status, body
}

// post submits a form as is (the caller adds the csrf field or leaves it out).
func (c *client) post(path string, form url.Values) (int, string) {
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	status, body, _ := c.do(req)
	return status, body
}

// submit posts a form with the session's CSRF token.
func (c *client) submit(path string, form url.Values) (int, string) {
	form.Set("csrf", c.csrf)
	return c.post(path, form)
}

// api sends JSON with the CSRF header (unless noCSRF) and decodes the answer.
func (c *client) api(method, path string, body any, noCSRF bool) (int, map[string]any) {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, r)
	req.Header.Set("Content-Type", "application/json")
	if !noCSRF {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	status, text, _ := c.do(req)
	var out map[string]any
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		c.t.Fatalf("%s %s: not JSON (%d): %s", method, path, status, text)
	}
	return status, out
}
