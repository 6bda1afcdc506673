package store

import (
	"context"
	"fmt"

	"github.com/fazhi/fazhi/internal/law"
)

// ImportRow is one validated ledger row with its line number in the file.
type ImportRow struct {
	Line   int
	Values law.Values
	// Given lists the field keys the file has a column for. Updating an existing record changes
	// only these, so that a ledger with fewer columns does not wipe what it does not carry.
	// Empty means every field.
	Given []string
}

// RowError is a row the store refused (an org outside the scope, a duplicate 编号 in the file …).
type RowError struct {
	Line    int
	Field   string // key
	Message string
}

// ImportError says rows were refused and nothing was written. Rows lists them when the
// caller asked for a list (ImportRecords); Refused counts them always.
type ImportError struct {
	Rows    []RowError
	Refused int
}

func (e *ImportError) Error() string {
	return fmt.Sprintf("导入失败：%d 行有错误，未写入任何数据", max(e.Refused, len(e.Rows)))
}

// ImportRecords upserts ledger rows by (org, 编号) in one transaction (ledgers.md: importing the
// same file twice changes nothing). With any row refused, nothing is written and an
// *ImportError lists every refused row; skipInvalid imports the others and returns the refused
// rows alongside the result. The rows are written in chunks (ImportStream).
func (s *Store) ImportRecords(ctx context.Context, a Actor, sc Scope, kindName string, rows []ImportRow, skipInvalid bool) (ImportResult, []RowError, error) {
	var bad []RowError
	next := func() ([]ImportRow, error) {
		chunk := rows[:min(ImportChunk, len(rows))]
		rows = rows[len(chunk):]
		return chunk, nil
	}
	res, err := s.ImportStream(ctx, a, sc, kindName, next, func(e RowError) { bad = append(bad, e) }, skipInvalid)
	if ie, ok := err.(*ImportError); ok {
		ie.Rows = bad
	}
	if err != nil {
		return ImportResult{}, bad, err
	}
	return res, bad, nil
}

// importRow creates or updates one record. A refused row inside an import transaction must not
// poison it, so every check runs before the row's first write.
func (t *tx) importRow(ctx context.Context, a Actor, sc Scope, kind *law.Kind, v law.Values, given []string) (string, error) {
	codeField, _ := kind.FieldByColumn(law.ColCode)
	org, err := t.orgByCode(ctx, v.Str(kind.OrgField))
	if err != nil || !sc.coversPath(org.Path) {
		return "", orgRefused(kind, v)
	}
	old, err := scanRecord(t.queryRow(ctx, `SELECT `+recordColumns+` FROM records r JOIN orgs o ON o.id = r.org_id
		WHERE `+kindIs("r.kind", kind.Name)+` AND r.org_id = ? AND r.code = ?`, org.ID, v.Str(codeField.Key)))
	if err != nil {
		// createRecord validates before its first write, so a refused row leaves nothing behind.
		_, err := t.createRecord(ctx, a, sc, kind, v, "import", "台账导入")
		return "created", err
	}
	return t.importUpdate(ctx, a, sc, kind, old, v, given)
}

// orgRefused is the error of a row whose org is unknown or outside the importer's scope.
func orgRefused(kind *law.Kind, v law.Values) error {
	f, _ := kind.Field(kind.OrgField)
	return fieldError(kind.OrgField, "「%s」：组织「%s」不存在或不在您的权限范围内", f.Label, v.Str(kind.OrgField))
}

// importUpdate writes an imported row over the record old (as stored) it names.
func (t *tx) importUpdate(ctx context.Context, a Actor, sc Scope, kind *law.Kind, old Record, v law.Values, given []string) (string, error) {
	// Re-importing an export must not wipe protected values: exports carry them masked, and
	// prepare keeps the stored value when the masked form matches.
	t.s.unseal(kind, &old)
	if len(given) > 0 {
		merged := old.Values.Clone()
		for _, key := range given {
			if x, ok := v[key]; ok {
				merged[key] = x
			} else {
				delete(merged, key)
			}
		}
		v = merged
	}
	changed, err := t.updateRecord(ctx, a, sc, kind, old, v, "import", "台账导入")
	if err != nil || !changed {
		return "unchanged", err
	}
	return "updated", nil
}
