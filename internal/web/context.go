package web

import (
	"context"
	"net"
	"net/http"

	"github.com/fazhi/fazhi/internal/store"
)

// reqState is what the middleware learns about a request, kept in its context. One pointer is
// stored early (by requestID) and filled in later (by session), so that the access log written
// after the handler can name the user.
type reqState struct {
	id         string
	clientAddr string
	user       *store.User // nil when not signed in
	sess       store.Session
	token      string
	scope      store.Scope // the zero Scope (sees nothing) when not signed in
}

type ctxKey struct{}

func withState(r *http.Request, st *reqState) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), ctxKey{}, st))
}

// state returns the request's state; requests that bypassed the middleware (none do) get an
// empty one, which is signed out and sees nothing.
func state(r *http.Request) *reqState {
	if st, ok := r.Context().Value(ctxKey{}).(*reqState); ok {
		return st
	}
	return &reqState{}
}

// actor is who a write is attributed to in the audit trail.
func (rs *reqState) actor() store.Actor {
	a := store.Actor{RequestID: rs.id, ClientAddr: rs.clientAddr}
	if rs.user != nil {
		a.UserID, a.Name = rs.user.ID, rs.user.Username
	}
	return a
}

// clientAddr is the peer's IP. X-Forwarded-For is not trusted: anyone can send it, and the
// login rate limit and the audit trail must not be steerable by a header. Behind a reverse
// proxy every request comes from the proxy's address, which is the honest answer.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
