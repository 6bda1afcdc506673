package report

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
)

// Severity ranks an Issue.
//
//   - error blocks publishing until it is fixed or explicitly accepted with a reason (the
//     acceptance is audited by the caller): a template that does not parse or names an unknown
//     indicator, a printed figure that is missing or could not be computed, a rate that
//     disagrees with its own numerator and denominator or with the counts printed beside it,
//     and a strict nesting broken (a part larger than its whole).
//     A paragraph shown as a gap (gaps.go: its line of work not built, or without records this
//     year) is such an error; a statutory content left empty (第24条) is one that cannot be
//     accepted.
//   - warning is shown but does not block: a line of work with no records for the year in a
//     paragraph that also speaks of others, a non-statutory free-text block left empty, a soft
//     nesting broken (counts over different dates, which usually but not always nest), last
//     year's figures over the wrong period.
//   - info only explains.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Issue is one finding of Check. Message is Chinese and says what to fix.
type Issue struct {
	Severity    Severity `json:"severity"`
	Code        string   `json:"code"`
	Message     string   `json:"message"`
	IndicatorID string   `json:"indicator_id,omitempty"`
	TextKey     string   `json:"text_key,omitempty"`
	Where       string   `json:"where,omitempty"` // place in the outline: "三、（四）"
}

// Issue codes.
const (
	CodeTemplate      = "template"       // error: template does not parse or names no indicator
	CodeUnavailable   = "unavailable"    // error: a printed figure has no value
	CodeRateMismatch  = "rate_mismatch"  // error: rate ≠ numerator ÷ denominator
	CodeRateParts     = "rate_parts"     // error: rate's parts ≠ the counts of the same name
	CodeNesting       = "nesting"        // error (strict) or warning (soft): part > whole
	CodeNoRecords     = "no_records"     // warning: a line of work without records this year
	CodeEmptyText     = "empty_text"     // error (第24条's contents) or warning: free text not written
	CodeEmptyContents = "empty_contents" // error: a statutory section prints nothing
	CodeGap           = "gap"            // error: a paragraph shown as a gap (gaps.go)
	CodeManual        = "manual"         // warning: a figure entered by hand (manual.go)
	CodePrevPeriod    = "prev_period"    // warning: last year's figures over another period
	CodeGaps          = "gaps"           // warning: units short of a duty (indicators.Def.Gaps), named
)

// Key identifies an issue across checks of the same report, so an acceptance given with a
// reason still applies when the check runs again.
func (i Issue) Key() string {
	return strings.Join([]string{i.Code, i.IndicatorID, i.TextKey, i.Where}, "|")
}

// Blocking reports whether any issue is an error.
func Blocking(issues []Issue) bool {
	for _, i := range issues {
		if i.Severity == SeverityError {
			return true
		}
	}
	return false
}

// nesting is every part-of relation the indicators declare (indicators.Nesting: "the sum of
// Parts never exceeds the sum of Whole"). Strict pairs are subsets by definition (same records,
// same date): a violation is a data error. Loose pairs count over different dates or record
// kinds and nest in practice only, so they warn. Pairs whose ids are not computed yet are
// skipped.
var nesting = indicators.Nesting()

// Check lists what must be fixed or accepted before the report built from these inputs is
// published (see Severity for which findings block). texts are the free texts by key.
func Check(o Outline, cur, prev *indicators.Result, texts map[string]string) []Issue {
	var out []Issue
	add := func(i Issue) { out = append(out, i) }
	if cur == nil {
		return []Issue{{Severity: SeverityError, Code: CodeUnavailable, Message: "没有本年度的指标数据，请先计算指标。"}}
	}
	printed := map[string]string{} // id → where first printed
	var order []string
	o.headings(func(where, text string) {
		if _, err := ParseTemplate(text); err != nil {
			add(Issue{Severity: SeverityError, Code: CodeTemplate, Where: where,
				Message: fmt.Sprintf("%s有误：%v。", where, err)})
		}
	})
	o.walk(func(where string, _ *Section, b Block) {
		if !b.wellFormed() {
			add(Issue{Severity: SeverityError, Code: CodeTemplate, Where: where, Message: where + "：" + errBlockShape + "。"})
			return
		}
		if b.Key != "" {
			if !b.Optional && strings.TrimSpace(texts[b.Key]) == "" {
				i := Issue{Severity: SeverityWarning, Code: CodeEmptyText, TextKey: b.Key, Where: where,
					Message: fmt.Sprintf("%s「%s」尚未填写，请补充（可从上一年度的文本修改）。", where, TextLabel(b.Key))}
				if statutoryTexts[b.Key] {
					i.Severity = SeverityError
					i.Message = fmt.Sprintf("%s「%s」是法治政府建设年度报告的法定内容（法治政府建设与责任落实督察工作规定第24条），尚未填写，不能发布。", where, TextLabel(b.Key))
				}
				add(i)
			}
			return
		}
		refs, err := ParseTemplate(b.Template)
		if te, ok := err.(*TemplateError); ok {
			if te.Syntax != "" {
				add(Issue{Severity: SeverityError, Code: CodeTemplate, Where: where,
					Message: fmt.Sprintf("%s的段落格式有误：%s。", where, te.Syntax)})
			}
			for _, id := range te.Unknown {
				add(Issue{Severity: SeverityError, Code: CodeTemplate, IndicatorID: id, Where: where,
					Message: fmt.Sprintf("%s的段落引用了未知的指标「%s」，请改为指标目录中的编号或删去。", where, id)})
			}
			return
		}
		if pieces, _ := parse(b.Template); gapOf(cur, pieces) != "" {
			return // a gap (checkGaps): its figures are not printed
		}
		for _, r := range refs {
			if !r.Var {
				if _, seen := printed[r.ID]; !seen {
					printed[r.ID] = where
					order = append(order, r.ID)
				}
			}
		}
	})
	for _, id := range order {
		out = append(out, checkFigure(cur, id, printed[id])...)
	}
	out = append(out, checkGaps(o, cur, texts)...)
	out = append(out, checkManuals(cur, printed)...)
	out = append(out, checkNesting(cur, printed)...)
	out = append(out, checkNoRecords(cur, order)...)
	out = append(out, checkShortfalls(cur, order, printed)...)
	if i, bad := checkPrevPeriod(cur, prev); bad {
		add(i)
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i].Severity) < rank(out[j].Severity) })
	return out
}

func rank(s Severity) int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	}
	return 2
}

// defaultTemplates is the set of the shipped paragraph texts.
var defaultTemplates = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	DefaultOutline().walk(func(_ string, _ *Section, b Block) {
		if b.Template != "" {
			out[b.Template] = true
		}
	})
	return out
})

// checkFigure: the figure computes, and a rate agrees with its numerator and denominator and
// with the counts of those names printed elsewhere in the report.
func checkFigure(cur *indicators.Result, id, where string) []Issue {
	def, _ := indicators.Lookup(id)
	v, ok := cur.Get(id)
	label := def.Label
	switch {
	case !ok:
		return []Issue{{Severity: SeverityError, Code: CodeUnavailable, IndicatorID: id, Where: where,
			Message: fmt.Sprintf("指标「%s」（%s）没有计算结果，请重新计算指标后再发布。", label, id)}}
	case v.Unavailable != "":
		return []Issue{{Severity: SeverityError, Code: CodeUnavailable, IndicatorID: id, Where: where,
			Message: fmt.Sprintf("指标「%s」无法计算：%s。请补录相关记录、确认权限，或修改引用它的段落。", label, v.Unavailable)}}
	}
	if !def.IsRate() || v.Numerator == nil || v.Denominator == nil {
		return nil
	}
	var out []Issue
	num, den := *v.Numerator, *v.Denominator
	if den == 0 {
		out = append(out, Issue{Severity: SeverityError, Code: CodeRateMismatch, IndicatorID: id, Where: where,
			Message: fmt.Sprintf("「%s」的分母为0，不能给出比率，请修改引用它的段落。", label)})
	} else if want := indicators.RoundHalfUp(100*num/den, def.Places); !same(want, v.Value) {
		out = append(out, Issue{Severity: SeverityError, Code: CodeRateMismatch, IndicatorID: id, Where: where,
			Message: fmt.Sprintf("「%s」为%s，但%s ÷ %s 应为%s，请重新计算指标或核对口径。",
				label, indicators.Format(v), count(num), count(den), strconv.FormatFloat(want, 'f', def.Places, 64)+"%")})
	}
	for _, part := range []struct {
		id, name string
		x        float64
	}{{def.Numerator, "分子", num}, {def.Denominator, "分母", den}} {
		pv, ok := cur.Get(part.id)
		if !ok || pv.Unavailable != "" || same(pv.Value, part.x) {
			continue
		}
		out = append(out, Issue{Severity: SeverityError, Code: CodeRateParts, IndicatorID: id, Where: where,
			Message: fmt.Sprintf("「%s」的%s是%s，而「%s」为%s，二者应一致，请重新计算指标。",
				label, part.name, count(part.x), pv.Label, count(pv.Value))})
	}
	return out
}

func same(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// checkNesting applies the nesting table to the pairs the report prints (either side) whose
// ids all have values.
func checkNesting(cur *indicators.Result, printed map[string]string) []Issue {
	var out []Issue
	for _, n := range nesting {
		shown, where, complete := false, "", true
		vals := map[string]indicators.Value{}
		for _, id := range append(append([]string{}, n.Parts...), n.Whole...) {
			if w, ok := printed[id]; ok && !shown {
				shown, where = true, w
			}
			v, ok := cur.Get(id)
			if !ok || v.Unavailable != "" {
				complete = false
				break
			}
			vals[id] = v
		}
		if !shown || !complete {
			continue
		}
		part, partName := sumOf(vals, n.Parts)
		whole, wholeName := sumOf(vals, n.Whole)
		if part <= whole+1e-9 {
			continue
		}
		i := Issue{Severity: SeverityError, Code: CodeNesting, IndicatorID: n.Parts[0], Where: where,
			Message: fmt.Sprintf("%s（%s）大于%s（%s），前者应包含在后者之中，请核对相关记录。",
				partName, count(part), wholeName, count(whole))}
		if !n.Strict {
			i.Severity = SeverityWarning
			i.Message = fmt.Sprintf("%s（%s）大于%s（%s）。二者按不同日期或口径统计，通常前者不超过后者，请核实。",
				partName, count(part), wholeName, count(whole))
		}
		out = append(out, i)
	}
	return out
}

// sumOf adds the values of ids and names them: 「甲」 or 「甲」、「乙」之和.
func sumOf(vals map[string]indicators.Value, ids []string) (float64, string) {
	sum := 0.0
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		sum += vals[id].Value
		names = append(names, "「"+vals[id].Label+"」")
	}
	if len(names) == 1 {
		return sum, names[0]
	}
	return sum, strings.Join(names, "、") + "之和"
}

// checkShortfalls names, for each printed figure that counts units short of a duty (法律明白人 below
// the quota, 普法责任清单 missing), the units its breakdown lists: the report states the number,
// the check says which ones, so that they are put right or the figure is explained.
func checkShortfalls(cur *indicators.Result, printed []string, where map[string]string) []Issue {
	var out []Issue
	for _, id := range printed {
		def, _ := indicators.Lookup(id)
		v, ok := cur.Get(id)
		if !def.Gaps || !ok || v.Unavailable != "" || v.Value == 0 {
			continue
		}
		names := slices.Sorted(maps.Keys(v.By))
		// A breakdown names at most the first 1,000 gap units (indicators: maxGaps); a count of units says
		// how many there are in all.
		total := len(names)
		if def.Unit != "%" && int(v.Value) > total {
			total = int(v.Value)
		}
		more := ""
		if total > 20 {
			more = fmt.Sprintf("等%d个", total)
			names = names[:min(20, len(names))]
		}
		out = append(out, Issue{Severity: SeverityWarning, Code: CodeGaps, IndicatorID: id, Where: where[id],
			Message: fmt.Sprintf("「%s」为%s：%s%s。请督促补齐，或在报告中说明原因。", def.Label, count(v.Value),
				strings.Join(names, "、"), more)})
	}
	return out
}

// checkNoRecords warns of each line of work the report speaks of whose counts are all zero.
func checkNoRecords(cur *indicators.Result, printed []string) []Issue {
	kinds := []string{}
	seen := map[string]bool{}
	for _, id := range printed {
		if v, ok := cur.Get(id); ok && v.Kind != "" && !seen[v.Kind] {
			seen[v.Kind] = true
			kinds = append(kinds, v.Kind)
		}
	}
	var out []Issue
	for _, k := range kinds {
		var labels []string
		zero := true
		for _, v := range cur.List {
			if v.Kind != k || v.Unit == "%" {
				continue
			}
			if v.Unavailable != "" || v.Value != 0 {
				zero = false
				break
			}
			labels = append(labels, "「"+v.Label+"」")
		}
		if !zero || labels == nil {
			continue
		}
		if len(labels) > 3 {
			labels = append(labels[:3], "等")
		}
		out = append(out, Issue{Severity: SeverityWarning, Code: CodeNoRecords, IndicatorID: firstOfKind(cur, k),
			Message: fmt.Sprintf("本年度没有「%s」的任何记录（%s均为0）。请确认是否漏录；如确无此项工作，可删去或改写相应段落。",
				kindLabel(k), strings.Join(labels, ""))})
	}
	return out
}

func firstOfKind(cur *indicators.Result, kind string) string {
	for _, v := range cur.List {
		if v.Kind == kind {
			return v.ID
		}
	}
	return ""
}

func kindLabel(kind string) string {
	if k, ok := law.Lookup(kind); ok && k.Label != "" {
		return k.Label
	}
	return kind
}

// checkPrevPeriod: last year's figures must be over the year before, or every comparison in
// the report is wrong.
func checkPrevPeriod(cur, prev *indicators.Result) (Issue, bool) {
	if prev == nil || len(cur.From) != 10 || len(prev.From) != 10 || len(cur.To) != 10 || len(prev.To) != 10 {
		return Issue{}, false
	}
	y, err1 := strconv.Atoi(cur.From[:4])
	py, err2 := strconv.Atoi(prev.From[:4])
	if err1 != nil || err2 != nil || py == y-1 && prev.From[4:] == cur.From[4:] && prev.To[4:] == cur.To[4:] {
		return Issue{}, false
	}
	return Issue{Severity: SeverityWarning, Code: CodePrevPeriod,
		Message: fmt.Sprintf("用于同比的上年数据统计期为%s至%s，不是本年统计期（%s至%s）的上一年度，同比数字可能有误。",
			prev.From, prev.To, cur.From, cur.To)}, true
}
