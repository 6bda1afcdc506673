package ledger

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fazhi/fazhi/internal/law"
)

func TestErrorReport(t *testing.T) {
	text := "编号,受理日期,调解组织,纠纷类型,备注\n" +
		"OK,2024-03-05,441481100201901,邻里,\n" +
		"B1,2024-02-30,幸福村,邻里,x\n" +
		"OK2,2024-03-05,441481100201901,合同\n" +
		"B2,2024-03-05,441481100201901,吵架,\"含,逗号\"\n"
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			in := writeCSVFile(t, "台账.csv", text, "gb18030")
			if format == "xlsx" { // the same cells as an .xlsx input
				csvSheet := mustRead(t, in)
				in = filepath.Join(filepath.Dir(writeBook(t, func(f *excelize.File) [][]any {
					rows := [][]any{toAny(csvSheet.Headers)}
					for _, l := range csvSheet.Rows {
						rows = append(rows, toAny(l.Cells))
					}
					return rows
				})), "book.xlsx")
			}
			s := mustRead(t, in)
			_, errs, _ := ParseKind(law.Mediation, s, mediationOpts())
			out := ReportPath(in)
			if base := filepath.Base(out); base != "台账.错误."+format && base != "book.错误."+format {
				t.Errorf("report path %s", out)
			}
			if err := ErrorReport(out, s, errs); err != nil {
				t.Fatal(err)
			}
			r := mustRead(t, out)
			if want := []string{"编号", "受理日期", "调解组织", "纠纷类型", "备注", "错误原因"}; !reflect.DeepEqual(r.Headers, want) {
				t.Errorf("headers %v", r.Headers)
			}
			if len(r.Rows) != 2 {
				t.Fatalf("%d rejected rows", len(r.Rows))
			}
			if got := r.Rows[0].Cells[:5]; !reflect.DeepEqual(got, []string{"B1", "2024-02-30", "幸福村", "邻里", "x"}) {
				t.Errorf("rejected row %q", got)
			}
			if got := r.Rows[0].Cells[5]; got != "第3行：列「受理日期」值「2024-02-30」：日期不存在；列「调解组织」值「幸福村」：未知的组织" {
				t.Errorf("reason %q", got)
			}
			if got := r.Rows[1].Cells[4]; got != "含,逗号" {
				t.Errorf("cell %q", got)
			}
			// The report re-imports: the 错误原因 column is only a warning.
			_, errs2, warnings := ParseKind(law.Mediation, r, mediationOpts())
			if len(errs2) != 3 || len(warnings) != 2 {
				t.Errorf("re-import: %q %q", errStrings(errs2), warnings)
			}
		})
	}
}

func toAny(cells []string) []any {
	out := make([]any, len(cells))
	for i, c := range cells {
		out[i] = c
	}
	return out
}

func TestErrorReportHeader(t *testing.T) {
	s := mustRead(t, writeCSVFile(t, "h.csv", "编号\nA\n", ""))
	_, errs, _ := ParseKind(law.Mediation, s, mediationOpts())
	out := filepath.Join(t.TempDir(), "h.错误.csv")
	if err := ErrorReport(out, s, errs); err != nil {
		t.Fatal(err)
	}
	r := mustRead(t, out)
	if len(r.Rows) != 1 || !strings.HasPrefix(r.Rows[0].Cells[1], "第1行（列名）列「受理日期」值「」：缺少必填列") {
		t.Errorf("rows %+v", r.Rows)
	}
}
