package ledger

import (
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// CSV formula injection (CWE-1236; OWASP "CSV Injection"): a spreadsheet opening a CSV runs a
// cell starting with = + - @ (and, in some, tab or CR) as a formula — =HYPERLINK(…) carrying
// case data away, or DDE commands. As the spreadsheet vendors and OWASP advise, such a cell is
// written with a leading apostrophe, which Excel and WPS take as "this is text" and do not
// show. The importer strips exactly that apostrophe, so an export re-imports unchanged.
//
// Only CSV needs it: .xlsx cells are written as typed string cells, which no spreadsheet
// evaluates.
//
// Numeric fields (Int, Money) are written bare: a value that is a number cannot be a formula,
// and "-5" in a 人次 column must stay the number −5 for the sheet's sums (an apostrophe would
// make it text). Dates are YYYY-MM-DD and never start with those characters. Every other field
// (text, lists, words, 编号, phone numbers) is quoted, even "-5" or "+8613800138000": in a text
// column the apostrophe also keeps Excel from turning them into numbers.

// formulaStarts are the first characters that make a spreadsheet evaluate a cell.
const formulaStarts = "=+-@\t\r"

// quotable reports whether s, after any apostrophes, starts a formula. Values already starting
// with apostrophes before such a character are quoted once more, so that the importer's single
// strip gives them back exactly.
func quotable(s string) bool {
	t := strings.TrimLeft(s, "'")
	return t != "" && strings.ContainsRune(formulaStarts, rune(t[0]))
}

// quoteFormula prefixes an apostrophe to a cell a spreadsheet would evaluate.
func quoteFormula(s string) string {
	if quotable(s) {
		return "'" + s
	}
	return s
}

// csvCell is the text of a value of f in a CSV export (see above for the rule per type).
func csvCell(f law.Field, s string) string {
	if (f.Type == law.Int || f.Type == law.Money) && isNumber(s) {
		return s
	}
	return quoteFormula(s)
}

// unquoteFormula undoes quoteFormula on a cell read from CSV: the apostrophe is dropped only
// where quoteFormula would have added it.
func unquoteFormula(s string) string {
	if strings.HasPrefix(s, "'") && quotable(s[1:]) {
		return s[1:]
	}
	return s
}
