package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// client is one signed-in browser: cookies, no automatic redirects, the session's CSRF token.
// Every /api/v1 request it sends and every answer it gets is validated against the OpenAPI
// document the server serves.
type client struct {
	t    *testing.T // the subtest using it; set by world.as
	base string
	http *http.Client
	csrf string
	api  *apiDoc
}

// apiDoc is the served OpenAPI document with a router over it.
type apiDoc struct {
	doc    *openapi3.T
	router routers.Router
}

// loadAPIDoc fetches /api/v1/openapi.json, checks it is a valid OpenAPI document and routes
// requests to base through it.
func loadAPIDoc(t *testing.T, base string) *apiDoc {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatalf("openapi.json does not load: %v", err)
	}
	ctx := context.Background()
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	// The document names its server relatively ("/api/v1"); the router needs the test
	// server's address to match requests against it.
	doc.Servers = openapi3.Servers{{URL: base + "/api/v1"}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &apiDoc{doc: doc, router: router}
}

var validationOptions = &openapi3filter.Options{
	AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	IncludeResponseStatus: true, // a status the document does not list is a mismatch too
	MultiError:            true,
}

// roundTrip sends req; for /api/v1 it validates the request before and the response after.
func (c *client) roundTrip(req *http.Request) (*http.Response, []byte) {
	c.t.Helper()
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	var route *routers.Route
	var params map[string]string
	checked := c.api != nil && strings.HasPrefix(req.URL.Path, "/api/v1/")
	if checked {
		var err error
		route, params, err = c.api.router.FindRoute(req)
		if err != nil {
			c.t.Errorf("OpenAPI: %s %s is not in the document: %v", req.Method, req.URL.Path, err)
			checked = false
		} else {
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: validationOptions}
			if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
				c.t.Errorf("OpenAPI: request %s %s does not match the document: %v\n%s", req.Method, req.URL.Path, err, clip(reqBody))
			}
			req.Body = io.NopCloser(bytes.NewReader(reqBody))
		}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if checked {
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: validationOptions},
			Status:                 resp.StatusCode, Header: resp.Header, Options: validationOptions}
		in.SetBodyBytes(body)
		if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
			c.t.Errorf("OpenAPI: response %d to %s %s does not match the document: %v\n%s", resp.StatusCode, req.Method, req.URL.Path, err, clip(body))
		}
	}
	return resp, body
}

func (c *client) get(path string) (int, []byte) {
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	resp, body := c.roundTrip(req)
	return resp.StatusCode, body
}

// call sends JSON with the CSRF header and decodes the JSON answer into out (when not nil).
func (c *client) call(method, path string, in, out any) (int, []byte) {
	c.t.Helper()
	var r io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			c.t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, r)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.csrf)
	resp, body := c.roundTrip(req)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(body, out); err != nil {
			c.t.Fatalf("%s %s: not JSON (%d): %s", method, path, resp.StatusCode, clip(body))
		}
	}
	return resp.StatusCode, body
}

// submit posts a form with the session's CSRF token.
func (c *client) submit(path string, form url.Values) (*http.Response, []byte) {
	form.Set("csrf", c.csrf)
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.roundTrip(req)
}

// upload posts a file as the import form does.
func (c *client) upload(path, name string, file []byte, fields url.Values) (*http.Response, []byte) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fields.Set("csrf", c.csrf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(file)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.roundTrip(req)
}

var csrfFieldRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login signs in through the login form and keeps the session's CSRF token.
func login(t *testing.T, base string, api *apiDoc, username, pw string) *client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &client{t: t, base: base, api: api, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	_, page := c.get("/login")
	m := csrfFieldRe.FindSubmatch(page)
	if m == nil {
		t.Fatalf("login form has no token")
	}
	c.csrf = string(m[1])
	resp, body := c.submit("/login", url.Values{"username": {username}, "password": {pw}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: %d %s", username, resp.StatusCode, clip(body))
	}
	var s struct {
		CSRF string `json:"csrf_token"`
	}
	if status, body := c.call(http.MethodGet, "/api/v1/session", nil, &s); status != http.StatusOK {
		t.Fatalf("session %s: %d %s", username, status, clip(body))
	}
	c.csrf = s.CSRF
	return c
}

func clip(b []byte) string {
	if len(b) > 1200 {
		return string(b[:1200]) + "…"
	}
	return string(b)
}
