package report

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestFrozenDocument: the .docx of a published version is laid out from its frozen Markdown:
// title, numbered headings, run-in leads, body, signature and the appendix table, unescaped.
func TestFrozenDocument(t *testing.T) {
	r := build(t, DefaultOutline(), synth(2024, 1), synth(2023, 0.9))
	r.forPublic()
	var md bytes.Buffer
	if err := r.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := FrozenDocument(md.String(), "兴宁市司法局").Write(&out); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var body string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			body = string(b)
		}
	}
	for _, want := range []string{"兴宁市司法局2024年法治政府建设年度报告", "三、2024年推进法治政府建设的主要举措和成效",
		"调解成功率达96.0%", "（一）法治政府建设不均衡发展现象依然存在。", "2025年1月3日", "附表：主要指标", "说明", "2923件"} {
		if !strings.Contains(body, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	for _, bad := range []string{`\*`, "**", "## ", "|---"} {
		if strings.Contains(body, bad) {
			t.Errorf("markup %q leaked into the document", bad)
		}
	}
}
