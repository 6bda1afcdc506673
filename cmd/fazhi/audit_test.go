package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// deployment is a database and the folder of its keys, on one engine.
type deployment struct {
	dir, url string
}

// deployments are a fresh one per engine available (PostgreSQL when FAZHI_TEST_POSTGRES is set).
func deployments(t *testing.T) map[string]deployment {
	out := map[string]deployment{}
	for _, engine := range engines() {
		out[engine] = newDeployment(t, engine)
	}
	return out
}

func engines() []string {
	if os.Getenv(storetest.EnvPostgres) != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// newDeployment is an empty database of the engine with a folder of its own for the keys.
func newDeployment(t *testing.T, engine string) deployment {
	dir := t.TempDir()
	if engine == "postgres" {
		return deployment{dir, storetest.EmptyPostgres(t, os.Getenv(storetest.EnvPostgres))}
	}
	return deployment{dir, "sqlite:" + filepath.Join(dir, "f.db")}
}

// open opens the deployment's store as the commands do, with both its keys.
func (d deployment) open(t *testing.T) *store.Store {
	t.Helper()
	e := &env{dbURL: d.url, keyFile: filepath.Join(d.dir, "secret.key")}
	st, err := e.open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// run runs the command on the deployment, its keys in its folder.
func (d deployment) run(args ...string) (int, string) {
	var out, errOut bytes.Buffer
	full := append([]string{args[0], "--db", d.url, "--key-file", filepath.Join(d.dir, "secret.key")}, args[1:]...)
	code := run(context.Background(), full, &out, &errOut)
	return code, out.String() + errOut.String()
}

// exec changes the database behind the application's back, as someone with write access would.
func (d deployment) exec(t *testing.T, q string) {
	t.Helper()
	driver, dsn := "pgx", d.url
	if strings.HasPrefix(d.url, "sqlite:") {
		driver, dsn = "sqlite", "file:"+strings.TrimPrefix(d.url, "sqlite:")
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// `fazhi audit checkpoint` and `audit verify --checkpoint` (issue 9 item 5): the key file made
// beside secret.key, a checkpoint that verifies, a rewrite and a deleted tail each refused.
func TestAuditCheckpointCommands(t *testing.T) {
	for engine, d := range deployments(t) {
		t.Run(engine, func(t *testing.T) {
			for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
				if code, out := d.run("user", "add", name, "--role", "sysadmin"); code != 0 {
					t.Fatal(out)
				}
			}
			keyFile := filepath.Join(d.dir, "audit.key")
			info, err := os.Stat(keyFile)
			if err != nil || info.Mode().Perm() != 0o600 {
				t.Fatalf("audit.key: %v %v", info, err)
			}
			if b, _ := os.ReadFile(keyFile); !strings.HasPrefix(string(b), "hmac-sha256 ") {
				t.Fatalf("audit.key: %q", b)
			}
			cp := filepath.Join(d.dir, "head.json")
			if code, out := d.run("audit", "checkpoint", "--out", cp); code != 0 || !strings.Contains(out, "第7条") {
				t.Fatalf("checkpoint: %d %s", code, out)
			}
			if code, out := d.run("audit", "checkpoint", "--out", cp); code != 1 || !strings.Contains(out, "不会覆盖") {
				t.Fatalf("checkpoint over an existing file: %d %s", code, out)
			}
			if code, out := d.run("audit", "checkpoint"); code != 0 || !strings.Contains(out, `"seq":8`) {
				t.Fatalf("checkpoint to stdout: %d %s", code, out)
			}
			code, out := d.run("audit", "verify", "--checkpoint", cp)
			if code != 0 || !strings.HasPrefix(out, "ok 8\n") || !strings.Contains(out, "与检查点一致") {
				t.Fatalf("verify --checkpoint: %d %s", code, out)
			}
			if code, out := d.run("audit", "verify"); code != 0 || out != "ok 8\n" {
				t.Fatalf("verify: %d %q", code, out)
			}

			// The last entries deleted and the head moved back: the chain alone still verifies,
			// the checkpoint does not.
			d.exec(t, `DELETE FROM audit WHERE seq > 5`)
			d.exec(t, `UPDATE audit_head SET seq = 5, hash = (SELECT hash FROM audit WHERE seq = 5) WHERE id = 1`)
			if code, out := d.run("audit", "verify"); code != 0 {
				t.Fatalf("truncated chain alone: %d %s", code, out)
			}
			if code, out := d.run("audit", "verify", "--checkpoint", cp); code != 1 || !strings.Contains(out, "审计链被截断") {
				t.Fatalf("deleted tail: %d %s", code, out)
			}
			// A row rewritten without the key.
			d.exec(t, `UPDATE audit SET actor = 'someone-else' WHERE seq = 2`)
			if code, out := d.run("audit", "verify"); code != 1 || !strings.Contains(out, "第2条") {
				t.Fatalf("rewritten row: %d %s", code, out)
			}
			// A checkpoint file edited.
			b, _ := os.ReadFile(cp)
			os.WriteFile(cp+".edited", bytes.Replace(b, []byte(`"seq":7`), []byte(`"seq":3`), 1), 0o600)
			if code, out := d.run("audit", "verify", "--checkpoint", cp+".edited"); code != 1 || !strings.Contains(out, "签名无效") {
				t.Fatalf("edited checkpoint: %d %s", code, out)
			}
			if code, out := d.run("audit", "verify", "--checkpoint", keyFile); code != 1 || !strings.Contains(out, "不是审计检查点文件") {
				t.Fatalf("not a checkpoint: %d %s", code, out)
			}
		})
	}
}

// An older version's database: its unkeyed chain is sealed by the first run that makes the
// key, and keeps verifying; `audit key --alg hmac-sm3` makes a 国密 key and refuses to replace one.
func TestAuditKeyUpgrade(t *testing.T) {
	for engine, d := range deployments(t) {
		t.Run(engine, func(t *testing.T) {
			key, err := loadKey(filepath.Join(d.dir, "secret.key"), d.url)
			if err != nil {
				t.Fatal(err)
			}
			old, err := store.Open(context.Background(), d.url, store.Options{Key: key}) // no audit key
			if err != nil {
				t.Fatal(err)
			}
			for _, code := range []string{"1", "2", "3"} {
				if _, err := old.SaveOrg(context.Background(), operator("test"), system(), store.OrgInput{Code: code, Name: "单位" + code, Type: "县级市"}, 0); err != nil {
					t.Fatal(err)
				}
			}
			old.Close()
			if code, out := d.run("audit", "key", "--alg", "sm4"); code != 2 || !strings.Contains(out, "hmac-sm3") {
				t.Fatalf("unknown algorithm: %d %s", code, out)
			}
			if code, out := d.run("audit", "key", "--alg", "hmac-sm3"); code != 0 || !strings.Contains(out, "hmac-sm3") {
				t.Fatalf("audit key: %d %s", code, out)
			}
			if code, out := d.run("audit", "key"); code != 1 || !strings.Contains(out, "不会覆盖") {
				t.Fatalf("audit key again: %d %s", code, out)
			}
			if code, out := d.run("audit", "verify"); code != 0 || out != "ok 4\n" {
				t.Fatalf("sealed old chain: %d %q", code, out)
			}
			if code, out := d.run("audit", "seal"); code != 1 || !strings.Contains(out, "无需封存") {
				t.Fatalf("seal a keyed chain: %d %s", code, out)
			}
			if code, out := d.run("audit", "checkpoint"); code != 0 || !strings.Contains(out, `"alg":"hmac-sm3"`) {
				t.Fatalf("sm3 checkpoint: %d %s", code, out)
			}
		})
	}
}
