package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
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
// meeting Conds, broken down by By ("" for none) — or, when Sum names a whole-number field, the
// sum of that field over them without a breakdown (发放资料, 事项数: exact in the tallies'
// integers; a decimal sum such as 罚没金额, or a sum by a breakdown, is left to the records).
type TallyMeasure struct {
	ID    string `json:"-"`
	Kind  string `json:"kind"`
	Date  string `json:"date"`
	Conds []Cond `json:"conds,omitempty"`
	By    string `json:"by,omitempty"`
	Sum   string `json:"sum,omitempty"`
}

// spec is the measure's definition as tally_measures keeps it.
func (m TallyMeasure) spec() string {
	b, _ := json.Marshal(m)
	return string(b)
}

// tallySet is the kept measures: in id order, each one's spec, and grouped per kind as one query
// counts them — made once when the set changes, not at every write or figure that reads it.
type tallySet struct {
	all    []TallyMeasure
	spec   map[string]string
	byKind map[string][]tallyGroup
}

func newTallySet(ms []TallyMeasure) *tallySet {
	set := &tallySet{all: slices.Clone(ms), spec: map[string]string{}, byKind: map[string][]tallyGroup{}}
	slices.SortFunc(set.all, func(a, b TallyMeasure) int { return strings.Compare(a.ID, b.ID) })
	for _, g := range tallyGroups(set.all) {
		set.byKind[g.kind] = append(set.byKind[g.kind], g)
	}
	for _, m := range set.all {
		set.spec[m.ID] = m.spec()
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
// than the record's own values and clocks (its org's type; other records: OpFewHolders), whose
// answer can change without the record being written. A clock's lateness (OpLate) is the record's
// own: its clocks are written with it, and a calendar change, which moves their due dates,
// counts the measures on them afresh in its transaction (SaveCalendarDays).
func checkTally(m TallyMeasure) error {
	kind, ok := law.Lookup(m.Kind)
	if !ok {
		return errorf(EINVALID, "计数 %s：未知的台账类型「%s」", m.ID, m.Kind)
	}
	if f, ok := kind.Field(m.Date); !ok || f.Type != law.Date {
		return errorf(EINVALID, "计数 %s：「%s」不是日期字段", m.ID, m.Date)
	}
	if f, ok := kind.Field(m.Sum); m.Sum != "" && (!ok || f.Type != law.Int) {
		return errorf(EINVALID, "计数 %s：「%s」不是整数字段，不能累加", m.ID, m.Sum)
	}
	// A sum by a breakdown is not kept: a group whose records sum to 0 is in the live breakdown
	// (Aggregate keeps it) and a tally of 0 cannot tell it from a group with no records left.
	if m.Sum != "" && m.By != "" {
		return errorf(EINVALID, "计数 %s：分组求和不能增量计数（合计为零的分组无法与没有记录的分组区分）", m.ID)
	}
	for _, c := range m.Conds {
		switch c.Op {
		case OpOrgType, OpFewHolders:
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
		want := map[string]string{} // id → spec
		var fresh []TallyMeasure
		for _, m := range ms {
			if want[m.ID] = m.spec(); kept[m.ID] != want[m.ID] {
				fresh = append(fresh, m)
			}
		}
		for id, spec := range kept {
			if want[id] != spec { // no longer asked for, or asked for otherwise
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
		return t.recountTallies(ctx, nil)
	})
}

// recountTallies drops and counts again the kept measures which selects (all when nil).
func (t *tx) recountTallies(ctx context.Context, which func(TallyMeasure) bool) error {
	var ms []TallyMeasure
	for _, m := range t.s.keptTallies().all {
		if which == nil || which(m) {
			ms = append(ms, m)
		}
	}
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

// onClocks reports whether a measure's count depends on its records' clocks (OpLate).
func onClocks(m TallyMeasure) bool {
	return slices.ContainsFunc(m.Conds, func(c Cond) bool { return c.Op == OpLate })
}
