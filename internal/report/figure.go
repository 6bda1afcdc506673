package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/indicators"
)

// Figure is one printed indicator with everything needed to trace it.
type Figure struct {
	ID          string   `json:"id"`
	Label       string   `json:"label"`
	Unit        string   `json:"unit"`
	Value       float64  `json:"value"`
	Text        string   `json:"text"` // as printed: 120, 96.0%, or — when unavailable
	Formula     string   `json:"formula,omitempty"`
	Numerator   *float64 `json:"numerator,omitempty"`
	Denominator *float64 `json:"denominator,omitempty"`
	From        string   `json:"from"`
	To          string   `json:"to"`
	Unavailable string   `json:"unavailable,omitempty"`
	Manual      string   `json:"manual,omitempty"` // the source of a figure entered by hand (手工填报)
	Link        string   `json:"link,omitempty"`
	// Last year, where last year has data (see hasData).
	Prev     *float64 `json:"prev,omitempty"`
	PrevText string   `json:"prev_text,omitempty"`
	Change   string   `json:"change,omitempty"` // 增116, 减0.5个百分点, 持平
}

// IsRate reports whether the figure is a percentage.
func (f *Figure) IsRate() bool { return f.Unit == "%" }

// Basis is the figure's 口径: the formula and, for a rate, its numerator ÷ denominator.
func (f *Figure) Basis() string {
	if f.Manual != "" {
		return "手工填报：" + f.Manual
	}
	s := f.Formula
	if f.Numerator != nil && f.Denominator != nil {
		s += fmt.Sprintf(" = %s ÷ %s", count(*f.Numerator), count(*f.Denominator))
	}
	if f.Unavailable != "" {
		s += "（" + f.Unavailable + "）"
	}
	return s
}

// YoY is "上年 X，增 Y" when last year has data, else "".
func (f *Figure) YoY() string {
	if f.Prev == nil {
		return ""
	}
	if f.Change == "" {
		return "上年 " + f.PrevText
	}
	return "上年 " + f.PrevText + "，" + f.Change
}

// Tooltip is the figure's explanation on hover: what it is, how it is computed, over which
// period, and last year's value.
func (f *Figure) Tooltip() string {
	lines := []string{f.Label + "：" + f.Basis(), "统计期：" + f.From + " 至 " + f.To}
	if y := f.YoY(); y != "" {
		lines = append(lines, y)
	}
	return strings.Join(lines, "\n")
}

// ValueText is the figure with its unit for tables: 120件, 96.0%.
func (f *Figure) ValueText() string {
	if f.Unavailable != "" || f.IsRate() {
		return f.Text
	}
	return f.Text + f.Unit
}

// figure returns the shared Figure of an id, building it on first use.
func (b *builder) figure(id string) *Figure {
	if f, ok := b.figs[id]; ok {
		return f
	}
	def, _ := indicators.Lookup(id)
	f := &Figure{ID: id, Label: def.Label, Unit: def.Unit, Formula: def.Formula, From: b.cur.From, To: b.cur.To}
	v, ok := b.cur.Get(id)
	if !ok {
		v = indicators.Value{ID: id, Unit: def.Unit, Unavailable: "未计算"}
	}
	f.Value, f.Numerator, f.Denominator, f.Unavailable, f.Manual = v.Value, v.Numerator, v.Denominator, v.Unavailable, v.Manual
	if v.Manual != "" {
		f.Unit = v.Unit
	}
	if v.Formula != "" {
		f.Formula = v.Formula // the deployment's own denominator, when it chose one
	}
	if v.Label != "" {
		f.Label = v.Label
	}
	f.Text = indicators.Format(v)
	if b.meta.LinkFor != nil {
		f.Link = b.meta.LinkFor(id)
	}
	if pv, ok := b.prevValue(id, def.Kind); ok {
		x := pv.Value
		f.Prev, f.PrevText = &x, indicators.Format(pv)
		if pv.Unit != "%" {
			f.PrevText += def.Unit
		}
		if f.Unavailable == "" {
			f.Change = change(f.Value, x, def)
		}
	}
	b.figs[id] = f
	b.r.Figures = append(b.r.Figures, f)
	return f
}

// prevValue is last year's value of a figure, when last year has data for it.
func (b *builder) prevValue(id, kind string) (indicators.Value, bool) {
	if b.prev == nil {
		return indicators.Value{}, false
	}
	v, ok := b.prev.Get(id)
	if !ok || v.Unavailable != "" {
		return v, false
	}
	if kind != "" && !b.prevData[kind] {
		return v, false
	}
	return v, true
}

// kindsWithData lists the record kinds with any non-zero count in a result. A kind whose
// counts are all zero last year is read as "not recorded then" (the system was not in use, or
// the kind was not kept), so no comparison is printed rather than a misleading "上年 0".
func kindsWithData(r *indicators.Result) map[string]bool {
	out := map[string]bool{}
	if r == nil {
		return out
	}
	for _, v := range r.List {
		if v.Kind != "" && v.Unit != "%" && v.Unavailable == "" && v.Value != 0 {
			out[v.Kind] = true
		}
	}
	return out
}

// change words the difference from last year: counts in their unit, rates in 个百分点.
func change(cur, prev float64, def indicators.Def) string {
	d := cur - prev
	var s string
	if def.Unit == "%" {
		d = indicators.RoundHalfUp(d, def.Places)
		s = strconv.FormatFloat(abs(d), 'f', def.Places, 64) + "个百分点"
	} else {
		s = count(abs(d)) + def.Unit
	}
	switch {
	case d > 0:
		return "增 " + s
	case d < 0:
		return "减 " + s
	}
	return "持平"
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// count prints a count without a decimal point.
func count(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
