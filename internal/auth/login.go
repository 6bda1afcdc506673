package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/fazhi/fazhi/internal/store"
)

// Lockout: after LockAfter failed logins in a row the account is locked for LockFor. This is
// the figure 等保 2.0 (GB/T 22239-2019, 8.1.4.1 身份鉴别) assessors expect to find configured.
const (
	LockAfter = 5
	LockFor   = 15 * time.Minute
)

// Login errors. Their messages are shown to the person at the login form as they are.
var (
	// ErrCredentials is the one answer for an unknown user and a wrong password, so that the
	// form does not tell which usernames exist.
	ErrCredentials = errors.New("用户名或密码错误")
	ErrDisabled    = errors.New("该账号已停用，请联系系统管理员")
)

// LockedError says until when an account is locked.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	return fmt.Sprintf("连续 %d 次密码错误，账号已锁定，请于 %s 之后再试（或联系系统管理员解锁）",
		LockAfter, e.Until.In(cst).Format("15:04"))
}

var cst = time.FixedZone("CST", 8*3600)

// dummyHash is checked against when the username is unknown, so that an unknown user takes
// as long to refuse as a wrong password does. Made on first use: hashing costs 64 MiB.
var dummyHash = sync.OnceValue(func() string {
	h, err := HashPassword("fazhi-no-such-user")
	if err != nil {
		panic(err)
	}
	return h
})

// Login checks a username and password and records the attempt (audited, counting failures
// towards the lockout). actor describes the request (its Name is the username tried).
func Login(ctx context.Context, st *store.Store, username, password string, actor store.Actor) (store.User, error) {
	u, err := st.UserByName(ctx, username)
	if store.ErrorCode(err) == store.ENOTFOUND {
		CheckPassword(dummyHash(), password)
		return store.User{}, ErrCredentials
	}
	if err != nil {
		return store.User{}, err
	}
	if u.LockedUntil != "" {
		if until, err := time.Parse(time.RFC3339, u.LockedUntil); err == nil && st.Now().Before(until) {
			return store.User{}, &LockedError{Until: until}
		}
	}
	actor.UserID, actor.Name = u.ID, u.Username
	if !CheckPassword(u.PasswordHash, password) {
		if err := st.RecordLogin(ctx, actor, u, false, LockAfter, LockFor); err != nil {
			return store.User{}, err
		}
		if fresh, err := st.UserByName(ctx, username); err == nil && fresh.LockedUntil != "" {
			if until, err := time.Parse(time.RFC3339, fresh.LockedUntil); err == nil {
				return store.User{}, &LockedError{Until: until}
			}
		}
		return store.User{}, ErrCredentials
	}
	// The password is checked before the disabled flag so that only someone who knows it
	// learns that the account is disabled.
	if u.Disabled {
		return store.User{}, ErrDisabled
	}
	if err := st.RecordLogin(ctx, actor, u, true, LockAfter, LockFor); err != nil {
		return store.User{}, err
	}
	return u, nil
}
