package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/report"
)

// The public face of the annual report: every published version, its frozen text as HTML and
// Markdown, and the SHA-256 that lets anyone check a copy. No login: publication is public by
// law, and store.Publications needs no scope.

type publicReportsPage struct {
	Rows []publicRow
}

type publicRow struct {
	reportVersion
	Latest bool // the newest version of its org and year
}

func (s *Server) publicReports(w http.ResponseWriter, r *http.Request) error {
	pubs, err := s.st.Publications(r.Context())
	if err != nil {
		return err
	}
	p := publicReportsPage{}
	seen := map[string]bool{}
	for _, pub := range pubs { // newest version first within an org and year
		k := pub.OrgCode + "/" + strconv.Itoa(pub.Year)
		p.Rows = append(p.Rows, publicRow{reportVersion: reportVersion{pub, reportShortHash(pub.SHA256)}, Latest: !seen[k]})
		seen[k] = true
	}
	s.render(w, r, http.StatusOK, "public_reports", "法治政府建设年度报告公开", p)
	return nil
}

// publicReport serves a frozen version: /public/reports/{id} its HTML exactly as published
// (an A4 page that prints as the 公文, so a browser saves it as PDF), /public/reports/{id}.md its
// Markdown, and /public/reports/{id}.docx the Word file laid out from that Markdown.
func (s *Server) publicReport(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	raw, word := strings.CutSuffix(name, ".docx")
	raw, md := strings.CutSuffix(raw, ".md")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return notFound("没有这份已发布的报告")
	}
	pub, err := s.st.PublicationByID(r.Context(), id)
	if err != nil {
		return err
	}
	// A published version never changes: caches may keep it.
	const cache = "public, max-age=86400"
	w.Header().Set("X-Content-SHA256", pub.SHA256)
	if word && !md {
		var buf bytes.Buffer
		if err := report.FrozenDocument(pub.Markdown, pub.OrgName).Write(&buf); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
		w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+
			url.PathEscape(pub.Title+"（第"+strconv.Itoa(pub.Version)+"版）.docx"))
		w.Header().Set("Cache-Control", cache)
		w.Write(buf.Bytes())
		return nil
	}
	if md && !word {
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		w.Header().Set("Content-Disposition", "inline; filename*=UTF-8''"+
			url.PathEscape(pub.Title+"（第"+strconv.Itoa(pub.Version)+"版）.md"))
		w.Header().Set("Cache-Control", cache)
		w.Write([]byte(pub.Markdown))
		return nil
	}
	serveReportHTML(w, []byte(pub.HTML), cache)
	return nil
}
