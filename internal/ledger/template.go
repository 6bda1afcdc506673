package ledger

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/fazhi/fazhi/internal/law"
)

const (
	helpSheet  = "说明"
	listsSheet = "选项" // hidden: the long drop-down lists
	// maxInlineList is Excel's limit on an inline list validation formula (255 characters,
	// excelize.MaxFieldLength); longer lists must reference cells.
	maxInlineList = excelize.MaxFieldLength
)

// typeNames are the 类型 column of the 说明 sheet.
var typeNames = map[law.FieldType]string{
	law.Text:      "文本",
	law.Int:       "整数",
	law.Money:     "金额（元，最多两位小数）",
	law.Date:      "日期",
	law.Bool:      "是/否",
	law.List:      "列表（多项用；、或，分隔）",
	law.Org:       "组织（编码或全称）",
	law.IDNo:      "身份证号（18位）",
	law.Phone:     "电话",
	law.Enum:      "选项",
	law.Ref:       "编号",
	law.Intervals: "期间列表（起日~止日，多段用；分隔）",
}

// WriteTemplate writes an empty ledger for fields: a data sheet named after title whose first
// row is exactly the labels (so a filled-in template imports as is), required headers in red
// with a comment, drop-down lists for enumerations and booleans, and a 说明 sheet describing
// every column.
func WriteTemplate(path string, title string, fields []law.Field) error {
	f, err := template(title, fields)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.SaveAs(path)
}

// WriteTemplateTo writes the template of WriteTemplate to w (a download).
func WriteTemplateTo(w io.Writer, title string, fields []law.Field) error {
	f, err := template(title, fields)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Write(w)
}

func template(title string, fields []law.Field) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := fillTemplate(f, title, fields); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func fillTemplate(f *excelize.File, title string, fields []law.Field) error {
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	required, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	status := statusLabel(fields)
	data := sheetName(title)
	if err := f.SetSheetName(f.GetSheetName(0), data); err != nil {
		return err
	}
	for i, fd := range fields {
		col := columnName(i)
		cell := col + "1"
		if err := f.SetCellStr(data, cell, fd.Label); err != nil {
			return err
		}
		style := st.header
		if fd.Required {
			style = required
		}
		if err := f.SetCellStyle(data, cell, cell, style); err != nil {
			return err
		}
		if err := f.SetColWidth(data, col, col, columnWidth(fd)); err != nil {
			return err
		}
		if cs := st.column(fd); cs != 0 {
			if err := f.SetColStyle(data, col, cs); err != nil {
				return err
			}
			// The header keeps its own style (SetColStyle restyles existing cells).
			if err := f.SetCellStyle(data, cell, cell, style); err != nil {
				return err
			}
		}
		if note := headerNote(fd, status); note != "" {
			if err := f.AddComment(data, excelize.Comment{Cell: cell, Author: "fazhi", Text: note}); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(data, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := addDropDowns(f, data, fields); err != nil {
		return err
	}
	if err := writeHelp(f, title, fields, st.header); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

// sheetName makes title a legal sheet name: at most 31 characters, none of : \ / ? * [ ].
func sheetName(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, trim(title))
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" || name == helpSheet || name == listsSheet {
		name = "台账"
	}
	return name
}

// statusLabel is the header of the status column ("状态" when the fields have none).
func statusLabel(fields []law.Field) string {
	for _, f := range fields {
		if f.Column == law.ColStatus {
			return f.Label
		}
	}
	return "状态"
}

func headerNote(f law.Field, status string) string {
	var parts []string
	switch {
	case f.Required:
		parts = append(parts, "必填")
	case len(f.RequiredUnlessStatus) > 0:
		parts = append(parts, requiredText(f, status))
	}
	if f.Help != "" {
		parts = append(parts, f.Help)
	}
	return strings.Join(parts, "。")
}

// requiredText says whether a column must be filled; status is the label of the status column
// that RequiredUnlessStatus refers to.
func requiredText(f law.Field, status string) string {
	switch {
	case f.Required:
		return "是"
	case len(f.RequiredUnlessStatus) > 0:
		return status + "为" + strings.Join(f.RequiredUnlessStatus, "、") + "以外时必填"
	}
	return "否"
}

func allowedText(f law.Field) string {
	switch f.Type {
	case law.Enum, law.List:
		return strings.Join(f.Values, "、")
	case law.Bool:
		return "是、否"
	case law.Date:
		return "如 2024-03-05、2024/3/5、2024年3月5日、20240305"
	case law.Intervals:
		return "如 2024-03-05~2024-04-01"
	case law.Ref:
		if f.RefKind != "" {
			if k, ok := law.Lookup(f.RefKind); ok {
				return k.Label + "台账中的编号"
			}
			return f.RefKind + " 的编号"
		}
	}
	return ""
}

// addDropDowns adds list validations to the Enum and Bool columns. Short lists are written
// inline; a list too long for the 255-character limit goes to a column of the hidden 选项
// sheet and is referenced by range. The error style is "warning" rather than "stop" because a
// deployment's dictionary may accept words the template does not list.
func addDropDowns(f *excelize.File, data string, fields []law.Field) error {
	listCol := 0
	for i, fd := range fields {
		var words []string
		switch fd.Type {
		case law.Enum:
			words = fd.Values
		case law.Bool:
			words = []string{"是", "否"}
		default:
			continue
		}
		col := columnName(i)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, excelize.TotalRows)
		dv.SetError(excelize.DataValidationErrorStyleWarning, fd.Label, "不在可选的值中："+strings.Join(words, "、"))
		if inlineLen(words) <= maxInlineList {
			if err := dv.SetDropList(words); err != nil {
				return err
			}
		} else {
			if listCol == 0 {
				if _, err := f.NewSheet(listsSheet); err != nil {
					return err
				}
				if err := f.SetSheetVisible(listsSheet, false); err != nil {
					return err
				}
			}
			lc := columnName(listCol)
			listCol++
			if err := f.SetCellStr(listsSheet, lc+"1", fd.Label); err != nil {
				return err
			}
			for j, w := range words {
				if err := f.SetCellStr(listsSheet, fmt.Sprintf("%s%d", lc, j+2), w); err != nil {
					return err
				}
			}
			dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$2:$%s$%d", listsSheet, lc, lc, len(words)+1))
		}
		if err := f.AddDataValidation(data, dv); err != nil {
			return err
		}
	}
	return nil
}

// inlineLen is the length Excel counts for an inline list: UTF-16 units, commas included.
func inlineLen(words []string) int {
	n := 0
	for _, r := range strings.Join(words, ",") {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// writeHelp writes the 说明 sheet: one row per column, then the rules every ledger follows.
func writeHelp(f *excelize.File, title string, fields []law.Field, header int) error {
	status := statusLabel(fields)
	if _, err := f.NewSheet(helpSheet); err != nil {
		return err
	}
	rows := [][]any{{"列名", "含义", "是否必填", "类型", "允许的值"}}
	for _, fd := range fields {
		typ := typeNames[fd.Type]
		if typ == "" {
			typ = string(fd.Type)
		}
		rows = append(rows, []any{fd.Label, fd.Help, requiredText(fd, status), typ, allowedText(fd)})
	}
	rows = append(rows, []any{},
		[]any{strings.TrimSpace(title + " 填写说明")},
		[]any{"1. 第一行列名请勿修改；列的顺序可以调整，多余的列导入时忽略。红色列名为必填列。"},
		[]any{"2. 日期可写作 2024-03-05、2024/3/5、2024年3月5日 或 20240305。"},
		[]any{"3. 是/否列可填 是、否（也接受 Y/N、1/0、true/false）。"},
		[]any{"4. 列表列的多项用；、或，分隔。"},
		[]any{"5. 身份证号须为18位并通过校验；请保持该列为文本格式。"},
		[]any{"6. 任何一行有错时整个文件不导入，并列出每个错误的行号、列名和原因。"},
	)
	for i, r := range rows {
		if err := f.SetSheetRow(helpSheet, fmt.Sprintf("A%d", i+1), &r); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(helpSheet, "A1", "E1", header); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 18, "B": 50, "C": 22, "D": 26, "E": 60} {
		if err := f.SetColWidth(helpSheet, col, col, w); err != nil {
			return err
		}
	}
	return f.SetPanes(helpSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
