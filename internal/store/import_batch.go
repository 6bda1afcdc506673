package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// ImportChunk is how many rows an import validates and writes together: large enough that a
// chunk costs each table one statement instead of one per row (the round trips PostgreSQL
// paid, the parse and statement journal SQLite paid), small enough that a chunk's rows are a
// few megabytes whatever the file's size.
const ImportChunk = 2000

// ImportStream is ImportRecords for a file read a chunk at a time: next gives the rows in file
// order (an empty chunk ends), refused hears every refused row as it is found, and all chunks
// go in ONE transaction, so that with any row refused and skipInvalid unset nothing is written
// (an *ImportError counts the rows). Each chunk is written before next is asked again: a
// caller may reuse or drop a chunk's rows then.
//
// A chunk's writes are batched: one query finds which of its 编号 exist already (those are
// updated, row by row, as before; asked only in the orgs that held records of the kind), and
// the new records go in multi-row INSERTs of records,
// record_keys, events, clocks and audit entries — the same rows, values and audit chain that
// creating each record alone writes (import_batch_test.go compares the two).
func (s *Store) ImportStream(ctx context.Context, a Actor, sc Scope, kindName string, next func() ([]ImportRow, error), refused func(RowError), skipInvalid bool) (ImportResult, error) {
	var res ImportResult
	err := s.inTx(ctx, func(t *tx) error {
		kind, err := t.writable(a, sc, kindName)
		if err != nil {
			return err
		}
		b := newBatchImport(t, a, sc, kind, refused)
		b.perRow = b.perRow || s.importRowByRow
		for {
			rows, err := next()
			if err != nil {
				return err
			}
			if len(rows) == 0 {
				break
			}
			if err := b.chunk(ctx, rows); err != nil {
				return err
			}
		}
		if b.refused > 0 && !skipInvalid {
			return &ImportError{Refused: b.refused}
		}
		res = b.res
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// batchImport is one import's state across its chunks.
type batchImport struct {
	t         *tx
	a         Actor
	sc        Scope
	kind      *law.Kind
	codeField law.Field
	onRefused func(RowError)
	// perRow writes each row on its own (the path before batching): for a kind with a Ref to
	// its own kind, whose rows may name records created earlier in the same chunk.
	perRow bool
	// seen is the first line of each (org cell, 编号) of the file: a repeated 编号 is refused.
	seen    map[string]int
	res     ImportResult
	refused int
	// pending are the chunk's new records, validated and not yet written; touched the
	// (org id, 编号) of the chunk's records written or pending.
	pending []pendingCreate
	touched map[string]bool
	// held says of each org named so far whether it held records of the kind before the
	// import named it. A chunk looks in the database only for the rows of the orgs that did
	// (for every row, once a row was written on its own by importRow): in the others a row can
	// only name a record of this import, and seen has refused a 编号 named twice (an org
	// cell names one org, by its code). Without it, PostgreSQL — whose statistics of a table
	// growing inside one transaction say it is small — hashed every record of the kind for
	// each chunk's lookup: half of a 100,000-row import's time, growing with the file's square.
	held      map[int64]bool
	lookupAll bool
}

// pendingCreate is a new record as prepare left it (protected values sealed).
type pendingCreate struct {
	id   int64
	v    law.Values
	keys keyedHashes
	org  Org
}

func newBatchImport(t *tx, a Actor, sc Scope, kind *law.Kind, refused func(RowError)) *batchImport {
	b := &batchImport{t: t, a: a, sc: sc, kind: kind, onRefused: refused, seen: map[string]int{}, held: map[int64]bool{}}
	b.codeField, _ = kind.FieldByColumn(law.ColCode)
	for _, f := range kind.Fields {
		if f.Type == law.Ref && f.RefKind == kind.Name {
			b.perRow = true
		}
	}
	return b
}

func recordKey(orgID int64, code string) string { return strconv.FormatInt(orgID, 10) + "\x00" + code }

// chunk imports rows: each is checked in file order, updates are written at once (after the
// new records before them, so the audit chain keeps the file's order), new records together
// at the end.
func (b *batchImport) chunk(ctx context.Context, rows []ImportRow) error {
	var existing map[string]Record
	if !b.perRow {
		var err error
		if existing, err = b.existing(ctx, rows); err != nil {
			return err
		}
	}
	b.touched = map[string]bool{}
	for _, row := range rows {
		key := row.Values.Str(b.kind.OrgField) + "\x00" + row.Values.Str(b.codeField.Key)
		if first, dup := b.seen[key]; dup {
			b.refuse(RowError{row.Line, b.codeField.Key, fmt.Sprintf("编号与第%d行重复", first)})
			continue
		}
		b.seen[key] = row.Line
		what, err := b.row(ctx, row, existing)
		if err != nil {
			if ErrorCode(err) == "" {
				return err // the database failed, not the row
			}
			field := b.codeField.Key
			if e, ok := err.(*Error); ok && e.Field != "" {
				field = e.Field
			}
			b.refuse(RowError{row.Line, field, ErrorMessage(err)})
			continue
		}
		switch what {
		case "created":
			b.res.Created++
		case "updated":
			b.res.Updated++
		default:
			b.res.Unchanged++
		}
	}
	return b.flush(ctx)
}

func (b *batchImport) refuse(e RowError) {
	b.refused++
	if b.onRefused != nil {
		b.onRefused(e)
	}
}

// row imports one row: staged when new, written when it updates a record.
func (b *batchImport) row(ctx context.Context, row ImportRow, existing map[string]Record) (string, error) {
	t, kind, v := b.t, b.kind, row.Values
	if b.perRow {
		return t.importRow(ctx, b.a, b.sc, kind, v, row.Given)
	}
	rowAlone := func() (string, error) {
		b.lookupAll = true // the record it creates may be in an org held calls empty
		return t.importRow(ctx, b.a, b.sc, kind, v, row.Given)
	}
	org, err := t.orgByCode(ctx, v.Str(kind.OrgField))
	if err != nil || !b.sc.coversPath(org.Path) {
		return "", orgRefused(kind, v)
	}
	key := recordKey(org.ID, v.Str(b.codeField.Key))
	if b.touched[key] {
		// The same record under another spelling of its org: write what is staged and take
		// this row alone, as it would have been taken before batching.
		if err := b.flush(ctx); err != nil {
			return "", err
		}
		return rowAlone()
	}
	b.touched[key] = true
	if old, ok := existing[key]; ok {
		if err := b.flush(ctx); err != nil {
			return "", err
		}
		return t.importUpdate(ctx, b.a, b.sc, kind, old, v, row.Given)
	}
	// createRecord's checks, before anything is written (a refused row leaves nothing behind).
	pv, keys, porg, err := t.prepare(ctx, b.sc, kind, v, nil)
	if err != nil {
		return "", err
	}
	if porg.ID != org.ID { // prepare resolves the org again, from the cleaned value
		if err := b.flush(ctx); err != nil {
			return "", err
		}
		return rowAlone()
	}
	b.pending = append(b.pending, pendingCreate{v: pv, keys: keys, org: porg})
	return "created", nil
}

// existing reads the records the chunk's rows name in the orgs that held records of the kind
// before the import, by (org id, 编号), in one query per group of pairs.
func (b *batchImport) existing(ctx context.Context, rows []ImportRow) (map[string]Record, error) {
	t, kind := b.t, b.kind
	var pairs []any
	wanted := map[string]bool{}
	for _, row := range rows {
		org, err := t.orgByCode(ctx, row.Values.Str(kind.OrgField))
		if err != nil {
			continue // refused in its turn
		}
		code := row.Values.Str(b.codeField.Key)
		key := recordKey(org.ID, code)
		if wanted[key] {
			continue
		}
		wanted[key] = true
		held, err := b.orgHeld(ctx, org.ID)
		if err != nil {
			return nil, err
		}
		if held || b.lookupAll {
			pairs = append(pairs, org.ID, code)
		}
	}
	out := map[string]Record{}
	read := func(q string, args []any) error {
		rs, err := t.query(ctx, q, args...)
		if err != nil {
			return err
		}
		return scanAll(rs, func(rs *sql.Rows) error {
			r, err := scanRecord(rs)
			if err == nil {
				out[recordKey(r.OrgID, r.Code)] = r
			}
			return err
		})
	}
	for len(pairs) > 0 { // in groups of pairs as inserts go: a few statement texts, each parsed once
		part := pairs[:min(2*t.insertGroup(2), len(pairs))]
		pairs = pairs[len(part):]
		// CROSS JOIN keeps the wanted list outermost on SQLite (each pair one probe of the
		// unique index on kind, org and 编号); PostgreSQL plans it as any join.
		q := `SELECT ` + recordColumns + ` FROM (VALUES ` + strings.Repeat("(CAST(? AS BIGINT), ?),", len(part)/2-1) +
			`(CAST(? AS BIGINT), ?)) AS w CROSS JOIN records r JOIN orgs o ON o.id = r.org_id
			WHERE ` + kindIs("r.kind", kind.Name) + ` AND r.org_id = w.column1 AND r.code = w.column2`
		if err := read(q, part); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// orgHeld reports whether org held records of the kind when the import first named it (before
// any of the import's own rows could be there).
func (b *batchImport) orgHeld(ctx context.Context, orgID int64) (bool, error) {
	if held, ok := b.held[orgID]; ok {
		return held, nil
	}
	var one int
	err := b.t.queryRow(ctx, `SELECT 1 FROM records WHERE `+kindIs("kind", b.kind.Name)+` AND org_id = ? LIMIT 1`, orgID).Scan(&one)
	if err != nil && err != sql.ErrNoRows {
		return false, err
	}
	b.held[orgID] = err == nil
	return err == nil, nil
}

// importedRecordRow is newRecordRow's row for a record an import creates (no 承办人 yet), its
// attrs encoded by valuesJSON (the same text: TestImportedRecordRow).
func importedRecordRow(kind *law.Kind, orgID int64, v law.Values, now, by string) []any {
	code, status, opened, closed, category := hot(kind, v)
	return []any{kind.Name, orgID, code, status, opened, closed, category, valuesJSON(v), now, by, now, by, ""}
}

// flush writes the staged new records and everything createRecord writes with each: its keyed
// hashes, its 台账导入 event, its clocks and its audit entry, each table in multi-row INSERTs.
func (b *batchImport) flush(ctx context.Context) error {
	if len(b.pending) == 0 {
		return nil
	}
	t, kind, a := b.t, b.kind, b.a
	now := t.s.stamp()
	rows := make([][]any, len(b.pending))
	byKey := make(map[string]int, len(b.pending))
	for i, p := range b.pending {
		// An imported ledger's cases have no 承办人 until one is assigned (createRecord).
		rows[i] = importedRecordRow(kind, p.org.ID, p.v, now, a.Name)
		byKey[recordKey(p.org.ID, p.v.Str(b.codeField.Key))] = i
	}
	err := t.insertRows(ctx, "records", columnList(recordInsertColumns), rows, "id, org_id, code", func(rs *sql.Rows) error {
		var id, orgID int64
		var code string
		if err := rs.Scan(&id, &orgID, &code); err != nil {
			return err
		}
		b.pending[byKey[recordKey(orgID, code)]].id = id
		return nil
	})
	if isDuplicateCode(t.s.d, err) {
		// A record written by someone else since the import named its org (PostgreSQL; SQLite's
		// writers take turns): the whole file is refused, to be taken again.
		return fmt.Errorf("新记录的编号与已有记录重复（可能是导入期间有人在同一单位录入了相同编号），本次导入未写入任何数据，请核对后重新导入：%w", err)
	}
	if err != nil {
		return err
	}
	var keyRows, eventRows, clockRows [][]any
	audits := make([]AuditEntry, 0, len(b.pending))
	for _, p := range b.pending {
		if err := t.tallyTouch(ctx, kind.Name, p.id, false); err != nil {
			return err
		}
		t.holderTouch(kind.Name, p.v)
		for field, mac := range p.keys {
			keyRows = append(keyRows, []any{p.id, field, mac})
		}
		_, status, _, _, _ := hot(kind, p.v)
		eventRows = append(eventRows, t.eventRow(a, p.id, "import", "台账导入", "", status, nil))
		clockRows = append(clockRows, t.clockRows(kind, p.id, p.v)...)
		audits = append(audits, t.auditEntry(a, "record.import", kind.Name, strconv.FormatInt(p.id, 10), p.org.Path,
			nil, auditViewJSON(kind, p.v, p.keys))) // a string goes into the entry as it is
	}
	b.pending = b.pending[:0]
	if err := t.insertRows(ctx, "record_keys", []string{"record_id", "field", "mac"}, keyRows, "", nil); err != nil {
		return err
	}
	if err := t.insertRows(ctx, "events", columnList(eventColumns), eventRows, "", nil); err != nil {
		return err
	}
	if err := t.insertRows(ctx, "clocks", columnList(clockColumns), clockRows, "", nil); err != nil {
		return err
	}
	return t.appendAudits(ctx, a, audits, false)
}
