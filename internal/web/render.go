package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

//go:embed templates
var templateFS embed.FS

// templates holds one template set per page: the layout, the shared partials and the page.
type templates struct {
	pages map[string]*template.Template
}

func parseTemplates(a *assets) (*templates, error) {
	funcs := template.FuncMap{
		"asset":      a.url,
		"show":       showValue,
		"fmtTime":    fmtTime,
		"fmtNum":     fmtNum,
		"add":        func(a, b int) int { return a + b },
		"indent":     func(depth int) string { return strings.Repeat("　", max(depth, 0)) },
		"roleName":   auth.RoleLabel,
		"kindName":   kindLabel,
		"actionName": actionLabel,
		"actorName":  actorLabel,
		"unitName":   unitLabel,
		"json":       toJSON,
		"has":        func(list []string, s string) bool { return slices.Contains(list, s) },
	}
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		set, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		t.pages[name] = set
	}
	return t, nil
}

// pageData is what every page template gets: the frame (user, navigation, CSRF token, flash
// message) and the page's own Data.
type pageData struct {
	Title     string
	User      *store.User
	RoleLabel string
	CSRF      string
	Nav       []navItem
	Path      string
	Flash     string
	Banner    string // a warning every page shows its reader (the missing calendar year, for admins)
	Today     string
	MyDue     int  // the user's own clocks overdue or due soon (承办人): the header's 待办 count
	Handles   bool // the user reads some kind of case, so may handle cases (the 待办 link)
	Data      any
}

type navItem struct {
	Href, Label, Group string
	Active             bool
}

// render writes a page. It executes into a buffer first, so that a template error becomes a
// clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page, title string, data any) {
	rs := state(r)
	pd := pageData{Title: title, User: rs.user, Path: r.URL.Path, Data: data, Today: s.today().String()}
	if rs.user != nil {
		pd.RoleLabel = auth.RoleLabel(rs.user.Role)
		pd.CSRF = rs.sess.CSRF
		pd.Nav = s.nav(r)
		for _, k := range law.Kinds() {
			pd.Handles = pd.Handles || rs.scope.CanRead(k.Name)
		}
		if pd.Handles {
			pd.MyDue = s.myDueCount(r)
		}
		// The dashboard and the calendar page show the warning in their own place.
		if rs.scope.CanAdmin() && r.URL.Path != "/" && r.URL.Path != "/calendar" {
			pd.Banner = s.calendarWarning()
		}
	}
	if c, err := r.Cookie(flashCookie); err == nil {
		pd.Flash, _ = url.QueryUnescape(c.Value)
		clearCookie(w, r, flashCookie, "/")
	}
	set, ok := s.tmpl.pages[page]
	if !ok {
		s.log.Error("unknown page template", "page", page)
		http.Error(w, "系统错误：页面模板缺失", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, "layout", pd); err != nil {
		s.log.Error("template", "page", page, "request_id", rs.id, "err", err)
		http.Error(w, "系统错误：页面渲染失败（请求编号 "+rs.id+"）", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// nav lists what the user may open, driven by the Scope: a kind appears only when readable.
func (s *Server) nav(r *http.Request) []navItem {
	sc := state(r).scope
	p := r.URL.Path
	items := []navItem{{Href: "/", Label: "工作台", Group: "概览"}}
	readable := false
	for _, k := range law.Kinds() {
		if sc.CanRead(k.Name) {
			readable = true
			items = append(items, navItem{Href: "/records/" + k.Name, Label: k.Label, Group: "台账"})
		}
	}
	if readable {
		items = slices.Insert(items, 1, navItem{Href: "/my", Label: "我的待办", Group: "概览"})
	}
	if readable {
		items = append(items, navItem{Href: "/deadlines", Label: "期限提醒", Group: "台账"})
	}
	overview := len(slices.DeleteFunc(slices.Clone(items), func(i navItem) bool { return i.Group != "概览" }))
	for _, pr := range indicators.Profiles() {
		if profileReadable(sc, pr) {
			items = slices.Insert(items, overview, navItem{Href: "/profiles/" + pr.Name, Label: pr.Label, Group: "概览"})
			overview++
		}
	}
	items = append(items, navItem{Href: "/orgs", Label: "组织架构", Group: "管理"})
	if sc.CanAdmin() {
		items = append(items, navItem{Href: "/users", Label: "账号管理", Group: "管理"},
			navItem{Href: "/calendar", Label: "工作日历", Group: "管理"})
		items = append(items, navItem{Href: "/notices", Label: "文书模板", Group: "管理"},
			navItem{Href: "/dictionary", Label: "字典", Group: "管理"})
	}
	if sc.CanApprove() {
		items = append(items, navItem{Href: "/approvals", Label: "账号审批", Group: "管理"})
	}
	if sc.CanAudit() {
		items = append(items, navItem{Href: "/audit", Label: "审计日志", Group: "管理"})
	}
	items = append(items, navItem{Href: "/account/password", Label: "修改密码", Group: "个人"})
	for i := range items {
		h := items[i].Href
		items[i].Active = p == h || (h != "/" && strings.HasPrefix(p, h+"/"))
	}
	return items
}

const flashCookie = "fazhi_flash"

// redirect answers a successful form post (post/redirect/get) with a message for the next page.
func redirect(w http.ResponseWriter, r *http.Request, to, flash string) {
	if flash != "" {
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(flash), Path: "/",
			HttpOnly: true, Secure: isHTTPS(r), SameSite: http.SameSiteLaxMode, MaxAge: 60})
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// showValue renders a canonical value for reading: list items joined by 「；」 (the separator
// the forms and ledgers accept back).
func showValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []string:
		return strings.Join(x, "；")
	}
	return fmt.Sprint(v)
}

// fmtTime shows a stored RFC 3339 UTC stamp in China Standard Time, to the minute.
func fmtTime(s string) string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return t.In(cst).Format("2006-01-02 15:04")
}

// fmtNum shows counts as integers and rates with one decimal.
func fmtNum(f float64) string {
	if f == float64(int64(f)) {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}

// kindLabel names a record kind, or another object the audit trail records changes to.
func kindLabel(name string) string {
	if k, ok := law.Lookup(name); ok {
		return k.Label
	}
	if l, ok := auditObjects[name]; ok {
		return l
	}
	return name
}

var auditObjects = map[string]string{"org": "组织", "user": "账号", "calendar": "工作日历"}

func unitLabel(u string) string {
	switch u {
	case string(law.WorkingDays):
		return "工作日"
	case string(law.NaturalDays):
		return "日"
	}
	return u
}

func toJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
