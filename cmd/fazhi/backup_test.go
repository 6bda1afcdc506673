package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// `fazhi restore` refuses a backup made under another secret.key, with the fingerprints and the
// way out; `--without-key` restores it and says what stays unreadable (issue 9 item 7).
func TestRestoreRefusesAnotherKeyCommand(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			src := newDeployment(t, engine)
			withPhones(t, src, 2)
			backup := filepath.Join(t.TempDir(), "backup")
			if code, out := src.run("backup", "--out", backup); code != 0 || !strings.Contains(out, "加密密钥指纹") {
				t.Fatalf("backup: %d %s", code, out)
			}

			other := newDeployment(t, engine)
			code, out := other.run("restore", backup)
			if code != 1 || !strings.Contains(out, "secret.key") || !strings.Contains(out, "--without-key") || !strings.Contains(out, "无法解密") {
				t.Fatalf("restore under another key: %d %s", code, out)
			}
			code, out = other.run("restore", "--without-key", backup)
			if code != 0 || !strings.Contains(out, "2 条记录") || !strings.Contains(out, "当事人联系电话") || !strings.Contains(out, "无法校验") {
				t.Fatalf("restore --without-key: %d %s", code, out)
			}

			// With the original keys in place, the restore is whole.
			same := newDeployment(t, engine)
			for _, f := range []string{"secret.key", "audit.key"} {
				b, _ := os.ReadFile(filepath.Join(src.dir, f))
				os.WriteFile(filepath.Join(same.dir, f), b, 0o600)
			}
			if code, out := same.run("restore", backup); code != 0 || !strings.Contains(out, "审计链完好") || strings.Contains(out, "无法解密") {
				t.Fatalf("restore with its keys: %d %s", code, out)
			}
		})
	}
}

// withPhones writes n mediation records with a phone number into the deployment.
func withPhones(t *testing.T, d deployment, n int) {
	t.Helper()
	ctx := context.Background()
	st := d.open(t)
	defer st.Close()
	if _, err := st.ImportOrgs(ctx, operator("test"), system(), []store.OrgInput{
		{Code: "441481", Name: "兴宁市", Type: "县级市"},
		{Code: "441481-T", Name: "兴宁市人民调解委员会", Type: "人民调解委员会", ParentCode: "441481"},
	}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		v := law.Values{"code": "P-" + string(rune('A'+i)), "committee": "441481-T", "accepted_on": "2024-02-01",
			"dispute_type": "邻里", "parties": []string{"张三"}, "party_phone": "13812345678"}
		if _, err := st.CreateRecord(ctx, operator("test"), system(), "mediation", v); err != nil {
			t.Fatal(err)
		}
	}
}
