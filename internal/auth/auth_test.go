package auth_test

import (
	"context"
	"crypto/rand"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/store"
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
	if auth.RoleLabel("leader") != "局领导" || auth.RoleLabel("x") != "未知角色" || len(auth.Roles()) != 4 {
		t.Error("role labels")
	}
}

func TestLoginAndSessions(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	st := openStoreAt(t, func() time.Time { return now })
	h, _ := auth.HashPassword("Mediation-2025")
	if _, err := st.SaveUser(ctx, system, all(), store.UserInput{Username: "zhang", PasswordHash: h, Role: auth.RoleClerk,
		OrgCode: "441481100", Kinds: []string{"mediation"}}); err != nil {
		t.Fatal(err)
	}
	actor := store.Actor{Name: "zhang", ClientAddr: "127.0.0.1"}
	if _, err := auth.Login(ctx, st, "nobody", "x", actor); !errors.Is(err, auth.ErrCredentials) {
		t.Fatalf("unknown user: %v", err)
	}
	for i := 0; i < auth.LockAfter-1; i++ {
		if _, err := auth.Login(ctx, st, "zhang", "wrong", actor); !errors.Is(err, auth.ErrCredentials) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	var locked *auth.LockedError
	if _, err := auth.Login(ctx, st, "zhang", "wrong", actor); !errors.As(err, &locked) {
		t.Fatalf("5th failure: %v", err)
	}
	if _, err := auth.Login(ctx, st, "zhang", "Mediation-2025", actor); !errors.As(err, &locked) {
		t.Fatalf("right password while locked: %v", err)
	}
	now = now.Add(auth.LockFor + time.Second)
	u, err := auth.Login(ctx, st, "zhang", "Mediation-2025", actor)
	if err != nil {
		t.Fatalf("after the lock: %v", err)
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
	now = now.Add(auth.SessionTTL + time.Minute)
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
}

var system = store.Actor{Name: "system:test"}

func all() store.Scope {
	return store.SystemAll()
}

func openStore(t *testing.T) *store.Store { return openStoreAt(t, nil) }

func openStoreAt(t *testing.T, now func() time.Time) *store.Store {
	t.Helper()
	key := make([]byte, 32)
	rand.Read(key)
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "a.db"), store.Options{Key: key, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.ImportOrgs(context.Background(), system, all(), []store.OrgInput{
		{Code: "441481", Name: "兴宁市", Type: "县级市"},
		{Code: "441481100", Name: "甲镇", Type: "镇", ParentCode: "441481"},
	}); err != nil {
		t.Fatal(err)
	}
	return st
}
