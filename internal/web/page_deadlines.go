package web

import (
	"bytes"
	"cmp"
	"github.com/fazhi/fazhi/internal/calendar"
	"net/http"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/report"
	"github.com/fazhi/fazhi/internal/store"
)

type deadlinesPage struct {
	Rows     []clockRow
	Org      string // the 单位 filter's code
	OrgName  string // … shown by name in its picker
	Soon     bool   // only overdue and due within soonWorkdays
	Assignee string // only the cases this user handles (承办人; "me" for oneself)
	ClockTally
	Total     int // every clock the filters select, over all pages
	SoonDays  int
	ExportURL string
	// NextURL and FirstURL page through the list (keyset on due date, record and rule).
	NextURL, FirstURL string
}

// deadlinesPerPage is how many clocks a page of the deadlines list shows.
const deadlinesPerPage = 100

// deadlines lists the open statutory clocks across the scope (or one org's subtree), soonest
// due first: those already overdue in red (practice periods, 参考期限, in amber and marked), those
// due within three working days highlighted, days left counted in each rule's own unit. A page
// at a time; the summary counts every clock the filters select (store.OpenClocksPage).
func (s *Server) deadlines(w http.ResponseWriter, r *http.Request) error {
	p, f, err := s.deadlineFilter(r)
	if err != nil {
		return err
	}
	today, after := s.today(), r.URL.Query().Get("after")
	within := 0
	if p.Soon {
		within = soonWorkdays
	}
	res, err := s.st.OpenClocksPage(r.Context(), state(r).scope, f, today, within, soonWorkdays, deadlinesPerPage, after)
	if err != nil {
		return cursorError(err)
	}
	p.Rows = clockRows(s.st.Calendar(), res.Clocks, today)
	p.Total = res.Total
	p.ClockTally = ClockTally{Overdue: res.Overdue, OverdueSoft: res.OverdueSoft, DueSoon: res.DueSoon, Paused: res.Paused}
	// The annual report's own clocks (a few per scope root) lead the first page and its counts.
	if f.Assignee == "" {
		rc, err := s.reportClocks(r, p)
		if err != nil {
			return err
		}
		t := tally(rc)
		p.Total += len(rc)
		p.Overdue, p.OverdueSoft, p.DueSoon, p.Paused = p.Overdue+t.Overdue, p.OverdueSoft+t.OverdueSoft, p.DueSoon+t.DueSoon, p.Paused+t.Paused
		if after == "" {
			p.Rows = append(rc, p.Rows...)
		}
	}
	q := r.URL.Query()
	q.Del("after")
	p.FirstURL = "/deadlines?" + q.Encode()
	if res.Next != "" {
		q.Set("after", res.Next)
		p.NextURL = "/deadlines?" + q.Encode()
	}
	if after == "" {
		p.FirstURL = ""
	}
	p.ExportURL = "/deadlines/export.xlsx?" + r.URL.RawQuery
	s.render(w, r, http.StatusOK, "deadlines", "期限提醒", p)
	return nil
}

// deadlineFilter reads the page's filters (unit, by name or code as its picker sends it; due
// soon; 承办人) for the page and for its export alike.
func (s *Server) deadlineFilter(r *http.Request) (deadlinesPage, store.ClockFilter, error) {
	rs := state(r)
	q := r.URL.Query()
	p := deadlinesPage{Org: strings.TrimSpace(q.Get("org")), Soon: q.Get("soon") == "1", SoonDays: soonWorkdays, Assignee: strings.TrimSpace(q.Get("assignee"))}
	f := store.ClockFilter{Assignee: p.Assignee}
	if f.Assignee == "me" && rs.user != nil {
		f.Assignee = rs.user.Username
	}
	if p.Org != "" {
		o, err := s.st.ResolveOrg(r.Context(), rs.scope, p.Org)
		if err != nil {
			return p, f, err
		}
		p.Org, p.OrgName, f.OrgCode = o.Code, o.Name, o.Code
	}
	return p, f, nil
}

// reportClocks are the annual report's own clocks (第24条) for the orgs a report is written
// for: the roots of the scope, as the report workbench opens (or the chosen org, if one).
// They have no 承办人.
func (s *Server) reportClocks(r *http.Request, p deadlinesPage) ([]clockRow, error) {
	ctx, sc, today := r.Context(), state(r).scope, s.today()
	roots, err := s.st.ScopeRoots(ctx, sc)
	if err != nil {
		return nil, err
	}
	roots = slices.DeleteFunc(roots, func(o store.Org) bool { return p.Org != "" && p.Org != o.Code })
	rc, err := report.Clocks(ctx, s.st, sc, roots, today)
	if err != nil {
		return nil, err
	}
	rc = slices.DeleteFunc(rc, func(c store.ClockView) bool { return p.Soon && !c.Overdue && c.DaysLeft > 2*soonWorkdays })
	return clockRows(s.st.Calendar(), rc, today), nil
}

// deadlineRows lists every clock the filters select, for the export: the page's rows without
// paging, by due date (those without one last), then rule and case.
func (s *Server) deadlineRows(r *http.Request) (deadlinesPage, error) {
	p, f, err := s.deadlineFilter(r)
	if err != nil {
		return p, err
	}
	within := 0
	if p.Soon {
		within = soonWorkdays
	}
	today := s.today()
	clocks, err := s.st.OpenClocksWhere(r.Context(), state(r).scope, f, today, within)
	if err != nil {
		return p, err
	}
	// A reminder far ahead (law.ClockRule.Lead) is not listed until its lead begins.
	clocks = slices.DeleteFunc(clocks, func(c store.ClockView) bool { return notYetShown(c, today) })
	slices.SortStableFunc(clocks, func(a, b store.ClockView) int {
		if (a.Due == "") != (b.Due == "") {
			if a.Due == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Due, b.Due), cmp.Compare(a.Label, b.Label), cmp.Compare(a.RecordCode, b.RecordCode))
	})
	p.Rows = clockRows(s.st.Calendar(), clocks, today)
	if f.Assignee == "" {
		rc, err := s.reportClocks(r, p)
		if err != nil {
			return p, err
		}
		p.Rows = append(rc, p.Rows...)
	}
	return p, nil
}

// deadlineColumns are the columns of the deadlines export.
var deadlineColumns = []law.Field{
	{Key: "code", Label: "编号", Type: law.Text}, {Key: "kind", Label: "台账", Type: law.Text},
	{Key: "org", Label: "单位", Type: law.Text}, {Key: "rule", Label: "期限", Type: law.Text},
	{Key: "article", Label: "依据", Type: law.Text}, {Key: "start", Label: "起算日", Type: law.Date},
	{Key: "due", Label: "到期日", Type: law.Date}, {Key: "left", Label: "剩余", Type: law.Text},
}

// deadlinesExport is the deadlines page as an .xlsx, with the same filters; its records' 编号
// and units leave the system, so the export is audited like a ledger's.
func (s *Server) deadlinesExport(w http.ResponseWriter, r *http.Request) error {
	p, err := s.deadlineRows(r)
	if err != nil {
		return err
	}
	rows := make([]law.Values, 0, len(p.Rows))
	perKind := map[string]int{}
	for _, c := range p.Rows {
		if c.RecordID != 0 {
			perKind[c.Kind]++
		}
		rows = append(rows, law.Values{"code": c.RecordCode, "kind": c.KindLabel, "org": c.OrgName, "rule": c.Label,
			"article": c.Article, "start": c.Start, "due": c.Due, "left": c.DaysText})
	}
	var buf bytes.Buffer
	if err := ledger.WriteTo(&buf, "xlsx", deadlineColumns, rows); err != nil {
		return err
	}
	rs := state(r)
	for kind, n := range perKind {
		if err := s.st.LogExport(r.Context(), rs.actor(), rs.scope, kind, n, "deadlines?"+r.URL.RawQuery); err != nil {
			return err
		}
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", contentDisposition("期限提醒（"+s.today().String()+"）.xlsx"))
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(buf.Bytes())
	return err
}

// notYetShown reports whether a clock's rule keeps it off the lists until Lead days before its
// due date (law.ClockRule.Lead).
func notYetShown(c store.ClockView, today calendar.Date) bool {
	k, ok := law.Lookup(c.Kind)
	if !ok || c.Due == "" {
		return false
	}
	rule, ok := k.Clock(c.Rule)
	if !ok || rule.Lead == 0 {
		return false
	}
	due, err := calendar.ParseDate(c.Due)
	return err == nil && due.Sub(today) > rule.Lead
}
