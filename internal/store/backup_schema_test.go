package store_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// liveSchema reads every table of a database and its columns (sorted) from the engine's
// catalogue, leaving out SQLite's own tables.
func liveSchema(t *testing.T, db *sql.DB, engine string) map[string][]string {
	t.Helper()
	q := `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	if engine == "postgres" {
		q = `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema()`
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		out[table] = append(out[table], col)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, cols := range out {
		sort.Strings(cols)
	}
	return out
}

func rowCounts(t *testing.T, db *sql.DB, tables map[string][]string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for table := range tables {
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

// Every table and column of the live schema is carried by a backup unless it is listed as left
// out on purpose: a migration that adds a table or a column the backup forgets fails here, on
// the engine it was written for.
func TestBackupCoversSchema(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		live := liveSchema(t, s.DB(), s.Dialect())
		backed := store.BackupTables()
		for table, cols := range live {
			if _, skipped := store.NotBackedUp()[table]; skipped {
				continue
			}
			want, ok := backed[table]
			if !ok {
				t.Errorf("table %s is in the schema but not in the backup (backup.go tables, or notBackedUp with a reason)", table)
				continue
			}
			want = slices.Sorted(slices.Values(want))
			if !slices.Equal(cols, want) {
				t.Errorf("table %s: schema has columns %v, the backup carries %v", table, cols, want)
			}
		}
		for table := range backed {
			if _, ok := live[table]; !ok {
				t.Errorf("the backup names table %s, which the schema does not have", table)
			}
		}
		for table := range store.NotBackedUp() {
			if _, ok := live[table]; !ok {
				t.Errorf("notBackedUp names table %s, which the schema does not have", table)
			}
		}
	})
}

// The backup file itself holds every backed-up table with all its rows: the SQLite copy has
// the live schema and row counts; the PostgreSQL dump has each table's rows, and none of a
// table left out.
func TestBackupFileHoldsEveryTable(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("BK-1", "441481100201-T", "2024-03-05")); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveSetting(ctx, admin, all(), "report.title", "兴宁市"); err != nil {
			t.Fatal(err)
		}
		live := liveSchema(t, s.DB(), s.Dialect())
		counts := rowCounts(t, s.DB(), live)
		out := filepath.Join(t.TempDir(), "backup")
		if err := s.Backup(ctx, out); err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		if s.Dialect() == "sqlite" {
			copyDB, err := sql.Open("sqlite", "file:"+out+"?mode=ro")
			if err != nil {
				t.Fatal(err)
			}
			defer copyDB.Close()
			copied := liveSchema(t, copyDB, "sqlite")
			for table, cols := range live {
				if !slices.Equal(copied[table], cols) {
					t.Errorf("table %s: live columns %v, the copy's %v", table, cols, copied[table])
				}
			}
			got = rowCounts(t, copyDB, copied)
		} else {
			got = dumpRowCounts(t, out)
			for table := range store.NotBackedUp() {
				if got[table] > 0 {
					t.Errorf("the dump carries %d rows of %s, which is left out on purpose", got[table], table)
				}
				delete(counts, table)
			}
		}
		for table, n := range counts {
			if got[table] != n {
				t.Errorf("table %s: %d rows live, %d in the backup", table, n, got[table])
			}
		}
		for table := range got {
			if _, ok := live[table]; !ok && table != store.BackupMetaTable {
				t.Errorf("the backup holds table %s, which the schema does not have", table)
			}
		}
		if counts["records"] == 0 || counts["audit"] == 0 {
			t.Fatalf("the seed wrote nothing: %v", counts)
		}
	})
}

// dumpRowCounts counts a portable dump's rows per table.
func dumpRowCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var line struct {
			Table string `json:"t"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		if line.Table != "" {
			out[line.Table]++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
