package docx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fazhi/fazhi/internal/docx/officetest"
)

// TestLibreOfficeRendersIt converts the sample to PDF with LibreOffice, when installed, and reads
// the text back: the title, CJK body and the "— 1 —" page number must all be there. Set
// FAZHI_RENDER_DIR to keep the PDF and a PNG of page 1 for a look.
func TestLibreOfficeRendersIt(t *testing.T) {
	dir := officetest.Dir(t)
	file := filepath.Join(dir, "sample.docx")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := sample().Write(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	pdf := officetest.ToPDF(t, file, FontconfigConf())
	txt := officetest.Text(t, pdf)
	if txt == "" {
		return // pdftotext not installed: the PDF's existence and size were checked
	}
	// pdftotext puts spaces between Latin and CJK text as it sees fit: compare without them.
	flat := strings.Join(strings.Fields(txt), "")
	for _, want := range []string{"兴宁市司法局2024年法治政府建设年度报告", "深入推进全面依法治市", "—1—", "—2—", "附表：主要指标", "2025年1月3日"} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, txt)
		}
	}
	officetest.PNG(t, pdf)
}

// TestLibreOfficeLineOf28 holds the GB/T 9704 type area: a line of 三号 body text carries 28
// characters.
func TestLibreOfficeLineOf28(t *testing.T) {
	dir := officetest.Dir(t)
	file := filepath.Join(dir, "grid.docx")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := gridSample().Write(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	txt := officetest.Text(t, officetest.ToPDF(t, file, FontconfigConf()))
	if txt == "" {
		return
	}
	first, _, _ := strings.Cut(txt, "\n")
	if n := utf8.RuneCountInString(strings.TrimSpace(first)); n != 28 {
		t.Errorf("first line has %d characters, want 28: %q", n, first)
	}
}
