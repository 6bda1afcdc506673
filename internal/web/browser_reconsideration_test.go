package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fazhi/fazhi/internal/storetest"
)

// TestBrowserReconsideration walks a 行政复议 case through the pages in Chromium as the office's
// clerk would: register the application, 受理, 中止审理 (with its 第39条 ground), 恢复审理, 作出
// 复议决定. After each step the stage on the page is checked; after the decision the case is
// locked, and an edit is refused. The record page is saved as a screenshot.
func TestBrowserReconsideration(t *testing.T) {
	ctx := launchChromium(t, 120*time.Second)
	e := newEnv(t, storetest.SQLite(t))
	addReconOffice(t, e)
	base := e.srv.URL
	browserLogin(t, ctx, base, "fuyi")
	p := casePage{t, ctx}
	must, text, stage, step := p.must, p.text, p.stage, p.step

	// Register the application through the form generated from the kind.
	code := "兴府复〔2026〕" + time.Now().Format("150405") + "号"
	must("new form", chromedp.Do(ctx, chromedp.Navigate(base+"/records/reconsideration/new"), chromedp.WaitVisible(chromedp.ID("f-code"))))
	must("fill form", chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("f-code"), code),
		chromedp.SetValue(chromedp.ID("f-org"), fyOffice),
		chromedp.SetValue(chromedp.ID("f-received_on"), "2026-03-02"),
		chromedp.SetValue(chromedp.ID("f-application_form"), "书面"),
		chromedp.SendKeys(chromedp.ID("f-applicants"), "陈某"),
		chromedp.SendKeys(chromedp.ID("f-respondent"), "兴宁市市场监督管理局"),
		chromedp.SetValue(chromedp.ID("f-act_type"), "行政处罚"),
		chromedp.SetValue(chromedp.ID("f-acceptance"), "审查中")))
	_, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".record-form button[type=submit]")))
	must("register", err)
	stage("审查中")
	if h := text("h1"); !strings.Contains(h, code) {
		t.Fatalf("heading %q", h)
	}
	if c := text("#clocks"); !strings.Contains(c, "受理审查期限") || !strings.Contains(c, "行政复议法第30条") {
		t.Errorf("clocks after registration: %q", c)
	}

	// 受理 under the ordinary procedure.
	step("accept", chromedp.SetValue(chromedp.ID("t-accept-accepted_on"), "2026-03-04"),
		chromedp.SetValue(chromedp.ID("t-accept-procedure"), "普通"))
	stage("审理中")
	if c := text("#clocks"); !strings.Contains(c, "复议决定期限") || !strings.Contains(c, "2026-05-06") {
		t.Errorf("decision period after acceptance (60 ND from 2026-03-04, 5-03 a Sunday of 劳动节 → 5-06): %q", c)
	}

	// 中止审理: the form offers the ten grounds of 第39条.
	must("open suspend", chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#t-suspend summary")), chromedp.WaitVisible(chromedp.ID("t-suspend-suspension_ground"))))
	grounds, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#t-suspend-suspension_ground option[value^='（']").length`))
	must("grounds", err)
	if grounds != 10 {
		t.Errorf("the suspension form offers %d grounds, want the ten of 第39条", grounds)
	}
	must("fill suspend", chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("t-suspend-suspended_on"), "2026-03-20"),
		chromedp.SetValue(chromedp.ID("t-suspend-suspension_ground"), "（八）需要以其他案件的审理结果为依据")))
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must("screenshot", err)
	keepScreenshot(t, "reconsideration-suspend.png", png)
	_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("#t-suspend button[type=submit]")))
	must("suspend", err)
	stage("中止")
	if c := text("#clocks"); !strings.Contains(c, "已暂停") || !strings.Contains(c, "2026-03-20") {
		t.Errorf("clocks while suspended: %q", c)
	}
	if n := text("#notices"); !strings.Contains(n, "中止审理通知书") {
		t.Errorf("notices while suspended: %q", n)
	}
	if href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('#notices a[href$="/notices/suspension.docx"]') || {}).href || ""`)); err != nil || href == "" {
		t.Errorf("no download link for 中止审理通知书 (err %v)", err)
	}

	// 延期审理 refuses more than thirty days, keeping the form open with the reason.
	step("extend", chromedp.SetValue(chromedp.ID("t-extend-extension_days"), "45"),
		chromedp.SetValue(chromedp.ID("t-extend-extension_approved_on"), "2026-03-25"))
	if a := text(".alert-error"); !strings.Contains(a, "延期审理") || !strings.Contains(a, "30") {
		t.Errorf("extension of 45 days: %q", a)
	}
	stage("中止")

	// 恢复审理, then 作出复议决定.
	step("resume", chromedp.SetValue(chromedp.ID("t-resume-resumed_on"), "2026-04-10"))
	stage("审理中")
	// No 申请书副本 was recorded as sent: the decision warns first (第48条) and needs the clerk's
	// acknowledgement.
	if w, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("#t-decide .alert-warn") || {}).textContent || ""`)); err != nil ||
		!strings.Contains(w, "第48条") {
		t.Errorf("no warning before deciding without the copy sent: %q (%v)", w, err)
	}
	step("decide", chromedp.SetValue(chromedp.ID("t-decide-closed_on"), "2026-04-28"),
		chromedp.SetValue(chromedp.ID("t-decide-outcome"), "撤销"),
		chromedp.Click(chromedp.CSS(`#t-decide input[name="acknowledge"]`)))
	stage("已审结")
	if f := text(".flash"); !strings.Contains(f, "作出复议决定") {
		t.Errorf("flash after the decision: %q", f)
	}
	if h := text("h1"); !strings.Contains(h, "内容已锁定") {
		t.Errorf("the decided case does not say it is locked: %q", h)
	}
	edit, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.actions a[href$="/edit"]').length`))
	if err != nil || edit != 0 {
		t.Errorf("the decided case still offers 修改 (%d, %v)", edit, err)
	}
	if tl := text(".timeline"); !strings.Contains(tl, "中止审理") || !strings.Contains(tl, "恢复审理") || !strings.Contains(tl, "作出复议决定") {
		t.Errorf("timeline: %q", tl)
	}
	png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must("screenshot", err)
	saveScreenshot(t, "reconsideration.png", png)
	recURL, err := chromedp.Run(ctx, chromedp.Location())
	must("location", err)

	// The decision locked the case: an edit through the form is refused and changes nothing.
	must("edit form", chromedp.Do(ctx, chromedp.Navigate(recURL+"/edit"), chromedp.WaitVisible(chromedp.ID("f-respondent"))))
	must("change", chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("f-respondent"), "兴宁市公安局")))
	_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".record-form button[type=submit]")))
	must("submit edit", err)
	if a := text(".alert-error"); !strings.Contains(a, "内容已锁定") {
		t.Errorf("editing a decided case: %q", a)
	}
	must("back", chromedp.Do(ctx, chromedp.Navigate(recURL), chromedp.WaitVisible(chromedp.ID("stage"))))
	stage("已审结")
	if f := text(".fields"); !strings.Contains(f, "兴宁市市场监督管理局") || strings.Contains(f, "兴宁市公安局") {
		t.Errorf("the refused edit changed the case: %q", f)
	}
	t.Log("browser reconsideration test ran: chromium")
}
