package ledger

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/fazhi/fazhi/internal/law"
)

// TestXLSXDates reads dates as another program writes them: date cells with a built-in date
// format, with a custom Chinese date format, ISO dates typed as text, and a plain serial
// number in a General cell of a date column.
func TestXLSXDates(t *testing.T) {
	day := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
	closed := time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)
	path := writeBook(t, func(f *excelize.File) [][]any {
		builtin, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		cn := `yyyy"年"m"月"d"日"`
		custom, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &cn})
		money, _ := f.NewStyle(&excelize.Style{NumFmt: 4})
		a, b := 0.1, 0.2 // a formula's sum: 0.30000000000000004
		return [][]any{
			{"编号", "受理日期", "调解组织", "纠纷类型", "调解结果", "结案日期", "涉及金额"},
			{"TJ-001", excelize.Cell{Value: day, StyleID: builtin}, "441481100201901", "邻里", "成功",
				excelize.Cell{Value: closed, StyleID: custom}, excelize.Cell{Value: 1200.5, StyleID: money}},
			{},
			{"TJ-002", "2024/3/5", "城东社区人民调解委员会", "合同", "调解中", "", 3000},
			{"TJ-003", "2024年3月5日", "石马村人民调解委员会", "其他", "终止", "20240320", ""},
			{"TJ-004", 45356, "441481100201901", "物业", "成功", "2024.3.20", a + b},
		}
	})
	s := mustRead(t, path)
	if want := []string{"编号", "受理日期", "调解组织", "纠纷类型", "调解结果", "结案日期", "涉及金额"}; !reflect.DeepEqual(s.Headers, want) {
		t.Fatalf("headers %v", s.Headers)
	}
	if got := s.Rows[0].Cells[1]; got != "2024-03-05" {
		t.Errorf("built-in date cell read as %q", got)
	}
	if got := s.Rows[0].Cells[5]; got != "2024-03-20" {
		t.Errorf("custom date cell read as %q", got)
	}
	if got := s.Rows[0].Cells[6]; got != "1200.5" {
		t.Errorf("money cell read as %q", got)
	}
	var lines []int
	for _, l := range s.Rows {
		lines = append(lines, l.Number)
	}
	if !reflect.DeepEqual(lines, []int{2, 4, 5, 6}) {
		t.Errorf("row numbers %v (the blank row 3 is skipped but still counted)", lines)
	}

	rows, errs, warnings := ParseKind(law.Mediation, s, mediationOpts())
	wantNoErrors(t, errs)
	if len(warnings) > 0 {
		t.Errorf("warnings %v", warnings)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	wantValues(t, rows[0].Values, law.Values{"code": "TJ-001", "accepted_on": "2024-03-05", "committee": "441481100201901",
		"dispute_type": "邻里", "result": "成功", "closed_on": "2024-03-20", "amount": "1200.5"})
	wantValues(t, rows[1].Values, law.Values{"code": "TJ-002", "accepted_on": "2024-03-05", "committee": "441481100201901",
		"dispute_type": "合同", "result": "调解中", "amount": "3000"})
	wantValues(t, rows[2].Values, law.Values{"code": "TJ-003", "accepted_on": "2024-03-05", "committee": "441481103204901",
		"dispute_type": "其他", "result": "终止", "closed_on": "2024-03-20"})
	wantValues(t, rows[3].Values, law.Values{"code": "TJ-004", "accepted_on": "2024-03-05", "committee": "441481100201901",
		"dispute_type": "物业", "result": "成功", "closed_on": "2024-03-20", "amount": "0.3"})
	if rows[3].Line != 6 {
		t.Errorf("line %d", rows[3].Line)
	}
}

// TestXLSXStyleFallback reads the dates again with styles looked up through excelize, as
// happens when the package's relationships cannot be followed.
func TestXLSXStyleFallback(t *testing.T) {
	path := writeBook(t, func(f *excelize.File) [][]any {
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 31}) // yyyy"年"m"月"d"日" (zh-CN built-in)
		return [][]any{{"编号", "受理日期", "人次"}, {"1", excelize.Cell{Value: 45356, StyleID: style}, 3}}
	})
	data, _ := os.ReadFile(path)
	if sc := newStyleScanner(data, "Sheet1"); sc == nil {
		t.Error("the style scan cannot follow the relationships of an excelize workbook")
	} else {
		sc.Close()
	}
	if sc := newStyleScanner(data, "Other"); sc != nil {
		t.Error("the style scan opened a sheet that is not the first")
	}
	for _, fallback := range []bool{false, true} {
		if fallback {
			openStyleScanner = func([]byte, string) *styleScanner { return nil }
			defer func() { openStyleScanner = newStyleScanner }()
		}
		if got := mustRead(t, path).Rows[0].Cells; got[1] != "2024-03-05" || got[2] != "3" {
			t.Errorf("fallback %v: cells %q", fallback, got)
		}
	}
}

// TestXLSX1904 reads a workbook in the 1904 date system (old Mac Excel).
func TestXLSX1904(t *testing.T) {
	f := excelize.NewFile()
	yes := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetSheetRow("Sheet1", "A1", &[]any{"编号", "受理日期"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"1", 43894})
	f.SetCellStyle("Sheet1", "B2", "B2", style)
	path := filepath.Join(t.TempDir(), "mac.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if got := mustRead(t, path).Rows[0].Cells[1]; got != "2024-03-05" {
		t.Errorf("1904 serial read as %q", got)
	}
}

const mediationCSV = "编号,受理日期,调解组织,纠纷类型,当事人,调解结果,结案日期,协议形式,涉及金额,申请司法确认\r\n" +
	"TJ-001,2024/3/5,城东社区人民调解委员会,邻里,张三；李四,成功,2024年3月20日,书面,1200.50,否\r\n" +
	"\r\n" +
	"TJ-002,20240306,441481103204901,婚姻家庭,\"王五,赵六\",调解中,,,,\r\n"

func checkMediationCSV(t *testing.T, s *Sheet) {
	t.Helper()
	rows, errs, _ := ParseKind(law.Mediation, s, mediationOpts())
	wantNoErrors(t, errs)
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[0].Line != 2 || rows[1].Line != 4 {
		t.Errorf("lines %d, %d", rows[0].Line, rows[1].Line)
	}
	wantValues(t, rows[0].Values, law.Values{"code": "TJ-001", "accepted_on": "2024-03-05", "committee": "441481100201901",
		"dispute_type": "邻里", "parties": []string{"张三", "李四"}, "result": "成功", "closed_on": "2024-03-20",
		"agreement_form": "书面", "amount": "1200.5", "confirmation_applied": "否"})
	wantValues(t, rows[1].Values, law.Values{"code": "TJ-002", "accepted_on": "2024-03-06", "committee": "441481103204901",
		"dispute_type": "婚姻家庭", "parties": []string{"王五", "赵六"}, "result": "调解中"})
}

func TestCSVEncodings(t *testing.T) {
	for _, enc := range []string{"utf8", "bom", "gb18030"} {
		t.Run(enc, func(t *testing.T) {
			s := mustRead(t, writeCSVFile(t, "调解.csv", mediationCSV, enc))
			if s.Headers[0] != "编号" {
				t.Fatalf("first header %q (BOM or encoding not handled)", s.Headers[0])
			}
			checkMediationCSV(t, s)
		})
	}
}

// TestCSVLineNumbers: a quoted cell spanning lines is one spreadsheet row, an empty line is one.
func TestCSVLineNumbers(t *testing.T) {
	text := "编号,纠纷简要情况\n\n1,\"第一行\r\n第二行\"\n\n\n2,x\n"
	s := mustRead(t, writeCSVFile(t, "a.csv", text, ""))
	if len(s.Rows) != 2 || s.Rows[0].Number != 3 || s.Rows[1].Number != 6 {
		t.Fatalf("rows %+v", s.Rows)
	}
	if s.Rows[0].Cells[1] != "第一行\n第二行" {
		t.Errorf("multi-line cell %q", s.Rows[0].Cells[1])
	}
}

func TestReadRefusals(t *testing.T) {
	dir := t.TempDir()
	xls := filepath.Join(dir, "old.xls")
	os.WriteFile(xls, []byte{0xD0, 0xCF, 0x11, 0xE0}, 0o644)
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, []byte("\r\n,,\r\n"), 0o644)
	broken := filepath.Join(dir, "broken.xlsx")
	os.WriteFile(broken, []byte("not a zip"), 0o644)
	for path, want := range map[string]string{
		xls:    "不支持旧版 Excel",
		empty:  "没有表头行",
		broken: "无法打开 Excel 文件",
	} {
		if _, err := Read(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%s) error %v; want it to mention %q", filepath.Base(path), err, want)
		}
	}
	// An unknown extension is sniffed.
	s, err := ReadFrom(strings.NewReader(mediationCSV), "upload")
	if err != nil || len(s.Rows) != 2 {
		t.Errorf("sniffed CSV: %v", err)
	}
}
