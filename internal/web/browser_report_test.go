package web_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// TestBrowserReport drives the annual report in headless Chromium: the city's leader opens the
// 2024 report, reads the figure 调解矛盾纠纷, clicks it, and the records list it leads to must
// count exactly that many records; the outline editor's live preview (htmx under the CSP) names
// an unknown indicator as it is typed. Screenshots of the workbench, the report, the list and
// the editor go to the test's temp dir (and $FAZHI_SCREENSHOTS when set).
func TestBrowserReport(t *testing.T) {
	ctx := launchChromium(t, 90*time.Second)
	e := newEnv(t, storetest.SQLite(t))
	seedReportYear(t, e, 2024)

	base := e.srv.URL
	dir := t.TempDir()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	save := func(name string, png []byte) {
		t.Helper()
		p := filepath.Join(dir, name)
		must("write screenshot", os.WriteFile(p, png, 0o644))
		t.Logf("screenshot: %s", p)
		if out := os.Getenv("FAZHI_SCREENSHOTS"); out != "" {
			must("copy screenshot", os.WriteFile(filepath.Join(out, name), png, 0o644))
		}
	}

	must("open login", chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("username"))))
	_, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.ID("username"), "director"),
		chromedp.SendKeys(chromedp.ID("password"), password), chromedp.Click(chromedp.CSS(".login-form button")))
	must("log in", err)
	must("signed in", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".topbar"))))

	// The workbench: the check list, the versions and the report in its frame.
	query := "org=" + cityCode + "&year=2024"
	must("workbench", chromedp.Do(ctx, chromedp.Navigate(base+"/reports?"+query), chromedp.WaitVisible(chromedp.ID("checks")),
		chromedp.WaitVisible(chromedp.CSS("iframe.report-frame")), chromedp.Sleep(500*time.Millisecond)))
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must("workbench screenshot", err)
	save("report-workbench.png", png)
	// The frame really shows the report: its stylesheet runs under the frame's own policy.
	framed, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`(function(){var d=document.querySelector("iframe.report-frame").contentDocument;`+
			`var p=d&&d.querySelector("main.page");return p?getComputedStyle(p).width+"|"+d.title:"";})()`))
	must("read the frame", err)
	if !strings.HasSuffix(framed, "|兴宁市2024年法治政府建设年度报告") || strings.HasPrefix(framed, "auto") || framed == "" {
		t.Fatalf("the framed report did not render styled: %q", framed)
	}
	// A figure in the frame opens its records in the top window (the records pages refuse to be
	// framed, so a link that stayed in the frame would show nothing).
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](
		`document.querySelector("iframe.report-frame").contentDocument.querySelector('a.fig[data-id="mediation.cases"]').click() || true`))
	must("click a figure in the frame", err)
	must("records list in the top window", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("total"))))
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || !strings.Contains(loc, "/records/mediation?") {
		t.Fatalf("after clicking in the frame the top window is at %q (%v)", loc, err)
	}

	// The report on its own: read the figure, click it.
	fig := `a.fig[data-id="mediation.cases"]`
	must("report", chromedp.Do(ctx, chromedp.Navigate(base+"/reports/view?"+query), chromedp.WaitVisible(chromedp.CSS(fig))))
	png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must("report screenshot", err)
	save("report-view.png", png)
	figure, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(fig)))
	must("figure", err)
	want, err := strconv.Atoi(strings.TrimSpace(figure))
	if err != nil || want < 40 {
		t.Fatalf("mediation.cases in the report is %q", figure)
	}
	_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(fig)))
	must("click the figure", err)
	must("records list", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("total"))))
	total, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("total")))
	must("total", err)
	note, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".banner-info")))
	must("drill-down note", err)
	loc, err := chromedp.Run(ctx, chromedp.Location())
	must("location", err)
	if strings.TrimSpace(total) != strconv.Itoa(want) {
		t.Errorf("the report says %d, the list it links to (%s) counts %s", want, loc, total)
	}
	for _, s := range []string{"调解矛盾纠纷", "2024-01-01 至 2024-12-31", "兴宁市及其全部下级单位", "受理日期在统计期内"} {
		if !strings.Contains(note, s) {
			t.Errorf("drill-down note %q lacks %q", note, s)
		}
	}
	png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must("list screenshot", err)
	save("report-drilldown.png", png)

	// The outline editor: type an unknown indicator, the preview names it (htmx, CSRF header).
	area := `textarea[name="new.intro"]`
	must("outline editor", chromedp.Do(ctx, chromedp.Navigate(base+"/reports/outline?"+query),
		chromedp.WaitVisible(chromedp.CSS(".outline-form")),
		chromedp.Click(chromedp.CSS(".outline-sec .add-block summary")), chromedp.WaitVisible(chromedp.CSS(area)),
		chromedp.SendKeys(chromedp.CSS(area), "全年调解{mediation.cases}件，另有{mediation.bogus}件。"),
		chromedp.WaitVisible(chromedp.CSS(".add-block .preview-error mark"))))
	msg, err := settledText(ctx, ".add-block .preview-error")
	must("preview error", err)
	if !strings.Contains(msg, "mediation.bogus") || !strings.Contains(msg, "第 26 个字符处") {
		t.Errorf("live preview: %q", msg)
	}
	png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must("outline screenshot", err)
	save("report-outline.png", png)
	t.Log("browser report test ran: chromium")
}

// seedReportYear gives the city a year of mediation cases across its committees (deterministic)
// and a leader for the whole city, "director".
func seedReportYear(t *testing.T, e *env, year int) {
	t.Helper()
	ctx := context.Background()
	if _, err := e.st.SaveUser(ctx, system, systemScope(), store.UserInput{Username: "director", DisplayName: "陈局长",
		Role: auth.RoleLeader, OrgCode: cityCode, PasswordHash: passwordHash()}); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(year), 7))
	types := law.Mediation.Fields[3].Values
	comms := []string{ownComm, siblingComm, parentComm}
	var rows []store.ImportRow
	for i := range 57 {
		acc := time.Date(year, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		v := law.Values{"code": fmt.Sprintf("R%d-%03d", year, i), "committee": comms[i%3], "accepted_on": acc.Format("2006-01-02"),
			"dispute_type": types[rng.IntN(len(types))], "mediator": "调解员"}
		if rng.IntN(10) < 9 {
			v["result"], v["agreement_form"], v["closed_on"] = "成功", "书面", acc.AddDate(0, 0, 5+rng.IntN(10)).Format("2006-01-02")
		} else {
			v["result"], v["closed_on"] = "不成功", acc.AddDate(0, 0, 12).Format("2006-01-02")
		}
		rows = append(rows, store.ImportRow{Line: i + 2, Values: v})
	}
	// Cases of the year before and after must not be counted.
	for i, d := range []string{fmt.Sprintf("%d-12-31", year-1), fmt.Sprintf("%d-01-01", year+1)} {
		rows = append(rows, store.ImportRow{Line: 100 + i, Values: law.Values{"code": fmt.Sprintf("R-EDGE-%d", i),
			"committee": parentComm, "accepted_on": d, "dispute_type": types[0], "result": "调解中"}})
	}
	if _, _, err := e.st.ImportRecords(ctx, system, systemScope(), "mediation", rows, false); err != nil {
		t.Fatal(err)
	}
}
