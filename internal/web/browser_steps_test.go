package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// casePage drives a record's page in Chromium as a clerk does: read what it shows, check its
// stage, and take a step through the step's own form.
type casePage struct {
	t   *testing.T
	ctx context.Context
}

func (p casePage) must(what string, err error) {
	p.t.Helper()
	if err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

func (p casePage) text(sel string) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Text(chromedp.CSS(sel)))
	p.must("read "+sel, err)
	return strings.TrimSpace(s)
}

func (p casePage) stage(want string) {
	p.t.Helper()
	if got := p.text("#stage"); got != want {
		p.t.Fatalf("stage %q, want %q (page: %s)", got, want, p.text("main"))
	}
}

// step opens a transition's form, fills it and confirms it.
func (p casePage) step(name string, fill ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	p.must("open "+name, chromedp.Do(p.ctx, chromedp.Click(chromedp.CSS("#t-"+name+" summary")),
		chromedp.WaitVisible(chromedp.CSS("#t-"+name+" form"))))
	p.must("fill "+name, chromedp.Do(p.ctx, fill...))
	_, err := chromedp.RunResponse(p.ctx, chromedp.Click(chromedp.CSS("#t-"+name+" button[type=submit]")))
	p.must("confirm "+name, err)
}
