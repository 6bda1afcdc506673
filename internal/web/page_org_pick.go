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
// like-named committees. One query with a LIMIT (store.SearchOrgs), never the whole tree.
// Three callers: a page's 单位 filter (filter=org: any org in scope), a record form's org field
// (kind and field: the kind's accepted org types), and the account form (no kind,
// administrators only: any org of the tree).
func (s *Server) orgPick(w http.ResponseWriter, r *http.Request) error {
	key, types, err := pickField(r)
	if err != nil {
		return err
	}
	// htmx sends the input's value under its name.
	q := strings.TrimSpace(r.URL.Query().Get(key))
	if utf8.RuneCountInString(q) > 100 {
		q = string([]rune(q)[:100])
	}
	found, err := s.st.SearchOrgs(r.Context(), state(r).scope, q, types, orgPickLimit)
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, o := range found {
		label := o.Code
		if o.ParentName != "" {
			label = o.ParentName + " › " + o.Name + "（" + o.Code + "）"
		}
		// A name two orgs share is offered as its code, which the store resolves exactly.
		value := o.Name
		if o.SharedName {
			value = o.Code
		}
		b.WriteString(`<option value="` + template.HTMLEscapeString(value) + `" label="` + template.HTMLEscapeString(label) + `"></option>`)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write([]byte(b.String()))
	return err
}

// pickField is the input a picker request comes from (its name, under which htmx sends the
// typed text) and the org types it may offer (nil: any).
func pickField(r *http.Request) (string, []string, error) {
	q := r.URL.Query()
	if q.Get("filter") == "org" {
		// A list's or a page's 单位 filter: any org the reader sees (a town includes its villages).
		return "org", nil, nil
	}
	if q.Get("kind") == "" {
		if err := adminOnly(r, "选择账号的单位"); err != nil {
			return "", nil, err
		}
		key := q.Get("field")
		if key != "org" && key != "scope_add" {
			return "", nil, notFound("没有这个单位字段")
		}
		return key, nil, nil
	}
	kind, ok := law.Lookup(q.Get("kind"))
	if !ok || !state(r).scope.CanRead(kind.Name) {
		return "", nil, notFound("没有这类台账")
	}
	f, ok := kind.Field(q.Get("field"))
	if !ok || f.Type != law.Org {
		return "", nil, notFound("没有这个单位字段")
	}
	return f.Key, orgFieldTypes(kind, f), nil
}
