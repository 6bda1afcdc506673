package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
	"github.com/fazhi/fazhi/internal/web"
)

// consultation is a decision out for comment as the demo's is (公众参与, thirty days), owned by
// 甲镇, with a clerk there who may write decisions and one in 乙镇 who may too; the server's
// clock is the test's to move.
type consultation struct {
	*env
	id  int64
	now *atomic.Int64 // unix seconds of the server's Now
}

func newConsultation(t *testing.T, st *store.Store) consultation {
	t.Helper()
	ctx := context.Background()
	e := newEnv(t, st)
	for _, u := range []store.UserInput{
		{Username: "decider", DisplayName: "甲镇法制员", Role: auth.RoleClerk, OrgCode: townA, Kinds: []string{"major_decision"}},
		{Username: "decider-b", DisplayName: "乙镇法制员", Role: auth.RoleClerk, OrgCode: townB, Kinds: []string{"major_decision"}},
	} {
		u.PasswordHash = passwordHash()
		if _, err := st.SaveUser(ctx, system, systemScope(), u); err != nil {
			t.Fatal(err)
		}
	}
	r, err := st.CreateRecord(ctx, system, systemScope(), "major_decision", law.Values{"code": "JC2026-01", "org": townA,
		"matter": "甲镇农贸市场升级改造方案", "undertaker": "甲镇经济发展办", "started_on": "2026-02-20"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Transition(ctx, system, systemScope(), r.ID, r.Version, "public_participation", law.Values{
		"comment_from": "2026-03-02", "comment_to": "2026-03-31", "draft_text": "一、改造范围\n甲镇农贸市场主体建筑及周边道路。"}); err != nil {
		t.Fatal(err)
	}
	now := &atomic.Int64{}
	now.Store(time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC).Unix())
	srv, err := web.New(web.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return time.Unix(now.Load(), 0) }})
	if err != nil {
		t.Fatal(err)
	}
	e.srv.Close()
	e.srv = httptest.NewServer(srv.Handler())
	t.Cleanup(e.srv.Close)
	return consultation{env: e, id: r.ID, now: now}
}

func (c consultation) page() string { return "/public/consultations/" + strconv.FormatInt(c.id, 10) }
func (c consultation) comments() string {
	return "/records/major_decision/" + strconv.FormatInt(c.id, 10) + "/comments"
}

var commentIDRe = regexp.MustCompile(`/comments/([0-9]+)/dispose`)

// The public side and the clerk's, over HTTP on both engines: the draft without login, two
// comments (a token is required), the contact masked for the clerk and hidden from another
// town's, dispositions before the feedback, the period's end closing the form by the server's
// clock, publication beside the draft, the .xlsx, and the limit per address.
func TestPublicCommentPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := newConsultation(t, st)
		visitor := c.client(t)
		if status, body := visitor.get("/public/consultations"); status != 200 || !strings.Contains(body, "甲镇农贸市场升级改造方案") {
			t.Fatalf("the list without login: %d %s", status, snippet(body))
		}
		status, body := visitor.get(c.page())
		m := csrfMetaRe.FindStringSubmatch(body)
		if status != 200 || !strings.Contains(body, "一、改造范围") || !strings.Contains(body, "2026-03-31") || m == nil {
			t.Fatalf("the consultation page: %d %s", status, snippet(body))
		}
		if status, _ := visitor.post(c.page(), url.Values{"body": {"无令牌"}}); status != http.StatusForbidden {
			t.Errorf("a comment without the token: %d", status)
		}
		for _, f := range []url.Values{
			{"name": {"陈先生"}, "contact": {"13712345678"}, "body": {"建议保留早市摊位"}},
			{"anonymous": {"1"}, "name": {"不该留下"}, "contact": {"resident@example.cn"}, "body": {"停车位不足"}},
		} {
			f.Set("csrf", m[1])
			if status, body := visitor.post(c.page(), f); status != http.StatusSeeOther {
				t.Fatalf("a comment: %d %s", status, snippet(body))
			}
		}
		if status, body := visitor.post(c.page(), url.Values{"csrf": {m[1]}, "body": {""}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写意见内容") {
			t.Errorf("an empty comment: %d %s", status, snippet(body))
		}
		if status, _ := c.login(t, "decider-b").get(c.comments()); status != http.StatusNotFound {
			t.Errorf("another town's clerk reads the comments: %d", status)
		}
		// The contact is masked for a reader without personal data (the town's leader), as a
		// record's phone is; the clerk who may contact the commenter sees it.
		if status, body := c.login(t, "leader").get(c.comments()); status != 200 || !strings.Contains(body, "137****5678") || strings.Contains(body, "13712345678") {
			t.Errorf("the leader's comments: %d %s", status, snippet(body))
		}
		clerk := c.login(t, "decider")
		status, body = clerk.get(c.comments())
		if status != 200 || !strings.Contains(body, "13712345678") || !strings.Contains(body, "匿名") || strings.Contains(body, "不该留下") {
			t.Fatalf("the clerk's comments: %d %s", status, snippet(body))
		}
		if status, _ := clerk.get(c.comments() + "/feedback.docx"); status != http.StatusConflict {
			t.Errorf("the feedback before the dispositions: %d", status)
		}
		ids := commentIDRe.FindAllStringSubmatch(body, -1)
		if len(ids) != 2 {
			t.Fatalf("dispose forms: %v", ids)
		}
		for i, d := range [][2]string{{"采纳", "已在方案中保留早市区域"}, {"不采纳", "周边已规划停车场"}} {
			if status, body := clerk.submit(c.comments()+"/"+ids[i][1]+"/dispose", url.Values{"disposition": {d[0]}, "reason": {d[1]}}); status != http.StatusSeeOther {
				t.Fatalf("dispose: %d %s", status, snippet(body))
			}
		}
		status, body = clerk.get(c.comments() + "/feedback")
		if status != 200 || !strings.Contains(body, "共收到意见2条") || !strings.Contains(body, "采纳1条") || !strings.Contains(body, "周边已规划停车场") {
			t.Errorf("the feedback page: %d %s", status, snippet(body))
		}
		req, _ := http.NewRequest(http.MethodGet, c.srv.URL+c.comments()+"/export.xlsx", nil)
		if status, body, h := clerk.do(req); status != 200 || !strings.HasPrefix(body, "PK") || !strings.Contains(h.Get("Content-Type"), "spreadsheetml") {
			t.Errorf("the comments' .xlsx: %d %s", status, h.Get("Content-Type"))
		}
		if status, _ := clerk.submit(c.comments()+"/publish", url.Values{}); status != http.StatusConflict {
			t.Errorf("published while the period runs: %d", status)
		}
		// 2026-03-31 is the last day (CST): a comment at 23:30 is taken, one at 00:10 on 04-01 is not.
		c.now.Store(time.Date(2026, 3, 31, 15, 30, 0, 0, time.UTC).Unix())
		if status, body := visitor.post(c.page(), url.Values{"csrf": {m[1]}, "body": {"最后一天的意见"}}); status != http.StatusSeeOther {
			t.Errorf("a comment on the last day: %d %s", status, snippet(body))
		}
		c.now.Store(time.Date(2026, 3, 31, 16, 10, 0, 0, time.UTC).Unix())
		if status, _ := visitor.post(c.page(), url.Values{"csrf": {m[1]}, "body": {"迟到的意见"}}); status != http.StatusNotFound && status != http.StatusConflict {
			t.Errorf("a comment after the period: %d", status)
		}
		if status, _ := visitor.get(c.page()); status != http.StatusNotFound {
			t.Errorf("the closed consultation before its feedback: %d", status)
		}
		_, body = clerk.get(c.comments())
		last := commentIDRe.FindAllStringSubmatch(body, -1)
		clerk.submit(c.comments()+"/"+last[len(last)-1][1]+"/dispose", url.Values{"disposition": {"部分采纳"}, "reason": {"已增加夜间照明"}})
		if status, body := clerk.submit(c.comments()+"/publish", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("publish: %d %s", status, snippet(body))
		}
		status, body = visitor.get(c.page())
		if status != 200 || !strings.Contains(body, "采纳情况的反馈") || !strings.Contains(body, "已在方案中保留早市区域") || strings.Contains(body, "陈先生") ||
			!strings.Contains(body, "不再接收意见") {
			t.Errorf("the public page after publication: %d %s", status, snippet(body))
		}
		req, _ = http.NewRequest(http.MethodGet, c.srv.URL+c.page()+"/feedback.docx", nil)
		status, docx, _ := visitor.do(req)
		if x := docxXML(t, []byte(docx)); status != 200 || !strings.Contains(x, "部分采纳") || !strings.Contains(x, "周边已规划停车场") || strings.Contains(x, "陈先生") {
			t.Errorf("the published .docx: %d %s", status, snippet(x))
		}
	})
}

// Comments are limited per address (a burst of five, then one per ten minutes).
func TestPublicCommentRateLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		c := newConsultation(t, st)
		visitor := c.client(t)
		_, body := visitor.get(c.page())
		token := csrfMetaRe.FindStringSubmatch(body)[1]
		var statuses []int
		for i := 0; i < 6; i++ {
			status, _ := visitor.post(c.page(), url.Values{"csrf": {token}, "body": {"意见" + strconv.Itoa(i)}})
			statuses = append(statuses, status)
		}
		if statuses[4] != http.StatusSeeOther || statuses[5] != http.StatusTooManyRequests {
			t.Errorf("statuses: %v", statuses)
		}
	})
}
