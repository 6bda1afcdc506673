package indicators

import (
	"context"
	"fmt"
	"slices"

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
	if err := fromTallies(ctx, st, sc, org, p, defs, withBy, got); err != nil {
		return err
	}
	for _, b := range batches(defs, func(d Def) (batchKey, bool) {
		if _, done := got[d.ID]; done || !d.counts() || !sc.CanRead(d.Kind) {
			return batchKey{}, false
		}
		if !withBy {
			d.Agg.By = ""
		}
		if !store.Batchable(d.Kind, d.Agg) {
			return batchKey{}, false
		}
		if d.At != nil {
			return batchKey{d.Kind, "", d.Agg.By}, true
		}
		return batchKey{d.Kind, d.Date, d.Agg.By}, true
	}) {
		k, list := b.key, b.defs
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
		q.Conds = append(q.Conds, hoist(ms)...)
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

// hoist takes the conditions every measure has out of the measures, for the shared query: the
// same records are counted, but the database reads (and groups, and decodes the breakdown's
// field of) only the rows they select, not every row of the period. mediation.judicial_confirmations
// alone, by 确认结果, at the 1M province root on SQLite: 549 → 230 ms, against 282 ms for the
// hand-written COUNT. OpFewHolders stays in its measure: it is a condition on the rest of the
// query it is in.
func hoist(ms []store.Measure) []store.Cond {
	var common []store.Cond
	for _, c := range ms[0].Conds {
		everywhere := !slices.ContainsFunc(ms, func(m store.Measure) bool { return !hasCond(m.Conds, c) })
		if everywhere && c.Op != store.OpFewHolders && !hasCond(common, c) {
			common = append(common, c)
		}
	}
	for i := range ms {
		ms[i].Conds = slices.DeleteFunc(slices.Clone(ms[i].Conds), func(c store.Cond) bool { return hasCond(common, c) })
	}
	return common
}

// hasCond reports whether conds holds c (field, operator and values alike).
func hasCond(conds []store.Cond, c store.Cond) bool {
	return slices.ContainsFunc(conds, func(h store.Cond) bool {
		return h.Field == c.Field && h.Op == c.Op && h.Value == c.Value && slices.Equal(h.Values, c.Values)
	})
}

// batch is figures read in one pass, and what they share.
type batch struct {
	key  batchKey
	defs []Def
}

// batches groups defs by the key each is read under (those key refuses are left out), in the
// order the keys first come, so that queries run in the catalog's order.
func batches(defs []Def, key func(Def) (batchKey, bool)) []batch {
	var out []batch
	at := map[batchKey]int{}
	for _, d := range defs {
		k, ok := key(d)
		if !ok {
			continue
		}
		i, seen := at[k]
		if !seen {
			i = len(out)
			at[k] = i
			out = append(out, batch{key: k})
		}
		out[i].defs = append(out[i].defs, d)
	}
	return out
}

// resolver gives a rate as the deployment divides it (Local.apply), the local choices read once,
// when the first rate asks; other figures pass unchanged.
func resolver(ctx context.Context, st *store.Store) func(Def) (Def, error) {
	var local *Local
	return func(d Def) (Def, error) {
		if !d.IsRate() {
			return d, nil
		}
		if local == nil {
			l, err := LoadLocal(ctx, st)
			if err != nil {
				return d, err
			}
			local = &l
		}
		return local.apply(d), nil
	}
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
