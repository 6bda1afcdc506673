package indicators

import (
	"cmp"
	"slices"

	"github.com/fazhi/fazhi/internal/law"
)

// What an indicator declares beside its query, so that the dashboard, the report's default
// outline and the report's checks are built from the catalog and a new kind of work costs no
// edit outside its own files (law/KIND.go, indicators/KIND.go).

// Part says a count is part of another: it never exceeds Of (several are summed: 逾期报送备案 ⊂
// 市政府 + 部门规范性文件); with Beside, the parts together still fit (纠错 + 调解和解 ⊂ 审结).
type Part struct {
	Of     []string
	Beside []string
	// Loose: the two count over different dates or kinds and nest in practice only, so the
	// report warns instead of blocking.
	Loose bool
}

// Nest is one part-of relation as the report checks it: the sum of Parts ≤ the sum of Whole.
type Nest struct {
	Parts, Whole []string
	Strict       bool
}

// Polarity says which way a figure is good, so the dashboard can colour a change.
type Polarity string

const (
	Neutral      Polarity = ""
	HigherIsGood Polarity = "higher"
	LowerIsGood  Polarity = "lower"
)

// Placement puts a figure on the dashboard, in the line of one kind of work.
type Placement struct {
	// Line is the kind whose line shows the figure ("" is the figure's own kind: 应诉督办函 is
	// shown with 行政应诉).
	Line string
	// Tile and Trend are the figure's places (1, 2, …) among the line's tiles (with last year's
	// value) and its series charted month by month (the first as bars); 0 is none.
	Tile, Trend int
	// Breakdown marks the count the line charts by its own breakdown and by child org.
	Breakdown bool
	// AlsoBy charts the Breakdown count by further fields of its kind (新收案件 by 被申请人).
	AlsoBy []string
	// Rank charts a rate for each child org, best first (the towns' 调解成功率).
	Rank bool
	Good Polarity
}

func (p Placement) shown() bool { return p.Tile > 0 || p.Trend > 0 || p.Breakdown || p.Rank }

// Line is one line of work on the dashboard, as the placements declare it.
type Line struct {
	Kind   string   // the ledger the line's heading opens
	Tiles  []string // in their declared order
	Trend  []string
	By     string
	AlsoBy []string // further fields the By count is charted by (Placement.AlsoBy)
	Rank   []string // rates ranked across the child orgs (Placement.Rank)
}

// Lines lists the dashboard's lines in the order of their kinds (law.Kind.Order).
func Lines() []Line {
	byKind := map[string]*Line{}
	type placed struct {
		at int
		id string
	}
	tiles, trends := map[string][]placed{}, map[string][]placed{}
	for _, d := range catalog {
		p := d.Dashboard
		if !p.shown() {
			continue
		}
		k := cmp.Or(p.Line, d.Kind)
		if byKind[k] == nil {
			byKind[k] = &Line{Kind: k}
		}
		if p.Tile > 0 {
			tiles[k] = append(tiles[k], placed{p.Tile, d.ID})
		}
		if p.Trend > 0 {
			trends[k] = append(trends[k], placed{p.Trend, d.ID})
		}
		if p.Breakdown {
			byKind[k].By, byKind[k].AlsoBy = d.ID, p.AlsoBy
		}
		if p.Rank {
			byKind[k].Rank = append(byKind[k].Rank, d.ID)
		}
	}
	ids := func(list []placed) []string {
		slices.SortStableFunc(list, func(a, b placed) int { return a.at - b.at })
		out := make([]string, len(list))
		for i, x := range list {
			out[i] = x.id
		}
		return out
	}
	var out []Line
	for k, l := range byKind {
		l.Tiles, l.Trend = ids(tiles[k]), ids(trends[k])
		out = append(out, *l)
	}
	slices.SortFunc(out, func(a, b Line) int {
		ka, _ := law.Lookup(a.Kind)
		kb, _ := law.Lookup(b.Kind)
		return cmp.Or(cmp.Compare(kindOrder(ka), kindOrder(kb)), cmp.Compare(a.Kind, b.Kind))
	})
	return out
}

// kindOrder is a kind's declared order, kinds without one last.
func kindOrder(k *law.Kind) int {
	if k == nil || k.Order == 0 {
		return int(^uint(0) >> 1)
	}
	return k.Order
}

// Section names a part of the report's default outline that paragraphs are declared into.
type Section string

// The sections of the default outline (report.DefaultOutline, after the seed report).
const (
	SectionStudy       Section = "study"       // 一、学习贯彻
	SectionGovernance  Section = "governance"  // 三（一）全面依法治市
	SectionRules       Section = "rules"       // 三（二）规范性文件与依法决策
	SectionEnforcement Section = "enforcement" // 三（三）严格规范公正文明执法
	SectionDisputes    Section = "disputes"    // 三（四）矛盾纠纷调处化解
	SectionServices    Section = "services"    // 三（五）公共法律服务
	SectionPublicity   Section = "publicity"   // 三（六）全民普法
	// SectionImprovements is 四、上一年度存在问题的改进情况: declared paragraphs go before the
	// bureau's own text (report.TextImprovements).
	SectionImprovements Section = "improvements"
)

// Sections lists them in the outline's order.
var Sections = []Section{SectionStudy, SectionGovernance, SectionRules, SectionEnforcement,
	SectionDisputes, SectionServices, SectionPublicity, SectionImprovements}

// Paragraph is a sentence template of the default outline: text with {indicator.id} and
// {year}-style references, printed only when every figure it names is computable.
type Paragraph struct {
	Section Section
	Order   int // its place in the section (paragraphs of several kinds interleave)
	Text    string
}

// promised holds what indicators.md promises for kinds not built yet: their paragraphs and
// part-of relations, so that the outline and its checks cover them (promised.go). Each moves
// into its kind's file when the kind lands.
var promised struct {
	paragraphs []Paragraph
	nests      []Nest
}

// Paragraphs lists a section's default paragraphs in their declared order: those the catalog's
// figures lead and those of promised figures.
func Paragraphs(s Section) []Paragraph {
	var out []Paragraph
	for _, p := range allParagraphs() {
		if p.Section == s {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b Paragraph) int { return a.Order - b.Order })
	return out
}

func allParagraphs() []Paragraph {
	var out []Paragraph
	for _, d := range catalog {
		if d.Paragraph != nil {
			out = append(out, *d.Paragraph)
		}
	}
	return append(out, promised.paragraphs...)
}

// Nesting lists every part-of relation: the catalog's (in catalog order), then the promised.
func Nesting() []Nest {
	var out []Nest
	for _, d := range catalog {
		if d.PartOf != nil {
			out = append(out, d.PartOf.nest(d.ID))
		}
	}
	return append(out, promised.nests...)
}

func (p Part) nest(id string) Nest {
	return Nest{Parts: append([]string{id}, p.Beside...), Whole: p.Of, Strict: !p.Loose}
}
