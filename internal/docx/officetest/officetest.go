// Package officetest converts .docx files with LibreOffice in tests, so the packages that write
// documents can check that a real word processor opens them. Every helper skips the test when
// the tool it needs is not installed or under -short: `go test ./...` needs nothing installed.
package officetest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Dir is where rendered files go: $FAZHI_RENDER_DIR when set (to keep them for a look),
// otherwise the test's temporary directory.
func Dir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("FAZHI_RENDER_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// ToPDF converts file with `soffice --headless --convert-to pdf` and returns the PDF's path,
// failing unless it is a PDF of some substance. fontsConf, when not empty, is the fontconfig
// configuration to convert under (docx.FontconfigConf: the 公文 fonts are not installed here,
// so alias them to the free CJK faces as a server converting documents would).
func ToPDF(t testing.TB, file, fontsConf string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("LibreOffice conversion skipped in -short mode")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) not installed")
	}
	// A private HOME and profile: LibreOffice refuses to run twice on one profile, and tests of
	// several packages run at once.
	home := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	outdir := filepath.Dir(file)
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(home, "profile")),
		"--convert-to", "pdf", "--outdir", outdir, file)
	cmd.Env = append(os.Environ(), "HOME="+home)
	if fontsConf != "" {
		conf := filepath.Join(home, "fonts.conf")
		if err := os.WriteFile(conf, []byte(fontsConf), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd.Env = append(cmd.Env, "FONTCONFIG_FILE="+conf)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := strings.TrimSuffix(file, filepath.Ext(file)) + ".pdf"
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatalf("soffice wrote no PDF: %v\n%s", err, out)
	}
	if !bytes.HasPrefix(b, []byte("%PDF")) || len(b) < 5000 {
		t.Fatalf("soffice wrote %d bytes, not a real PDF", len(b))
	}
	t.Logf("PDF: %s (%d bytes)", pdf, len(b))
	return pdf
}

// Text extracts the PDF's text with pdftotext, or returns "" when poppler-utils is missing.
func Text(t testing.TB, pdf string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: PDF text not checked")
		return ""
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// Pages returns the PDF's page count via pdfinfo, or 0 when poppler-utils is missing.
func Pages(t testing.TB, pdf string) int {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		return 0
	}
	out, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "Pages:"); ok {
			n := 0
			for _, c := range strings.TrimSpace(rest) {
				n = n*10 + int(c-'0')
			}
			return n
		}
	}
	return 0
}

// PNG renders page 1 (and 2) next to the PDF for a human look, when pdftoppm is installed.
func PNG(t testing.TB, pdf string) {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		return
	}
	prefix := strings.TrimSuffix(pdf, ".pdf")
	if out, err := exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	t.Logf("page images: %s-1.png, %s-2.png", prefix, prefix)
}
