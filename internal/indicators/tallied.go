package indicators

import (
	"context"
	"slices"
	"time"

	"github.com/fazhi/fazhi/internal/store"
)

// A count of records over whole months is read from the store's tallies where it is kept
// (store/tally.go): the rows of one org per month and group, not the records. The days of a
// period outside its whole months (a dashboard's month so far) are counted from the records as
// before and added. The tallies are exact and kept in each write's transaction, so the figure is
// the same either way (TestTalliedFiguresEqualLive) — and its drill-down, which lists the
// records, still runs the figure's Where.

// tallyMeasure is the store's measure of a count the tallies can keep: a plain count of a
// kind's records by a date field, or a sum of a whole-number field of them (store.Tallyable says
// which), whose filter depends
// on nothing but the record and its clocks (not on the period's end, its org's type or other
// records).
func tallyMeasure(d Def) (store.TallyMeasure, bool) {
	if !d.counts() || d.At != nil || (d.Agg.Func != "" && d.Agg.Func != "count" && d.Agg.Func != "sum") {
		return store.TallyMeasure{}, false
	}
	for _, c := range d.Filter {
		if c.Value == PeriodEnd || slices.Contains(c.Values, PeriodEnd) {
			return store.TallyMeasure{}, false
		}
	}
	m := store.TallyMeasure{ID: d.ID, Kind: d.Kind, Date: d.Date, Conds: d.Filter, By: d.Agg.By}
	if d.Agg.Func == "sum" {
		m.Sum = d.Agg.Field
	}
	return m, store.Tallyable(m)
}

// TallyMeasures lists the catalog's counts the tallies keep.
func TallyMeasures() []store.TallyMeasure {
	var out []store.TallyMeasure
	for _, d := range catalog {
		if m, ok := tallyMeasure(d); ok {
			out = append(out, m)
		}
	}
	return out
}

// UseTallies makes the store keep the catalog's counts (cmd/fazhi, at every start: a count new
// or changed since the last is counted afresh, the others cost nothing) and says how many it
// counted afresh.
func UseTallies(ctx context.Context, st *store.Store) (int, error) {
	return st.UseTallies(ctx, TallyMeasures())
}

type noTallies struct{}

// WithoutTallies is ctx on which the counts read the records themselves, never the tallies, and
// the 持证率 folds the events in Go, never the kept spans: the comparison the tests make, and
// `fazhi tallies`'s check. (OpFewHolders is the store's, which reads the spans for any reader of
// the whole tree; TestUncertifiedMatchesCertificateHolder compares it with the Go rule.)
func WithoutTallies(ctx context.Context) context.Context {
	return context.WithValue(ctx, noTallies{}, true)
}

// wholeMonths is the first and last whole month (YYYY-MM) of a period, and the days before and
// after them; ok is false when the period holds no whole month.
func wholeMonths(p Period) (from, to string, before, after *Period, ok bool) {
	start, err1 := time.Parse(time.DateOnly, p.From)
	end, err2 := time.Parse(time.DateOnly, p.To)
	if err1 != nil || err2 != nil {
		return "", "", nil, nil, false
	}
	first := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	if !first.Equal(start) {
		first = first.AddDate(0, 1, 0)
	}
	last := time.Date(end.Year(), end.Month(), 1, 0, 0, 0, 0, time.UTC) // the month after the last whole one
	if end.AddDate(0, 0, 1).Day() == 1 {
		last = last.AddDate(0, 1, 0)
	}
	if !first.Before(last) {
		return "", "", nil, nil, false
	}
	if first.After(start) {
		before = &Period{p.From, first.AddDate(0, 0, -1).Format(time.DateOnly)}
	}
	if !last.After(end) {
		after = &Period{last.Format(time.DateOnly), p.To}
	}
	return first.Format("2006-01"), last.AddDate(0, -1, 0).Format("2006-01"), before, after, true
}

// fromTallies computes into got the counts among defs that the tallies answer for the period's
// whole months, the period's other days counted from the records.
func fromTallies(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period, defs []Def, withBy bool, got map[string]Value) error {
	from, to, before, after, ok := wholeMonths(p)
	if !ok || ctx.Value(noTallies{}) != nil {
		return nil
	}
	var kept []Def
	var ms []store.TallyMeasure
	for _, d := range defs {
		if _, done := got[d.ID]; done || !sc.CanRead(d.Kind) {
			continue
		}
		if m, ok := tallyMeasure(d); ok && st.KeepsTally(m) {
			kept, ms = append(kept, d), append(ms, m)
		}
	}
	if len(ms) == 0 {
		return nil
	}
	totals, by, ok, err := st.TallyCounts(ctx, sc, org, ms, from, to)
	if err != nil || !ok {
		return err
	}
	edges := map[string]Value{}
	for _, e := range []*Period{before, after} {
		if e == nil {
			continue
		}
		part := map[string]Value{}
		if err := prefetch(ctx, st, sc, org, *e, kept, withBy, part); err != nil {
			return err
		}
		for id, v := range part {
			edges[id] = sum(edges[id], v)
		}
	}
	for i, d := range kept {
		v := Value{Value: totals[i]}
		if withBy && d.Agg.By != "" {
			v.By = by[i]
		}
		got[d.ID] = sum(v, edges[d.ID])
	}
	return nil
}

// sum adds two counts and their breakdowns.
func sum(a, b Value) Value {
	out := Value{Value: a.Value + b.Value}
	if a.By == nil && b.By == nil {
		return out
	}
	out.By = map[string]float64{}
	for _, by := range []map[string]float64{a.By, b.By} {
		for k, n := range by {
			out.By[k] += n
		}
	}
	return out
}

// monthlyFromTallies reads into series the months of the counts among defs the tallies keep:
// a year's trend is the year's twelve rows of each.
func monthlyFromTallies(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period, defs []Def, series map[string]*[12]float64) error {
	from, to, before, after, ok := wholeMonths(p)
	if !ok || before != nil || after != nil || ctx.Value(noTallies{}) != nil {
		return nil
	}
	var kept []Def
	var ms []store.TallyMeasure
	for _, d := range defs {
		if m, ok := tallyMeasure(d); ok && series[d.ID] == nil && sc.CanRead(d.Kind) && st.KeepsTally(m) {
			kept, ms = append(kept, d), append(ms, m)
		}
	}
	if len(ms) == 0 {
		return nil
	}
	byMonth, ok, err := st.TallyMonths(ctx, sc, org, ms, from, to)
	if err != nil || !ok {
		return err
	}
	for i, d := range kept {
		series[d.ID] = &[12]float64{}
		for month, n := range byMonth[i] {
			if t, err := time.Parse("2006-01", month); err == nil {
				series[d.ID][t.Month()-1] += n
			}
		}
	}
	return nil
}

// talliedFor reports whether the tallies keep every count of d (a rate's two) for each of orgs:
// then each org's figure is a few rows of them, cheaper than one query grouping the parent's
// records by org (ByChildren).
func talliedFor(st *store.Store, d Def, orgs []store.Org) bool {
	counts := []Def{d}
	if d.IsRate() {
		num, _ := Lookup(d.Numerator)
		den, _ := Lookup(d.Denominator)
		counts = []Def{num, den}
	}
	for _, c := range counts {
		if m, ok := tallyMeasure(c); !ok || !st.KeepsTally(m) {
			return false
		}
	}
	for _, o := range orgs {
		if !store.TalliedAt(o.Path) {
			return false
		}
	}
	return len(orgs) > 0
}
