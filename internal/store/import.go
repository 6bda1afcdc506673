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

// ImportError carries every refused row; nothing was written.
type ImportError struct{ Rows []RowError }

func (e *ImportError) Error() string {
	return fmt.Sprintf("导入失败：%d 行有错误，未写入任何数据", len(e.Rows))
}

// ImportRecords upserts ledger rows by (org, 编号) in one transaction (ledgers.md: importing the
// same file twice changes nothing). With any row refused, nothing is written and an
// *ImportError lists every refused row; skipInvalid imports the others and returns the refused
// rows alongside the result.
func (s *Store) ImportRecords(ctx context.Context, a Actor, sc Scope, kindName string, rows []ImportRow, skipInvalid bool) (ImportResult, []RowError, error) {
	var res ImportResult
	var bad []RowError
	err := s.inTx(ctx, func(t *tx) error {
		kind, err := t.writable(a, sc, kindName)
		if err != nil {
			return err
		}
		codeField, _ := kind.FieldByColumn(law.ColCode)
		seen := map[string]int{}
		for _, row := range rows {
			key := row.Values.Str(kind.OrgField) + "\x00" + row.Values.Str(codeField.Key)
			if first, dup := seen[key]; dup {
				bad = append(bad, RowError{row.Line, codeField.Key, fmt.Sprintf("编号与第%d行重复", first)})
				continue
			}
			seen[key] = row.Line
			what, err := t.importRow(ctx, a, sc, kind, row.Values, row.Given)
			if err != nil {
				if ErrorCode(err) == "" {
					return err // the database failed, not the row
				}
				field := codeField.Key
				if e, ok := err.(*Error); ok && e.Field != "" {
					field = e.Field
				}
				bad = append(bad, RowError{row.Line, field, ErrorMessage(err)})
				continue
			}
			switch what {
			case "created":
				res.Created++
			case "updated":
				res.Updated++
			default:
				res.Unchanged++
			}
		}
		if len(bad) > 0 && !skipInvalid {
			return &ImportError{Rows: bad}
		}
		return nil
	})
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
		f, _ := kind.Field(kind.OrgField)
		return "", fieldError(kind.OrgField, "「%s」：组织「%s」不存在或不在您的权限范围内", f.Label, v.Str(kind.OrgField))
	}
	old, err := scanRecord(t.queryRow(ctx, `SELECT `+recordColumns+` FROM records r JOIN orgs o ON o.id = r.org_id
		WHERE r.kind = ? AND r.org_id = ? AND r.code = ?`, kind.Name, org.ID, v.Str(codeField.Key)))
	if err != nil {
		// createRecord validates before its first write, so a refused row leaves nothing behind.
		_, err := t.createRecord(ctx, a, sc, kind, v, "import", "台账导入")
		return "created", err
	}
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
