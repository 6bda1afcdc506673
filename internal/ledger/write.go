package ledger

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/fazhi/fazhi/internal/law"
)

// listJoin separates list items and intervals on export: the full-width semicolon reads
// naturally in Chinese text and is one of the separators import accepts.
const listJoin = "；"

// Write exports rows as a ledger file whose format follows the extension (.xlsx or .csv).
// The file has the fields' labels as headers and re-imports to the same values.
func Write(path string, fields []law.Field, rows []law.Values) error {
	format, err := formatByExt(path)
	if err != nil {
		return err
	}
	// 0600: an export carries case data (and, for a role with PII, full numbers); only the
	// account that ran it reads it (issue 9, item 11).
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := WriteTo(f, format, fields, rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func formatByExt(path string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".xlsx":
		return "xlsx", nil
	case ".csv":
		return "csv", nil
	default:
		return "", fmt.Errorf("不支持的文件类型「%s」：请用 .xlsx 或 .csv", ext)
	}
}

// WriteTo exports rows to w in format "xlsx" or "csv". Values are written as given: masking
// of ID and phone numbers, if wanted, is the caller's business.
func WriteTo(w io.Writer, format string, fields []law.Field, rows []law.Values) error {
	switch format {
	case "xlsx":
		return writeXLSX(w, fields, rows)
	case "csv":
		return writeCSV(w, fields, rows)
	}
	return fmt.Errorf("ledger: unknown format %q", format)
}

// writeCSV writes UTF-8 with a BOM — without it Excel on a Chinese Windows reads the file as
// GBK and shows garbage — and CRLF line ends (RFC 4180).
func writeCSV(w io.Writer, fields []law.Field, rows []law.Values) error {
	if _, err := w.Write(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	rec := make([]string, len(fields))
	for i, f := range fields {
		rec[i] = f.Label
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, r := range rows {
		for i, f := range fields {
			rec[i] = csvCell(f, cellText(r[f.Key]))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cellText renders a canonical value as cell text.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []string:
		return strings.Join(x, listJoin)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cellText(e)
		}
		return strings.Join(parts, listJoin)
	case bool:
		if x {
			return "是"
		}
		return "否"
	case time.Time:
		return x.Format(time.DateOnly)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// styles are the cell styles of an exported workbook.
type styles struct {
	header, date, money, text int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	dateFmt := "yyyy-mm-dd" // explicit: the built-in 14 reads back in US style (dependencies.md)
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}); err != nil {
		return s, err
	}
	if s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt}); err != nil {
		return s, err
	}
	if s.money, err = f.NewStyle(&excelize.Style{NumFmt: 4}); err != nil { // #,##0.00
		return s, err
	}
	s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}) // @: typed digits stay text
	return s, err
}

// columnStyle is the style new cells of a column get, so that what users type later into an
// exported file or a template is stored the way import expects: dates as dates, and ID
// numbers, phone numbers and codes as text (as numbers, Excel keeps only 15 digits).
func (s styles) column(f law.Field) int {
	switch f.Type {
	case law.Date:
		return s.date
	case law.Money:
		return s.money
	case law.Int, law.Bool, law.Enum:
		return 0
	}
	return s.text
}

func columnWidth(f law.Field) float64 {
	w := float64(len([]rune(f.Label))*2 + 3) // a Chinese character is two columns wide
	switch f.Type {
	case law.Date:
		w = max(w, 12)
	case law.IDNo:
		w = max(w, 21)
	case law.Text, law.List, law.Intervals:
		w = max(w, 16)
	}
	return w
}

func writeXLSX(w io.Writer, fields []law.Field, rows []law.Values) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sheet := f.GetSheetName(0)
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, fd := range fields {
		if err := sw.SetColWidth(i+1, i+1, columnWidth(fd)); err != nil {
			return err
		}
		if cs := st.column(fd); cs != 0 {
			if err := sw.SetColStyle(i+1, i+1, cs); err != nil {
				return err
			}
		}
	}
	header := make([]any, len(fields))
	for i, fd := range fields {
		header[i] = excelize.Cell{StyleID: st.header, Value: fd.Label}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	cells := make([]any, len(fields))
	for n, r := range rows {
		for i, fd := range fields {
			cells[i] = xlsxCell(fd, r[fd.Key], st)
		}
		ref, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// xlsxCell is the cell for one value: dates as real date cells, ints and money as numbers
// (while they fit a double exactly), everything else as text.
func xlsxCell(f law.Field, v any, st styles) any {
	s := cellText(v)
	if s == "" {
		return nil
	}
	switch f.Type {
	case law.Date:
		if t, ok := excelDate(s); ok {
			return excelize.Cell{StyleID: st.date, Value: t}
		}
	case law.Int:
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > -1e15 && n < 1e15 {
			return n
		}
	case law.Money:
		if x, err := strconv.ParseFloat(s, 64); err == nil && len(strings.Trim(strings.Replace(s, ".", "", 1), "0")) <= 15 {
			return excelize.Cell{StyleID: st.money, Value: x}
		}
	}
	return excelize.Cell{StyleID: st.column(f), Value: s}
}
