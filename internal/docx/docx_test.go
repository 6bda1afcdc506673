package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
	"testing"
)

// sample is a document using every feature: title, the three heading levels, run-in heading,
// body text needing escapes, a table across a page break, and the signature.
func sample() *Document {
	d := FromText("兴宁市司法局2024年法治政府建设年度报告", []string{
		"2024年，在市委、市政府的坚强领导下，兴宁市司法局深入践行习近平法治思想。",
		"一、深入学习贯彻习近平法治思想",
		"（一）深入推进全面依法治市",
		"1.加强统筹协调",
		"全市共调解矛盾纠纷100件，调解成功96件，调解成功率达96.0%。特殊字符 <&> \"引号\" 'x' 与控制符\x01。",
		"（二）法治政府建设不均衡发展现象依然存在。少数领导干部运用法治思维方式科学依法决策的意识不强。",
		"换行\n之后\t制表",
	})
	d.Signature("兴宁市司法局", "2025年1月3日")
	d.PageBreak()
	d.Heading(1, "附表：主要指标")
	d.AddTable(Table{Header: []string{"指标", "本年", "上年"}, Widths: []int{3, 1, 1},
		Rows: [][]string{{"调解矛盾纠纷（件）", "100", "90"}, {"调解成功率", "96.0%"}}})
	return d
}

func write(t testing.TB, d *Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parts(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first entry %q, want [Content_Types].xml", zr.File[0].Name)
	}
	return out
}

// wellFormed parses a part completely; encoding/xml rejects bad nesting, bad escapes and
// undeclared prefixes.
func wellFormed(t *testing.T, name string, b []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Space == "" && strings.Contains(name, "word/") {
			t.Fatalf("%s: element %s has no namespace", name, se.Name.Local)
		}
	}
}

func TestPackage(t *testing.T) {
	p := parts(t, write(t, sample()))
	for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
		"word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml"} {
		if _, ok := p[want]; !ok {
			t.Errorf("missing part %s", want)
		}
	}
	for name, b := range p {
		wellFormed(t, name, b)
	}
	// Every relationship target exists and every part but the rels has a content type.
	type rel struct {
		Target string `xml:"Target,attr"`
	}
	for relsName, base := range map[string]string{"_rels/.rels": "", "word/_rels/document.xml.rels": "word"} {
		var rs struct {
			Rels []rel `xml:"Relationship"`
		}
		if err := xml.Unmarshal(p[relsName], &rs); err != nil {
			t.Fatal(err)
		}
		for _, r := range rs.Rels {
			if _, ok := p[path.Join(base, r.Target)]; !ok {
				t.Errorf("%s points to missing %s", relsName, r.Target)
			}
		}
	}
	ct := string(p["[Content_Types].xml"])
	for name := range p {
		if strings.HasSuffix(name, ".rels") || name == "[Content_Types].xml" {
			continue
		}
		if !strings.Contains(ct, `PartName="/`+name+`"`) {
			t.Errorf("no content type override for %s", name)
		}
	}
}

// text collects the document's w:t contents in order.
func text(t *testing.T, b []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	var sb strings.Builder
	in := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return sb.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			in = x.Name.Local == "t"
		case xml.EndElement:
			in = false
		case xml.CharData:
			if in {
				sb.Write(x)
			}
		}
	}
}

func TestEscapingAndLayout(t *testing.T) {
	p := parts(t, write(t, sample()))
	doc := string(p["word/document.xml"])
	got := text(t, p["word/document.xml"])
	if !strings.Contains(got, "特殊字符 <&> \"引号\" 'x' 与控制符\uFFFD。") {
		t.Errorf("escaped text did not round-trip: %q", got)
	}
	for _, want := range []string{
		`<w:pgSz w:w="11906" w:h="16838"/>`,
		`w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"`, // 37/26/35/28 mm
		`<w:pStyle w:val="Title"/>`, `w:eastAsia="方正小标宋简体"`, `<w:sz w:val="44"/>`,
		`<w:pStyle w:val="Heading1"/>`, `w:eastAsia="黑体"`,
		`<w:pStyle w:val="Heading2"/>`, `w:eastAsia="楷体_GB2312"`,
		`<w:pStyle w:val="Heading3"/>`,
		`w:eastAsia="仿宋_GB2312"`, `w:firstLineChars="200"`, `w:line="560" w:lineRule="exact"`,
		`<w:br/>`, `<w:tab/>`, `<w:tblHeader/>`, `<w:pageBreakBefore/>`, `<w:jc w:val="right"/>`,
		`<w:footerReference w:type="even"`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	// The run-in heading keeps its sentence in 楷体 and the rest in 仿宋.
	lead := strings.Index(doc, `>（二）法治政府建设不均衡发展现象依然存在。</w:t>`)
	rest := strings.Index(doc, `>少数领导干部`)
	if lead < 0 || rest < 0 || !strings.Contains(doc[lead-300:lead], `w:eastAsia="楷体_GB2312"`) ||
		!strings.Contains(doc[rest-300:rest], `w:eastAsia="仿宋_GB2312"`) {
		t.Errorf("run-in heading not split:\n%s", doc)
	}
	for _, f := range []string{"word/footer1.xml", "word/footer2.xml"} {
		ft := string(p[f])
		if !strings.Contains(ft, `> PAGE <`) || !strings.Contains(ft, `— </w:t>`) || !strings.Contains(ft, `> —</w:t>`) {
			t.Errorf("%s: page number field missing: %s", f, ft)
		}
	}
	if !strings.Contains(string(p["word/settings.xml"]), "<w:evenAndOddHeaders/>") {
		t.Error("odd/even footers not enabled")
	}
	if !strings.Contains(string(p["word/fontTable.xml"]), `<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`) {
		t.Error("font table lacks fallbacks")
	}
}

func TestReproducible(t *testing.T) {
	if !bytes.Equal(write(t, sample()), write(t, sample())) {
		t.Error("same document, different bytes")
	}
}

func TestSplitLead(t *testing.T) {
	for _, c := range []struct {
		in         string
		level      int
		lead, rest string
	}{
		{"一、总体要求", 1, "一、总体要求", ""},
		{"（一）加强统筹协调", 2, "（一）加强统筹协调", ""},
		{"(二)半角括号", 2, "(二)半角括号", ""},
		{"3.具体措施", 3, "3.具体措施", ""},
		{"（三）法律服务供需不对称矛盾仍较突出。面对人民群众日益增长的法律服务需求。", 2, "（三）法律服务供需不对称矛盾仍较突出。", "面对人民群众日益增长的法律服务需求。"},
		{"一是加强统筹协调。", 0, "", "一是加强统筹协调。"},
		{"2024年，全市共调解矛盾纠纷。", 0, "", "2024年，全市共调解矛盾纠纷。"},
		{"一、" + strings.Repeat("长", 80), 0, "", "一、" + strings.Repeat("长", 80)},
	} {
		l, lead, rest := SplitLead(c.in)
		if l != c.level || lead != c.lead || rest != c.rest {
			t.Errorf("SplitLead(%q) = %d %q %q, want %d %q %q", c.in, l, lead, rest, c.level, c.lead, c.rest)
		}
	}
}

func TestEmptyDocument(t *testing.T) {
	p := parts(t, write(t, New()))
	wellFormed(t, "word/document.xml", p["word/document.xml"])
	if !strings.Contains(string(p["word/document.xml"]), "<w:p>") {
		t.Error("an empty body still needs one paragraph")
	}
}

func BenchmarkWrite(b *testing.B) {
	d := sample()
	for range 50 {
		d.Body("全市共调解矛盾纠纷100件，调解成功96件，调解成功率达96.0%。")
	}
	for b.Loop() {
		if err := d.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// gridSample is one paragraph of 60 characters with no punctuation, to see where lines break.
func gridSample() *Document {
	d := New()
	d.Add(Paragraph{Align: AlignJustify, Font: FontBody, ASCIIFont: FontLatin, Size: Size3, CharSpacing: gridSpacing,
		Runs: []Run{{Text: strings.Repeat("法治政府建设年度报告", 6)}}})
	return d
}
