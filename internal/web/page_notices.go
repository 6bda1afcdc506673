package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/notices"
	"github.com/fazhi/fazhi/internal/store"
)

// The documents a procedure requires (受理通知书, 中止审理通知书 …), written from a case's data as
// .docx, and the administrator's page for their templates.

func (s *Server) noticeRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /records/{kind}/{id}/notices/{file}", s.signedIn(s.noticeDownload))
	mux.HandleFunc("POST /records/{kind}/{id}/notices/{file}/issue", s.signedIn(s.noticeIssue))
	mux.HandleFunc("GET /notices", s.signedIn(s.noticesPage))
	mux.HandleFunc("GET /notices/{name}", s.signedIn(s.noticeEdit))
	mux.HandleFunc("POST /notices/{name}", s.signedIn(s.noticeSave))
	mux.HandleFunc("POST /notices/{name}/reset", s.signedIn(s.noticeReset))
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// noticeView is one document on a record's page: a download link, or why it cannot be issued yet.
type noticeView struct {
	Title, Article, URL, Reason string
	Available                   bool
	Issued                      int // versions kept with the case
}

// recordNotices lists a record's documents with their availability in its current state and
// the versions issued and kept with the case (attachments named 「标题（编号）第N版.docx」).
func recordNotices(kind *law.Kind, rec store.Record, kept []store.Attachment) []noticeView {
	var out []noticeView
	for _, n := range notices.ForKind(kind.Name) {
		ok, reason := n.Available(rec.Status, rec.Values)
		v := noticeView{Title: n.Title, Article: n.Article, Available: ok, Reason: reason,
			URL: recordURL(rec) + "/notices/" + n.Name + ".docx"}
		for _, a := range kept {
			if strings.HasPrefix(a.Name, n.Title+"（"+rec.Code+"）") {
				v.Issued++
			}
		}
		out = append(out, v)
	}
	return out
}

// noticeDownload writes GET /records/{kind}/{id}/notices/{name}.docx. Reading the record is the
// permission: whoever may read the case may print its notices (protected numbers as the reader
// sees them).
func (s *Server) noticeDownload(w http.ResponseWriter, r *http.Request) error {
	kind, rec, n, data, err := s.noticeOfRecord(r)
	if err != nil {
		return err
	}
	// The notice carries the parties' personal data out of the system: the audit trail says who took it.
	rs := state(r)
	if err := s.st.LogExport(r.Context(), rs.actor(), rs.scope, kind.Name, 1, "notice:"+n.Name+" record:"+strconv.FormatInt(rec.ID, 10)); err != nil {
		return err
	}
	w.Header().Set("Content-Type", docxType)
	w.Header().Set("Content-Disposition", contentDisposition(n.Title+"（"+rec.Code+"）.docx"))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(data)
	return nil
}

// noticeIssue is POST /records/{kind}/{id}/notices/{name}.docx/issue: the notice as issued today
// is kept with the case as a new version (第N版, an attachment: in the timeline and the audit
// trail); the versions issued before stay as they were, so a reissued notice never rewrites
// what the party received.
func (s *Server) noticeIssue(w http.ResponseWriter, r *http.Request) error {
	kind, rec, n, data, err := s.noticeOfRecord(r)
	if err != nil {
		return err
	}
	rs := state(r)
	if !rs.scope.CanWrite(kind.Name) {
		return forbidden("您没有为「%s」出具文书的权限", kind.Label)
	}
	prior, err := s.st.Attachments(r.Context(), rs.scope, rec.ID)
	if err != nil {
		return err
	}
	base := n.Title + "（" + rec.Code + "）"
	version := 1
	for _, a := range prior {
		if strings.HasPrefix(a.Name, base) {
			version++
		}
	}
	name := fmt.Sprintf("%s第%d版.docx", base, version)
	if _, err := s.st.AddAttachment(r.Context(), rs.actor(), rs.scope, rec.ID, name, docxType, data); err != nil {
		return err
	}
	redirect(w, r, recordURL(rec)+"#attachments", "已出具并存档「"+name+"」")
	return nil
}

// noticeOfRecord renders the notice the path names for the record, in its current state.
func (s *Server) noticeOfRecord(r *http.Request) (*law.Kind, store.Record, notices.Notice, []byte, error) {
	kind, rec, err := s.recordOf(r)
	if err != nil {
		return nil, rec, notices.Notice{}, nil, err
	}
	name, ok := strings.CutSuffix(r.PathValue("file"), ".docx")
	n, found := notices.Lookup(name)
	if !ok || !found || n.Kind != kind.Name {
		return nil, rec, n, nil, notFound("「%s」没有文书「%s」", kind.Label, r.PathValue("file"))
	}
	if ok, reason := n.Available(rec.Status, rec.Values); !ok {
		return nil, rec, n, nil, badRequest("本案目前不能出具「%s」：%s（%s）", n.Title, reason, n.Article)
	}
	text, err := s.noticeTemplate(r.Context(), n)
	if err != nil {
		return nil, rec, n, nil, err
	}
	clocks, err := s.st.Clocks(r.Context(), state(r).scope, store.ClockFilter{RecordID: rec.ID})
	if err != nil {
		return nil, rec, n, nil, err
	}
	due := map[string]string{}
	for _, c := range clocks {
		due[c.Rule] = c.Due
	}
	authority, err := s.authorityOf(r.Context(), state(r).scope, rec.OrgCode)
	if err != nil {
		return nil, rec, n, nil, err
	}
	data := notices.Data{Org: rec.OrgName, Authority: authority, Code: rec.Code, Values: rec.Values,
		Today: s.today().String(), Due: func(rule string) string { return due[rule] }}
	if m := kind.Members; m != nil {
		data.MemberKind = m.Kind
		if data.Members, err = s.memberValues(r.Context(), state(r).scope, kind, rec); err != nil {
			return nil, rec, n, nil, err
		}
	}
	doc, err := notices.Render(text, data)
	if err != nil {
		return nil, rec, n, nil, invalid("", "文书模板「%s」无法生成，请系统管理员检查模板：%s", n.Title, err)
	}
	var buf bytes.Buffer
	if err := doc.Write(&buf); err != nil {
		return nil, rec, n, nil, err
	}
	return kind, rec, n, buf.Bytes(), nil
}

// noticeTemplate is the template in force: the administrator's version, else the default.
func (s *Server) noticeTemplate(ctx context.Context, n notices.Notice) (string, error) {
	text, ok, err := s.st.Setting(ctx, notices.SettingKey(n.Name))
	if err != nil || !ok {
		return n.Template, err
	}
	return text, nil
}

type noticesPage struct {
	Groups []noticeGroup
}

type noticeGroup struct {
	Label, Law string
	Items      []noticeItem
}

type noticeItem struct {
	Name, Title, Article, Stages string
	Custom                       bool
}

func (s *Server) noticesPage(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r, "维护文书模板"); err != nil {
		return err
	}
	var p noticesPage
	for _, k := range law.Kinds() {
		ns := notices.ForKind(k.Name)
		if len(ns) == 0 {
			continue
		}
		g := noticeGroup{Label: k.Label, Law: k.Law}
		for _, n := range ns {
			_, custom, err := s.st.Setting(r.Context(), notices.SettingKey(n.Name))
			if err != nil {
				return err
			}
			g.Items = append(g.Items, noticeItem{Name: n.Name, Title: n.Title, Article: n.Article,
				Stages: strings.Join(n.Stages, "、"), Custom: custom})
		}
		p.Groups = append(p.Groups, g)
	}
	s.render(w, r, http.StatusOK, "notices", "文书模板", p)
	return nil
}

type noticeEditPage struct {
	Notice  notices.Notice
	Kind    *law.Kind
	Text    string
	Custom  bool
	Problem string // why the text submitted was not saved
	Fields  []law.Field
	Clocks  []law.ClockRule
	Used    []law.Field // the fields this template fills in, in order of use
}

// noticeOf is the notice named in the URL, for an administrator.
func (s *Server) noticeOf(r *http.Request) (notices.Notice, *law.Kind, error) {
	if !state(r).scope.CanAdmin() {
		return notices.Notice{}, nil, forbidden("只有系统管理员可以维护文书模板")
	}
	n, ok := notices.Lookup(r.PathValue("name"))
	if !ok {
		return n, nil, notFound("没有文书模板「%s」", r.PathValue("name"))
	}
	kind, _ := law.Lookup(n.Kind)
	return n, kind, nil
}

func (s *Server) noticeEdit(w http.ResponseWriter, r *http.Request) error {
	n, kind, err := s.noticeOf(r)
	if err != nil {
		return err
	}
	text, custom, err := s.st.Setting(r.Context(), notices.SettingKey(n.Name))
	if err != nil {
		return err
	}
	if !custom {
		text = n.Template
	}
	s.renderNoticeEdit(w, r, http.StatusOK, n, kind, text, custom, "")
	return nil
}

func (s *Server) renderNoticeEdit(w http.ResponseWriter, r *http.Request, status int, n notices.Notice, kind *law.Kind, text string, custom bool, problem string) {
	p := noticeEditPage{Notice: n, Kind: kind, Text: text, Custom: custom, Problem: problem}
	if kind != nil {
		for _, key := range notices.Fields(text) {
			if f, ok := kind.Field(key); ok {
				p.Used = append(p.Used, f)
			}
		}
		for _, f := range kind.Fields {
			if f.Type != law.IDNo && f.Type != law.Phone {
				p.Fields = append(p.Fields, f)
			}
		}
		p.Clocks = kind.Clocks
	}
	s.render(w, r, status, "notice_edit", "文书模板："+n.Title, p)
}

// noticeSave checks the template (it must parse, fill an empty case and name only fields and
// clocks of the kind) and saves it; a text equal to the default removes the administrator's
// version. A bad template is shown again with the problem, and nothing is saved.
func (s *Server) noticeSave(w http.ResponseWriter, r *http.Request) error {
	n, kind, err := s.noticeOf(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	text := strings.ReplaceAll(r.PostForm.Get("template"), "\r\n", "\n")
	_, custom, err := s.st.Setting(r.Context(), notices.SettingKey(n.Name))
	if err != nil {
		return err
	}
	if strings.TrimSpace(text) == "" {
		s.renderNoticeEdit(w, r, http.StatusUnprocessableEntity, n, kind, text, custom, "模板不能为空；如需使用默认模板，请点击「恢复默认」。")
		return nil
	}
	if err := n.Check(text); err != nil {
		s.renderNoticeEdit(w, r, http.StatusUnprocessableEntity, n, kind, text, custom, err.Error())
		return nil
	}
	rs := state(r)
	value := text
	if strings.TrimSpace(text) == strings.TrimSpace(n.Template) {
		value = ""
	}
	if err := s.st.SaveSetting(r.Context(), rs.actor(), rs.scope, notices.SettingKey(n.Name), value); err != nil {
		return err
	}
	redirect(w, r, "/notices/"+n.Name, "已保存「"+n.Title+"」模板")
	return nil
}

func (s *Server) noticeReset(w http.ResponseWriter, r *http.Request) error {
	n, _, err := s.noticeOf(r)
	if err != nil {
		return err
	}
	rs := state(r)
	if err := s.st.SaveSetting(r.Context(), rs.actor(), rs.scope, notices.SettingKey(n.Name), ""); err != nil {
		return err
	}
	redirect(w, r, "/notices/"+n.Name, "「"+n.Title+"」已恢复为默认模板")
	return nil
}

// authorityOf is the body a record's documents are issued in the name of: the nearest people's
// government above (or at) the owning org — the 复议机关 of a 行政复议机构 (行政复议法第4条) — or
// the org itself when it stands under no administrative division.
func (s *Server) authorityOf(ctx context.Context, sc store.Scope, org string) (string, error) {
	chain, err := s.st.OrgChain(ctx, sc, org)
	if err != nil {
		return "", err
	}
	for i := len(chain) - 1; i >= 0; i-- {
		if g := law.Government(chain[i].Name, chain[i].Type); g != "" {
			return g, nil
		}
	}
	return chain[len(chain)-1].Name, nil
}
