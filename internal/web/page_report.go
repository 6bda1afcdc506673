package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/report"
	"github.com/fazhi/fazhi/internal/store"
)

// The annual report (法治政府建设年度报告) pages. The workbench shows the report of one org's
// subtree for one year as report.Assemble builds it — the same scoped reads as the lists, so every
// figure links to exactly the records it counts — with the checks before publishing, the
// published versions, and the outline and free-text editors. Publishing freezes a version that
// /public/reports serves to anyone.
func (s *Server) reportRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /reports", s.signedIn(s.reportWorkbench))
	mux.HandleFunc("GET /reports/view", s.signedIn(s.reportView))
	mux.HandleFunc("GET /reports/download/{format}", s.signedIn(s.reportDownload))
	mux.HandleFunc("POST /reports/publish", s.signedIn(s.reportPublish))
	mux.HandleFunc("POST /reports/submitted", s.signedIn(s.reportSubmitted))
	mux.HandleFunc("POST /reports/figures", s.signedIn(s.reportManualFigure))
	mux.HandleFunc("GET /reports/published/{id}/compare", s.signedIn(s.reportCompare))
	mux.HandleFunc("GET /reports/outline", s.signedIn(s.reportOutline))
	mux.HandleFunc("POST /reports/outline", s.signedIn(s.reportOutlineSave))
	mux.HandleFunc("POST /reports/outline/preview", s.signedIn(s.reportOutlinePreview))
	mux.HandleFunc("POST /reports/outline/reset", s.signedIn(s.reportOutlineReset))
	mux.HandleFunc("GET /reports/texts", s.signedIn(s.reportTexts))
	mux.HandleFunc("POST /reports/texts", s.signedIn(s.reportTextsSave))
	// Published reports are public by law: no session needed.
	mux.HandleFunc("GET /public/reports", s.public(s.publicReports))
	mux.HandleFunc("GET /public/reports/{file}", s.public(s.publicReport))
}

// canReport reports whether the scope may see a report at all: a report is made of case data,
// so the administrator and the auditor, who read none, may not (三员 separation).
func canReport(sc store.Scope) bool {
	for _, k := range law.Kinds() {
		if sc.CanRead(k.Name) {
			return true
		}
	}
	return false
}

var errNoReport = forbidden("年度报告由台账数据生成：您的账号不能查看任何台账（系统管理员、审计员不接触案件数据），因此不能查看或编写年度报告")

// reportTarget is the org and year a report page is about, with the choices the selectors offer.
type reportTarget struct {
	Org   store.Org
	Orgs  []store.Org // every org in scope: any node reports over its whole subtree
	Year  int
	Years []int
}

// From and To are the report's period: the calendar year.
func (t reportTarget) From() string { return strconv.Itoa(t.Year) + "-01-01" }
func (t reportTarget) To() string   { return strconv.Itoa(t.Year) + "-12-31" }

// Query is "org=…&year=…" for links between the report pages.
func (t reportTarget) Query() string {
	return url.Values{"org": {t.Org.Code}, "year": {strconv.Itoa(t.Year)}}.Encode()
}

// QueryURL is Query for the templates: already encoded, so that html/template writes it as it is
// after a "?" instead of escaping its "=" and "&" (which sent the buttons to
// ?org%3d…%26year%3d…, where the year was lost and the next year's texts opened).
func (t reportTarget) QueryURL() template.URL { return template.URL(t.Query()) }

// reportTarget reads ?org= and ?year= (or the posted form): by default the first org of the
// scope (its root) and last year, the year a report is written about.
func (s *Server) reportTarget(r *http.Request) (reportTarget, error) {
	sc := state(r).scope
	if !canReport(sc) {
		return reportTarget{}, errNoReport
	}
	orgs, err := s.st.Orgs(r.Context(), sc)
	if err != nil {
		return reportTarget{}, err
	}
	if len(orgs) == 0 {
		return reportTarget{}, notFound("您的权限范围内没有组织")
	}
	this := s.today().Year()
	t := reportTarget{Orgs: orgs, Org: orgs[0], Year: this - 1}
	for y := this; y > this-6; y-- {
		t.Years = append(t.Years, y)
	}
	if y := r.FormValue("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > this {
			return t, badRequest("报告年度「%s」无效", y)
		}
		t.Year = n
		if n < this-5 {
			t.Years = append(t.Years, n)
		}
	}
	if code := r.FormValue("org"); code != "" {
		found := false
		for _, o := range orgs {
			if o.Code == code {
				t.Org, found = o, true
				break
			}
		}
		if !found {
			return t, notFound("组织「%s」不存在或不在您的权限范围内", code)
		}
	}
	return t, nil
}

// figureLink is the report's LinkFor: a figure links to the records list filtered by the
// indicator (indicators.Drill), its period and the org, which shows exactly the records counted.
// Figures that are not a count of one readable kind (open clocks) get no link.
func figureLink(sc store.Scope, org string, year int, base string) func(string) string {
	y := strconv.Itoa(year)
	from, to := y+"-01-01", y+"-12-31"
	return func(id string) string {
		if q, ok := indicators.QuotaOf(id); ok {
			if c, _ := indicators.Lookup(q.Count); !sc.CanRead(c.Kind) {
				return ""
			}
			return base + coverageURL(id, from, to, org)
		}
		q, ok := indicators.Drill(id, from, to)
		if !ok {
			return ""
		}
		if _, ok := law.Lookup(q.Kind); !ok || !sc.CanRead(q.Kind) {
			return ""
		}
		return base + "/records/" + q.Kind + "?" + url.Values{"indicator": {id}, "from": {from}, "to": {to}, "org": {org}}.Encode()
	}
}

// reportPage is the workbench.
type reportPage struct {
	T          reportTarget
	Title      string // the report's title, "" when it cannot be built
	BuildError string
	Figures    int
	ViewURL    string
	Downloads  []reportDownloadLink
	Groups     []issueGroup
	Errors     int
	Warnings   int
	Inherited  []string // labels of the free texts still carrying last year's text
	CanPublish bool
	IssuedOn   string
	// Submitted and Disclosed are the days the report went to the Party committee and government
	// and was made public outside fazhi (report.Clocks).
	Submitted, Disclosed string
	// Fillable are the figures the draft may take by hand (手工填报): its gaps' and those entered.
	Fillable    []report.FillableFigure
	ManualCount int // how many of them are entered
	Refusal     *publishRefusal
	Versions    []reportVersion
}

// reportVersion is a published version as the lists show it.
type reportVersion struct {
	store.Publication
	Short string // the start of its SHA-256
}

type reportDownloadLink struct{ Label, Href string }

type publishRefusal struct {
	Message string
	Items   []string
}

type issueGroup struct {
	Severity string
	Label    string
	Help     string
	Items    []issueRow
}

type issueRow struct {
	report.Issue
	Key        string
	Acceptable bool
	Reason     string
	Unresolved bool // named by the last refused publication
	FixURL     string
	FixLabel   string
}

var severityGroups = []struct {
	sev         report.Severity
	label, help string
}{
	{report.SeverityError, "错误", "发布前须修正；标为可说明理由的，也可填写理由后按现状发布（理由随版本保存并记入审计日志）。"},
	{report.SeverityWarning, "提示", "不影响发布，请核实。"},
	{report.SeverityInfo, "说明", ""},
}

// draft assembles the report the request names (?org=&year=) over the user's scope, its
// figures linked to their records under base ("" for links within the site). A draft can come
// back with an error (an outline that does not build): the workbench shows both.
func (s *Server) draft(r *http.Request, base string) (reportTarget, *report.Draft, error) {
	t, err := s.reportTarget(r)
	if err != nil {
		return t, nil, err
	}
	sc := state(r).scope
	d, err := report.Assemble(r.Context(), s.st, sc, t.Org.Code, t.Year, s.today().String(), figureLink(sc, t.Org.Code, t.Year, base))
	return t, d, err
}

func (s *Server) reportWorkbench(w http.ResponseWriter, r *http.Request) error {
	t, d, err := s.draft(r, "")
	if d == nil {
		return err
	}
	p, perr := s.workbenchPage(r, t, d, err, nil)
	if perr != nil {
		return perr
	}
	s.render(w, r, http.StatusOK, "report", "年度报告", p)
	return nil
}

// workbenchPage builds the workbench from a draft; reasons are those typed before a refused
// publication, so that nothing typed is lost.
func (s *Server) workbenchPage(r *http.Request, t reportTarget, d *report.Draft, buildErr error, reasons map[string]string) (reportPage, error) {
	sc := state(r).scope
	p := reportPage{T: t, CanPublish: sc.CanPublish(), IssuedOn: s.today().String(),
		ViewURL: "/reports/view?" + t.Query()}
	dates, err := report.Dates(r.Context(), s.st, sc, t.Org.Code, t.Year)
	if err != nil {
		return p, err
	}
	p.Submitted, p.Disclosed = dates[report.KeySubmitted], dates[report.KeyDisclosed]
	p.Fillable = d.Fillable()
	for _, f := range p.Fillable {
		if f.Manual != nil {
			p.ManualCount++
		}
	}
	if d.Report != nil {
		p.Title, p.Figures = d.Report.Title, len(d.Report.Figures)
		for _, f := range []struct{ label, format string }{{"Word（.docx）", "docx"}, {"Markdown", "md"}, {"HTML", "html"}} {
			p.Downloads = append(p.Downloads, reportDownloadLink{f.label, "/reports/download/" + f.format + "?" + t.Query()})
		}
	} else if buildErr != nil {
		p.BuildError = store.ErrorMessage(buildErr)
	} else {
		p.BuildError = "报告模板有误，无法生成。"
	}
	link := figureLink(sc, t.Org.Code, t.Year, "")
	for _, g := range severityGroups {
		group := issueGroup{Severity: string(g.sev), Label: g.label, Help: g.help}
		for _, is := range d.Issues {
			if is.Severity != g.sev {
				continue
			}
			row := issueRow{Issue: is, Key: is.Key(), Acceptable: is.Acceptable(), Reason: reasons[is.Key()]}
			if strings.HasPrefix(is.Message, is.Where) {
				row.Where = "" // the message names its place already
			}
			if reasons != nil && is.Severity == report.SeverityError && (!row.Acceptable || strings.TrimSpace(row.Reason) == "") {
				row.Unresolved = true
			}
			switch {
			case is.Code == report.CodeTemplate || is.Code == report.CodeGap && link(is.IndicatorID) == "":
				row.FixURL, row.FixLabel = "/reports/outline?"+t.Query(), "修改段落模板"
			case is.TextKey != "":
				row.FixURL, row.FixLabel = "/reports/texts?"+t.Query()+"#text-"+is.TextKey, "填写自由文本"
			case is.IndicatorID != "":
				if l := link(is.IndicatorID); l != "" {
					row.FixURL, row.FixLabel = l, "查看记录"
				}
			}
			group.Items = append(group.Items, row)
		}
		switch g.sev {
		case report.SeverityError:
			p.Errors = len(group.Items)
		case report.SeverityWarning:
			p.Warnings = len(group.Items)
		}
		if len(group.Items) > 0 {
			p.Groups = append(p.Groups, group)
		}
	}
	for _, key := range d.Outline.TextKeys() {
		if d.Inherited[key] {
			p.Inherited = append(p.Inherited, report.TextLabel(key))
		}
	}
	pubs, err := s.st.Publications(r.Context())
	if err != nil {
		return p, err
	}
	for _, pub := range pubs {
		if pub.OrgCode == t.Org.Code && pub.Year == t.Year {
			p.Versions = append(p.Versions, reportVersion{pub, reportShortHash(pub.SHA256)})
		}
	}
	return p, nil
}

// reportView serves the report as report.Report.HTML writes it: a standalone A4 page, shown in
// the workbench's frame and openable on its own. Its figures link to their records in the top
// window.
func (s *Server) reportView(w http.ResponseWriter, r *http.Request) error {
	_, d, err := s.draft(r, "")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := d.Report.HTML(&buf); err != nil {
		return err
	}
	// Links open in the top window: the records pages refuse to be framed.
	doc := bytes.Replace(buf.Bytes(), []byte("<head>"), []byte("<head>\n<base target=\"_top\">"), 1)
	serveReportHTML(w, doc, "no-store")
	return nil
}

var styleBlockRe = regexp.MustCompile(`(?s)<style>(.*?)</style>`)

// serveReportHTML answers with a report page (a draft or a frozen version). The report carries
// its stylesheet inline, as a standalone file must; the response's Content-Security-Policy
// allows exactly that stylesheet by its hash, and nothing else: no script, no other style, no
// plugin, no form. Framing is allowed from our own pages only.
func serveReportHTML(w http.ResponseWriter, doc []byte, cache string) {
	styles := []string{}
	for _, m := range styleBlockRe.FindAllSubmatch(doc, -1) {
		sum := sha256.Sum256(m[1])
		styles = append(styles, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	style := "'none'"
	if len(styles) > 0 {
		style = strings.Join(styles, " ")
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src "+style+
		"; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", cache)
	w.Write(doc)
}

// reportDownload writes the report as .html, .md or .docx under its Chinese title. The .html
// keeps its figures' links, made absolute so that they lead back here from a saved file.
func (s *Server) reportDownload(w http.ResponseWriter, r *http.Request) error {
	format := r.PathValue("format")
	types := map[string]string{
		"html": "text/html; charset=utf-8",
		"md":   "text/markdown; charset=utf-8",
		"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	}
	if types[format] == "" {
		return notFound("不支持的格式「%s」（可选 docx、md、html）", format)
	}
	base := "http://" + r.Host
	if isHTTPS(r) {
		base = "https://" + r.Host
	}
	_, d, err := s.draft(r, base)
	if err != nil {
		return err
	}
	// Into a buffer first: an error half-way must become an error page, not a corrupt file.
	var buf bytes.Buffer
	switch format {
	case "html":
		err = d.Report.HTML(&buf)
	case "md":
		err = d.Report.Markdown(&buf)
	case "docx":
		err = d.Report.DOCX(&buf)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", types[format])
	w.Header().Set("Content-Disposition", contentDisposition(d.Report.Title+"."+format))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
	return nil
}

// reportURL is the workbench of an org and year.
func reportURL(t reportTarget) string { return "/reports?" + t.Query() }

// issuerName is how {org} reads in a template: the org itself when it is a justice bureau, else
// the bureau directly under it (a city reports through its 司法局), as report.Assemble names it.
func issuerName(org store.Org, orgs []store.Org) string {
	if org.Type == "司法局" {
		return org.Name
	}
	for _, o := range orgs {
		if o.Type == "司法局" && o.ParentID == org.ID {
			return o.Name
		}
	}
	return org.Name
}

// reportShortHash is the first characters of a SHA-256 for tables (the full one is in the title).
func reportShortHash(h string) string {
	if len(h) > 16 {
		return h[:16] + "…"
	}
	return h
}

// reportSubmitted records the days the report went to the Party committee and government and
// was made public outside fazhi, which stop the report's clocks on the deadlines page (第24条;
// report.Clocks).
func (s *Server) reportSubmitted(w http.ResponseWriter, r *http.Request) error {
	t, err := s.reportTarget(r)
	if err != nil {
		return err
	}
	rs := state(r)
	for _, key := range []string{report.KeySubmitted, report.KeyDisclosed} {
		on := strings.TrimSpace(r.PostFormValue(key))
		if err := report.MarkDone(r.Context(), s.st, rs.actor(), rs.scope, t.Org.Code, t.Year, key, on); err != nil {
			return err
		}
	}
	redirect(w, r, reportURL(t)+"#submission", fmt.Sprintf("已登记%d年度报告的报送和公开日期", t.Year))
	return nil
}

// reportManualFigure stores a figure entered by hand (手工填报) for the report, with its source,
// or removes it ("remove"); report.SaveManual checks it and the store audits it.
func (s *Server) reportManualFigure(w http.ResponseWriter, r *http.Request) error {
	t, err := s.reportTarget(r)
	if err != nil {
		return err
	}
	rs := state(r)
	id := strings.TrimSpace(r.PostFormValue("id"))
	var m *report.Manual
	if r.PostFormValue("remove") == "" {
		raw := strings.TrimSpace(r.PostFormValue("value"))
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return invalid("value", "「%s」的数值「%s」不是数字，请填写阿拉伯数字（如 3 或 96.5）", id, raw)
		}
		m = &report.Manual{Value: v, Unit: r.PostFormValue("unit"), Label: r.PostFormValue("label"), Source: r.PostFormValue("source")}
	}
	if err := report.SaveManual(r.Context(), s.st, rs.actor(), rs.scope, t.Org.Code, t.Year, id, m); err != nil {
		return err
	}
	msg := "已保存手工填报的数字「" + id + "」"
	if m == nil {
		msg = "已删除手工填报的数字「" + id + "」"
	}
	redirect(w, r, reportURL(t)+"#manual", msg)
	return nil
}
