package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"
)

// What the external tests of migrations, indexes and backups need to see of the insides.

// DB is the store's connection pool, for tests that inspect the schema itself.
func (s *Store) DB() *sql.DB { return s.db }

// Tx is the migration transaction a Go data migration receives.
type Tx = tx

// Exec runs a statement with portable `?` placeholders.
func (t *tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.exec(ctx, q, args...)
}

// MigrateWithGoStep migrates s through the shipped migrations followed by step, as a later
// release that appends a Go data migration would.
func (s *Store) MigrateWithGoStep(ctx context.Context, step func(context.Context, *Tx) error) (int, error) {
	list := append(append([]any{}, migrations...), dataMigration(step))
	return s.migrateWith(ctx, list)
}

// HotIndexName is the name of the index of a kind's hot JSON field.
func HotIndexName(kind, key string) string { return hotIndexName(kind, key) }

// SyncHotIndexes brings the hot-field indexes in line with the declarations, as Open does.
func (s *Store) SyncHotIndexes(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return s.syncHotIndexes(ctx, conn)
}

// HotIndexes lists the hot-field indexes the database has.
func (s *Store) HotIndexes(ctx context.Context) (names []string, err error) {
	err = s.inTx(ctx, func(t *tx) error {
		names, err = t.hotIndexNames(ctx)
		return err
	})
	sort.Strings(names)
	return names, err
}

// ExplainList returns the engine's plan for the SELECT that List runs for q.
func (s *Store) ExplainList(ctx context.Context, sc Scope, q Query) (string, error) {
	w, args, _, err := s.where(ctx, sc, q)
	if err != nil {
		return "", err
	}
	return s.explain(ctx, `SELECT r.id FROM records r JOIN orgs o ON o.id = r.org_id WHERE `+w, args)
}

// explain returns the engine's plan for a query.
func (s *Store) explain(ctx context.Context, sel string, args []any) (string, error) {
	sqlite := s.d.name() == "sqlite"
	explain := "EXPLAIN "
	if sqlite {
		explain = "EXPLAIN QUERY PLAN "
	}
	// A few rows make a sequential scan the cheapest plan; the question is whether the index
	// can serve the filter, so PostgreSQL is told to avoid the scan when it has another way.
	var lines []string
	err := s.inTx(ctx, func(t *tx) error {
		if !sqlite {
			if _, err := t.exec(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
				return err
			}
		}
		rows, err := t.query(ctx, explain+sel, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var line string
			var id, parent, notUsed int
			if sqlite {
				err = rows.Scan(&id, &parent, &notUsed, &line)
			} else {
				err = rows.Scan(&line)
			}
			if err != nil {
				return err
			}
			lines = append(lines, line)
		}
		return rows.Err()
	})
	return strings.Join(lines, "\n"), err
}

// BackupTables are the tables a backup carries, with their columns; NotBackedUp the ones it
// leaves out on purpose.
func BackupTables() map[string][]string {
	out := map[string][]string{}
	for _, t := range tables {
		out[t.name] = t.cols
	}
	return out
}

func NotBackedUp() map[string]string { return notBackedUp }

// ForgeAuditHash is the hash someone rewriting the audit table would compute for e: keyed with
// key (the store's or any other), or the unkeyed SHA-256 of old when key is nil.
func ForgeAuditHash(key *AuditKey, e AuditEntry) string {
	if key == nil {
		return legacyHash(e)
	}
	return key.mac(key.entry, entryFields(e)...)
}

// BackupMetaTable is the table of key fingerprints a SQLite backup adds to the live schema.
const BackupMetaTable = backupMetaTable

// SetImportRowByRow makes s import each row alone, the path before batching, so that a test can
// compare what the batched path writes with it.
func (s *Store) SetImportRowByRow(on bool) { s.importRowByRow = on }

// ExplainFirstPage returns the engine's plan for the first page of a list of q sorted by the
// field sort (its column or JSON text), as List reads it without a cursor.
func (s *Store) ExplainFirstPage(ctx context.Context, sc Scope, q Query, sort string, desc bool) (string, error) {
	w, args, kind, err := s.where(ctx, sc, q)
	if err != nil {
		return "", err
	}
	order, _, err := s.fieldExpr(kind, sort)
	if err != nil {
		return "", err
	}
	return s.explain(ctx, offsetPageSQL(`SELECT r.id FROM records r JOIN orgs o ON o.id = r.org_id WHERE `+w, order, desc),
		append(args, 21, 0))
}
