package ledger

import (
	"fmt"

	"github.com/fazhi/fazhi/internal/law"
)

// HeaderLine is the line number of errors that concern the file as a whole (a missing or
// repeated column). Parse returns no rows when there is one: the file is refused.
const HeaderLine = 1

// ParseOptions tune Parse to the import at hand.
type ParseOptions struct {
	// ResolveOrg turns an org cell (a code or an exact name) into the org's code; its error's
	// message becomes the row error's reason (e.g. 未知的组织, 名称对应多个组织). Nil takes the
	// text as the code.
	ResolveOrg func(codeOrName string) (code string, err error)
	// DefaultOrg (the import's --org) fills the org field when its column is absent or the cell
	// is empty. It goes through ResolveOrg like any cell.
	DefaultOrg string
	// OrgField is the key of the field DefaultOrg fills; default: the field kept in law.ColOrg
	// (ParseKind uses the kind's OrgField).
	OrgField string
	// Status is the key of the status field that RequiredUnlessStatus refers to; default: the
	// field kept in law.ColStatus.
	Status string
	// Key is the key of the field that must not repeat within the file (per organisation when
	// there is an org field); default: the field kept in law.ColCode. A repeated 编号 would
	// otherwise make the second row silently overwrite the first.
	Key string
	// Words are extra enumeration words by field key: a deployment's dictionary (字典)
	// additions, accepted besides the declared Values.
	Words map[string][]string
	// MaxErrors is how many row errors are kept (0: DefaultMaxErrors); the others are only
	// counted, so that a file of bad rows cannot fill the memory or a 50 MB error page.
	MaxErrors int
}

// Result is what parsing a sheet gives: the valid rows, the first row errors in file order
// (at most MaxErrors), how many errors there are in all, and warnings (unknown columns).
type Result struct {
	Rows     []Row
	Errors   []RowError
	Total    int
	Warnings []string
}

// Row is one valid data row.
type Row struct {
	Line   int        // spreadsheet row number
	Values law.Values // canonical values; empty fields are absent
	// Given lists the keys of the fields the file has a column for (one slice shared by all
	// rows). Updating an existing record should change only these fields: a value that
	// came from a default or from --org for an absent column is not the file's word.
	Given []string
}

// RowError is one problem with one cell, or with the file when Line is HeaderLine.
type RowError struct {
	Line   int    // spreadsheet row number
	Column string // the Chinese header
	Value  string // the cell as typed
	Reason string // in Chinese
}

// String is the form the CLI prints (cli.md): 第R行 列「C」值「V」：原因.
func (e RowError) String() string {
	return fmt.Sprintf("第%d行 列「%s」值「%s」：%s", e.Line, e.Column, e.Value, e.Reason)
}

// Error lets a RowError travel as an error.
func (e RowError) Error() string { return e.String() }

// Parse validates the rows of sheet against fields. Rows with any error are left out of rows
// and reported in errs, every bad cell of every bad row, ordered by line (the first MaxErrors).
// Warnings (unknown columns) do not stop the import. An error on HeaderLine refuses the whole
// file: rows is nil.
func Parse(fields []law.Field, sheet *Sheet, opts ParseOptions) (rows []Row, errs []RowError, warnings []string) {
	r := ParseReport(fields, sheet, opts)
	return r.Rows, r.Errors, r.Warnings
}

// ParseReport is Parse with the count of all errors.
func ParseReport(fields []law.Field, sheet *Sheet, opts ParseOptions) Result {
	return parse(fields, nil, sheet, opts).result()
}

// ParseKind parses a ledger of kind: Parse with the kind's org field, then the kind's
// cross-field Checks on every row that passed field by field (on a row with a bad cell they
// would mostly repeat the same problem in other words). A failed check is reported under the
// column of the field it names.
func ParseKind(kind *law.Kind, sheet *Sheet, opts ParseOptions) (rows []Row, errs []RowError, warnings []string) {
	r := ParseKindReport(kind, sheet, opts)
	return r.Rows, r.Errors, r.Warnings
}

// ParseKindReport is ParseKind with the count of all errors.
func ParseKindReport(kind *law.Kind, sheet *Sheet, opts ParseOptions) Result {
	if opts.OrgField == "" {
		opts.OrgField = kind.OrgField
	}
	return parse(kind.Fields, kind.Checks, sheet, opts).result()
}

// checkErrors runs the cross-field checks on a row that passed field by field.
func checkErrors(fields []law.Field, checks []law.Check, cols columns, line Line, vals law.Values) []RowError {
	var out []RowError
	for _, c := range checks {
		key, msg := c.Run(vals, law.Env{}) // no calendar here: the store checks again with one
		if msg == "" {
			continue
		}
		// The article goes with the reason, as the store's own check says it (law.Validate).
		e := RowError{Line: line.Number, Column: key, Reason: msg + "（" + c.Article + "）"}
		for fi, f := range fields {
			if f.Key == key {
				e.Column = f.Label
				e.Value = trim(line.Cell(cols.index[fi]))
				if e.Value == "" {
					e.Value = cellText(vals[key])
				}
			}
		}
		out = append(out, e)
	}
	return out
}

type parsed struct {
	rows     []Row
	errs     []RowError
	total    int // errors found, listed or not
	max      int
	warnings []string
	cols     columns
}

// fail records a row's errors: listed while under the cap, counted always.
func (p *parsed) fail(errs []RowError) {
	p.total += len(errs)
	if room := p.max - len(p.errs); room > 0 {
		p.errs = append(p.errs, errs[:min(room, len(errs))]...)
	}
}

func (p parsed) result() Result {
	return Result{Rows: p.rows, Errors: p.errs, Total: p.total, Warnings: p.warnings}
}

// parse parses a sheet whole. An opened sheet that fails to read (a row past MaxRows, a broken
// file) is refused as a whole, its reason on HeaderLine.
func parse(fields []law.Field, checks []law.Check, sheet *Sheet, opts ParseOptions) parsed {
	ps := newParser(fields, checks, sheet, opts)
	for !ps.Done() {
		ps.out.rows = append(ps.out.rows, ps.Next(1<<30)...)
	}
	if ps.err != nil {
		ps.out.rows = nil
		ps.out.fail([]RowError{{Line: HeaderLine, Reason: ps.err.Error()}})
	}
	return ps.out
}

// Parser parses a sheet's rows a chunk at a time (Next), so that an import holds the parsed
// values of one chunk, not of the whole file — with an opened sheet, not even its cells; a
// repeated key is found across chunks, and the errors are kept (the first MaxErrors) and
// counted as by Parse.
type Parser struct {
	out                                          parsed
	fields                                       []law.Field
	checks                                       []law.Check
	opts                                         ParseOptions
	p                                            *parser
	sheet                                        *Sheet
	lines                                        []Line // a sheet read whole: the rows not parsed yet
	done                                         bool
	err                                          error // reading an opened sheet failed
	orgField, statusField, keyField, statusLabel string
	seen                                         map[string]int // org "\x00" key → first line
	// unnamed are the columns without a header not yet found holding data (a warning).
	unnamed []int
}

// NewKindParser is ParseKindReport a chunk at a time.
func NewKindParser(kind *law.Kind, sheet *Sheet, opts ParseOptions) *Parser {
	if opts.OrgField == "" {
		opts.OrgField = kind.OrgField
	}
	return newParser(kind.Fields, kind.Checks, sheet, opts)
}

// Result is what was found so far: the errors, their count and the warnings (Rows is empty:
// Next gave them).
func (ps *Parser) Result() Result {
	r := ps.out.result()
	r.Rows = nil
	return r
}

func newParser(fields []law.Field, checks []law.Check, sheet *Sheet, opts ParseOptions) *Parser {
	ps := &Parser{fields: fields, checks: checks, opts: opts, seen: map[string]int{}}
	ps.orgField = opts.OrgField
	if ps.orgField == "" {
		ps.orgField = keyInColumn(fields, law.ColOrg)
	}
	ps.statusField = opts.Status
	if ps.statusField == "" {
		ps.statusField = keyInColumn(fields, law.ColStatus)
	}
	ps.keyField = opts.Key
	if ps.keyField == "" {
		ps.keyField = keyInColumn(fields, law.ColCode)
	}
	ps.statusLabel = ps.statusField
	for _, f := range fields {
		if f.Key == ps.statusField {
			ps.statusLabel = f.Label
		}
	}
	ps.out = parsed{max: opts.MaxErrors}
	if ps.out.max <= 0 {
		ps.out.max = DefaultMaxErrors
	}
	var herrs []RowError
	ps.out.cols, ps.unnamed, ps.out.warnings, herrs = matchHeaders(fields, sheet.Headers, ps.orgField, opts.DefaultOrg)
	if len(herrs) > 0 {
		ps.out.fail(herrs)
		ps.done = true
		return ps // no lines: the file is refused
	}
	ps.p = &parser{opts: opts, date1904: sheet.date1904, orgs: map[string]orgResult{}}
	ps.sheet, ps.lines = sheet, sheet.Rows
	ps.done = !sheet.Streaming() && len(ps.lines) == 0
	return ps
}

// Next parses up to n more lines and returns their valid rows; none are left when Done says
// so (Err says whether reading the file failed).
func (ps *Parser) Next(n int) []Row {
	var rows []Row
	for ; n > 0 && !ps.done; n-- {
		line, ok := ps.nextLine()
		if !ok {
			break
		}
		ps.warnUnnamed(line)
		if row, ok := ps.line(line); ok {
			rows = append(rows, row)
		}
	}
	return rows
}

// nextLine takes the next line of the sheet: of Rows, or read from an opened sheet's file.
func (ps *Parser) nextLine() (Line, bool) {
	if !ps.sheet.Streaming() {
		line := ps.lines[0]
		ps.lines = ps.lines[1:]
		ps.done = len(ps.lines) == 0
		return line, true
	}
	line, ok, err := ps.sheet.Next()
	if err != nil || !ok {
		ps.done, ps.err = true, err
	}
	return line, ok
}

// warnUnnamed warns, once per column, of data in a column without a header.
func (ps *Parser) warnUnnamed(line Line) {
	for i := 0; i < len(ps.unnamed); i++ {
		col := ps.unnamed[i]
		if trim(line.Cell(col)) == "" {
			continue
		}
		ps.out.warnings = append(ps.out.warnings, fmt.Sprintf("第%s列没有列名，该列已忽略", columnName(col)))
		ps.unnamed = append(ps.unnamed[:i], ps.unnamed[i+1:]...)
		i--
	}
}

// Done reports whether every line was parsed.
func (ps *Parser) Done() bool { return ps.done }

// Err is the error reading an opened sheet stopped at (a row past MaxRows, a broken file): the
// file is refused as a whole.
func (ps *Parser) Err() error { return ps.err }

// line parses one line: its row, or its errors recorded.
func (ps *Parser) line(line Line) (Row, bool) {
	fields, opts, p := ps.fields, ps.opts, ps.p
	orgField, statusField, keyField := ps.orgField, ps.statusField, ps.keyField
	vals := law.Values{}
	var rerrs []RowError
	bad := map[string]bool{}
	for i, f := range fields {
		cell := trim(line.Cell(ps.out.cols.index[i]))
		s := cell
		if s == "" && f.Key == orgField {
			s = opts.DefaultOrg
		}
		if s == "" {
			s = f.Default
		}
		var v any
		if s != "" {
			var reason string
			if v, reason = p.value(f, s); reason != "" {
				rerrs = append(rerrs, RowError{Line: line.Number, Column: f.Label, Value: s, Reason: reason})
				bad[f.Key] = true
				continue
			}
		}
		if empty(v) {
			if f.Required {
				rerrs = append(rerrs, RowError{Line: line.Number, Column: f.Label, Value: cell, Reason: "必填"})
				bad[f.Key] = true
			}
			continue
		}
		vals[f.Key] = v
	}
	if statusField != "" && !bad[statusField] {
		status := vals.Str(statusField)
		for _, f := range fields {
			if len(f.RequiredUnlessStatus) == 0 || bad[f.Key] || vals[f.Key] != nil || !f.RequiredFor(status) {
				continue
			}
			rerrs = append(rerrs, RowError{Line: line.Number, Column: f.Label,
				Reason: fmt.Sprintf("必填（%s为「%s」时）", ps.statusLabel, status)})
		}
	}
	if k := vals.Str(keyField); k != "" {
		// A key of its own: the cells are slices of their row's text (encoding/csv makes one
		// string of a record), which a key of the cells would keep, every row of the file.
		id := vals.Str(orgField) + "\x00" + k
		if first, dup := ps.seen[id]; dup {
			label := keyField
			for _, f := range fields {
				if f.Key == keyField {
					label = f.Label
				}
			}
			rerrs = append(rerrs, RowError{Line: line.Number, Column: label, Value: k,
				Reason: fmt.Sprintf("与第%d行重复", first)})
		} else {
			ps.seen[id] = line.Number
		}
	}
	if len(rerrs) == 0 {
		rerrs = checkErrors(fields, ps.checks, ps.out.cols, line, vals)
	}
	if len(rerrs) > 0 {
		ps.out.fail(rerrs)
		return Row{}, false
	}
	return Row{Line: line.Number, Values: vals, Given: ps.out.cols.given}, true
}

func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []string:
		return len(x) == 0
	}
	return false
}

func keyInColumn(fields []law.Field, c law.Column) string {
	for _, f := range fields {
		if f.Column == c {
			return f.Key
		}
	}
	return ""
}
