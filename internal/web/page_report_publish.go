package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/report"
	"github.com/fazhi/fazhi/internal/store"
)

// reasonPrefix names the form fields that carry the reason an error is accepted for, keyed by
// report.Issue.Key (stable across checks of the same report).
const reasonPrefix = "reason:"

// reportPublish freezes the report (report.Publish: refused while an error is neither fixed nor
// accepted with a reason; the store audits the publication). A refusal shows the workbench
// again with what is unresolved and the reasons as typed.
func (s *Server) reportPublish(w http.ResponseWriter, r *http.Request) error {
	t, err := s.reportTarget(r)
	if err != nil {
		return err
	}
	rs := state(r)
	if !rs.scope.CanPublish() {
		return forbidden("只有局领导可以发布年度报告")
	}
	issued := strings.TrimSpace(r.PostFormValue("issued_on"))
	if issued == "" {
		issued = s.today().String()
	} else if !law.ValidDate(issued) {
		return invalid("issued_on", "成文日期「%s」不是有效日期（格式 YYYY-MM-DD）", issued)
	}
	reasons := map[string]string{}
	for k, v := range r.PostForm {
		if key, ok := strings.CutPrefix(k, reasonPrefix); ok && len(v) > 0 {
			if reason := strings.TrimSpace(v[0]); reason != "" {
				reasons[key] = reason
			}
		}
	}
	// The frozen version carries no links: its readers are the public, who have no records pages.
	pub, d, err := report.Publish(r.Context(), s.st, rs.scope, rs.actor(), t.Org.Code, t.Year, issued, reasons, nil)
	if err != nil {
		if d == nil || store.ErrorCode(err) != store.EINVALID {
			return err
		}
		p, perr := s.workbenchPage(r, t, d, nil, reasons)
		if perr != nil {
			return perr
		}
		p.IssuedOn = issued
		p.Refusal = &publishRefusal{Message: store.ErrorMessage(err)}
		for _, is := range d.Issues {
			if is.Severity != report.SeverityError {
				continue
			}
			switch {
			case !is.Acceptable():
				p.Refusal.Items = append(p.Refusal.Items, is.Message+"（必须修正）")
			case reasons[is.Key()] == "":
				p.Refusal.Items = append(p.Refusal.Items, is.Message+"（请修正，或填写理由后按现状发布）")
			}
		}
		if len(p.Refusal.Items) > 0 {
			p.Refusal.Message = fmt.Sprintf("报告有 %d 项问题未处理，未发布。请处理以下问题：", len(p.Refusal.Items))
		}
		s.render(w, r, http.StatusUnprocessableEntity, "report", "年度报告", p)
		return nil
	}
	redirect(w, r, reportURL(t)+"#versions", fmt.Sprintf("已发布《%s》第 %d 版，已在公开页面发布。内容校验值 SHA-256：%s",
		pub.Title, pub.Version, pub.SHA256))
	return nil
}

type comparePage struct {
	Pub      reportVersion
	T        reportTarget
	Rows     []compareRow
	Scoped   bool // some figures are not readable by this user
	Checked  string
	Backlink string
}

type compareRow struct {
	report.Change
	Link string
}

// reportCompare sets a published version against the figures computed now for the same org
// and period, and names each figure that moved (records added or corrected since).
func (s *Server) reportCompare(w http.ResponseWriter, r *http.Request) error {
	sc := state(r).scope
	if !canReport(sc) {
		return errNoReport
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return notFound("没有这份已发布的报告")
	}
	pub, err := s.st.PublicationByID(r.Context(), id)
	if err != nil {
		return err
	}
	// Computed over the user's scope: an org outside it is not found, like everywhere else.
	now, err := indicators.Compute(r.Context(), s.st, sc, pub.OrgCode, pub.From, pub.To)
	if err != nil {
		return err
	}
	changes, err := report.Compare(pub, now)
	if err != nil {
		return err
	}
	t := reportTarget{Org: now.Org, Year: pub.Year}
	p := comparePage{Pub: reportVersion{pub, reportShortHash(pub.SHA256)}, T: t, Backlink: reportURL(t) + "#versions",
		Checked: s.now().In(cst).Format("2006-01-02 15:04")}
	link := figureLink(sc, pub.OrgCode, pub.Year, "")
	for _, c := range changes {
		if d, ok := indicators.Lookup(c.ID); ok {
			c.Published, c.Now = figureWithUnit(c.Published, d.Unit), figureWithUnit(c.Now, d.Unit)
		}
		p.Rows = append(p.Rows, compareRow{Change: c, Link: link(c.ID)})
	}
	for _, v := range now.List {
		if v.Kind != "" && !sc.CanRead(v.Kind) {
			p.Scoped = true
		}
	}
	s.render(w, r, http.StatusOK, "report_compare", "与当前数据比较", p)
	return nil
}

// figureWithUnit writes a compared value with its unit ("10件", "90.0%"); "—" and notes stay as they are.
func figureWithUnit(v, unit string) string {
	if v == "" || v == "—" || strings.HasPrefix(v, "（") {
		return v
	}
	return v + unit
}
