package indicators

import (
	"context"
	"fmt"

	"github.com/fazhi/fazhi/internal/store"
)

// The counts of one ledger that share a period field are computed together: one indexed query
// selects the kind's records of the period in the subtree, and each figure is an aggregate over
// those meeting its own filter (store.AggregateEach). A figure's records are still exactly its
// Where — the period's and the filter's conditions ANDed — so it equals its drill-down.

// batchKey groups the figures read in one pass: the kind, the period field ("" for the stocks
// and plans, whose conditions all go into each figure's own) and the breakdown.
type batchKey struct{ kind, date, by string }

// prefetch computes the batchable counts among defs into got, one query per group.
func prefetch(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period, defs []Def, withBy bool, got map[string]Value) error {
	groups := map[batchKey][]Def{}
	var order []batchKey
	for _, d := range defs {
		if _, done := got[d.ID]; done || !d.counts() || !sc.CanRead(d.Kind) {
			continue
		}
		if !withBy {
			d.Agg.By = ""
		}
		if !store.Batchable(d.Kind, d.Agg) {
			continue
		}
		k := batchKey{d.Kind, d.Date, d.Agg.By}
		if d.At != nil {
			k.date = ""
		}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], d)
	}
	for _, k := range order {
		list := groups[k]
		q := store.Query{Kind: k.kind, OrgCode: org}
		if k.date != "" {
			q.Conds = in(k.date, p)
		}
		ms := make([]store.Measure, len(list))
		for i, d := range list {
			ms[i] = store.Measure{Conds: d.filter(p), Agg: d.Agg}
			if k.date == "" {
				ms[i].Conds = d.Where(p)
			}
		}
		vals, by, err := st.AggregateEach(ctx, sc, q, store.Group{By: k.by}, ms)
		if err != nil {
			return fmt.Errorf("计算 %s 的指标失败: %w", k.kind, err)
		}
		for i, d := range list {
			v := Value{Value: vals[i]}
			if by != nil {
				v.By = by[i]
			}
			got[d.ID] = v
		}
	}
	return nil
}

// needed lists the definitions ids evaluate, the counts of their rates included (as the
// deployment divides them: resolve applies its local denominators).
func needed(ids []string, resolve func(Def) (Def, error)) ([]Def, error) {
	var out []Def
	seen := map[string]bool{}
	var walk func(id string) error
	walk = func(id string) error {
		if seen[id] {
			return nil
		}
		seen[id] = true
		d, ok := Lookup(id)
		if !ok {
			return fmt.Errorf("未知的指标 %s", id)
		}
		if d.IsRate() {
			r, err := resolve(d)
			if err != nil {
				return err
			}
			if err := walk(r.Numerator); err != nil {
				return err
			}
			return walk(r.Denominator)
		}
		out = append(out, d)
		return nil
	}
	for _, id := range ids {
		if err := walk(id); err != nil {
			return nil, err
		}
	}
	return out, nil
}
