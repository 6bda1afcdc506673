package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// dashboardFigures are the indicators the dashboard shows as tiles, per kind, for the current
// year. A kind the user may not read shows no tiles.
var dashboardFigures = []struct {
	kind string
	ids  []string
}{
	{"mediation", []string{"mediation.cases", "mediation.successful", "mediation.success_rate"}},
}

type dashboardPage struct {
	Year       int
	Years      []int // offered in the year switch
	From, To   string
	Groups     []tileGroup
	Chart      string // JSON for the chart script (CSP forbids inline scripts)
	ChartTitle string
	ShowClocks bool // the user reads some kind, so clocks may concern them
	Clocks     []clockRow
	MoreClocks int
	Admin      *adminSummary
	Audit      []store.AuditEntry
}

type tileGroup struct {
	Label string
	Href  string
	Tiles []tile
}

type tile struct {
	Label, Value, Unit, Formula, Detail, Href, Unavailable string
}

type adminSummary struct {
	Years    []int
	Warning  string
	Users    int
	Orgs     int
	Disabled int
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	ctx, sc := r.Context(), state(r).scope
	today := s.today()
	p := dashboardPage{Year: today.Year()}
	// Figures are for one year: the current one unless another is chosen (the annual report in
	// the first quarter looks back at last year).
	if y := r.URL.Query().Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > today.Year() {
			return badRequest("年度「%s」无效", y)
		}
		p.Year = n
	}
	for y := today.Year(); y > today.Year()-5; y-- {
		p.Years = append(p.Years, y)
	}
	p.From, p.To = fmt.Sprintf("%d-01-01", p.Year), fmt.Sprintf("%d-12-31", p.Year)

	var res *indicators.Result
	for _, g := range dashboardFigures {
		kind, ok := law.Lookup(g.kind)
		if !ok || !sc.CanRead(g.kind) {
			continue
		}
		if res == nil {
			var err error
			if res, err = indicators.Compute(ctx, s.st, sc, "", p.From, p.To); err != nil {
				return err
			}
		}
		group := tileGroup{Label: kind.Label, Href: "/records/" + kind.Name}
		for _, id := range g.ids {
			v, ok := res.Get(id)
			if !ok {
				continue
			}
			t := tile{Label: v.Label, Unit: v.Unit, Formula: v.Formula, Unavailable: v.Unavailable,
				Value: strings.TrimSuffix(indicators.Format(v), v.Unit), Href: "/records/" + kind.Name + "?" + url.Values{
					"indicator": {id}, "from": {p.From}, "to": {p.To}}.Encode()}
			if v.Numerator != nil && v.Denominator != nil {
				t.Detail = fmtNum(*v.Numerator) + " / " + fmtNum(*v.Denominator)
			}
			group.Tiles = append(group.Tiles, t)
		}
		p.Groups = append(p.Groups, group)
		if p.Chart == "" {
			chart, err := s.monthlyChart(r, kind, p.Year)
			if err != nil {
				return err
			}
			p.Chart, p.ChartTitle = chart, fmt.Sprintf("%d年%s按月受理与办结情况", p.Year, kind.Label)
		}
	}

	clocks, err := s.st.OpenClocks(ctx, sc, "", today, soonWorkdays)
	if err != nil {
		return err
	}
	rows := clockRows(s.st.Calendar(), clocks, today)
	if len(rows) > 6 {
		p.MoreClocks, rows = len(rows)-6, rows[:6]
	}
	p.Clocks = rows
	for _, k := range law.Kinds() {
		p.ShowClocks = p.ShowClocks || sc.CanRead(k.Name)
	}

	if sc.CanAdmin() {
		users, err := s.st.Users(ctx, sc)
		if err != nil {
			return err
		}
		orgs, err := s.st.Orgs(ctx, sc)
		if err != nil {
			return err
		}
		a := &adminSummary{Years: s.st.Calendar().Years(), Warning: s.calendarWarning(), Users: len(users), Orgs: len(orgs)}
		for _, u := range users {
			if u.Disabled {
				a.Disabled++
			}
		}
		p.Admin = a
	}
	if sc.CanAudit() {
		entries, _, err := s.st.Audit(ctx, sc, store.AuditFilter{Limit: 8})
		if err != nil {
			return err
		}
		p.Audit = entries
	}
	s.render(w, r, http.StatusOK, "dashboard", "工作台", p)
	return nil
}

// monthlyChart counts the kind's records opened and concluded in each month of year, as the
// JSON the dashboard's chart script reads. Two grouped aggregates (by date) instead of 24
// queries; the months are summed here.
func (s *Server) monthlyChart(r *http.Request, kind *law.Kind, year int) (string, error) {
	opened, ok1 := kind.FieldByColumn(law.ColOpened)
	closed, ok2 := kind.FieldByColumn(law.ColClosed)
	if !ok1 || !ok2 {
		return "", nil
	}
	from, to := fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year)
	// Months still ahead are left empty (null), not drawn as zero.
	months := 12
	if today := s.today(); today.Year() == year {
		months = int(today.Time().Month())
	}
	series := func(f law.Field) ([]any, error) {
		q := store.Query{Kind: kind.Name, Conds: []store.Cond{
			{Field: f.Key, Op: store.OpGE, Value: from}, {Field: f.Key, Op: store.OpLE, Value: to}}}
		_, by, err := s.st.Aggregate(r.Context(), state(r).scope, q, store.Agg{Func: "count", By: f.Key})
		sums := make([]float64, 12)
		for day, n := range by {
			if d, err := calendar.ParseDate(day); err == nil {
				sums[d.Time().Month()-1] += n
			}
		}
		out := make([]any, 12)
		for i := 0; i < months; i++ {
			out[i] = sums[i]
		}
		return out, err
	}
	a, err := series(opened)
	if err != nil {
		return "", err
	}
	b, err := series(closed)
	if err != nil {
		return "", err
	}
	labels := make([]string, 12)
	for i := range labels {
		labels[i] = strconv.Itoa(i+1) + "月"
	}
	return toJSON(map[string]any{"months": labels, "series": []map[string]any{
		{"name": "受理（" + opened.Label + "）", "data": a},
		{"name": "办结（" + closed.Label + "）", "data": b},
	}})
}

// calendarWarning says which of this year and next the working-day calendar lacks: a clock
// that needs a missing year cannot be computed (law.md: say so loudly, never fall back).
func (s *Server) calendarWarning() string {
	y := s.today().Year()
	cal := s.st.Calendar()
	var missing []int
	for _, year := range []int{y, y + 1} {
		if !cal.Covers(year) {
			missing = append(missing, year)
		}
	}
	switch len(missing) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("工作日历缺少 %d 年的节假日安排：国务院办公厅公布后，请在「工作日历」页面导入，否则涉及该年的法定期限无法计算。", missing[0])
	}
	return fmt.Sprintf("工作日历缺少 %d 年和 %d 年的节假日安排：请在「工作日历」页面导入，否则相关法定期限无法计算。", missing[0], missing[1])
}
