// Package docx writes small, correct WordprocessingML (.docx) files laid out after GB/T 9704-2012
// 《党政机关公文格式》: A4, the standard page margins, 仿宋 3号 body on exact 28磅 lines, 小标宋 2号
// title, 黑体/楷体/仿宋 headings and "— N —" page numbers in the footer.
//
// It is deliberately not a general Word library: a document is a list of paragraphs and simple
// tables, every run carries its formatting explicitly (so Word, WPS and LibreOffice agree without
// resolving style inheritance), and the package is archive/zip + a few templates of XML.
package docx

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Align is a paragraph's alignment (w:jc).
type Align string

const (
	AlignLeft    Align = "left"
	AlignCenter  Align = "center"
	AlignRight   Align = "right"
	AlignJustify Align = "both" // 两端对齐, the 公文 default for body text
)

// Font names as Word and WPS users have them installed. Readers without them fall back through
// the font table (fonts.go) to an installed CJK face.
const (
	FontTitle    = "方正小标宋简体"
	FontBody     = "仿宋_GB2312"
	FontHeading1 = "黑体"
	FontHeading2 = "楷体_GB2312"
	FontPage     = "宋体"
	// FontLatin is used for digits and Latin letters in body text, as most 公文 templates do.
	FontLatin = "Times New Roman"
)

// Sizes in half-points (Word's w:sz unit): a 号 is a fixed number of 磅 and a 磅 is two units.
const (
	Size2      = 44 // 二号, 22 磅: the title
	Size3      = 32 // 三号, 16 磅: body and headings
	Size4      = 28 // 四号, 14 磅: page numbers
	SizeSmall4 = 24 // 小四, 12 磅: table text
)

// BodyLinePt is the exact line height of body text in 磅. GB/T 9704 asks for 22 lines of 28
// characters on the 225 mm type area; exact 28磅 is the setting offices use for it.
const BodyLinePt = 28

// gridSpacing fits 28 characters of 三号 on a 156 mm line (GB/T 9704 5.2.2): 16磅 characters
// condensed by 0.25磅 (5 twips) take 441磅 of the 442.2磅 line. Word's way is a character
// grid (w:docGrid charSpace), which LibreOffice lays out with wide gaps; spacing works in all.
const gridSpacing = -5

// Run is a stretch of text with one formatting. Zero fields inherit from the paragraph.
type Run struct {
	Text      string // "\n" becomes a line break, "\t" a tab
	Font      string // east-Asian font name
	ASCIIFont string // font for Latin letters and digits
	Size      int    // half-points
	Bold      bool
}

// Paragraph is one w:p. Every property is written out explicitly.
type Paragraph struct {
	Style           string // style id: Title, Heading1…3, or "" for Normal
	Align           Align
	Indent          int     // first-line indent in characters (w:firstLineChars)
	RightIndent     int     // right indent in characters (w:rightChars)
	LinePt          float64 // exact line height in 磅; 0 means BodyLinePt
	BeforePt        float64 // space before in 磅
	Font            string  // default east-Asian font of the runs
	ASCIIFont       string
	Size            int // default size of the runs, half-points
	Bold            bool
	KeepNext        bool // keep with the next paragraph (headings)
	PageBreakBefore bool // start on a new page
	// CharSpacing widens (positive) or condenses (negative) every run, in twips (w:spacing).
	CharSpacing int
	Runs        []Run
}

// Add appends a run and returns the paragraph for chaining.
func (p *Paragraph) Add(r Run) *Paragraph { p.Runs = append(p.Runs, r); return p }

// AddText appends a run of text in the paragraph's formatting.
func (p *Paragraph) AddText(s string) *Paragraph { return p.Add(Run{Text: s}) }

// Table is a simple grid: every cell is one paragraph of text.
type Table struct {
	Header []string   // repeated at the top of every page when set
	Rows   [][]string // cells; short rows are padded
	// Widths are relative column weights; nil means equal columns.
	Widths []int
	Size   int     // text size in half-points; 0 means SizeSmall4
	Align  []Align // per column; default left, header centered
}

// Document is a .docx being assembled.
type Document struct {
	// Core properties (docProps/core.xml).
	Title   string
	Creator string
	// Created stamps the core properties and the zip entries; the zero value writes neither a
	// date nor the current time, so the same input gives the same bytes.
	Created time.Time

	blocks    []any // *Paragraph or *Table
	breakNext bool
}

// New starts an empty document.
func New() *Document { return &Document{Creator: "fazhi"} }

// Add appends a paragraph as given and returns it for further changes.
func (d *Document) Add(p Paragraph) *Paragraph {
	if d.breakNext {
		p.PageBreakBefore, d.breakNext = true, false
	}
	pp := &p
	d.blocks = append(d.blocks, pp)
	return pp
}

// TitleParagraph adds the document title: 方正小标宋简体 2号, centred. Lines are exact 35磅
// rather than 28磅 because a 22磅 title wrapped on 28磅 lines looks cramped.
func (d *Document) TitleParagraph(text string) *Paragraph {
	if d.Title == "" {
		d.Title = text
	}
	return d.Add(Paragraph{Style: "Title", Align: AlignCenter, LinePt: 35,
		Font: FontTitle, ASCIIFont: FontTitle, Size: Size2, Runs: textRuns(text)})
}

// Heading adds a 公文 heading; the text carries its own number ("一、", "（一）", "1.").
// Level 1 is 黑体, level 2 楷体_GB2312, level 3 仿宋 bold, all 3号 and indented two
// characters like the body (GB/T 9704 7.3.3).
func (d *Document) Heading(level int, text string) *Paragraph {
	p := headingParagraph(level)
	p.Runs = textRuns(text)
	return d.Add(p)
}

func headingParagraph(level int) Paragraph {
	p := Paragraph{Align: AlignJustify, Indent: 2, Size: Size3, ASCIIFont: FontLatin, KeepNext: true, CharSpacing: gridSpacing}
	switch {
	case level <= 1:
		p.Style, p.Font = "Heading1", FontHeading1
	case level == 2:
		p.Style, p.Font = "Heading2", FontHeading2
	default:
		p.Style, p.Font, p.Bold = "Heading3", FontBody, true
	}
	return p
}

// Body adds a body paragraph: 仿宋_GB2312 3号, justified, first line indented two characters.
func (d *Document) Body(text string) *Paragraph { return d.Para(textRuns(text)...) }

// Para adds a body paragraph made of runs.
func (d *Document) Para(runs ...Run) *Paragraph {
	p := bodyParagraph()
	p.Runs = runs
	return d.Add(p)
}

func bodyParagraph() Paragraph {
	return Paragraph{Align: AlignJustify, Indent: 2, Font: FontBody, ASCIIFont: FontLatin, Size: Size3, CharSpacing: gridSpacing}
}

// Blank adds an empty body line (公文 leaves one after the title and before the signature).
func (d *Document) Blank() *Paragraph { return d.Add(bodyParagraph()) }

// Text adds a paragraph of plain text, recognising the 公文 numbering at its start: a short
// line "一、…" / "（一）…" / "1.…" becomes a heading of that level; a longer one whose first
// sentence is numbered gets that sentence in the heading's font, run in (GB/T 9704 practice
// for "（一）标题。正文……"); anything else is body text.
func (d *Document) Text(s string) *Paragraph {
	level, lead, rest := SplitLead(s)
	switch {
	case level == 0:
		return d.Body(s)
	case rest == "":
		return d.Heading(level, lead)
	}
	h := headingParagraph(level)
	p := bodyParagraph()
	p.Runs = []Run{{Text: lead, Font: h.Font, Bold: h.Bold}, {Text: rest}}
	return d.Add(p)
}

// Signature adds the issuing body and date at the end, right-aligned with two characters
// to spare, after one blank line (GB/T 9704 7.3.5.2, documents without a seal).
func (d *Document) Signature(issuer, date string) {
	d.Blank()
	for _, s := range []string{issuer, date} {
		if s == "" {
			continue
		}
		p := bodyParagraph()
		p.Align, p.Indent, p.RightIndent, p.Runs = AlignRight, 0, 2, textRuns(s)
		d.Add(p)
	}
}

// PageBreak makes the next paragraph or table start on a new page.
func (d *Document) PageBreak() { d.breakNext = true }

// AddTable appends a table.
func (d *Document) AddTable(t Table) *Table {
	if d.breakNext {
		// A table cannot carry "page break before"; an empty paragraph on the new page can.
		d.Add(Paragraph{LinePt: 1})
	}
	tt := &t
	d.blocks = append(d.blocks, tt)
	return tt
}

// FromText builds a 公文-style document from a title and paragraphs of plain text, each
// interpreted as Text does: the template for notices and other generated letters.
func FromText(title string, paragraphs []string) *Document {
	d := New()
	d.TitleParagraph(title)
	d.Blank()
	for _, s := range paragraphs {
		d.Text(s)
	}
	return d
}

func textRuns(s string) []Run {
	if s == "" {
		return nil
	}
	return []Run{{Text: s}}
}

var (
	leadRe = []*regexp.Regexp{
		1: regexp.MustCompile(`^[一二三四五六七八九十]+、`),
		2: regexp.MustCompile(`^[（(][一二三四五六七八九十]+[）)]`),
		3: regexp.MustCompile(`^[0-9]+[.．]`),
	}
)

// maxHeadingRunes bounds what counts as a heading: longer numbered lines are run-in headings
// or ordinary enumerations.
const maxHeadingRunes = 60

// SplitLead finds a 公文 numbered heading at the start of a paragraph. It returns the level
// (1 "一、", 2 "（一）", 3 "1."; 0 when there is none), the heading text and the rest. A line
// with no full stop before its end is a heading on its own (rest is ""); otherwise the first
// sentence, up to and including "。", is the run-in heading.
func SplitLead(s string) (level int, lead, rest string) {
	s = strings.TrimSpace(s)
	for l := 1; l < len(leadRe); l++ {
		if leadRe[l].MatchString(s) {
			level = l
			break
		}
	}
	if level == 0 {
		return 0, "", s
	}
	i := strings.Index(s, "。")
	switch {
	case i < 0 || i+len("。") == len(s):
		if utf8.RuneCountInString(s) <= maxHeadingRunes {
			return level, s, ""
		}
	case utf8.RuneCountInString(s[:i]) < maxHeadingRunes:
		return level, s[:i+len("。")], s[i+len("。"):]
	}
	return 0, "", s
}
