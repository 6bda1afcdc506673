package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// A decision out for public comment on both engines: the public sees it and comments while
// the period runs (a contact sealed at rest), not after; the consulting org's clerk sees the
// comments, masked, and disposes of them; another org's clerk sees nothing; the feedback is
// published only when the period is over and every comment has a disposition.
func TestPublicComments(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		if _, err := s.ImportOrgs(ctx, admin, all(), []store.OrgInput{{Code: "441481-X", Name: "另一单位", Type: "司法局", ParentCode: "441481"}}); err != nil {
			t.Fatal(err)
		}
		r, err := s.CreateRecord(ctx, admin, all(), "major_decision", law.Values{"code": "JC-1", "org": "441481-SFJ",
			"matter": "城区停车收费调整", "undertaker": "市发改局", "started_on": "2025-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		r, err = s.Transition(ctx, admin, all(), r.ID, r.Version, "public_participation", law.Values{
			"comment_from": "2025-03-10", "comment_to": "2025-04-08", "draft_text": "第一条 为规范停车收费……"})
		if err != nil {
			t.Fatal(err)
		}
		if list, _ := s.Consultations(ctx, "2025-03-09"); len(list) != 0 {
			t.Errorf("before the period: %+v", list)
		}
		list, err := s.Consultations(ctx, "2025-03-20")
		if err != nil || len(list) != 1 || list[0].Title != "城区停车收费调整" || !strings.Contains(list[0].Draft, "第一条") || !list[0].Open {
			t.Fatalf("open consultations: %+v %v", list, err)
		}
		public := store.Actor{Name: "公众", ClientAddr: "203.0.113.9"}
		if _, err := s.SubmitComment(ctx, public, r.ID, "2025-03-20", store.CommentInput{Name: "张三", Contact: "13800138000", Body: "建议夜间免费"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SubmitComment(ctx, public, r.ID, "2025-04-08", store.CommentInput{Body: "收费标准过高"}); err != nil {
			t.Fatalf("the last day of the period: %v", err)
		}
		if _, err := s.SubmitComment(ctx, public, r.ID, "2025-04-09", store.CommentInput{Body: "迟到的意见"}); store.ErrorCode(err) != store.ECONFLICT {
			t.Errorf("after the period: %v", err)
		}
		if _, err := s.SubmitComment(ctx, public, r.ID, "2025-03-20", store.CommentInput{Body: "我的电话13800138000"}); store.ErrorCode(err) != store.EINVALID {
			t.Errorf("a mobile number in the text: %v", err)
		}
		if _, err := s.SubmitComment(ctx, public, r.ID, "2025-03-20", store.CommentInput{Body: "x", Contact: "不是号码"}); store.ErrorCode(err) != store.EINVALID {
			t.Errorf("a contact that is neither: %v", err)
		}
		clerk := store.ScopeOf(store.Grant{OrgPaths: []string{orgPath(t, s, "441481-SFJ")}, Read: []string{"major_decision"}, Write: []string{"major_decision"}})
		other := store.ScopeOf(store.Grant{OrgPaths: []string{orgPath(t, s, "441481-X")}, Read: []string{"major_decision"}, Write: []string{"major_decision"}})
		if _, _, err := s.Comments(ctx, other, r.ID); store.ErrorCode(err) != store.ENOTFOUND {
			t.Errorf("another org's clerk: %v", err)
		}
		_, comments, err := s.Comments(ctx, clerk, r.ID)
		if err != nil || len(comments) != 2 || comments[0].Name != "张三" || comments[0].Contact != "138****8000" || comments[1].Name != "" {
			t.Fatalf("the clerk's comments: %+v %v", comments, err)
		}
		var raw string
		if err := s.DB().QueryRowContext(ctx, `SELECT contact FROM public_comments WHERE id = `+strconv.FormatInt(comments[0].ID, 10)).Scan(&raw); err != nil ||
			strings.Contains(raw, "13800138000") || !strings.HasPrefix(raw, "enc:") {
			t.Errorf("the contact at rest: %q %v", raw, err)
		}
		clerkActor := store.Actor{Name: "clerk"}
		if err := s.DisposeComment(ctx, clerkActor, other, r.ID, comments[0].ID, "采纳", "理由"); store.ErrorCode(err) != store.ENOTFOUND {
			t.Errorf("another org disposes: %v", err)
		}
		if err := s.DisposeComment(ctx, clerkActor, clerk, r.ID, comments[0].ID, "采纳", ""); store.ErrorCode(err) != store.EINVALID {
			t.Errorf("no reason: %v", err)
		}
		if err := s.DisposeComment(ctx, clerkActor, clerk, r.ID, comments[0].ID, "采纳", "已在草案中增加夜间免费时段"); err != nil {
			t.Fatal(err)
		}
		if err := s.PublishFeedback(ctx, clerkActor, clerk, r.ID, "2025-04-09"); store.ErrorCode(err) != store.ECONFLICT {
			t.Errorf("published with a comment undisposed: %v", err)
		}
		if err := s.DisposeComment(ctx, clerkActor, clerk, r.ID, comments[1].ID, "不采纳", "标准经成本监审确定"); err != nil {
			t.Fatal(err)
		}
		if err := s.PublishFeedback(ctx, clerkActor, clerk, r.ID, "2025-04-08"); store.ErrorCode(err) != store.ECONFLICT {
			t.Errorf("published while the period runs: %v", err)
		}
		if err := s.PublishFeedback(ctx, clerkActor, clerk, r.ID, "2025-04-09"); err != nil {
			t.Fatal(err)
		}
		if err := s.DisposeComment(ctx, clerkActor, clerk, r.ID, comments[1].ID, "采纳", "改了"); store.ErrorCode(err) != store.ECONFLICT {
			t.Errorf("disposition changed after publication: %v", err)
		}
		c, pub, err := s.PublishedComments(ctx, r.ID, "2025-05-01")
		if err != nil || c.Published == "" || c.Open || len(pub) != 2 || pub[0].Name != "" || pub[0].Contact != "" || pub[1].Disposition != "不采纳" {
			t.Errorf("the published feedback: %+v %+v %v", c, pub, err)
		}
		entries, _, err := s.Audit(ctx, all(), store.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, e := range entries {
			seen[e.Action]++
			if strings.Contains(e.After, "13800138000") {
				t.Errorf("the audit holds the contact: %s", e.After)
			}
		}
		if seen["comment.submit"] != 2 || seen["comment.dispose"] != 2 || seen["comment.publish"] != 1 {
			t.Errorf("audited: %v", seen)
		}
	})
}

func orgPath(t *testing.T, s *store.Store, code string) string {
	t.Helper()
	o, err := s.Org(context.Background(), all(), code)
	if err != nil {
		t.Fatal(err)
	}
	return o.Path
}
