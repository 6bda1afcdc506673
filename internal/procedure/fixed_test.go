package procedure_test

import (
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// A stated due date (law.ClockRule.Fixed: a certificate's 有效期至) is the date itself: it does not
// move off a rest day as a period's last day does (行政复议法第88条 is for periods), and a year
// the calendar does not hold yet is no reason to leave it undated.
func TestFixedDueDate(t *testing.T) {
	rule, ok := law.CertificateEvent.Clock("certificate.renewal")
	if !ok || !rule.Fixed {
		t.Fatal("certificate.renewal is not a stated date")
	}
	for _, c := range []struct{ on, until string }{
		{"2024-03-01", "2029-02-28"}, // beyond the embedded calendar
		{"2021-10-10", "2026-10-04"}, // a Sunday of 国庆: not moved to 10-09
	} {
		v := law.Values{"event": "发证", "on": c.on, "valid_until": c.until, "certificate_no": "粤执-1"}
		got, ok := procedure.ProjectClock(cal, rule, v)
		if !ok || got.Due != c.until || got.State != procedure.Running {
			t.Errorf("issued %s, valid until %s: %+v", c.on, c.until, got)
		}
	}
}
