package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is the small seam between SQLite and PostgreSQL: placeholders, column types in
// migrations, JSON access and a handful of expressions. Everything else is portable SQL.
type dialect interface {
	name() string
	// rebind turns the portable `?` placeholders into the driver's own.
	rebind(query string) string
	// jsonText extracts attrs' key as text (NULL when absent).
	jsonText(col, key string) string
	// jsonListHas is a predicate: attrs' key is a JSON array containing the bound value.
	jsonListHas(col, key string) string
	// jsonListItems is a FROM-clause item (joined after the records table) yielding one row per
	// element of the JSON array at key, and the expression of that element.
	jsonListItems(col, key, alias string) (from, item string)
	// jsonTextWithout is the attrs column as text with the given keys left out (free-text
	// search must not look into sealed values).
	jsonTextWithout(col string, keys []string) string
	// types fills the migration templates.
	types() map[string]string
	// lockMigrations makes conn the only one migrating this database until unlock is called.
	lockMigrations(ctx context.Context, conn *sql.Conn) (unlock func(), err error)
	// indexNames lists the names of the indexes on a table (bound as the one parameter).
	indexNames() string
	// bytewise is the text column col compared byte by byte, as the org-path index orders it.
	bytewise(col string) string
	// uniqueViolation reports whether err is a unique-constraint violation and, where the
	// driver says, the constraint's name.
	uniqueViolation(err error) (constraint string, ok bool)
}

type sqliteDialect struct{}

func (sqliteDialect) name() string           { return "sqlite" }
func (sqliteDialect) rebind(q string) string { return q }
func (sqliteDialect) jsonText(col, key string) string {
	return fmt.Sprintf("json_extract(%s, '$.%s')", col, key)
}
func (sqliteDialect) jsonListHas(col, key string) string {
	return fmt.Sprintf("EXISTS (SELECT 1 FROM json_each(%s, '$.%s') WHERE value = ?)", col, key)
}
func (sqliteDialect) jsonListItems(col, key, alias string) (string, string) {
	return fmt.Sprintf("json_each(%s, '$.%s') AS %s", col, key, alias), alias + ".value"
}
func (sqliteDialect) jsonTextWithout(col string, keys []string) string {
	if len(keys) == 0 {
		return col
	}
	paths := make([]string, len(keys))
	for i, k := range keys {
		paths[i] = "'$." + k + "'"
	}
	return fmt.Sprintf("json_remove(%s, %s)", col, strings.Join(paths, ", "))
}
func (sqliteDialect) types() map[string]string {
	return map[string]string{
		"{{id}}":   "INTEGER PRIMARY KEY AUTOINCREMENT",
		"{{json}}": "TEXT",
		"{{blob}}": "BLOB",
		"{{bool}}": "INTEGER",
	}
}

// SQLite needs no lock of its own: migrations run in immediate transactions, which take the
// write lock at BEGIN, and each one re-reads the version inside it.
func (sqliteDialect) lockMigrations(context.Context, *sql.Conn) (func(), error) {
	return func() {}, nil
}
func (sqliteDialect) bytewise(col string) string { return col } // BINARY, the column's own

func (sqliteDialect) indexNames() string {
	return `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`
}

// The driver's extended result code, not its message: SQLITE_CONSTRAINT_UNIQUE. SQLite does not
// name the constraint.
func (sqliteDialect) uniqueViolation(err error) (string, bool) {
	var e *sqlite.Error
	return "", errors.As(err, &e) && e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}

type postgresDialect struct{}

func (postgresDialect) name() string { return "postgres" }
func (postgresDialect) rebind(q string) string {
	var b strings.Builder
	n := 0
	inQuote := false
	for _, r := range q {
		switch {
		case r == '\'':
			inQuote = !inQuote
			b.WriteRune(r)
		case r == '?' && !inQuote:
			n++
			b.WriteString("$" + strconv.Itoa(n))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
func (postgresDialect) jsonText(col, key string) string {
	return fmt.Sprintf("(%s->>'%s')", col, key)
}
func (postgresDialect) jsonListHas(col, key string) string {
	return fmt.Sprintf("(%s->'%s') @> jsonb_build_array(?::text)", col, key)
}
func (postgresDialect) jsonListItems(col, key, alias string) (string, string) {
	return fmt.Sprintf("LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(%[1]s->'%[2]s') = 'array' THEN %[1]s->'%[2]s' ELSE '[]'::jsonb END) AS %[3]s(item)", col, key, alias),
		alias + ".item"
}

func (postgresDialect) jsonTextWithout(col string, keys []string) string {
	e := col
	for _, k := range keys {
		e += " - '" + k + "'"
	}
	return "CAST(" + e + " AS TEXT)"
}

// migrationLockKey is the advisory lock key migrations hold ("fazhi" in ASCII). Advisory locks
// are per database, so servers on other databases of the same cluster do not wait on it.
const migrationLockKey = 0x66617a6869

// A session-level advisory lock, held on conn across all the steps (each has its own
// transaction) and released by unlock or, if the process dies, by the session ending.
func (postgresDialect) lockMigrations(ctx context.Context, conn *sql.Conn) (func(), error) {
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLockKey); err != nil {
		return nil, err
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLockKey)
	}, nil
}

// The database's collation may order '/' among the digits any way it likes (or ignore it): "C"
// is the byte order that the range of a subtree and the index orgs_path_bytes both assume.
func (postgresDialect) bytewise(col string) string { return col + ` COLLATE "C"` }

func (postgresDialect) indexNames() string {
	return `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`
}

// pgUniqueViolation is SQLSTATE 23505, unique_violation.
const pgUniqueViolation = "23505"

// The SQLSTATE, with the constraint PostgreSQL names.
func (postgresDialect) uniqueViolation(err error) (string, bool) {
	var e *pgconn.PgError
	if errors.As(err, &e) && e.Code == pgUniqueViolation {
		return e.ConstraintName, true
	}
	return "", false
}

func (postgresDialect) types() map[string]string {
	return map[string]string{
		"{{id}}":   "BIGSERIAL PRIMARY KEY",
		"{{json}}": "JSONB",
		"{{blob}}": "BYTEA",
		"{{bool}}": "INTEGER",
	}
}
