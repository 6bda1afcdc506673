package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fazhi/fazhi/internal/store"
)

// TestBrowserPhonePages: on the demo at 390 px the main pages — a list, a suspended
// reconsideration case (its clock text once grew the page to 1,550 px), the deadlines, 我的待办,
// the org tree — fit the screen: their tables scroll in their own box or collapse to cards.
func TestBrowserPhonePages(t *testing.T) {
	ctx := launchChromium(t, 150*time.Second)
	st, hs, _ := demoServer(t, true)
	suspended, _, err := st.List(context.Background(), systemScope(), store.Filter{Limit: 1,
		Query: store.Query{Kind: "reconsideration", Conds: []store.Cond{{Field: "stage", Op: store.OpEq, Value: "中止"}}}})
	if err != nil || len(suspended) == 0 {
		t.Fatalf("no suspended reconsideration case in the demo: %v", err)
	}
	shot := shooter(t, ctx, t.TempDir())
	browserLogin(t, ctx, hs.URL, "chief")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{
		"list":      "/records/reconsideration",
		"suspended": "/records/reconsideration/" + itoa(suspended[0].ID),
		"deadlines": "/deadlines",
		"my":        "/my",
		"orgs":      "/orgs",
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(hs.URL+path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if w := pageWidth(t, ctx); w > 390 {
			wide, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("main *")).filter(e => e.getBoundingClientRect().right > 391).slice(0, 3).map(e => e.tagName + "." + e.className + ": " + e.textContent.slice(0, 40)).join(" | ")`))
			t.Errorf("%s is %d px wide at 390 px: %s", path, w, wide)
		}
		if name == "suspended" {
			text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
			if !strings.Contains(text, "中止") {
				t.Errorf("the suspended case page: %q", text[:min(len(text), 300)])
			}
		}
		shot("phone-" + name + "-390.png")
	}
}
