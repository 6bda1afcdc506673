package indicators

import (
	"context"
	"fmt"

	"github.com/fazhi/fazhi/internal/store"
)

// MonthlyIDs computes figures for each month of a year: out[i][0] is ids[i]'s January. Each
// month's value is exactly Totals' figure for that month (ComputeIDs' without its breakdown,
// which a bar does not show), so the drill-down of a month (Drill with the month's first and
// last day) lists as many records as its bar shows. The counts with a period field are read
// grouped by its month, one query for all those of a kind and field (a rate's two counts among
// them); the other figures are computed month by month, all of them in each month's one Totals.
func MonthlyIDs(ctx context.Context, st *store.Store, sc store.Scope, org string, year int, ids []string) ([][]Value, error) {
	resolve := resolver(ctx, st)
	defs := make([]Def, len(ids))
	for i, id := range ids {
		d, ok := Lookup(id)
		if !ok {
			return nil, fmt.Errorf("未知的指标 %s", id)
		}
		var err error
		if defs[i], err = resolve(d); err != nil {
			return nil, err
		}
	}
	p := Period{fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)}
	series := map[string]*[12]float64{} // a count's months
	unavailable := map[string]string{}
	var byMonth []Def // the counts read grouped by month
	var others []string
	for i, d := range defs {
		switch {
		case periodField(d) == "":
			others = append(others, ids[i])
		case d.IsRate():
			num, _ := Lookup(d.Numerator)
			den, _ := Lookup(d.Denominator)
			byMonth = append(byMonth, num, den)
		default:
			byMonth = append(byMonth, d)
		}
	}
	if err := monthlyCounts(ctx, st, sc, org, p, byMonth, series, unavailable); err != nil {
		return nil, err
	}
	others, err := monthlyStocks(ctx, st, sc, org, year, others, series)
	if err != nil {
		return nil, err
	}
	months := make([]map[string]Value, 12)
	if len(others) > 0 {
		for m := 1; m <= 12; m++ {
			mf, mt := MonthBounds(year, m)
			res, err := Totals(ctx, st, sc, org, mf, mt, others) // a bar shows no breakdown
			if err != nil {
				return nil, err
			}
			months[m-1] = map[string]Value{}
			for _, v := range res.List {
				months[m-1][v.ID] = v
			}
		}
	}
	out := make([][]Value, len(ids))
	for i, d := range defs {
		out[i] = make([]Value, 12)
		for m := range out[i] {
			switch {
			case periodField(d) == "" && series[d.ID] != nil: // a stock, read for the twelve months at once
				out[i][m] = describe(ids[i], Value{Value: series[d.ID][m]})
			case periodField(d) == "":
				out[i][m] = months[m][ids[i]]
			case d.IsRate():
				num := Value{Value: series[d.Numerator][m], Unavailable: unavailable[d.Numerator]}
				den := Value{Value: series[d.Denominator][m], Unavailable: unavailable[d.Denominator]}
				out[i][m] = describeAs(d, rate(d, num, den))
			default:
				out[i][m] = describe(ids[i], Value{Value: series[d.ID][m], Unavailable: unavailable[d.ID]})
			}
		}
	}
	return out, nil
}

// monthlyCounts reads the counts by the month of their period field, one query per kind and
// field, into series (and why there is none, for a kind the scope may not read).
func monthlyCounts(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period, defs []Def,
	series map[string]*[12]float64, unavailable map[string]string) error {
	if err := monthlyFromTallies(ctx, st, sc, org, p, defs, series); err != nil {
		return err
	}
	for _, b := range batches(defs, func(d Def) (batchKey, bool) {
		if series[d.ID] != nil {
			return batchKey{}, false
		}
		series[d.ID] = &[12]float64{}
		if !sc.CanRead(d.Kind) {
			unavailable[d.ID] = "无权查看该类数据"
			return batchKey{}, false
		}
		return batchKey{kind: d.Kind, date: d.Date}, true
	}) {
		k, list := b.key, b.defs
		ms := make([]store.Measure, len(list))
		for i, d := range list {
			ms[i] = store.Measure{Conds: d.filter(p), Agg: store.Agg{Func: d.Agg.Func, Field: d.Agg.Field}}
		}
		_, by, err := st.AggregateEach(ctx, sc, store.Query{Kind: k.kind, OrgCode: org, Conds: in(k.date, p)},
			store.Group{By: k.date, Month: true}, ms)
		if err != nil {
			return fmt.Errorf("按月计算 %s 的指标失败: %w", k.kind, err)
		}
		for i, d := range list {
			for month, n := range by[i] {
				var y, m int
				if _, err := fmt.Sscanf(month, "%04d-%02d", &y, &m); err == nil && m >= 1 && m <= 12 {
					series[d.ID][m-1] += n
				}
			}
		}
	}
	return nil
}

// monthlyStocks reads into series, for each count among ids whose period is not a date lying in
// it (a stock at the period's end, the tasks of a year: Def.At), its twelve months in one query:
// a measure per month, each exactly the month's Where. navigators.total's trend at the 5M
// province root read the ledger twelve times (12 × 2.3 s on SQLite). The ids it does not read are
// returned, for the month-by-month Totals.
func monthlyStocks(ctx context.Context, st *store.Store, sc store.Scope, org string, year int, ids []string, series map[string]*[12]float64) ([]string, error) {
	var rest []string
	for _, id := range ids {
		d, _ := Lookup(id)
		if !d.counts() || d.At == nil || !sc.CanRead(d.Kind) || !store.Batchable(d.Kind, store.Agg{Func: d.Agg.Func, Field: d.Agg.Field}) {
			rest = append(rest, id)
			continue
		}
		ms := make([]store.Measure, 12)
		for m := range ms {
			from, to := MonthBounds(year, m+1)
			ms[m] = store.Measure{Conds: d.Where(Period{from, to}), Agg: store.Agg{Func: d.Agg.Func, Field: d.Agg.Field}}
		}
		q := store.Query{Kind: d.Kind, OrgCode: org, Conds: hoist(ms)}
		vals, _, err := st.AggregateEach(ctx, sc, q, store.Group{}, ms)
		if err != nil {
			return nil, fmt.Errorf("按月计算 %s 失败: %w", d.ID, err)
		}
		series[d.ID] = &[12]float64{}
		copy(series[d.ID][:], vals)
	}
	return rest, nil
}
