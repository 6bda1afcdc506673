package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

// The profile pages (indicators.Profile): one page per organisation of the profile's types with
// its figures this year beside last year, and a ranking of those organisations on the same
// figures. Every number links to the records it counts for that organisation and year (the
// figure's own drill-down, indicators.Drill). Nothing here names a kind.

type profileCell struct {
	ID, Text, Href, Unavailable string
}

type profileUnitRow struct {
	Org        store.Org
	Href       string
	This, Last []profileCell
}

type profilePage struct {
	Profile  indicators.Profile
	Year     int
	Years    []int
	Heads    []profileHead
	By       string
	Rows     []profileUnitRow // the ranking, worst first by By
	Unit     *profileUnitRow  // one unit's page
	RankURL  string
	Formulas []profileHead
}

type profileHead struct{ ID, Label, Unit, Formula, SortURL string }

func profileURL(name, org string, year int) string {
	u := "/profiles/" + url.PathEscape(name)
	if org != "" {
		u += "/" + url.PathEscape(org)
	}
	return u + "?year=" + strconv.Itoa(year)
}

// profileCells shows a unit's figures of a year, each linked to its records when the figure
// drills and the user may read them.
func profileCells(sc store.Scope, vals []indicators.Value, org string, year int) []profileCell {
	from, to := fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
	out := make([]profileCell, len(vals))
	for i, v := range vals {
		c := profileCell{ID: v.ID, Unavailable: v.Unavailable, Text: "—"}
		if v.Unavailable == "" {
			c.Text = indicators.Format(v)
			if v.Unit != "%" {
				c.Text = strings.TrimSuffix(c.Text, v.Unit)
			}
		}
		if dq, ok := indicators.Drill(v.ID, from, to); ok && sc.CanRead(dq.Kind) {
			c.Href = drillURL(dq.Kind, v.ID, from, to, org, "")
		}
		out[i] = c
	}
	return out
}

func (s *Server) profilePage(r *http.Request) (profilePage, error) {
	p, ok := indicators.ProfileOf(r.PathValue("name"))
	if !ok {
		return profilePage{}, notFound("没有名为「%s」的画像", r.PathValue("name"))
	}
	page := profilePage{Profile: p, Year: s.today().Year() - 1}
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y > 1990 && y < 2200 {
		page.Year = y
	}
	for y := s.today().Year(); y >= s.today().Year()-4; y-- {
		page.Years = append(page.Years, y)
	}
	page.By = r.URL.Query().Get("by")
	if page.By == "" {
		page.By = p.IDs[0]
	}
	for _, id := range p.IDs {
		d, _ := indicators.Lookup(id)
		page.Heads = append(page.Heads, profileHead{ID: id, Label: d.Label, Unit: d.Unit, Formula: d.Formula,
			SortURL: profileURL(p.Name, "", page.Year) + "&by=" + url.QueryEscape(id)})
	}
	page.RankURL = profileURL(p.Name, "", page.Year)
	return page, nil
}

// profileRanking is /profiles/{name}: every unit the user sees, ranked on one figure.
func (s *Server) profileRanking(w http.ResponseWriter, r *http.Request) error {
	page, err := s.profilePage(r)
	if err != nil {
		return err
	}
	sc := state(r).scope
	rows, err := page.Profile.Rank(r.Context(), s.st, sc, page.Year, page.By)
	if err != nil {
		return badRequest("%s", err.Error())
	}
	for _, row := range rows {
		page.Rows = append(page.Rows, profileUnitRow{Org: row.Org, Href: profileURL(page.Profile.Name, row.Org.Code, page.Year),
			This: profileCells(sc, row.This, row.Org.Code, page.Year)})
	}
	s.render(w, r, http.StatusOK, "profile", page.Profile.Label, page)
	return nil
}

// profileUnit is /profiles/{name}/{org}: one unit's figures, this year beside last.
func (s *Server) profileUnit(w http.ResponseWriter, r *http.Request) error {
	page, err := s.profilePage(r)
	if err != nil {
		return err
	}
	sc := state(r).scope
	org, err := s.st.Org(r.Context(), sc, r.PathValue("org"))
	if err != nil {
		return err
	}
	if !slices.Contains(page.Profile.OrgTypes, org.Type) {
		return notFound("「%s」不是%s的对象", org.Name, page.Profile.Label)
	}
	row, err := page.Profile.Year(r.Context(), s.st, sc, org.Code, page.Year)
	if err != nil {
		return err
	}
	page.Unit = &profileUnitRow{Org: org, This: profileCells(sc, row.This, org.Code, page.Year),
		Last: profileCells(sc, row.Last, org.Code, page.Year-1)}
	s.render(w, r, http.StatusOK, "profile", org.Name+" · "+page.Profile.Label, page)
	return nil
}

// profileReadable: the user reads the records of some figure of the profile.
func profileReadable(sc store.Scope, p indicators.Profile) bool {
	for _, id := range p.IDs {
		if d, ok := indicators.Lookup(id); ok && d.Kind != "" && sc.CanRead(d.Kind) {
			return true
		}
	}
	return false
}
