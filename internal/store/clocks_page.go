package store

import (
	"context"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// ClockCounts are the deadlines page's summary, counted by SQL over every open clock the
// filter selects (not only the page shown), as the page's row classes define them.
type ClockCounts struct {
	Total, Overdue, OverdueSoft, DueSoon, Paused int
}

// ClockPage is one page of open clocks in due-date order (those without a due date last),
// read by keyset on (due date, record, rule), with the counts of the whole selection.
type ClockPage struct {
	Clocks []ClockView
	ClockCounts
	Next string // the cursor of the next page ("" on the last)
}

type clockCursor struct {
	Null   bool   `json:"n,omitempty"`
	Due    string `json:"d,omitempty"`
	Record int64  `json:"r"`
	Rule   string `json:"u"`
}

// OpenClocksPage lists a page of the clocks open on `on` that the deadlines page shows: not a
// party's window already closed, not a reminder before its lead (law.ClockRule.Lead), and with
// within > 0 only those overdue or due within that many working days (soon: the page's own
// highlight, in working days). after is a previous page's Next.
func (s *Store) OpenClocksPage(ctx context.Context, sc Scope, f ClockFilter, on calendar.Date, within, soon, limit int, after string) (ClockPage, error) {
	var out ClockPage
	f.OpenOnly, f.ActiveOn = true, on.String()
	where, args, err := s.clockWhere(ctx, sc, f)
	if err != nil || where == "" {
		return out, err
	}
	cal := s.Calendar()
	// A reminder far ahead is not listed until its lead begins.
	for _, k := range law.Kinds() {
		for _, r := range k.Clocks {
			if r.Lead > 0 {
				where += " AND (c.kind <> ? OR c.rule <> ? OR c.due_on IS NULL OR c.due_on <= ?)"
				args = append(args, k.Name, r.ID, on.AddDays(r.Lead).String())
			}
		}
	}
	if within > 0 {
		if cut, ok := workdayCutoff(cal, on, within); ok {
			where += " AND (c.due_on IS NULL OR c.due_on <= ?)"
			args = append(args, cut)
		}
	}
	if out.ClockCounts, err = s.clockCounts(ctx, where, args, on, soon); err != nil {
		return out, err
	}
	var at *clockCursor
	if after != "" {
		at = &clockCursor{}
		if !s.readToken("clock-cursor:", after, at) {
			return out, fieldError("after", "翻页参数 after 无效或已被改动，请从第一页重新翻页")
		}
	}
	// Dated clocks by due date, then the undated ones: two plain ranges over the index.
	var rows []ClockView
	if at == nil || !at.Null {
		q, a := where+" AND c.due_on IS NOT NULL", slices.Clone(args)
		if at != nil {
			q += " AND (c.due_on, c.record_id, c.rule) > (?, ?, ?)"
			a = append(a, at.Due, at.Record, at.Rule)
		}
		if rows, err = s.clockRowsOf(ctx, q+" ORDER BY c.due_on, c.record_id, c.rule LIMIT ?", append(a, limit+1)); err != nil {
			return out, err
		}
	}
	if len(rows) <= limit {
		q, a := where+" AND c.due_on IS NULL", slices.Clone(args)
		if at != nil && at.Null {
			q += " AND (c.record_id, c.rule) > (?, ?)"
			a = append(a, at.Record, at.Rule)
		}
		more, err := s.clockRowsOf(ctx, q+" ORDER BY c.record_id, c.rule LIMIT ?", append(a, limit+1-len(rows)))
		if err != nil {
			return out, err
		}
		rows = append(rows, more...)
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		out.Next = s.signToken("clock-cursor:", clockCursor{Null: last.Due == "", Due: last.Due, Record: last.RecordID, Rule: last.Rule})
	}
	for i := range rows {
		if c := &rows[i]; c.Due != "" {
			due, _ := calendar.ParseDate(c.Due)
			if c.DaysLeft, c.Overdue, err = procedure.Remaining(cal, law.DayUnit(c.Unit), due, on); err != nil {
				c.Problem = err.Error()
			}
		}
	}
	out.Clocks = rows
	return out, nil
}

func (s *Store) clockRowsOf(ctx context.Context, where string, args []any) ([]ClockView, error) {
	rows, err := s.query(ctx, clockSelect+where, args...)
	if err != nil {
		return nil, err
	}
	return scanClocks(rows)
}

// clockCounts counts the selection by the classes the deadlines page gives its rows: overdue
// (a statutory period past due; a practice period, 参考期限, apart), due within soon working
// days, paused. A lapse a clerk confirms (Proposes) or a party's window (Lapses) past due is
// not late work and is not counted overdue.
func (s *Store) clockCounts(ctx context.Context, where string, args []any, on calendar.Date, soon int) (ClockCounts, error) {
	var notLate, soft []string
	for _, r := range allClockRules() {
		if r.Proposes != "" || r.Lapses {
			notLate = append(notLate, r.ID)
		} else if r.Soft {
			soft = append(soft, r.ID)
		}
	}
	today := on.String()
	in := func(not bool, ids []string) string {
		switch {
		case len(ids) == 0 && not:
			return "1=1"
		case len(ids) == 0:
			return "1=0"
		case not:
			return "c.rule NOT IN (" + placeholders(len(ids)) + ")"
		}
		return "c.rule IN (" + placeholders(len(ids)) + ")"
	}
	late := "c.state = '" + ClockRunning + "' AND c.due_on < ? AND " + in(true, notLate)
	cols := []string{"COUNT(*)",
		"SUM(CASE WHEN " + late + " AND " + in(true, soft) + " THEN 1 ELSE 0 END)",
		"SUM(CASE WHEN " + late + " AND " + in(false, soft) + " THEN 1 ELSE 0 END)",
		"SUM(CASE WHEN c.state = '" + ClockPaused + "' THEN 1 ELSE 0 END)"}
	var a []any
	for range 2 {
		a = append(append(append(a, today), stringsToAny(notLate)...), stringsToAny(soft)...)
	}
	if cut, ok := workdayCutoff(s.Calendar(), on, soon); ok {
		cols = append(cols, "SUM(CASE WHEN c.state = '"+ClockRunning+"' AND c.due_on >= ? AND c.due_on <= ? THEN 1 ELSE 0 END)")
		a = append(a, today, cut)
	} else {
		cols = append(cols, "0")
	}
	var c ClockCounts
	var overdue, softLate, paused, dueSoon *int64
	err := s.queryRow(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM clocks c JOIN records r ON r.id = c.record_id
		JOIN orgs o ON o.id = r.org_id WHERE `+where, append(a, args...)...).Scan(&c.Total, &overdue, &softLate, &paused, &dueSoon)
	for p, v := range map[*int]*int64{&c.Overdue: overdue, &c.OverdueSoft: softLate, &c.Paused: paused, &c.DueSoon: dueSoon} {
		if v != nil {
			*p = int(*v)
		}
	}
	return c, err
}

// workdayCutoff is the last day that is at most n working days after on (false when the
// calendar lacks the year it needs: then nothing is cut by it).
func workdayCutoff(cal *calendar.Calendar, on calendar.Date, n int) (string, bool) {
	count := 0
	for d := on.AddDays(1); d.Sub(on) <= 10*n+30; d = d.AddDays(1) {
		ok, _, err := cal.IsWorkday(d)
		if err != nil {
			return "", false
		}
		if ok {
			if count++; count > n {
				return d.AddDays(-1).String(), true
			}
		}
	}
	return "", false
}

func allClockRules() []law.ClockRule {
	var out []law.ClockRule
	for _, k := range law.Kinds() {
		out = append(out, k.Clocks...)
	}
	return out
}
