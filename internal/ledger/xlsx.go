package ledger

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads the first worksheet. Cells are read raw (Options.RawCellValue): applying
// every cell's number format costs about 4× the time (design/dependencies.md) and would turn
// dates into US-style text. Dates are recovered from the cells whose style has a date format.
//
// The package is checked against the limits from its central directory first (checkPackage);
// excelize then keeps parts above xmlInMemory in temporary files, and the rows are streamed
// with its row iterator, one at a time, each checked before it is kept.
func readXLSX(data []byte, lim Limits) (*Sheet, error) {
	largestSheet, err := checkPackage(data, lim)
	if err != nil {
		return nil, err
	}
	opts := excelize.Options{RawCellValue: true, UnzipSizeLimit: lim.MaxExpanded, UnzipXMLSizeLimit: min(lim.MaxExpanded, xmlInMemory)}
	f, err := excelize.OpenReader(bytes.NewReader(data), opts)
	if err != nil {
		return nil, fmt.Errorf("无法打开 Excel 文件（文件损坏、加密或不是 .xlsx）：%w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("工作簿中没有工作表")
	}
	name := sheets[0]
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, err
	}
	s := &Sheet{date1904: props.Date1904 != nil && *props.Date1904}

	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	// Cells that hold a number might be dates; their styles are looked up once the rows are
	// read (see cellStyles).
	type pos struct{ line, col int } // line: index into s.Rows, or -1 for the header
	var numeric []pos
	number, headerRow := 0, 0
	for rows.Next() {
		number++ // Rows.Next yields every row number in turn, absent rows included
		cells, err := rows.Columns(opts)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("读取第%d行失败：%w", number, err)
		}
		if blank(cells) {
			continue
		}
		if cells, err = checkColumns(lim, number, cells); err != nil {
			rows.Close()
			return nil, err
		}
		hadHeader := s.Headers != nil
		s.add(number, cells)
		if len(s.Rows) > lim.MaxRows {
			rows.Close()
			return nil, tooManyRows(lim, number)
		}
		line := -1
		if hadHeader {
			line = len(s.Rows) - 1
		} else {
			headerRow = number
		}
		for i, c := range cells {
			if isNumber(c) {
				numeric = append(numeric, pos{line, i})
			}
		}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}

	if len(numeric) == 0 {
		return s, nil
	}
	cellAt := func(p pos) (cells []string, at cellPos) {
		if p.line < 0 {
			return s.Headers, cellPos{headerRow, p.col + 1}
		}
		return s.Rows[p.line].Cells, cellPos{s.Rows[p.line].Number, p.col + 1}
	}
	want := make(map[cellPos]bool, len(numeric))
	for _, p := range numeric {
		_, at := cellAt(p)
		want[at] = true
	}
	styles, ok := scanCellStyles(data, name, want)
	if !ok && largestSheet > xmlInMemory {
		// excelize's GetCellStyle would unmarshal the whole worksheet into memory.
		return nil, fmt.Errorf("无法读取单元格格式（工作表结构不标准）：请用 Excel 或 WPS 打开后另存为 .xlsx 再导入")
	}
	styleOf := func(at cellPos) (int, error) {
		if ok {
			return styles[at], nil
		}
		ref, err := excelize.CoordinatesToCellName(at[1], at[0])
		if err != nil {
			return 0, err
		}
		return f.GetCellStyle(name, ref)
	}

	dateStyle := map[int]bool{}
	for _, p := range numeric {
		cells, at := cellAt(p)
		style, err := styleOf(at)
		if err != nil {
			return nil, err
		}
		isDate, seen := dateStyle[style]
		if !seen {
			isDate = styleIsDate(f, style)
			dateStyle[style] = isDate
		}
		v := cells[p.col]
		if isDate {
			if d, ok := serialDate(v, s.date1904); ok {
				cells[p.col] = d
			}
			continue
		}
		cells[p.col] = roundFloatNoise(v)
	}
	return s, nil
}

// checkPackage refuses an .xlsx whose parts, unzipped, would pass the limits: in all more than
// MaxExpanded, or a part excelize holds in memory above maxOtherPart. It goes by the sizes the
// zip's central directory declares, before anything is inflated: archive/zip refuses to inflate
// a part past its declared size, so a part cannot claim little and expand to more. It returns
// the size of the largest worksheet.
func checkPackage(data []byte, lim Limits) (largestSheet int64, err error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0, fmt.Errorf("无法打开 Excel 文件（文件损坏、加密或不是 .xlsx）：%w", err)
	}
	bomb := func(what string, size uint64, limit int64) error {
		return fmt.Errorf("Excel 文件%s解压后有 %s，超过 %s 的上限：文件可能已损坏或是恶意构造的压缩包，请用 Excel 或 WPS 打开后另存为 .xlsx 再导入",
			what, mb(int64(min(size, 1<<62))), mb(limit))
	}
	var total uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		if total += size; size > uint64(lim.MaxExpanded) || total > uint64(lim.MaxExpanded) {
			return 0, fmt.Errorf("%w（上限见参数 %s）", bomb("", max(size, total), lim.MaxExpanded), SettingMaxExpanded)
		}
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		streamed := strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml"
		if strings.HasPrefix(name, "xl/worksheets/sheet") {
			largestSheet = max(largestSheet, int64(size))
		}
		if !streamed && size > maxOtherPart {
			return 0, bomb("中的「"+f.Name+"」", size, maxOtherPart)
		}
		if streamed {
			if err := checkRuns(f); err != nil {
				return 0, err
			}
		}
	}
	return largestSheet, nil
}

// maxRun is the longest stretch of a streamed part without a '<' or '>': the XML decoder
// excelize's row iterator uses holds a whole text or tag in memory, so a sheet of 400 MB of
// blanks between two tags would be held whole (and copied). A cell holds at most 32,767
// characters (Excel's limit), under 200 KB even with every character escaped.
const maxRun = 1 << 20

// checkRuns inflates a part once, in small pieces, and refuses it when a text or tag is
// longer than maxRun.
func checkRuns(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("无法打开 Excel 文件（文件损坏、加密或不是 .xlsx）：%w", err)
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	run := 0
	for {
		n, err := rc.Read(buf)
		for _, c := range buf[:n] {
			if c == '<' || c == '>' {
				run = 0
			} else if run++; run > maxRun {
				return fmt.Errorf("Excel 文件中的「%s」有超过 %s 的连续内容，不是正常的单元格（单元格最多 32767 个字）：文件可能已损坏或是恶意构造的，请用 Excel 或 WPS 打开后另存为 .xlsx 再导入", f.Name, mb(maxRun))
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("Excel 文件已损坏（「%s」无法解压）：%w", f.Name, err)
		}
	}
}

// scanCellStyles is cellStyles; tests replace it to exercise the fallback.
var scanCellStyles = cellStyles

// isNumber reports whether a raw cell is a plain decimal number (as Excel stores numbers).
func isNumber(s string) bool {
	if s == "" || strings.TrimSpace(s) != s {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// roundFloatNoise trims binary floating-point noise such as 0.30000000000000004 (a sum
// computed by a formula) to the 15 significant digits Excel itself shows, so that money
// computed in a sheet does not fail the two-decimals rule. Values in E notation are left
// alone: an 18-digit ID number stored as a number must stay recognisable as damaged.
func roundFloatNoise(s string) string {
	if !strings.Contains(s, ".") || strings.ContainsAny(s, "eE") {
		return s
	}
	if significantDigits(s) <= 15 {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	r := strconv.FormatFloat(f, 'g', 15, 64)
	if strings.ContainsAny(r, "eE") {
		return s
	}
	r2, _ := strconv.ParseFloat(r, 64)
	return strconv.FormatFloat(r2, 'f', -1, 64)
}

// significantDigits counts the digits of a decimal number without leading zeros.
func significantDigits(s string) int {
	n, leading := 0, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' || (leading && c == '0') {
			continue
		}
		leading = false
		n++
	}
	return n
}

// builtinDateFormats are the built-in number formats (ECMA-376 Part 1 §18.8.30, plus the
// zh-CN ones Excel and WPS use for 2024年3月5日 and the like) that show a date. Time-only
// formats (18–21, 32–35, 45–47, 55, 56) are not dates.
var builtinDateFormats = map[int]bool{
	14: true, 15: true, 16: true, 17: true, 22: true,
	27: true, 28: true, 29: true, 30: true, 31: true, 36: true,
	50: true, 51: true, 52: true, 53: true, 54: true, 57: true, 58: true,
}

func styleIsDate(f *excelize.File, styleID int) bool {
	if styleID == 0 {
		return false
	}
	st, err := f.GetStyle(styleID)
	if err != nil || st == nil {
		return false
	}
	if st.CustomNumFmt != nil {
		return formatCodeIsDate(*st.CustomNumFmt)
	}
	return builtinDateFormats[st.NumFmt]
}

// formatCodeIsDate reports whether a custom number format shows a date: after removing
// quoted literals ("年"), bracketed parts ([$-804], [Red]) and escaped characters, it has a
// year or day token. 'm' alone is not enough: it also means minutes (h:mm).
func formatCodeIsDate(code string) bool {
	var b strings.Builder
	inQuote, inBracket := false, false
	rs := []rune(code)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case inQuote:
			inQuote = r != '"'
		case inBracket:
			inBracket = r != ']'
		case r == '"':
			inQuote = true
		case r == '[':
			inBracket = true
		case r == '\\' || r == '_' || r == '*':
			i++ // the next character is a literal (or padding)
		default:
			b.WriteRune(r)
		}
	}
	plain := strings.ToLower(b.String())
	if plain == "general" || plain == "@" {
		return false
	}
	return strings.ContainsAny(plain, "yd")
}
