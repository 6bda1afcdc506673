package report

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fazhi/fazhi/internal/docx"
	"github.com/fazhi/fazhi/internal/indicators"
)

// Meta is what the report says about itself.
type Meta struct {
	OrgName  string // 报告机关, e.g. 兴宁市司法局; defaults to the result's org
	Region   string // {region} in headings, e.g. 兴宁; defaults to OrgName without 司法局
	Year     string // defaults to the year of the result's period
	Issuer   string // 署名 at the end; defaults to OrgName
	IssuedOn string // 成文日期, "2025-01-03" or already "2025年1月3日"
	// LinkFor gives the drill-down URL of a figure (the records behind it), or "".
	LinkFor func(id string) string `json:"-"`
}

// Report is a built report: the outline filled with one year's figures and texts.
type Report struct {
	Title    string `json:"title"`
	OrgName  string `json:"org_name"`
	Year     string `json:"year"`
	Issuer   string `json:"issuer"`
	IssuedOn string `json:"issued_on"`
	From     string `json:"from"`
	To       string `json:"to"`
	Intro    []Para `json:"intro,omitempty"`
	Parts    []Part `json:"parts"`
	// Figures lists every figure printed, in order of first appearance.
	Figures []*Figure `json:"figures"`
	// Omitted lists the paragraphs printed as gaps because a figure is not computable yet.
	Omitted []Omission `json:"omitted,omitempty"`
	// Public is the version for the public (Publish): no internal formulas, no 口径 column.
	Public bool `json:"public,omitempty"`
	// Gaps counts the paragraphs printed as gaps (Para.Gap): a draft with gaps is not complete.
	Gaps int `json:"gaps,omitempty"`
}

// Part is a numbered section as printed.
type Part struct {
	Number  string `json:"number"` // "一、", "（一）", "1."
	Heading string `json:"heading"`
	Level   int    `json:"level"`
	Paras   []Para `json:"paras,omitempty"`
	Parts   []Part `json:"parts,omitempty"`
}

// Para is a printed paragraph. Free text may open with a numbered heading of its own
// ("（一）法律服务供需不对称矛盾仍较突出。…"), kept apart so each output can set it as 公文 does.
type Para struct {
	// Gap, when set, is why this paragraph cannot be stated (gaps.go): the draft shows it in its
	// place, marked 待补, and the published version leaves it out once accepted.
	Gap       string `json:"gap,omitempty"`
	Lead      string `json:"lead,omitempty"`
	LeadLevel int    `json:"lead_level,omitempty"`
	Spans     []Span `json:"spans"`
}

// Span is literal text or a figure. Suffix is the figure's unit when the template writes it
// right after the reference ("{mediation.cases}件"): kept with the figure so the screen can put
// last year's value after "120件" rather than between the number and its unit.
type Span struct {
	Text   string  `json:"text,omitempty"`
	Fig    *Figure `json:"figure,omitempty"`
	Suffix string  `json:"suffix,omitempty"`
}

// Text is the paragraph as plain text, figures formatted.
func (p Para) Text() string {
	if p.Gap != "" {
		return "【待补：" + p.Gap + "】"
	}
	var b strings.Builder
	b.WriteString(p.Lead)
	for _, s := range p.Spans {
		if s.Fig != nil {
			b.WriteString(s.Fig.Text + s.Suffix)
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// Omission is a paragraph Build left out.
type Omission struct {
	Where    string   `json:"where"`
	Template string   `json:"template"`
	Pending  []string `json:"pending"` // the ids not in the catalog yet
}

// Build fills the outline with the year's figures (cur), last year's for comparison (prev, may
// be nil) and the free texts of the org and year (texts, by block key).
//
// The rule for figures that cannot be stated (gaps.go): a paragraph referencing an indicator
// that indicators.md defines but the catalog does not have yet (a kind still being built), or
// speaking only of lines of work without records in the year, is printed in its place as a gap
// with the reason (Para.Gap) and recorded in Report.Omitted when pending; Check makes each gap
// an error that blocks publishing until filled or accepted. Sections keep the outline's numbering.
// A reference that names no indicator at all is an error (the outline is invalid).
//
// A figure in the catalog that could not be computed (no permission, zero denominator) is
// printed as "—"; Check reports it as an error, which blocks publishing.
func Build(o Outline, cur, prev *indicators.Result, texts map[string]string, meta Meta) (*Report, error) {
	if cur == nil {
		return nil, errors.New("没有本年度的指标数据")
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	b := newBuilder(cur, prev, texts, meta)
	r := b.r
	r.Title = b.fill(o.Title)
	r.Intro = b.blocks("开头", o.Blocks)
	r.Parts = b.sections("", o.Sections, 1)
	return r, nil
}

type builder struct {
	cur, prev *indicators.Result
	texts     map[string]string
	meta      Meta
	vars      map[string]string
	figs      map[string]*Figure
	prevData  map[string]bool // kinds with any record last year
	r         *Report
}

func newBuilder(cur, prev *indicators.Result, texts map[string]string, meta Meta) *builder {
	if meta.OrgName == "" {
		meta.OrgName = cur.Org.Name
	}
	if meta.Year == "" && len(cur.From) >= 4 {
		meta.Year = cur.From[:4]
	}
	if meta.Region == "" {
		meta.Region = strings.TrimSuffix(meta.OrgName, "司法局")
	}
	if meta.Issuer == "" {
		meta.Issuer = meta.OrgName
	}
	year, _ := strconv.Atoi(meta.Year)
	b := &builder{cur: cur, prev: prev, texts: texts, meta: meta, figs: map[string]*Figure{},
		vars: map[string]string{
			"org": meta.OrgName, "region": meta.Region, "year": meta.Year,
			"prev_year": strconv.Itoa(year - 1), "next_year": strconv.Itoa(year + 1),
		},
		prevData: kindsWithData(prev),
	}
	b.r = &Report{OrgName: meta.OrgName, Year: meta.Year, Issuer: meta.Issuer, IssuedOn: chineseDate(meta.IssuedOn),
		From: cur.From, To: cur.To}
	return b
}

// fill replaces the variables of a title or heading (Validate has rejected figures there).
func (b *builder) fill(s string) string {
	pieces, _ := parse(s)
	var out strings.Builder
	for _, p := range pieces {
		if p.ref != nil {
			out.WriteString(b.vars[p.ref.ID])
		} else {
			out.WriteString(p.text)
		}
	}
	return out.String()
}

func (b *builder) sections(prefix string, list []Section, depth int) []Part {
	var out []Part
	for i := range list {
		s := &list[i]
		level := levelOf(s, depth)
		where := prefix + number(level, i+1)
		p := Part{Heading: b.fill(s.Heading), Level: level,
			Paras: b.blocks(where, s.Blocks), Parts: b.sections(where, s.Sections, depth+1)}
		// Only a section of optional text left empty (其他) is left out; every other keeps its
		// place and number, its gaps shown (the numbering never closes up over a missing line).
		if len(p.Paras) == 0 && len(p.Parts) == 0 && s.optional() {
			continue
		}
		p.Number = number(level, i+1)
		out = append(out, p)
	}
	return out
}

func (b *builder) blocks(where string, list []Block) []Para {
	var out []Para
	for _, blk := range list {
		if blk.Key != "" {
			paras := freeText(b.texts[blk.Key])
			if len(paras) == 0 && !blk.Optional {
				paras = []Para{{Gap: textGap(blk.Key)}}
				b.r.Gaps++
			}
			out = append(out, paras...)
			continue
		}
		pieces, _ := parse(blk.Template)
		var pending []string
		for _, p := range pieces {
			if p.ref != nil && p.ref.Pending {
				pending = append(pending, p.ref.ID)
			}
		}
		if pending != nil {
			b.r.Omitted = append(b.r.Omitted, Omission{Where: where, Template: blk.Template, Pending: pending})
		}
		if gap := gapOf(b.cur, pieces); gap != "" {
			out = append(out, Para{Gap: gap})
			b.r.Gaps++
			continue
		}
		var para Para
		for _, p := range pieces {
			switch {
			case p.ref == nil:
				para.addText(p.text)
			case p.ref.Var:
				para.addText(b.vars[p.ref.ID])
			default:
				para.Spans = append(para.Spans, Span{Fig: b.figure(p.ref.ID)})
			}
		}
		para.attachUnits()
		out = append(out, para)
	}
	return out
}

func (p *Para) addText(s string) {
	if n := len(p.Spans); n > 0 && p.Spans[n-1].Fig == nil {
		p.Spans[n-1].Text += s
		return
	}
	p.Spans = append(p.Spans, Span{Text: s})
}

// attachUnits moves a count's unit from the text after it into the figure's Suffix.
func (p *Para) attachUnits() {
	for i := range p.Spans {
		f := p.Spans[i].Fig
		if f == nil || f.IsRate() || f.Unit == "" || i+1 == len(p.Spans) || p.Spans[i+1].Fig != nil {
			continue
		}
		if rest, ok := strings.CutPrefix(p.Spans[i+1].Text, f.Unit); ok {
			p.Spans[i].Suffix, p.Spans[i+1].Text = f.Unit, rest
		}
	}
}

// freeText turns a bureau's text into paragraphs, one per non-empty line.
func freeText(s string) []Para {
	var out []Para
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		level, lead, rest := docx.SplitLead(line)
		p := Para{Lead: lead, LeadLevel: level}
		if rest != "" {
			p.Spans = []Span{{Text: rest}}
		}
		out = append(out, p)
	}
	return out
}

// chineseDate writes an ISO date as 公文 does (2025年1月3日, GB/T 9704 7.3.5.1: Arabic
// numerals, no leading zeros); anything else is kept as written.
func chineseDate(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}
