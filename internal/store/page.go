package store

import (
	"context"
	"database/sql"
	"slices"

	"github.com/fazhi/fazhi/internal/law"
)

// TotalCap is where a list stops counting: past it the total is shown as an estimate
// (「约 1 万+」), so that a page over millions of records never pays for an exact COUNT.
const TotalCap = 10_000

// Page is one page of a list read by keyset (issue 15): the rows after (or before) a cursor
// in the list's order, found through the index instead of skipping OFFSET rows.
type Page struct {
	Records []Record
	// Total is exact when TotalExact; otherwise there are more than TotalCap records.
	Total      int
	TotalExact bool
	// Next and Prev are the cursors of the neighbouring pages ("" at either end).
	Next, Prev string
}

// cursor is a position in a list: the sort key and id of a row, and the order it belongs
// to. Its token is signed with the deployment's key, so a changed token is refused rather
// than read; it only ever positions a query whose WHERE is the reader's own scope, so even a
// valid token from another user's list yields none of that user's rows.
type cursor struct {
	Kind string `json:"k"`
	Sort string `json:"s"`
	Desc bool   `json:"d,omitempty"`
	Null bool   `json:"n,omitempty"` // the row's sort key is NULL
	Key  string `json:"v,omitempty"`
	ID   int64  `json:"i"`
}

func (s *Store) encodeCursor(c cursor) string { return s.signToken("list-cursor:", c) }

// decodeCursor reads a token made by encodeCursor for this list (kind, sort, direction).
func (s *Store) decodeCursor(token, field, kind, sort string, desc bool) (cursor, error) {
	var c cursor
	if !s.readToken("list-cursor:", token, &c) {
		return c, fieldError(field, "翻页参数 %s 无效或已被改动，请从第一页重新翻页", field)
	}
	if c.Kind != kind || c.Sort != sort || c.Desc != desc {
		return c, fieldError(field, "翻页参数 %s 属于另一种排序，请从第一页重新翻页", field)
	}
	return c, nil
}

// Page returns the page of records the filter selects: after f.After, before f.Before, or
// (neither given) at f.Offset, with the neighbouring pages' cursors and a capped total.
func (s *Store) Page(ctx context.Context, sc Scope, f Filter) (Page, error) {
	w, args, kind, err := s.where(ctx, sc, f.Query)
	if err != nil {
		return Page{}, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	sortKey, order := f.Sort, "r.updated_at"
	if sortKey == "" {
		sortKey = "updated_at"
	}
	if sortKey != "updated_at" {
		if order, _, err = s.fieldExpr(kind, sortKey); err != nil {
			return Page{}, err
		}
	}
	var out Page
	if out.Total, out.TotalExact, err = s.cappedCount(ctx, w, args); err != nil {
		return out, err
	}
	base := `SELECT ` + recordColumns + `, ` + order + ` FROM records r JOIN orgs o ON o.id = r.org_id WHERE ` + w
	var keys []sql.NullString
	var rows []Record
	token, back := f.After, false
	if f.Before != "" {
		token, back = f.Before, true
	}
	switch {
	case token != "":
		field := map[bool]string{false: "after", true: "before"}[back]
		at, err := s.decodeCursor(token, field, kind.Name, sortKey, f.Desc)
		if err != nil {
			return out, err
		}
		rows, keys, err = s.seek(ctx, sc, kind, base, order, args, &at, f.Desc != back, f.Limit+1)
		if err != nil {
			return out, err
		}
	default:
		rows, keys, err = s.seekOffset(ctx, sc, kind, base, order, args, f.Desc, f.Limit+1, f.Offset)
		if err != nil {
			return out, err
		}
	}
	more := len(rows) > f.Limit
	if more {
		rows, keys = rows[:f.Limit], keys[:f.Limit]
	}
	if back {
		slices.Reverse(rows)
		slices.Reverse(keys)
	}
	out.Records = rows
	if len(rows) == 0 {
		return out, nil
	}
	at := func(i int) string {
		return s.encodeCursor(cursor{Kind: kind.Name, Sort: sortKey, Desc: f.Desc, Null: !keys[i].Valid, Key: keys[i].String, ID: rows[i].ID})
	}
	// Going forward there is a page before unless this is the first; going back, there is a
	// page after (the one we came from) and one before only if the query found more.
	if (back && more) || (!back && (token != "" || f.Offset > 0)) {
		out.Prev = at(0)
	}
	if (!back && more) || back {
		out.Next = at(len(rows) - 1)
	}
	return out, nil
}

// cappedCount counts the selected records up to TotalCap+1: exact below, "more than" above.
func (s *Store) cappedCount(ctx context.Context, w string, args []any) (int, bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM records r JOIN orgs o ON o.id = r.org_id WHERE `+w+
		` LIMIT ?) capped`, append(slices.Clone(args), TotalCap+1)...).Scan(&n)
	if n > TotalCap {
		return TotalCap, false, err
	}
	return n, true, err
}

// nullsLow is the list's order with NULL sort keys lowest on both engines (SQLite's own
// rule; PostgreSQL is told so), so that a cursor means the same place on either.
// A column that is never NULL is ordered without the clause, which would keep PostgreSQL from
// reading the order off an index (its indexes keep NULLs high): the first page of a list in its
// default order is then the end of records(kind, updated_at, id), not a sort of the whole kind.
func nullsLow(expr string, desc bool) string {
	nulls := map[bool]string{true: " NULLS LAST", false: " NULLS FIRST"}[desc]
	if notNullColumns[expr] {
		nulls = ""
	}
	if desc {
		return expr + " DESC" + nulls + ", r.id DESC"
	}
	return expr + " ASC" + nulls + ", r.id ASC"
}

// notNullColumns are the records' columns declared NOT NULL that a list sorts by.
var notNullColumns = map[string]bool{"r.updated_at": true, "r.created_at": true, "r.code": true, "r.status": true}

// seekOffset reads limit rows at offset in the list's order (the compatible paging of old
// links and of the API's offset).
func (s *Store) seekOffset(ctx context.Context, sc Scope, kind *law.Kind, base, order string, args []any, desc bool, limit, offset int) ([]Record, []sql.NullString, error) {
	return s.scanKeyed(ctx, sc, kind, offsetPageSQL(base, order, desc), append(slices.Clone(args), limit, offset))
}

// offsetPageSQL is base in the list's order from an offset (LIMIT ? OFFSET ?).
func offsetPageSQL(base, order string, desc bool) string {
	return base + ` ORDER BY ` + nullsLow(order, desc) + ` LIMIT ? OFFSET ?`
}

// seek reads up to limit rows strictly beyond the cursor, walking the order descending or
// not. Rows with a NULL key form their own segment (lowest), read by a second query, so that
// each query is a plain range over the (kind, column) index on both engines.
func (s *Store) seek(ctx context.Context, sc Scope, kind *law.Kind, base, order string, args []any, at *cursor, desc bool, limit int) ([]Record, []sql.NullString, error) {
	dir, cmp := " ASC", ">"
	if desc {
		dir, cmp = " DESC", "<"
	}
	nonNull := func(n int) ([]Record, []sql.NullString, error) {
		q, a := base+` AND `+order+` IS NOT NULL`, slices.Clone(args)
		if !at.Null {
			q += ` AND (` + order + `, r.id) ` + cmp + ` (?, ?)`
			a = append(a, at.Key, at.ID)
		}
		return s.scanKeyed(ctx, sc, kind, q+` ORDER BY `+order+dir+`, r.id`+dir+` LIMIT ?`, append(a, n))
	}
	nulls := func(n int, bounded bool) ([]Record, []sql.NullString, error) {
		q, a := base+` AND `+order+` IS NULL`, slices.Clone(args)
		if bounded {
			q += ` AND r.id ` + cmp + ` ?`
			a = append(a, at.ID)
		}
		return s.scanKeyed(ctx, sc, kind, q+` ORDER BY r.id`+dir+` LIMIT ?`, append(a, n))
	}
	// Descending, the NULL segment comes last; ascending, first.
	var recs []Record
	var keys []sql.NullString
	add := func(r []Record, k []sql.NullString, err error) error {
		recs, keys = append(recs, r...), append(keys, k...)
		return err
	}
	if desc {
		if !at.Null {
			if err := add(nonNull(limit)); err != nil {
				return nil, nil, err
			}
		}
		if len(recs) < limit {
			if err := add(nulls(limit-len(recs), at.Null)); err != nil {
				return nil, nil, err
			}
		}
		return recs, keys, nil
	}
	if at.Null {
		if err := add(nulls(limit, true)); err != nil {
			return nil, nil, err
		}
		at = &cursor{Null: true} // the whole non-NULL segment follows
	}
	if len(recs) < limit {
		if err := add(nonNull(limit - len(recs))); err != nil {
			return nil, nil, err
		}
	}
	return recs, keys, nil
}

// scanKeyed runs a list query whose last column is the sort key.
func (s *Store) scanKeyed(ctx context.Context, sc Scope, kind *law.Kind, q string, args []any) ([]Record, []sql.NullString, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var recs []Record
	var keys []sql.NullString
	for rows.Next() {
		var key sql.NullString
		r, err := scanRecord(withExtra{rows, []any{&key}})
		if err != nil {
			return nil, nil, err
		}
		s.reveal(kind, &r, sc)
		recs, keys = append(recs, r), append(keys, key)
	}
	return recs, keys, rows.Err()
}

// withExtra scans a row's leading columns into the given destinations and the rest into extra.
type withExtra struct {
	rows  *sql.Rows
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.rows.Scan(append(dest, w.extra...)...) }
