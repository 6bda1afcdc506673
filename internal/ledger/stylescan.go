package ledger

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellPos is a cell's 1-based (row, column).
type cellPos [2]int

// cellStyles returns the style index (the s attribute, ECMA-376 §18.3.1.4) of the cells of
// the workbook's first worksheet listed in want. excelize's rows iterator does not expose
// styles, and its GetCellStyle first unmarshals the whole worksheet, which costs more than
// reading the rows; a token scan of the sheet XML costs a fraction. ok is false when the
// sheet cannot be found this way (the caller then asks excelize).
func cellStyles(data []byte, sheetName string, want map[cellPos]bool) (map[cellPos]int, bool) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, false
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	sheetPath, ok := firstSheetPath(files, sheetName)
	if !ok {
		return nil, false
	}
	rc, err := files[sheetPath].Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	dec := xml.NewDecoder(bufio.NewReaderSize(rc, 1<<16))
	out := map[cellPos]int{}
	row, col, inData := 0, 0, false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return out, true
		}
		if err != nil {
			return nil, false
		}
		if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "sheetData" {
			return out, true
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "sheetData":
			inData = true
		case "row":
			if !inData {
				continue
			}
			// r is optional: without it a row follows the previous one.
			row, col = row+1, 0
			if v := attr(se, "r"); v != "" {
				if n, err := strconv.Atoi(v); err == nil {
					row = n
				}
			}
		case "c":
			if !inData {
				continue
			}
			col++
			if v := attr(se, "r"); v != "" {
				if c, r, err := excelize.CellNameToCoordinates(v); err == nil {
					col, row = c, r
				}
			}
			if s := attr(se, "s"); s != "" && want[cellPos{row, col}] {
				if n, err := strconv.Atoi(s); err == nil {
					out[cellPos{row, col}] = n
				}
			}
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
