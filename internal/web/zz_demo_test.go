package web_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestZZDemo(t *testing.T) {
	base := "http://127.0.0.1:18080"
	alloc, c1 := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(chromium()), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1280, 900))
	defer c1()
	ctx, c2 := chromedp.NewContext(alloc)
	defer c2()
	pw := os.Getenv("PW")
	shot := func(name, path string) {
		start := time.Now()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.Sleep(1500*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		t.Log(name, time.Since(start))
		png, _ := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		os.WriteFile("/tmp/shots/demo-"+name+".png", png, 0o644)
	}
	chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("username")))
	chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.ID("username"), os.Getenv("U")), chromedp.SendKeys(chromedp.ID("password"), pw), chromedp.Click(chromedp.CSS(".login-form button")))
	shot("dash", "/?year=2025")
	shot("list", "/records/reconsideration")
	shot("deadlines", "/deadlines")
}
