package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// A backup records its keys' fingerprints; a restore under another secret.key or audit.key is
// refused unless told WithoutKey, which then says what stays unreadable (issue 9 item 7). Each
// engine's backup format into each engine.

func backupOf(t *testing.T, s *store.Store, records int) string {
	t.Helper()
	ctx := context.Background()
	seedOrgs(t, s)
	for i := 0; i < records; i++ {
		if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation(fmt.Sprintf("K-%d", i), "441481100201-T", "2024-02-01")); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "backup")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// restoreTargets opens an empty store of each engine with options o.
func restoreTargets(t *testing.T, o store.Options) map[string]*store.Store {
	out := map[string]*store.Store{}
	for engine, url := range freshDatabases(t) {
		s, err := store.Open(context.Background(), url, o)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out[engine] = s
	}
	return out
}

func TestRestoreRefusesAnotherKey(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		backup := backupOf(t, s, 3)
		otherKey := []byte(strings.Repeat("k", 32))
		for engine, target := range restoreTargets(t, store.Options{Key: otherKey, AuditKey: storetest.AuditKey}) {
			_, err := target.Restore(ctx, backup)
			if store.ErrorCode(err) != store.ECONFLICT || !strings.Contains(store.ErrorMessageOr(err), "--without-key") ||
				!strings.Contains(store.ErrorMessageOr(err), store.KeyFingerprint(otherKey)) {
				t.Fatalf("%s → %s under another secret.key: %v", s.Dialect(), engine, err)
			}
			// Refused before writing anything: the same database then takes the backup when told.
			res, err := target.RestoreWith(ctx, backup, store.RestoreOptions{WithoutKey: true})
			if err != nil || res.UnreadableRecords != 3 || res.Unreadable["人民调解「当事人联系电话」"] != 3 {
				t.Fatalf("%s → %s --without-key: %+v %v", s.Dialect(), engine, res, err)
			}
			recs, _, err := target.List(ctx, all(), store.Filter{Query: store.Query{Kind: "mediation"}})
			if err != nil || len(recs) != 3 || recs[0].Values.Str("party_phone") != "（无法解密）" {
				t.Fatalf("restored without the key: %+v %v", recs, err)
			}
			if _, err := target.VerifyAudit(ctx); err != nil {
				t.Fatalf("the audit key matched, the chain should verify: %v", err)
			}
		}
		otherAudit, _ := store.NewAuditKey(store.AuditHMACSHA256, otherKey)
		for engine, target := range restoreTargets(t, store.Options{Key: storetest.Key, AuditKey: otherAudit}) {
			_, err := target.Restore(ctx, backup)
			if store.ErrorCode(err) != store.ECONFLICT || !strings.Contains(store.ErrorMessageOr(err), "audit.key") {
				t.Fatalf("%s → %s under another audit.key: %v", s.Dialect(), engine, err)
			}
			res, err := target.RestoreWith(ctx, backup, store.RestoreOptions{WithoutKey: true})
			if err != nil || !res.AuditOtherKey || res.UnreadableRecords != 0 {
				t.Fatalf("%s → %s --without-key: %+v %v", s.Dialect(), engine, res, err)
			}
		}
		// The same keys: restored whole, nothing unreadable.
		for engine, target := range restoreTargets(t, storetest.Options()) {
			res, err := target.RestoreWith(ctx, backup, store.RestoreOptions{})
			if err != nil || res.UnreadableRecords != 0 || res.AuditOtherKey {
				t.Fatalf("%s → %s with its keys: %+v %v", s.Dialect(), engine, res, err)
			}
		}
	})
}

// A backup from before fingerprints were recorded (here: a SQLite copy with its table dropped)
// is checked by trying its sealed values, and an unkeyed chain in it is sealed on restore.
func TestRestoreOldBackupProbesKey(t *testing.T) {
	ctx := context.Background()
	old, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "old.db"), store.Options{Key: storetest.Key})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	backup := backupOf(t, old, 2)
	db, err := sql.Open("sqlite", "file:"+backup)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DROP TABLE ` + store.BackupMetaTable); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for engine, target := range restoreTargets(t, store.Options{Key: []byte(strings.Repeat("k", 32)), AuditKey: storetest.AuditKey}) {
		_, err := target.Restore(ctx, backup)
		if store.ErrorCode(err) != store.ECONFLICT || !strings.Contains(store.ErrorMessageOr(err), "2 条记录") {
			t.Fatalf("→ %s: %v", engine, err)
		}
	}
	for engine, target := range restoreTargets(t, storetest.Options()) {
		res, err := target.RestoreWith(ctx, backup, store.RestoreOptions{})
		if err != nil || res.SealedLegacy == 0 {
			t.Fatalf("→ %s: %+v %v", engine, res, err)
		}
		if r, err := target.VerifyAuditChain(ctx); err != nil || r.Legacy != res.SealedLegacy {
			t.Fatalf("→ %s: the restored old chain: %+v %v", engine, r, err)
		}
	}
}
