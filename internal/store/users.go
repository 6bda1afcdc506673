package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"
)

// User is an account. Passwords are hashed by package auth; the store keeps the hash.
type User struct {
	ID                 int64    `json:"id"`
	Username           string   `json:"username"`
	DisplayName        string   `json:"display_name"`
	PasswordHash       string   `json:"-"`
	Role               string   `json:"role"`
	OrgID              int64    `json:"-"`
	OrgCode            string   `json:"org_code"`
	OrgName            string   `json:"org_name"`
	OrgPath            string   `json:"-"`
	Kinds              []string `json:"kinds"`
	FailedLogins       int      `json:"-"`
	LockedUntil        string   `json:"locked_until,omitempty"`
	MustChangePassword bool     `json:"must_change_password"`
	Disabled           bool     `json:"disabled"`
	Version            int      `json:"version"`
	// DataScope is the account's 数据范围 (one of DataScopes); ScopeOrgs the chosen orgs' codes
	// for DataCustom, ScopePaths their materialised paths (resolved when the account is read).
	DataScope  string   `json:"data_scope"`
	ScopeOrgs  []string `json:"scope_orgs,omitempty"`
	ScopePaths []string `json:"-"`
}

// The data scopes (数据范围) an account may be given, after the levels Chinese government
// systems offer (RuoYi's 数据权限). Every one is a set of org subtrees or single orgs, so the
// one org predicate of Scope serves them all.
const (
	DataSubtree = "subtree" // 本单位及下级 (the default)
	DataOwn     = "own"     // 仅本单位
	DataAll     = "all"     // 全部数据
	DataCustom  = "custom"  // 自定义：chosen orgs, each with its subtree
)

// DataScopeChoice names a data scope for the account pages.
type DataScopeChoice struct{ Name, Label, Help string }

// DataScopes lists the data scopes in the order the account form offers them.
func DataScopes() []DataScopeChoice {
	return []DataScopeChoice{
		{DataSubtree, "本单位及下级", "所属单位及其全部下级单位"},
		{DataOwn, "仅本单位", "只有所属单位本身，不含下级单位"},
		{DataCustom, "自定义", "指定的若干单位，各含其下级单位（如分管的几个镇）"},
		{DataAll, "全部数据", "整个组织树"},
	}
}

// DataScopeLabel is the Chinese name of a data scope ("未知" for anything else).
func DataScopeLabel(name string) string {
	for _, d := range DataScopes() {
		if d.Name == name {
			return d.Label
		}
	}
	return "未知"
}

// ValidDataScope reports whether name is one of DataScopes.
func ValidDataScope(name string) bool {
	for _, d := range DataScopes() {
		if d.Name == name {
			return true
		}
	}
	return false
}

const userColumns = `u.id, u.username, u.display_name, u.password_hash, u.role, COALESCE(u.org_id, 0),
	COALESCE(o.code, ''), COALESCE(o.name, ''), COALESCE(o.path, ''), u.kinds, u.failed_logins, u.locked_until,
	u.must_change_password, u.disabled, u.version, u.data_scope, u.scope_orgs`

func scanUser(row interface{ Scan(...any) error }) (User, error) {
	var u User
	var kinds, orgs string
	var must, disabled int
	err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.PasswordHash, &u.Role, &u.OrgID, &u.OrgCode, &u.OrgName,
		&u.OrgPath, &kinds, &u.FailedLogins, &u.LockedUntil, &must, &disabled, &u.Version, &u.DataScope, &orgs)
	if kinds != "" {
		u.Kinds = strings.Split(kinds, ",")
	}
	if orgs != "" {
		u.ScopeOrgs = strings.Split(orgs, ",")
	}
	u.MustChangePassword, u.Disabled = must == 1, disabled == 1
	return u, err
}

// UserByName finds an account for login. It is not scoped: logging in comes before any scope.
func (s *Store) UserByName(ctx context.Context, username string) (User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users u LEFT JOIN orgs o ON o.id = u.org_id
		WHERE u.username = ?`, username))
	if err == sql.ErrNoRows {
		return u, errorf(ENOTFOUND, "用户「%s」不存在", username)
	}
	if err != nil {
		return u, err
	}
	return u, s.resolveScopeOrgs(ctx, &u)
}

// UserByID finds an account by id (sessions resolve to it).
func (s *Store) UserByID(ctx context.Context, id int64) (User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users u LEFT JOIN orgs o ON o.id = u.org_id
		WHERE u.id = ?`, id))
	if err == sql.ErrNoRows {
		return u, errorf(ENOTFOUND, "用户不存在")
	}
	if err != nil {
		return u, err
	}
	return u, s.resolveScopeOrgs(ctx, &u)
}

// resolveScopeOrgs reads the paths of a custom scope's orgs. An org removed since is simply
// not there: the scope shrinks, it never widens.
func (s *Store) resolveScopeOrgs(ctx context.Context, u *User) error {
	if u.DataScope != DataCustom || len(u.ScopeOrgs) == 0 {
		return nil
	}
	rows, err := s.query(ctx, `SELECT path FROM orgs WHERE code IN (`+placeholders(len(u.ScopeOrgs))+`) ORDER BY path`, stringsToAny(u.ScopeOrgs)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return err
		}
		u.ScopePaths = append(u.ScopePaths, p)
	}
	return rows.Err()
}

// Users lists accounts (administrators only).
func (s *Store) Users(ctx context.Context, sc Scope) ([]User, error) {
	if !sc.CanAdmin() {
		return nil, errorf(EFORBIDDEN, "只有系统管理员可以管理账号")
	}
	rows, err := s.query(ctx, `SELECT `+userColumns+` FROM users u LEFT JOIN orgs o ON o.id = u.org_id ORDER BY u.username`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UserInput creates or changes an account. PasswordHash empty keeps the current one.
type UserInput struct {
	Username, DisplayName, PasswordHash, Role, OrgCode string
	Kinds                                              []string
	MustChangePassword, Disabled                       bool
	DataScope                                          string   // "" is DataSubtree
	ScopeOrgs                                          []string // org codes, for DataCustom
}

// SaveUser creates or updates an account by username (administrators only). A change that
// would give an account case access (ApprovalNeeded) is refused with an approval error unless
// the scope is the operator's at the shell: the web files it with RequestUser instead, so a
// 系统管理员 alone never obtains case access (三员分立).
func (s *Store) SaveUser(ctx context.Context, a Actor, sc Scope, in UserInput) (User, error) {
	if !sc.CanAdmin() {
		return User{}, errorf(EFORBIDDEN, "只有系统管理员可以管理账号")
	}
	if strings.TrimSpace(in.Username) == "" {
		return User{}, fieldError("username", "用户名必填")
	}
	err := s.inTx(ctx, func(t *tx) error {
		old, err := t.userByName(ctx, in.Username)
		if err != nil {
			return err
		}
		reason := ApprovalNeeded(old, in)
		if reason != "" && !sc.breakGlass {
			return approvalError(reason)
		}
		var note map[string]any
		if reason != "" {
			note = map[string]any{"without_approval": "命令行紧急通道：" + reason}
		}
		return t.saveUser(ctx, a, old, in, note)
	})
	if err != nil {
		return User{}, err
	}
	return s.UserByName(ctx, in.Username)
}

// userByName reads an account inside a transaction; nil when there is none.
func (t *tx) userByName(ctx context.Context, username string) (*User, error) {
	u, err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+` FROM users u LEFT JOIN orgs o ON o.id = u.org_id
		WHERE u.username = ?`, username))
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// saveUser writes an account (old is nil for a new one) and audits it; note goes into the
// entry's after values (how the change was authorised).
func (t *tx) saveUser(ctx context.Context, a Actor, old *User, in UserInput, note map[string]any) error {
	var orgID any
	path := ""
	if in.OrgCode != "" {
		org, err := t.orgByCode(ctx, in.OrgCode)
		if err != nil {
			return fieldError("org", "组织「%s」不存在", in.OrgCode)
		}
		orgID, path = org.ID, org.Path
	}
	scope, scopeOrgs, err := t.checkDataScope(ctx, in)
	if err != nil {
		return err
	}
	now := t.s.stamp()
	kinds := strings.Join(in.Kinds, ",")
	after := map[string]any{"role": in.Role, "org": in.OrgCode, "kinds": in.Kinds, "data_scope": scope, "scope_orgs": scopeOrgs}
	for k, v := range note {
		after[k] = v
	}
	if old == nil {
		if in.PasswordHash == "" {
			return fieldError("password", "新账号必须设置密码")
		}
		if _, err := t.exec(ctx, `INSERT INTO users (username, display_name, password_hash, role, org_id, kinds,
			must_change_password, disabled, created_at, updated_at, data_scope, scope_orgs) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
			in.Username, in.DisplayName, in.PasswordHash, in.Role, orgID, kinds, b2i(in.MustChangePassword),
			b2i(in.Disabled), now, now, scope, scopeOrgs); err != nil {
			return err
		}
		return t.audit(ctx, a, "user.create", "user", in.Username, path, nil, after)
	}
	hash := old.PasswordHash
	if in.PasswordHash != "" {
		hash = in.PasswordHash
	}
	if _, err := t.exec(ctx, `UPDATE users SET display_name = ?, password_hash = ?, role = ?, org_id = ?, kinds = ?,
		must_change_password = ?, disabled = ?, failed_logins = 0, locked_until = '', version = version + 1,
		updated_at = ?, data_scope = ?, scope_orgs = ? WHERE id = ?`, in.DisplayName, hash, in.Role, orgID, kinds, b2i(in.MustChangePassword),
		b2i(in.Disabled), now, scope, scopeOrgs, old.ID); err != nil {
		return err
	}
	if in.Disabled || in.PasswordHash != "" {
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, old.ID); err != nil {
			return err
		}
	}
	after["disabled"], after["password_changed"] = in.Disabled, in.PasswordHash != ""
	return t.audit(ctx, a, "user.update", "user", in.Username, path,
		map[string]any{"role": old.Role, "org": old.OrgCode, "kinds": old.Kinds, "disabled": old.Disabled,
			"data_scope": old.DataScope, "scope_orgs": strings.Join(old.ScopeOrgs, ",")}, after)
}

// SetPassword changes a user's own password (the user is the actor).
func (s *Store) SetPassword(ctx context.Context, a Actor, userID int64, hash string) error {
	return s.inTx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = 0, failed_logins = 0,
			locked_until = '', version = version + 1, updated_at = ? WHERE id = ?`, hash, t.s.stamp(), userID); err != nil {
			return err
		}
		// A changed password ends every other session of the account (the current one is
		// re-created by the caller), so a stolen session dies with the old password.
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
			return err
		}
		return t.audit(ctx, a, "user.password", "user", strconv.FormatInt(userID, 10), "", nil, nil)
	})
}

// Session is a signed-in browser.
type Session struct {
	UserID    int64
	CSRF      string
	ExpiresAt time.Time
	LastSeen  time.Time
}

// CreateSession stores a session under the hash of its token (the token itself is never
// stored). An account keeps at most maxPerUser sessions (0: no limit): the oldest end, so a
// password shared around an office does not give everyone a session of their own.
func (s *Store) CreateSession(ctx context.Context, tokenHash string, sess Session, maxPerUser int) error {
	return s.inTx(ctx, func(t *tx) error {
		now := t.s.stamp()
		if _, err := t.exec(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, last_seen)
			VALUES (?,?,?,?,?,?)`, tokenHash, sess.UserID, sess.CSRF, now, sess.ExpiresAt.UTC().Format(time.RFC3339), now); err != nil {
			return err
		}
		if maxPerUser <= 0 {
			return nil
		}
		return t.endOldestSessions(ctx, sess.UserID, tokenHash, maxPerUser)
	})
}

// endOldestSessions keeps the newest max sessions of a user, keep among them.
func (t *tx) endOldestSessions(ctx context.Context, userID int64, keep string, max int) error {
	rows, err := t.query(ctx, `SELECT token_hash, created_at FROM sessions WHERE user_id = ? AND token_hash <> ?`, userID, keep)
	if err != nil {
		return err
	}
	type started struct {
		hash string
		at   time.Time
	}
	var others []started
	for rows.Next() {
		var o started
		var at string
		if err := rows.Scan(&o.hash, &at); err != nil {
			rows.Close()
			return err
		}
		o.at, _ = time.Parse(time.RFC3339Nano, at) // RFC3339Nano strings do not sort as text
		others = append(others, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	slices.SortFunc(others, func(a, b started) int { return b.at.Compare(a.at) })
	for i := max - 1; i < len(others); i++ {
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, others[i].hash); err != nil {
			return err
		}
	}
	return nil
}

// SessionByHash returns a live session: not past its cap and used within idle (0: no idle
// limit). A session in use is marked seen at most once a minute, not on every request.
func (s *Store) SessionByHash(ctx context.Context, tokenHash string, idle time.Duration) (Session, error) {
	var sess Session
	var exp, seen string
	err := s.queryRow(ctx, `SELECT user_id, csrf, expires_at, last_seen FROM sessions WHERE token_hash = ?`, tokenHash).
		Scan(&sess.UserID, &sess.CSRF, &exp, &seen)
	if err == sql.ErrNoRows {
		return sess, errorf(ENOTFOUND, "会话已失效，请重新登录")
	}
	if err != nil {
		return sess, err
	}
	now := s.now()
	sess.ExpiresAt, _ = time.Parse(time.RFC3339, exp)
	if now.After(sess.ExpiresAt) {
		_ = s.DeleteSession(ctx, tokenHash)
		return sess, errorf(ENOTFOUND, "会话已过期，请重新登录")
	}
	sess.LastSeen, err = time.Parse(time.RFC3339Nano, seen)
	if err != nil { // a session from before last_seen existed counts as seen now
		sess.LastSeen = time.Time{}
	}
	if idle > 0 && !sess.LastSeen.IsZero() && now.Sub(sess.LastSeen) > idle {
		_ = s.DeleteSession(ctx, tokenHash)
		return sess, errorf(ENOTFOUND, "超过 %d 分钟未操作，会话已失效，请重新登录", int(idle.Minutes()))
	}
	if now.Sub(sess.LastSeen) > min(time.Minute, idle/10+time.Second) {
		sess.LastSeen = now
		if _, err := s.db.ExecContext(ctx, s.d.rebind(`UPDATE sessions SET last_seen = ? WHERE token_hash = ?`),
			s.stamp(), tokenHash); err != nil {
			return sess, err
		}
	}
	return sess, nil
}

// DeleteSession ends a session (logout).
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.db.ExecContext(ctx, s.d.rebind(`DELETE FROM sessions WHERE token_hash = ?`), tokenHash)
	return err
}

// UsersWithRole counts the enabled accounts of a role: a database without an enabled 系统管理员
// gets one at start-up (cli.md), whether or not demo accounts were created before it.
func (s *Store) UsersWithRole(ctx context.Context, role string) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE role = ? AND disabled = 0`, role).Scan(&n)
	return n, err
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkDataScope validates an account's data scope and returns it as stored: the scope's name
// and, for DataCustom, the chosen orgs' codes (each must exist; at least one).
func (t *tx) checkDataScope(ctx context.Context, in UserInput) (string, string, error) {
	scope := in.DataScope
	if scope == "" {
		scope = DataSubtree
	}
	if !ValidDataScope(scope) {
		return "", "", fieldError("data_scope", "未知的数据范围「%s」", scope)
	}
	if scope != DataCustom {
		return scope, "", nil
	}
	var codes []string
	for _, c := range in.ScopeOrgs {
		if c = strings.TrimSpace(c); c == "" || slices.Contains(codes, c) {
			continue
		}
		if _, err := t.orgByCode(ctx, c); err != nil {
			return "", "", fieldError("scope_orgs", "自定义数据范围中的单位「%s」不存在", c)
		}
		codes = append(codes, c)
	}
	if len(codes) == 0 {
		return "", "", fieldError("scope_orgs", "自定义数据范围至少要选择一个单位")
	}
	return scope, strings.Join(codes, ","), nil
}
