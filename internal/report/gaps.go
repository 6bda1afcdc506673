package report

import (
	"fmt"
	"strings"

	"github.com/fazhi/fazhi/internal/indicators"
)

// A report never hides a missing line of work (issue 8 item 11). A paragraph whose figures
// cannot be stated — an indicator this version does not compute, because its line of work is
// not built, or a line of work with no records in the year — stays in the draft where the
// outline puts it, as a visible gap with its reason, and the outline keeps its numbering; the
// gap is a check that blocks publishing until the paragraph is filled (records entered, or the
// paragraph rewritten) or accepted with a reason, and an accepted gap is not printed in the
// published version. The statutory contents (法治政府建设与责任落实督察工作规定第24条: the main
// measures and results, the shortcomings and their causes, how the principal leaders performed
// their duty as first responsible persons, next year's plans) block publishing while empty, and
// cannot be accepted away.

// statutoryTexts are the free-text blocks of 第24条's required contents.
var statutoryTexts = map[string]bool{TextLeaders: true, TextShortcomings: true, TextPlans: true}

// ContentsMeasures marks the section of 第24条's "主要举措和成效" (Section.Contents): it must print
// at least one paragraph.
const ContentsMeasures = "measures"

// gapOf says why a template paragraph cannot be printed as written, or "" when it can.
func gapOf(cur *indicators.Result, pieces []piece) string {
	var pending, kinds []string
	seen := map[string]bool{}
	for _, p := range pieces {
		switch {
		case p.ref == nil || p.ref.Var:
		case p.ref.Pending:
			if v, ok := cur.Get(p.ref.ID); !ok || v.Manual == "" {
				pending = append(pending, p.ref.ID)
			}
		default:
			if v, ok := cur.Get(p.ref.ID); ok && v.Kind != "" && !seen[v.Kind] {
				seen[v.Kind] = true
				kinds = append(kinds, v.Kind)
			}
		}
	}
	if pending != nil {
		return fmt.Sprintf("本段的指标「%s」本系统尚不能计算（该项工作尚未在系统中登记）", strings.Join(pending, "、"))
	}
	if len(kinds) == 0 {
		return ""
	}
	withData := kindsWithData(cur)
	var labels []string
	for _, k := range kinds {
		if withData[k] {
			return ""
		}
		labels = append(labels, "「"+kindLabel(k)+"」")
	}
	return "本年度没有" + strings.Join(labels, "、") + "的记录"
}

// textGap is the gap a free-text block leaves when it is empty and not optional.
func textGap(key string) string {
	return fmt.Sprintf("「%s」尚未填写", TextLabel(key))
}

// checkGaps lists a gap for every template paragraph that cannot be stated, and an error for
// each of 第24条's required contents left empty.
func checkGaps(o Outline, cur *indicators.Result, texts map[string]string) []Issue {
	var out []Issue
	printed := map[*Section]bool{} // sections with a paragraph that prints
	o.walk(func(where string, s *Section, b Block) {
		switch {
		case !b.wellFormed():
		case b.Key != "":
			if strings.TrimSpace(texts[b.Key]) != "" {
				printed[s] = true
			}
		default:
			pieces, err := parse(b.Template)
			if err != nil {
				return // a template error, reported as such
			}
			reason := gapOf(cur, pieces)
			if reason == "" {
				printed[s] = true
				return
			}
			id := ""
			for _, p := range pieces {
				if p.ref != nil && !p.ref.Var {
					id = p.ref.ID
					break
				}
			}
			out = append(out, Issue{Severity: SeverityError, Code: CodeGap, IndicatorID: id, Where: where,
				Message: fmt.Sprintf("%s有一段待补：%s。请补录记录或改写本段；如确无此项工作，说明理由后确认（发布时不印此段）。", where, reason)})
		}
	})
	var measures func(where string, list []Section, depth int)
	measures = func(prefix string, list []Section, depth int) {
		for i := range list {
			s := &list[i]
			where := prefix + number(levelOf(s, depth), i+1)
			if s.Contents == ContentsMeasures && !anyPrinted(s, printed) {
				out = append(out, Issue{Severity: SeverityError, Code: CodeEmptyContents, Where: where,
					Message: fmt.Sprintf("%s「%s」是法治政府建设年度报告的法定内容（法治政府建设与责任落实督察工作规定第24条），现在没有一段能印出，不能发布。", where, s.Heading)})
			}
			measures(where, s.Sections, depth+1)
		}
	}
	measures("", o.Sections, 1)
	return out
}

func anyPrinted(s *Section, printed map[*Section]bool) bool {
	if printed[s] {
		return true
	}
	for i := range s.Sections {
		if anyPrinted(&s.Sections[i], printed) {
			return true
		}
	}
	return false
}

// forPublic is the report as published: the gaps accepted with a reason are not printed, and
// the internal formulas (口径, numerator ÷ denominator) stay in the frozen figures, off the
// public text (issue 10 item 14).
func (r *Report) forPublic() {
	r.Public = true
	for _, f := range r.Figures {
		f.Formula, f.Numerator, f.Denominator = "", nil, nil
	}
	drop := func(ps []Para) []Para {
		out := ps[:0]
		for _, p := range ps {
			if p.Gap == "" {
				out = append(out, p)
			}
		}
		return out
	}
	r.Intro = drop(r.Intro)
	var parts func([]Part)
	parts = func(list []Part) {
		for i := range list {
			list[i].Paras = drop(list[i].Paras)
			parts(list[i].Parts)
		}
	}
	parts(r.Parts)
}

// BasisHeader names the appendix's last column: the 口径 inside, a 说明 (hand-entered sources,
// figures not computable) in the public version, which carries no formulas.
func (r *Report) BasisHeader() string {
	if r.Public {
		return "说明"
	}
	return "口径"
}
