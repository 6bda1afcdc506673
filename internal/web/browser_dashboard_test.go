package web_test

import (
	"context"
	"fmt"
	"github.com/fazhi/fazhi/internal/indicators"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/demo"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
	"github.com/fazhi/fazhi/internal/web"
)

// launchChromium starts headless Chromium as TestBrowser does (same flags, 1280×900), or skips
// the test when there is none — and fails it when FAZHI_TEST_CHROMIUM=required (CI).
func launchChromium(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	exe := chromium()
	if exe == "" {
		if os.Getenv("FAZHI_TEST_CHROMIUM") == "required" {
			t.Fatal("FAZHI_TEST_CHROMIUM=required but no chromium is installed")
		}
		t.Skip("no chromium: browser test skipped")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "zh-CN"), chromedp.WindowSize(1280, 900))
	ctx, cancel := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

// browserLogin signs a user in through the login form.
func browserLogin(t *testing.T, ctx context.Context, base, user string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("username"))); err != nil {
		t.Fatalf("open login: %v", err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.ID("username"), user),
		chromedp.SendKeys(chromedp.ID("password"), password), chromedp.Click(chromedp.CSS(".login-form button"))); err != nil {
		t.Fatalf("log in %s: %v", user, err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".topbar"))); err != nil {
		t.Fatalf("after login: %v", err)
	}
}

// saveScreenshot keeps a screenshot in the test's temp dir, and in $FAZHI_SCREENSHOTS when set
// (the pictures the docs use).
// settledText reads an element's text once htmx has no request, swap or settle in flight, in one
// script: an element htmx swaps out between finding its node and reading it would otherwise fail
// the read ("No node with given id found").
func settledText(ctx context.Context, selector string) (string, error) {
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")`)); err != nil {
		return "", err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(`+strconv.Quote(selector)+`) || {textContent: ""}).textContent.trim()`))
}

func saveScreenshot(t *testing.T, name string, png []byte) {
	t.Helper()
	keepScreenshot(t, name, png)
	if out := os.Getenv("FAZHI_SCREENSHOTS"); out != "" {
		if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// keepScreenshot keeps a screenshot in the test's temp dir only (named in the log).
func keepScreenshot(t *testing.T, name string, png []byte) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// demoServer loads the 兴宁市 demo scenario into a fresh SQLite store and serves it, with a
// leader of the whole city ("chief") and a clerk of 宁中镇 who keeps its mediation ledger. With
// atAsOf the server's today is the day the demo data stands on (its open cases as they were then),
// else the real today.
func demoServer(t testing.TB, atAsOf bool) (*store.Store, *httptest.Server, demo.Summary) {
	t.Helper()
	ctx := context.Background()
	st := storetest.SQLite(t)
	sum, err := demo.Load(ctx, st, system, systemScope())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []store.UserInput{
		{Username: "chief", DisplayName: "刘局长", Role: auth.RoleLeader, OrgCode: sum.City},
		{Username: "towner", DisplayName: "宁中镇司法所", Role: auth.RoleClerk, OrgCode: sum.Town, Kinds: []string{"mediation"}},
	} {
		u.PasswordHash = passwordHash()
		if _, err := st.SaveUser(ctx, system, systemScope(), u); err != nil {
			t.Fatal(err)
		}
	}
	var now func() time.Time
	if atAsOf {
		day, err := time.ParseInLocation("2006-01-02 15:04", sum.AsOf+" 10:00", time.FixedZone("CST", 8*3600))
		if err != nil {
			t.Fatal(err)
		}
		now = func() time.Time { return day }
	}
	srv, err := web.New(web.Config{Store: st, Now: now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return st, hs, sum
}

// TestBrowserDashboard opens the city leader's dashboard on the demo data in Chromium (on the
// day the data stands on, 2025-03-31), checks
// that every chart drew (ECharts has data for it), saves a 1280×900 screenshot (the one in
// docs/dashboard.png: FAZHI_SCREENSHOTS=docs go test -run TestBrowserDashboard ./internal/web/),
// then clicks the biggest month bar of the first chart and checks that the list it opens counts
// as many records as the bar showed.
func TestBrowserDashboard(t *testing.T) {
	ctx := launchChromium(t, 120*time.Second)
	_, hs, _ := demoServer(t, true)
	base := hs.URL
	browserLogin(t, ctx, base, "chief")

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/?year=2024"),
		chromedp.WaitVisible(chromedp.CSS("#chart canvas"))); err != nil {
		t.Fatalf("dashboard: %v", err)
	}
	// Every chart element has an ECharts instance whose first series has data.
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".chart[data-chart]")).map(e => e.id)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) < 6 {
		t.Fatalf("charts on the dashboard: %v, want the three lines' months, types and towns", ids)
	}
	for _, id := range ids {
		js := fmt.Sprintf(`(() => { const el = document.getElementById(%q); const c = echarts.getInstanceByDom(el);
			return !!c && c.getOption().series[0].data.length > 0 && el.querySelector("canvas") !== null; })()`, id)
		if drew, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil || !drew {
			t.Errorf("chart %s did not draw (err %v)", id, err)
		}
	}
	// Let the animations finish before the picture.
	if err := chromedp.Do(ctx, chromedp.Sleep(1200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	saveScreenshot(t, "dashboard.png", png)
	full, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	keepScreenshot(t, "dashboard-full.png", full)

	// At 1366×768 the chief sees every line of work's headline figure without scrolling, and
	// the breakdowns the chief asks for: 复议 by 被申请人, the towns ranked by 调解成功率.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(base+"/?year=2024"),
		chromedp.WaitVisible(chromedp.CSS(".headlines"))); err != nil {
		t.Fatal(err)
	}
	type fold struct {
		Cards, Lines, Below int
		Charts              []string
	}
	f, err := chromedp.Run(ctx, chromedp.Evaluate[fold](`(() => ({
		cards: document.querySelectorAll(".headline").length,
		lines: document.querySelectorAll("section.line").length,
		below: Array.from(document.querySelectorAll(".headline")).filter(e => e.getBoundingClientRect().bottom > window.innerHeight).length,
		charts: Array.from(document.querySelectorAll(".chart[data-chart]")).map(e => e.id)}))()`))
	if err != nil {
		t.Fatal(err)
	}
	if f.Cards != f.Lines || f.Cards < 8 || f.Below != 0 {
		t.Errorf("at 1366×768: %d headline cards for %d lines, %d below the fold", f.Cards, f.Lines, f.Below)
	}
	for _, id := range []string{"chart-reconsideration-by-respondent", "chart-mediation-success_rate-rank"} {
		if !slices.Contains(f.Charts, id) {
			t.Errorf("dashboard lacks %s: %v", id, f.Charts)
		}
	}
	if png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
		t.Fatal(err)
	}
	keepScreenshot(t, "dashboard-1366x768.png", png)

	// The deadlines page the strip links to.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/deadlines"), chromedp.WaitVisible(chromedp.CSS("table"))); err != nil {
		t.Fatal(err)
	}
	// The first screen only: every line of work's clocks make the whole page too tall to capture.
	if png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
		t.Fatal(err)
	}
	keepScreenshot(t, "deadlines.png", png)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/?year=2024"), chromedp.WaitVisible(chromedp.CSS("#chart canvas"))); err != nil {
		t.Fatal(err)
	}

	// Click the biggest month of the first chart, where ECharts says the bar is.
	type barAt struct {
		Index int     `json:"index"`
		Value float64 `json:"value"`
		X     float64 `json:"x"`
		Y     float64 `json:"y"`
	}
	js := `(() => { const el = document.getElementById("chart"); const c = echarts.getInstanceByDom(el);
		const data = c.getOption().series[0].data; let i = 0;
		data.forEach((v, j) => { if (v !== null && v > data[i]) i = j; });
		const p = c.convertToPixel({seriesIndex: 0}, [i, data[i] / 2]); const r = el.getBoundingClientRect();
		return {index: i, value: data[i], x: r.left + p[0], y: r.top + p[1]}; })()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.getElementById("chart").scrollIntoView({block: "center"}), true)`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	bar, err := chromedp.Run(ctx, chromedp.Evaluate[barAt](js))
	if err != nil {
		t.Fatal(err)
	}
	if bar.Value <= 0 {
		t.Fatalf("the biggest month has %v records", bar.Value)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.MouseClickXY(bar.X, bar.Y)); err != nil {
		t.Fatalf("click the bar of month %d: %v", bar.Index+1, err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("total"))); err != nil {
		t.Fatalf("drill-down page: %v", err)
	}
	total, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("total")))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	banner, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".banner-info")))
	month := fmt.Sprintf("2024-%02d-01", bar.Index+1)
	// The chart is the first line's first series (the kinds' order): its figure and label.
	first, _ := indicators.Lookup(indicators.Lines()[0].Trend[0])
	if !strings.Contains(loc, "indicator="+first.ID) || !strings.Contains(loc, "from="+month) {
		t.Errorf("the bar of month %d opened %s", bar.Index+1, loc)
	}
	if total != strconv.FormatFloat(bar.Value, 'f', -1, 64) {
		t.Errorf("the bar of month %d shows %v, the list it opens counts %s", bar.Index+1, bar.Value, total)
	}
	if !strings.Contains(banner, first.Label) || !strings.Contains(banner, month) {
		t.Errorf("drill-down banner: %q", banner)
	}
	t.Logf("month %d: bar %v = list %s (%s)", bar.Index+1, bar.Value, total, loc)
	t.Log("browser dashboard test ran: chromium")
}
