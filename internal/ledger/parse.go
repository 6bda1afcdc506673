package ledger

import (
	"fmt"
	"sort"

	"github.com/fazhi/fazhi/internal/law"
)

// HeaderLine is the line number of errors that concern the file as a whole (a missing or
// repeated column). Parse returns no rows when there is one: the file is refused.
const HeaderLine = 1

// ParseOptions tune Parse to the import at hand.
type ParseOptions struct {
	// ResolveOrg turns an org cell (a code or an exact name) into the org's code; its error's
	// message becomes the row error's reason (e.g. 未知的组织, 名称对应多个组织). Nil takes the
	// text as the code.
	ResolveOrg func(codeOrName string) (code string, err error)
	// DefaultOrg (the import's --org) fills the org field when its column is absent or the cell
	// is empty. It goes through ResolveOrg like any cell.
	DefaultOrg string
	// OrgField is the key of the field DefaultOrg fills; default: the field kept in law.ColOrg
	// (ParseKind uses the kind's OrgField).
	OrgField string
	// Status is the key of the status field that RequiredUnlessStatus refers to; default: the
	// field kept in law.ColStatus.
	Status string
	// Key is the key of the field that must not repeat within the file (per organisation when
	// there is an org field); default: the field kept in law.ColCode. A repeated 编号 would
	// otherwise make the second row silently overwrite the first.
	Key string
	// Words are extra enumeration words by field key: a deployment's dictionary (字典)
	// additions, accepted besides the declared Values.
	Words map[string][]string
}

// Row is one valid data row.
type Row struct {
	Line   int        // spreadsheet row number
	Values law.Values // canonical values; empty fields are absent
	// Given lists the keys of the fields the file has a column for (one slice shared by all
	// rows). Updating an existing record should change only these fields: a value that
	// came from a default or from --org for an absent column is not the file's word.
	Given []string
}

// RowError is one problem with one cell, or with the file when Line is HeaderLine.
type RowError struct {
	Line   int    // spreadsheet row number
	Column string // the Chinese header
	Value  string // the cell as typed
	Reason string // in Chinese
}

// String is the form the CLI prints (cli.md): 第R行 列「C」值「V」：原因.
func (e RowError) String() string {
	return fmt.Sprintf("第%d行 列「%s」值「%s」：%s", e.Line, e.Column, e.Value, e.Reason)
}

// Error lets a RowError travel as an error.
func (e RowError) Error() string { return e.String() }

// Parse validates the rows of sheet against fields. Rows with any error are left out of rows
// and reported in errs, every bad cell of every bad row, ordered by line. Warnings (unknown
// columns) do not stop the import. An error on HeaderLine refuses the whole file: rows is nil.
func Parse(fields []law.Field, sheet *Sheet, opts ParseOptions) (rows []Row, errs []RowError, warnings []string) {
	r := parse(fields, sheet, opts)
	return r.rows, r.errs, r.warnings
}

// ParseKind parses a ledger of kind: Parse with the kind's org field, then the kind's
// cross-field Checks on every row that passed field by field (on a row with a bad cell they
// would mostly repeat the same problem in other words). A failed check is reported under the
// column of the field it names.
func ParseKind(kind *law.Kind, sheet *Sheet, opts ParseOptions) (rows []Row, errs []RowError, warnings []string) {
	if opts.OrgField == "" {
		opts.OrgField = kind.OrgField
	}
	r := parse(kind.Fields, sheet, opts)
	kept := r.rows[:0]
	for i, row := range r.rows {
		bad := false
		for _, c := range kind.Checks {
			key, msg := c.Run(row.Values, law.Env{}) // no calendar here: the store checks again with one
			if msg == "" {
				continue
			}
			bad = true
			// The article goes with the reason, as the store's own check says it (law.Validate).
			e := RowError{Line: row.Line, Column: key, Reason: msg + "（" + c.Article + "）"}
			for fi, f := range kind.Fields {
				if f.Key == key {
					e.Column = f.Label
					e.Value = trim(sheet.Rows[r.src[i]].Cell(r.cols.index[fi]))
					if e.Value == "" {
						e.Value = cellText(row.Values[key])
					}
				}
			}
			r.errs = append(r.errs, e)
		}
		if !bad {
			kept = append(kept, row)
		}
	}
	sort.SliceStable(r.errs, func(i, j int) bool { return r.errs[i].Line < r.errs[j].Line })
	if len(kept) == 0 {
		kept = nil
	}
	return kept, r.errs, r.warnings
}

type parsed struct {
	rows     []Row
	src      []int // index in sheet.Rows of each row
	errs     []RowError
	warnings []string
	cols     columns
}

func parse(fields []law.Field, sheet *Sheet, opts ParseOptions) parsed {
	orgField := opts.OrgField
	if orgField == "" {
		orgField = keyInColumn(fields, law.ColOrg)
	}
	statusField := opts.Status
	if statusField == "" {
		statusField = keyInColumn(fields, law.ColStatus)
	}
	keyField := opts.Key
	if keyField == "" {
		keyField = keyInColumn(fields, law.ColCode)
	}
	statusLabel := statusField
	for _, f := range fields {
		if f.Key == statusField {
			statusLabel = f.Label
		}
	}

	var out parsed
	var herrs []RowError
	out.cols, out.warnings, herrs = matchHeaders(fields, sheet, orgField, opts.DefaultOrg)
	if len(herrs) > 0 {
		out.errs = herrs
		return out
	}

	p := &parser{opts: opts, date1904: sheet.date1904, orgs: map[string]orgResult{}}
	seen := map[[2]string]int{} // (org, key) → first line
	for li, line := range sheet.Rows {
		vals := law.Values{}
		var rerrs []RowError
		bad := map[string]bool{}
		for i, f := range fields {
			cell := trim(line.Cell(out.cols.index[i]))
			s := cell
			if s == "" && f.Key == orgField {
				s = opts.DefaultOrg
			}
			if s == "" {
				s = f.Default
			}
			var v any
			if s != "" {
				var reason string
				if v, reason = p.value(f, s); reason != "" {
					rerrs = append(rerrs, RowError{Line: line.Number, Column: f.Label, Value: s, Reason: reason})
					bad[f.Key] = true
					continue
				}
			}
			if empty(v) {
				if f.Required {
					rerrs = append(rerrs, RowError{Line: line.Number, Column: f.Label, Value: cell, Reason: "必填"})
					bad[f.Key] = true
				}
				continue
			}
			vals[f.Key] = v
		}
		if statusField != "" && !bad[statusField] {
			status := vals.Str(statusField)
			for _, f := range fields {
				if len(f.RequiredUnlessStatus) == 0 || bad[f.Key] || vals[f.Key] != nil || !f.RequiredFor(status) {
					continue
				}
				rerrs = append(rerrs, RowError{Line: line.Number, Column: f.Label,
					Reason: fmt.Sprintf("必填（%s为「%s」时）", statusLabel, status)})
			}
		}
		if k := vals.Str(keyField); k != "" {
			id := [2]string{vals.Str(orgField), k}
			if first, dup := seen[id]; dup {
				label := keyField
				for _, f := range fields {
					if f.Key == keyField {
						label = f.Label
					}
				}
				rerrs = append(rerrs, RowError{Line: line.Number, Column: label, Value: k,
					Reason: fmt.Sprintf("与第%d行重复", first)})
			} else {
				seen[id] = line.Number
			}
		}
		if len(rerrs) > 0 {
			out.errs = append(out.errs, rerrs...)
			continue
		}
		out.rows = append(out.rows, Row{Line: line.Number, Values: vals, Given: out.cols.given})
		out.src = append(out.src, li)
	}
	return out
}

func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []string:
		return len(x) == 0
	}
	return false
}

func keyInColumn(fields []law.Field, c law.Column) string {
	for _, f := range fields {
		if f.Column == c {
			return f.Key
		}
	}
	return ""
}
