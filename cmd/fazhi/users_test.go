package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// TestUserBreakGlass: at the shell, `fazhi user add`/`passwd` of an account with case access
// still work — the operator holds the database and its key, so this is the emergency path of
// 三员分立 — but they say that the approval was skipped, and the audit entry records it.
func TestUserBreakGlass(t *testing.T) {
	dir := t.TempDir()
	code, out := fazhi(t, dir, "user", "add", "zhang", "--role", "leader", "--scope", "all")
	if code != 0 || !strings.Contains(out, "紧急通道") || !strings.Contains(out, "新建局领导账号") {
		t.Fatalf("user add: %d %s", code, out)
	}
	if code, out := fazhi(t, dir, "user", "passwd", "zhang"); code != 0 || !strings.Contains(out, "紧急通道") {
		t.Fatalf("user passwd: %d %s", code, out)
	}
	if code, out := fazhi(t, dir, "user", "add", "ops", "--role", "sysadmin"); code != 0 || strings.Contains(out, "紧急通道") {
		t.Fatalf("a system administrator needs no approval: %d %s", code, out)
	}
	if code, out := fazhi(t, dir, "user", "unlock", "zhang"); code != 0 || !strings.Contains(out, "已解除") {
		t.Fatalf("user unlock: %d %s", code, out)
	}
	key, err := loadKey("", "sqlite:"+filepath.Join(dir, "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(dir, "f.db"), store.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, _ := st.UserByName(context.Background(), "zhang")
	if u.DataScope != store.DataAll {
		t.Errorf("user passwd changed the data scope to %q", u.DataScope)
	}
	for _, action := range []string{"user.create", "user.update"} {
		entries, _, err := st.Audit(context.Background(), store.SystemAll(), store.AuditFilter{Action: action, Target: "zhang"})
		if err != nil || len(entries) != 1 || !strings.Contains(entries[0].After, "without_approval") {
			t.Errorf("%s of zhang is not audited as without approval: %v %v", action, entries, err)
		}
	}
}
