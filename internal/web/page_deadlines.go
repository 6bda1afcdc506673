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
	Rows       []clockRow
	OrgOptions []orgOption
	Org        string
	Soon       bool   // only overdue and due within soonWorkdays
	Assignee   string // only the cases this user handles (承办人; "me" for oneself)
	ClockTally
	SoonDays  int
	ExportURL string
	tree      []store.Org // the scope's orgs, read once for the report clocks and the filter
}

// deadlines lists the open statutory clocks across the scope (or one org's subtree), soonest
// due first: those already overdue in red (practice periods, 参考期限, in amber and marked), those
// due within three working days highlighted, days left counted in each rule's own unit.
func (s *Server) deadlines(w http.ResponseWriter, r *http.Request) error {
	p, selected, err := s.deadlineRows(r)
	if err != nil {
		return err
	}
	// The scope's first two levels, and the chosen org's ancestors and children.
	p.OrgOptions = orgOptions(p.tree, selected)
	p.ExportURL = "/deadlines/export.xlsx?" + r.URL.RawQuery
	s.render(w, r, http.StatusOK, "deadlines", "期限提醒", p)
	return nil
}

// deadlineRows reads the page's filters (unit, due soon, 承办人) and lists the clocks they select,
// for the page and for its export alike.
func (s *Server) deadlineRows(r *http.Request) (deadlinesPage, store.Org, error) {
	ctx, rs := r.Context(), state(r)
	sc := rs.scope
	q := r.URL.Query()
	p := deadlinesPage{Org: q.Get("org"), Soon: q.Get("soon") == "1", SoonDays: soonWorkdays, Assignee: strings.TrimSpace(q.Get("assignee"))}
	assignee := p.Assignee
	if assignee == "me" && rs.user != nil {
		assignee = rs.user.Username
	}
	var selected store.Org
	if p.Org != "" {
		var err error
		if selected, err = s.st.Org(ctx, sc, p.Org); err != nil {
			return p, selected, err
		}
	}
	within := 0
	if p.Soon {
		within = soonWorkdays
	}
	today := s.today()
	clocks, err := s.st.OpenClocksWhere(ctx, sc, store.ClockFilter{OrgCode: p.Org, Assignee: assignee}, today, within)
	if err != nil {
		return p, selected, err
	}
	// A reminder far ahead (law.ClockRule.Lead) is not listed until its lead begins.
	clocks = slices.DeleteFunc(clocks, func(c store.ClockView) bool { return notYetShown(c, today) })
	// The annual report's own clocks (第24条), for the orgs a report is written for: the roots of
	// the scope, as the report workbench opens. They have no 承办人.
	if p.tree, err = s.st.Orgs(ctx, sc); err != nil {
		return p, selected, err
	}
	if assignee == "" {
		inScope := map[int64]bool{}
		for _, o := range p.tree {
			inScope[o.ID] = true
		}
		var roots []store.Org
		for _, o := range p.tree {
			if !inScope[o.ParentID] && (p.Org == "" || p.Org == o.Code) {
				roots = append(roots, o)
			}
		}
		rc, err := report.Clocks(ctx, s.st, sc, roots, today)
		if err != nil {
			return p, selected, err
		}
		for _, c := range rc {
			if !p.Soon || c.Overdue || c.DaysLeft <= 2*soonWorkdays {
				clocks = append(clocks, c)
			}
		}
	}
	// By due date, then rule and case; clocks without a due date (paused, or lacking a calendar
	// year) go last: they have no place on the time line, but must stay visible.
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
	p.ClockTally = tally(p.Rows)
	return p, selected, nil
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
	p, _, err := s.deadlineRows(r)
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
