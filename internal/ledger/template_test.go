package ledger

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fazhi/fazhi/internal/law"
)

func TestTemplate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "template.xlsx")
	if err := WriteTemplate(path, "人民调解", law.Mediation.Fields); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"人民调解", "说明"}) {
		t.Errorf("sheets %v", got)
	}
	header, _ := f.GetRows("人民调解")
	var labels []string
	for _, fd := range law.Mediation.Fields {
		labels = append(labels, fd.Label)
	}
	if len(header) != 1 || !reflect.DeepEqual(header[0], labels) {
		t.Errorf("header row %v", header)
	}
	// Required headers are red and carry a comment.
	style, _ := f.GetCellStyle("人民调解", "A1")
	if st, _ := f.GetStyle(style); st.Font == nil || st.Font.Color != "C00000" {
		t.Errorf("required header font %+v", st.Font)
	}
	comments, _ := f.GetComments("人民调解")
	var a1 string
	for _, c := range comments {
		if c.Cell == "A1" {
			a1 = c.Text
			for _, p := range c.Paragraph {
				a1 += p.Text
			}
		}
	}
	if !strings.HasPrefix(a1, "必填") {
		t.Errorf("A1 comment %q", a1)
	}
	// Drop-downs: 纠纷类型, 调解结果, 协议形式, 申请司法确认, 司法确认结果.
	dvs, _ := f.GetDataValidations("人民调解")
	if len(dvs) != 5 {
		t.Errorf("%d validations", len(dvs))
	}
	for _, dv := range dvs {
		if dv.Type != "list" {
			t.Errorf("validation %+v", dv)
		}
	}
	help, _ := f.GetRows("说明")
	if !reflect.DeepEqual(help[0], []string{"列名", "含义", "是否必填", "类型", "允许的值"}) {
		t.Errorf("说明 header %v", help[0])
	}
	var closed []string
	for _, r := range help {
		if len(r) > 0 && r[0] == "结案日期" {
			closed = r
		}
	}
	if len(closed) < 4 || closed[2] != "调解结果为受理、调解中以外时必填" || closed[3] != "日期" {
		t.Errorf("结案日期 in 说明: %q", closed)
	}

	// An empty template imports as an empty ledger.
	s := mustRead(t, path)
	rows, errs, warnings := ParseKind(law.Mediation, s, mediationOpts())
	if len(rows) != 0 || len(errs) != 0 || len(warnings) != 0 {
		t.Errorf("empty template: %v %v %v", rows, errStrings(errs), warnings)
	}
}

// TestTemplateFilled: rows typed into the template (dates into its date-formatted columns)
// import.
func TestTemplateFilled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "org.xlsx")
	if err := WriteTemplate(path, "组织/机构:名录", law.OrgFields); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	if sheet != "组织_机构_名录" {
		t.Errorf("sheet name %q", sheet)
	}
	f.SetSheetRow(sheet, "A2", &[]any{"441481", "兴宁市", "县级市"})
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rows, errs, _ := Parse(law.OrgFields, mustRead(t, path), ParseOptions{})
	wantNoErrors(t, errs)
	if len(rows) != 1 || rows[0].Values.Str("type") != "县级市" {
		t.Errorf("rows %+v", rows)
	}
}

// TestTemplateLongList: a list over Excel's 255-character limit goes to the hidden 选项 sheet.
func TestTemplateLongList(t *testing.T) {
	var words []string
	for i := range 60 {
		words = append(words, fmt.Sprintf("第%d类事项", i+1))
	}
	fields := []law.Field{
		{Key: "code", Label: "编号", Type: law.Text, Required: true},
		{Key: "cat", Label: "类别", Type: law.Enum, Values: words, Required: true},
		{Key: "org_type", Label: "类型", Type: law.Enum, Values: law.OrgTypes},
	}
	path := filepath.Join(t.TempDir(), "long.xlsx")
	if err := WriteTemplate(path, "长列表", fields); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if visible, _ := f.GetSheetVisible("选项"); visible {
		t.Error("选项 sheet is visible")
	}
	dvs, _ := f.GetDataValidations("长列表")
	if len(dvs) != 2 {
		t.Fatalf("%d validations", len(dvs))
	}
	var refs []string
	for _, dv := range dvs {
		refs = append(refs, dv.Formula1)
	}
	if !strings.Contains(strings.Join(refs, " "), "'选项'!$A$2:$A$61") {
		t.Errorf("formulas %q", refs)
	}
	if got, _ := f.GetCellValue("选项", "A61"); got != "第60类事项" {
		t.Errorf("选项!A61 = %q", got)
	}
}
