package conformance

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// period is the year the synthesised records fall in.
var period = indicators.Period{From: "2024-01-01", To: "2024-12-31"}

// figure is one indicator as /api/v1/stats returns it.
type figure struct {
	Value       *float64 `json:"value"`
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
	Unavailable string   `json:"unavailable"`
}

// stats reads every figure for an org's subtree over the period.
func (w *world) stats(t *testing.T, c *client, org string) map[string]figure {
	t.Helper()
	var out struct {
		Indicators map[string]figure `json:"indicators"`
	}
	path := "/api/v1/stats?from=" + period.From + "&to=" + period.To + "&org=" + url.QueryEscape(org)
	if code, body := w.as(t, c).call(http.MethodGet, path, nil, &out); code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, code, clip(body))
	}
	return out.Indicators
}

// checkIndicators: each of the kind's indicators, computed by /api/v1/stats, equals what its
// drill-down lists, and the drill-down lists exactly the records its conditions select
// (evaluated here, in Go, over every record: an independent reading of the same declaration).
func (w *world) checkIndicators(t *testing.T) {
	defs := kindIndicators(w.kind.Name)
	if len(defs) == 0 {
		t.Skipf("%s has no indicators", w.kind.Name)
	}
	all := w.list(t, w.clerk, "").Items
	figs := w.stats(t, w.clerk, townA)
	counted := 0
	for _, d := range defs {
		t.Run(d.ID, func(t *testing.T) {
			fig, ok := figs[d.ID]
			if !ok || fig.Unavailable != "" && !d.IsRate() {
				t.Fatalf("stats lack %s (%s)", d.ID, fig.Unavailable)
			}
			switch {
			case d.Custom != nil || d.Quota != nil:
				t.Skipf("%s is computed by code, not a query the suite can drill", d.ID)
			case d.IsRate():
				num, den := figs[d.Numerator], figs[d.Denominator]
				if fig.Numerator == nil || *fig.Numerator != *num.Value || *fig.Denominator != *den.Value {
					t.Errorf("%s: numerator/denominator %v/%v, the counts are %v/%v", d.ID, fig.Numerator, fig.Denominator, *num.Value, *den.Value)
				}
				if *den.Value != 0 {
					want := indicators.RoundHalfUp(100**num.Value / *den.Value, d.Places)
					if fig.Value == nil || *fig.Value != want {
						t.Errorf("%s = %s, want %v", d.ID, show(fig.Value), want)
					}
				}
				return
			}
			drilled := w.list(t, w.clerk, "indicator="+d.ID+"&from="+period.From+"&to="+period.To)
			want, exact := selected(w.kind, d.Where(period), all)
			if exact && !sameIDs(want, drilled.Items) {
				t.Errorf("%s drills to %v, its conditions select %v", d.ID, ids(drilled.Items), ids(want))
			}
			if got := aggregate(d.Agg, drilled.Items); fig.Value == nil || *fig.Value != got {
				t.Errorf("%s = %s, its %d drilled records give %v", d.ID, show(fig.Value), drilled.Total, got)
			}
			if len(drilled.Items) > 0 {
				counted++
			}
		})
	}
	if counted == 0 && hasQueries(defs) {
		t.Errorf("none of %s's indicators counts a synthesised record: the check proved nothing", w.kind.Name)
	}
}

func kindIndicators(kind string) []indicators.Def {
	var out []indicators.Def
	for _, d := range indicators.Catalog() {
		if d.Kind == kind {
			out = append(out, d)
		}
	}
	return out
}

func hasQueries(defs []indicators.Def) bool {
	for _, d := range defs {
		if d.Date != "" && d.Custom == nil && !d.IsRate() {
			return true
		}
	}
	return false
}

// selected evaluates conditions over records as the store's WHERE does (a missing value fails
// every comparison but 不等于 and 不在); exact is false when a condition needs the clocks.
func selected(kind *law.Kind, conds []store.Cond, recs []record) ([]record, bool) {
	var out []record
	exact := true
	for _, r := range recs {
		v := r.values()
		ok := true
		for _, c := range conds {
			if c.Op == store.OpLate || c.Op == store.OpOrgType {
				exact = false
				continue
			}
			if !holds(c, v[c.Field]) {
				ok = false
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out, exact
}

func holds(c store.Cond, x any) bool {
	s, _ := x.(string)
	items, _ := x.([]string)
	empty := law.IsEmpty(x)
	switch c.Op {
	case store.OpEq:
		return !empty && s == c.Value
	case store.OpNe:
		return empty || s != c.Value
	case store.OpGE:
		return !empty && s >= c.Value
	case store.OpLE:
		return !empty && s <= c.Value
	case store.OpGT:
		return !empty && s > c.Value
	case store.OpLT:
		return !empty && s < c.Value
	case store.OpIn:
		return !empty && contains(c.Values, s)
	case store.OpNotIn:
		return empty || !contains(c.Values, s)
	case store.OpEmpty:
		return empty
	case store.OpEmptyOrGT:
		return empty || s > c.Value
	case store.OpNotEmpty:
		return !empty
	case store.OpHas:
		return contains(items, c.Value)
	}
	return false
}

// aggregate is the figure of the records: their count, a field's sum, or its distinct values.
func aggregate(a store.Agg, recs []record) float64 {
	switch a.Func {
	case "sum":
		var n float64
		for _, r := range recs {
			x, _ := strconv.ParseFloat(r.values().Str(a.Field), 64)
			n += x
		}
		return n
	case "distinct":
		seen := map[string]bool{}
		for _, r := range recs {
			switch x := r.values()[a.Field].(type) {
			case string:
				seen[x] = x != "" || seen[x]
			case []string:
				for _, it := range x {
					seen[it] = true
				}
			}
		}
		delete(seen, "")
		return float64(len(seen))
	}
	return float64(len(recs))
}

func ids(recs []record) []int64 {
	out := make([]int64, len(recs))
	for i, r := range recs {
		out[i] = r.ID
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func sameIDs(a, b []record) bool {
	x, y := ids(a), ids(b)
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// show prints a figure that may be null.
func show(x *float64) string {
	if x == nil {
		return "null"
	}
	return strconv.FormatFloat(*x, 'f', -1, 64)
}
