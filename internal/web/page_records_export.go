package web

import (
	"bytes"
	"net/http"
	"net/url"
	"path"
	"regexp"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
)

// recordsExport downloads the list as a ledger (.xlsx or .csv) with the list's filters and the
// user's scope: the same records the list shows, with protected numbers as the user sees them
// (masked for a role without PII), under the ledger headers, so the file re-imports.
func (s *Server) recordsExport(format string) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		kind, err := kindOf(r)
		if err != nil {
			return err
		}
		if !state(r).scope.CanRead(kind.Name) {
			return forbidden("您没有导出「%s」台账的权限", kind.Label)
		}
		p, err := parseListParams(kind, r.URL.Query(), s.today())
		if err != nil {
			return err
		}
		f, err := p.filter()
		if err != nil {
			return err
		}
		recs, err := s.st.ListAll(r.Context(), state(r).scope, f)
		if err != nil {
			return err
		}
		if err := s.st.LogExport(r.Context(), state(r).actor(), state(r).scope, kind.Name, len(recs), r.URL.RawQuery); err != nil {
			return err
		}
		rows := make([]law.Values, len(recs))
		for i, rec := range recs {
			rows[i] = rec.Values
		}
		// Into a buffer first: an error half-way must become an error page, not a corrupt file.
		var buf bytes.Buffer
		if err := ledger.WriteTo(&buf, format, kind.Fields, rows); err != nil {
			return err
		}
		name := kind.Label + "台账-" + s.today().String() + "." + format
		ct := "text/csv; charset=utf-8"
		if format == "xlsx" {
			ct = xlsxType
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Disposition", contentDisposition(name))
		w.Header().Set("Cache-Control", "no-store")
		w.Write(buf.Bytes())
		return nil
	}
}

// contentDisposition names a download; filename* (RFC 6266/5987) carries the Chinese name, the
// plain filename an ASCII fallback for old clients.
func contentDisposition(name string) string {
	ext := path.Ext(name)
	if !asciiRe.MatchString(ext) {
		ext = ""
	}
	return `attachment; filename="fazhi-download` + ext + `"; filename*=UTF-8''` + url.PathEscape(name)
}

var asciiRe = regexp.MustCompile(`^\.[A-Za-z0-9]{1,8}$`)
