package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 发证 needs an earlier 考试通过, and certificates are for serving staff (广东省行政执法证件管理办法
// 第4、6条; law.History). Entered now through the form or the API, a 发证 of an officer with no
// pass is refused with the field and the rule; the same line in an imported ledger is kept and
// its page flags it. An officer who left with a certificate not 注销 is flagged on the
// officer's page, and no longer once the 注销 is recorded.
func TestCertificateHistoryRefusedOnEntryFlaggedOnImport(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		u := store.UserInput{Username: "zzclerk", DisplayName: "执法监督股", Role: auth.RoleClerk, OrgCode: townA,
			Kinds: []string{"officer", "certificate_event"}, PasswordHash: passwordHash()}
		if _, err := e.st.SaveUser(ctx, system, systemScope(), u); err != nil {
			t.Fatal(err)
		}
		e.importRows(t, "officer",
			law.Values{"code": "ZF-1", "name": "王执法", "org": townA},
			law.Values{"code": "ZF-2", "name": "李执法", "org": townA},
			law.Values{"code": "ZF-3", "name": "赵执法", "org": townA, "service": "调离", "left_on": "2024-03-01"})
		// The ledger of the past: ZF-1's certificate without its pass is kept.
		e.importRows(t, "certificate_event",
			law.Values{"code": "OLD-1", "officer": "ZF-1", "org": townA, "event": "发证", "on": "2019-02-01", "cert_no": "粤1", "valid_until": "2024-01-31"},
			law.Values{"code": "P3", "officer": "ZF-3", "org": townA, "event": "考试通过", "on": "2022-01-05"},
			law.Values{"code": "I3", "officer": "ZF-3", "org": townA, "event": "发证", "on": "2022-02-01", "cert_no": "粤3", "valid_until": "2027-01-31"})
		c := e.login(t, "zzclerk")
		page := func(code string) string {
			t.Helper()
			kind := "certificate_event"
			if strings.HasPrefix(code, "ZF-") {
				kind = "officer"
			}
			list, _, err := e.st.List(ctx, systemScope(), store.Filter{Query: store.Query{Kind: kind, Text: code}})
			if err != nil || len(list) != 1 {
				t.Fatalf("%s: %v %v", code, list, err)
			}
			status, body := c.get("/records/" + kind + "/" + strconv.FormatInt(list[0].ID, 10))
			if status != http.StatusOK {
				t.Fatalf("%s: %d", code, status)
			}
			flags, _, _ := strings.Cut(section(body, `id="history-flags"`), "</div>")
			return flags
		}
		if flags := page("OLD-1"); !strings.Contains(flags, "请先登记其考试通过") || !strings.Contains(flags, "第4、6条") {
			t.Errorf("imported 发证 without a pass is not flagged: %q", flags)
		}
		if flags := page("ZF-3"); !strings.Contains(flags, "离岗未注销执法证") {
			t.Errorf("a leaver's certificate not 注销 is not flagged: %q", flags)
		}
		if flags := page("ZF-1"); flags != "" {
			t.Errorf("a serving officer is flagged: %q", flags)
		}

		issue := url.Values{"code": {"NEW-2"}, "officer": {"ZF-2"}, "org": {townA}, "event": {"发证"}, "on": {"2024-05-06"},
			"cert_no": {"粤2"}, "valid_until": {"2029-05-05"}}
		status, body := c.submit("/records/certificate_event/new", issue)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "发证须在考试通过之后") || !strings.Contains(body, "第4、6条") {
			t.Fatalf("form 发证 without a pass: %d %s", status, snippet(body))
		}
		values := map[string]any{"code": "NEW-2", "officer": "ZF-2", "org": townA, "event": "发证", "on": "2024-05-06",
			"cert_no": "粤2", "valid_until": "2029-05-05"}
		status, out := c.api("POST", "/api/v1/records/certificate_event", map[string]any{"values": values}, false)
		if status != http.StatusUnprocessableEntity || out["error"].(map[string]any)["field"] != "event" {
			t.Fatalf("API 发证 without a pass: %d %v", status, out)
		}
		// With the pass recorded first, the same 发证 is taken.
		pass := map[string]any{"code": "PASS-2", "officer": "ZF-2", "org": townA, "event": "考试通过", "on": "2024-04-10"}
		if status, out := c.api("POST", "/api/v1/records/certificate_event", map[string]any{"values": pass}, false); status != http.StatusCreated {
			t.Fatalf("pass: %d %v", status, out)
		}
		if status, body := c.submit("/records/certificate_event/new", issue); status != http.StatusSeeOther {
			t.Fatalf("form 发证 after the pass: %d %s", status, snippet(body))
		}
		// 第6条: no 年审 after the holder left, through the API.
		review := map[string]any{"code": "R3", "officer": "ZF-3", "org": townA, "event": "年审", "on": "2024-06-01"}
		status, out = c.api("POST", "/api/v1/records/certificate_event", map[string]any{"values": review}, false)
		if status != http.StatusUnprocessableEntity || out["error"].(map[string]any)["field"] != "on" {
			t.Fatalf("API 年审 after leaving: %d %v", status, out)
		}
		// The old line stays editable (its flag is not a new breach); the 注销 clears the leaver's flag.
		revoke := map[string]any{"code": "X3", "officer": "ZF-3", "org": townA, "event": "注销", "on": "2024-03-05"}
		if status, out := c.api("POST", "/api/v1/records/certificate_event", map[string]any{"values": revoke}, false); status != http.StatusCreated {
			t.Fatalf("注销: %d %v", status, out)
		}
		if flags := page("ZF-3"); flags != "" {
			t.Errorf("the leaver is still flagged after the 注销: %q", flags)
		}
		list, _, _ := e.st.List(ctx, systemScope(), store.Filter{Query: store.Query{Kind: "certificate_event", Text: "OLD-1"}})
		edit := map[string]any{"code": "OLD-1", "officer": "ZF-1", "org": townA, "event": "发证", "on": "2019-02-01", "cert_no": "粤0001",
			"valid_until": "2024-01-31"}
		if status, out := c.api("PUT", "/api/v1/records/certificate_event/"+strconv.FormatInt(list[0].ID, 10),
			map[string]any{"version": 1, "values": edit}, false); status != http.StatusOK {
			t.Fatalf("editing the flagged line of the past: %d %v", status, out)
		}
	})
}
