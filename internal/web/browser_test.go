package web_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// chromium finds the browser; the test is skipped without one (`go test ./...` needs nothing
// installed), and CI installs Debian's chromium so that it runs there.
func chromium() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// TestBrowser drives the real pages in headless Chromium: log in, register a mediation case
// through the generated form, find it in the list, open it and record 调解成功. It saves
// screenshots of the record and of the dashboard (1280×900) in the test's temp dir, and also
// in $FAZHI_SCREENSHOTS when set (as dashboard-small.png: docs/dashboard.png is the full demo's,
// made by TestBrowserDashboard).
func TestBrowser(t *testing.T) {
	ctx := launchChromium(t, 90*time.Second)
	e := newEnv(t, storetest.SQLite(t))
	seedYear(t, e)

	base := e.srv.URL
	dir := t.TempDir()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	login := func(user string) {
		t.Helper()
		must("open login", chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("username"))))
		_, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.ID("username"), user),
			chromedp.SendKeys(chromedp.ID("password"), password), chromedp.Click(chromedp.CSS(".login-form button")))
		must("log in", err)
		must("dashboard", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".topbar"))))
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

	login("clerk")
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof htmx === "object"`))
	if err != nil || !ok {
		t.Fatalf("htmx did not load under the CSP: %v", err)
	}

	// Register a case through the form generated from the kind.
	code := "BT-" + time.Now().Format("0102150405")
	must("new form", chromedp.Do(ctx, chromedp.Navigate(base+"/records/mediation/new"), chromedp.WaitVisible(chromedp.ID("f-code"))))
	must("fill form", chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("f-code"), code),
		chromedp.SetValue(chromedp.ID("f-dispute_type"), "邻里"),
		chromedp.SendKeys(chromedp.ID("f-parties"), "陈某；林某"),
		chromedp.SendKeys(chromedp.ID("f-party_phone"), phone),
		chromedp.SendKeys(chromedp.ID("f-mediator"), "黄调解员"),
		chromedp.SendKeys(chromedp.ID("f-summary"), "相邻通行纠纷")))
	_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".record-form button[type=submit]")))
	must("submit form", err)
	heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	must("record heading", err)
	if !strings.Contains(heading, code) || !strings.Contains(heading, "调解中") {
		t.Fatalf("after saving, heading %q", heading)
	}

	// Find it in the list by searching (the filter form swaps the results in with htmx).
	must("list", chromedp.Do(ctx, chromedp.Navigate(base+"/records/mediation"), chromedp.WaitVisible(chromedp.CSS("#results")),
		chromedp.SendKeys(chromedp.CSS(`main input[name="q"]`), code+"\r"),
		chromedp.WaitVisible(chromedp.Search(`//table//a[text()="`+code+`"]`))))
	// Pressing Enter fires both change and submit; hx-sync keeps only the last request.
	total, err := settledText(ctx, "#total")
	must("total", err)
	if total != "1" {
		t.Errorf("search for %s found %s records", code, total)
	}
	_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.Search(`//table//a[text()="`+code+`"]`)))
	must("open record", err)

	// Take the transition 调解成功: open its small form, choose the agreement form, confirm.
	must("open transition", chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#t-succeed summary")),
		chromedp.WaitVisible(chromedp.ID("t-succeed-agreement_form")),
		chromedp.SetValue(chromedp.ID("t-succeed-agreement_form"), "书面"),
		chromedp.SendKeys(chromedp.ID("t-succeed-amount"), "2000")))
	_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("#t-succeed button[type=submit]")))
	must("take transition", err)
	heading, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	must("record heading", err)
	flash, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".flash")))
	must("flash", err)
	if !strings.Contains(heading, "成功") || !strings.Contains(flash, "调解成功") {
		t.Fatalf("after 调解成功: heading %q, flash %q", heading, flash)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must("record screenshot", err)
	save("record.png", png)

	// Bring two more cases in from an Excel ledger through the import page.
	sheet := filepath.Join(dir, "四月调解台账.xlsx")
	must("write ledger", ledger.Write(sheet, law.Mediation.Fields, []law.Values{
		{"code": code + "-X1", "committee": ownComm, "accepted_on": "2024-04-01", "dispute_type": "婚姻家庭", "result": "调解中"},
		{"code": code + "-X2", "committee": ownComm, "accepted_on": "2024-04-02", "dispute_type": "邻里", "result": "调解中"}}))
	must("import page", chromedp.Do(ctx, chromedp.Navigate(base+"/records/mediation"), chromedp.Click(chromedp.Search(`//a[text()="从 Excel 导入"]`)),
		chromedp.WaitVisible(chromedp.ID("f-file")), chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{sheet})))
	_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".record-form button[type=submit]")))
	must("import", err)
	flash, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".flash")))
	must("import flash", err)
	if !strings.Contains(flash, "新增 2 条") {
		t.Fatalf("after importing the ledger: flash %q", flash)
	}

	// The dashboard of the city's leader, for the README.
	_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".who button")))
	must("log out", err)
	login("chief")
	must("dashboard", chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#chart canvas")), chromedp.Sleep(1500*time.Millisecond)))
	png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must("dashboard screenshot", err)
	save("dashboard-small.png", png)
	t.Log("browser test ran: chromium")
}

// seedYear gives the dashboard a year of cases across the city: a few hundred disputes by month,
// most settled, some still open (so that the deadline panel has overdue and due-soon entries),
// and a leader for the whole city. Deterministic: a fixed seed.
func seedYear(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	if _, err := e.st.SaveUser(ctx, system, systemScope(), store.UserInput{Username: "chief", DisplayName: "刘局长",
		Role: auth.RoleLeader, OrgCode: cityCode, PasswordHash: passwordHash()}); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2024, 11))
	today := time.Now().In(time.FixedZone("CST", 8*3600))
	types := law.Mediation.Fields[3].Values
	comms := []string{ownComm, siblingComm, parentComm}
	var rows []store.ImportRow
	var accepted []time.Time
	for m := time.January; m < today.Month(); m++ {
		// More disputes around 春节 and in the autumn harvest, as the seed report's towns see.
		n := 16 + rng.IntN(8)
		if m == time.February || m == time.March || m == time.September || m == time.October {
			n += 8
		}
		for range n {
			accepted = append(accepted, time.Date(today.Year(), m, 1+rng.IntN(28), 0, 0, 0, 0, today.Location()))
		}
	}
	for i, acc := range accepted {
		v := law.Values{"code": fmt.Sprintf("Y%d-%03d", today.Year(), i), "committee": comms[i%3],
			"accepted_on": acc.Format("2006-01-02"), "dispute_type": types[rng.IntN(len(types))], "mediator": "调解员"}
		switch r := rng.IntN(100); {
		case r < 92:
			v["result"], v["agreement_form"] = "成功", []string{"书面", "口头"}[rng.IntN(2)]
			v["closed_on"] = acc.AddDate(0, 0, 3+rng.IntN(20)).Format("2006-01-02")
		case r < 96:
			v["result"], v["closed_on"] = "不成功", acc.AddDate(0, 0, 10+rng.IntN(15)).Format("2006-01-02")
		default:
			v["result"], v["closed_on"] = "终止", acc.AddDate(0, 0, 5).Format("2006-01-02")
		}
		rows = append(rows, store.ImportRow{Line: i + 2, Values: v})
	}
	// Open cases whose 30-day settlement period is overdue, due today, or due within days.
	for i, back := range []int{45, 35, 31, 30, 29, 28, 12, 5} {
		rows = append(rows, store.ImportRow{Line: 400 + i, Values: law.Values{"code": fmt.Sprintf("Y%d-OPEN-%d", today.Year(), i),
			"committee": comms[i%3], "accepted_on": today.AddDate(0, 0, -back).Format("2006-01-02"),
			"dispute_type": types[i%len(types)], "result": "调解中"}})
	}
	if _, _, err := e.st.ImportRecords(ctx, system, systemScope(), "mediation", rows, false); err != nil {
		t.Fatal(err)
	}
	// The 2024 cases every test world has were settled long ago.
	for _, code := range []string{"M-OWN", "M-SIB", "M-PAR"} {
		if _, err := e.st.Transition(ctx, system, systemScope(), e.ids[code], 1, "succeed",
			law.Values{"closed_on": "2024-06-28", "agreement_form": "口头"}); err != nil {
			t.Fatal(err)
		}
	}
}
