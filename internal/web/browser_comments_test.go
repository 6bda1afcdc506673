package web_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fazhi/fazhi/internal/storetest"
)

// TestBrowserPublicComment: two comments on a decision out for comment, as the demo's is,
// submitted in Chromium without logging in (one named with a phone, one anonymous); the
// consulting town's clerk disposes of them and downloads the 意见采纳情况反馈, which lists both
// with their dispositions and reasons.
func TestBrowserPublicComment(t *testing.T) {
	ctx := launchChromium(t, 120*time.Second)
	c := newConsultation(t, storetest.SQLite(t))
	base := c.srv.URL
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		must("read "+sel, err)
		return s
	}
	must("the list", chromedp.Do(ctx, chromedp.Navigate(base+"/public/consultations"),
		chromedp.Click(chromedp.Search(`//a[text()="甲镇农贸市场升级改造方案"]`)), chromedp.WaitVisible(chromedp.ID("c-body"))))
	if d := text("#draft"); !strings.Contains(d, "改造范围") {
		t.Fatalf("the draft: %q", d)
	}
	for _, f := range []struct {
		name, contact, body string
		anonymous           bool
	}{{"陈先生", "13712345678", "建议保留早市摊位", false}, {"", "", "停车位不足，建议增设", true}} {
		must("open the form", chromedp.Do(ctx, chromedp.Navigate(base+c.page()), chromedp.WaitVisible(chromedp.ID("c-body"))))
		actions := []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.ID("c-body"), f.body)}
		if f.anonymous {
			actions = append(actions, chromedp.Click(chromedp.ID("c-anonymous")))
		} else {
			actions = append(actions, chromedp.SendKeys(chromedp.ID("c-name"), f.name), chromedp.SendKeys(chromedp.ID("c-contact"), f.contact))
		}
		must("fill", chromedp.Do(ctx, actions...))
		_, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".comment-form button[type=submit]")))
		must("submit", err)
		if fl := text(".flash"); !strings.Contains(fl, "已提交") {
			t.Fatalf("after submitting: %q", fl)
		}
	}

	browserLogin(t, ctx, base, "decider")
	must("the record", chromedp.Do(ctx, chromedp.Navigate(base+"/records/major_decision/"+itoa(c.id)),
		chromedp.Click(chromedp.Search(`//a[text()="公众意见及采纳情况反馈"]`)), chromedp.WaitVisible(chromedp.CSS("table.comments"))))
	for i, d := range [][2]string{{"采纳", "已在方案中保留早市区域"}, {"不采纳", "周边已规划停车场"}} {
		row := "table.comments tbody tr:nth-child(" + itoa(int64(i+1)) + ") "
		must("dispose", chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(row+"select"), d[0]), chromedp.SendKeys(chromedp.CSS(row+`input[name="reason"]`), d[1])))
		_, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(row+"button")))
		must("record the disposition", err)
	}
	if tb := text("table.comments"); !strings.Contains(tb, "采纳：已在方案中保留早市区域") || !strings.Contains(tb, "不采纳：周边已规划停车场") {
		t.Fatalf("the comments after disposing: %q", tb)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const a = document.querySelector('#feedback a[href$="/comments/feedback.docx"]');
		if (!a) return "no link";
		const r = await fetch(a.href);
		const b = new Uint8Array(await r.arrayBuffer());
		let s = ""; for (const x of b) s += String.fromCharCode(x);
		return btoa(s);
	})()`, chromedp.EvalAwaitPromise))
	must("download the feedback", err)
	raw, err := base64.StdEncoding.DecodeString(got)
	if err != nil {
		t.Fatalf("the feedback download: %q", got)
	}
	x := docxXML(t, raw)
	for _, want := range []string{"采纳情况的反馈", "共收到意见2条", "建议保留早市摊位", "停车位不足", "已在方案中保留早市区域", "不采纳", "周边已规划停车场"} {
		if !strings.Contains(x, want) {
			t.Errorf("the feedback .docx lacks %q", want)
		}
	}
	if strings.Contains(x, "陈先生") || strings.Contains(x, "13712345678") {
		t.Error("the feedback .docx names the commenter")
	}
}
