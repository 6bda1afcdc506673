package bench

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"
)

// Raw is a plain connection to the store's database for the lower bounds: hand-written SQL
// over the same tables, none of the store's code in between.
type Raw struct {
	db *sql.DB
	pg bool
}

// OpenRaw opens url (sqlite:PATH, read-only, or postgres://…) without the store.
func OpenRaw(url string) (*Raw, error) {
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		db, err := sql.Open("pgx", url)
		return &Raw{db: db, pg: true}, err
	}
	path := strings.TrimPrefix(url, "sqlite:")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)")
	return &Raw{db: db}, err
}

func (r *Raw) Close() error { return r.db.Close() }

// QueryRow runs q with ? placeholders.
func (r *Raw) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return r.db.QueryRowContext(ctx, r.Bind(q), args...)
}

// Bind turns ? placeholders into PostgreSQL's $n.
func (r *Raw) Bind(q string) string {
	if !r.pg {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Under is the hand-written test that record r lies in the subtree at path, and its values, as
// a careful reader would write it: at a root, the join's test of o.path, a LIKE no index serves
// (the subtree is every org); below it a set of org ids, found as a range of paths in byte order
// (paths hold digits and '/') and tested inside the index (the unary + keeps it a filter, not an
// index key).
func (r *Raw) Under(path string) (string, []any) {
	if strings.Count(path, "/") <= 2 {
		return "o.path LIKE ?", []any{path + "%"}
	}
	col := "path"
	if r.pg {
		col += ` COLLATE "C"`
	}
	return "+r.org_id IN (SELECT id FROM orgs WHERE " + col + " >= ? AND " + col + " < ?)", []any{path, path[:len(path)-1] + "0"}
}

// Attr is the SQL text of a JSON attribute of records r.
func (r *Raw) Attr(key string) string {
	if r.pg {
		return "(r.attrs->>'" + key + "')"
	}
	return "json_extract(r.attrs, '$." + key + "')"
}

// count runs a COUNT query.
func (r *Raw) count(ctx context.Context, q string, args ...any) (int64, error) {
	var n int64
	err := r.QueryRow(ctx, q, args...).Scan(&n)
	return n, err
}

// rows runs a query and reads every row's columns as text: the raw read a page or a list
// would start from. It returns the number of rows.
func (r *Raw) rows(ctx context.Context, q string, args ...any) (int64, error) {
	rows, err := r.db.QueryContext(ctx, r.Bind(q), args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	vals := make([]sql.RawBytes, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// Path is the materialised path of an org, for the subtree prefix.
func (r *Raw) Path(ctx context.Context, code string) (string, error) {
	var p string
	err := r.QueryRow(ctx, `SELECT path FROM orgs WHERE code = ?`, code).Scan(&p)
	if err != nil {
		return "", fmt.Errorf("组织「%s」：%w", code, err)
	}
	return p, nil
}

// data counts what the database holds.
func (r *Raw) data(ctx context.Context) (Data, error) {
	var d Data
	for _, c := range []struct {
		n *int64
		t string
	}{{&d.Orgs, "orgs"}, {&d.Records, "records"}, {&d.Clocks, "clocks"}, {&d.Audit, "audit"}} {
		if err := r.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+c.t).Scan(c.n); err != nil {
			return d, err
		}
	}
	return d, nil
}
