package ledger

import (
	"fmt"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// headerKey normalises a header for matching (ledgers.md: "matching ignores surrounding spaces
// and full-width/half-width differences"). White space inside is dropped as well: people pad
// short headers ("姓  名") or wrap long ones with Alt+Enter, and no label contains a space.
func headerKey(s string) string {
	return strings.Join(strings.Fields(fold(s)), "")
}

// columns maps each field to its column in the sheet (-1 when the file has none).
type columns struct {
	index []int    // by field position
	given []string // keys of the fields present, in field order
}

// matchHeaders finds each field's column. Unknown columns become warnings; the columns without
// a header are returned (unnamed), to be warned of if they hold data. A missing required
// column, or a column given twice, refuses the whole file: those come back as errors on line 1.
func matchHeaders(fields []law.Field, headers []string, orgField, defaultOrg string) (c columns, unnamed []int, warnings []string, errs []RowError) {
	byKey := map[string]int{}
	for i, f := range fields {
		byKey[headerKey(f.Label)] = i
	}
	c = columns{index: make([]int, len(fields))}
	for i := range c.index {
		c.index[i] = -1
	}
	for col, h := range headers {
		k := headerKey(h)
		if k == "" {
			unnamed = append(unnamed, col)
			continue
		}
		fi, ok := byKey[k]
		if !ok {
			warnings = append(warnings, fmt.Sprintf("未知的列「%s」，已忽略", trim(h)))
			continue
		}
		if c.index[fi] >= 0 {
			errs = append(errs, RowError{Line: HeaderLine, Column: fields[fi].Label, Value: trim(h),
				Reason: fmt.Sprintf("列重复（第%s列和第%s列），整个文件未导入", columnName(c.index[fi]), columnName(col))})
			continue
		}
		c.index[fi] = col
	}
	for i, f := range fields {
		if c.index[i] >= 0 {
			c.given = append(c.given, f.Key)
			continue
		}
		// A required field needs its column unless something else fills every row: the
		// import's --org for the org field, or the field's declared default.
		if !f.Required || f.Default != "" || (f.Key == orgField && defaultOrg != "") {
			continue
		}
		errs = append(errs, RowError{Line: HeaderLine, Column: f.Label, Reason: "缺少必填列，整个文件未导入"})
	}
	return c, unnamed, warnings, errs
}

// columnName returns Excel's letter name of a 0-based column (0 → A, 26 → AA).
func columnName(col int) string {
	name := ""
	for n := col + 1; n > 0; n = (n - 1) / 26 {
		name = string(rune('A'+(n-1)%26)) + name
	}
	return name
}

// RenameHeaders replaces each header that names a key of to (compared as headers are matched:
// spaces and full-/half-width ignored) with its value, e.g. another system's export headers with
// the ledger's labels.
func (s *Sheet) RenameHeaders(to map[string]string) {
	byKey := make(map[string]string, len(to))
	for from, label := range to {
		byKey[headerKey(from)] = label
	}
	for i, h := range s.Headers {
		if label, ok := byKey[headerKey(h)]; ok {
			s.Headers[i] = label
		}
	}
}

// HasHeader reports whether the sheet has a column headed h (compared as headers are matched).
func (s *Sheet) HasHeader(h string) bool {
	k := headerKey(h)
	for _, x := range s.Headers {
		if headerKey(x) == k {
			return true
		}
	}
	return false
}
