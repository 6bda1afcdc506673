package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fazhi/fazhi/internal/store"
)

// SessionCookie is the name of the cookie that carries the session token.
const SessionCookie = "fazhi_session"

// SessionTTL is how long a session lives at most: a working day and then some, so that nobody
// is logged out mid-afternoon, and a browser left open overnight must log in again.
const SessionTTL = 12 * time.Hour

// Session settings (fazhi settings set KEY VALUE), GB/T 22239-2019 8.1.4.1 b (登录连接超时自动
// 退出) and 8.1.4.2 (a bounded number of concurrent sessions per account).
const (
	SettingIdleMinutes = "session.idle_minutes" // a session unused this long ends (default 30)
	SettingMaxSessions = "session.max_per_user" // sessions an account may hold; the oldest ends (default 3)
	defaultIdleMinutes = 30
	defaultMaxSessions = 3
)

// sessionSettings are the bounds each setting accepts.
var sessionSettings = map[string]struct{ def, min, max int }{
	SettingIdleMinutes: {defaultIdleMinutes, 1, 720},
	SettingMaxSessions: {defaultMaxSessions, 1, 20},
}

// CheckSessionSetting returns what is wrong with a session setting's value ("" restores the
// default).
func CheckSessionSetting(key, value string) error {
	b, ok := sessionSettings[key]
	if !ok {
		return fmt.Errorf("未知的会话参数「%s」：可用 %s、%s", key, SettingIdleMinutes, SettingMaxSessions)
	}
	if value == "" {
		return nil
	}
	if n, err := strconv.Atoi(value); err != nil || n < b.min || n > b.max {
		return fmt.Errorf("%s 应为 %d 到 %d 之间的整数（默认 %d），而不是「%s」", key, b.min, b.max, b.def, value)
	}
	return nil
}

// sessionSetting reads a session setting, its default when unset or unusable.
func sessionSetting(ctx context.Context, st *store.Store, key string) (int, error) {
	v, ok, err := st.Setting(ctx, key)
	if err != nil || !ok {
		return sessionSettings[key].def, err
	}
	if CheckSessionSetting(key, v) != nil {
		return sessionSettings[key].def, nil
	}
	n, _ := strconv.Atoi(v)
	return n, nil
}

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
// session with its CSRF token. Beyond the account's session limit the oldest sessions end.
func StartSession(ctx context.Context, st *store.Store, u store.User) (string, store.Session, error) {
	limit, err := sessionSetting(ctx, st, SettingMaxSessions)
	if err != nil {
		return "", store.Session{}, err
	}
	token := NewToken()
	sess := store.Session{UserID: u.ID, CSRF: NewToken(), ExpiresAt: st.Now().Add(SessionTTL)}
	if err := st.CreateSession(ctx, TokenHash(token), sess, limit); err != nil {
		return "", store.Session{}, err
	}
	return token, sess, nil
}

// Resolve returns the live session of a token and its user: within the 12-hour cap and used
// within the idle timeout. A disabled user's session is ended here, so disabling an account
// takes effect on the next request.
func Resolve(ctx context.Context, st *store.Store, token string) (store.User, store.Session, error) {
	if token == "" || strings.ContainsAny(token, " \t") {
		return store.User{}, store.Session{}, &store.Error{Code: store.ENOTFOUND, Message: "未登录"}
	}
	idle, err := sessionSetting(ctx, st, SettingIdleMinutes)
	if err != nil {
		return store.User{}, store.Session{}, err
	}
	sess, err := st.SessionByHash(ctx, TokenHash(token), time.Duration(idle)*time.Minute)
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
