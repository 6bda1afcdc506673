package docx

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Page geometry of GB/T 9704-2012 5.2: A4, 天头 37 mm, 订口 28 mm, type area 156 × 225 mm,
// hence bottom 35 mm and right 26 mm. Word measures in twips (1/1440 inch).
var (
	pageW, pageH = 11906, 16838
	marginTop    = mm(37)
	marginBottom = mm(35)
	marginLeft   = mm(28)
	marginRight  = mm(26)
	textWidth    = pageW - marginLeft - marginRight
	// GB/T 9704 7.5: the page number's dash line sits 7 mm below the type area. Word's footer
	// distance is measured from the paper edge to the bottom of the footer line, so subtract
	// the footer's own line (exact 14磅 = 280 twips) from the 35 − 7 = 28 mm.
	footerLine = 280
	footerDist = mm(28) - footerLine
)

func mm(x float64) int { return int(math.Round(x * 1440 / 25.4)) }

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRel = "http://schemas.openxmlformats.org/package/2006/relationships"
	xmlHd = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// Write writes the document as a .docx (an OPC zip package).
func (d *Document) Write(w io.Writer) error {
	stamp := d.Created
	if stamp.IsZero() {
		stamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // reproducible output
	}
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", d.coreXML()},
		{"docProps/app.xml", appXML},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", d.documentXML()},
		{"word/styles.xml", stylesXML()},
		{"word/settings.xml", settingsXML},
		{"word/fontTable.xml", fontTableXML()},
		{"word/footer1.xml", footerXML(AlignRight)},
		{"word/footer2.xml", footerXML(AlignLeft)},
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}

const contentTypes = xmlHd + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = xmlHd + `<Relationships xmlns="` + nsRel + `">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = xmlHd + `<Relationships xmlns="` + nsRel + `">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
	`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>` +
	`</Relationships>`

const appXML = xmlHd + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>fazhi</Application></Properties>`

func (d *Document) coreXML() string {
	var b strings.Builder
	b.WriteString(xmlHd + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString("<dc:title>" + esc(d.Title) + "</dc:title>")
	b.WriteString("<dc:creator>" + esc(d.Creator) + "</dc:creator>")
	if !d.Created.IsZero() {
		t := d.Created.UTC().Format(time.RFC3339)
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + t + `</dcterms:created>`)
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + t + `</dcterms:modified>`)
	}
	b.WriteString("</cp:coreProperties>")
	return b.String()
}

// settingsXML turns on separate odd and even footers (GB/T 9704 7.5: odd page numbers right,
// even left) and the CJK layout rules (punctuation compression, East Asian line breaking).
const settingsXML = xmlHd + `<w:settings xmlns:w="` + nsW + `">` +
	`<w:zoom w:percent="100"/>` +
	`<w:defaultTabStop w:val="420"/>` +
	`<w:evenAndOddHeaders/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>` +
	`<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>` +
	`<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
	`</w:settings>`

func fontTableXML() string {
	names := make([]string, 0, len(fontTable))
	for n := range fontTable {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(xmlHd + `<w:fonts xmlns:w="` + nsW + `">`)
	for _, n := range names {
		f := fontTable[n]
		fmt.Fprintf(&b, `<w:font w:name="%s"><w:altName w:val="%s"/><w:panose1 w:val="%s"/>`+
			`<w:charset w:val="%s"/><w:family w:val="%s"/><w:pitch w:val="%s"/></w:font>`,
			esc(n), esc(f.altName), f.panose, f.charset, f.family, f.pitch)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}

// stylesXML declares the styles the paragraphs name, with the same formatting the paragraphs
// carry, so a user who types a new paragraph in Word continues in 公文 format and the
// navigation pane shows the heading outline.
func stylesXML() string {
	var b strings.Builder
	b.WriteString(xmlHd + `<w:styles xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts(FontBody, FontLatin) +
		`<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>` +
		`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>` + spacing(0, BodyLinePt) + `</w:pPr></w:pPrDefault></w:docDefaults>`)
	style := func(id, name string, p Paragraph, outline int) {
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="%s"`, id)
		if id == "Normal" {
			b.WriteString(` w:default="1"`)
		}
		fmt.Fprintf(&b, `><w:name w:val="%s"/>`, name)
		if id != "Normal" {
			b.WriteString(`<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>`)
		}
		b.WriteString(`<w:qFormat/><w:pPr>`)
		if p.KeepNext {
			b.WriteString(`<w:keepNext/>`)
		}
		b.WriteString(spacing(p.BeforePt, p.lineOr(BodyLinePt)) + ind(p) + `<w:jc w:val="` + string(p.Align) + `"/>`)
		if outline >= 0 {
			fmt.Fprintf(&b, `<w:outlineLvl w:val="%d"/>`, outline)
		}
		b.WriteString(`</w:pPr><w:rPr>` + rFonts(p.Font, p.ASCIIFont))
		if p.Bold {
			b.WriteString(`<w:b/><w:bCs/>`)
		}
		if p.CharSpacing != 0 {
			fmt.Fprintf(&b, `<w:spacing w:val="%d"/>`, p.CharSpacing)
		}
		fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr></w:style>`, p.Size, p.Size)
	}
	style("Normal", "Normal", bodyParagraph(), -1)
	style("Title", "Title", Paragraph{Align: AlignCenter, LinePt: 35, Font: FontTitle, ASCIIFont: FontTitle, Size: Size2}, -1)
	for l := 1; l <= 3; l++ {
		style("Heading"+strconv.Itoa(l), "heading "+strconv.Itoa(l), headingParagraph(l), l-1)
	}
	style("Footer", "footer", footerParagraph(AlignRight), -1)
	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">` +
		`<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>`)
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>` +
		`<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>` +
		`<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>` +
		`</w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}

// footerParagraph is the page number line: 宋体 4号 half-width digits between one-em dashes,
// one character in from the type area's edge (GB/T 9704 7.5).
func footerParagraph(a Align) Paragraph {
	p := Paragraph{Style: "Footer", Align: a, LinePt: float64(footerLine) / 20, Font: FontPage, ASCIIFont: FontPage, Size: Size4}
	if a == AlignRight {
		p.RightIndent = 1
	}
	return p
}

func footerXML(a Align) string {
	p := footerParagraph(a)
	var b strings.Builder
	b.WriteString(xmlHd + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="Footer"/>`)
	b.WriteString(spacing(0, p.LinePt))
	if a == AlignLeft {
		b.WriteString(`<w:ind w:left="280" w:leftChars="100"/>`)
	} else {
		b.WriteString(`<w:ind w:right="280" w:rightChars="100"/>`)
	}
	b.WriteString(`<w:jc w:val="` + string(a) + `"/></w:pPr>`)
	rpr := `<w:rPr>` + rFonts(FontPage, FontPage) + `<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>`
	run := func(inner string) { b.WriteString(`<w:r>` + rpr + inner + `</w:r>`) }
	run(`<w:t xml:space="preserve">— </w:t>`)
	run(`<w:fldChar w:fldCharType="begin"/>`)
	run(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`)
	run(`<w:fldChar w:fldCharType="separate"/>`)
	run(`<w:t>1</w:t>`)
	run(`<w:fldChar w:fldCharType="end"/>`)
	run(`<w:t xml:space="preserve"> —</w:t>`)
	b.WriteString(`</w:p></w:ftr>`)
	return b.String()
}

func (d *Document) documentXML() string {
	var b strings.Builder
	b.WriteString(xmlHd + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	for _, blk := range d.blocks {
		switch x := blk.(type) {
		case *Paragraph:
			writeParagraph(&b, x)
		case *Table:
			writeTable(&b, x)
		}
	}
	// Word wants a paragraph between a final table and the section properties.
	if len(d.blocks) == 0 {
		writeParagraph(&b, &Paragraph{})
	} else if _, ok := d.blocks[len(d.blocks)-1].(*Table); ok {
		writeParagraph(&b, &Paragraph{LinePt: 1})
	}
	// docGrid: 22 lines of 28 characters. charSpace −849 narrows the 16磅 character pitch to
	// 156 mm ÷ 28 (the value Word writes for this layout); linePitch is 225 mm ÷ 22.
	fmt.Fprintf(&b, `<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`+
		`<w:pgNumType w:fmt="decimal" w:start="1"/><w:cols w:space="425"/>`+
		`</w:sectPr>`,
		pageW, pageH, marginTop, marginRight, marginBottom, marginLeft, footerDist)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

func (p *Paragraph) lineOr(def float64) float64 {
	if p.LinePt > 0 {
		return p.LinePt
	}
	return def
}

func writeParagraph(b *strings.Builder, p *Paragraph) {
	b.WriteString(`<w:p><w:pPr>`)
	if p.Style != "" {
		b.WriteString(`<w:pStyle w:val="` + esc(p.Style) + `"/>`)
	}
	if p.KeepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if p.PageBreakBefore {
		b.WriteString(`<w:pageBreakBefore/>`)
	}
	b.WriteString(spacing(p.BeforePt, p.lineOr(BodyLinePt)))
	b.WriteString(ind(*p))
	if p.Align != "" {
		b.WriteString(`<w:jc w:val="` + string(p.Align) + `"/>`)
	}
	b.WriteString(`</w:pPr>`)
	for _, r := range p.Runs {
		writeRun(b, p, r)
	}
	b.WriteString(`</w:p>`)
}

func writeRun(b *strings.Builder, p *Paragraph, r Run) {
	font, ascii, size := r.Font, r.ASCIIFont, r.Size
	if font == "" {
		font = p.Font
	}
	if ascii == "" {
		ascii = p.ASCIIFont
	}
	if size == 0 {
		size = p.Size
	}
	b.WriteString(`<w:r><w:rPr>`)
	if font != "" || ascii != "" {
		b.WriteString(rFonts(font, ascii))
	}
	if r.Bold || p.Bold {
		b.WriteString(`<w:b/><w:bCs/>`)
	}
	if p.CharSpacing != 0 {
		fmt.Fprintf(b, `<w:spacing w:val="%d"/>`, p.CharSpacing)
	}
	if size > 0 {
		fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, size, size)
	}
	b.WriteString(`<w:lang w:eastAsia="zh-CN"/></w:rPr>`)
	// Split on line breaks and tabs, which w:t cannot carry.
	text := r.Text
	for text != "" {
		i := strings.IndexAny(text, "\n\t")
		if i < 0 {
			i = len(text)
		}
		if i > 0 {
			b.WriteString(`<w:t xml:space="preserve">` + esc(text[:i]) + `</w:t>`)
		}
		if i < len(text) {
			if text[i] == '\n' {
				b.WriteString(`<w:br/>`)
			} else {
				b.WriteString(`<w:tab/>`)
			}
			i++
		}
		text = text[i:]
	}
	b.WriteString(`</w:r>`)
}

func writeTable(b *strings.Builder, t *Table) {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	widths := make([]int, cols)
	total := 0
	for i := range widths {
		widths[i] = 1
		if i < len(t.Widths) && t.Widths[i] > 0 {
			widths[i] = t.Widths[i]
		}
		total += widths[i]
	}
	used := 0
	for i := range widths {
		widths[i] = textWidth * widths[i] / total
		used += widths[i]
	}
	widths[cols-1] += textWidth - used
	size := t.Size
	if size == 0 {
		size = SizeSmall4
	}
	border := `w:val="single" w:sz="4" w:space="0" w:color="000000"`
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`+
		`<w:top %[2]s/><w:left %[2]s/><w:bottom %[2]s/><w:right %[2]s/><w:insideH %[2]s/><w:insideV %[2]s/>`+
		`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`+
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`,
		textWidth, border)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []string, header bool) {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if header {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for i := 0; i < cols; i++ {
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			a := AlignLeft
			if i < len(t.Align) && t.Align[i] != "" {
				a = t.Align[i]
			}
			if header {
				a = AlignCenter
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`, widths[i])
			writeParagraph(b, &Paragraph{Align: a, LinePt: float64(size) * 0.8, Font: FontBody, ASCIIFont: FontLatin,
				Size: size, Bold: header, Runs: textRuns(text)})
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	if len(t.Header) > 0 {
		row(t.Header, true)
	}
	for _, r := range t.Rows {
		row(r, false)
	}
	b.WriteString(`</w:tbl>`)
}

func rFonts(eastAsia, ascii string) string {
	if ascii == "" {
		ascii = eastAsia
	}
	if eastAsia == "" {
		eastAsia = ascii
	}
	return fmt.Sprintf(`<w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[2]s" w:cs="%[1]s" w:hint="eastAsia"/>`,
		esc(ascii), esc(eastAsia))
}

// spacing sets exact line height (w:line in twentieths of a point) and no space after, so the
// 22-line grid holds.
func spacing(beforePt, linePt float64) string {
	return fmt.Sprintf(`<w:spacing w:before="%d" w:after="0" w:line="%d" w:lineRule="exact"/>`,
		int(math.Round(beforePt*20)), int(math.Round(linePt*20)))
}

// ind writes indents both in characters (what Word and WPS honour) and in twips (the fallback
// for readers that ignore the *Chars attributes), one character being the run size.
func ind(p Paragraph) string {
	size := p.Size
	if size == 0 {
		size = Size3
	}
	ch := size * 10 // twips per character: half-points × 10
	return fmt.Sprintf(`<w:ind w:left="0" w:right="%d" w:rightChars="%d" w:firstLine="%d" w:firstLineChars="%d"/>`,
		p.RightIndent*ch, p.RightIndent*100, p.Indent*ch, p.Indent*100)
}

// esc escapes text and attribute values; characters XML cannot carry become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
