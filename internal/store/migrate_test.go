package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// schemaVersion reads the recorded version, and how many rows record it (one, always).
func schemaVersion(t *testing.T, db *sql.DB) (version, rows int) {
	t.Helper()
	if err := db.QueryRow(`SELECT MAX(version), COUNT(*) FROM schema_version`).Scan(&version, &rows); err != nil {
		t.Fatal(err)
	}
	return version, rows
}

func setting(t *testing.T, db *sql.DB, key string) (string, bool) {
	t.Helper()
	var v string
	err := db.QueryRow(`SELECT value FROM settings WHERE key = '` + key + `'`).Scan(&v)
	if err == sql.ErrNoRows {
		return "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	return v, true
}

// A Go data migration appended to the list runs once, in order, inside a transaction, and is
// counted like an SQL one; one that fails leaves neither its writes nor a version bump behind.
func TestGoDataMigration(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		for _, code := range []string{"G-1", "G-2", "G-3"} {
			if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation(code, "441481100201-T", "2024-05-06")); err != nil {
				t.Fatal(err)
			}
		}
		// The failing step first: it writes, then refuses.
		_, err := s.MigrateWithGoStep(ctx, func(ctx context.Context, tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)`, "test.broken", "x", "now"); err != nil {
				return err
			}
			return fmt.Errorf("数据不一致")
		})
		want := fmt.Sprintf("数据库迁移 %d 失败: 数据不一致", store.SchemaVersion()+1)
		if err == nil || err.Error() != want {
			t.Fatalf("failing step: %v, want %q", err, want)
		}
		if v, _ := schemaVersion(t, s.DB()); v != store.SchemaVersion() {
			t.Fatalf("version after a failed step %d, want %d", v, store.SchemaVersion())
		}
		if _, ok := setting(t, s.DB(), "test.broken"); ok {
			t.Fatal("the failed step's write was kept")
		}

		runs := 0
		step := func(ctx context.Context, tx *store.Tx) error {
			runs++
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM records WHERE kind = 'mediation'`).Scan(&n); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)`, "test.migrated", fmt.Sprint(n), "now")
			return err
		}
		for i := 0; i < 2; i++ { // the second start finds it applied
			v, err := s.MigrateWithGoStep(ctx, step)
			if err != nil || v != store.SchemaVersion()+1 {
				t.Fatalf("start %d: version %d, %v", i+1, v, err)
			}
		}
		if runs != 1 {
			t.Fatalf("the step ran %d times", runs)
		}
		if v, rows := schemaVersion(t, s.DB()); v != store.SchemaVersion()+1 || rows != 1 {
			t.Fatalf("recorded version %d in %d rows", v, rows)
		}
		if n, _ := setting(t, s.DB(), "test.migrated"); n != "3" {
			t.Fatalf("the step saw %q records, want 3", n)
		}
	})
}

// freshDatabases yields the URL of an empty database of each engine available.
func freshDatabases(t *testing.T) map[string]string {
	out := map[string]string{"sqlite": "sqlite:" + filepath.Join(t.TempDir(), "fresh.db")}
	if url := os.Getenv(storetest.EnvPostgres); url != "" {
		out["postgres"] = storetest.EmptyPostgres(t, url)
	}
	return out
}

// Servers starting together on one empty database all come up, and the migrations are applied
// once: without the lock they race on CREATE TABLE and on schema_version.
func TestConcurrentStartsMigrateOnce(t *testing.T) {
	for engine, url := range freshDatabases(t) {
		t.Run(engine, func(t *testing.T) {
			const servers = 4
			stores := make([]*store.Store, servers)
			errs := make([]error, servers)
			var wg sync.WaitGroup
			for i := range servers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					stores[i], errs[i] = store.Open(context.Background(), url, store.Options{Key: storetest.Key})
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("server %d: %v", i+1, err)
				}
				defer stores[i].Close()
				if stores[i].Version() != store.SchemaVersion() {
					t.Fatalf("server %d at version %d", i+1, stores[i].Version())
				}
			}
			if v, rows := schemaVersion(t, stores[0].DB()); v != store.SchemaVersion() || rows != 1 {
				t.Fatalf("recorded version %d in %d rows", v, rows)
			}
			var heads int // migration 1 inserts the audit chain's single head row
			if err := stores[0].DB().QueryRow(`SELECT COUNT(*) FROM audit_head`).Scan(&heads); err != nil || heads != 1 {
				t.Fatalf("audit_head rows %d, %v", heads, err)
			}
		})
	}
}

// A database left by a newer fazhi is refused rather than run by code that does not know it.
func TestNewerSchemaRefused(t *testing.T) {
	for engine, url := range freshDatabases(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			s, err := store.Open(ctx, url, store.Options{Key: storetest.Key})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.DB().Exec(`UPDATE schema_version SET version = version + 1`); err != nil {
				t.Fatal(err)
			}
			s.Close()
			_, err = store.Open(ctx, url, store.Options{Key: storetest.Key})
			if err == nil || !strings.Contains(err.Error(), "高于本程序支持的") {
				t.Fatalf("opening a newer schema: %v", err)
			}
		})
	}
}
