package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// Several figures of one kind computed in one pass over the records a shared query selects
// (AggregateEach), so that the catalog's dozens of counts of a ledger cost one indexed query,
// not one each. The conditions are query.go's (where, condSQL): a figure, its batch form and its
// drill-down are one WHERE.

// Measure is one figure of AggregateEach: the conditions it adds to the shared query and what
// it computes over the records both select (its Agg.By is not read: the Group is shared).
type Measure struct {
	Conds []Cond
	Agg   Agg
}

// AggregateEach computes several figures over one scoped query in a single pass: each is the
// aggregate over the records q selects that also meet its own conditions (COUNT(CASE WHEN … THEN
// 1 END), SUM(CASE WHEN … THEN value END)). A figure's records are the conjunction of q's and its
// conditions, exactly the WHERE of Aggregate and List over q with them appended, so the figure
// still equals its drill-down. With a Group, every measure must be a count or a sum: each gets
// its breakdown (the groups it has records in, as Aggregate gives them; a sum leaves out a
// group whose sum is 0, which Aggregate keeps, so Batchable takes no sum with a breakdown) and
// its total, their sum.
// A distinct count of a list field cannot be written so and is refused: ask Aggregate.
func (s *Store) AggregateEach(ctx context.Context, sc Scope, q Query, g Group, ms []Measure) ([]float64, []map[string]float64, error) {
	if len(ms) == 0 {
		return nil, nil, nil
	}
	query, args, err := s.aggregateEachSQL(ctx, sc, q, g, ms)
	if err != nil {
		return nil, nil, err
	}
	totals := make([]float64, len(ms))
	if g.By == "" {
		vals := make([]sql.NullString, len(ms))
		dest := make([]any, len(ms))
		for i := range vals {
			dest[i] = &vals[i]
		}
		if err := s.queryRow(ctx, query, args...).Scan(dest...); err != nil {
			return nil, nil, err
		}
		for i, v := range vals {
			totals[i] = parseNum(v)
		}
		return totals, nil, nil
	}
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	maps := make([]map[string]float64, len(ms))
	for i := range maps {
		maps[i] = map[string]float64{}
	}
	for rows.Next() {
		var k string
		vals := make([]sql.NullString, len(ms))
		dest := []any{&k}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, nil, err
		}
		for i, v := range vals {
			if n := parseNum(v); n != 0 { // a group the figure has no record in is not in its breakdown
				maps[i][k] = n
				totals[i] += n
			}
		}
	}
	return totals, maps, rows.Err()
}

// aggregateEachSQL is the query of AggregateEach and its values.
func (s *Store) aggregateEachSQL(ctx context.Context, sc Scope, q Query, g Group, ms []Measure) (string, []any, error) {
	w, wargs, kind, err := s.where(ctx, sc, q)
	if err != nil {
		return "", nil, err
	}
	cols := make([]string, len(ms))
	var args []any
	for i, m := range ms {
		if g.By != "" && m.Agg.Func != "count" && m.Agg.Func != "" && m.Agg.Func != "sum" {
			return "", nil, errorf(EINVALID, "分组统计只能合并计数和求和")
		}
		if cols[i], args, err = s.measureSQL(kind, m, args); err != nil {
			return "", nil, err
		}
	}
	args = append(args, wargs...)
	from := ` FROM records r JOIN orgs o ON o.id = r.org_id WHERE ` + w
	if g.By == "" {
		return `SELECT ` + strings.Join(cols, ", ") + from, args, nil
	}
	key, err := s.groupKey(kind, g)
	if err != nil {
		return "", nil, err
	}
	return `SELECT ` + key + `, ` + strings.Join(cols, ", ") + from + ` GROUP BY ` + key, args, nil
}

// Group is the breakdown AggregateEach gives every measure.
type Group struct {
	By string // a field of the kind ("" for none)
	// Month groups by the month (YYYY-MM) of By, a date, instead of by its value: a trend by
	// month is one query.
	Month bool
}

// measureSQL is a measure's aggregate column, its condition's values appended to args.
func (s *Store) measureSQL(kind *law.Kind, m Measure, args []any) (string, []any, error) {
	terms, targs, err := s.condSQL(kind, m.Conds)
	if err != nil {
		return "", nil, err
	}
	col, err := s.aggExpr(kind, m.Agg, strings.Join(terms, " AND "))
	return col, append(args, targs...), err
}

// Batchable reports whether AggregateEach can compute the aggregate over a kind: a count (with
// or without a breakdown), or a sum or distinct count without one (not of a list field).
func Batchable(kind string, a Agg) bool {
	switch a.Func {
	case "count", "":
		return true
	case "sum":
		return a.By == ""
	case "distinct":
		k, ok := law.Lookup(kind)
		if !ok || a.By != "" {
			return false
		}
		f, ok := k.Field(a.Field)
		return ok && f.Type != law.List
	}
	return false
}

// ClockRuleFilter names clock rules of a kind for EachRecordWithClocksOpenOn; Anytime lists those
// of them whose start can be earlier on a past day than it is now (a fallback start field used
// while the main one was not yet dated), so that their start date does not narrow the search.
type ClockRuleFilter struct {
	Rules   []string
	Anytime []string
}

// EachRecordWithClocksOpenOn hands fn, one at a time, the records q selects that have a clock of
// one of the rules that may have been running at the end of day: started by then (or a rule of
// Anytime) and not stopped by then — open now, or stopped with no date or a date after day. They
// are a superset of the records procedure.ClocksAsOf finds with such a clock running on day (the
// caller projects them to decide), read through the clocks index instead of every record of the
// kind, and never all held at once: at the 5M province root they are some hundred thousand
// records, whose values held together took the server's heap past 300 MB.
func (s *Store) EachRecordWithClocksOpenOn(ctx context.Context, sc Scope, q Query, f ClockRuleFilter, day string, fn func(Record) error) error {
	if len(f.Rules) == 0 {
		return nil
	}
	query, args, kind, err := s.clocksOpenSQL(ctx, sc, q, f, day)
	if err != nil {
		return err
	}
	return s.eachRecord(ctx, kind, sc, query, args, fn)
}

// clocksOpenSQL is the query of EachRecordWithClocksOpenOn and its values: the clocks index
// (kind, rule, stopped_on, start_on, record_id; migration 11) answers the subquery alone.
func (s *Store) clocksOpenSQL(ctx context.Context, sc Scope, q Query, f ClockRuleFilter, day string) (string, []any, *law.Kind, error) {
	w, args, kind, err := s.where(ctx, sc, q)
	if err != nil {
		return "", nil, nil, err
	}
	sargs := append([]any{q.Kind}, stringsToAny(f.Rules)...)
	sargs = append(sargs, day, day)
	started := "c.start_on <= ?"
	if len(f.Anytime) > 0 {
		started = "(c.start_on <= ? OR c.rule IN (" + placeholders(len(f.Anytime)) + "))"
		sargs = append(sargs, stringsToAny(f.Anytime)...)
	}
	// Not stopped by the day: no stop date, or a later one. A clock that is not stopped has no
	// stop date (procedure.ProjectClock: a stop date stops it), so this finds the open ones too,
	// on the index's stopped_on alone.
	return `SELECT ` + recordColumns + ` FROM records r JOIN orgs o ON o.id = r.org_id WHERE ` + w +
		` AND r.id IN (SELECT c.record_id FROM clocks c WHERE c.kind = ? AND c.rule IN (` + placeholders(len(f.Rules)) + `)
		AND (c.stopped_on IS NULL OR c.stopped_on > ?) AND ` + started + `) ORDER BY r.id`, append(args, sargs...), kind, nil
}
