package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
)

// session resolves the session cookie to the user and their Scope. A missing, expired or
// forged cookie leaves the request signed out; the route decides what that means.
func (s *Server) session(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie(auth.SessionCookie); err == nil && c.Value != "" {
			u, sess, err := auth.Resolve(r.Context(), s.st, c.Value)
			if err == nil {
				rs := state(r)
				rs.user, rs.sess, rs.token, rs.scope = &u, sess, c.Value, auth.ScopeFor(u)
			} else {
				clearCookie(w, r, auth.SessionCookie, "/")
			}
		}
		next.ServeHTTP(w, r)
	})
}

func setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: auth.SessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: isHTTPS(r), SameSite: http.SameSiteLaxMode, MaxAge: int(auth.SessionTTL.Seconds())})
}

func clearCookie(w http.ResponseWriter, r *http.Request, name, path string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: path, HttpOnly: true, Secure: isHTTPS(r),
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// isAPI reports whether a request is for the JSON API (errors as JSON, 401 instead of a
// redirect to the login page).
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// requireUser sends a signed-out request to the login page (pages) or answers 401 (API). A
// user who must change their password is held on the password page until they do.
func (s *Server) requireUser(w http.ResponseWriter, r *http.Request) bool {
	rs := state(r)
	if rs.user == nil {
		if isAPI(r) {
			s.fail(w, r, errUnauthenticated)
		} else {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		}
		return false
	}
	if rs.user.MustChangePassword && r.URL.Path != "/account/password" && r.URL.Path != "/api/v1/session" {
		if isAPI(r) {
			s.fail(w, r, errMustChangePassword)
		} else {
			http.Redirect(w, r, "/account/password", http.StatusSeeOther)
		}
		return false
	}
	return true
}
