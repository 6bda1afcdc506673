// Package indicators is the catalog of indicators.md: every figure of the annual report as a
// named query over the scoped store. The dashboard, `fazhi stats`, the report and the drill-down
// lists all go through Compute and Drill, so a figure and the records behind it cannot disagree.
package indicators

import (
	"context"
	"sort"
	"strings"

	"github.com/fazhi/fazhi/internal/store"
)

// Period is an inclusive date range, YYYY-MM-DD.
type Period struct{ From, To string }

// Def defines one indicator, as data: what it counts, what it is part of, where the dashboard
// shows it and the sentence the report prints it in (declare.go). A count has Kind, Date,
// Filter and Agg; a rate has Numerator and Denominator (ids of counts) instead; a few have
// Custom. Validate checks every declaration against the kinds of internal/law.
type Def struct {
	ID    string
	Label string
	Unit  string
	Kind  string // the record kind counted
	// Date is the date field of Kind the period applies to (受理日期 for mediation.cases).
	Date string
	// At, instead of Date, gives the conditions of a figure whose period is not one date lying
	// in it: a stock at the period's end (培育日期 ≤ to, 退出日期 empty or after: Stock), the
	// tasks of a plan of the period's year (Year). It is a query all the same: drillable.
	At func(p Period) []store.Cond
	// Filter are the conditions besides the period (调解结果 = 成功).
	Filter []store.Cond
	Agg    store.Agg
	// Rate: Numerator ÷ Denominator as a percentage, rounded half-up to Places decimals.
	Numerator, Denominator string
	Places                 int
	// Formula says in words how the figure is computed; shown wherever the figure is.
	Formula string
	// Custom computes figures that are not a count of records (open clocks, …).
	Custom func(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error)
	// Quota makes the figure one measure of a count held per organisation against a quota
	// (法律明白人 per 村(社区)): quota.go computes it and the coverage page lists every unit.
	Quota *Quota
	// Target is the yearly number per person the figure measures against (学时 per officer):
	// target.go; the figure's Custom reads it in force.
	Target *Target
	// Gaps says the figure counts units that fall short of a duty and names them in its
	// breakdown: the report's checks warn of each while there are any.
	Gaps bool
	// PartOf says the count never exceeds another (the report checks it).
	PartOf *Part
	// DrillTo names the count whose records the figure's drill-down lists: "" is the figure
	// itself, or a rate's numerator.
	DrillTo string
	// Dashboard places the figure on the dashboard (zero: not shown there).
	Dashboard Placement
	// Paragraph is the sentence of the report's default outline this figure leads (the others it
	// prints declare none).
	Paragraph *Paragraph
	// truncate is set by a deployment's choice (Local): cut instead of rounding half-up.
	truncate bool
}

// Where gives the conditions of a count for a period: its date in the period, and its Filter.
func (d Def) Where(p Period) []store.Cond {
	switch {
	case !d.counts():
		return nil
	case d.At != nil:
		return append(d.At(p), d.Filter...)
	}
	return append(in(d.Date, p), d.filter(p)...)
}

// filter is the Filter of a count for a period (PeriodEnd replaced by its last day).
func (d Def) filter(p Period) []store.Cond {
	var conds []store.Cond
	for _, c := range d.Filter {
		if c.Value == PeriodEnd {
			c.Value = p.To
		}
		conds = append(conds, c)
	}
	return conds
}

// PeriodEnd, as a Filter condition's Value, stands for the period's last day: 整改完成率 counts
// the problems of the period rectified by its end (indicators.md), whichever period is asked.
const PeriodEnd = "{to}"

// counts reports whether the figure is a plain selection of records (Date or At, and Filter).
func (d Def) counts() bool {
	return (d.Date != "" || d.At != nil) && d.Custom == nil && d.Quota == nil && !d.IsRate()
}

// Stock is the At of a stock at the period's end: the records started (from) by then and not
// ended (until empty or later).
func Stock(from, until string) func(Period) []store.Cond {
	return func(p Period) []store.Cond {
		return []store.Cond{{Field: from, Op: store.OpLE, Value: p.To}, {Field: until, Op: store.OpEmptyOrGT, Value: p.To}}
	}
}

// Year is the At of records of the period's year or years, kept in an Int field (年度).
func Year(field string) func(Period) []store.Cond {
	return func(p Period) []store.Cond {
		return []store.Cond{{Field: field, Op: store.OpGE, Value: yearOf(p.From)}, {Field: field, Op: store.OpLE, Value: yearOf(p.To)}}
	}
}

func yearOf(day string) string {
	if len(day) < 4 {
		return day
	}
	return day[:4]
}

// IsRate reports whether the figure is a ratio of two others.
func (d Def) IsRate() bool { return d.Numerator != "" }

// Value is a computed figure.
type Value struct {
	ID          string             `json:"-"`
	Label       string             `json:"label"`
	Unit        string             `json:"unit"`
	Kind        string             `json:"kind,omitempty"`
	Value       float64            `json:"value"`
	Numerator   *float64           `json:"numerator,omitempty"`
	Denominator *float64           `json:"denominator,omitempty"`
	Formula     string             `json:"formula,omitempty"`
	By          map[string]float64 `json:"by,omitempty"`
	Unavailable string             `json:"unavailable,omitempty"` // why there is no value (no permission …)
	// Manual, when set, is the source of a figure entered by hand for a report (手工填报: a
	// figure the system does not hold, e.g. another department's), not computed from records.
	Manual string `json:"manual,omitempty"`
}

// Result is every indicator for one org subtree and period.
type Result struct {
	Org  store.Org
	From string
	To   string
	List []Value
}

// Get returns a figure by id.
func (r *Result) Get(id string) (Value, bool) {
	for _, v := range r.List {
		if v.ID == id {
			return v, true
		}
	}
	return Value{}, false
}

var catalog []Def

func define(defs ...Def) {
	for _, d := range defs {
		if _, dup := Lookup(d.ID); dup {
			panic("indicators: duplicate id " + d.ID)
		}
		catalog = append(catalog, d)
	}
	sort.SliceStable(catalog, func(i, j int) bool { return sectionOf(catalog[i].ID) < sectionOf(catalog[j].ID) })
}

// sections is the order of indicators.md, by id prefix; the catalog is kept in it so that every
// listing (stats, report appendix, dashboard) reads in the report's order.
var sections = []string{"study", "governance", "plan", "publicity", "review", "normative", "decision",
	"legal_affairs", "rectification", "enforcement", "supervision", "training", "certification",
	"reconsideration", "litigation", "mediation", "pls", "legal_aid", "volunteers", "notary", "lawyer",
	"village_counsel", "navigators", "awards", "deadlines"}

func sectionOf(id string) int {
	prefix, _, _ := strings.Cut(id, ".")
	for i, s := range sections {
		if s == prefix {
			return i
		}
	}
	return len(sections)
}

// Catalog lists every indicator in catalog order.
func Catalog() []Def { return append([]Def(nil), catalog...) }

// Lookup finds a definition.
func Lookup(id string) (Def, bool) {
	for _, d := range catalog {
		if d.ID == id {
			return d, true
		}
	}
	return Def{}, false
}

// Compute evaluates every indicator over the org's subtree (the whole scope when org is "")
// for the period. Figures of kinds the scope may not read are marked unavailable, never
// computed over fewer records than they claim.
func Compute(ctx context.Context, st *store.Store, sc store.Scope, org, from, to string) (*Result, error) {
	ids := make([]string, len(catalog))
	for i, d := range catalog {
		ids[i] = d.ID
	}
	return ComputeIDs(ctx, st, sc, org, from, to, ids)
}

func computeOne(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period, d Def) (Value, error) {
	if d.Kind != "" && !sc.CanRead(d.Kind) {
		return Value{Unavailable: "无权查看该类数据"}, nil
	}
	if d.Custom != nil {
		return d.Custom(ctx, st, sc, org, p)
	}
	if d.Quota != nil {
		return d.Quota.measure(ctx, st, sc, org, p, d)
	}
	n, by, err := st.Aggregate(ctx, sc, store.Query{Kind: d.Kind, OrgCode: org, Conds: d.Where(p)}, d.Agg)
	if err != nil {
		return Value{}, err
	}
	return Value{Value: n, By: by}, nil
}

// rate divides two counts, half-up to the definition's places (indicators.md conventions).
func rate(d Def, num, den Value) Value {
	if num.Unavailable != "" || den.Unavailable != "" {
		return Value{Unavailable: "无权查看该类数据"}
	}
	n, m := num.Value, den.Value
	v := Value{Numerator: &n, Denominator: &m}
	if m == 0 {
		v.Unavailable = "分母为零，无法计算"
		return v
	}
	v.Value = RoundHalfUp(100*n/m, d.Places)
	if d.truncate {
		v.Value = Truncate(100*n/m, d.Places)
	}
	v.Formula = d.Formula
	return v
}

// RoundHalfUp rounds x to places decimals, halves away from zero, robust to binary fractions
// such as 96.05 stored as 96.04999….
func RoundHalfUp(x float64, places int) float64 {
	scale := 1.0
	for i := 0; i < places; i++ {
		scale *= 10
	}
	y := x*scale + 1e-9
	if x < 0 {
		y = x*scale - 1e-9
	}
	r := float64(int64(y + 0.5))
	if x < 0 {
		r = -float64(int64(-y + 0.5))
	}
	return r / scale
}

// Drill returns the query of exactly the records a figure counts (a rate: its numerator's, or
// the count its DrillTo names).
func Drill(id, from, to string) (store.Query, bool) {
	d, ok := Lookup(id)
	if !ok {
		return store.Query{}, false
	}
	if target := d.drillTarget(); target != d.ID {
		return Drill(target, from, to)
	}
	if !d.counts() {
		return store.Query{}, false
	}
	return store.Query{Kind: d.Kind, Conds: d.Where(Period{from, to})}, true
}

// drillTarget is the id whose records the figure's drill-down lists.
func (d Def) drillTarget() string {
	switch {
	case d.DrillTo != "":
		return d.DrillTo
	case d.IsRate():
		return d.Numerator
	}
	return d.ID
}

// Kinds lists the record kinds that have indicators, sorted.
func Kinds() []string {
	seen := map[string]bool{}
	for _, d := range catalog {
		if d.Kind != "" {
			seen[d.Kind] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// in is the condition "field lies in the period".
func in(field string, p Period) []store.Cond {
	return []store.Cond{{Field: field, Op: store.OpGE, Value: p.From}, {Field: field, Op: store.OpLE, Value: p.To}}
}

func eq(field, value string) store.Cond {
	return store.Cond{Field: field, Op: store.OpEq, Value: value}
}
