package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
)

// The deadlines page lists a certificate coming up for renewal (expiring within the renewal
// lead) and a rectification due (整改期限), each under its rule's label, sorted by due date; a
// rectification done and a certificate years from renewal are not listed.
func TestDeadlinesListCertificatesAndRectifications(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		today := calendar.FromTime(time.Now().In(time.FixedZone("CST", 8*3600)))
		e.importRows(t, "officer", law.Values{"code": "ZF-1", "name": "王执法", "org": townA})
		e.importRows(t, "certificate_event",
			law.Values{"code": "CERT-PASS", "officer": "ZF-1", "org": townA, "event": "考试通过", "on": today.AddDays(-5*365 + 60).String()},
			law.Values{"code": "CERT-SOON", "officer": "ZF-1", "org": townA, "event": "发证", "on": today.AddDays(-5*365 + 90).String(),
				"cert_no": "粤441400001", "valid_until": today.AddDays(90).String()},
			law.Values{"code": "CERT-FAR", "officer": "ZF-1", "org": townA, "event": "发证", "on": today.AddDays(-30).String(),
				"cert_no": "粤441400002", "valid_until": today.AddDays(4 * 365).String()})
		e.importRows(t, "rectification",
			law.Values{"code": "ZG-OPEN", "org": townA, "source": "执法监督", "problem": "执法全过程记录不完整", "responsible": "甲镇",
				"found_on": today.AddDays(-10).String(), "due_on": today.AddDays(20).String()},
			law.Values{"code": "ZG-DONE", "org": townA, "source": "执法监督", "problem": "执法文书送达不规范", "responsible": "甲镇",
				"found_on": today.AddDays(-10).String(), "due_on": today.AddDays(20).String(), "done_on": today.AddDays(-1).String()})
		status, page := e.login(t, "leader").get("/deadlines")
		if status != 200 {
			t.Fatalf("deadlines: %d", status)
		}
		for _, want := range []string{">CERT-SOON</a>", "执法证换证期限", ">ZG-OPEN</a>", "整改期限"} {
			if !strings.Contains(page, want) {
				t.Errorf("deadlines page lacks %q", want)
			}
		}
		if strings.Contains(page, ">ZG-DONE</a>") {
			t.Error("deadlines page lists a rectification done")
		}
		// By due date: the rectification due in 20 days, then the certificate due in 90; the one
		// due in four years is not listed before its renewal lead (law.ClockRule.Lead, 183 days).
		soon, far, open := strings.Index(page, ">CERT-SOON</a>"), strings.Index(page, ">CERT-FAR</a>"), strings.Index(page, ">ZG-OPEN</a>")
		if !(open < soon) || far >= 0 {
			t.Errorf("deadlines page order: 整改 at %d, certificate due soon at %d, far at %d (want it not listed)", open, soon, far)
		}
	})
}
