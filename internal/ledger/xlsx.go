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

// openXLSX opens the first worksheet for streaming. Cells are read raw (Options.RawCellValue):
// applying every cell's number format costs about 4× the time (design/dependencies.md) and
// would turn dates into US-style text. Dates are recovered from the cells whose style has a
// date format, the styles read alongside the rows (styleScanner).
//
// The package is checked against the limits from its central directory first (checkPackage);
// excelize then keeps parts above xmlInMemory in temporary files, and the rows are streamed
// with its row iterator, one at a time, each checked as it is read.
func openXLSX(data []byte, lim Limits) (*Sheet, error) {
	largestSheet, err := checkPackage(data, lim)
	if err != nil {
		return nil, err
	}
	opts := excelize.Options{RawCellValue: true, UnzipSizeLimit: lim.MaxExpanded, UnzipXMLSizeLimit: min(lim.MaxExpanded, xmlInMemory)}
	f, err := excelize.OpenReader(bytes.NewReader(data), opts)
	if err != nil {
		return nil, fmt.Errorf("无法打开 Excel 文件（文件损坏、加密或不是 .xlsx）：%w", err)
	}
	x := &xlsxRows{f: f, opts: opts, lim: lim, largeSheet: largestSheet > xmlInMemory, dateStyle: map[int]bool{}}
	if err := x.open(data); err != nil {
		x.close()
		return nil, err
	}
	return &Sheet{date1904: x.date1904, more: x.next, close: x.close}, nil
}

// xlsxRows is an open worksheet: excelize's row iterator and the style scan beside it.
type xlsxRows struct {
	f          *excelize.File
	opts       excelize.Options
	lim        Limits
	name       string
	rows       *excelize.Rows
	styles     *styleScanner // nil: styles are asked of excelize (styleOf)
	largeSheet bool          // above xmlInMemory: excelize's GetCellStyle would hold it whole
	date1904   bool
	number     int          // the row excelize is at (Rows.Next yields every number, absent rows too)
	dateStyle  map[int]bool // style id → has a date format
}

func (x *xlsxRows) open(data []byte) error {
	sheets := x.f.GetSheetList()
	if len(sheets) == 0 {
		return fmt.Errorf("工作簿中没有工作表")
	}
	x.name = sheets[0]
	props, err := x.f.GetWorkbookProps()
	if err != nil {
		return err
	}
	x.date1904 = props.Date1904 != nil && *props.Date1904
	if x.rows, err = x.f.Rows(x.name); err != nil {
		return err
	}
	x.styles = openStyleScanner(data, x.name)
	return nil
}

func (x *xlsxRows) close() error {
	var err error
	if x.rows != nil {
		err = x.rows.Close()
	}
	if x.styles != nil {
		x.styles.Close()
	}
	if cerr := x.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// next reads the next non-blank row, its numbers that are dates in date-formatted cells turned
// into YYYY-MM-DD, the others cleared of floating-point noise.
func (x *xlsxRows) next() (Line, bool, error) {
	for x.rows.Next() {
		x.number++
		cells, err := x.rows.Columns(x.opts)
		if err != nil {
			return Line{}, false, fmt.Errorf("读取第%d行失败：%w", x.number, err)
		}
		var styles []int
		if x.styles != nil {
			if styles, err = x.styles.row(x.number); err != nil {
				x.styles.Close()
				x.styles = nil // asked of excelize from here on
			}
		}
		if blank(cells) {
			continue
		}
		if cells, err = checkColumns(x.lim, x.number, cells); err != nil {
			return Line{}, false, err
		}
		for i, c := range cells {
			if !isNumber(c) {
				continue
			}
			isDate, err := x.isDate(styles, i)
			if err != nil {
				return Line{}, false, err
			}
			if isDate {
				if d, ok := serialDate(c, x.date1904); ok {
					cells[i] = d
				}
				continue
			}
			cells[i] = roundFloatNoise(c)
		}
		return Line{Number: x.number, Cells: cells}, true, nil
	}
	return Line{}, false, x.rows.Error()
}

// isDate reports whether the cell at 0-based column col of the current row has a date format.
func (x *xlsxRows) isDate(styles []int, col int) (bool, error) {
	var style int
	switch {
	case x.styles != nil:
		if col < len(styles) {
			style = styles[col]
		}
	case x.largeSheet:
		// excelize's GetCellStyle would unmarshal the whole worksheet into memory.
		return false, fmt.Errorf("无法读取单元格格式（工作表结构不标准）：请用 Excel 或 WPS 打开后另存为 .xlsx 再导入")
	default:
		ref, err := excelize.CoordinatesToCellName(col+1, x.number)
		if err != nil {
			return false, err
		}
		if style, err = x.f.GetCellStyle(x.name, ref); err != nil {
			return false, err
		}
	}
	isDate, seen := x.dateStyle[style]
	if !seen {
		isDate = styleIsDate(x.f, style)
		x.dateStyle[style] = isDate
	}
	return isDate, nil
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

// openStyleScanner is newStyleScanner; tests replace it to exercise the fallback.
var openStyleScanner = newStyleScanner

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
