package web

import (
	"net/http"
	"strconv"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/report"
)

// apiStats computes every indicator over the scope (or one org's subtree within it) for a year
// or a period, in the output shape of `fazhi stats --format json` (indicators.md). A figure
// of a kind the user may not read is marked unavailable, and a record outside the scope is
// never counted: the indicators read through the same scoped store as the lists.
func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	from, to := q.Get("from"), q.Get("to")
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 9999 {
			return badRequest("year 应为四位年份，如 2024")
		}
		from, to = y+"-01-01", y+"-12-31"
	}
	if from == "" && to == "" {
		y := strconv.Itoa(s.today().Year())
		from, to = y+"-01-01", y+"-12-31"
	}
	if !law.ValidDate(from) || !law.ValidDate(to) || to < from {
		return badRequest("请给出 year=YYYY，或 from 与 to（YYYY-MM-DD，from 不晚于 to）")
	}
	res, err := indicators.Compute(r.Context(), s.st, state(r).scope, q.Get("org"), from, to)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// apiReport is the annual report's draft as data: the same Assemble as the report pages and
// `fazhi report`, over the caller's scope, with the checks that stand between it and
// publication. Figures link to the records pages that list what they count.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) error {
	t, d, err := s.draft(r, "")
	if d == nil {
		return err
	}
	publishable := d.Report != nil
	for _, is := range d.Issues {
		publishable = publishable && is.Severity != report.SeverityError
	}
	issues := d.Issues
	if issues == nil {
		issues = []report.Issue{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"org_code": t.Org.Code, "year": t.Year, "report": d.Report,
		"issues": issues, "publishable": publishable})
	return nil
}

// apiClocks lists open statutory clocks: on=DATE (default today), within=N working days
// (0: all open ones), org=CODE.
func (s *Server) apiClocks(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	on := s.today()
	if v := q.Get("on"); v != "" {
		d, err := calendar.ParseDate(v)
		if err != nil {
			return badRequest("on 应为日期 YYYY-MM-DD")
		}
		on = d
	}
	within := 0
	if v := q.Get("within"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return badRequest("within 应为非负整数（工作日）")
		}
		within = n
	}
	clocks, err := s.st.OpenClocks(r.Context(), state(r).scope, q.Get("org"), on, within)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"on": on.String(), "items": nonNil(clocks)})
	return nil
}
