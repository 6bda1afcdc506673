package store

import (
	"context"
	"strings"
)

// Reading the tallies (tally.go): a figure's whole months, for an org and scope they answer for.

// KeepsTally reports whether m is kept as asked.
func (s *Store) KeepsTally(m TallyMeasure) bool {
	kept, ok := s.keptTallies().spec[m.ID]
	return ok && kept == m.spec()
}

// TallyCounts answers measures from the tallies: the records of org's subtree (the scope's
// single root when org is "") whose date lies in the months fromMonth to toMonth (YYYY-MM),
// each measure's total and, with By, its breakdown. ok is false when the tallies cannot answer
// for exactly the records the scope sees there: an org below the top levels, a scope that sees
// only part of the subtree, a measure not kept as asked. Then the caller counts the records.
func (s *Store) TallyCounts(ctx context.Context, sc Scope, org string, ms []TallyMeasure, fromMonth, toMonth string) (totals []float64, by []map[string]float64, ok bool, err error) {
	return s.tallySums(ctx, sc, org, ms, fromMonth, toMonth, "grp")
}

// TallyMonths is TallyCounts broken down by month (YYYY-MM) instead of by group: a trend.
func (s *Store) TallyMonths(ctx context.Context, sc Scope, org string, ms []TallyMeasure, fromMonth, toMonth string) (byMonth []map[string]float64, ok bool, err error) {
	_, byMonth, ok, err = s.tallySums(ctx, sc, org, ms, fromMonth, toMonth, "month")
	return byMonth, ok, err
}

// tallySums sums the tallies of ms by key (grp or month).
func (s *Store) tallySums(ctx context.Context, sc Scope, org string, ms []TallyMeasure, fromMonth, toMonth, key string) (totals []float64, by []map[string]float64, ok bool, err error) {
	for _, m := range ms {
		if !s.KeepsTally(m) || !sc.CanRead(m.Kind) {
			return nil, nil, false, nil
		}
	}
	o, ok, err := s.tallyOrg(ctx, sc, org)
	if err != nil || !ok || len(ms) == 0 {
		return nil, nil, false, err
	}
	args := []any{o.ID, fromMonth, toMonth}
	index := map[string]int{}
	for i, m := range ms {
		index[m.ID] = i
		args = append(args, m.ID)
	}
	rows, err := s.query(ctx, `SELECT measure, `+key+`, SUM(n) FROM tallies WHERE org_id = ? AND month >= ? AND month <= ?
		AND measure IN (`+placeholders(len(ms))+`) GROUP BY measure, `+key, args...)
	if err != nil {
		return nil, nil, false, err
	}
	defer rows.Close()
	totals = make([]float64, len(ms))
	by = make([]map[string]float64, len(ms))
	for i, m := range ms {
		if m.By != "" || key == "month" {
			by[i] = map[string]float64{}
		}
	}
	for rows.Next() {
		var id, grp string
		var n int64
		if err := rows.Scan(&id, &grp, &n); err != nil {
			return nil, nil, false, err
		}
		i := index[id]
		if n == 0 {
			continue // a group whose records have all gone, as a live count leaves it out
		}
		totals[i] += float64(n)
		if by[i] != nil {
			by[i][grp] += float64(n)
		}
	}
	return totals, by, true, rows.Err()
}

// tallyOrg is the org whose tallies count exactly what the scope sees of org's subtree, if any.
func (s *Store) tallyOrg(ctx context.Context, sc Scope, code string) (Org, bool, error) {
	if code == "" { // the whole scope: the tallies answer for it when it is the whole, single tree
		if !sc.all {
			return Org{}, false, nil
		}
		root, ok, err := s.soleRoot(ctx)
		if err != nil || !ok {
			return Org{}, false, err
		}
		code = root.Code
	}
	o, err := s.Org(ctx, sc, code)
	if err != nil {
		return o, false, err
	}
	return o, TalliedAt(o.Path) && sc.coversPath(o.Path), nil
}

// TalliedAt reports whether the org at path is of the top TallyDepth levels, whose tallies are
// kept (below them a figure counts the records).
func TalliedAt(path string) bool { return strings.Count(strings.Trim(path, "/"), "/") < TallyDepth }

// soleRoot is the root of the org tree when there is one only.
func (s *Store) soleRoot(ctx context.Context) (Org, bool, error) {
	rows, err := s.query(ctx, `SELECT code, path FROM orgs WHERE parent_id IS NULL LIMIT 2`)
	if err != nil {
		return Org{}, false, err
	}
	defer rows.Close()
	var roots []Org
	for rows.Next() {
		var o Org
		if err := rows.Scan(&o.Code, &o.Path); err != nil {
			return Org{}, false, err
		}
		roots = append(roots, o)
	}
	if err := rows.Err(); err != nil || len(roots) != 1 {
		return Org{}, false, err
	}
	return roots[0], true, nil
}
