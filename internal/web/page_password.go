package web

import (
	"net/http"
	"strconv"

	"github.com/fazhi/fazhi/internal/auth"
)

type passwordPage struct {
	Forced   bool
	Problems map[string]string
	MinLen   int
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "password", "修改密码", passwordPage{Forced: state(r).user.MustChangePassword, MinLen: auth.MinPasswordLength})
	return nil
}

// passwordChange changes the signed-in user's own password; the current one is asked again so
// that a browser left unlocked cannot be used to take the account over.
func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request) error {
	rs := state(r)
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	p := passwordPage{Forced: rs.user.MustChangePassword, Problems: map[string]string{}, MinLen: auth.MinPasswordLength}
	current, next := f.Get("current"), f.Get("new")
	// The current password is guessable through a session left open: a few tries per account,
	// then 429, each wrong one audited (issue 9).
	key := strconv.FormatInt(rs.user.ID, 10)
	if !s.passwordChecks.TakeIfAllowed(key, s.now()) {
		return errPasswordTooMany
	}
	ok, err := auth.VerifyPassword(r.Context(), rs.user.PasswordHash, current)
	if err != nil {
		return busyOr(err)
	}
	if ok {
		s.passwordChecks.Refund(key, s.now())
	} else if err := s.st.RecordPasswordCheckFailed(r.Context(), rs.actor(), *rs.user); err != nil {
		return err
	}
	switch {
	case !ok:
		p.Problems["current"] = "当前密码不正确"
	case f.Get("confirm") != next:
		p.Problems["confirm"] = "两次输入的新密码不一致"
	case next == current:
		p.Problems["new"] = "新密码不能与当前密码相同"
	default:
		if msg := auth.CheckPolicy(rs.user.Username, next); msg != "" {
			p.Problems["new"] = msg
		}
	}
	if len(p.Problems) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "password", "修改密码", p)
		return nil
	}
	hash, err := auth.HashPassword(next)
	if err != nil {
		return err
	}
	if err := s.st.SetPassword(r.Context(), rs.actor(), rs.user.ID, hash); err != nil {
		return err
	}
	// The change ended every session of the account; this browser gets a fresh one.
	token, _, err := auth.StartSession(r.Context(), s.st, *rs.user)
	if err != nil {
		return err
	}
	setSessionCookie(w, r, token)
	redirect(w, r, "/", "密码已修改")
	return nil
}
