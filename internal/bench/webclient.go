package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/store"
)

// webClient is a signed-in browser on the application served in-process (httptest).
type webClient struct {
	srv  *httptest.Server
	http *http.Client
	csrf string
}

var csrfFieldRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn serves h and signs in as a fresh account (role, org, kinds) made for the run at the
// shell's break-glass scope, as `fazhi user add` would.
func signIn(ctx context.Context, st *store.Store, h http.Handler, in store.UserInput) (*webClient, error) {
	pw := make([]byte, 12)
	rand.Read(pw)
	password := "Bench-" + hex.EncodeToString(pw)
	hash, err := auth.HashPassword(password)
	if err != nil {
		return nil, err
	}
	in.PasswordHash, in.DisplayName = hash, "基准测试"
	if _, err := st.SaveUser(ctx, actor, store.SystemAll(), in); err != nil {
		return nil, fmt.Errorf("建立测试账号：%w", err)
	}
	jar, _ := cookiejar.New(nil)
	c := &webClient{srv: httptest.NewServer(h), http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	c.http.Transport = &http.Transport{MaxIdleConnsPerHost: 100}
	_, page, err := c.get("/login")
	if err != nil {
		return nil, err
	}
	m := csrfFieldRe.FindStringSubmatch(page)
	if m == nil {
		return nil, fmt.Errorf("登录页没有令牌")
	}
	resp, err := c.http.PostForm(c.srv.URL+"/login", url.Values{"csrf": {m[1]}, "username": {in.Username}, "password": {password}})
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("登录失败：%d", resp.StatusCode)
	}
	status, body, err := c.get("/api/v1/session")
	if err != nil || status != http.StatusOK {
		return nil, fmt.Errorf("会话：%d %v", status, err)
	}
	var s struct {
		CSRF string `json:"csrf_token"`
	}
	json.Unmarshal([]byte(body), &s)
	c.csrf = s.CSRF
	return c, nil
}

func (c *webClient) Close() { c.srv.Close() }

func (c *webClient) get(path string) (int, string, error) {
	resp, err := c.http.Get(c.srv.URL + path)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// page fetches a page that must answer 200.
func (c *webClient) page(path string) (string, error) {
	status, body, err := c.get(path)
	if err == nil && status != http.StatusOK {
		err = fmt.Errorf("GET %s：%d %s", path, status, firstLine(body))
	}
	return body, err
}

// postJSON sends an API write with the session's CSRF token.
func (c *webClient) postJSON(path string, v any) (int, string, error) {
	b, _ := json.Marshal(v)
	req, _ := http.NewRequest(http.MethodPost, c.srv.URL+path, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.csrf)
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

func firstLine(s string) string {
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
