package procedure_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// The clocks of a 行政执法案件 as 粤执法 exports it (行政处罚法 2021, 国办发〔2018〕118号), under the
// 2024 calendar: 清明 04-04 … 04-06, 劳动节 05-01 … 05-05, 端午 06-10, 国庆 10-01 … 10-07 off;
// Sunday 09-29 and Saturday 10-12 are 调休 working days.

func enforcementCase(caseType string, extra law.Values) law.Values {
	v := law.Values{"code": "ZF-1", "unit": "441481-ZRZY", "case_type": caseType, "filed_on": "2024-03-01"}
	for k, x := range extra {
		v[k] = x
	}
	procedure.SettleIn(law.EnforcementCase, v, env)
	return v
}

// late reports whether a clock stopped after its due date (store.OpLate, the figures' test).
func late(c procedure.Clock) bool { return c.Stopped != "" && c.Due != "" && c.Stopped > c.Due }

func TestEnforcementClocks(t *testing.T) {
	for _, c := range []struct {
		name     string
		caseType string
		values   law.Values
		rule     string
		due      string
		late     bool
	}{
		// 第60条: 90 ND from 立案 (not counting 03-01): Thursday 05-30, a working day.
		{"第60条: decided on day 90", law.CasePenalty, law.Values{"decided_on": "2024-05-30"}, "enforcement.decide", "2024-05-30", false},
		{"第60条: decided on day 91 is late", law.CasePenalty, law.Values{"decided_on": "2024-05-31"}, "enforcement.decide", "2024-05-30", true},
		// 治安管理处罚法第99条 (a sector budget, local table): 30 ND end on Sunday 03-31, so Monday
		// 04-01 (第85条 as applied to periods); 30 more with approval end on Tuesday 04-30.
		{"治安管理: 30 ND", law.CasePenalty, law.Values{"sector": "治安管理", "decided_on": "2024-04-02"}, "enforcement.decide", "2024-04-01", true},
		{"治安管理: 30 + 30 ND with approval", law.CasePenalty, law.Values{"sector": "治安管理", "extended": "是", "decided_on": "2024-04-02"},
			"enforcement.decide", "2024-04-30", false},
		// An extension is the sector rule's: 第60条's 90 days have none of their own.
		{"第60条: no extension outside a sector rule", law.CasePenalty, law.Values{"extended": "是", "decided_on": "2024-05-31"}, "enforcement.decide", "2024-05-30", true},
		// 第61条 with 第85条: seven working days from Friday 09-27 run 09-29 (调休), 09-30, 10-08 …
		// 10-11 and Saturday 10-12 (调休).
		{"第61条: served on the 7th WD", law.CasePenalty, law.Values{"decided_on": "2024-09-27", "served_on": "2024-10-12"}, "enforcement.serve", "2024-10-12", false},
		{"第61条: served on the 8th WD is late", law.CasePenalty, law.Values{"decided_on": "2024-09-27", "served_on": "2024-10-14"}, "enforcement.serve", "2024-10-12", true},
		// 第64条(一): a hearing asked for within five working days of the notice: 09-29, 09-30,
		// 10-08, 10-09, 10-10.
		{"第64条(一): hearing requested on the 5th WD", law.CasePenalty, law.Values{"notified_on": "2024-09-27", "hearing": "是", "hearing_requested_on": "2024-10-10"},
			"enforcement.hearing_request", "2024-10-10", false},
		{"第64条(一): requested on the 6th WD, too late", law.CasePenalty, law.Values{"notified_on": "2024-09-27", "hearing": "是", "hearing_requested_on": "2024-10-11"},
			"enforcement.hearing_request", "2024-10-10", true},
		// 国办发〔2018〕118号: 行政处罚 and 行政许可 published within 7 WD (06-04 … 06-07, 06-11 …
		// 06-13: 端午 06-10 is off), the others within 20 WD (07-02).
		{"118号: a penalty published on the 7th WD", law.CasePenalty, law.Values{"decided_on": "2024-06-03", "published_on": "2024-06-13"}, "enforcement.publicity", "2024-06-13", false},
		{"118号: a penalty published on the 8th WD is late", law.CasePenalty, law.Values{"decided_on": "2024-06-03", "published_on": "2024-06-14"}, "enforcement.publicity", "2024-06-13", true},
		{"118号: a 行政许可 published on the 8th WD is late", law.CasePermit, law.Values{"decided_on": "2024-06-03", "published_on": "2024-06-14"}, "enforcement.publicity", "2024-06-13", true},
		{"118号: a 行政强制 published on the 8th WD is not", "行政强制", law.Values{"decided_on": "2024-06-03", "published_on": "2024-06-14"}, "enforcement.publicity", "2024-07-02", false},
		{"118号: a 行政检查 published on the 21st WD is late", "行政检查", law.Values{"decided_on": "2024-06-03", "published_on": "2024-07-03"}, "enforcement.publicity", "2024-07-02", true},
		// 第48条第2款: a published decision changed on 09-27 is withdrawn within three working
		// days: 09-29, 09-30, 10-08.
		{"第48条: withdrawn on the 3rd WD", law.CasePenalty, law.Values{"decided_on": "2024-09-02", "published_on": "2024-09-03", "changed_on": "2024-09-27", "withdrawn_on": "2024-10-08"},
			"enforcement.withdraw", "2024-10-08", false},
		{"第48条: withdrawn on the 4th WD is late", law.CasePenalty, law.Values{"decided_on": "2024-09-02", "published_on": "2024-09-03", "changed_on": "2024-09-27", "withdrawn_on": "2024-10-09"},
			"enforcement.withdraw", "2024-10-08", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := enforcementCase(c.caseType, c.values)
			if probs := law.EnforcementCase.ValidateIn(v, nil, env); len(probs) > 0 {
				t.Fatalf("refused: %v", probs)
			}
			got := clock(t, procedure.Project(law.EnforcementCase, v, cal, calendar.Date{}), c.rule)
			if got.State != procedure.Stopped || got.Due != c.due || late(got) != c.late {
				t.Errorf("%s: %s due %s stopped %s (late %v), want due %s late %v", c.rule, got.State, got.Due, got.Stopped, late(got), c.due, c.late)
			}
		})
	}
}

// The clocks that do not run: a 行政许可 has no 第60条 period (行政许可法 has its own), an
// unpublished decision nothing to withdraw (第48条), a case not yet decided no service or
// publicity period.
func TestEnforcementClocksThatDoNotRun(t *testing.T) {
	for _, c := range []struct {
		name     string
		caseType string
		values   law.Values
		absent   []string
	}{
		{"a 行政许可 has no 第60条 period", law.CasePermit, law.Values{"decided_on": "2024-04-01"}, []string{"enforcement.decide", "enforcement.serve"}},
		{"nothing published, nothing to withdraw", law.CasePenalty, law.Values{"decided_on": "2024-04-01", "changed_on": "2024-05-06"}, []string{"enforcement.withdraw"}},
		{"not decided: no service, no publicity", law.CasePenalty, nil, []string{"enforcement.serve", "enforcement.publicity"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := procedure.Project(law.EnforcementCase, enforcementCase(c.caseType, c.values), cal, calendar.Date{})
			for _, got := range p.Clocks {
				if slices.Contains(c.absent, got.Rule.ID) {
					t.Errorf("clock %s runs: %+v", got.Rule.ID, got)
				}
			}
		})
	}
	// A right of the party's: the hearing window that ran out without a request lapses, it is
	// never the unit's overdue work.
	if rule, _ := law.EnforcementCase.Clock("enforcement.hearing_request"); !rule.Lapses {
		t.Error("the hearing-request window is not a party's (Lapses)")
	}
}

// The defects of a case's procedure are kept and flagged (law.md "Refuse or flag"), each with
// its article: a ledger of past cases is never refused for them.
func TestEnforcementFlags(t *testing.T) {
	decided := law.Values{"decided_on": "2024-10-20", "officers": []string{"A", "B"}}
	with := func(extra law.Values) law.Values {
		v := law.Values{}
		for k, x := range decided {
			v[k] = x
		}
		for k, x := range extra {
			v[k] = x
		}
		return v
	}
	for _, c := range []struct {
		name   string
		values law.Values
		flag   string // "" for none
	}{
		{"two officers", decided, ""},
		{"第42条: one officer", with(law.Values{"officers": []string{"A"}}), "执法人员少于两人（行政处罚法第42条）"},
		{"第58条: reviewed before the decision", with(law.Values{"major": "是", "legal_review_on": "2024-10-18"}), ""},
		{"第58条: reviewed on the day of the decision", with(law.Values{"major": "是", "legal_review_on": "2024-10-20"}), ""},
		{"第58条: reviewed after the decision", with(law.Values{"major": "是", "legal_review_on": "2024-10-21"}), "未在决定前完成法制审核（行政处罚法第58条）"},
		{"第58条: never reviewed", with(law.Values{"major": "是"}), "未在决定前完成法制审核（行政处罚法第58条）"},
		{"not a 第58条 case: no review needed", decided, ""},
		{"第57条: discussed after the decision", with(law.Values{"complex": "是", "discussed_on": "2024-10-22"}), "未经负责人集体讨论（行政处罚法第57条第2款）"},
		// 第64条(二): a hearing on Tuesday 10-15 is noticed by 09-30, seven working days before
		// (10-14, 10-12 调休, 10-11 … 10-08, 09-30).
		{"第64条(二): noticed seven working days before", with(law.Values{"hearing": "是", "hearing_noticed_on": "2024-09-30", "hearing_held_on": "2024-10-15"}), ""},
		{"第64条(二): noticed six working days before", with(law.Values{"hearing": "是", "hearing_noticed_on": "2024-10-08", "hearing_held_on": "2024-10-15"}), "听证通知迟于听证前七日（行政处罚法第64条第2项）"},
		// 第36条: two years; five where life, health or financial security is harmed.
		{"第36条: filed within two years", law.Values{"occurred_on": "2022-03-02"}, ""},
		{"第36条: filed after two years", law.Values{"occurred_on": "2022-02-01"}, "立案时已逾二年追责期限（行政处罚法第36条）"},
		{"第36条: five years for 生命健康", law.Values{"occurred_on": "2022-02-01", "grave": "是"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := enforcementCase(law.CasePenalty, c.values)
			if probs := law.EnforcementCase.ValidateIn(v, nil, env); len(probs) > 0 {
				t.Fatalf("refused, not flagged: %v", probs)
			}
			flags, _ := v["warnings"].([]string)
			if (c.flag == "" && len(flags) > 0) || (c.flag != "" && !slices.Contains(flags, c.flag)) {
				t.Errorf("flags %v, want %q", flags, c.flag)
			}
		})
	}
}

// The impossible combinations are refused, naming the field and the rule.
func TestEnforcementRefusals(t *testing.T) {
	for _, c := range []struct {
		name   string
		values law.Values
		field  string
		words  string
	}{
		{"decided before filed", law.Values{"decided_on": "2024-02-28"}, "decided_on", "决定日期早于立案日期"},
		{"served before decided", law.Values{"decided_on": "2024-04-01", "served_on": "2024-03-30"}, "served_on", "送达日期早于决定日期"},
		{"withdrawn without a change", law.Values{"decided_on": "2024-04-01", "published_on": "2024-04-02", "withdrawn_on": "2024-04-03"}, "withdrawn_on", "第48条第2款"},
		{"a hearing date without a hearing", law.Values{"hearing": "否", "hearing_held_on": "2024-04-03"}, "hearing_held_on", "第64条"},
		{"a review date without a review", law.Values{"legal_review": "否", "legal_review_on": "2024-04-03"}, "legal_review_on", "第58条"},
		{"a reviewer without a review", law.Values{"legal_review": "否", "legal_reviewer": "A"}, "legal_reviewer", "第58条"},
	} {
		t.Run(c.name, func(t *testing.T) {
			probs := law.EnforcementCase.ValidateIn(enforcementCase(law.CasePenalty, c.values), nil, env)
			if len(probs) != 1 || probs[0].Field != c.field || !strings.Contains(probs[0].String(), c.words) {
				t.Errorf("problems %v, want one on %s saying %q", probs, c.field, c.words)
			}
		})
	}
}
