package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fazhi/fazhi/internal/storetest"
)

// TestBrowserSearchAndPhoneMenu: at 1440 px the header's search box finds a record by a
// two-character name; at 390 px the sidebar is behind the 菜单 button, whose menu holds the
// search box, and the results collapse to cards that fit the screen.
func TestBrowserSearchAndPhoneMenu(t *testing.T) {
	ctx := launchChromium(t, 90*time.Second)
	e := newEnv(t, storetest.SQLite(t))
	base, dir := e.srv.URL, t.TempDir()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		must("screenshot", err)
		p := filepath.Join(dir, name)
		must("write screenshot", os.WriteFile(p, png, 0o644))
		t.Logf("screenshot: %s", p)
		if out := os.Getenv("FAZHI_SCREENSHOTS"); out != "" {
			must("copy screenshot", os.WriteFile(filepath.Join(out, name), png, 0o644))
		}
	}
	browserLogin(t, ctx, base, "leader-all")

	must("wide", chromedp.Do(ctx, chromedp.EmulateViewport(1440, 900), chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(".topsearch input"))))
	_, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.CSS(".topsearch input"), "王五\n"))
	must("search from the header", err)
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	must("results", err)
	if !strings.Contains(text, "M-OWN") || !strings.Contains(text, "人民调解") || !strings.Contains(text, "调解员：王五") {
		t.Errorf("results at 1440 px: %q", text)
	}
	shot("search-1440.png")

	must("narrow", chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(".menu-toggle"))))
	if w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); err != nil || w > 390 {
		t.Errorf("the dashboard is %d px wide at 390 px (%v)", w, err)
	}
	shot("dashboard-390.png")
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector(".sidebar")).display === "none"`))
	must("sidebar", err)
	if !hidden {
		t.Error("at 390 px the sidebar shows before the menu is opened")
	}
	must("open the menu", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".menu-toggle")), chromedp.WaitVisible(chromedp.CSS(".navsearch input"))))
	shot("menu-390.png")
	_, err = chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.CSS(".navsearch input"), "张三\n"))
	must("search from the menu", err)
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	must("width", err)
	if width > 390 {
		t.Errorf("results page is %d px wide at 390 px", width)
	}
	text, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	must("results", err)
	for _, code := range []string{"M-OWN", "M-SIB", "M-PAR"} {
		if !strings.Contains(text, code) {
			t.Errorf("results at 390 px lack %s: %q", code, text)
		}
	}
	shot("search-390.png")
}

// TestBrowserOrgPicker: at 1440 and 390 px the committee picker suggests orgs as one types
// (htmx fills its datalist with the orgs the user may choose).
func TestBrowserOrgPicker(t *testing.T) {
	ctx := launchChromium(t, 90*time.Second)
	e := newEnv(t, storetest.SQLite(t))
	base := e.srv.URL
	browserLogin(t, ctx, base, "clerk")
	for _, width := range []int64{1440, 390} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(base+"/records/mediation/new"),
			chromedp.WaitVisible(chromedp.ID("f-committee")), chromedp.Clear(chromedp.ID("f-committee")),
			chromedp.SendKeys(chromedp.ID("f-committee"), "甲镇"),
			chromedp.WaitReady(chromedp.CSS(`#f-committee-list option`))); err != nil {
			t.Fatalf("%d px: typing in the picker: %v", width, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#f-committee-list option")).map(o => o.value)`))
		if err != nil || len(got) != 1 || got[0] != "甲镇人民调解委员会" {
			t.Errorf("%d px: suggestions %v (%v)", width, got, err)
		}
	}
}
