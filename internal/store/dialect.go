package store

import (
	"fmt"
	"strconv"
	"strings"
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
	// types fills the migration templates.
	types() map[string]string
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
func (sqliteDialect) types() map[string]string {
	return map[string]string{
		"{{id}}":   "INTEGER PRIMARY KEY AUTOINCREMENT",
		"{{json}}": "TEXT",
		"{{blob}}": "BLOB",
		"{{bool}}": "INTEGER",
	}
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
func (postgresDialect) types() map[string]string {
	return map[string]string{
		"{{id}}":   "BIGSERIAL PRIMARY KEY",
		"{{json}}": "JSONB",
		"{{blob}}": "BYTEA",
		"{{bool}}": "INTEGER",
	}
}
