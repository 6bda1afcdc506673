package ledger

import (
	"fmt"
	"strings"
)

// Limits bound what reading and parsing a ledger may cost, so that no file — a zip bomb, a
// sheet with a cell at column XFD, a million rows — can take the server's memory (issue 9;
// GB/T 22239-2019 8.1.4.5 软件容错). A deployment may raise them in the settings
// (intake.LoadLimits); beyond them a file is refused with what to do, before it is held in
// memory.
type Limits struct {
	MaxRows     int   // data rows (blank rows do not count)
	MaxColumns  int   // columns with content
	MaxExpanded int64 // bytes: an .xlsx's parts unzipped, together; a CSV file as read
	MaxLine     int   // bytes of one CSV line
	MaxErrors   int   // row errors listed (all are counted)
}

// Default limits: a county's largest ledger (人民调解, some 6,000 a year) is far below 200,000
// rows; the widest kind has under 40 columns.
const (
	DefaultMaxRows     = 200_000
	DefaultMaxColumns  = 200
	DefaultMaxExpanded = 500 << 20
	DefaultMaxLine     = 1 << 20
	DefaultMaxErrors   = 1000
	// maxOtherPart caps a package part excelize reads into memory whole (styles, the workbook,
	// pictures): worksheets and the shared strings above xmlInMemory go to temporary files and
	// are streamed, the rest is held.
	maxOtherPart = 32 << 20
	xmlInMemory  = 16 << 20
)

// DefaultLimits are the limits without a deployment's settings.
func DefaultLimits() Limits {
	return Limits{MaxRows: DefaultMaxRows, MaxColumns: DefaultMaxColumns, MaxExpanded: DefaultMaxExpanded,
		MaxLine: DefaultMaxLine, MaxErrors: DefaultMaxErrors}
}

// orDefault fills the zero limits with the defaults.
func (l Limits) orDefault() Limits {
	d := DefaultLimits()
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = d.MaxColumns
	}
	if l.MaxExpanded <= 0 {
		l.MaxExpanded = d.MaxExpanded
	}
	if l.MaxLine <= 0 {
		l.MaxLine = d.MaxLine
	}
	if l.MaxErrors <= 0 {
		l.MaxErrors = d.MaxErrors
	}
	return l
}

// The settings that change the limits (values: positive integers).
const (
	SettingMaxRows     = "import.max_rows"
	SettingMaxColumns  = "import.max_columns"
	SettingMaxExpanded = "import.max_expanded_mb"
)

func mb(n int64) string { return fmt.Sprintf("%d MB", (n+(1<<20)-1)>>20) }

func tooManyRows(l Limits, line int) error {
	return fmt.Errorf("数据超过 %d 行（第%d行已超出）：请拆分成多个文件分别导入（上限见参数 %s）", l.MaxRows, line, SettingMaxRows)
}

// checkColumns drops the empty cells at the end of a row and refuses a row with content
// beyond the column limit.
func checkColumns(l Limits, line int, cells []string) ([]string, error) {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	if n > l.MaxColumns {
		return nil, fmt.Errorf("第%d行有内容的单元格到了第%d列（%s列），超过 %d 列的上限：请删除表格右侧多余的内容后导入（上限见参数 %s）",
			line, n, columnName(n-1), l.MaxColumns, SettingMaxColumns)
	}
	return cells[:n], nil
}
