package report

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

// Hand-entered figures (手工填报, issue 10 item 14). A figure the system does not hold — its line
// of work not built yet, or kept by another department — can be entered by hand for one org's
// report of one year, with its source. It fills the gap its paragraph would leave, is marked
// 手工填报 in the draft and in the checks, and is frozen with the published version like every
// figure (indicators.Value.Manual). It never replaces a figure computed from records: a figure
// whose line of work has records is the records'.

// Manual is a hand-entered figure.
type Manual struct {
	Value  float64 `json:"value"`
	Unit   string  `json:"unit,omitempty"`  // 件, 次, 个 …
	Label  string  `json:"label,omitempty"` // what it counts, when the catalog does not say
	Source string  `json:"source"`          // where it comes from: 市发改局提供, 省平台导出 …
}

func manualKey(id string) string { return "figure:" + id }

var figureID = regexp.MustCompile(`^[a-z_]+\.[a-z_]+$`)

// SaveManual stores (or, with a nil m, removes) a hand-entered figure for the org's report of
// year; audited as a report text.
func SaveManual(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, org string, year int, id string, m *Manual) error {
	if !figureID.MatchString(id) {
		return &store.Error{Code: store.EINVALID, Field: "id", Message: fmt.Sprintf("「%s」不是指标编号", id)}
	}
	if m == nil {
		return st.SaveReportText(ctx, a, sc, org, year, manualKey(id), "")
	}
	m.Source, m.Unit, m.Label = strings.TrimSpace(m.Source), strings.TrimSpace(m.Unit), strings.TrimSpace(m.Label)
	switch {
	case m.Source == "":
		return &store.Error{Code: store.EINVALID, Field: "source", Message: "手工填报的数字须注明来源（如：市发展和改革局提供）"}
	case len(m.Source) > 200 || len(m.Label) > 100 || len(m.Unit) > 12:
		return &store.Error{Code: store.EINVALID, Field: "source", Message: "来源不超过200字节、名称不超过100字节、单位不超过12字节"}
	case math.IsNaN(m.Value) || math.IsInf(m.Value, 0) || m.Value < 0 || m.Value > 1e12:
		return &store.Error{Code: store.EINVALID, Field: "value", Message: "手工填报的数字须为0至1万亿之间的数"}
	}
	if def, ok := indicators.Lookup(id); ok {
		if m.Label == "" {
			m.Label = def.Label
		}
		if m.Unit == "" {
			m.Unit = def.Unit
		}
	}
	b, _ := json.Marshal(m)
	return st.SaveReportText(ctx, a, sc, org, year, manualKey(id), string(b))
}

// loadManuals reads the hand-entered figures of the outline's references for org and year (last
// year's do not carry over) and puts each in cur where the records give no value for it: an
// indicator not in the catalog, or one whose line of work has no records in the year.
func loadManuals(ctx context.Context, st *store.Store, sc store.Scope, o Outline, cur *indicators.Result, org string, year int) (map[string]Manual, error) {
	texts, err := st.ReportTextsOfYear(ctx, sc, org, year, manualKey(""))
	if err != nil {
		return nil, err
	}
	out := map[string]Manual{}
	withData := kindsWithData(cur)
	for _, id := range o.figureIDs() {
		text := texts[manualKey(id)]
		if strings.TrimSpace(text) == "" {
			continue
		}
		var m Manual
		if err := json.Unmarshal([]byte(text), &m); err != nil {
			continue // not written by SaveManual: ignored rather than trusted
		}
		out[id] = m
		v := indicators.Value{ID: id, Label: or(m.Label, id), Unit: m.Unit, Value: m.Value, Manual: m.Source}
		if i := indexOf(cur, id); i < 0 {
			cur.List = append(cur.List, v)
		} else if old := cur.List[i]; old.Kind == "" || !withData[old.Kind] {
			if old.Unit != "" && v.Unit == "" {
				v.Unit = old.Unit
			}
			cur.List[i] = v
		}
	}
	return out, nil
}

func indexOf(r *indicators.Result, id string) int {
	for i, v := range r.List {
		if v.ID == id {
			return i
		}
	}
	return -1
}

// figureIDs lists every indicator the outline references, in order.
func (o Outline) figureIDs() []string {
	var out []string
	seen := map[string]bool{}
	o.walk(func(_ string, _ *Section, b Block) {
		pieces, _ := scan(b.Template)
		for _, p := range pieces {
			if p.ref != nil && metaVars[p.ref.ID] == "" && !seen[p.ref.ID] {
				seen[p.ref.ID] = true
				out = append(out, p.ref.ID)
			}
		}
	})
	return out
}

// Fillable lists the figures a user may enter by hand for the draft: those of its gaps, and
// those entered already.
func (d *Draft) Fillable() []FillableFigure {
	var out []FillableFigure
	seen := map[string]bool{}
	add := func(id, where string) {
		if seen[id] {
			return
		}
		seen[id] = true
		f := FillableFigure{ID: id, Where: where}
		if def, ok := indicators.Lookup(id); ok {
			f.Label, f.Unit = def.Label, def.Unit
		}
		if m, ok := d.Manuals[id]; ok {
			f.Manual, f.Label, f.Unit = &m, or(m.Label, f.Label), or(m.Unit, f.Unit)
		}
		out = append(out, f)
	}
	d.Outline.walk(func(where string, _ *Section, b Block) {
		pieces, err := parse(b.Template)
		if b.Template == "" || err != nil {
			return
		}
		gap := gapOf(d.Cur, pieces) != ""
		for _, p := range pieces {
			if p.ref == nil || p.ref.Var {
				continue
			}
			if _, manual := d.Manuals[p.ref.ID]; gap || manual {
				add(p.ref.ID, where)
			}
		}
	})
	return out
}

// FillableFigure is a figure the draft may take by hand, with its hand-entered value if any.
type FillableFigure struct {
	ID, Label, Unit, Where string
	Manual                 *Manual
}

// ValueText is the hand-entered value as a form shows it.
func (f FillableFigure) ValueText() string {
	if f.Manual == nil {
		return ""
	}
	return strconv.FormatFloat(f.Manual.Value, 'f', -1, 64)
}

// checkManuals notes every hand-entered figure the report prints (a warning: it is not
// computed from records, and whoever signs the report answers for its source).
func checkManuals(cur *indicators.Result, printed map[string]string) []Issue {
	var out []Issue
	for _, v := range cur.List {
		where, ok := printed[v.ID]
		if v.Manual == "" || !ok {
			continue
		}
		out = append(out, Issue{Severity: SeverityWarning, Code: CodeManual, IndicatorID: v.ID, Where: where,
			Message: fmt.Sprintf("%s「%s」为手工填报（来源：%s），不是从系统记录计算，发布时随版本冻结。请核实来源。", where, v.Label, v.Manual)})
	}
	return out
}
