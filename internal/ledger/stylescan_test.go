package ledger

import (
	"bufio"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func scannerOf(xml string) *styleScanner {
	rc := io.NopCloser(strings.NewReader(xml))
	return &styleScanner{rc: rc, r: bufio.NewReaderSize(rc, 16)} // a small buffer: texts span it
}

// The scan numbers rows and cells as excelize does (r when given, else one after the previous),
// takes namespace prefixes, and is not fooled by tags inside comments, CDATA or attribute values.
func TestStyleScannerRows(t *testing.T) {
	sc := scannerOf(`<?xml version="1.0"?><x:worksheet xmlns:x="main"><x:sheetPr><x:tabColor rgb="FF00"/></x:sheetPr>
	<x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" s="4"><x:v>45356</x:v></x:c></x:row>
	<!-- <row r="2"><c r="A2" s="9"/></row> -->
	<x:row><x:c s="7"><x:v>1</x:v></x:c><x:c><x:is><x:t><![CDATA[<c r="Z2" s="9">]]> a long text spanning the buffer</x:t></x:is></x:c><x:c s="5" r="$D$2"/></x:row>
	<x:row r="5" spans="1:2" note="a > b"><x:c r="B5" s="3"><x:f>A1&gt;0</x:f><x:v>1</x:v></x:c></x:row>
	</x:sheetData><x:row r="9"><x:c r="A9" s="8"/></x:row></x:worksheet>`)
	want := map[int][]int{1: {0, 0, 4}, 2: {7, 0, 0, 5}, 3: {}, 4: {}, 5: {0, 3}, 6: {}, 9: {}}
	for _, n := range []int{1, 2, 3, 4, 5, 6, 9} {
		got, err := sc.row(n)
		if err != nil {
			t.Fatalf("row %d: %v", n, err)
		}
		if !reflect.DeepEqual(append([]int{}, got...), want[n]) {
			t.Errorf("row %d: styles %v, want %v", n, got, want[n])
		}
	}
}

// What the scan cannot read plainly ends it with errScan (the reader then asks excelize).
func TestStyleScannerRefuses(t *testing.T) {
	for _, xml := range []string{
		`<!DOCTYPE x [<!ENTITY a "1">]><sheetData><row><c s="&a;"/></row></sheetData>`,
		`<sheetData><row><c r="1A" s="3"/></row></sheetData>`,
		`<sheetData><row><c s="3"`,
	} {
		if _, err := scannerOf(xml).row(1); err != errScan {
			t.Errorf("%s: %v, want errScan", xml, err)
		}
	}
}

// An opened sheet streams the rows Read gives whole, dates from date-formatted cells included,
// and a row past MaxRows fails the read where it is (the file is refused).
func TestOpenStreamsWhatReadReads(t *testing.T) {
	path := writeBook(t, func(f *excelize.File) [][]any {
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		custom := "yyyy\"年\"m\"月\"d\"日\""
		cn, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
		return [][]any{{"编号", "受理日期", "金额"},
			{"1", excelize.Cell{Value: 45356, StyleID: style}, 0.1 + 0.2},
			{},
			{"2", excelize.Cell{Value: 45357, StyleID: cn}, 45357}}
	})
	whole := mustRead(t, path)
	s, err := Open(path, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Streaming() || !reflect.DeepEqual(s.Headers, whole.Headers) {
		t.Fatalf("opened: streaming %v, headers %q", s.Streaming(), s.Headers)
	}
	var got []Line
	if err := s.each(func(l Line) { got = append(got, l) }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, whole.Rows) || got[0].Cells[1] != "2024-03-05" || got[1].Cells[1] != "2024-03-06" || got[1].Cells[2] != "45357" || got[1].Number != 4 {
		t.Errorf("streamed %v, read whole %v", got, whole.Rows)
	}
	one, err := Open(path, Limits{MaxRows: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	p := newParser(nil, nil, one, ParseOptions{})
	for !p.Done() {
		p.Next(10)
	}
	if p.Err() == nil || !strings.Contains(p.Err().Error(), "第4行已超出") {
		t.Errorf("a row past MaxRows: %v", p.Err())
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none.xlsx"), Limits{}); err == nil {
		t.Error("opened a file that is not there")
	}
}
