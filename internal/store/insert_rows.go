package store

import (
	"context"
	"database/sql"
	"strings"
)

// rowsPerInsert is how many rows one multi-row INSERT carries. The statement is parsed once per
// transaction and reused for every full group of rows (tx.stmt), so its size trades the
// per-statement cost (a round trip on PostgreSQL, a statement journal on SQLite) against the
// parse of a long statement: 1,000 rows of 13 columns took SQLite longer to parse than to
// insert. maxInsertParams keeps a wide table under both engines' limits (SQLite 32,766,
// PostgreSQL 65,535 parameters).
// PostgreSQL parses fast and pgx keeps each statement prepared on its connection across
// transactions, while every statement costs a round trip: it takes ten times as many rows.
const (
	rowsPerInsert   = 100
	rowsPerInsertPG = 1000
	maxInsertParams = 30_000
)

// insertGroup is how many rows of cols columns one INSERT carries on this engine.
func (t *tx) insertGroup(cols int) int {
	n := rowsPerInsert
	if t.s.d.name() == "postgres" {
		n = rowsPerInsertPG
	}
	return max(1, min(n, maxInsertParams/cols))
}

// insertRows writes rows (each len(cols) values) into table in multi-row INSERTs, as many rows
// per statement as maxInsertParams allows. With returning set, each statement ends in
// RETURNING returning and scan reads every row it gives back (in no promised order: callers
// match the rows by a unique key, not by position). On PostgreSQL the rows go as one array per
// column (insertUnnest), these VALUES lists only when a value is not text or a number.
func (t *tx) insertRows(ctx context.Context, table string, cols []string, rows [][]any, returning string, scan func(*sql.Rows) error) error {
	if len(rows) == 0 {
		return nil
	}
	if t.s.d.name() == "postgres" {
		if done, err := t.insertUnnest(ctx, table, cols, rows, returning, scan); done || err != nil {
			return err
		}
	}
	per := t.insertGroup(len(cols))
	one := "(" + placeholders(len(cols)) + ")"
	for start := 0; start < len(rows); start += per {
		part := rows[start:min(start+per, len(rows))]
		var q strings.Builder
		q.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, len(part)*len(cols))
		for i, r := range part {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteString(one)
			args = append(args, r...)
		}
		if returning != "" {
			q.WriteString(" RETURNING " + returning)
		}
		if err := t.execOrScan(ctx, q.String(), args, returning != "", scan); err != nil {
			return err
		}
	}
	return nil
}

// execOrScan runs an INSERT q: with returning, each row it gives back goes to scan.
func (t *tx) execOrScan(ctx context.Context, q string, args []any, returning bool, scan func(*sql.Rows) error) error {
	if !returning {
		_, err := t.exec(ctx, q, args...)
		return err
	}
	rs, err := t.query(ctx, q, args...)
	if err != nil {
		return err
	}
	return scanAll(rs, scan)
}

// columnList splits a column list as the single-row statements write it ("a, b,\n\tc").
func columnList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' })
	return f
}
