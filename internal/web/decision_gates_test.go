package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 重大行政决策程序暂行条例: a decision cannot go to 集体讨论 after a public comment period of 20
// days with no reason for shortening it (第15条), nor before a legality review that did not
// refuse (第25条). The form, the API and a ledger import refuse alike, each naming the article,
// and the record is left as it was.
func TestDecisionGatesRefuseEverywhere(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		u := store.UserInput{Username: "fzclerk", DisplayName: "法治股", Role: auth.RoleClerk, OrgCode: townA,
			Kinds: []string{"major_decision"}, PasswordHash: passwordHash()}
		if _, err := e.st.SaveUser(ctx, system, systemScope(), u); err != nil {
			t.Fatal(err)
		}
		c := e.login(t, "fzclerk")
		base := func(code, from, to string) law.Values {
			return law.Values{"code": code, "org": townA, "matter": "城区停车设施建设方案", "undertaker": "住建局",
				"comment_from": from, "comment_to": to, "review_submitted_on": "2024-05-06", "stage": "合法性审查"}
		}
		short := base("JC-SHORT", "2024-04-01", "2024-04-20") // 20 days
		short["review_on"], short["review_conclusion"] = "2024-05-20", "同意"
		unreviewed := base("JC-NOREVIEW", "2024-03-01", "2024-04-05")
		refused := base("JC-REFUSED", "2024-03-01", "2024-04-05")
		refused["review_on"], refused["review_conclusion"] = "2024-05-20", law.ReviewRefused
		for _, tc := range []struct {
			v       law.Values
			article string
		}{{short, "第15条"}, {unreviewed, "第25条"}, {refused, "第25条"}} {
			t.Run(tc.v.Str("code"), func(t *testing.T) {
				c.t = t
				rec, err := e.st.CreateRecord(ctx, system, systemScope(), "major_decision", tc.v)
				if err != nil {
					t.Fatal(err)
				}
				discussion := map[string]string{"discussed_on": "2024-05-28", "meeting_type": "常务会议"}
				form := url.Values{"version": {fmt.Sprint(rec.Version)}}
				for k, x := range discussion {
					form.Set(k, x)
				}
				status, page := c.submit(fmt.Sprintf("/records/major_decision/%d/transitions/discuss", rec.ID), form)
				if status != http.StatusUnprocessableEntity || !strings.Contains(page, tc.article) {
					t.Errorf("the form: %d, want 422 naming %s: %s", status, tc.article, snippet(page))
				}
				status, body := c.api(http.MethodPost, fmt.Sprintf("/api/v1/records/major_decision/%d/transitions/discuss", rec.ID),
					map[string]any{"version": rec.Version, "inputs": discussion}, false)
				if status != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(body), tc.article) {
					t.Errorf("the API: %d, want 422 naming %s: %v", status, tc.article, body)
				}
				row := law.Values{}
				for k, x := range tc.v {
					row[k] = x
				}
				row["code"], row["stage"] = tc.v.Str("code")+"-IMP", "集体讨论"
				for k, x := range discussion {
					row[k] = x
				}
				_, rowErrs, err := e.st.ImportRecords(ctx, system, systemScope(), "major_decision", []store.ImportRow{{Line: 2, Values: row}}, false)
				if err == nil || !strings.Contains(fmt.Sprint(rowErrs, err), tc.article) {
					t.Errorf("the import: %v %v, want a refusal naming %s", rowErrs, err, tc.article)
				}
				now, err := e.st.Record(ctx, systemScope(), rec.ID)
				if err != nil || now.Version != rec.Version || now.Status != "合法性审查" {
					t.Errorf("a refused step changed the record: %+v %v", now, err)
				}
			})
		}
		// With a reason for the short period, the same step goes through (第15条: 予以说明).
		short2 := base("JC-REASON", "2024-04-01", "2024-04-20")
		short2["review_on"], short2["review_conclusion"], short2["shorten_reason"] = "2024-05-20", "同意", "防汛工程情况紧急"
		rec, err := e.st.CreateRecord(ctx, system, systemScope(), "major_decision", short2)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.Transition(ctx, system, systemScope(), rec.ID, rec.Version, "discuss",
			law.Values{"discussed_on": "2024-05-28", "meeting_type": "常务会议"}); err != nil {
			t.Errorf("a shortened period with its reason is refused: %v", err)
		}
	})
}
