package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// syncBuffer is the output of a command running in another goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestServeDemoAdmin is the README's first command as a newcomer meets it: `fazhi serve --demo`
// on a fresh database prints the administrator's one-time password and the four demo accounts,
// and admin, once it has set its own password, reaches every administrator's page in Chromium.
func TestServeDemoAdmin(t *testing.T) {
	exe := ""
	for _, p := range []string{"/usr/bin/chromium", "chromium"} {
		if found, err := exec.LookPath(p); err == nil {
			exe = found
			break
		}
	}
	if exe == "" {
		if os.Getenv("FAZHI_TEST_CHROMIUM") == "required" {
			t.Fatal("FAZHI_TEST_CHROMIUM=required but no chromium is installed")
		}
		t.Skip("no chromium: browser test skipped")
	}
	t.Setenv("FAZHI_ADMIN_PASSWORD", "")
	t.Setenv("FAZHI_DEMO_PASSWORD", "")
	dir := t.TempDir()
	ctx, stop := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", "sqlite:" + filepath.Join(dir, "f.db"), "--addr", "127.0.0.1:0", "--demo"}, &out, &errOut)
	}()
	t.Cleanup(func() { stop(); <-done })
	started := regexp.MustCompile(`已启动：(http://[0-9.:]+)`)
	var base string
	for deadline := time.Now().Add(3 * time.Minute); base == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if m := started.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("serve --demo exited %d: %s %s", code, out.String(), errOut.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("serve --demo did not start: %s %s", out.String(), errOut.String())
	}
	// The administrator is printed before the server starts; the demo accounts once its records
	// are in, behind the running server.
	for deadline := time.Now().Add(3 * time.Minute); !strings.Contains(out.String(), "  auditor ") && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	printed := out.String()
	if i, j := strings.Index(printed, "已创建系统管理员 admin"), strings.Index(printed, "已启动"); i < 0 || j < i {
		t.Errorf("the administrator is not printed before the server starts:\n%s", printed)
	}
	m := regexp.MustCompile(`已创建系统管理员 admin，一次性密码：(\S+) `).FindStringSubmatch(printed)
	if m == nil {
		t.Fatalf("no admin password printed:\n%s", printed)
	}
	if !regexp.MustCompile(`已创建安全保密管理员 secadmin，一次性密码：\S+ `).MatchString(printed) {
		t.Errorf("no secadmin password printed (三员分立 needs a first 安全保密管理员):\n%s", printed)
	}
	for _, u := range []string{"leader", "clerk", "town", "auditor"} {
		if !strings.Contains(printed, "  "+u+" ") {
			t.Errorf("demo account %s not printed:\n%s", u, printed)
		}
	}

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1440, 900))
	bctx, cancel := chromedp.NewContext(alloc)
	bctx, cancelTimeout := context.WithTimeout(bctx, 2*time.Minute)
	defer func() { cancelTimeout(); cancel(); cancelAlloc() }()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	must("open login", chromedp.Do(bctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("username"))))
	_, err := chromedp.RunResponse(bctx, chromedp.SendKeys(chromedp.ID("username"), "admin"),
		chromedp.SendKeys(chromedp.ID("password"), m[1]), chromedp.Click(chromedp.CSS(".login-form button")))
	must("log in", err)
	must("forced to set a password", chromedp.Do(bctx, chromedp.WaitVisible(chromedp.ID("f-new"))))
	const mine = "Admin-2026-own"
	_, err = chromedp.RunResponse(bctx, chromedp.SendKeys(chromedp.ID("f-current"), m[1]),
		chromedp.SendKeys(chromedp.ID("f-new"), mine), chromedp.SendKeys(chromedp.ID("f-confirm"), mine),
		chromedp.Click(chromedp.CSS(".narrow-form button")))
	must("set own password", err)
	for _, page := range [][2]string{{"/users", "账号"}, {"/calendar", "日历"}, {"/dictionary", "字典"}, {"/notices", "文书"}, {"/orgs", "组织"}} {
		path, heading := page[0], page[1]
		must(path, chromedp.Do(bctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("h1"))))
		h1, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("h1")))
		must(path, err)
		if !strings.Contains(h1, heading) {
			t.Errorf("admin at %s sees %q, want a page about %s", path, h1, heading)
		}
	}
	t.Log("browser test ran: chromium, serve --demo as admin")
}
