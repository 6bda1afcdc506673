package ledger

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Sheet is a ledger file: its header row and its non-blank data rows, cells as text. Dates in
// date-formatted Excel cells are already "YYYY-MM-DD"; everything else is the cell's raw text
// (Excel number formats are not applied). A sheet read whole (Read) holds its rows in Rows; a
// sheet opened (Open) streams them: Rows is empty and the parser reads them from the file one
// at a time, once, so that a large file is never held as rows (issue 15).
type Sheet struct {
	Headers []string
	Rows    []Line
	// date1904 records an Excel workbook using the 1904 date system, so that plain serial
	// numbers in date fields convert correctly.
	date1904 bool
	// more reads the next non-blank row of an opened sheet (false at the end); nil for a sheet
	// read whole. close releases the file (excelize's temporary files). read counts the data
	// rows it gave, against maxRows.
	more    func() (Line, bool, error)
	close   func() error
	read    int
	maxRows int
}

// Line is one data row.
type Line struct {
	Number int      // the spreadsheet row number as Excel shows it (the header row is 1)
	Cells  []string // by column; may be shorter than Headers when trailing cells are empty
}

// Cell returns the text of column i ("" past the end).
func (l Line) Cell(i int) string {
	if i < 0 || i >= len(l.Cells) {
		return ""
	}
	return l.Cells[i]
}

// Read reads a ledger file under the default limits; the format follows the extension
// (.xlsx/.xlsm or .csv).
func Read(path string) (*Sheet, error) { return ReadLimited(path, DefaultLimits()) }

// ReadLimited is Read under the given limits (zero fields take the defaults).
func ReadLimited(path string, lim Limits) (*Sheet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("打开文件 %s 失败：%w", path, err)
	}
	defer f.Close()
	return ReadFromLimited(f, filepath.Base(path), lim)
}

// ReadFrom reads a ledger from r under the default limits; name (a file name) gives the format
// by its extension. An unknown extension is sniffed: a ZIP archive is taken as .xlsx, anything
// else as CSV.
func ReadFrom(r io.Reader, name string) (*Sheet, error) {
	return ReadFromLimited(r, name, DefaultLimits())
}

// ReadFromLimited is ReadFrom under the given limits. No file is read past MaxExpanded bytes.
func ReadFromLimited(r io.Reader, name string, lim Limits) (*Sheet, error) {
	s, err := OpenFromLimited(r, name, lim)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	for {
		l, ok, err := s.Next()
		if err != nil {
			return nil, fmt.Errorf("%s：%w", name, err)
		}
		if !ok {
			break
		}
		s.Rows = append(s.Rows, l)
	}
	s.more = nil
	return s, nil
}

// Open opens a ledger file for streaming under the given limits (zero fields take the
// defaults): the header row is read, the data rows are read as they are asked for (Next, or a
// Parser). Close it when done.
func Open(path string, lim Limits) (*Sheet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("打开文件 %s 失败：%w", path, err)
	}
	defer f.Close()
	return OpenFromLimited(f, filepath.Base(path), lim)
}

// OpenFromLimited is Open on a reader; name gives the format as for ReadFrom. The file's bytes
// are held (an .xlsx is a zip archive, read from its end), its rows are not.
func OpenFromLimited(r io.Reader, name string, lim Limits) (*Sheet, error) {
	lim = lim.orDefault()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxExpanded+1))
	if err != nil {
		return nil, fmt.Errorf("读取 %s 失败：%w", name, err)
	}
	if int64(len(data)) > lim.MaxExpanded {
		return nil, fmt.Errorf("%s：文件超过 %s 的上限：请拆分成多个文件分别导入（上限见参数 %s）", name, mb(lim.MaxExpanded), SettingMaxExpanded)
	}
	var s *Sheet
	switch format := formatOf(name, data); format {
	case "xlsx":
		s, err = openXLSX(data, lim)
	case "csv":
		s, err = openCSV(data, lim)
	default:
		return nil, fmt.Errorf("%s：%s", name, format)
	}
	if err == nil {
		s.maxRows = lim.MaxRows
		err = s.readHeader()
	}
	if err != nil {
		if s != nil {
			s.Close()
		}
		return nil, fmt.Errorf("%s：%w", name, err)
	}
	if s.Headers == nil {
		s.Close()
		return nil, fmt.Errorf("%s：文件中没有表头行（第一行应为列名）", name)
	}
	return s, nil
}

// readHeader takes the first non-blank row as the header.
func (s *Sheet) readHeader() error {
	l, ok, err := s.more()
	if ok {
		s.Headers = l.Cells
	}
	return err
}

// Next returns the next data row: of Rows for a sheet read whole (which it does not consume:
// see Parser), read from the file for an opened sheet; false after the last. A row past
// MaxRows is an error.
func (s *Sheet) Next() (Line, bool, error) {
	if s.more == nil {
		return Line{}, false, nil
	}
	l, ok, err := s.more()
	if err != nil || !ok {
		s.more = nil
		return Line{}, false, err
	}
	if s.read++; s.maxRows > 0 && s.read > s.maxRows {
		s.more = nil
		return Line{}, false, tooManyRows(Limits{MaxRows: s.maxRows}, l.Number)
	}
	return l, true, nil
}

// each calls fn with every data row: those of Rows, then those read from an opened sheet's file.
func (s *Sheet) each(fn func(Line)) error {
	for _, l := range s.Rows {
		fn(l)
	}
	for {
		l, ok, err := s.Next()
		if err != nil || !ok {
			return err
		}
		fn(l)
	}
}

// Streaming reports whether the sheet's rows are read from its file as they are asked for.
func (s *Sheet) Streaming() bool { return s.more != nil }

// Close releases an opened sheet's file; a sheet read whole has nothing to release.
func (s *Sheet) Close() error {
	if s.close == nil {
		return nil
	}
	c := s.close
	s.close, s.more = nil, nil
	return c()
}

// formatOf returns "xlsx", "csv", or a Chinese message saying why the file cannot be read.
func formatOf(name string, data []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return "xlsx"
	case ".csv", ".txt":
		return "csv"
	case ".xls", ".et":
		return "不支持旧版 Excel（.xls）或 WPS（.et）格式，请另存为 .xlsx 后导入"
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return "xlsx"
	}
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) { // OLE2: a .xls under another name
		return "不支持旧版 Excel（.xls）格式，请另存为 .xlsx 后导入"
	}
	return "csv"
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// textReader reads the CSV bytes as UTF-8. Excel on a Chinese Windows saves "CSV (逗号分隔)" in
// the ANSI code page, i.e. GBK; "CSV UTF-8" adds a BOM. Chinese text in GBK is practically
// never valid UTF-8, so validity decides. GB18030 is a superset of GBK (and of GB 2312), so
// one decoder reads all three, as the rows are read.
func textReader(b []byte) (io.Reader, error) {
	if bytes.HasPrefix(b, utf8BOM) {
		b = b[len(utf8BOM):]
		if !utf8.Valid(b) {
			return nil, errors.New("文件以 UTF-8 标记开头，但内容不是有效的 UTF-8")
		}
		return bytes.NewReader(b), nil
	}
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return nil, errors.New("不支持 UTF-16（「Unicode 文本」）文件，请另存为「CSV UTF-8（逗号分隔）」或 .xlsx")
	}
	if utf8.Valid(b) {
		return bytes.NewReader(b), nil
	}
	return transform.NewReader(bytes.NewReader(b), simplifiedchinese.GB18030.NewDecoder()), nil
}

// openCSV opens RFC 4180 CSV for streaming. Quotes are read leniently (a stray quote inside an
// unquoted field is kept as text) because hand-edited files often have them.
func openCSV(data []byte, lim Limits) (*Sheet, error) {
	if err := checkLines(data, lim); err != nil {
		return nil, err
	}
	text, err := textReader(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	row, prevEnd := 0, 0
	next := func() (Line, bool, error) {
		for {
			rec, err := r.Read()
			if err == io.EOF {
				return Line{}, false, nil
			}
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					return Line{}, false, fmt.Errorf("CSV 第%d行格式错误：%v", pe.StartLine, pe.Err)
				}
				return Line{}, false, fmt.Errorf("无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）：%w", err)
			}
			// Excel shows one row per record (a quoted field may span lines) and one per empty
			// line, which encoding/csv skips: count both so row numbers match what users see.
			start, _ := r.FieldPos(0)
			row += 1 + max(0, start-prevEnd-1)
			last, _ := r.FieldPos(len(rec) - 1)
			prevEnd = last + strings.Count(rec[len(rec)-1], "\n")
			if blank(rec) {
				continue
			}
			if rec, err = checkColumns(lim, row, rec); err != nil {
				return Line{}, false, err
			}
			for i, c := range rec {
				rec[i] = unquoteFormula(c) // the apostrophe an export put before = + - @ (formula.go)
			}
			return Line{Number: row, Cells: rec}, true, nil
		}
	}
	return &Sheet{more: next}, nil
}

// checkLines refuses a CSV with a line longer than the limit (a line of commas would otherwise
// become a record of a million fields).
func checkLines(data []byte, lim Limits) error {
	for line := 1; len(data) > 0; line++ {
		n := bytes.IndexByte(data, '\n')
		if n < 0 {
			n = len(data)
		}
		if n > lim.MaxLine {
			return fmt.Errorf("第%d行过长（超过 %d KB）：请检查文件是否为台账 CSV", line, lim.MaxLine>>10)
		}
		data = data[min(n+1, len(data)):]
	}
	return nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if trim(c) != "" {
			return false
		}
	}
	return true
}
