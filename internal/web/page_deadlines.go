package web

import (
	"net/http"
	"sort"

	"github.com/fazhi/fazhi/internal/store"
)

type deadlinesPage struct {
	Rows     []clockRow
	Orgs     []store.Org
	Org      string
	Soon     bool // only overdue and due within soonWorkdays
	Overdue  int
	DueSoon  int
	SoonDays int
}

// deadlines lists the open statutory clocks across the scope, soonest due first; those already
// overdue in red, those due within three working days highlighted.
func (s *Server) deadlines(w http.ResponseWriter, r *http.Request) error {
	ctx, sc := r.Context(), state(r).scope
	q := r.URL.Query()
	p := deadlinesPage{Org: q.Get("org"), Soon: q.Get("soon") == "1", SoonDays: soonWorkdays}
	within := 0
	if p.Soon {
		within = soonWorkdays
	}
	today := s.today()
	clocks, err := s.st.OpenClocks(ctx, sc, p.Org, today, within)
	if err != nil {
		return err
	}
	// Clocks without a due date (paused, or lacking a calendar year) go last: they have no
	// place on the time line, but must stay visible.
	sort.SliceStable(clocks, func(i, j int) bool {
		a, b := clocks[i], clocks[j]
		if (a.Due == "") != (b.Due == "") {
			return b.Due == ""
		}
		return a.Due < b.Due
	})
	p.Rows = clockRows(s.st.Calendar(), clocks, today)
	for _, row := range p.Rows {
		switch row.Class {
		case "overdue", "overdue-soft":
			p.Overdue++
		case "soon":
			p.DueSoon++
		}
	}
	if p.Orgs, err = s.st.Orgs(ctx, sc); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "deadlines", "期限提醒", p)
	return nil
}
