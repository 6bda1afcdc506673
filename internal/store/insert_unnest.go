package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// On PostgreSQL a batch of rows goes in as one array per column: INSERT … SELECT … FROM
// unnest($1::text[], $2::text[], …). The statement has one parameter per column whatever the
// number of rows, so the server binds and plans a few arrays where a multi-row VALUES list made
// it bind and plan thousands of parameters for every statement (../shared/design/dependencies.md;
// a quarter of the inserts' time in BenchmarkImport1000). Every array is text (NULL elements kept) and
// each column is cast to its declared type in the select list, so one shape serves every table:
// the values and their NULLs are those the VALUES list wrote.

// maxUnnestRows bounds one statement's arrays (an import writes a chunk at a time anyway).
const maxUnnestRows = 10_000

// insertUnnest writes rows into table as insertRows does; false (and nothing written) when a
// value is of a type this path does not send as text.
func (t *tx) insertUnnest(ctx context.Context, table string, cols []string, rows [][]any, returning string, scan func(*sql.Rows) error) (bool, error) {
	arrays, ok := textColumns(rows, len(cols))
	if !ok {
		return false, nil
	}
	types, err := t.columnTypes(ctx, table, cols)
	if err != nil {
		return true, err
	}
	q := unnestInsert(table, cols, types)
	if returning != "" {
		q += " RETURNING " + returning
	}
	for start := 0; start < len(rows); start += maxUnnestRows {
		end := min(start+maxUnnestRows, len(rows))
		args := make([]any, len(arrays))
		for i, a := range arrays {
			args[i] = a.arg(start, end)
		}
		if err := t.execOrScan(ctx, q, args, returning != "", scan); err != nil {
			return true, err
		}
	}
	return true, nil
}

// unnestInsert is the statement: the arrays unnested side by side, each cast to its column's type.
func unnestInsert(table string, cols, types []string) string {
	sel, arrays, names := make([]string, len(cols)), make([]string, len(cols)), make([]string, len(cols))
	for i := range cols {
		names[i] = "u" + strconv.Itoa(i)
		sel[i] = "CAST(" + names[i] + " AS " + types[i] + ")"
		arrays[i] = "CAST(? AS text[])"
	}
	return "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") SELECT " + strings.Join(sel, ", ") +
		" FROM unnest(" + strings.Join(arrays, ", ") + ") AS u(" + strings.Join(names, ", ") + ")"
}

// textColumn is one column's values as text; null marks its NULLs, nil when it has none.
type textColumn struct {
	vals []string
	null []bool
}

// textColumns turns rows into their columns as text; false when a value is neither a string,
// an int64 nor nil.
func textColumns(rows [][]any, ncols int) ([]textColumn, bool) {
	cols := make([]textColumn, ncols)
	for i := range cols {
		cols[i].vals = make([]string, len(rows))
	}
	for r, row := range rows {
		if len(row) != ncols {
			return nil, false
		}
		for c, v := range row {
			switch x := v.(type) {
			case nil:
				if cols[c].null == nil {
					cols[c].null = make([]bool, len(rows))
				}
				cols[c].null[r] = true
			case string:
				cols[c].vals[r] = x
			case int64:
				cols[c].vals[r] = strconv.FormatInt(x, 10)
			default:
				return nil, false
			}
		}
	}
	return cols, true
}

// arg is rows start to end of the column as a parameter: a []string, which pgx encodes without
// reflection, or, with a NULL among them, a []*string.
func (c textColumn) arg(start, end int) any {
	if c.null == nil {
		return c.vals[start:end]
	}
	out := make([]*string, end-start)
	for i := range out {
		if !c.null[start+i] {
			out[i] = &c.vals[start+i]
		}
	}
	return out
}

// columnTypes are the declared types of table's cols, read from the catalog once per process:
// the schema is the migrations', the same in every database this binary opens.
func (t *tx) columnTypes(ctx context.Context, table string, cols []string) ([]string, error) {
	byName, ok := pgColumnTypes.Load(table)
	if !ok {
		rs, err := t.query(ctx, `SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
			WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped`, table)
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		err = scanAll(rs, func(rs *sql.Rows) error {
			var name, typ string
			if err := rs.Scan(&name, &typ); err != nil {
				return err
			}
			m[name] = typ
			return nil
		})
		if err != nil {
			return nil, err
		}
		byName, _ = pgColumnTypes.LoadOrStore(table, m)
	}
	m := byName.(map[string]string)
	out := make([]string, len(cols))
	for i, c := range cols {
		if out[i] = m[c]; out[i] == "" {
			return nil, fmt.Errorf("insertUnnest: %s has no column %s", table, c)
		}
	}
	return out, nil
}

var pgColumnTypes sync.Map // table → column → type

// scanAll hands every row of rs to scan and closes rs.
func scanAll(rs *sql.Rows, scan func(*sql.Rows) error) error {
	defer rs.Close()
	for rs.Next() {
		if err := scan(rs); err != nil {
			return err
		}
	}
	return rs.Err()
}
