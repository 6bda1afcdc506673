package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// TestBrowserLegalAid walks a 法律援助 application through the pages in Chromium as the centre's
// clerk would: register it, ask for materials (补充材料通知书; the review pauses), receive them
// (the seven working days run on without the supplement time), grant it — first without the
// 第42条 ground its 免予核查 needs, which is refused —, download the 给予法律援助决定书, assign a
// lawyer, start and close the case.
func TestBrowserLegalAid(t *testing.T) {
	ctx := launchChromium(t, 120*time.Second)
	e := newEnv(t, storetest.SQLite(t))
	const centre = "441481-FLYZ"
	if _, err := e.st.ImportOrgs(context.Background(), system, systemScope(), []store.OrgInput{
		{Code: centre, Name: "兴宁市法律援助中心", Type: "法律援助中心", ParentCode: cityCode}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.SaveUser(context.Background(), system, systemScope(), store.UserInput{Username: "fayuan", DisplayName: "法援中心",
		Role: auth.RoleClerk, OrgCode: centre, Kinds: []string{"legal_aid"}, PasswordHash: passwordHash()}); err != nil {
		t.Fatal(err)
	}
	base := e.srv.URL
	browserLogin(t, ctx, base, "fayuan")
	p := casePage{t, ctx}
	must, text, stage, step := p.must, p.text, p.stage, p.step

	code := "兴法援〔2026〕" + time.Now().Format("150405") + "号"
	must("new form", chromedp.Do(ctx, chromedp.Navigate(base+"/records/legal_aid/new"), chromedp.WaitVisible(chromedp.ID("f-code"))))
	must("fill form", chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("f-code"), code),
		chromedp.SetValue(chromedp.ID("f-org"), centre),
		chromedp.SetValue(chromedp.ID("f-applied_on"), "2026-03-02"),
		chromedp.SendKeys(chromedp.ID("f-client"), "李某"),
		chromedp.SetValue(chromedp.ID("f-source"), "申请"),
		chromedp.SetValue(chromedp.ID("f-case_type"), "劳动争议仲裁"),
		chromedp.SetValue(chromedp.ID("f-form"), "劳动仲裁代理"),
		chromedp.SetValue(chromedp.ID("f-decision"), "审查中")))
	_, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".record-form button[type=submit]")))
	must("register", err)
	stage("审查中")
	recURL, err := chromedp.Run(ctx, chromedp.Location())
	must("location", err)
	if c := text("#clocks"); !strings.Contains(c, "审查决定期限") || !strings.Contains(c, "法律援助法第43条") || !strings.Contains(c, "2026-03-11") {
		t.Errorf("review clock after registration (7 WD from 2026-03-02): %q", c)
	}

	// 补正: the review pauses while the applicant gathers the materials.
	step("request_materials", chromedp.SetValue(chromedp.ID("t-request_materials-supplement_requested_on"), "2026-03-03"),
		chromedp.SendKeys(chromedp.ID("t-request_materials-supplement_items"), "劳动关系证明材料"))
	stage("补正中")
	if c := text("#clocks"); !strings.Contains(c, "已暂停") {
		t.Errorf("clocks while materials are awaited: %q", c)
	}
	if n := text("#notices"); !strings.Contains(n, "补充材料通知书") {
		t.Errorf("notices while materials are awaited: %q", n)
	}
	// The materials arrive on 03-10: 03-03 was day 1, 03-04…03-10 are not counted, and the six
	// days left run 03-11 … 03-18.
	step("materials_received", chromedp.SetValue(chromedp.ID("t-materials_received-supplement_received_on"), "2026-03-10"))
	stage("审查中")
	if c := text("#clocks"); !strings.Contains(c, "2026-03-18") {
		t.Errorf("review clock after the materials (due 2026-03-18): %q", c)
	}

	// 给予 with 免予核查 but no ground is refused (第42条); with the ground it goes through.
	step("grant", chromedp.SetValue(chromedp.ID("t-grant-decided_on"), "2026-03-12"),
		chromedp.SetValue(chromedp.ID("t-grant-means_test"), "免予核查"))
	if a := text(".alert-error"); !strings.Contains(a, "第42条") {
		t.Errorf("免予核查 without a ground: %q", a)
	}
	must("back to the case", chromedp.Do(ctx, chromedp.Navigate(recURL), chromedp.WaitVisible(chromedp.ID("stage"))))
	stage("审查中")
	step("grant", chromedp.SetValue(chromedp.ID("t-grant-decided_on"), "2026-03-12"),
		chromedp.SetValue(chromedp.ID("t-grant-means_test"), "免予核查"),
		chromedp.SetValue(chromedp.ID("t-grant-waiver_ground"), law.WaiverGrounds[2]))
	stage("给予")
	if c := text("#clocks"); !strings.Contains(c, "指派期限") || !strings.Contains(c, "2026-03-16") {
		t.Errorf("assignment clock (3 days from 03-12, a Sunday → 03-16): %q", c)
	}
	// The 决定书 downloads as a .docx (a zip: "PK").
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const a = document.querySelector('#notices a[href$="/notices/legal_aid_grant.docx"]');
		if (!a) return "no link";
		const r = await fetch(a.href);
		const b = new Uint8Array(await r.arrayBuffer());
		return r.status + " " + r.headers.get("Content-Type") + " " + String.fromCharCode(b[0], b[1]) + " " + b.length;
	})()`, chromedp.EvalAwaitPromise))
	must("download 决定书", err)
	if f := strings.Fields(got); len(f) < 4 || f[0] != "200" || !strings.Contains(f[1], "wordprocessingml") || f[2] != "PK" {
		t.Errorf("给予法律援助决定书 download: %q", got)
	}

	step("assign", chromedp.SetValue(chromedp.ID("t-assign-assigned_on"), "2026-03-13"),
		chromedp.SendKeys(chromedp.ID("t-assign-handler"), "王某律师"),
		chromedp.SetValue(chromedp.ID("t-assign-handler_type"), "律师"),
		chromedp.SendKeys(chromedp.ID("t-assign-handler_years"), "6"))
	stage("已指派")
	if n := text("#notices"); !strings.Contains(n, "指派通知书") {
		t.Errorf("notices after assignment: %q", n)
	}
	step("start")
	stage("办理中")
	step("close", chromedp.SetValue(chromedp.ID("t-close-closed_on"), "2026-06-30"),
		chromedp.SetValue(chromedp.ID("t-close-outcome"), "调解"))
	stage("已结案")
	if h := text("h1"); !strings.Contains(h, "内容已锁定") {
		t.Errorf("the closed case does not say it is locked: %q", h)
	}
	if tl := text(".timeline"); !strings.Contains(tl, "通知补充材料") || !strings.Contains(tl, "决定给予") || !strings.Contains(tl, "指派承办人") || !strings.Contains(tl, "结案") {
		t.Errorf("timeline: %q", tl)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must("screenshot", err)
	saveScreenshot(t, "legal-aid.png", png)
	t.Log("browser legal-aid test ran: chromium")
}
