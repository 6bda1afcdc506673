package ledger

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fazhi/fazhi/internal/law"
)

// Hostile files (issue 9, item 1): each must end in a clear refusal, not in the server's
// memory. FAZHI_REPORT_RSS=1 logs the process's peak RSS after each (run one per process
// to read it: go test -c, then ./ledger.test -test.run 'TestHostileFiles/<name>$' -test.v);
// nothing here asserts a size or a time.

// smallBook is a valid one-sheet ledger as .xlsx bytes.
func smallBook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"编号", "受理日期"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"T-1", "2024-03-05"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rewriteZip copies a zip, letting edit replace an entry: it gets the entry's name and returns
// the raw header and deflated body to write instead (nil keeps the entry).
func rewriteZip(t testing.TB, data []byte, edit func(name string, body []byte) (*zip.FileHeader, []byte)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		if h, raw := edit(f.Name, body); h != nil {
			w, err := zw.CreateRaw(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(raw)
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func deflate(parts ...io.Reader) (raw []byte, size uint64, crc uint32) {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	h := crc32.NewIEEE()
	n, _ := io.Copy(io.MultiWriter(fw, h), io.MultiReader(parts...))
	fw.Close()
	return buf.Bytes(), uint64(n), h.Sum32()
}

// claims4GB is a tiny .xlsx whose worksheet entry claims 4 GB unzipped.
func claims4GB(t testing.TB) []byte {
	return rewriteZip(t, smallBook(t), func(name string, body []byte) (*zip.FileHeader, []byte) {
		if name != "xl/worksheets/sheet1.xml" {
			return nil, nil
		}
		raw, _, crc := deflate(bytes.NewReader(body))
		return &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc, CompressedSize64: uint64(len(raw)),
			UncompressedSize64: 4 << 30}, raw
	})
}

// whitespaceBomb is an .xlsx whose worksheet holds size bytes of spaces inside its sheetData,
// honestly declared: a zip of a few hundred KB per 100 MB.
func whitespaceBomb(t testing.TB, size int64) []byte {
	return rewriteZip(t, smallBook(t), func(name string, body []byte) (*zip.FileHeader, []byte) {
		if name != "xl/worksheets/sheet1.xml" {
			return nil, nil
		}
		at := bytes.Index(body, []byte("<sheetData>")) + len("<sheetData>")
		spaces := io.LimitReader(repeatReader(' '), size)
		raw, n, crc := deflate(bytes.NewReader(body[:at]), spaces, bytes.NewReader(body[at:]))
		return &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc, CompressedSize64: uint64(len(raw)), UncompressedSize64: n}, raw
	})
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// farColumn is a ledger of rows rows, each with one cell at column XFD (16,384).
func farColumn(t testing.TB, rows int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"编号", "受理日期"})
	for r := 2; r <= rows+1; r++ {
		if err := sw.SetRow("XFD"+strconv.Itoa(r), []any{"x"}); err != nil {
			t.Fatal(err)
		}
	}
	sw.Flush()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHostileFiles(t *testing.T) {
	// The bombs at full size (600 MB over the default 500 MB limit, 400 MB under it) take a
	// minute to make and read on a busy machine: the ordinary run scales them and the limit
	// down by 10, which takes the same code paths.
	scale, lim := int64(10), Limits{MaxExpanded: DefaultMaxExpanded / 10}
	if os.Getenv("FAZHI_REPORT_RSS") != "" {
		scale, lim = 1, Limits{}
	}
	for _, c := range []struct {
		name string
		file func(testing.TB) []byte
		lim  Limits
		want string // "" = read (bounded), no refusal
	}{
		{"claims4GB", claims4GB, Limits{}, "解压后有 4096 MB，超过 500 MB 的上限"},
		{"whitespaceBomb", func(t testing.TB) []byte { return whitespaceBomb(t, 600<<20/scale) }, lim, "MB 的上限"},
		// Under the size limit the blanks are still refused: the XML decoder would hold them
		// as one piece of text.
		{"whitespaceUnderLimit", func(t testing.TB) []byte { return whitespaceBomb(t, 400<<20/scale) }, lim, "有超过 1 MB 的连续内容，不是正常的单元格"},
		{"xfd5000", func(t testing.TB) []byte { return farColumn(t, 5000) }, Limits{}, "第2行有内容的单元格到了第16384列（XFD列），超过 200 列的上限"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := c.file(t)
			t.Logf("file: %d bytes", len(data))
			s, err := ReadFromLimited(bytes.NewReader(data), "hostile.xlsx", c.lim)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("got %v, want a refusal saying %q", err, c.want)
			case c.want == "" && len(s.Rows) > 1:
				t.Errorf("%d rows", len(s.Rows))
			}
			if err != nil {
				t.Log(err)
			}
			logPeakRSS(t)
		})
	}
}

// The row, column, size and line caps of both formats, with small limits.
func TestReadLimits(t *testing.T) {
	csvRows := func(n int) string {
		var b strings.Builder
		b.WriteString("编号,受理日期\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "T-%d,2024-03-05\n\n", i) // blank lines do not count
		}
		return b.String()
	}
	book := func(rows int) []byte {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetRow("Sheet1", "A1", &[]any{"编号", "受理日期"})
		for i := 0; i < rows; i++ {
			f.SetSheetRow("Sheet1", "A"+strconv.Itoa(2+2*i), &[]any{"T", "2024-03-05"})
		}
		var buf bytes.Buffer
		f.Write(&buf)
		return buf.Bytes()
	}
	for _, c := range []struct {
		name, file string
		data       []byte
		lim        Limits
		want       string
	}{
		{"csv rows at limit", "a.csv", []byte(csvRows(10)), Limits{MaxRows: 10}, ""},
		{"csv rows over", "a.csv", []byte(csvRows(11)), Limits{MaxRows: 10}, "数据超过 10 行（第22行已超出）：请拆分成多个文件分别导入（上限见参数 import.max_rows）"},
		{"xlsx rows over", "a.xlsx", book(11), Limits{MaxRows: 10}, "数据超过 10 行（第22行已超出）"},
		{"csv columns", "a.csv", []byte("编号,受理日期" + strings.Repeat(",", 300) + "x\n"), Limits{}, "第1行有内容的单元格到了第302列（KP列），超过 200 列的上限"},
		{"csv trailing empty columns", "a.csv", []byte("编号,受理日期" + strings.Repeat(",", 300) + "\nT,2024-03-05\n"), Limits{}, ""},
		{"csv line", "a.csv", []byte("编号,受理日期\nT," + strings.Repeat("长", 400_000) + "\n"), Limits{}, "第2行过长（超过 1024 KB）"},
		{"csv size", "a.csv", []byte(csvRows(100)), Limits{MaxExpanded: 1000}, "文件超过 1 MB 的上限"},
		{"xlsx size", "a.xlsx", book(100), Limits{MaxExpanded: 10_000}, "Excel 文件解压后有 1 MB，超过 1 MB 的上限"},
		{"xlsx part", "a.xlsx", rewriteZip(t, smallBook(t), func(name string, body []byte) (*zip.FileHeader, []byte) {
			if name != "xl/styles.xml" {
				return nil, nil
			}
			raw, n, crc := deflate(bytes.NewReader(body), io.LimitReader(repeatReader(' '), 40<<20))
			return &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc, CompressedSize64: uint64(len(raw)), UncompressedSize64: n}, raw
		}), Limits{}, "Excel 文件中的「xl/styles.xml」解压后有 41 MB，超过 32 MB 的上限"},
	} {
		_, err := ReadFromLimited(bytes.NewReader(c.data), c.file, c.lim)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

// logPeakRSS logs VmHWM, the process's peak resident set, when FAZHI_REPORT_RSS is set.
func logPeakRSS(t testing.TB) {
	if os.Getenv("FAZHI_REPORT_RSS") == "" {
		return
	}
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			t.Logf("peak RSS %s", strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:")))
		}
	}
}

// A file of bad rows lists the first DefaultMaxErrors errors, in file order, and counts all.
func TestErrorsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("编号,受理日期,调解组织,纠纷类型,调解结果\n")
	for i := 0; i < 1500; i++ {
		fmt.Fprintf(&b, "T-%d,2024-02-30,441481100201901,吵架,调解中\n", i) // two bad cells a row
	}
	s, err := ReadFrom(strings.NewReader(b.String()), "bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	r := ParseKindReport(law.Mediation, s, mediationOpts())
	if r.Total != 3000 || len(r.Errors) != DefaultMaxErrors || r.Errors[0].Line != 2 || r.Errors[999].Line != 501 || len(r.Rows) != 0 {
		t.Errorf("total %d, listed %d, first line %d, last line %d", r.Total, len(r.Errors), r.Errors[0].Line, r.Errors[len(r.Errors)-1].Line)
	}
}
