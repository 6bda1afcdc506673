package indicators

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// Validate checks every declaration of the catalog against the kinds of internal/law: the
// kind, date field, filter and breakdown fields exist; rates, part-of relations and drill-downs
// name known ids; part-of has no cycle; every line of the dashboard is complete; every figure
// has a default paragraph, whose references are known. The server and the CLI refuse to start
// on an error, which names each offending declaration.
func Validate() error { return validate(catalog, promised.paragraphs, promised.nests) }

func validate(defs []Def, promisedParas []Paragraph, promisedNests []Nest) error {
	byID := map[string]Def{}
	for _, d := range defs {
		byID[d.ID] = d
	}
	var errs []error
	bad := func(d Def, format string, args ...any) {
		errs = append(errs, fmt.Errorf("指标「%s」：%s", d.ID, fmt.Sprintf(format, args...)))
	}
	count := func(d Def, what, id string) (Def, bool) {
		x, ok := byID[id]
		switch {
		case !ok:
			bad(d, "%s「%s」不是已定义的指标", what, id)
		case x.IsRate() || x.Custom != nil:
			bad(d, "%s「%s」应为计数指标", what, id)
			ok = false
		}
		return x, ok
	}
	inParagraph := map[string]bool{}
	for _, d := range defs {
		if d.ID == "" || d.Label == "" || d.Unit == "" {
			bad(d, "编号、名称和单位都必须填写")
		}
		kind, hasKind := law.Lookup(d.Kind)
		if d.Kind != "" && !hasKind {
			bad(d, "台账类型「%s」未定义", d.Kind)
		}
		switch {
		case d.IsRate():
			count(d, "分子", d.Numerator)
			count(d, "分母", d.Denominator)
		case d.Custom != nil:
		case d.Quota != nil:
			validateQuota(d, byID, bad)
		case !hasKind:
			bad(d, "计数指标须指明已定义的台账类型")
		default:
			validateQuery(d, kind, bad)
		}
		if p := d.PartOf; p != nil {
			if len(p.Of) == 0 {
				bad(d, "「包含于」没有指明整体")
			}
			for _, id := range append(append([]string{}, p.Of...), p.Beside...) {
				count(d, "「包含于」中的", id)
			}
		}
		if d.DrillTo != "" {
			if x, ok := count(d, "明细", d.DrillTo); ok && x.Kind != d.Kind {
				bad(d, "明细「%s」是另一类台账（%s）的记录", d.DrillTo, x.Kind)
			}
		}
		if p := d.Paragraph; p != nil {
			if !slices.Contains(Sections, p.Section) {
				bad(d, "默认段落的章节「%s」不存在", p.Section)
			}
			refs := paragraphRefs(p.Text)
			if !slices.Contains(refs, d.ID) {
				bad(d, "默认段落没有引用本指标")
			}
			for _, id := range refs {
				if _, ok := byID[id]; !ok {
					bad(d, "默认段落引用了未知的指标「%s」", id)
				}
				inParagraph[id] = true
			}
		}
	}
	for _, d := range defs {
		if !inParagraph[d.ID] {
			bad(d, "没有出现在任何默认段落中（请在其所属业务的某个指标上声明 Paragraph）")
		}
	}
	promisedIDs := map[string]bool{}
	for _, p := range promisedParas {
		for _, id := range paragraphRefs(p.Text) {
			if _, ok := byID[id]; ok {
				errs = append(errs, fmt.Errorf("待建指标的段落引用了已定义的指标「%s」：请把该段移到其业务的指标声明中", id))
			}
			promisedIDs[id] = true
		}
	}
	for _, n := range promisedNests {
		for _, id := range append(append([]string{}, n.Parts...), n.Whole...) {
			if _, ok := byID[id]; !ok && !promisedIDs[id] {
				errs = append(errs, fmt.Errorf("待建指标的包含关系引用了未知的指标「%s」", id))
			}
		}
	}
	errs = append(errs, validateProfiles(byID)...)
	errs = append(errs, partCycles(defs)...)
	errs = append(errs, validateLines(defs)...)
	if len(errs) > 0 {
		return fmt.Errorf("指标声明有误：%w", errors.Join(errs...))
	}
	return nil
}

// validateQuery checks a count's fields against its kind.
func validateQuery(d Def, kind *law.Kind, bad func(Def, string, ...any)) {
	conds := d.Filter
	switch f, ok := kind.Field(d.Date); {
	case d.At != nil && d.Date != "":
		bad(d, "日期字段与期末条件（At）只能声明一个")
	case d.At != nil:
		conds = append(d.At(Period{"2024-01-01", "2024-12-31"}), conds...)
	case !ok || f.Type != law.Date:
		bad(d, "日期字段「%s」不是「%s」的日期字段", d.Date, kind.Label)
	}
	for _, c := range conds {
		if c.Op == store.OpLate {
			if !slices.ContainsFunc(kind.Clocks, func(r law.ClockRule) bool { return r.ID == c.Field }) {
				bad(d, "条件中的期限「%s」不是「%s」的法定期限", c.Field, kind.Label)
			}
			continue
		}
		if c.Op == store.OpOrgType {
			for _, v := range c.Values {
				if !slices.Contains(law.OrgTypes, v) {
					bad(d, "条件中的「%s」不是组织类型", v)
				}
			}
			continue
		}
		f, ok := kind.Field(c.Field)
		if !ok {
			bad(d, "条件中的字段「%s」不是「%s」的字段", c.Field, kind.Label)
			continue
		}
		if f.Type != law.Enum || (c.Op != store.OpEq && c.Op != store.OpIn) {
			continue
		}
		for _, v := range append([]string{c.Value}, c.Values...) {
			if v != "" && !slices.Contains(f.Values, v) {
				bad(d, "条件中的「%s」不是「%s」的可选值", v, f.Label)
			}
		}
	}
	switch d.Agg.Func {
	case "", "count", "sum", "distinct":
	default:
		bad(d, "汇总方式「%s」未知", d.Agg.Func)
	}
	for _, key := range []string{d.Agg.By, d.Agg.Field} {
		if _, ok := kind.Field(key); key != "" && !ok {
			bad(d, "汇总字段「%s」不是「%s」的字段", key, kind.Label)
		}
	}
}

// partCycles finds a count that is, through part-of, part of itself.
func partCycles(defs []Def) []error {
	wholes := map[string][]string{}
	for _, d := range defs {
		if d.PartOf != nil {
			n := d.PartOf.nest(d.ID)
			for _, p := range n.Parts {
				wholes[p] = append(wholes[p], n.Whole...)
			}
		}
	}
	var errs []error
	const (
		visiting = 1
		done     = 2
	)
	mark := map[string]int{}
	var path []string
	var visit func(id string)
	visit = func(id string) {
		switch mark[id] {
		case visiting:
			at := slices.Index(path, id)
			errs = append(errs, fmt.Errorf("指标「%s」的包含关系成环：%s", id, strings.Join(append(slices.Clone(path[at:]), id), " ⊂ ")))
			return
		case done:
			return
		}
		mark[id] = visiting
		path = append(path, id)
		for _, w := range wholes[id] {
			visit(w)
		}
		path = path[:len(path)-1]
		mark[id] = done
	}
	for _, d := range defs {
		visit(d.ID)
	}
	return errs
}

// validateLines: every dashboard line is of a known kind, has tiles in distinct places, and
// exactly one count broken down by a field of its own.
func validateLines(defs []Def) []error {
	type line struct {
		tiles, trends map[int]string
		by            []string
	}
	lines := map[string]*line{}
	var errs []error
	for _, d := range defs {
		p := d.Dashboard
		if !p.shown() {
			continue
		}
		k := cmp.Or(p.Line, d.Kind)
		if _, ok := law.Lookup(k); !ok {
			errs = append(errs, fmt.Errorf("指标「%s」：工作台栏目「%s」不是已定义的台账类型", d.ID, k))
			continue
		}
		l := lines[k]
		if l == nil {
			l = &line{tiles: map[int]string{}, trends: map[int]string{}}
			lines[k] = l
		}
		for _, at := range []struct {
			n    int
			seen map[int]string
			what string
		}{{p.Tile, l.tiles, "卡片"}, {p.Trend, l.trends, "按月趋势"}} {
			if other, dup := at.seen[at.n]; at.n > 0 && dup {
				errs = append(errs, fmt.Errorf("指标「%s」：与「%s」占用工作台「%s」栏目的同一%s位置 %d", d.ID, other, k, at.what, at.n))
			} else if at.n > 0 {
				at.seen[at.n] = d.ID
			}
		}
		if p.Breakdown {
			l.by = append(l.by, d.ID)
		}
		if p.Breakdown && (!d.counts() || d.Agg.By == "") {
			errs = append(errs, fmt.Errorf("指标「%s」：用于分类和分单位图表的指标须为带分组字段的计数", d.ID))
		}
		for _, f := range p.AlsoBy {
			if k, ok := law.Lookup(d.Kind); !p.Breakdown || !ok || !hasField(k, f) {
				errs = append(errs, fmt.Errorf("指标「%s」：工作台的另一分组字段「%s」须为本类台账的字段，且只用于分类图表的指标", d.ID, f))
			}
		}
		if p.Rank && !d.IsRate() {
			errs = append(errs, fmt.Errorf("指标「%s」：工作台按下级单位排名的指标须为比率", d.ID))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(lines)) {
		l := lines[k]
		switch {
		case len(l.tiles) == 0:
			errs = append(errs, fmt.Errorf("工作台栏目「%s」没有卡片", k))
		case len(l.by) != 1:
			errs = append(errs, fmt.Errorf("工作台栏目「%s」须有且只有一个用于分类图表的指标（现有：%s）", k, strings.Join(l.by, "、")))
		}
	}
	return errs
}

var refRe = regexp.MustCompile(`\{\s*([a-z0-9_]+\.[a-z0-9_]+)\s*\}`)

// paragraphRefs lists the indicator ids a paragraph names ({year} and other variables have no dot).
func paragraphRefs(text string) []string {
	var out []string
	for _, m := range refRe.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// validateQuota checks a quota's count, org types and default.
func validateQuota(d Def, byID map[string]Def, bad func(Def, string, ...any)) {
	q := d.Quota
	if c, ok := byID[q.Count]; !ok || !c.counts() {
		bad(d, "配备标准所计的「%s」应为计数指标", q.Count)
	}
	for _, t := range append(append([]string{}, q.Units...), q.RollUp...) {
		if !slices.Contains(law.OrgTypes, t) {
			bad(d, "配备标准中的「%s」不是组织类型", t)
		}
	}
	if len(q.Units) == 0 || q.Setting == "" || q.Default < 1 {
		bad(d, "配备标准须指明单位类型、本地参数名和不小于1的默认值")
	}
	if !slices.Contains([]Measure{QuotaBelow, QuotaRate, QuotaLevel}, q.Measure) {
		bad(d, "配备标准的口径「%s」未知", q.Measure)
	}
}

func hasField(k *law.Kind, key string) bool {
	_, ok := k.Field(key)
	return ok
}
