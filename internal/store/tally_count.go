package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// Counting records into the tallies: from scratch per group of measures, per record for a
// write, per subtree for an org moved, and adding what was counted (tally.go).

// tallyCountsWhere counts the group's measures over the kind's records that meet cond (none:
// all), per org of the top levels above each record, month and breakdown group.
func (t *tx) tallyCountsWhere(ctx context.Context, g tallyGroup, cond string, condArgs ...any) (map[tallyKey]int64, error) {
	kind, date, grp, err := t.s.groupExprs(g)
	if err != nil {
		return nil, err
	}
	cols := make([]string, len(g.ms))
	var args []any
	for i, m := range g.ms {
		terms, targs, err := t.s.condSQL(kind, m.Conds)
		if err != nil {
			return nil, err
		}
		cols[i], args = "CAST(SUM("+t.s.tallyValue(kind, m, strings.Join(terms, " AND "))+") AS BIGINT)", append(args, targs...)
	}
	month := "SUBSTR(" + date + ", 1, 7)"
	where := kindIs("r.kind", g.kind) + " AND " + date + " IS NOT NULL AND " + date + " <> ''"
	if cond != "" {
		where += " AND " + cond
		args = append(args, condArgs...)
	}
	groupBy := "o.path, " + month
	if g.by != "" {
		groupBy += ", " + grp // PostgreSQL refuses a constant in GROUP BY
	}
	rows, err := t.query(ctx, `SELECT o.path, `+month+`, `+grp+`, `+strings.Join(cols, ", ")+`
		FROM records r JOIN orgs o ON o.id = r.org_id WHERE `+where+` GROUP BY `+groupBy, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[tallyKey]int64{}
	n := make([]int64, len(g.ms))
	dest := make([]any, 3+len(n))
	var path, mon, group string
	dest[0], dest[1], dest[2] = &path, &mon, &group
	for i := range n {
		dest[3+i] = &n[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		orgs := tallyOrgs(path)
		for i, m := range g.ms {
			if n[i] == 0 {
				continue
			}
			for _, org := range orgs {
				out[tallyKey{m.ID, org, mon, group}] += n[i]
			}
		}
	}
	return out, rows.Err()
}

// groupExprs are the SQL of a group's kind, date field and breakdown group (the live figures'
// own: fieldExpr, groupKey; ” without a breakdown).
func (s *Store) groupExprs(g tallyGroup) (kind *law.Kind, date, grp string, err error) {
	kind, ok := law.Lookup(g.kind)
	if !ok {
		return nil, "", "", errorf(EINVALID, "未知的台账类型「%s」", g.kind)
	}
	if date, _, err = s.fieldExpr(kind, g.date); err != nil {
		return nil, "", "", err
	}
	grp = "''"
	if g.by != "" {
		grp, err = s.groupKey(kind, Group{By: g.by})
	}
	return kind, date, grp, err
}

// tallyOrgs are the orgs of the top TallyDepth levels on a materialised path (/1/5/23/…/): a
// record counts in the tallies of each.
func tallyOrgs(path string) []int64 {
	var out []int64
	for _, part := range strings.Split(strings.Trim(path, "/"), "/") {
		if len(out) == TallyDepth {
			break
		}
		if id, err := strconv.ParseInt(part, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// addTallies adds sign × counts to the tallies, a hundred rows a statement.
func (t *tx) addTallies(ctx context.Context, counts map[tallyKey]int64, sign int64) error {
	keys := make([]tallyKey, 0, len(counts))
	for k, n := range counts {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	// In one order, so that two PostgreSQL transactions adding to the same rows take their
	// locks in the same order and do not deadlock.
	slices.SortFunc(keys, func(a, b tallyKey) int {
		if c := strings.Compare(a.measure, b.measure); c != 0 {
			return c
		}
		if a.org != b.org {
			return int(a.org - b.org)
		}
		if c := strings.Compare(a.month, b.month); c != 0 {
			return c
		}
		return strings.Compare(a.grp, b.grp)
	})
	for len(keys) > 0 {
		chunk := keys[:min(100, len(keys))]
		keys = keys[len(chunk):]
		args := make([]any, 0, 5*len(chunk))
		for _, k := range chunk {
			args = append(args, k.measure, k.org, k.month, k.grp, sign*counts[k])
		}
		q := `INSERT INTO tallies (measure, org_id, month, grp, n) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", len(chunk)), ", ") +
			` ON CONFLICT (measure, org_id, month, grp) DO UPDATE SET n = tallies.n + excluded.n`
		if _, err := t.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("更新计数表失败: %w", err)
		}
	}
	return nil
}

// tallySubtree adds sign × the counts of every record in org's subtree to the tallies of the orgs
// above it: an org moved in the tree takes its records' counts from the orgs it leaves (sign -1,
// before the move) to those it joins (+1, after). The subtree is pathUnder's, an index range.
func (t *tx) tallySubtree(ctx context.Context, org Org, sign int64) error {
	under, args := t.s.pathUnder("o.path", org)
	for _, g := range tallyGroups(t.s.keptTallies().all) {
		counts, err := t.tallyCountsWhere(ctx, g, under, args...)
		if err != nil {
			return err
		}
		if err := t.addTallies(ctx, counts, sign); err != nil {
			return err
		}
	}
	return nil
}

// recordTallies counts the measures of groups (one kind's) over the records ids, which are of that
// kind (the records a write touched), in one query of a row per record: a flag per measure, and
// each date field's month and breakdown group. A write's flush is then one statement per kind,
// not one per date field and breakdown; and it does not test the kind, for SQLite then read the
// kind's index, every record of it, for a handful of ids (an API create 6× slower).
func (t *tx) recordTallies(ctx context.Context, groups []tallyGroup, ids []int64) (map[tallyKey]int64, error) {
	var cols []string
	var args []any
	measures := 0
	for _, g := range groups {
		kind, date, grp, err := t.s.groupExprs(g)
		if err != nil {
			return nil, err
		}
		measures += len(g.ms)
		cols = append(cols, "COALESCE(SUBSTR("+date+", 1, 7), '')", grp)
		dated := date + " IS NOT NULL AND " + date + " <> ''"
		for _, m := range g.ms {
			terms, targs, err := t.s.condSQL(kind, m.Conds)
			if err != nil {
				return nil, err
			}
			cols = append(cols, t.s.tallyValue(kind, m, strings.Join(append([]string{dated}, terms...), " AND ")))
			args = append(args, targs...)
		}
	}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := t.query(ctx, `SELECT o.path, `+strings.Join(cols, ", ")+` FROM records r JOIN orgs o ON o.id = r.org_id
		WHERE r.id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	// Each group's month and breakdown group as strings (as the live breakdown scans them), each
	// measure's value (1 or 0 for a count, the field for a sum) as a number.
	var path string
	keys := make([]string, 2*len(groups))
	flags := make([]int64, measures)
	dest := []any{&path}
	for gi, g := range groups {
		dest = append(dest, &keys[2*gi], &keys[2*gi+1])
		for range g.ms {
			dest = append(dest, &flags[len(dest)-1-2*(gi+1)])
		}
	}
	out := map[tallyKey]int64{}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		orgs, k := tallyOrgs(path), 0
		for gi, g := range groups {
			for _, m := range g.ms {
				if flags[k] != 0 {
					for _, org := range orgs {
						out[tallyKey{m.ID, org, keys[2*gi], keys[2*gi+1]}] += flags[k]
					}
				}
				k++
			}
		}
	}
	return out, rows.Err()
}

// tallyValue is what a record adds to measure m when cond holds (always, when cond is ""): 1 for
// a count, its whole-number field for a sum (empty counting 0, as the live SUM skips it).
func (s *Store) tallyValue(kind *law.Kind, m TallyMeasure, cond string) string {
	v := "1"
	if m.Sum != "" {
		expr, _, _ := s.fieldExpr(kind, m.Sum)
		v = "CAST(COALESCE(NULLIF(" + expr + ", ''), '0') AS BIGINT)"
	}
	if cond == "" {
		return v
	}
	return "CASE WHEN " + cond + " THEN " + v + " ELSE 0 END"
}
