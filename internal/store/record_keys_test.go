package store_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// The keyed hashes of protected values live in record_keys, never in a record's attributes:
// exports, the API and the free-text search see none, while an exact number still finds its
// record and the audit trail still tells a changed number by its hash.
func TestKeyedHashesKeptApart(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		r, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("K-1", "441481100201-T", "2024-03-05"))
		if err != nil {
			t.Fatal(err)
		}
		v := r.Values
		v["party_phone"] = "13900001111"
		if r, err = s.UpdateRecord(ctx, admin, all(), r.ID, r.Version, v); err != nil {
			t.Fatal(err)
		}
		for k := range r.Values {
			if strings.HasPrefix(k, "_") {
				t.Errorf("the record's values carry %s", k)
			}
		}
		entries, _, err := s.Audit(ctx, all(), store.AuditFilter{Action: "record.update"})
		if err != nil || len(entries) != 1 {
			t.Fatalf("audit %v %v", entries, err)
		}
		before, after := auditedPhone(t, entries[0].Before), auditedPhone(t, entries[0].After)
		if !strings.HasPrefix(before, "hmac:") || len(before) < 20 || before == after || strings.Contains(entries[0].After, "13900001111") {
			t.Errorf("audit keeps the number as %q → %q", before, after)
		}
		for text, want := range map[string]int{"13900001111": 1, "13812345678": 0, "1390000": 0, strings.TrimPrefix(after, "hmac:")[:8]: 0} {
			_, n, err := s.List(ctx, all(), store.Filter{Query: store.Query{Kind: "mediation", Text: text}})
			if err != nil || n != want {
				t.Errorf("search %q: %d records (%v), want %d", text, n, err, want)
			}
		}
		path := filepath.Join(t.TempDir(), "backup")
		if err := s.Backup(ctx, path); err != nil {
			t.Fatal(err)
		}
		attrs, keys := backedUp(t, path)
		if len(attrs) != 1 || strings.Contains(attrs[0], "_h_") || strings.Contains(attrs[0], strings.TrimPrefix(after, "hmac:")) {
			t.Errorf("attributes as stored: %v", attrs)
		}
		if keys != 1 {
			t.Errorf("record_keys rows in the backup: %d, want 1", keys)
		}
		// The backup restores with its hashes: the number still finds the record.
		restored := storetest.SQLite(t)
		if _, err := restored.Restore(ctx, path); err != nil {
			t.Fatal(err)
		}
		if _, n, err := restored.List(ctx, all(), store.Filter{Query: store.Query{Kind: "mediation", Text: "13900001111"}}); err != nil || n != 1 {
			t.Errorf("after restore, search by number: %d %v", n, err)
		}
	})
}

// A database (or a backup) from before record_keys kept the hashes inside attrs as `_h_<field>`:
// restoring it, or opening it (migrations 4 and 5), moves them out.
func TestLegacyKeyedHashesMoved(t *testing.T) {
	ctx := context.Background()
	old := filepath.Join(t.TempDir(), "old.db")
	s, err := store.Open(ctx, "sqlite:"+old, store.Options{Key: storetest.Key})
	if err != nil {
		t.Fatal(err)
	}
	seedOrgs(t, s)
	if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("L-1", "441481100201-T", "2024-03-05")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+old)
	if err != nil {
		t.Fatal(err)
	}
	var mac string
	for _, q := range []string{
		`SELECT mac FROM record_keys`,
		`UPDATE records SET attrs = json_set(attrs, '$._h_party_phone', ?)`,
		`DROP TABLE record_keys`,
		// Undo migration 6 too, so that the file is a version-3 database throughout.
		`DROP TABLE login_failures`,
		`DROP TABLE access_requests`,
		`ALTER TABLE sessions DROP COLUMN last_seen`,
		`DROP INDEX records_assignee`, // and migration 7
		`ALTER TABLE records DROP COLUMN assignee`,
		`ALTER TABLE clocks DROP COLUMN provisional_on`, // and migration 8
		`ALTER TABLE orgs DROP COLUMN founded_on`,       // and migration 9
		`DROP TABLE comment_feedback`,                   // and migration 10
		`DROP TABLE public_comments`,
		`DROP INDEX clocks_open`,          // and migration 11 (its other two indexes it drops and makes again)
		`DROP INDEX records_kind_updated`, // and migration 12 (13 and 14 make nothing on SQLite)
		`DROP TABLE tallies`,              // and migration 16
		`DROP TABLE tally_measures`,
		`DROP TABLE holder_spans`,      // and migration 17
		`DROP TABLE certificate_flags`, // and 18
		`DROP TABLE officer_exits`,     // and 19
		`UPDATE schema_version SET version = 3`,
	} {
		if strings.HasPrefix(q, "SELECT") {
			err = db.QueryRowContext(ctx, q).Scan(&mac)
		} else {
			_, err = db.ExecContext(ctx, q, mac)
		}
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	found := func(t *testing.T, s *store.Store) {
		t.Helper()
		recs, n, err := s.List(ctx, all(), store.Filter{Query: store.Query{Kind: "mediation", Text: "13812345678"}})
		if err != nil || n != 1 {
			t.Fatalf("search by number: %d %v", n, err)
		}
		for k := range recs[0].Values {
			if strings.HasPrefix(k, "_") {
				t.Errorf("values carry %s", k)
			}
		}
		path := filepath.Join(t.TempDir(), "after")
		if err := s.Backup(ctx, path); err != nil {
			t.Fatal(err)
		}
		if attrs, keys := backedUp(t, path); keys != 1 || strings.Contains(attrs[0], "_h_") {
			t.Errorf("after the move: attrs %v, %d keyed hashes", attrs, keys)
		}
	}
	each(t, func(t *testing.T, s *store.Store) {
		if _, err := s.Restore(ctx, old); err != nil {
			t.Fatal(err)
		}
		found(t, s)
	})
	t.Run("open", func(t *testing.T) {
		s, err := store.Open(ctx, "sqlite:"+old, store.Options{Key: storetest.Key})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if s.Version() != store.SchemaVersion() {
			t.Fatalf("schema %d", s.Version())
		}
		found(t, s)
	})
}

func auditedPhone(t *testing.T, data string) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		t.Fatalf("audit data %q: %v", data, err)
	}
	s, _ := v["party_phone"].(string)
	return s
}

// backedUp reads a backup of either format: the records' attributes as stored and the number of
// keyed hashes.
func backedUp(t *testing.T, path string) (attrs []string, keys int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil { // not gzip: a SQLite file
		db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(`SELECT attrs FROM records ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var a string
			rows.Scan(&a)
			attrs = append(attrs, a)
		}
		if err := db.QueryRow(`SELECT COUNT(*) FROM record_keys`).Scan(&keys); err != nil {
			t.Fatal(err)
		}
		return attrs, keys
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var l struct {
			T string         `json:"t"`
			R map[string]any `json:"r"`
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		switch l.T {
		case "records":
			a, _ := l.R["attrs"].(string)
			attrs = append(attrs, a)
		case "record_keys":
			keys++
		}
	}
	return attrs, keys
}
