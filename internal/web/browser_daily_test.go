package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// shooter saves full-page screenshots into dir (the test's temp dir), and into
// $FAZHI_SCREENSHOTS when set, logging each path.
func shooter(t *testing.T, ctx context.Context, dir string) func(name string) {
	return func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil && strings.Contains(err.Error(), "too large") {
			png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()) // a very long page: its first screen
		}
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
		if out := os.Getenv("FAZHI_SCREENSHOTS"); out != "" {
			if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// pageWidth is the document's scroll width: wider than the viewport means the page scrolls
// sideways (a table that neither scrolls in its box nor collapses to cards).
func pageWidth(t *testing.T, ctx context.Context) int {
	t.Helper()
	w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatalf("width: %v", err)
	}
	return w
}

// TestBrowserDailyWork: a clerk's day at 1440 and 390 px — the digest on the day's first
// dashboard, 我的待办 by urgency, a form whose several mistakes are all shown beside their fields
// on the first submit, and a batch step over ticked records with its per-record outcome.
func TestBrowserDailyWork(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	base, dir := e.srv.URL, t.TempDir()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	clerk, err := e.st.UserByName(context.Background(), "clerk")
	must("clerk", err)
	// Cases of the clerk: one due tomorrow (the 30-day 调解期限 from 29 days ago), one overdue,
	// one just accepted; per width two more for the batch step.
	mine := func(code string, daysAgo int) store.Record {
		// Days counted from the store's civil date (China Standard Time), as its clocks are: after
		// 16:00 UTC, time.Now's date is a day behind it.
		r := e.addMediation(t, code, ownComm, e.st.Today().AddDays(-daysAgo).String())
		r, err := e.st.Assign(context.Background(), system, systemScope(), r.ID, r.Version, &clerk, auth.ScopeFor(clerk))
		must("assign "+code, err)
		return r
	}
	mine("M-DUE", 29)
	mine("M-LATE", 40)
	mine("M-NEW", 0)
	batch := map[int64][2]store.Record{}
	for _, width := range []int64{1440, 390} {
		batch[width] = [2]store.Record{mine(fmt.Sprintf("M-BAT1-%d", width), 3), mine(fmt.Sprintf("M-BAT2-%d", width), 4)}
	}

	for _, width := range []int64{1440, 390} {
		px := fmt.Sprintf("%d", width)
		b1, b2 := batch[width][0], batch[width][1]
		// A browser of its own per width: the digest shows once a day per browser.
		ctx := launchChromium(t, 90*time.Second)
		shot := shooter(t, ctx, dir)
		must("viewport", chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)))
		browserLogin(t, ctx, base, "clerk")

		// The digest, once, on the day's first dashboard (where signing in leads).
		must("dashboard", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("digest"))))
		digest, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("digest")))
		must("digest", err)
		if !strings.Contains(digest, "内到期 1") || !strings.Contains(digest, "已逾期 1") {
			t.Errorf("%d px: digest %q", width, digest)
		}
		shot("digest-" + px + ".png")

		// 我的待办: the overdue case first.
		must("my", chromedp.Do(ctx, chromedp.Navigate(base+"/my"), chromedp.WaitVisible(chromedp.CSS("main"))))
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		must("my text", err)
		if i, j := strings.Index(text, "M-LATE"), strings.Index(text, "M-NEW"); i < 0 || j < 0 || i > j {
			t.Errorf("%d px: 我的待办 does not put M-LATE before M-NEW: %q", width, text)
		}
		if w := pageWidth(t, ctx); w > int(width) {
			t.Errorf("%d px: 我的待办 is %d px wide", width, w)
		}
		shot("my-" + px + ".png")

		// One round of validation: a missing type, a bad phone and a case closed before it was
		// accepted, all shown on the first submit, each beside its field.
		must("new form", chromedp.Do(ctx, chromedp.Navigate(base+"/records/mediation/new"), chromedp.WaitVisible(chromedp.ID("f-code")),
			chromedp.SendKeys(chromedp.ID("f-code"), "M-BAD-"+px), chromedp.SetValue(chromedp.ID("f-committee"), "甲镇人民调解委员会"),
			chromedp.SetValue(chromedp.ID("f-accepted_on"), "2025-03-10"), chromedp.SetValue(chromedp.ID("f-closed_on"), "2025-03-01"),
			chromedp.SendKeys(chromedp.ID("f-party_phone"), "12345")))
		_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.record-form button[type=submit]`)))
		must("submit", err)
		problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll(".field.has-error")).map(f => f.querySelector("input,select,textarea").name + "：" + f.querySelector(".problem").textContent)`))
		must("problems", err)
		joined := strings.Join(problems, "\n")
		for _, key := range []string{"dispute_type：", "party_phone：", "closed_on："} {
			if !strings.Contains(joined, key) {
				t.Errorf("%d px: the first submit does not show the problem of %s beside it:\n%s", width, key, joined)
			}
		}
		shot("validation-" + px + ".png")

		// A batch step: tick two cases, 调解不成功 with one 结案日期 for both.
		must("list", chromedp.Do(ctx, chromedp.Navigate(base+"/records/mediation"), chromedp.WaitVisible(chromedp.CSS("#batch")),
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=ids][value="%d"]`, b1.ID))),
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=ids][value="%d"]`, b2.ID))),
			chromedp.SetValue(chromedp.CSS(`#batch select[name=step]`), "fail")))
		if w := pageWidth(t, ctx); w > int(width) {
			t.Errorf("%d px: the list is %d px wide", width, w)
		}
		shot("batch-list-" + px + ".png")
		_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#batch button[value=step]`)))
		must("batch form", err)
		must("batch inputs", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("b-closed_on")),
			chromedp.SetValue(chromedp.ID("b-closed_on"), time.Now().Format("2006-01-02"))))
		shot("batch-form-" + px + ".png")
		_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.record-form button[type=submit]`)))
		must("batch step", err)
		text, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		must("batch result", err)
		if !strings.Contains(text, "已办理 2 条，未办理 0 条") {
			t.Errorf("%d px: batch result %q", width, text)
		}
		for _, r := range []store.Record{b1, b2} {
			if got := e.byCode(t, r.Code); got.Status != "不成功" {
				t.Errorf("%d px: %s is %s after the batch step", width, r.Code, got.Status)
			}
		}
		if w := pageWidth(t, ctx); w > int(width) {
			t.Errorf("%d px: the batch result is %d px wide", width, w)
		}
		shot("batch-done-" + px + ".png")
	}
}
