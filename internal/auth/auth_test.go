package auth_test

import (
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

func TestPasswordHash(t *testing.T) {
	h, err := auth.HashPassword("correct horse 42")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Fatalf("PHC string %q", h)
	}
	if !auth.CheckPassword(h, "correct horse 42") || auth.CheckPassword(h, "correct horse 43") {
		t.Fatal("check")
	}
	h2, _ := auth.HashPassword("correct horse 42")
	if h == h2 {
		t.Fatal("same salt twice")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=65536,t=3,p=2$c2FsdA$aGFzaA", "$argon2id$v=19$m=x$a$b", "plain"} {
		if auth.CheckPassword(bad, "") {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestPolicy(t *testing.T) {
	for _, c := range []struct{ user, pw, want string }{
		{"zhang", "short1", "至少 10 个字符"},
		{"zhang", "aaaaaaaaaaaa", "至少两类"},
		{"zhang", "1234567890", "至少两类"},
		{"zhang12345", "ZHANG12345", "不能与用户名相同"},
		{"zhang", "调解协议书2024年", ""},
		{"zhang", "Mediation-2025", ""},
	} {
		got := auth.CheckPolicy(c.user, c.pw)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("CheckPolicy(%q, %q) = %q, want %q", c.user, c.pw, got, c.want)
		}
	}
	for i := 0; i < 20; i++ {
		if p := auth.RandomPassword(); auth.CheckPolicy("", p) != "" || len(p) != 14 {
			t.Fatalf("random password %q fails the policy", p)
		}
	}
}

func TestScopeFor(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	town, _ := st.Org(ctx, all(), "441481100")
	city, _ := st.Org(ctx, all(), "441481")
	cases := []struct {
		name                     string
		u                        store.User
		readMed, writeMed, audit bool
		admin, pii, allOrgs      bool
	}{
		{"sysadmin", store.User{Role: auth.RoleSysadmin}, false, false, false, true, false, false},
		{"auditor of a town", store.User{Role: auth.RoleAuditor, OrgPath: town.Path}, false, false, true, false, false, false},
		{"auditor of the root", store.User{Role: auth.RoleAuditor, OrgPath: city.Path}, false, false, true, false, false, true},
		{"auditor without org", store.User{Role: auth.RoleAuditor}, false, false, true, false, false, true},
		{"leader", store.User{Role: auth.RoleLeader, OrgPath: town.Path}, true, false, false, false, false, false},
		{"leader without org", store.User{Role: auth.RoleLeader}, false, false, false, false, false, false},
		{"clerk with mediation", store.User{Role: auth.RoleClerk, OrgPath: town.Path, Kinds: []string{"mediation", "nosuchkind"}}, true, true, false, false, true, false},
		{"clerk without mediation", store.User{Role: auth.RoleClerk, OrgPath: town.Path}, false, false, false, false, true, false},
		{"disabled clerk", store.User{Role: auth.RoleClerk, OrgPath: town.Path, Kinds: []string{"mediation"}, Disabled: true}, false, false, false, false, false, false},
		{"unknown role", store.User{Role: "root", OrgPath: city.Path, Kinds: []string{"mediation"}}, false, false, false, false, false, false},
	}
	for _, c := range cases {
		sc := auth.ScopeFor(c.u)
		got := []bool{sc.CanRead("mediation"), sc.CanWrite("mediation"), sc.CanAudit(), sc.CanAdmin(), sc.SeesPII(), sc.AllOrgs()}
		want := []bool{c.readMed, c.writeMed, c.audit, c.admin, c.pii, c.allOrgs}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: read/write/audit/admin/pii/all = %v, want %v", c.name, got, want)
				break
			}
		}
	}
	// Only the 安全保密管理员 approves, and it reads nothing and administers nothing.
	for _, role := range []string{auth.RoleSysadmin, auth.RoleAuditor, auth.RoleLeader, auth.RoleClerk, auth.RoleSecadmin} {
		sc := auth.ScopeFor(store.User{Role: role, OrgPath: city.Path, Kinds: []string{"mediation"}})
		if sc.CanApprove() != (role == auth.RoleSecadmin) {
			t.Errorf("%s: CanApprove %v", role, sc.CanApprove())
		}
		if role == auth.RoleSecadmin && (sc.CanRead("mediation") || sc.CanAdmin() || sc.CanAudit() || sc.SeesPII()) {
			t.Errorf("secadmin scope grants more than approving")
		}
	}
	if auth.RoleLabel("leader") != "局领导" || auth.RoleLabel("x") != "未知角色" || len(auth.Roles()) != 5 {
		t.Error("role labels")
	}
}

func TestLoginAndSessions(t *testing.T) {
	ctx := context.Background()
	eachStoreAt(t, func(t *testing.T, st *store.Store, clock *time.Time) {
		h, _ := auth.HashPassword("Mediation-2025")
		if _, err := st.SaveUser(ctx, system, all(), store.UserInput{Username: "zhang", PasswordHash: h, Role: auth.RoleClerk,
			OrgCode: "441481100", Kinds: []string{"mediation"}}); err != nil {
			t.Fatal(err)
		}
		actor := store.Actor{ClientAddr: "127.0.0.1"}
		if _, err := auth.Login(ctx, st, "nobody", "x", actor); !errors.Is(err, auth.ErrCredentials) {
			t.Fatalf("unknown user: %v", err)
		}
		u, err := auth.Login(ctx, st, "zhang", "Mediation-2025", actor)
		if err != nil {
			t.Fatalf("login: %v", err)
		}

		token, sess, err := auth.StartSession(ctx, st, u)
		if err != nil || len(token) < 40 || sess.CSRF == "" || sess.CSRF == token {
			t.Fatalf("session %q %+v %v", token, sess, err)
		}
		if got, _, err := auth.Resolve(ctx, st, token); err != nil || got.ID != u.ID {
			t.Fatalf("resolve: %v", err)
		}
		if _, _, err := auth.Resolve(ctx, st, token+"x"); err == nil {
			t.Fatal("a forged token resolved")
		}
		// Kept in use, the session lives to its 12-hour cap and no longer.
		for elapsed := time.Duration(0); elapsed < auth.SessionTTL-20*time.Minute; elapsed += 20 * time.Minute {
			*clock = clock.Add(20 * time.Minute)
			if _, _, err := auth.Resolve(ctx, st, token); err != nil {
				t.Fatalf("in use after %v: %v", elapsed, err)
			}
		}
		*clock = clock.Add(time.Hour)
		if _, _, err := auth.Resolve(ctx, st, token); err == nil {
			t.Fatal("an expired session resolved")
		}
		token, _, _ = auth.StartSession(ctx, st, u)
		if err := auth.EndSession(ctx, st, token); err != nil {
			t.Fatal(err)
		}
		if _, _, err := auth.Resolve(ctx, st, token); err == nil {
			t.Fatal("a logged-out session resolved")
		}

		in := store.UserInput{Username: "zhang", Role: auth.RoleClerk, OrgCode: "441481100", Disabled: true}
		if _, err := st.SaveUser(ctx, system, all(), in); err != nil {
			t.Fatal(err)
		}
		if _, err := auth.Login(ctx, st, "zhang", "Mediation-2025", actor); !errors.Is(err, auth.ErrDisabled) {
			t.Fatalf("disabled: %v", err)
		}
		if _, err := auth.Login(ctx, st, "zhang", "wrong", actor); !errors.Is(err, auth.ErrCredentials) {
			t.Fatalf("disabled, wrong password must not reveal the state: %v", err)
		}
	})
}

// TestLockoutByAccountAndAddress (issue 9 item 8): five wrong passwords from one address lock
// that address out of the account — answered in the words of a wrong password — while the
// holder still signs in from another; failures for names that do not exist are audited; an
// administrator lifts the lock.
func TestLockoutByAccountAndAddress(t *testing.T) {
	ctx := context.Background()
	eachStoreAt(t, func(t *testing.T, st *store.Store, clock *time.Time) {
		h, _ := auth.HashPassword("Mediation-2025")
		if _, err := st.SaveUser(ctx, system, all(), store.UserInput{Username: "admin", PasswordHash: h, Role: auth.RoleSysadmin}); err != nil {
			t.Fatal(err)
		}
		attacker := store.Actor{ClientAddr: "10.0.0.66"}
		holder := store.Actor{ClientAddr: "10.0.0.5"}
		for i := 0; i < auth.LockAfter; i++ {
			if _, err := auth.Login(ctx, st, "admin", "wrong-guess-1", attacker); !errors.Is(err, auth.ErrCredentials) {
				t.Fatalf("failure %d: %v", i+1, err)
			}
		}
		// Locked from the attacker's address: even the right password gets the same answer.
		if _, err := auth.Login(ctx, st, "admin", "Mediation-2025", attacker); err == nil || err.Error() != auth.ErrCredentials.Error() {
			t.Fatalf("right password from the locked address: %v", err)
		}
		// The holder, elsewhere, is not locked out.
		if _, err := auth.Login(ctx, st, "admin", "Mediation-2025", holder); err != nil {
			t.Fatalf("the holder from another address: %v", err)
		}
		if n := auditCount(t, st, "login.locked", "admin"); n != 1 {
			t.Errorf("login.locked entries: %d, want 1", n)
		}
		// Unknown names: counted and audited like any other failure.
		if _, err := auth.Login(ctx, st, "no-such-user", "guess-123456", attacker); !errors.Is(err, auth.ErrCredentials) {
			t.Fatal(err)
		}
		if n := auditCount(t, st, "login.failed", "no-such-user"); n != 1 {
			t.Errorf("failures for an unknown name in the audit trail: %d, want 1", n)
		}
		locked, err := st.LockedUsers(ctx, all())
		if err != nil || locked["admin"].IsZero() {
			t.Fatalf("accounts page does not see the lock: %v %v", locked, err)
		}
		if err := st.UnlockUser(ctx, system, all(), "admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := auth.Login(ctx, st, "admin", "Mediation-2025", attacker); err != nil {
			t.Fatalf("after the administrator's unlock: %v", err)
		}
		if n := auditCount(t, st, "user.unlock", "admin"); n != 1 {
			t.Errorf("user.unlock entries: %d", n)
		}
		// Without an unlock the lock ends by itself.
		for i := 0; i < auth.LockAfter; i++ {
			auth.Login(ctx, st, "admin", "wrong-guess-1", attacker)
		}
		*clock = clock.Add(auth.LockFor + time.Second)
		if _, err := auth.Login(ctx, st, "admin", "Mediation-2025", attacker); err != nil {
			t.Fatalf("after the lock ran out: %v", err)
		}
	})
}

// TestSessionIdleAndLimit (issue 9 item 9): a session unused for the idle timeout ends (the
// setting, 30 minutes by default); an account holds at most max_per_user sessions, the oldest
// ending first.
func TestSessionIdleAndLimit(t *testing.T) {
	ctx := context.Background()
	eachStoreAt(t, func(t *testing.T, st *store.Store, clock *time.Time) {
		h, _ := auth.HashPassword("Mediation-2025")
		u, err := st.SaveUser(ctx, system, all(), store.UserInput{Username: "zhang", PasswordHash: h, Role: auth.RoleClerk,
			OrgCode: "441481100", Kinds: []string{"mediation"}})
		if err != nil {
			t.Fatal(err)
		}
		token, _, _ := auth.StartSession(ctx, st, u)
		*clock = clock.Add(29 * time.Minute)
		if _, _, err := auth.Resolve(ctx, st, token); err != nil {
			t.Fatalf("29 minutes idle: %v", err)
		}
		*clock = clock.Add(31 * time.Minute)
		if _, _, err := auth.Resolve(ctx, st, token); err == nil || !strings.Contains(err.Error(), "30 分钟未操作") {
			t.Fatalf("31 minutes idle: %v, want the idle timeout", err)
		}
		if err := st.SaveSetting(ctx, system, all(), auth.SettingIdleMinutes, "60"); err != nil {
			t.Fatal(err)
		}
		token, _, _ = auth.StartSession(ctx, st, u)
		*clock = clock.Add(45 * time.Minute)
		if _, _, err := auth.Resolve(ctx, st, token); err != nil {
			t.Fatalf("45 minutes idle under a 60-minute setting: %v", err)
		}

		var tokens []string
		for i := 0; i < 4; i++ {
			*clock = clock.Add(time.Second)
			tk, _, err := auth.StartSession(ctx, st, u)
			if err != nil {
				t.Fatal(err)
			}
			tokens = append(tokens, tk)
		}
		if _, _, err := auth.Resolve(ctx, st, token); err == nil {
			t.Error("the oldest session outlived the limit of 3")
		}
		if _, _, err := auth.Resolve(ctx, st, tokens[0]); err == nil {
			t.Error("the 4th-newest session outlived the limit of 3")
		}
		for _, tk := range tokens[1:] {
			if _, _, err := auth.Resolve(ctx, st, tk); err != nil {
				t.Errorf("one of the newest three ended: %v", err)
			}
		}
		for key, bad := range map[string]string{auth.SettingIdleMinutes: "0", auth.SettingMaxSessions: "many"} {
			if auth.CheckSessionSetting(key, bad) == nil {
				t.Errorf("%s=%s accepted", key, bad)
			}
		}
	})
}

func auditCount(t *testing.T, st *store.Store, action, target string) int {
	t.Helper()
	entries, _, err := st.Audit(context.Background(), all(), store.AuditFilter{Action: action, Target: target, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

var system = store.Actor{Name: "system:test"}

func all() store.Scope {
	return store.SystemAll()
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	return seed(t, openAt(t, "sqlite:"+filepath.Join(t.TempDir(), "a.db"), nil))
}

// eachStoreAt runs fn on SQLite and, when FAZHI_TEST_POSTGRES is set, PostgreSQL, each store on
// a clock the test moves.
func eachStoreAt(t *testing.T, fn func(t *testing.T, st *store.Store, clock *time.Time)) {
	urls := map[string]func(t *testing.T) string{"sqlite": func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "a.db") }}
	if pg := os.Getenv(storetest.EnvPostgres); pg != "" {
		urls["postgres"] = func(t *testing.T) string { return storetest.EmptyPostgres(t, pg) }
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		url, ok := urls[engine]
		if !ok {
			continue
		}
		t.Run(engine, func(t *testing.T) {
			clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			st := seed(t, openAt(t, url(t), func() time.Time { return clock }))
			fn(t, st, &clock)
		})
	}
}

func openAt(t *testing.T, url string, now func() time.Time) *store.Store {
	t.Helper()
	key := make([]byte, 32)
	rand.Read(key)
	st, err := store.Open(context.Background(), url, store.Options{Key: key, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func seed(t *testing.T, st *store.Store) *store.Store {
	t.Helper()
	if _, err := st.ImportOrgs(context.Background(), system, all(), []store.OrgInput{
		{Code: "441481", Name: "兴宁市", Type: "县级市"},
		{Code: "441481100", Name: "甲镇", Type: "镇", ParentCode: "441481"},
	}); err != nil {
		t.Fatal(err)
	}
	return st
}
