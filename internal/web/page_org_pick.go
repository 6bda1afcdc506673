package web

import (
	"html/template"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/fazhi/fazhi/internal/law"
)

// orgPickLimit is how many suggestions an org picker shows: enough to choose from, few enough
// that a province's tree never reaches the page.
const orgPickLimit = 20

// orgPick answers an org picker's typing with the matching orgs the user sees (and the field
// accepts) as <option>s of its datalist: by name or code, the path above each to tell apart
// like-named committees.
func (s *Server) orgPick(w http.ResponseWriter, r *http.Request) error {
	kind, ok := law.Lookup(r.URL.Query().Get("kind"))
	if !ok || !state(r).scope.CanRead(kind.Name) {
		return notFound("没有这类台账")
	}
	f, ok := kind.Field(r.URL.Query().Get("field"))
	if !ok || f.Type != law.Org {
		return notFound("没有这个单位字段")
	}
	// htmx sends the input's value under its name (the field's key).
	q := strings.TrimSpace(r.URL.Query().Get(f.Key))
	if utf8.RuneCountInString(q) > 100 {
		q = string([]rune(q)[:100])
	}
	orgs, err := s.st.Orgs(r.Context(), state(r).scope)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	var b strings.Builder
	n := 0
	for _, o := range orgs {
		if n == orgPickLimit {
			break
		}
		if !orgAllowed(kind, f, o) || (q != "" && !strings.Contains(o.Name, q) && !strings.HasPrefix(o.Code, q)) {
			continue
		}
		label := o.Code
		if p := names[o.ParentID]; p != "" {
			label = p + " › " + o.Name + "（" + o.Code + "）"
		}
		b.WriteString(`<option value="` + template.HTMLEscapeString(o.Name) + `" label="` + template.HTMLEscapeString(label) + `"></option>`)
		n++
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write([]byte(b.String()))
	return err
}
