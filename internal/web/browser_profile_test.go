package web_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserProfile opens the ranking of the enforcement units on the demo data (2024, by late
// publications), follows the first unit to its profile page, then its late-publication figure to
// the cases: the list counts as many records as the profile showed.
func TestBrowserProfile(t *testing.T) {
	ctx := launchChromium(t, 120*time.Second)
	_, hs, _ := demoServer(t, true)
	base := hs.URL
	browserLogin(t, ctx, base, "chief")

	const fig = "enforcement.publicity_late"
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/profiles/enforcement?year=2024&by="+fig),
		chromedp.WaitVisible(chromedp.ID("profile-ranking"))); err != nil {
		t.Fatalf("ranking: %v", err)
	}
	top, err := settledText(ctx, `#profile-ranking tbody tr:first-child td[data-fig="`+fig+`"]`)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := strconv.Atoi(top); n == 0 {
		t.Fatalf("the unit ranked first on %s shows %q: the demo should have late publications", fig, top)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#profile-ranking tbody tr:first-child td:nth-child(2) a`))); err != nil {
		t.Fatalf("open the unit: %v", err)
	}
	shown, err := settledText(ctx, `#profile-unit tr[id="fig-`+fig+`"] td.this a`)
	if err != nil || shown != top {
		t.Fatalf("the unit's profile shows %q (%v), the ranking %q", shown, err, top)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#profile-unit tr[id="fig-`+fig+`"] td.this a`))); err != nil {
		t.Fatalf("follow the figure: %v", err)
	}
	total, err := settledText(ctx, "#total")
	if err != nil || total != shown {
		png, _ := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		keepScreenshot(t, "profile-drill.png", png)
		t.Fatalf("the list counts %q records (%v), the profile showed %s", total, err, shown)
	}
}
