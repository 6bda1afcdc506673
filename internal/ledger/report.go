package ledger

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ReasonHeader is the column ErrorReport adds. Re-importing a corrected report only warns
// about it as an unknown column.
const ReasonHeader = "错误原因"

// ReportPath is where --skip-invalid puts the rejected rows of input: beside it, same format
// (台账.xlsx → 台账.错误.xlsx).
func ReportPath(input string) string {
	ext := filepath.Ext(input)
	return strings.TrimSuffix(input, ext) + ".错误" + ext
}

// ErrorReport writes the rows of sheet that have errors, as they were read (an opened sheet is
// read to its end), with a 错误原因
// column holding every reason of the row. The format follows path's extension (.xlsx or
// .csv); file-level errors (HeaderLine) come first on a row of their own.
func ErrorReport(path string, sheet *Sheet, errs []RowError) error {
	format, err := formatByExt(path)
	if err != nil {
		return err
	}
	reasons := map[int][]string{}
	for _, e := range errs {
		reasons[e.Line] = append(reasons[e.Line], fmt.Sprintf("列「%s」值「%s」：%s", e.Column, e.Value, e.Reason))
	}
	header := append(append([]string{}, sheet.Headers...), ReasonHeader)
	var table [][]string
	if r := reasons[HeaderLine]; len(r) > 0 {
		row := make([]string, len(header))
		row[len(row)-1] = "第1行（列名）" + strings.Join(r, "；")
		table = append(table, row)
	}
	if err := sheet.each(func(l Line) {
		r := reasons[l.Number]
		if len(r) == 0 {
			return
		}
		row := make([]string, len(header))
		copy(row, l.Cells)
		row[len(row)-1] = fmt.Sprintf("第%d行：", l.Number) + strings.Join(r, "；")
		table = append(table, row)
	}); err != nil {
		return err
	}

	var buf bytes.Buffer
	if format == "csv" {
		buf.Write(utf8BOM)
		cw := csv.NewWriter(&buf)
		cw.UseCRLF = true
		_ = cw.Write(header)
		for _, row := range table {
			for i, c := range row {
				if !isNumber(c) { // the report knows no field types: numbers bare, as in csvCell
					row[i] = quoteFormula(c)
				}
			}
		}
		_ = cw.WriteAll(table) // flushes
		if err := cw.Error(); err != nil {
			return err
		}
	} else if err := reportXLSX(&buf, header, table); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o600) // it repeats the rows' data, as an export does
}

func reportXLSX(buf *bytes.Buffer, header []string, table [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	reason, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "C00000"}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(f.GetSheetName(0))
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// Cells go back as text, exactly as read, so that fixing a typo and re-importing works.
	if err := sw.SetColStyle(1, len(header), st.text); err != nil {
		return err
	}
	if err := sw.SetColWidth(len(header), len(header), 60); err != nil {
		return err
	}
	row := make([]any, len(header))
	for i, h := range header {
		row[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	for n, r := range table {
		for i, c := range r {
			style := st.text
			if i == len(r)-1 {
				style = reason
			}
			row[i] = excelize.Cell{StyleID: style, Value: c}
		}
		ref, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(ref, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(buf)
	return err
}
