package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
)

const (
	// csrfField is the hidden form field, csrfHeader the API header (its value is in the
	// page's <meta name="csrf-token"> and in GET /api/v1/session).
	csrfField  = "csrf"
	csrfHeader = "X-CSRF-Token"
	// loginCSRFCookie carries the login form's token (double submit): before login there is
	// no session to keep a token in, and login CSRF would sign a victim into our account.
	loginCSRFCookie = "fazhi_login_csrf"

	maxBody   = 2 << 20  // forms and JSON
	maxUpload = 20 << 20 // attachments, ledger and calendar imports (a 20,000-row .xlsx is ~2 MB)
)

// csrf refuses an unsafe request unless it carries the session's token (or, for the login
// form, the token of its cookie). Go's CrossOriginProtection runs first: it refuses
// cross-origin requests by the browser's Sec-Fetch-Site/Origin headers, a second lock in
// case a token ever leaks.
func (s *Server) csrf(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.fail(w, r, errCSRF) }))
	return cop.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		limit := int64(maxBody)
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			limit = maxUpload
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		rs := state(r)
		var want string
		switch {
		case r.URL.Path == "/login":
			if c, err := r.Cookie(loginCSRFCookie); err == nil {
				want = c.Value
			}
		case rs.user == nil && strings.HasPrefix(r.URL.Path, publicFormPrefix):
			// A public form (a comment on a draft): double submit, as for the login form.
			if c, err := r.Cookie(publicCSRFCookie); err == nil {
				want = c.Value
			}
		case rs.user != nil:
			want = rs.sess.CSRF
		default:
			// Signed out: the route answers 401 or redirects to the login page.
			next.ServeHTTP(w, r)
			return
		}
		got := r.Header.Get(csrfHeader)
		if got == "" && !isAPI(r) {
			if err := parseForm(r); err != nil {
				s.fail(w, r, err)
				return
			}
			got = r.PostForm.Get(csrfField)
		}
		if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
			s.fail(w, r, errCSRF)
			return
		}
		next.ServeHTTP(w, r)
	}))
}

// parseForm parses an urlencoded or multipart body once (later calls are no-ops), mapping a
// body over the limit to 413.
func parseForm(r *http.Request) error {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if r.MultipartForm != nil {
			return nil
		}
		err = r.ParseMultipartForm(8 << 20)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errTooLarge
	}
	if err != nil {
		return badRequest("表单数据无法解析：%v", err)
	}
	return nil
}

// loginToken returns the login form's token, setting its cookie when there is none.
func loginToken(w http.ResponseWriter, r *http.Request) string {
	return cookieToken(w, r, loginCSRFCookie, "/login")
}

// publicFormPrefix is where the forms anyone may post live (public comment); their token is
// kept in publicCSRFCookie for a visitor without a session, the session's for a signed-in user.
const (
	publicFormPrefix = "/public/consultations/"
	publicCSRFCookie = "fazhi_public_csrf"
)

// formToken is the token a page's form carries: the session's, or a visitor's double-submit cookie.
func formToken(w http.ResponseWriter, r *http.Request) string {
	if rs := state(r); rs.user != nil {
		return rs.sess.CSRF
	}
	return cookieToken(w, r, publicCSRFCookie, strings.TrimSuffix(publicFormPrefix, "/"))
}

func cookieToken(w http.ResponseWriter, r *http.Request, name, path string) string {
	if c, err := r.Cookie(name); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	t := auth.NewToken()
	http.SetCookie(w, &http.Cookie{Name: name, Value: t, Path: path, HttpOnly: true,
		Secure: isHTTPS(r), SameSite: http.SameSiteStrictMode})
	return t
}
