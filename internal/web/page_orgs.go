package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

type orgsPage struct {
	Roots    []*orgNode
	Query    string
	Matches  int // orgs matching the search (0 without one)
	Total    int
	CanAdmin bool
}

// orgNode is one org of the page's tree with its children; Open when it is shown unfolded.
type orgNode struct {
	store.Org
	Children []*orgNode
	Open     bool
	Match    bool
	Admin    bool // the reader maintains the tree (the edit links)
}

// orgsPage shows the org tree the user can see (administrators: all of it) folded: the roots
// open, every other org with children closed (a county's 1,177 orgs would be one 49,000 px
// page), except the way down to what was searched for (q, by name or code) or just saved (open).
func (s *Server) orgsPage(w http.ResponseWriter, r *http.Request) error {
	sc := state(r).scope
	orgs, err := s.st.Orgs(r.Context(), sc)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len([]rune(q)) > 100 {
		q = string([]rune(q)[:100])
	}
	p := orgsPage{Query: q, Total: len(orgs), CanAdmin: sc.CanAdmin()}
	p.Roots, p.Matches = orgTree(orgs, q, r.URL.Query().Get("open"), p.CanAdmin)
	s.render(w, r, http.StatusOK, "orgs", "组织架构", p)
	return nil
}

// orgTree nests orgs (in path order) into their tree. With a search q only the matching orgs and
// the orgs above them are kept, all unfolded; the org coded open is unfolded down to.
func orgTree(orgs []store.Org, q, open string, admin bool) ([]*orgNode, int) {
	matches := func(o store.Org) bool {
		return q != "" && (strings.Contains(o.Name, q) || strings.HasPrefix(o.Code, q))
	}
	keep, unfold := map[int64]bool{}, map[int64]bool{}
	found := 0
	for _, o := range orgs {
		if matches(o) {
			found++
			pathIDs(o, keep)
		}
		if open != "" && o.Code == open {
			pathIDs(o, unfold)
		}
	}
	byID := map[int64]*orgNode{}
	var roots []*orgNode
	for _, o := range orgs {
		if q != "" && !keep[o.ID] {
			continue
		}
		n := &orgNode{Org: o, Open: q != "" || unfold[o.ID], Match: matches(o), Admin: admin}
		byID[o.ID] = n
		if parent := byID[o.ParentID]; parent != nil {
			parent.Children = append(parent.Children, n)
		} else {
			n.Open = true // a root of what the user sees
			roots = append(roots, n)
		}
	}
	return roots, found
}

// pathIDs adds the ids on o's path (o and every org above it) to into.
func pathIDs(o store.Org, into map[int64]bool) {
	for _, id := range strings.Split(strings.Trim(o.Path, "/"), "/") {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			into[n] = true
		}
	}
}

type orgFormPage struct {
	Editing  bool
	In       store.OrgInput
	Version  int
	Types    []string
	Parents  []store.Org
	Problems map[string]string
	Error    string
	Conflict bool
	Action   string
}

func (s *Server) orgNew(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r, "维护组织架构"); err != nil {
		return err
	}
	return s.renderOrgForm(w, r, http.StatusOK, orgFormPage{In: store.OrgInput{ParentCode: r.URL.Query().Get("parent")}})
}

func (s *Server) orgEdit(w http.ResponseWriter, r *http.Request) error {
	sc := state(r).scope
	if !sc.CanAdmin() {
		return forbidden("只有系统管理员可以维护组织架构")
	}
	o, err := s.st.Org(r.Context(), sc, r.PathValue("code"))
	if err != nil {
		return err
	}
	return s.renderOrgForm(w, r, http.StatusOK, orgFormPage{Editing: true, Version: o.Version,
		In: store.OrgInput{Code: o.Code, Name: o.Name, Type: o.Type, ParentCode: o.ParentCode, CreditCode: o.CreditCode,
			FoundedOn: o.FoundedOn}})
}

func (s *Server) renderOrgForm(w http.ResponseWriter, r *http.Request, code int, p orgFormPage) error {
	orgs, err := s.st.Orgs(r.Context(), state(r).scope)
	if err != nil {
		return err
	}
	// An org cannot move under itself or its own descendants.
	var self string
	for _, o := range orgs {
		if p.Editing && o.Code == p.In.Code {
			self = o.Path
		}
	}
	for _, o := range orgs {
		if self == "" || !strings.HasPrefix(o.Path, self) {
			p.Parents = append(p.Parents, o)
		}
	}
	p.Types = law.OrgTypes
	p.Action = "/orgs/new"
	title := "新建组织"
	if p.Editing {
		p.Action, title = "/orgs/"+p.In.Code+"/edit", "编辑组织 "+p.In.Name
	}
	p.Conflict = code == http.StatusConflict && p.Editing
	s.render(w, r, code, "org_form", title, p)
	return nil
}

func (s *Server) orgSave(w http.ResponseWriter, r *http.Request) error {
	rs := state(r)
	if err := adminOnly(r, "维护组织架构"); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	p := orgFormPage{Editing: r.PathValue("code") != "", In: store.OrgInput{Code: strings.TrimSpace(f.Get("code")),
		Name: strings.TrimSpace(f.Get("name")), Type: f.Get("type"), ParentCode: f.Get("parent"),
		CreditCode: strings.TrimSpace(f.Get("credit_code")), FoundedOn: strings.TrimSpace(f.Get("founded_on"))}}
	if p.Editing {
		p.In.Code = r.PathValue("code")
		v, err := strconv.Atoi(f.Get("version"))
		if err != nil || v < 1 {
			return badRequest("缺少版本号，请刷新页面后重新编辑")
		}
		p.Version = v
	} else if _, err := s.st.Org(r.Context(), rs.scope, p.In.Code); err == nil {
		// SaveOrg updates an existing code; a form for a new org must not overwrite one.
		p.Problems = map[string]string{"code": "编码「" + p.In.Code + "」已存在"}
		return s.renderOrgForm(w, r, http.StatusConflict, p)
	}
	o, err := s.st.SaveOrg(r.Context(), rs.actor(), rs.scope, p.In, p.Version)
	if err != nil {
		switch store.ErrorCode(err) {
		case store.EINVALID, store.ECONFLICT:
			p.Problems, p.Error = problemsOf(err), store.ErrorMessage(err)
			return s.renderOrgForm(w, r, httpStatus(err), p)
		}
		return err
	}
	redirect(w, r, "/orgs?open="+url.QueryEscape(o.Code)+"#org-"+o.Code, "已保存组织「"+o.Name+"」")
	return nil
}
