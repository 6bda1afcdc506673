package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/fazhi/fazhi/internal/law"
)

// Tallies keep counts of records incrementally (issue 15): for each kept measure, the number of
// records it counts per org, month of its date field and breakdown group, where "per org" is
// the org's whole subtree, kept for the orgs of the top TallyDepth levels of the tree. A figure
// over such an org for whole months is then a sum of a few dozen rows instead of a scan of its
// millions of records. The counts are exact, never estimates: every write of a record updates
// them in its own transaction (tally_write.go), from the same SQL that counts the live records
// (measureSQL, groupKey), so a tally and the live count cannot disagree on what a record is;
// TestTalliesEqualLiveCounts checks the two after every kind of write, on both engines.
//
// Which measures are kept is data in the database (tally_measures), so that every process
// writing to it maintains the same set whoever started it; UseTallies sets it (cmd/fazhi from
// the indicator catalog, at start-up) and rebuilds a measure that is new or changed. A read asks
// for a measure by its definition and is answered only when the kept one is the same.

// TallyDepth is how many levels of the org tree, from a root, keep tallies: the province, its
// cities and their counties (a county deployment: the county, its towns, their villages). Below
// it a subtree is small and its figures read the live records.
const TallyDepth = 3

// TallyMeasure is a count kept in the tallies: the records of Kind whose Date lies in a month,
// meeting Conds, broken down by By ("" for none).
type TallyMeasure struct {
	ID    string `json:"-"`
	Kind  string `json:"kind"`
	Date  string `json:"date"`
	Conds []Cond `json:"conds,omitempty"`
	By    string `json:"by,omitempty"`
}

// spec is the measure's definition as tally_measures keeps it.
func (m TallyMeasure) spec() string {
	b, _ := json.Marshal(m)
	return string(b)
}

// tallySet is the kept measures, by id and by kind.
type tallySet struct {
	byID   map[string]TallyMeasure
	byKind map[string][]TallyMeasure
}

func newTallySet(ms []TallyMeasure) *tallySet {
	set := &tallySet{byID: map[string]TallyMeasure{}, byKind: map[string][]TallyMeasure{}}
	for _, m := range ms {
		set.byID[m.ID] = m
		set.byKind[m.Kind] = append(set.byKind[m.Kind], m)
	}
	return set
}

// tallyState holds the store's kept measures (an atomic pointer: writes read it while
// UseTallies replaces it).
type tallyState struct{ set atomic.Pointer[tallySet] }

func (s *Store) keptTallies() *tallySet {
	if set := s.tally.set.Load(); set != nil {
		return set
	}
	return newTallySet(nil)
}

// loadTallies reads the kept measures at Open.
func (s *Store) loadTallies(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, spec FROM tally_measures ORDER BY id`)
	if err != nil {
		return fmt.Errorf("读取计数表定义失败: %w", err)
	}
	defer rows.Close()
	var ms []TallyMeasure
	for rows.Next() {
		var id, spec string
		if err := rows.Scan(&id, &spec); err != nil {
			return err
		}
		m := TallyMeasure{ID: id}
		if err := json.Unmarshal([]byte(spec), &m); err != nil {
			return fmt.Errorf("计数表定义 %s 无法解析: %w", id, err)
		}
		if _, ok := law.Lookup(m.Kind); ok { // a kind this binary no longer has is not kept
			ms = append(ms, m)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	s.tally.set.Store(newTallySet(ms))
	return nil
}

// checkTally refuses a measure the tallies cannot keep exactly: a condition on something other
// than the record's own values (its clocks: OpLate; its org's type; other records: OpFewHolders),
// whose answer can change without the record being written.
func checkTally(m TallyMeasure) error {
	kind, ok := law.Lookup(m.Kind)
	if !ok {
		return errorf(EINVALID, "计数 %s：未知的台账类型「%s」", m.ID, m.Kind)
	}
	if f, ok := kind.Field(m.Date); !ok || f.Type != law.Date {
		return errorf(EINVALID, "计数 %s：「%s」不是日期字段", m.ID, m.Date)
	}
	for _, c := range m.Conds {
		switch c.Op {
		case OpLate, OpOrgType, OpFewHolders:
			return errorf(EINVALID, "计数 %s：条件 %s 不只取决于记录本身，不能增量计数", m.ID, c.Op)
		}
	}
	return nil
}

// Tallyable reports whether a measure can be kept in the tallies.
func Tallyable(m TallyMeasure) bool { return checkTally(m) == nil }

// UseTallies makes ms the kept measures: a kept measure no longer in ms is dropped, and one new
// or changed is counted afresh from the records, all in one transaction. Measures that are
// already kept as asked cost nothing, so every start-up calls it. It returns how many measures
// it counted afresh.
func (s *Store) UseTallies(ctx context.Context, ms []TallyMeasure) (int, error) {
	for _, m := range ms {
		if err := checkTally(m); err != nil {
			return 0, err
		}
	}
	counted := 0
	err := s.inTx(ctx, func(t *tx) error {
		kept := map[string]string{}
		rows, err := t.query(ctx, `SELECT id, spec FROM tally_measures`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, spec string
			if err := rows.Scan(&id, &spec); err != nil {
				rows.Close()
				return err
			}
			kept[id] = spec
		}
		rows.Close()
		want := map[string]bool{}
		var fresh []TallyMeasure
		for _, m := range ms {
			want[m.ID] = true
			if kept[m.ID] != m.spec() {
				fresh = append(fresh, m)
			}
		}
		for id, spec := range kept {
			if !want[id] || slices.ContainsFunc(fresh, func(m TallyMeasure) bool { return m.ID == id && m.spec() != spec }) {
				if err := t.dropTally(ctx, id); err != nil {
					return err
				}
			}
		}
		if err := t.rebuildTallies(ctx, fresh); err != nil {
			return err
		}
		s.tally.set.Store(newTallySet(ms))
		counted = len(fresh)
		return nil
	})
	return counted, err
}

// RebuildTallies counts every kept measure, and every officer's certificate spans
// (holder_spans.go), afresh from the records (`fazhi tallies --rebuild`).
func (s *Store) RebuildTallies(ctx context.Context) error {
	return s.inTx(ctx, func(t *tx) error {
		if err := t.respan(ctx, nil); err != nil {
			return err
		}
		return t.recountTallies(ctx)
	})
}

// recountTallies drops and counts again every kept measure.
func (t *tx) recountTallies(ctx context.Context) error {
	set := t.s.keptTallies()
	ms := make([]TallyMeasure, 0, len(set.byID))
	for _, m := range set.byID {
		ms = append(ms, m)
	}
	slices.SortFunc(ms, func(a, b TallyMeasure) int { return strings.Compare(a.ID, b.ID) })
	for _, m := range ms {
		if err := t.dropTally(ctx, m.ID); err != nil {
			return err
		}
	}
	return t.rebuildTallies(ctx, ms)
}

func (t *tx) dropTally(ctx context.Context, id string) error {
	if _, err := t.exec(ctx, `DELETE FROM tallies WHERE measure = ?`, id); err != nil {
		return err
	}
	_, err := t.exec(ctx, `DELETE FROM tally_measures WHERE id = ?`, id)
	return err
}

// rebuildTallies counts ms from the records: one pass over each kind's records per date field
// and breakdown the measures share.
func (t *tx) rebuildTallies(ctx context.Context, ms []TallyMeasure) error {
	for _, g := range tallyGroups(ms) {
		counts, err := t.tallyCountsWhere(ctx, g, "")
		if err != nil {
			return fmt.Errorf("重建计数表失败: %w", err)
		}
		if err := t.addTallies(ctx, counts, 1); err != nil {
			return err
		}
	}
	for _, m := range ms {
		if _, err := t.exec(ctx, `INSERT INTO tally_measures (id, kind, spec) VALUES (?, ?, ?)`, m.ID, m.Kind, m.spec()); err != nil {
			return err
		}
	}
	return nil
}

// tallyGroup is measures of one kind sharing a date field and a breakdown: one query counts them.
type tallyGroup struct {
	kind, date, by string
	ms             []TallyMeasure
}

func tallyGroups(ms []TallyMeasure) []tallyGroup {
	var out []tallyGroup
	for _, m := range ms {
		i := slices.IndexFunc(out, func(g tallyGroup) bool { return g.kind == m.Kind && g.date == m.Date && g.by == m.By })
		if i < 0 {
			i = len(out)
			out = append(out, tallyGroup{kind: m.Kind, date: m.Date, by: m.By})
		}
		out[i].ms = append(out[i].ms, m)
	}
	return out
}

// tallyKey is one row of the tallies.
type tallyKey struct {
	measure string
	org     int64
	month   string
	grp     string
}

// tallyCountsWhere counts the group's measures over the kind's records that meet cond (none:
// all), per org of the top levels above each record, month and breakdown group.
func (t *tx) tallyCountsWhere(ctx context.Context, g tallyGroup, cond string, condArgs ...any) (map[tallyKey]int64, error) {
	kind, ok := law.Lookup(g.kind)
	if !ok {
		return nil, errorf(EINVALID, "未知的台账类型「%s」", g.kind)
	}
	date, _, err := t.s.fieldExpr(kind, g.date)
	if err != nil {
		return nil, err
	}
	grp := "''"
	if g.by != "" {
		if grp, err = t.s.groupKey(kind, Group{By: g.by}); err != nil {
			return nil, err
		}
	}
	cols := make([]string, len(g.ms))
	var args []any
	for i, m := range g.ms {
		if cols[i], args, err = t.s.measureSQL(kind, Measure{Conds: m.Conds, Agg: Agg{Func: "count"}}, args); err != nil {
			return nil, err
		}
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

// KeepsTally reports whether m is kept as asked.
func (s *Store) KeepsTally(m TallyMeasure) bool {
	kept, ok := s.keptTallies().byID[m.ID]
	return ok && kept.spec() == m.spec()
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
	var o Org
	if code == "" {
		if !sc.all {
			return o, false, nil
		}
		var roots []string
		rows, err := s.query(ctx, `SELECT code FROM orgs WHERE parent_id IS NULL LIMIT 2`)
		if err != nil {
			return o, false, err
		}
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return o, false, err
			}
			roots = append(roots, c)
		}
		rows.Close()
		if len(roots) != 1 {
			return o, false, nil
		}
		code = roots[0]
	}
	o, err := s.Org(ctx, sc, code)
	if err != nil {
		return o, false, err
	}
	if strings.Count(strings.Trim(o.Path, "/"), "/")+1 > TallyDepth {
		return o, false, nil // below the levels that keep tallies
	}
	return o, sc.coversSubtree(o.Path), nil
}

// coversSubtree reports whether the scope sees the whole subtree at path.
func (sc Scope) coversSubtree(path string) bool {
	if sc.all {
		return true
	}
	for _, p := range sc.paths {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// tallySubtree adds sign × the counts of every record in the subtree at path to the tallies of
// the orgs above it: an org moved in the tree takes its records' counts from the orgs it leaves
// (sign -1, before the move) to those it joins (+1, after).
func (t *tx) tallySubtree(ctx context.Context, path string, sign int64) error {
	set := t.s.keptTallies()
	var ms []TallyMeasure
	for _, list := range set.byKind {
		ms = append(ms, list...)
	}
	slices.SortFunc(ms, func(a, b TallyMeasure) int { return strings.Compare(a.ID, b.ID) })
	for _, g := range tallyGroups(ms) {
		counts, err := t.tallyCountsWhere(ctx, g, "o.path LIKE ?", path+"%")
		if err != nil {
			return err
		}
		if err := t.addTallies(ctx, counts, sign); err != nil {
			return err
		}
	}
	return nil
}

// recordTallies counts the kind's measures ms over the records ids, which are of that kind (the
// records a write touched), in one query of a row per record: a flag per measure, and each date
// field's month and breakdown group. A write's flush is then one statement per kind, not one per
// date field and breakdown; and it does not test the kind, for SQLite then read the kind's
// index, every record of it, for a handful of ids (an API create 6× slower).
func (t *tx) recordTallies(ctx context.Context, kindName string, ms []TallyMeasure, ids []int64) (map[tallyKey]int64, error) {
	kind, ok := law.Lookup(kindName)
	if !ok {
		return nil, errorf(EINVALID, "未知的台账类型「%s」", kindName)
	}
	groups := tallyGroups(ms)
	var cols []string
	var args []any
	for _, g := range groups {
		date, _, err := t.s.fieldExpr(kind, g.date)
		if err != nil {
			return nil, err
		}
		grp := "''"
		if g.by != "" {
			if grp, err = t.s.groupKey(kind, Group{By: g.by}); err != nil {
				return nil, err
			}
		}
		cols = append(cols, "COALESCE(SUBSTR("+date+", 1, 7), '')", grp)
		dated := date + " IS NOT NULL AND " + date + " <> ''"
		for _, m := range g.ms {
			terms, targs, err := t.s.condSQL(kind, m.Conds)
			if err != nil {
				return nil, err
			}
			cols = append(cols, "CASE WHEN "+strings.Join(append([]string{dated}, terms...), " AND ")+" THEN 1 ELSE 0 END")
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
	var path string
	vals := make([]any, len(cols))
	dest := append([]any{&path}, make([]any, len(cols))...)
	for i := range vals {
		dest[1+i] = &vals[i]
	}
	out := map[tallyKey]int64{}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		orgs, c := tallyOrgs(path), 0
		for _, g := range groups {
			mon, grp := fmt.Sprint(text(vals[c])), fmt.Sprint(text(vals[c+1]))
			c += 2
			for _, m := range g.ms {
				if flag, _ := strconv.ParseInt(fmt.Sprint(text(vals[c])), 10, 64); flag == 1 {
					for _, org := range orgs {
						out[tallyKey{m.ID, org, mon, grp}]++
					}
				}
				c++
			}
		}
	}
	return out, rows.Err()
}

// text is a scanned value as the text a string destination would hold.
func text(v any) any {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	if v == nil {
		return ""
	}
	return v
}
