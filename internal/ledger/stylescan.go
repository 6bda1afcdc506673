package ledger

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
)

// styleScanner reads the style index (the s attribute, ECMA-376 §18.3.1.4) of each cell of the
// first worksheet, a row at a time, alongside excelize's row iterator: that iterator does not
// expose styles, and excelize's GetCellStyle first unmarshals the whole worksheet. It looks at
// tags only — the s and r attributes of <row> and <c> inside <sheetData> — and skips text,
// comments, CDATA and processing instructions, so one pass costs a fraction of reading the rows.
// Anything it cannot read as plainly (an entity inside an r or s attribute, a DTD) ends the scan
// with errScan, and the caller asks excelize instead.
type styleScanner struct {
	rc     io.Closer
	r      *bufio.Reader
	inData bool
	// next is a <row> read but not yet taken, numbered as excelize numbers it (its r, or one
	// after the previous row); last is the number of the previous row.
	next, last int
	pending    bool
	styles     []int // of the row being taken, by 0-based column
	buf        []byte
}

var errScan = errors.New("工作表结构不标准")

// newStyleScanner opens the first sheet of the package (found by its relationships, as
// excelize lists it first) for scanning; nil when it cannot be found this way.
func newStyleScanner(data []byte, sheetName string) *styleScanner {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	sheetPath, ok := firstSheetPath(files, sheetName)
	if !ok {
		return nil
	}
	rc, err := files[sheetPath].Open()
	if err != nil {
		return nil
	}
	return &styleScanner{rc: rc, r: bufio.NewReaderSize(rc, 1<<16)}
}

func (sc *styleScanner) Close() error { return sc.rc.Close() }

// row returns the style indexes (by 0-based column; 0 where a cell has none) of the cells
// excelize yields as row n: those of the <row> elements numbered up to n not taken yet — one in
// a well-formed sheet, whose rows ascend; excelize runs rows that go back into the current one,
// and so does this. The slice is reused by the next call.
func (sc *styleScanner) row(n int) ([]int, error) {
	sc.styles = sc.styles[:0]
	for {
		if !sc.pending {
			ok, err := sc.nextRow()
			if err != nil || !ok {
				return sc.styles, err
			}
		}
		if sc.next > n {
			return sc.styles, nil
		}
		sc.pending, sc.last = false, sc.next
		if err := sc.cells(); err != nil {
			return nil, err
		}
	}
}

// The tags the scan tells apart; every other element is tagOther.
const (
	tagOther = iota
	tagSheetData
	tagRow
	tagCell
)

// nextRow reads up to the next <row> start tag inside <sheetData>; false at the end of the data.
func (sc *styleScanner) nextRow() (bool, error) {
	for {
		t, end, r, _, err := sc.tag()
		if err != nil || t < 0 {
			return false, err
		}
		switch {
		case t == tagSheetData && end:
			return false, nil
		case t == tagSheetData:
			sc.inData = true
		case t == tagRow && !end && sc.inData:
			sc.takeRow(r)
			return true, nil
		}
	}
}

// takeRow notes a <row> start as pending, numbered as excelize numbers it.
func (sc *styleScanner) takeRow(r string) {
	sc.pending, sc.next = true, sc.last+1
	if v, err := strconv.Atoi(r); err == nil && v != 0 {
		sc.next = v
	}
}

// cells reads the <c> tags of the row just taken, up to the next row or the end of the data.
func (sc *styleScanner) cells() error {
	col := 0
	for {
		t, end, r, s, err := sc.tag()
		if err != nil || t < 0 {
			return err
		}
		switch {
		case t == tagSheetData && end:
			sc.inData = false
			return nil
		case t == tagRow && !end:
			sc.takeRow(r)
			return nil
		case t == tagCell && !end:
			col++
			if r != "" {
				if col = columnOf(r); col == 0 {
					return errScan
				}
			}
			style, err := strconv.Atoi(s)
			if err != nil || col > maxScanColumns {
				continue
			}
			for len(sc.styles) < col {
				sc.styles = append(sc.styles, 0)
			}
			sc.styles[col-1] = style
		}
	}
}

// maxScanColumns is Excel's last column (XFD): a style beyond it is of no cell excelize reads.
const maxScanColumns = 16384

// columnOf is the 1-based column of a cell reference such as AB12 ($AB$12), or 0 when r is not one.
func columnOf(r string) int {
	col, i := 0, 0
	r = strings.ReplaceAll(r, "$", "")
	for ; i < len(r); i++ {
		c := r[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		if col = col*26 + int(c-'a') + 1; col > maxScanColumns {
			return 0
		}
	}
	if i == 0 || i == len(r) {
		return 0
	}
	for _, c := range r[i:] {
		if c < '0' || c > '9' {
			return 0
		}
	}
	return col
}

// tag reads to the next element tag and returns which it is (-1 at the end of the part),
// whether it is an end tag, and for <row> and <c> their r and s attributes.
func (sc *styleScanner) tag() (t int, end bool, r, s string, err error) {
	for {
		if _, err := sc.r.ReadSlice('<'); err != nil {
			if err == bufio.ErrBufferFull {
				continue // a long text: the '<' is further on
			}
			if err == io.EOF {
				return -1, false, "", "", nil
			}
			return -1, false, "", "", errScan
		}
		c, err := sc.r.ReadByte()
		if err != nil {
			return -1, false, "", "", errScan
		}
		switch c {
		case '?':
			err = sc.skipPast("?>")
		case '!':
			err = sc.skipMarkup()
		case '/':
			t, _, _, err = sc.tagBody()
			return t, true, "", "", err
		default:
			sc.r.UnreadByte()
			t, r, s, err = sc.tagBody()
			return t, false, r, s, err
		}
		if err != nil {
			return -1, false, "", "", err
		}
	}
}

// tagBody reads a tag after its '<' (and '/') up to its '>': which tag it is and, for a <row>
// or <c>, its r and s attributes.
func (sc *styleScanner) tagBody() (t int, r, s string, err error) {
	sc.buf = sc.buf[:0]
	for {
		c, err := sc.r.ReadByte()
		if err != nil {
			return -1, "", "", errScan
		}
		if c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			sc.r.UnreadByte()
			break
		}
		sc.buf = append(sc.buf, c)
	}
	name := sc.buf
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:] // x:c is c
	}
	switch string(name) {
	case "sheetData":
		t = tagSheetData
	case "row":
		t = tagRow
	case "c":
		t = tagCell
	}
	var keyBuf [16]byte
	key := keyBuf[:0]
	for {
		c, err := sc.r.ReadByte()
		if err != nil {
			return -1, "", "", errScan
		}
		switch {
		case c == '>':
			return t, r, s, nil
		case c == '"' || c == '\'':
			val, err := sc.r.ReadSlice(c)
			if err != nil {
				return -1, "", "", errScan
			}
			if (t == tagRow || t == tagCell) && len(key) == 1 && (key[0] == 'r' || key[0] == 's') {
				if bytes.IndexByte(val, '&') >= 0 {
					return -1, "", "", errScan // an entity: the decoder would have to resolve it
				}
				if key[0] == 'r' {
					r = string(val[:len(val)-1])
				} else {
					s = string(val[:len(val)-1])
				}
			}
			key = key[:0]
		case c == '=' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/':
		default:
			key = append(key, c)
		}
	}
}

// skipMarkup skips a comment or a CDATA section; a DTD ends the scan (a worksheet has none).
func (sc *styleScanner) skipMarkup() error {
	head, err := sc.r.Peek(2)
	if err != nil {
		return errScan
	}
	if string(head) == "--" {
		return sc.skipPast("-->")
	}
	if head[0] == '[' {
		if b, err := sc.r.Peek(7); err == nil && string(b) == "[CDATA[" {
			return sc.skipPast("]]>")
		}
	}
	return errScan
}

// skipPast reads past the next occurrence of end.
func (sc *styleScanner) skipPast(end string) error {
	last := end[len(end)-1]
	tail := make([]byte, 0, len(end))
	for {
		c, err := sc.r.ReadByte()
		if err != nil {
			return errScan
		}
		tail = append(tail, c)
		if len(tail) > len(end) {
			tail = tail[1:]
		}
		if c == last && string(tail) == end {
			return nil
		}
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// firstSheetPath follows the package relationships (ECMA-376 Part 2, Open Packaging
// Conventions) from _rels/.rels to the workbook and from the workbook to its first sheet,
// which must be the one excelize lists first.
func firstSheetPath(files map[string]*zip.File, sheetName string) (string, bool) {
	wb, ok := relTarget(files, "", "_rels/.rels", "/officeDocument", "")
	if !ok {
		return "", false
	}
	var found string
	eachElement(files[wb], "sheet", func(se xml.StartElement) bool {
		if attr(se, "name") != sheetName {
			return true // the first sheet is not the one excelize lists first
		}
		var id string
		for _, a := range se.Attr {
			if a.Name.Local == "id" && a.Name.Space != "" { // r:id
				id = a.Value
			}
		}
		dir := path.Dir(wb)
		rels := path.Join(dir, "_rels", path.Base(wb)+".rels")
		if p, ok := relTarget(files, dir, rels, "", id); ok && files[p] != nil {
			found = p
		}
		return true
	})
	return found, found != ""
}

// eachElement calls fn with each start element named local in a package part, until fn
// returns true or the part ends.
func eachElement(f *zip.File, local string, fn func(xml.StartElement) bool) {
	if f == nil {
		return
	}
	rc, err := f.Open()
	if err != nil {
		return
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == local && fn(se) {
			return
		}
	}
}

// relTarget returns the part a relationship points to, found by type suffix or by id, as a
// path in the package.
func relTarget(files map[string]*zip.File, dir, relsPath, typeSuffix, id string) (string, bool) {
	var found string
	eachElement(files[relsPath], "Relationship", func(se xml.StartElement) bool {
		if (id != "" && attr(se, "Id") == id) || (typeSuffix != "" && strings.HasSuffix(attr(se, "Type"), typeSuffix)) {
			target := attr(se, "Target")
			if strings.HasPrefix(target, "/") {
				found = strings.TrimPrefix(target, "/")
			} else {
				found = path.Join(dir, target)
			}
			return true
		}
		return false
	})
	return found, found != ""
}
