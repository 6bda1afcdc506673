package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"github.com/fazhi/fazhi/internal/store"
)

// SessionCookie is the name of the cookie that carries the session token.
const SessionCookie = "fazhi_session"

// SessionTTL is how long a session lives: a working day and then some, so that nobody is
// logged out mid-afternoon, and a browser left open overnight must log in again.
const SessionTTL = 12 * time.Hour

// NewToken returns 32 random bytes, URL-safe base64.
func NewToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// TokenHash is what the store keeps of a session token: a stolen copy of the sessions table
// lets nobody in.
func TokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// StartSession creates a session for u and returns its token (for the cookie) and the
// session with its CSRF token.
func StartSession(ctx context.Context, st *store.Store, u store.User) (string, store.Session, error) {
	token := NewToken()
	sess := store.Session{UserID: u.ID, CSRF: NewToken(), ExpiresAt: st.Now().Add(SessionTTL)}
	if err := st.CreateSession(ctx, TokenHash(token), sess); err != nil {
		return "", store.Session{}, err
	}
	return token, sess, nil
}

// Resolve returns the live session of a token and its user. A disabled user's session is
// ended here, so disabling an account takes effect on the next request.
func Resolve(ctx context.Context, st *store.Store, token string) (store.User, store.Session, error) {
	if token == "" || strings.ContainsAny(token, " \t") {
		return store.User{}, store.Session{}, &store.Error{Code: store.ENOTFOUND, Message: "未登录"}
	}
	sess, err := st.SessionByHash(ctx, TokenHash(token))
	if err != nil {
		return store.User{}, store.Session{}, err
	}
	u, err := st.UserByID(ctx, sess.UserID)
	if err != nil {
		return store.User{}, store.Session{}, err
	}
	if u.Disabled {
		_ = st.DeleteSession(ctx, TokenHash(token))
		return store.User{}, store.Session{}, ErrDisabled
	}
	return u, sess, nil
}

// EndSession logs a token out.
func EndSession(ctx context.Context, st *store.Store, token string) error {
	return st.DeleteSession(ctx, TokenHash(token))
}
