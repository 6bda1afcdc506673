package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
)

type loginPage struct {
	CSRF, Username, Next, Message string
	Lines                         []string // the lines of work this deployment keeps (its kinds), for the tagline
}

// workLines are the login page's tagline: the registered kinds in menu order, then the report.
func workLines() []string {
	var out []string
	for _, k := range law.Kinds() {
		out = append(out, k.Label)
	}
	return append(out, "法治政府建设年度报告")
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	if state(r).user != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	s.render(w, r, http.StatusOK, "login", "登录", loginPage{CSRF: loginToken(w, r), Next: r.URL.Query().Get("next"), Lines: workLines()})
	return nil
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	rs := state(r)
	page := loginPage{Lines: workLines(), CSRF: loginToken(w, r), Username: strings.TrimSpace(r.PostForm.Get("username")),
		Next: r.PostForm.Get("next")}
	// The address pays for the attempt before the hash is computed: a flood of logins is
	// answered 429 without costing the server argon2id's memory and CPU (issue 9). A success
	// gets its token back.
	if !s.logins.TakeIfAllowed(rs.clientAddr, s.now()) {
		page.Message = errTooMany.Message
		s.render(w, r, http.StatusTooManyRequests, "login", "登录", page)
		return nil
	}
	u, err := auth.Login(r.Context(), s.st, page.Username, r.PostForm.Get("password"), rs.actor())
	if err != nil {
		status := http.StatusUnauthorized
		switch {
		case errors.Is(err, auth.ErrBusy):
			status = http.StatusTooManyRequests
		case errors.Is(err, auth.ErrCredentials), errors.Is(err, auth.ErrDisabled):
		default:
			return err
		}
		page.Message = err.Error()
		s.render(w, r, status, "login", "登录", page)
		return nil
	}
	s.logins.Refund(rs.clientAddr, s.now())
	if rs.user != nil { // signing in again in the same browser ends the previous session
		if err := auth.EndSession(r.Context(), s.st, rs.token); err != nil {
			return err
		}
	}
	token, _, err := auth.StartSession(r.Context(), s.st, u)
	if err != nil {
		return err
	}
	setSessionCookie(w, r, token)
	clearCookie(w, r, loginCSRFCookie, "/login")
	next := page.Next
	// Only a path on this site: "//evil.example" and "/\evil.example" are other sites to a browser.
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		next = "/"
	}
	if u.MustChangePassword {
		next = "/account/password"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if rs := state(r); rs.user != nil {
		if err := auth.EndSession(r.Context(), s.st, rs.token); err != nil {
			return err
		}
	}
	clearCookie(w, r, auth.SessionCookie, "/")
	redirect(w, r, "/login", "已安全退出")
	return nil
}
