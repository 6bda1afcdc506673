package ledger

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fazhi/fazhi/internal/law"
)

// mediationRows covers every field type of the mediation ledger, Chinese text with
// punctuation, list items, empty cells, money with and without decimals, and a text that
// looks like a number.
func mediationRows() []law.Values {
	return []law.Values{
		{"code": "TJ-2024-001", "accepted_on": "2024-03-05", "committee": "441481100201901", "dispute_type": "邻里",
			"parties": []string{"张三", "李四（代理人：王五）"}, "party_phone": "13800138000", "mediator": "陈调解",
			"summary": "因排水沟堵塞引发纠纷，\"双方\"争执不下；\n经调解和好。", "result": "成功", "closed_on": "2024-03-20",
			"agreement_form": "书面", "agreement_effective_on": "2024-03-21", "amount": "1200.5",
			"confirmation_applied": "是", "confirmation_applied_on": "2024-04-01", "confirmation_result": "确认有效"},
		{"code": "007", "accepted_on": "2024-12-31", "committee": "441481103204901", "dispute_type": "合同",
			"result": "调解中", "amount": "3000"},
		{"code": "TJ-2024-003", "accepted_on": "2024-02-29", "committee": "441481100201901", "dispute_type": "其他",
			"parties": []string{"赵六"}, "result": "不成功", "closed_on": "2024-03-01", "amount": "0.05",
			"party_phone": "0753-1234567", "confirmation_applied": "否"},
	}
}

func TestRoundTrip(t *testing.T) {
	for _, format := range []string{"xlsx", "csv"} {
		t.Run(format, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "人民调解."+format)
			want := mediationRows()
			if err := Write(path, law.Mediation.Fields, want); err != nil {
				t.Fatal(err)
			}
			s := mustRead(t, path)
			rows, errs, warnings := ParseKind(law.Mediation, s, mediationOpts())
			wantNoErrors(t, errs)
			if len(warnings) > 0 {
				t.Errorf("warnings %v", warnings)
			}
			if len(rows) != len(want) {
				t.Fatalf("%d rows back, want %d", len(rows), len(want))
			}
			for i, r := range rows {
				wantValues(t, r.Values, want[i])
				if r.Line != i+2 {
					t.Errorf("line %d", r.Line)
				}
			}
			// Re-exporting what was read gives the same file content.
			var again, first bytes.Buffer
			back := make([]law.Values, len(rows))
			for i, r := range rows {
				back[i] = r.Values
			}
			if format == "csv" {
				WriteTo(&first, "csv", law.Mediation.Fields, want)
				WriteTo(&again, "csv", law.Mediation.Fields, back)
				if !bytes.Equal(first.Bytes(), again.Bytes()) {
					t.Error("CSV re-export differs")
				}
				if !bytes.HasPrefix(first.Bytes(), utf8BOM) {
					t.Error("CSV without BOM")
				}
			}
		})
	}
}

func TestRoundTripOrgs(t *testing.T) {
	want := []law.Values{
		{"code": "441481", "name": "兴宁市", "type": "县级市"},
		{"code": "441481100", "name": "宁新街道", "type": "街道", "parent": "441481"},
		{"code": "441481100201901", "name": "城东社区人民调解委员会", "type": "人民调解委员会", "parent": "441481100",
			"credit_code": "51441481MJL123456X"},
	}
	for _, format := range []string{"xlsx", "csv"} {
		path := filepath.Join(t.TempDir(), "orgs."+format)
		if err := Write(path, law.OrgFields, want); err != nil {
			t.Fatal(err)
		}
		rows, errs, _ := Parse(law.OrgFields, mustRead(t, path), ParseOptions{Key: "code"})
		wantNoErrors(t, errs)
		for i, r := range rows {
			wantValues(t, r.Values, want[i])
		}
	}
}

// TestXLSXCells: the exported workbook has a bold frozen header, real date cells formatted
// yyyy-mm-dd, and numbers for money.
func TestXLSXCells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.xlsx")
	if err := Write(path, law.Mediation.Fields, mediationRows()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	col := func(label string) string {
		for i, fd := range law.Mediation.Fields {
			if fd.Label == label {
				return columnName(i)
			}
		}
		t.Fatalf("no field %s", label)
		return ""
	}
	// Formatted (not raw) value: what a user sees.
	if v, _ := f.GetCellValue(sheet, col("受理日期")+"2"); v != "2024-03-05" {
		t.Errorf("date cell shows %q", v)
	}
	if typ, _ := f.GetCellType(sheet, col("受理日期")+"2"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Error("date written as text")
	}
	if v, _ := f.GetCellValue(sheet, col("涉及金额")+"2", excelize.Options{RawCellValue: true}); v != "1200.5" {
		t.Errorf("money cell raw %q", v)
	}
	if v, _ := f.GetCellValue(sheet, col("当事人")+"2"); v != "张三；李四（代理人：王五）" {
		t.Errorf("list cell %q", v)
	}
	if v, _ := f.GetCellValue(sheet, col("编号")+"3"); v != "007" {
		t.Errorf("code cell %q", v)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v", panes, err)
	}
	id, _ := f.GetCellStyle(sheet, "A1")
	if st, _ := f.GetStyle(id); st == nil || st.Font == nil || !st.Font.Bold {
		t.Error("header not bold")
	}
}

func TestWriteErrors(t *testing.T) {
	if err := Write(filepath.Join(t.TempDir(), "x.pdf"), law.OrgFields, nil); err == nil {
		t.Error("wrote a .pdf")
	}
	if err := WriteTo(&bytes.Buffer{}, "ods", law.OrgFields, nil); err == nil {
		t.Error("wrote ods")
	}
}

func TestCellText(t *testing.T) {
	for v, want := range map[any]string{nil: "", "x": "x", true: "是", false: "否", 3: "3"} {
		if got := cellText(v); got != want {
			t.Errorf("cellText(%v) = %q", v, got)
		}
	}
	if got := cellText([]any{"a", "b"}); got != "a；b" {
		t.Errorf("cellText([]any) = %q", got)
	}
}

// bigLedger writes an n-row mediation ledger and returns its path.
func bigLedger(tb testing.TB, n int) string {
	tb.Helper()
	rows := make([]law.Values, n)
	types := law.Mediation.Fields[3].Values
	for i := range rows {
		rows[i] = law.Values{"code": fmt.Sprintf("TJ-%06d", i), "accepted_on": fmt.Sprintf("2024-%02d-%02d", i%12+1, i%28+1),
			"committee": "441481100201901", "dispute_type": types[i%len(types)], "parties": []string{"张三", "李四"},
			"party_phone": "13800138000", "mediator": "陈调解", "summary": strings.Repeat("纠纷", 10),
			"result": "成功", "closed_on": fmt.Sprintf("2024-%02d-28", i%12+1), "agreement_form": "书面",
			"amount": fmt.Sprintf("%d.%02d", i, i%100), "confirmation_applied": "否"}
	}
	path := filepath.Join(tb.TempDir(), "big.xlsx")
	if err := Write(path, law.Mediation.Fields, rows); err != nil {
		tb.Fatal(err)
	}
	return path
}

func BenchmarkRead20k(b *testing.B) {
	path := bigLedger(b, 20000)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s, err := ReadFrom(bytes.NewReader(data), "big.xlsx")
		if err != nil || len(s.Rows) != 20000 {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadParse20k(b *testing.B) {
	path := bigLedger(b, 20000)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		s, err := ReadFrom(bytes.NewReader(data), "big.xlsx")
		if err != nil {
			b.Fatal(err)
		}
		rows, errs, _ := ParseKind(law.Mediation, s, mediationOpts())
		if len(errs) > 0 || len(rows) != 20000 {
			b.Fatalf("%d rows, errors %v", len(rows), errStrings(errs[:min(3, len(errs))]))
		}
	}
}

func TestBigLedgerShape(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	s := mustRead(t, bigLedger(t, 500))
	rows, errs, _ := ParseKind(law.Mediation, s, mediationOpts())
	wantNoErrors(t, errs)
	if len(rows) != 500 || !reflect.DeepEqual(rows[499].Values["parties"], []string{"张三", "李四"}) {
		t.Errorf("%d rows", len(rows))
	}
}

// allTypes has one field of every type.
var allTypes = []law.Field{
	{Key: "code", Label: "编号", Type: law.Text, Required: true, Column: law.ColCode},
	{Key: "n", Label: "人次", Type: law.Int},
	{Key: "amt", Label: "金额", Type: law.Money},
	{Key: "on", Label: "日期", Type: law.Date},
	{Key: "flag", Label: "涉外", Type: law.Bool},
	{Key: "tags", Label: "申请人", Type: law.List},
	{Key: "ways", Label: "办理方式", Type: law.List, Values: []string{"一次办", "容缺办", "免费办", "上门办", "加急"}},
	{Key: "org", Label: "所属单位", Type: law.Org, Column: law.ColOrg},
	{Key: "id", Label: "身份证号", Type: law.IDNo},
	{Key: "tel", Label: "电话", Type: law.Phone},
	{Key: "kind", Label: "类别", Type: law.Enum, Values: []string{"甲", "乙"}},
	{Key: "ref", Label: "复议案件", Type: law.Ref, RefKind: "reconsideration"},
	{Key: "stops", Label: "中止期间", Type: law.Intervals},
	{Key: "note", Label: "备注", Type: law.Text},
}

func allTypesRows() []law.Values {
	return []law.Values{
		{"code": "GZ-1", "n": "12", "amt": "99999999.99", "on": "2024-02-29", "flag": "是", "tags": []string{"甲公司", "乙某"},
			"ways": []string{"一次办", "加急"}, "org": "441481100201901", "id": "11010519491231002X", "tel": "+8613800138000",
			"kind": "乙", "ref": "FY-2024-01", "stops": []string{"2024-03-05~2024-04-01", "2024-05-01~2024-05-01"},
			"note": "多行\n备注，含“引号”和,逗号"},
		{"code": "GZ-2", "n": "-3", "amt": "0", "flag": "否"},
		{"code": "12345"}, // digits only, in a text column
	}
}

func TestRoundTripAllTypes(t *testing.T) {
	want := allTypesRows()
	for _, format := range []string{"xlsx", "csv"} {
		path := filepath.Join(t.TempDir(), "all."+format)
		if err := Write(path, allTypes, want); err != nil {
			t.Fatal(err)
		}
		rows, errs, warnings := Parse(allTypes, mustRead(t, path), ParseOptions{ResolveOrg: resolveOrg})
		wantNoErrors(t, errs)
		if len(warnings) > 0 || len(rows) != len(want) {
			t.Fatalf("%s: %d rows, warnings %v", format, len(rows), warnings)
		}
		for i, r := range rows {
			wantValues(t, r.Values, want[i])
		}
	}
}

// TestCanonicalPassesLaw: what Parse returns passes the store's last gate, law.CheckValue.
func TestCanonicalPassesLaw(t *testing.T) {
	for _, set := range []struct {
		fields []law.Field
		rows   []law.Values
	}{{law.Mediation.Fields, mediationRows()}, {allTypes, allTypesRows()}} {
		path := filepath.Join(t.TempDir(), "c.xlsx")
		if err := Write(path, set.fields, set.rows); err != nil {
			t.Fatal(err)
		}
		parsed, errs, _ := Parse(set.fields, mustRead(t, path), ParseOptions{ResolveOrg: resolveOrg})
		wantNoErrors(t, errs)
		for _, r := range parsed {
			for _, f := range set.fields {
				if msg := law.CheckValue(f, r.Values[f.Key]); msg != "" {
					t.Errorf("row %d %s: %s", r.Line, f.Label, msg)
				}
			}
		}
	}
	if msg := law.Mediation.Validate(mediationRows()[0]); len(msg) > 0 {
		t.Errorf("fixture fails law validation: %v", msg)
	}
}
