package web

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/fazhi/fazhi/internal/store"
)

type deadlinesPage struct {
	Rows       []clockRow
	OrgOptions []orgOption
	Org        string
	Soon       bool // only overdue and due within soonWorkdays
	ClockTally
	SoonDays int
}

// deadlines lists the open statutory clocks across the scope (or one org's subtree), soonest
// due first: those already overdue in red (practice periods, 参考期限, in amber and marked), those
// due within three working days highlighted, days left counted in each rule's own unit.
func (s *Server) deadlines(w http.ResponseWriter, r *http.Request) error {
	ctx, sc := r.Context(), state(r).scope
	q := r.URL.Query()
	p := deadlinesPage{Org: q.Get("org"), Soon: q.Get("soon") == "1", SoonDays: soonWorkdays}
	var selected store.Org
	if p.Org != "" {
		var err error
		if selected, err = s.st.Org(ctx, sc, p.Org); err != nil {
			return err
		}
	}
	within := 0
	if p.Soon {
		within = soonWorkdays
	}
	today := s.today()
	clocks, err := s.st.OpenClocks(ctx, sc, p.Org, today, within)
	if err != nil {
		return err
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
	tree, err := s.st.Orgs(ctx, sc)
	if err != nil {
		return err
	}
	// The scope's first two levels, and the chosen org's ancestors and children.
	p.OrgOptions = orgOptions(tree, selected)
	s.render(w, r, http.StatusOK, "deadlines", "期限提醒", p)
	return nil
}
