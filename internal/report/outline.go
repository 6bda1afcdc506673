// Package report assembles the 法治政府建设年度报告 from the indicators and the narrative a
// bureau writes, and renders it as HTML, Markdown and a GB/T 9704 .docx.
//
// A report has an Outline (sections, paragraph templates with figure references, free-text
// blocks), which a deployment may edit and store as JSON; Build fills it with one year's
// figures (and last year's, for comparison) into a Report; Check lists what must be fixed,
// or accepted, before the report is published.
package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/fazhi/fazhi/internal/indicators"
)

// Outline is the shape of a report. Section numbers ("一、", "（一）") are not part of the
// headings: they are assigned when rendering, so a deployment can add, drop or reorder
// sections without renumbering by hand.
type Outline struct {
	// Title may use the variables {org} and {year}.
	Title string `json:"title"`
	// Blocks come before the first section (the opening paragraph).
	Blocks   []Block   `json:"blocks,omitempty"`
	Sections []Section `json:"sections"`
}

// Section is a numbered part of the report.
type Section struct {
	// Heading may use the variables ({year}, {prev_year}, …) but no figures.
	Heading string `json:"heading"`
	// Level is 1 for "一、", 2 for "（一）", 3 for "1."; 0 means the nesting depth.
	Level int `json:"level,omitempty"`
	// Contents names the statutory content the section holds (ContentsMeasures: 第24条's
	// 主要举措和成效), which must print at least one paragraph before the report is published.
	Contents string    `json:"contents,omitempty"`
	Blocks   []Block   `json:"blocks,omitempty"`
	Sections []Section `json:"sections,omitempty"`
}

// Block is one paragraph of the outline: either a Template (text with {indicator.id}
// references, filled with the year's figures) or a free-text block named by Key, whose text the
// bureau writes for each year (texts passed to Build). Exactly one of the two is set.
type Block struct {
	Template string `json:"template,omitempty"`
	Key      string `json:"key,omitempty"`
	// Optional free text may stay empty without a warning (其他).
	Optional bool `json:"optional,omitempty"`
}

// The free-text blocks of the statutory contents (法治政府建设与责任落实督察工作规定 第24条
// and the seed report's sections 二, 四, 五, 六). A deployment may add keys of its own.
const (
	TextLeaders      = "leaders_duty"    // 党政主要负责人履行推进法治建设第一责任人职责情况
	TextImprovements = "improvements"    // 上一年度存在问题的改进情况
	TextShortcomings = "shortcomings"    // 存在的不足和原因
	TextPlans        = "next_year_plans" // 下一年度工作安排
	TextOther        = "other"           // 其他
)

var textLabels = map[string]string{
	TextLeaders:      "党政主要负责人履行推进法治建设第一责任人职责情况",
	TextImprovements: "上一年度存在问题的改进情况",
	TextShortcomings: "存在的不足和原因",
	TextPlans:        "下一年度工作安排",
	TextOther:        "其他需要报告的事项",
}

// TextLabel names a free-text block for people (the key itself when it is a custom one).
func TextLabel(key string) string {
	if l, ok := textLabels[key]; ok {
		return l
	}
	return key
}

// The variables a title, heading or template may use besides figures. They have no dot, and
// every indicator id has one, so the two cannot be confused.
var metaVars = map[string]string{
	"org":       "报告机关名称",
	"region":    "地区简称（如“兴宁”）",
	"year":      "报告年度",
	"prev_year": "上一年度",
	"next_year": "下一年度",
}

// Ref is a {…} reference in a template.
type Ref struct {
	ID string `json:"id"` // indicator id, or a variable name when Var
	// Var marks a variable ({year}, {org}, …) rather than a figure.
	Var bool `json:"var,omitempty"`
	// Pending marks an indicator of indicators.md that this build does not compute yet: its
	// paragraph is left out of the report until it does (see Build).
	Pending bool `json:"pending,omitempty"`
	// Start and End are byte offsets of "{…}" in the template, for the editor to highlight.
	Start int `json:"start"`
	End   int `json:"end"`
}

// TemplateError says why a template cannot be used. The editor shows Error(); Unknown lists
// the references that name no indicator.
type TemplateError struct {
	Unknown []string
	Syntax  string // a malformed brace, when there is one
	Offset  int    // byte offset of the malformed brace
}

func (e *TemplateError) Error() string {
	var parts []string
	if e.Syntax != "" {
		parts = append(parts, e.Syntax)
	}
	for _, id := range e.Unknown {
		parts = append(parts, fmt.Sprintf("未知的指标「%s」（请对照指标目录核对编号）", id))
	}
	return strings.Join(parts, "；")
}

// piece is a stretch of a parsed template: literal text or a reference.
type piece struct {
	text string
	ref  *Ref
}

// scan splits a template into literal text and references, checking only the braces. "{{"
// and "}}" stand for literal braces.
func scan(s string) ([]piece, error) {
	var out []piece
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, piece{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && strings.HasPrefix(s[i:], "{{"), c == '}' && strings.HasPrefix(s[i:], "}}"):
			lit.WriteByte(c)
			i++
		case c == '}':
			return out, &TemplateError{Syntax: fmt.Sprintf("第%d个字节处多出一个「}」（字面的花括号请写成「}}」）", i+1), Offset: i}
		case c == '{':
			end := strings.IndexAny(s[i+1:], "{}")
			if end < 0 || s[i+1+end] == '{' {
				return out, &TemplateError{Syntax: fmt.Sprintf("第%d个字节处的「{」没有对应的「}」", i+1), Offset: i}
			}
			id := strings.TrimSpace(s[i+1 : i+1+end])
			if id == "" {
				return out, &TemplateError{Syntax: fmt.Sprintf("第%d个字节处的「{}」是空引用", i+1), Offset: i}
			}
			flush()
			out = append(out, piece{ref: &Ref{ID: id, Start: i, End: i + end + 2}})
			i += end + 1
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	return out, nil
}

// ParseTemplate returns the references of a template. It is an error, naming each, when a
// reference is neither a variable, an indicator of the catalog, nor an indicator that
// indicators.md promises (those come back with Pending set). The references found are returned
// even with an error, so the editor can mark them.
func ParseTemplate(text string) ([]Ref, error) {
	pieces, err := parse(text)
	var refs []Ref
	for _, p := range pieces {
		if p.ref != nil {
			refs = append(refs, *p.ref)
		}
	}
	return refs, err
}

// parse is scan plus the classification of each reference.
func parse(text string) ([]piece, error) {
	pieces, err := scan(text)
	if err != nil {
		return pieces, err
	}
	var unknown []string
	for _, p := range pieces {
		r := p.ref
		if r == nil {
			continue
		}
		switch _, inCatalog := indicators.Lookup(r.ID); {
		case metaVars[r.ID] != "":
			r.Var = true
		case inCatalog:
		case specIDs()[r.ID]:
			r.Pending = true
		default:
			unknown = append(unknown, r.ID)
		}
	}
	if unknown != nil {
		return pieces, &TemplateError{Unknown: unknown}
	}
	return pieces, nil
}

// specIDs is every indicator id of indicators.md and of the catalog. The default outline has a
// paragraph for each (tests hold it to both), so its references are that list, kept in one place.
var specIDs = sync.OnceValue(func() map[string]bool {
	ids := map[string]bool{}
	DefaultOutline().walk(func(_ string, _ *Section, b Block) {
		pieces, _ := scan(b.Template)
		for _, p := range pieces {
			if p.ref != nil && metaVars[p.ref.ID] == "" {
				ids[p.ref.ID] = true
			}
		}
	})
	return ids
})

// walk visits every block with its place in the outline ("三、（四）" or "开头").
func (o Outline) walk(fn func(where string, s *Section, b Block)) {
	for _, b := range o.Blocks {
		fn("开头", nil, b)
	}
	var rec func(prefix string, list []Section, depth int)
	rec = func(prefix string, list []Section, depth int) {
		for i := range list {
			s := &list[i]
			where := prefix + number(levelOf(s, depth), i+1)
			for _, b := range s.Blocks {
				fn(where, s, b)
			}
			rec(where, s.Sections, depth+1)
		}
	}
	rec("", o.Sections, 1)
}

// optional reports whether the section holds only optional text (其他): the one kind of
// section a report may leave out when it has nothing to say.
func (s *Section) optional() bool {
	for _, b := range s.Blocks {
		if !b.Optional {
			return false
		}
	}
	for i := range s.Sections {
		if !s.Sections[i].optional() {
			return false
		}
	}
	return true
}

func levelOf(s *Section, depth int) int {
	if s.Level > 0 {
		return s.Level
	}
	return depth
}

// Validate checks every block has exactly one of template or key and every template and
// heading parses; the error lists every problem with its place.
func (o Outline) Validate() error {
	var errs []error
	check := func(where, text string, figuresAllowed bool) {
		refs, err := ParseTemplate(text)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s：%w", where, err))
		}
		if !figuresAllowed {
			for _, r := range refs {
				if !r.Var {
					errs = append(errs, fmt.Errorf("%s：标题中不能引用指标「%s」", where, r.ID))
				}
			}
		}
	}
	o.headings(func(where, text string) { check(where, text, false) })
	o.walk(func(where string, _ *Section, b Block) {
		switch {
		case !b.wellFormed():
			errs = append(errs, fmt.Errorf("%s：%s", where, errBlockShape))
		case b.Template != "":
			check(where, b.Template, true)
		}
	})
	return errors.Join(errs...)
}

const errBlockShape = "每段须且只能是模板段落或自由文本之一"

func (b Block) wellFormed() bool { return (b.Template == "") != (b.Key == "") }

// headings visits the title and every section heading with its place ("三、（一）标题").
func (o Outline) headings(fn func(where, text string)) {
	fn("报告标题", o.Title)
	var rec func(prefix string, list []Section, depth int)
	rec = func(prefix string, list []Section, depth int) {
		for i := range list {
			s := &list[i]
			where := prefix + number(levelOf(s, depth), i+1)
			fn(where+"标题", s.Heading)
			rec(where, s.Sections, depth+1)
		}
	}
	rec("", o.Sections, 1)
}

// ParseOutline reads an outline from JSON (as stored by a deployment) and validates it.
func ParseOutline(data []byte) (Outline, error) {
	var o Outline
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		return Outline{}, fmt.Errorf("报告提纲格式错误：%w", err)
	}
	return o, o.Validate()
}

// number is the 公文 sequence number of the n-th heading at a level (GB/T 9704 7.3.3):
// 一、 （一） 1. （1）.
func number(level, n int) string {
	switch level {
	case 1:
		return chineseNumeral(n) + "、"
	case 2:
		return "（" + chineseNumeral(n) + "）"
	case 3:
		return fmt.Sprintf("%d.", n)
	default:
		return fmt.Sprintf("（%d）", n)
	}
}

// chineseNumeral writes 1–99 as 一 … 九十九.
func chineseNumeral(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}

// SpecIDs lists, sorted, every indicator id a template may reference: those of indicators.md
// and of the catalog. The editor offers them; those not in indicators.Catalog() are pending.
func SpecIDs() []string { return sortedSpecIDs() }

func sortedSpecIDs() []string {
	ids := make([]string, 0, len(specIDs()))
	for id := range specIDs() {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// TextKeys lists the keys of the outline's free-text blocks in order, each once: the texts a
// caller loads for the org and year before Build and Check.
func (o Outline) TextKeys() []string {
	var keys []string
	seen := map[string]bool{}
	o.walk(func(_ string, _ *Section, b Block) {
		if b.Key != "" && !seen[b.Key] {
			seen[b.Key] = true
			keys = append(keys, b.Key)
		}
	})
	return keys
}
