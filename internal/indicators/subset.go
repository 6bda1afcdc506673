package indicators

import (
	"context"
	"fmt"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// The dashboard shows a handful of figures, each also by month and by the orgs under the one
// chosen. The functions here compute just those, with grouped queries where a figure can be
// split exactly, and always through the same definitions (Where, Agg) as Compute and Drill: a
// month's bar or a town's bar is the figure of that month or town, and its drill-down lists the
// same records.

// ComputeIDs evaluates only the named indicators over the org's subtree (the whole scope when
// org is "") for the period; a rate brings the two counts it divides. The list holds the ids in
// the order given. An unknown id is an error.
func ComputeIDs(ctx context.Context, st *store.Store, sc store.Scope, org, from, to string, ids []string) (*Result, error) {
	return computeIDs(ctx, st, sc, org, from, to, ids, true)
}

// Totals is ComputeIDs without the breakdowns (`by`): half the queries, for a comparison that
// shows only the figure (last year's value beside this year's).
func Totals(ctx context.Context, st *store.Store, sc store.Scope, org, from, to string, ids []string) (*Result, error) {
	return computeIDs(ctx, st, sc, org, from, to, ids, false)
}

func computeIDs(ctx context.Context, st *store.Store, sc store.Scope, org, from, to string, ids []string, withBy bool) (*Result, error) {
	p := Period{from, to}
	res := &Result{From: from, To: to}
	if org != "" {
		o, err := st.Org(ctx, sc, org)
		if err != nil {
			return nil, err
		}
		res.Org = o
	}
	got := map[string]Value{}
	resolve := resolver(ctx, st)
	defs, err := needed(ids, resolve)
	if err != nil {
		return nil, err
	}
	if err := prefetch(ctx, st, sc, org, p, defs, withBy, got); err != nil {
		return nil, err
	}
	var count func(id string) (Value, error)
	count = func(id string) (Value, error) {
		if v, ok := got[id]; ok {
			return v, nil
		}
		d, ok := Lookup(id)
		if !ok {
			return Value{}, fmt.Errorf("未知的指标 %s", id)
		}
		var v Value
		if d.IsRate() {
			var err error
			if d, err = resolve(d); err != nil {
				return Value{}, err
			}
			num, err := count(d.Numerator)
			if err != nil {
				return Value{}, err
			}
			den, err := count(d.Denominator)
			if err != nil {
				return Value{}, err
			}
			v = rate(d, num, den)
		} else {
			if !withBy {
				d.Agg.By = ""
			}
			var err error
			if v, err = computeOne(ctx, st, sc, org, p, d); err != nil {
				return Value{}, fmt.Errorf("计算指标 %s 失败: %w", d.ID, err)
			}
		}
		got[id] = v
		return v, nil
	}
	for _, id := range ids {
		v, err := count(id)
		if err != nil {
			return nil, err
		}
		res.List = append(res.List, describe(id, v))
	}
	return res, nil
}

// describe fills a computed value's catalog fields, as Compute does.
func describe(id string, v Value) Value {
	d, _ := Lookup(id)
	return describeAs(d, v)
}

// describeAs fills them from a definition as the deployment computes it (its formula says which
// denominator and rounding are in force).
func describeAs(d Def, v Value) Value {
	v.ID, v.Label, v.Unit, v.Kind = d.ID, d.Label, d.Unit, d.Kind
	if v.Formula == "" {
		v.Formula = d.Formula
	}
	return v
}

// PeriodField names the date field an indicator's period applies to (受理日期 for
// mediation.cases), or "" when the period enters its definition otherwise (a stock, a custom
// figure, a rate whose two counts run on different dates). A figure with a period field is, for
// any split of the period, the sum of the figures of the parts.
func PeriodField(id string) string {
	d, ok := Lookup(id)
	if !ok {
		return ""
	}
	return periodField(d)
}

func periodField(d Def) string {
	if d.IsRate() {
		a, b := PeriodField(d.Numerator), PeriodField(d.Denominator)
		if a != b {
			return ""
		}
		return a
	}
	if !additive(d) || d.At != nil {
		return "" // a distinct count or a stock of a year is not the sum of its months
	}
	return d.Date
}

// additive reports whether a count adds up over a partition of its records (by month, by org):
// counts and sums do, distinct counts and custom figures do not.
func additive(d Def) bool {
	return d.counts() && (d.Agg.Func == "" || d.Agg.Func == "count" || d.Agg.Func == "sum")
}

// MonthBounds is the first and last day of a month, YYYY-MM-DD.
func MonthBounds(year, month int) (string, string) {
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1]
	if month == 2 && (year%4 == 0 && (year%100 != 0 || year%400 == 0)) {
		days = 29
	}
	return fmt.Sprintf("%04d-%02d-01", year, month), fmt.Sprintf("%04d-%02d-%02d", year, month, days)
}

// OrgFigure is a figure over one org's subtree.
type OrgFigure struct {
	Org   store.Org
	Value Value
}

// ByChildren computes a figure for the subtree of each child of parent (the towns of a city,
// the offices of a bureau), in tree order. tree is the orgs the scope sees (store.Orgs). Counts
// and sums take one query grouped by the owning org, rolled up along the tree; other figures are
// computed child by child. Records owned by parent itself belong to no child.
func ByChildren(ctx context.Context, st *store.Store, sc store.Scope, tree []store.Org, parent string, from, to, id string) ([]OrgFigure, error) {
	d, ok := Lookup(id)
	if !ok {
		return nil, fmt.Errorf("未知的指标 %s", id)
	}
	var top store.Org
	for _, o := range tree {
		if o.Code == parent {
			top = o
		}
	}
	if top.ID == 0 {
		return nil, &store.Error{Code: store.ENOTFOUND, Message: "未找到组织「" + parent + "」"}
	}
	var children []store.Org
	for _, o := range tree {
		if o.ParentID == top.ID {
			children = append(children, o)
		}
	}
	out := make([]OrgFigure, len(children))
	d, err := resolver(ctx, st)(d)
	if err != nil {
		return nil, err
	}
	if !groupable(d) || talliedFor(st, d, children) {
		for i, c := range children {
			res, err := ComputeIDs(ctx, st, sc, c.Code, from, to, []string{id})
			if err != nil {
				return nil, err
			}
			out[i] = OrgFigure{Org: c, Value: res.List[0]}
		}
		return out, nil
	}
	// The child each owning org rolls up to, by code.
	childOf := map[string]int{}
	for _, o := range tree {
		for i, c := range children {
			if strings.HasPrefix(o.Path, c.Path) {
				childOf[o.Code] = i
			}
		}
	}
	perChild := func(id string) ([]float64, string, error) {
		sums := make([]float64, len(children))
		by, unavailable, err := split(ctx, st, sc, parent, Period{from, to}, id, "\x00org")
		if err != nil || unavailable != "" {
			return sums, unavailable, err
		}
		for code, n := range by {
			if i, ok := childOf[code]; ok {
				sums[i] += n
			}
		}
		return sums, "", nil
	}
	if d.IsRate() {
		num, u1, err := perChild(d.Numerator)
		if err != nil {
			return nil, err
		}
		den, u2, err := perChild(d.Denominator)
		if err != nil {
			return nil, err
		}
		for i, c := range children {
			out[i] = OrgFigure{Org: c, Value: describeAs(d, rate(d, Value{Value: num[i], Unavailable: u1}, Value{Value: den[i], Unavailable: u2}))}
		}
		return out, nil
	}
	sums, unavailable, err := perChild(id)
	if err != nil {
		return nil, err
	}
	for i, c := range children {
		out[i] = OrgFigure{Org: c, Value: describe(id, Value{Value: sums[i], Unavailable: unavailable})}
	}
	return out, nil
}

// groupable reports whether a figure (or both counts of a rate) adds up over a partition of its
// records.
func groupable(d Def) bool {
	if d.IsRate() {
		a, _ := Lookup(d.Numerator)
		b, _ := Lookup(d.Denominator)
		return groupable(a) && groupable(b)
	}
	return additive(d)
}

// split computes a count or sum grouped by a field of its kind ("\x00org": the owning org's
// code) instead of its own breakdown. It reports why there is no figure when the scope may not
// read the kind.
func split(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period, id, field string) (map[string]float64, string, error) {
	d, ok := Lookup(id)
	if !ok || !d.counts() {
		return nil, "", fmt.Errorf("指标 %s 不能分组计算", id)
	}
	if !sc.CanRead(d.Kind) {
		return nil, "无权查看该类数据", nil
	}
	if field == "\x00org" {
		kind, ok := law.Lookup(d.Kind)
		if !ok {
			return nil, "", fmt.Errorf("指标 %s 的台账类型未知", id)
		}
		field = kind.OrgField // grouped by the owning org's code
	}
	agg := d.Agg
	agg.By = field
	_, by, err := st.Aggregate(ctx, sc, store.Query{Kind: d.Kind, OrgCode: org, Conds: d.Where(p)}, agg)
	return by, "", err
}

// ComputeBy is a count grouped by another field of its kind than the one it declares (the
// dashboard's Placement.AlsoBy: 新收行政复议案件 by 被申请人), over the same records.
func ComputeBy(ctx context.Context, st *store.Store, sc store.Scope, org, from, to, id, field string) (Value, error) {
	d, ok := Lookup(id)
	if !ok || !d.counts() {
		return Value{}, fmt.Errorf("指标 %s 不是计数", id)
	}
	d.Agg.By = field
	v, err := computeOne(ctx, st, sc, org, Period{From: from, To: to}, d)
	if err != nil {
		return v, err
	}
	return describeAs(d, v), nil
}
