package procedure_test

import (
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// 公证法第30条: the certificate within fifteen working days of acceptance; the time needed for
// force majeure, supplementary proof or verification is not counted. The 2025 calendar: 国庆
// and 中秋 are 10-01 … 10-08 off, Saturday 10-11 is a 调休 working day.

func notarization(accepted string) law.Values {
	v := law.Values{"code": "N-1", "org": "441481-GZC", "accepted_on": accepted, "matter": "继承"}
	procedure.Settle(law.Notarization, v)
	return v
}

func TestNotarizationClocks(t *testing.T) {
	verify := func(on string) move {
		return move{"suspend", law.Values{"suspended_on": on, "suspension_reason": "核实有关情况"}}
	}
	for _, c := range []struct {
		name     string
		accepted string
		moves    []move
		rule     string
		state    string
		due      string
	}{
		// From the day after 09-30: 10-01 … 10-08 are rest days; 10-09, 10-10, 10-11 (调休),
		// 10-13 … 10-17, 10-20 … 10-24, 10-27, 10-28 are the fifteen working days.
		{"15 WD from 09-30 run over 国庆", "2025-09-30", nil, "notary.issue", procedure.Running, "2025-10-28"},
		// Verified 10-13 … 10-17 (resumed 10-18: five natural days, Monday to Friday): the five
		// working days they held are not counted, so the count runs 10-09, 10-10, 10-11, then
		// 10-20 … 10-24, 10-27 … 10-31, 11-03, 11-04 — 15 WD + 5 ND under the calendar.
		{"第30条: five days of verification are not counted", "2025-09-30",
			[]move{{"start_review", nil}, verify("2025-10-13"), {"resume", law.Values{"resumed_on": "2025-10-18"}}},
			"notary.issue", procedure.Running, "2025-11-04"},
		// The same five natural days over a weekend (10-16 … 10-20) hold three working days
		// only: 10-09 … 10-15 give six, 10-21 … 10-31 the other nine.
		{"第30条: suspended days over a weekend", "2025-09-30",
			[]move{verify("2025-10-16"), {"resume", law.Values{"resumed_on": "2025-10-21"}}},
			"notary.issue", procedure.Running, "2025-10-31"},
		{"第30条: an open verification pauses the clock", "2025-09-30",
			[]move{verify("2025-10-13")}, "notary.issue", procedure.Paused, ""},
		{"the certificate stops it", "2025-09-30",
			[]move{{"issue", law.Values{"issued_on": "2025-10-20"}}}, "notary.issue", procedure.Stopped, "2025-10-28"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := notarization(c.accepted)
			for _, m := range c.moves {
				var err error
				if v, err = procedure.Take(law.Notarization, v, procedure.Move{Name: m.name, Inputs: m.inputs}, env); err != nil {
					t.Fatalf("%s: %v", m.name, err)
				}
			}
			got := clock(t, procedure.Project(law.Notarization, v, cal, calendar.Date{}), c.rule)
			if got.State != c.state || got.Due != c.due {
				t.Errorf("%s: state %s due %q, want %s %q (values %v)", c.rule, got.State, got.Due, c.state, c.due, v)
			}
		})
	}
}

// The speed-up list's promise is a second, practice clock; the statute's stays.
func TestNotarizationSpeedup(t *testing.T) {
	v := notarization("2025-09-30")
	v["speedup_days"] = "5"
	p := procedure.Project(law.Notarization, v, cal, calendar.Date{})
	if got := clock(t, p, "notary.speedup"); got.Due != "2025-10-14" || !got.Rule.Soft {
		t.Errorf("speed-up clock %+v, want soft, due 2025-10-14 (10-09, 10-10, 10-11, 10-13, 10-14)", got)
	}
	if got := clock(t, p, "notary.issue"); got.Due != "2025-10-28" {
		t.Errorf("statutory clock due %s, want 2025-10-28", got.Due)
	}
}

// 容缺办 needs the missing documents and their completion by the issue; 上门办 a place;
// 不予办理 a ground of 第31条.
func TestNotarizationChecks(t *testing.T) {
	base := func() law.Values {
		v := notarization("2025-03-03")
		v["modes"] = []string{"容缺办"}
		v["missing_docs"] = "户口簿"
		return v
	}
	for _, c := range []struct {
		name  string
		edit  func(law.Values)
		field string
		says  string
	}{
		{"容缺办 without the documents", func(v law.Values) { delete(v, "missing_docs") }, "missing_docs", "容缺材料"},
		{"容缺办 issued before completion", func(v law.Values) {
			v["stage"], v["issued_on"], v["docs_completed_on"] = "已出证", "2025-03-05", "2025-03-07"
		}, "docs_completed_on", "补齐日期晚于出证日期"},
		{"容缺办 issued without completion", func(v law.Values) { v["stage"], v["issued_on"] = "已出证", "2025-03-05" },
			"docs_completed_on", "补齐日期"},
		{"上门办 without a place", func(v law.Values) { v["modes"] = []string{"上门办"} }, "visit_place", "办理地点"},
		{"不予办理 without a ground", func(v law.Values) { v["stage"], v["ended_on"] = "不予办理", "2025-03-05" },
			"refusal_ground", "第31条"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := base()
			c.edit(v)
			procedure.Settle(law.Notarization, v)
			probs := law.Notarization.Validate(v)
			if len(probs) == 0 || probs[0].Field != c.field || !strings.Contains(probs[0].Message, c.says) {
				t.Fatalf("problems %v, want %s saying %q", probs, c.field, c.says)
			}
		})
	}
	ok := base()
	ok["stage"], ok["issued_on"], ok["docs_completed_on"] = "已出证", "2025-03-07", "2025-03-06"
	procedure.Settle(law.Notarization, ok)
	if probs := law.Notarization.Validate(ok); len(probs) > 0 {
		t.Fatalf("a lenient certificate completed in time is refused: %v", probs)
	}
	if ok.Str("state") != "已出证" {
		t.Errorf("状态 %q, want 已出证 from the stage", ok.Str("state"))
	}
}
