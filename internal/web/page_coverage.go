package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

// The coverage page of a figure that measures a quota held per organisation (indicators.Quota):
// every unit of the org's subtree with its count, those below the quota first, then the units
// rolled up by their groups. It is the drill-down of such a figure: nothing here names a kind.

type coveragePage struct {
	T              *indicators.QuotaTable
	Org            store.Org
	From, To       string
	Year           int
	Orgs           []orgOption
	RecordsURL     string // the records counted (the held count's drill-down), when readable
	Meeting, Units int    // units meeting the quota, units in all
}

// coverageURL is the coverage page of a quota figure for a period and org.
func coverageURL(id, from, to, org string) string {
	v := url.Values{"from": {from}, "to": {to}}
	if org != "" {
		v.Set("org", org)
	}
	return "/coverage/" + url.PathEscape(id) + "?" + v.Encode()
}

func (s *Server) coverage(w http.ResponseWriter, r *http.Request) error {
	ctx, rs := r.Context(), state(r)
	sc := rs.scope
	id := r.PathValue("id")
	if _, ok := indicators.QuotaOf(id); !ok {
		return notFound("指标「%s」不是按单位配备标准统计的指标", id)
	}
	q := r.URL.Query()
	p := coveragePage{Year: s.today().Year()}
	if y, err := strconv.Atoi(q.Get("year")); err == nil {
		p.Year = y
	}
	p.From, p.To = q.Get("from"), q.Get("to")
	if p.From == "" || p.To == "" {
		p.From, p.To = strconv.Itoa(p.Year)+"-01-01", strconv.Itoa(p.Year)+"-12-31"
	}
	for _, d := range []string{p.From, p.To} {
		if _, err := calendar.ParseDate(d); err != nil {
			return badRequest("日期「%s」无效，应为 YYYY-MM-DD", d)
		}
	}
	code := q.Get("org")
	if code == "" && rs.user != nil {
		code = rs.user.OrgCode
	}
	tree, err := s.st.Orgs(ctx, sc)
	if err != nil {
		return err
	}
	if code == "" && len(tree) > 0 {
		code = tree[0].Code
	}
	if p.Org, err = s.st.Org(ctx, sc, code); err != nil {
		return err
	}
	p.Orgs = orgOptions(tree, p.Org)
	if p.T, err = indicators.Coverage(ctx, s.st, sc, p.Org.Code, indicators.Period{From: p.From, To: p.To}, id); err != nil {
		return err
	}
	p.Units = len(p.T.Units)
	p.Meeting = p.Units - p.T.Below
	if dq, ok := indicators.Drill(p.T.Counted.ID, p.From, p.To); ok && sc.CanRead(dq.Kind) {
		p.RecordsURL = drillURL(dq.Kind, p.T.Counted.ID, p.From, p.To, p.Org.Code, "")
	}
	s.render(w, r, http.StatusOK, "coverage", p.T.Figure.Label, p)
	return nil
}
