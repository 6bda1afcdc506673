package auth

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/fazhi/fazhi/internal/store"
)

// Lockout: after LockAfter failed logins in a row for one user name from one address, that
// address may not try the name again for LockFor (GB/T 22239-2019 8.1.4.1 b 登录失败处理). The
// account itself stays usable from elsewhere, so nobody can lock `admin` out by guessing, and
// an administrator can lift the lock (store.UnlockUser).
const (
	LockAfter = 5
	LockFor   = 15 * time.Minute
)

// Login errors. Their messages are shown to the person at the login form as they are.
var (
	// ErrCredentials is the one answer for an unknown user, a wrong password and a locked
	// address, in the same words and after the same work, so that the form tells neither which
	// user names exist nor which are locked.
	ErrCredentials = fmt.Errorf("用户名或密码错误（同一地址连续 %d 次错误将暂停该账号在此地址登录 %d 分钟）",
		LockAfter, int(LockFor.Minutes()))
	ErrDisabled = errors.New("该账号已停用，请联系系统管理员")
	// ErrBusy is answered when every password-hashing slot stays taken (HTTP 429).
	ErrBusy = errors.New("登录请求较多，请稍后再试")
)

// hashSlots bounds the argon2id computations running at once to the cores: each takes 64 MiB
// and a core for a tenth of a second, so unbounded parallel logins exhaust memory and CPU
// (issue 9: 80 parallel wrong logins took 5.3 GB and both cores for 28 s).
var hashSlots = make(chan struct{}, runtime.NumCPU())

// hashWait is how long a login waits for a slot before it is told to try again later: a
// morning's logins queue briefly, a flood is turned away.
const hashWait = 2 * time.Second

// withHashSlot runs fn while holding a hashing slot, or returns ErrBusy.
func withHashSlot(ctx context.Context, fn func()) error {
	t := time.NewTimer(hashWait)
	defer t.Stop()
	select {
	case hashSlots <- struct{}{}:
	case <-t.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-hashSlots }()
	fn()
	return nil
}

// VerifyPassword checks password against a PHC string within a hashing slot.
func VerifyPassword(ctx context.Context, phc, password string) (bool, error) {
	var ok bool
	err := withHashSlot(ctx, func() { ok = CheckPassword(phc, password) })
	return ok, err
}

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
// of the name from actor.ClientAddr towards the lockout). Every path hashes once and writes
// once, whether the name exists, the address is locked or the password is wrong.
func Login(ctx context.Context, st *store.Store, username, password string, actor store.Actor) (store.User, error) {
	found, err := st.UserByName(ctx, username)
	var u *store.User
	switch {
	case err == nil:
		u = &found
	case store.ErrorCode(err) != store.ENOTFOUND:
		return store.User{}, err
	}
	until, err := st.LoginLock(ctx, username, actor.ClientAddr)
	if err != nil {
		return store.User{}, err
	}
	phc := dummyHash()
	if u != nil {
		phc = u.PasswordHash
	}
	ok, err := VerifyPassword(ctx, phc, password)
	if err != nil {
		return store.User{}, err
	}
	ok = ok && u != nil && until.IsZero()
	actor.Name = username
	if actor.Name == "" {
		actor.Name = "（空用户名）"
	}
	if u != nil {
		actor.UserID = u.ID
	}
	if !ok {
		if _, err := st.RecordLogin(ctx, actor, username, u, false, LockAfter, LockFor); err != nil {
			return store.User{}, err
		}
		return store.User{}, ErrCredentials
	}
	// The password is checked before the disabled flag so that only someone who knows it
	// learns that the account is disabled.
	if u.Disabled {
		return store.User{}, ErrDisabled
	}
	if _, err := st.RecordLogin(ctx, actor, username, u, true, LockAfter, LockFor); err != nil {
		return store.User{}, err
	}
	return *u, nil
}
