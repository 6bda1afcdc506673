package indicators

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// MarshalJSON writes the output shape of `fazhi stats --format json` (indicators.md).
func (r *Result) MarshalJSON() ([]byte, error) {
	ind := make(map[string]any, len(r.List))
	for _, v := range r.List {
		m := map[string]any{"label": v.Label, "unit": v.Unit, "value": number(v.Value)}
		if d, _ := Lookup(v.ID); d.IsRate() {
			// A rate keeps its stated places: 96.0, not 96.
			m["value"] = json.Number(strconv.FormatFloat(v.Value, 'f', d.Places, 64))
		}
		if v.Numerator != nil {
			m["numerator"] = number(*v.Numerator)
			m["denominator"] = number(*v.Denominator)
		}
		if v.Formula != "" {
			m["formula"] = v.Formula
		}
		if len(v.By) > 0 {
			by := map[string]any{}
			for k, x := range v.By {
				by[k] = number(x)
			}
			m["by"] = by
		}
		if v.Manual != "" {
			m["manual"] = v.Manual
		}
		if v.Unavailable != "" {
			m["unavailable"] = v.Unavailable
			m["value"] = nil
		}
		ind[v.ID] = m
	}
	org := map[string]string{"code": r.Org.Code, "name": r.Org.Name}
	return json.Marshal(map[string]any{"org": org, "from": r.From, "to": r.To, "indicators": ind})
}

// number keeps counts integral in JSON (12, not 12.0); rates get their stated places elsewhere.
func number(x float64) json.Number {
	if x == float64(int64(x)) {
		return json.Number(strconv.FormatInt(int64(x), 10))
	}
	return json.Number(strconv.FormatFloat(x, 'f', -1, 64))
}

// Format renders a figure for people: counts as integers, rates with their places.
func Format(v Value) string {
	if v.Unavailable != "" {
		return "—"
	}
	if v.Unit == "%" {
		d, _ := Lookup(v.ID)
		return strconv.FormatFloat(v.Value, 'f', d.Places, 64) + "%"
	}
	return strconv.FormatFloat(v.Value, 'f', -1, 64)
}

// WriteTable prints the figures as an aligned table for the terminal.
func (r *Result) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "%s（%s）%s 至 %s\n", r.Org.Name, r.Org.Code, r.From, r.To)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "指标\t名称\t数值\t单位\t口径")
	for _, v := range r.List {
		how := v.Formula
		if v.Numerator != nil {
			how = fmt.Sprintf("%s = %s ÷ %s", v.Formula, number(*v.Numerator), number(*v.Denominator))
		}
		if v.Unavailable != "" {
			how = v.Unavailable
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", v.ID, v.Label, Format(v), v.Unit, how)
		if len(v.By) > 0 {
			keys := make([]string, 0, len(v.By))
			for k := range v.By {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool { return v.By[keys[i]] > v.By[keys[j]] })
			parts := make([]string, 0, len(keys))
			for _, k := range keys {
				name := k
				if name == "" {
					name = "（未填）"
				}
				parts = append(parts, fmt.Sprintf("%s %s", name, number(v.By[k])))
			}
			fmt.Fprintf(tw, "\t\t\t\t其中：%s\n", strings.Join(parts, "，"))
		}
	}
	return tw.Flush()
}
