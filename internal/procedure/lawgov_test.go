package procedure_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// 行政规范性文件 (国办发〔2018〕37号、115号; 粤府令第277号) and 重大行政决策 (国务院令第713号): the
// checks that refuse, the flags that warn and the clocks, on the 2024 and 2025 calendars.

func normativeDoc() law.Values {
	v := law.Values{"code": "兴市府规〔2024〕1号", "org": "441481-SFJ-03", "title": "兴宁市物业管理办法", "issuer": "兴宁市人民政府",
		"issuer_type": "市政府", "status": "合法性审核", "comment_from": "2024-03-04", "comment_to": "2024-03-12",
		"review_submitted_on": "2024-03-18", "review_on": "2024-03-25", "review_opinion": "同意"}
	procedure.SettleIn(law.NormativeDoc, v, env)
	return v
}

// firstProblem validates v under the calendar and returns its first problem ("" when none).
func firstProblem(k *law.Kind, v law.Values) law.Problem {
	procedure.SettleIn(k, v, env)
	if probs := k.ValidateIn(v, nil, env); len(probs) > 0 {
		return probs[0]
	}
	return law.Problem{}
}

func TestNormativeDocChecks(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(law.Values)
		field string
		says  string // "" when the values pass
	}{
		{"a reviewed document goes to 集体审议", func(v law.Values) { v["status"], v["deliberated_on"] = "集体审议", "2024-03-28" }, "", ""},
		{"no 集体审议 without review", func(v law.Values) {
			delete(v, "review_on")
			v["status"], v["deliberated_on"] = "集体审议", "2024-03-28"
		}, "review_on", "37号"},
		{"no 集体审议 after 不同意", func(v law.Values) {
			v["review_opinion"], v["status"], v["deliberated_on"] = "不同意", "集体审议", "2024-03-28"
		}, "review_opinion", "不同意"},
		{"no 集体审议 before the review", func(v law.Values) { v["status"], v["deliberated_on"] = "集体审议", "2024-03-22" }, "deliberated_on", "早于"},
		// 03-04 … 03-12 holds seven working days (03-04 … 03-08, 03-11, 03-12); a day less does not.
		{"seven working days of comment", func(v law.Values) { v["comment_to"] = "2024-03-11" }, "comment_to", "7个工作日"},
		{"thirty days when it bears on market players", func(v law.Values) { v["market"] = "是" }, "comment_to", "30日"},
		{"thirty days given", func(v law.Values) {
			v["market"], v["comment_from"], v["comment_to"] = "是", "2024-02-01", "2024-03-01"
		}, "", ""},
		{"five years at most", func(v law.Values) {
			v["status"], v["deliberated_on"], v["published_on"], v["valid_until"] = "有效", "2024-03-28", "2024-04-01", "2029-04-02"
		}, "valid_until", "5年"},
		{"two years for a 试行 document", func(v law.Values) {
			v["title"] = "兴宁市物业管理办法（试行）"
			v["status"], v["deliberated_on"], v["published_on"], v["valid_until"] = "有效", "2024-03-28", "2024-04-01", "2027-03-31"
		}, "valid_until", "2年"},
		{"a 废止 conclusion leaves force", func(v law.Values) {
			v["status"], v["deliberated_on"], v["published_on"] = "有效", "2024-03-28", "2024-04-01"
			v["cleanup_conclusion"], v["cleanup_on"] = "废止", "2024-11-15"
		}, "status", "已废止"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := normativeDoc()
			c.edit(v)
			p := firstProblem(law.NormativeDoc, v)
			if c.says == "" {
				if p.Field != "" {
					t.Fatalf("refused: %v", p)
				}
				return
			}
			if p.Field != c.field || !strings.Contains(p.String(), c.says) {
				t.Fatalf("problem %v, want %s saying %q", p, c.field, c.says)
			}
		})
	}
}

// The step itself refuses: 集体审议 before a review that did not refuse, naming 37号.
func TestNormativeDeliberateStep(t *testing.T) {
	v := normativeDoc()
	v["review_opinion"] = "不同意"
	next, err := procedure.Take(law.NormativeDoc, v, procedure.Move{Name: "deliberate", Inputs: law.Values{"deliberated_on": "2024-03-28"}}, env)
	if err != nil {
		t.Fatal(err)
	}
	if p := firstProblem(law.NormativeDoc, next); !strings.Contains(p.String(), "不得") {
		t.Fatalf("a deliberation after 不同意 passes: %v", p)
	}
}

func TestNormativeClocksAndFlags(t *testing.T) {
	v := normativeDoc()
	v["issuer_type"], v["status"], v["deliberated_on"], v["published_on"], v["valid_until"] = "镇街", "有效", "2024-03-28", "2024-04-01", "2029-03-31"
	procedure.SettleIn(law.NormativeDoc, v, env)
	if w, _ := v["warnings"].([]string); !slices.Contains(w, law.TownIssuer) {
		t.Errorf("a 镇街 issuer is not flagged: %v", v["warnings"])
	}
	if p := firstProblem(law.NormativeDoc, v); p.Field != "" {
		t.Fatalf("a 镇街 document is refused (it should only be flagged): %v", p)
	}
	p := procedure.Project(law.NormativeDoc, v, cal, calendar.MustParseDate("2024-05-20"))
	// Thirty natural days from 04-01 end on 05-01, 劳动节: the period's last day moves to the
	// first working day after the holiday, 05-06.
	if got := clock(t, p, "normative.filing"); got.State != procedure.Running || got.Due != "2024-05-06" {
		t.Errorf("filing clock %+v, want running, due 2024-05-06", got)
	}
	// The evaluation reminder: six months (183 days) before 2029-03-31, a stated date
	// (law.ClockRule.Fixed): dated although 2028 is not in the calendar yet.
	if got := clock(t, p, "normative.expiry"); got.Due != "2028-09-29" || got.State != procedure.Running || !got.Rule.Soft {
		t.Errorf("evaluation reminder %+v, want soft, due about 2028-09-29", got)
	}
	v["filed_on"] = "2024-04-20"
	if got := clock(t, procedure.Project(law.NormativeDoc, v, cal, calendar.MustParseDate("2024-05-20")), "normative.filing"); got.State != procedure.Stopped {
		t.Errorf("filing clock after filing %+v, want stopped", got)
	}
}

func decision() law.Values {
	v := law.Values{"code": "JC2024-01", "org": "441481-SFJ-03", "matter": "城区停车设施建设方案", "undertaker": "住建局",
		"stage": "合法性审查", "comment_from": "2024-03-01", "comment_to": "2024-03-30",
		"review_submitted_on": "2024-04-08", "review_on": "2024-04-17", "review_conclusion": "同意", "counsel_opinion": "合法"}
	procedure.SettleIn(law.MajorDecision, v, env)
	return v
}

func TestMajorDecisionGates(t *testing.T) {
	discuss := func(v law.Values) (law.Values, error) {
		return procedure.Take(law.MajorDecision, v, procedure.Move{Name: "discuss",
			Inputs: law.Values{"discussed_on": "2024-04-25", "meeting_type": "常务会议"}}, env)
	}
	for _, c := range []struct {
		name  string
		edit  func(law.Values)
		field string
		says  string
	}{
		{"thirty days, reviewed: discussed", func(law.Values) {}, "", ""},
		{"第15条: twenty days without a reason", func(v law.Values) { v["comment_to"] = "2024-03-20" }, "shorten_reason", "第15条"},
		{"第15条: twenty days with a reason", func(v law.Values) { v["comment_to"], v["shorten_reason"] = "2024-03-20", "情况紧急" }, "", ""},
		{"第25条: no legality review", func(v law.Values) { delete(v, "review_on"); delete(v, "review_conclusion") }, "review_on", "第25条"},
		{"第25条: a review that refused", func(v law.Values) { v["review_conclusion"] = "不同意" }, "review_conclusion", "第25条"},
		{"第19条: expert argument required and missing", func(v law.Values) { v["expert_required"] = "是" }, "expert_on", "第19条"},
		{"第22条: risk assessment required and missing", func(v law.Values) { v["risk_required"] = "是" }, "risk_on", "第22条"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := decision()
			c.edit(v)
			next, err := discuss(v)
			if err != nil {
				t.Fatal(err)
			}
			p := firstProblem(law.MajorDecision, next)
			if c.says == "" {
				if p.Field != "" {
					t.Fatalf("refused: %v", p)
				}
				return
			}
			if p.Field != c.field || !strings.Contains(p.String(), c.says) {
				t.Fatalf("problem %v, want %s naming %s", p, c.field, c.says)
			}
		})
	}
}

// 第26条: the reviewer is given seven working days as a rule; fewer is flagged, not refused.
// 第30条: a head deciding against the majority states the reasons.
func TestMajorDecisionFlagsAndMeeting(t *testing.T) {
	v := decision()
	v["review_on"] = "2024-04-12" // four working days after 04-08
	procedure.SettleIn(law.MajorDecision, v, env)
	if w, _ := v["warnings"].([]string); !slices.Contains(w, law.ShortReview) {
		t.Errorf("a four-day review is not flagged: %v", v["warnings"])
	}
	v = decision()
	v["stage"], v["discussed_on"], v["meeting_type"], v["against_majority"] = "集体讨论", "2024-04-25", "常务会议", "是"
	if p := firstProblem(law.MajorDecision, v); p.Field != "head_reason" || !strings.Contains(p.String(), "第30条") {
		t.Errorf("a head against the majority without reasons: %v", p)
	}
}
