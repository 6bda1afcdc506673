package store

import (
	"context"
	"database/sql"
	"time"
)

// Failed logins are counted per user name and client address (login_failures). Locking the
// account itself would let anyone lock `admin` out with five wrong passwords; locking the pair
// stops the guessing from that address while the holder still signs in from their own desk
// (GB/T 22239-2019 8.1.4.1 身份鉴别 b: 登录失败处理, without handing out a denial of service).

// LoginLock returns until when logins for username from addr are refused (zero when not).
func (s *Store) LoginLock(ctx context.Context, username, addr string) (time.Time, error) {
	var until string
	err := s.queryRow(ctx, `SELECT locked_until FROM login_failures WHERE username = ? AND client_addr = ?`,
		username, addr).Scan(&until)
	if err == sql.ErrNoRows || until == "" {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339, until)
	if err != nil || !s.now().Before(t) {
		return time.Time{}, nil
	}
	return t, nil
}

// RecordLogin notes a login attempt for username from a.ClientAddr; u is nil when no account
// has that name, and the failure is counted and audited all the same (so guessing names shows
// in the trail). Success clears the pair's count; the lockAfter-th failure in a row locks the
// pair for lockFor and reports locked.
func (s *Store) RecordLogin(ctx context.Context, a Actor, username string, u *User, ok bool, lockAfter int, lockFor time.Duration) (locked bool, err error) {
	orgPath := ""
	if u != nil {
		orgPath = u.OrgPath
	}
	err = s.inTx(ctx, func(t *tx) error {
		if ok {
			if _, err := t.exec(ctx, `DELETE FROM login_failures WHERE username = ? AND client_addr = ?`, username, a.ClientAddr); err != nil {
				return err
			}
			return t.audit(ctx, a, "login", "user", username, orgPath, nil, nil)
		}
		var n int
		if err := t.queryRow(ctx, `INSERT INTO login_failures (username, client_addr, failures) VALUES (?, ?, 1)
			ON CONFLICT (username, client_addr) DO UPDATE SET failures = login_failures.failures + 1
			RETURNING failures`, username, a.ClientAddr).Scan(&n); err != nil {
			return err
		}
		action := "login.failed"
		after := map[string]any{"failures": n, "known_user": u != nil}
		if n >= lockAfter {
			until := t.s.now().Add(lockFor).UTC().Format(time.RFC3339)
			if _, err := t.exec(ctx, `UPDATE login_failures SET locked_until = ?, failures = 0 WHERE username = ? AND client_addr = ?`,
				until, username, a.ClientAddr); err != nil {
				return err
			}
			action, locked = "login.locked", true
			after["locked_until"] = until
		}
		return t.audit(ctx, a, action, "user", username, orgPath, nil, after)
	})
	return locked, err
}

// LockedUsers returns the accounts locked from some address now, with the latest end of their
// locks (for the accounts page).
func (s *Store) LockedUsers(ctx context.Context, sc Scope) (map[string]time.Time, error) {
	if !sc.CanAdmin() {
		return nil, errorf(EFORBIDDEN, "只有系统管理员可以管理账号")
	}
	rows, err := s.query(ctx, `SELECT username, locked_until FROM login_failures WHERE locked_until <> ''`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var name, until string
		if err := rows.Scan(&name, &until); err != nil {
			return nil, err
		}
		if t, err := time.Parse(time.RFC3339, until); err == nil && s.now().Before(t) && t.After(out[name]) {
			out[name] = t
		}
	}
	return out, rows.Err()
}

// UnlockUser lifts every lock on an account's name, from every address (administrators only,
// audited).
func (s *Store) UnlockUser(ctx context.Context, a Actor, sc Scope, username string) error {
	if !sc.CanAdmin() {
		return errorf(EFORBIDDEN, "只有系统管理员可以解锁账号")
	}
	return s.inTx(ctx, func(t *tx) error {
		res, err := t.exec(ctx, `DELETE FROM login_failures WHERE username = ?`, username)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		if _, err := t.exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = '' WHERE username = ?`, username); err != nil {
			return err
		}
		return t.audit(ctx, a, "user.unlock", "user", username, "", nil, map[string]any{"addresses": n})
	})
}

// RecordPasswordCheckFailed audits a wrong current password given on the password page: a
// session used by someone else guessing the holder's password shows in the trail.
func (s *Store) RecordPasswordCheckFailed(ctx context.Context, a Actor, u User) error {
	return s.inTx(ctx, func(t *tx) error {
		return t.audit(ctx, a, "user.password.failed", "user", u.Username, u.OrgPath, nil, nil)
	})
}
