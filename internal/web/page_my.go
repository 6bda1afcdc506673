package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 我的待办: the cases a user handles (承办人, store/assign.go) and their open clocks by urgency,
// the count in the header, and the day's digest on the dashboard.

// myWorkLimit bounds the cases a 待办 page lists per kind: a clerk's caseload, not a ledger.
const myWorkLimit = 500

type myPage struct {
	Groups []myGroup
	Cases  []myCase // open cases without a running clock (awaiting a step)
	Total  int
	Digest string
}

// myGroup is one band of urgency.
type myGroup struct {
	Title, Class string
	Rows         []clockRow
}

type myCase struct {
	URL, Code, Kind, Org, Status, Opened string
}

// myWork lists the signed-in user's open cases and their clocks.
func (s *Server) myWork(w http.ResponseWriter, r *http.Request) error {
	rs := state(r)
	if rs.user == nil {
		return forbidden("请先登录")
	}
	ctx, sc, today := r.Context(), rs.scope, s.today()
	clocks, err := s.st.OpenClocksWhere(ctx, sc, store.ClockFilter{Assignee: rs.user.Username}, today, 0)
	if err != nil {
		return err
	}
	p := myPage{Groups: []myGroup{{Title: "已逾期", Class: "overdue"}, {Title: "今日到期", Class: "soon"},
		{Title: "即将到期", Class: "soon"}, {Title: "其他进行中的期限"}}}
	withClock := map[int64]bool{}
	for _, row := range clockRows(s.st.Calendar(), clocks, today) {
		withClock[row.RecordID] = true
		band := 3
		switch {
		case row.Overdue && !row.Lapses:
			band = 0
		case row.Due == today.String():
			band = 1
		case row.Class == "soon":
			band = 2
		}
		p.Groups[band].Rows = append(p.Groups[band].Rows, row)
	}
	for _, kind := range law.Kinds() {
		if !sc.CanRead(kind.Name) {
			continue
		}
		recs, _, err := s.st.List(ctx, sc, store.Filter{Query: store.Query{Kind: kind.Name, Assignee: rs.user.Username}, Limit: myWorkLimit})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if kind.IsFinal(rec.Status) {
				continue
			}
			p.Total++
			if withClock[rec.ID] {
				continue
			}
			c := myCase{URL: recordURL(rec), Code: rec.Code, Kind: kind.Label, Org: rec.OrgName, Status: rec.Status}
			if f, ok := kind.FieldByColumn(law.ColOpened); ok {
				c.Opened = rec.Values.Str(f.Key)
			}
			p.Cases = append(p.Cases, c)
		}
	}
	p.Digest = digestText(len(p.Groups[1].Rows), len(p.Groups[2].Rows), len(p.Groups[0].Rows))
	s.render(w, r, http.StatusOK, "my", "我的待办", p)
	return nil
}

// digestText is the day's summary: 今日到期 3，三日内到期 5，已逾期 1.
func digestText(today, soon, overdue int) string {
	return "今日到期 " + strconv.Itoa(today) + "，" + strconv.Itoa(soonWorkdays) + "个工作日内到期 " + strconv.Itoa(soon) + "，已逾期 " + strconv.Itoa(overdue)
}

// myDueCount is the header's count: the user's clocks overdue or due within soonWorkdays.
func (s *Server) myDueCount(r *http.Request) int {
	rs := state(r)
	if rs.user == nil {
		return 0
	}
	clocks, err := s.st.OpenClocksWhere(r.Context(), rs.scope, store.ClockFilter{Assignee: rs.user.Username}, s.today(), soonWorkdays)
	if err != nil {
		return 0 // the header never fails a page
	}
	n := 0
	for _, c := range clocks {
		if c.Due != "" && !(c.Overdue && c.Lapses) {
			n++
		}
	}
	return n
}

// recordAssign makes someone the case's 承办人: the user named, or the one asking ("me").
func (s *Server) recordAssign(w http.ResponseWriter, r *http.Request) error {
	_, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	rs := state(r)
	version, err := strconv.Atoi(r.PostForm.Get("version"))
	if err != nil {
		return badRequest("缺少版本号，请刷新页面后重试")
	}
	name := strings.TrimSpace(r.PostForm.Get("assignee"))
	if name == "me" && rs.user != nil {
		name = rs.user.Username
	}
	var who *store.User
	var theirs store.Scope
	if name != "" {
		u, err := s.st.UserByName(r.Context(), name)
		if err != nil {
			return invalid("assignee", "没有账号「%s」", name)
		}
		who, theirs = &u, auth.ScopeFor(u)
	}
	updated, err := s.st.Assign(r.Context(), rs.actor(), rs.scope, rec.ID, version, who, theirs)
	if err != nil {
		return err
	}
	msg := "已取消承办人"
	if name != "" {
		msg = "承办人：" + name
	}
	redirect(w, r, recordURL(updated), msg)
	return nil
}

// digestCookie remembers, per browser, the day the digest was last shown.
const digestCookie = "fazhi_digest"

// dailyDigest is the day's summary of the user's cases, once a day (the first dashboard of the
// day): "" when it was shown today already or the user handles no cases.
func (s *Server) dailyDigest(w http.ResponseWriter, r *http.Request) string {
	rs := state(r)
	today := s.today()
	if rs.user == nil {
		return ""
	}
	if c, err := r.Cookie(digestCookie); err == nil && c.Value == today.String() {
		return ""
	}
	clocks, err := s.st.OpenClocksWhere(r.Context(), rs.scope, store.ClockFilter{Assignee: rs.user.Username}, today, soonWorkdays)
	if err != nil || len(clocks) == 0 {
		return ""
	}
	var due, soon, overdue int
	for _, c := range clocks {
		switch {
		case c.Due == "" || (c.Overdue && c.Lapses):
		case c.Overdue:
			overdue++
		case c.Due == today.String():
			due++
		default:
			soon++
		}
	}
	http.SetCookie(w, &http.Cookie{Name: digestCookie, Value: today.String(), Path: "/", HttpOnly: true, Secure: isHTTPS(r),
		SameSite: http.SameSiteLaxMode, MaxAge: 86400})
	return digestText(due, soon, overdue)
}
