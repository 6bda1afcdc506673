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
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/demo"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
	"github.com/fazhi/fazhi/internal/web"
)

var memberFormRe = regexp.MustCompile(`action="(/records/normative_cleanup/[0-9]+/members/([0-9]+))"[^>]*>\s*<input type="hidden" name="csrf" value="[^"]*"><input type="hidden" name="version" value="([0-9]+)">`)

// A cleanup campaign over the demo's documents in force, through its page: every document in
// force is listed as still to be concluded; one is repealed, one declared void, one to be
// amended and the rest kept, each with its reason through the document's own 清理 step; the
// statuses change, the 清理结果 notice lists each document under its conclusion, and
// normative.in_force and normative.cleaned follow.
func TestCleanupCampaignOverTheDemo(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	if _, err := demo.Load(ctx, st, system, systemScope()); err != nil {
		t.Fatal(err)
	}
	old, err := st.ListAll(ctx, systemScope(), store.Filter{Query: store.Query{Kind: "normative_cleanup"}})
	if err != nil || len(old) == 0 {
		t.Fatalf("the demo's campaign: %v %v", old, err)
	}
	office := old[0].OrgCode
	camp, err := st.CreateRecord(ctx, system, systemScope(), "normative_cleanup", law.Values{"code": "QL2025-01", "org": office,
		"name": "2025年度行政规范性文件集中清理", "started_on": "2025-04-01", "scope": "截至2025年3月31日现行有效的规范性文件"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveUser(ctx, system, systemScope(), store.UserInput{Username: "fazhigu", DisplayName: "法治调研督察股", Role: auth.RoleClerk,
		OrgCode: office, Kinds: []string{"normative_doc", "normative_cleanup"}, PasswordHash: passwordHash()}); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return time.Date(2025, 4, 15, 3, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	e := &env{st: st, srv: hs, ids: map[string]int64{}}
	clerk := e.login(t, "fazhigu")

	const from, to = "2025-01-01", "2025-04-15"
	figures := func() (inForce, cleaned float64) {
		t.Helper()
		res, err := indicators.ComputeIDs(ctx, st, systemScope(), office, from, to, []string{"normative.in_force", "normative.cleaned"})
		if err != nil {
			t.Fatal(err)
		}
		f, _ := res.Get("normative.in_force")
		c, _ := res.Get("normative.cleaned")
		return f.Value, c.Value
	}
	inForce0, cleaned0 := figures()
	page := "/records/normative_cleanup/" + itoa(camp.ID)
	status, body := clerk.get(page)
	forms := memberFormRe.FindAllStringSubmatch(body, -1)
	if status != 200 || len(forms) == 0 {
		t.Fatalf("the campaign page: %d, %d documents to conclude\n%s", status, len(forms), snippet(body))
	}
	conclusions := map[string]string{"repeal": "已废止", "declare_void": "已失效", "amend": "已修改"}
	steps := []string{"repeal", "declare_void", "amend"}
	var counted float64 // documents leaving force that normative.in_force counted
	want := map[int64]string{}
	for i, f := range forms {
		step := "keep"
		if i < len(steps) {
			step = steps[i]
		}
		id := atoi(t, f[2])
		doc, err := st.Record(ctx, systemScope(), id)
		if err != nil {
			t.Fatal(err)
		}
		if step != "keep" && doc.Values.Str("valid_until") > to {
			counted++
		}
		if status, body := clerk.submit(f[1], url.Values{"version": {f[3]}, "step": {step}, "cleanup_on": {to},
			"cleanup_reason": {"经评估：" + step}}); status != http.StatusSeeOther {
			t.Fatalf("%s on %s: %d %s", step, doc.Code, status, snippet(body))
		}
		want[id] = map[bool]string{true: conclusions[step], false: "有效"}[step != "keep"]
	}
	for id, s := range want {
		if r, _ := st.Record(ctx, systemScope(), id); r.Status != s || r.Values.Str("cleanup_campaign") != "QL2025-01" {
			t.Errorf("document %s: %s (campaign %q), want %s", r.Code, r.Status, r.Values.Str("cleanup_campaign"), s)
		}
	}
	inForce1, cleaned1 := figures()
	if inForce1 != inForce0-counted || cleaned1 != cleaned0+float64(len(forms)) {
		t.Errorf("normative.in_force %v → %v (want −%v), normative.cleaned %v → %v (want +%d)", inForce0, inForce1, counted, cleaned0, cleaned1, len(forms))
	}
	if _, body := clerk.get(page); len(memberFormRe.FindAllString(body, -1)) != 0 || !strings.Contains(body, "经评估：repeal") {
		t.Errorf("the campaign page after: %s", snippet(body))
	}
	req, _ := http.NewRequest(http.MethodGet, hs.URL+page+"/notices/normative_cleanup_result.docx", nil)
	status, raw, _ := clerk.do(req)
	x := docxXML(t, []byte(raw))
	kept := len(forms) - len(steps)
	for _, s := range []string{"关于公布2025年度行政规范性文件集中清理结果的通知", "共清理文件" + itoa(int64(len(forms))) + "件",
		"一、继续有效的文件（" + itoa(int64(kept)) + "件）", "二、修改的文件（1件）", "三、废止的文件（1件）", "四、宣布失效的文件（1件）", "经评估：declare_void"} {
		if status != 200 || !strings.Contains(x, s) {
			t.Errorf("the notice lacks %q (%d)", s, status)
		}
	}
}

func atoi(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
