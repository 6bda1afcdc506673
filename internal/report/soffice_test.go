package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/docx"
	"github.com/fazhi/fazhi/internal/docx/officetest"
)

// TestDOCXOpensInLibreOffice converts the default report to PDF with LibreOffice, when it is
// installed, and reads the text back. FAZHI_RENDER_DIR keeps the PDF and page images.
func TestDOCXOpensInLibreOffice(t *testing.T) {
	dir := officetest.Dir(t)
	r := build(t, DefaultOutline(), synth(2024, 1), synth(2023, 0.9))
	file := filepath.Join(dir, "report.docx")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.DOCX(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	pdf := officetest.ToPDF(t, file, docx.FontconfigConf())
	if n := officetest.Pages(t, pdf); n != 0 && n < 3 {
		t.Errorf("%d pages: the body and the appendix need at least 3", n)
	}
	txt := officetest.Text(t, pdf)
	if txt == "" {
		return
	}
	flat := strings.Join(strings.Fields(txt), "")
	for _, want := range []string{r.Title, "全市共调解矛盾纠纷2923件，调解成功2807件，", "附表：主要指标", "2025年1月3日", "—1—"} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	officetest.PNG(t, pdf)
}
