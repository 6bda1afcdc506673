package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// Clock states kept in the clocks table (procedure's, named here for the store's callers).
const (
	ClockRunning    = procedure.Running    // counting; due_on set
	ClockPaused     = procedure.Paused     // an open suspension holds it
	ClockStopped    = procedure.Stopped    // the duty was done (stopped_on set when known)
	ClockNoCalendar = procedure.NoCalendar // the calendar lacks a year the period needs: an alert
)

// projectClocks keeps a record's statutory clocks as procedure projects them from its values.
// Clocks are a projection of the record (start, suspensions, extension) through the calendar,
// so a changed record or a changed calendar is handled the same way: project again. The rows
// are a cache for lists, indicators and the deemed steps to filter on due dates.
func (t *tx) projectClocks(ctx context.Context, kind *law.Kind, rec Record) error {
	return t.project(ctx, kind, rec, false)
}

// project writes the clocks; fresh skips clearing old rows for a record just created.
func (t *tx) project(ctx context.Context, kind *law.Kind, rec Record, fresh bool) error {
	if len(kind.Clocks) == 0 {
		return nil
	}
	keep := map[string]bool{}
	for _, c := range procedure.Project(kind, rec.Values, t.s.Calendar(), calendar.Date{}).Clocks {
		keep[c.Rule.ID] = true
		if !fresh {
			if _, err := t.exec(ctx, `DELETE FROM clocks WHERE record_id = ? AND rule = ?`, rec.ID, c.Rule.ID); err != nil {
				return err
			}
		}
		if _, err := t.exec(ctx, `INSERT INTO clocks (`+clockColumns+`) VALUES (?,?,?,?,?,?,?,?,?)`,
			clockRow(kind, rec.ID, c)...); err != nil {
			return err
		}
	}
	if fresh {
		return nil
	}
	rows, err := t.query(ctx, `SELECT rule FROM clocks WHERE record_id = ?`, rec.ID)
	if err != nil {
		return err
	}
	var stale []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return err
		}
		if !keep[r] {
			stale = append(stale, r)
		}
	}
	rows.Close()
	for _, r := range stale {
		if _, err := t.exec(ctx, `DELETE FROM clocks WHERE record_id = ? AND rule = ?`, rec.ID, r); err != nil {
			return err
		}
	}
	return nil
}

// clockColumns are the columns clockRow gives values for, in its order.
const clockColumns = `record_id, kind, rule, start_on, due_on, stopped_on, state, problem, provisional_on`

// clockRow is the row a projected clock is stored as.
func clockRow(kind *law.Kind, recordID int64, c procedure.Clock) []any {
	return []any{recordID, kind.Name, c.Rule.ID, c.Start, nullStr(c.Due), nullStr(c.Stopped),
		c.State, c.Problem, nullStr(c.Provisional)}
}

// ClockView is an open or closed statutory clock with the record it runs for.
type ClockView struct {
	RecordID   int64  `json:"record_id"`
	Kind       string `json:"kind"`
	KindLabel  string `json:"kind_label"`
	RecordCode string `json:"record_code"`
	OrgCode    string `json:"org_code"`
	OrgName    string `json:"org_name"`
	Assignee   string `json:"assignee,omitempty"` // the case's 承办人
	Rule       string `json:"rule"`
	Label      string `json:"label"`
	Article    string `json:"article"`
	Unit       string `json:"unit"`
	Budget     int    `json:"budget"`
	Soft       bool   `json:"soft"`
	Lapses     bool   `json:"-"`
	Start      string `json:"start"`
	Due        string `json:"due,omitempty"`
	// Provisional is the Mon–Fri guess while the calendar lacks a year: 「待日历确认」.
	Provisional string `json:"provisional_due,omitempty"`
	Stopped     string `json:"stopped,omitempty"`
	State       string `json:"state"`
	Problem     string `json:"problem,omitempty"`
	// DaysLeft counts from the reference date to the due date in the rule's unit (WD rules in
	// working days); negative when overdue. Set by OpenClocks.
	DaysLeft int  `json:"days_left"`
	Overdue  bool `json:"overdue"`
}

// ClockFilter selects clocks.
type ClockFilter struct {
	OrgCode  string
	RecordID int64
	Assignee string // the cases this user handles (承办人)
	OpenOnly bool   // running, paused or lacking a calendar
	// ActiveOn leaves out a party's windows (ClockRule.Lapses) that closed before this date
	// (YYYY-MM-DD): there is nothing left to do about them.
	ActiveOn string
}

// Clocks lists the clocks visible in the scope, soonest due first.
func (s *Store) Clocks(ctx context.Context, sc Scope, f ClockFilter) ([]ClockView, error) {
	where, args, err := s.clockWhere(ctx, sc, f)
	if err != nil || where == "" {
		return nil, err
	}
	rows, err := s.query(ctx, clockSelect+where+` ORDER BY c.due_on, r.id`, args...)
	if err != nil {
		return nil, err
	}
	return scanClocks(rows)
}

const clockSelect = `SELECT r.id, r.kind, r.code, o.code, o.name, r.assignee, c.rule, c.start_on, COALESCE(c.due_on, ''),
		COALESCE(c.stopped_on, ''), c.state, c.problem, COALESCE(c.provisional_on, '') FROM clocks c JOIN records r ON r.id = c.record_id
		JOIN orgs o ON o.id = r.org_id WHERE `

// clockWhere is the WHERE of a clock list ("" when the scope reads no kind at all).
func (s *Store) clockWhere(ctx context.Context, sc Scope, f ClockFilter) (string, []any, error) {
	p, args := sc.orgPredicate("o.path")
	kinds := readableKinds(sc)
	if len(kinds) == 0 {
		return "", nil, nil
	}
	where := []string{p, "r.kind IN (" + placeholders(len(kinds)) + ")"}
	args = append(args, stringsToAny(kinds)...)
	if f.OrgCode != "" {
		org, err := s.Org(ctx, sc, f.OrgCode)
		if err != nil {
			return "", nil, err
		}
		p, pathArgs := s.pathUnder("o.path", org)
		where, args = append(where, p), append(args, pathArgs...)
	}
	if f.RecordID != 0 {
		where = append(where, "r.id = ?")
		args = append(args, f.RecordID)
	}
	if f.Assignee != "" {
		where = append(where, "r.assignee = ?")
		args = append(args, f.Assignee)
	}
	if f.OpenOnly {
		where = append(where, "c.state <> ?")
		args = append(args, ClockStopped)
	}
	if lapsing := lapsingRules(); f.ActiveOn != "" && len(lapsing) > 0 {
		where = append(where, "(c.rule NOT IN ("+placeholders(len(lapsing))+") OR c.due_on IS NULL OR c.due_on >= ?)")
		args = append(append(args, stringsToAny(lapsing)...), f.ActiveOn)
	}
	return strings.Join(where, " AND "), args, nil
}

// scanClocks reads the rows of clockSelect, with each rule's declaration.
func scanClocks(rows *sql.Rows) ([]ClockView, error) {
	defer rows.Close()
	var out []ClockView
	rules := map[[2]string]ClockView{} // each rule's declaration, looked up once per list
	for rows.Next() {
		var c ClockView
		if err := rows.Scan(&c.RecordID, &c.Kind, &c.RecordCode, &c.OrgCode, &c.OrgName, &c.Assignee, &c.Rule, &c.Start, &c.Due,
			&c.Stopped, &c.State, &c.Problem, &c.Provisional); err != nil {
			return nil, err
		}
		d, ok := rules[[2]string{c.Kind, c.Rule}]
		if !ok {
			d = ruleOf(c.Kind, c.Rule)
			rules[[2]string{c.Kind, c.Rule}] = d
		}
		c.KindLabel, c.Label, c.Article, c.Unit, c.Budget, c.Soft, c.Lapses = d.KindLabel, d.Label, d.Article, d.Unit, d.Budget, d.Soft, d.Lapses
		out = append(out, c)
	}
	return out, rows.Err()
}

// ruleOf is a clock rule's declaration as a ClockView's fields.
func ruleOf(kindName, rule string) ClockView {
	var c ClockView
	if kind, ok := law.Lookup(kindName); ok {
		c.KindLabel = kind.Label
		for _, r := range kind.Clocks {
			if r.ID == rule {
				c.Label, c.Article, c.Unit, c.Budget, c.Soft, c.Lapses = r.Label, r.Article, string(r.Unit), r.Budget, r.Soft, r.Lapses
			}
		}
	}
	return c
}

// OpenClocks lists the clocks still open on date `on`, with days left counted in each rule's
// unit, overdue first and then by due date. within > 0 keeps only those overdue or due within
// that many working days.
func (s *Store) OpenClocks(ctx context.Context, sc Scope, orgCode string, on calendar.Date, within int) ([]ClockView, error) {
	return s.OpenClocksWhere(ctx, sc, ClockFilter{OrgCode: orgCode}, on, within)
}

// OpenClocksWhere is OpenClocks for any filter (one org's subtree, one 承办人's cases).
func (s *Store) OpenClocksWhere(ctx context.Context, sc Scope, f ClockFilter, on calendar.Date, within int) ([]ClockView, error) {
	f.OpenOnly, f.ActiveOn = true, on.String()
	all, err := s.Clocks(ctx, sc, f)
	if err != nil {
		return nil, err
	}
	// Days left are counted once per (unit, due date): a province has hundreds of thousands of
	// open clocks but only a few thousand distinct due dates, and counting working days walks
	// the calendar day by day.
	type left struct {
		days, workdays int
		overdue        bool
		err, wdErr     error
	}
	cal, memo := s.Calendar(), map[[2]string]left{}
	remaining := func(unit, due string) left {
		if l, ok := memo[[2]string{unit, due}]; ok {
			return l
		}
		var l left
		d, _ := calendar.ParseDate(due)
		l.days, l.overdue, l.err = procedure.Remaining(cal, law.DayUnit(unit), d, on)
		if within > 0 && !l.overdue {
			l.workdays, l.wdErr = cal.WorkdaysBetween(on, d)
		}
		memo[[2]string{unit, due}] = l
		return l
	}
	// Overdue first, then the rest by due date ("" first), each in the query's order: the
	// stable sort this partition replaces, in one pass.
	var overdue, undated, dated []ClockView
	for _, c := range all {
		if c.Due == "" {
			undated = append(undated, c)
			continue
		}
		l := remaining(c.Unit, c.Due)
		c.DaysLeft, c.Overdue = l.days, l.overdue
		if l.err != nil {
			c.Problem = l.err.Error()
		}
		switch {
		case c.Overdue && c.Lapses:
			continue // a party's window that has closed: nothing left to do
		case c.Overdue:
			overdue = append(overdue, c)
		case within > 0 && l.wdErr == nil && l.workdays > within:
			continue
		default:
			dated = append(dated, c)
		}
	}
	return slices.Concat(overdue, undated, dated), nil
}

// Calendar is the working-day calendar in force: the embedded years plus the administrator's
// updates.
func (s *Store) Calendar() *calendar.Calendar { return s.cal.Load() }

func (s *Store) loadCalendar(ctx context.Context) error {
	rows, err := s.query(ctx, `SELECT day, day_kind, name FROM calendar_days ORDER BY day`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var days []calendar.Day
	for rows.Next() {
		var day, kind, name string
		if err := rows.Scan(&day, &kind, &name); err != nil {
			return err
		}
		d, err := calendar.ParseDate(day)
		if err != nil {
			return err
		}
		days = append(days, calendar.Day{Date: d, Kind: calendar.Kind(kind), Name: name})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	cal, err := calendar.Default().With(days)
	if err != nil {
		return err
	}
	s.cal.Store(cal)
	return nil
}

// CalendarOverride is one entry an administrator saved over the embedded calendar, with when.
type CalendarOverride struct {
	calendar.Day
	UpdatedAt string
}

// CalendarOverrides lists the administrator's entries, newest change first: what this
// deployment's calendar adds to or corrects in the embedded arrangements.
func (s *Store) CalendarOverrides(ctx context.Context) ([]CalendarOverride, error) {
	rows, err := s.query(ctx, `SELECT day, day_kind, name, updated_at FROM calendar_days ORDER BY updated_at DESC, day`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CalendarOverride
	for rows.Next() {
		var day, kind string
		var o CalendarOverride
		if err := rows.Scan(&day, &kind, &o.Name, &o.UpdatedAt); err != nil {
			return nil, err
		}
		if o.Date, err = calendar.ParseDate(day); err != nil {
			return nil, err
		}
		o.Kind = calendar.Kind(kind)
		out = append(out, o)
	}
	return out, rows.Err()
}

// SaveCalendarDays stores an administrator's calendar update (for example next year's
// arrangement, published each November) and re-projects every clock, all in one transaction.
func (s *Store) SaveCalendarDays(ctx context.Context, a Actor, sc Scope, days []calendar.Day) (int, error) {
	if !sc.CanAdmin() {
		return 0, errorf(EFORBIDDEN, "只有系统管理员可以维护工作日历")
	}
	next, err := s.Calendar().Amend(days)
	if err != nil {
		return 0, errorf(EINVALID, "日历数据有误：%s", err)
	}
	var n int
	err = s.inTx(ctx, func(t *tx) error {
		for _, d := range days {
			if _, err := t.exec(ctx, `DELETE FROM calendar_days WHERE day = ?`, d.Date.String()); err != nil {
				return err
			}
			if _, err := t.exec(ctx, `INSERT INTO calendar_days (day, day_kind, name, updated_at) VALUES (?,?,?,?)`,
				d.Date.String(), string(d.Kind), d.Name, t.s.stamp()); err != nil {
				return err
			}
		}
		if err := t.audit(ctx, a, "calendar.update", "calendar", "", "", nil, days); err != nil {
			return err
		}
		prev := s.cal.Swap(next)
		var err error
		n, err = t.reprojectAll(ctx)
		if err == nil {
			// The due dates moved: the kept counts of late clocks are counted again (tally.go).
			err = t.recountTallies(ctx, onClocks)
		}
		if err != nil {
			s.cal.Store(prev)
		}
		return err
	})
	if err != nil {
		_ = s.loadCalendar(ctx)
	}
	return n, err
}

// reprojectAll recomputes the clocks of every record of a kind that has clocks.
func (t *tx) reprojectAll(ctx context.Context) (int, error) {
	n := 0
	for _, kind := range law.Kinds() {
		if len(kind.Clocks) == 0 {
			continue
		}
		rows, err := t.query(ctx, `SELECT `+recordColumns+` FROM records r JOIN orgs o ON o.id = r.org_id WHERE r.kind = ?`, kind.Name)
		if err != nil {
			return n, err
		}
		var recs []Record
		for rows.Next() {
			r, err := scanRecord(rows)
			if err != nil {
				rows.Close()
				return n, err
			}
			recs = append(recs, r)
		}
		rows.Close()
		for _, r := range recs {
			if err := t.projectClocks(ctx, kind, r); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

func lapsingRules() []string {
	var out []string
	for _, k := range law.Kinds() {
		for _, r := range k.Clocks {
			if r.Lapses {
				out = append(out, r.ID)
			}
		}
	}
	return out
}

func readableKinds(sc Scope) []string {
	var out []string
	for _, k := range law.Kinds() {
		if sc.CanRead(k.Name) {
			out = append(out, k.Name)
		}
	}
	return out
}

func placeholders(n int) string {
	if n == 0 {
		return "NULL"
	}
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func stringsToAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
