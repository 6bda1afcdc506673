package procedure_test

import (
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// The clocks of 行政复议法 (2023) across the 2025 holidays, taken step by step through the state
// machine with no database: the same cases as the store's TestReconsiderationClocks and
// TestSupplementRequest, which check that the store keeps what this computes.

func application(received string) law.Values {
	v := law.Values{"code": "R-1", "org": "441481-SFJ", "received_on": received, "applicants": []string{"王五"},
		"respondent": "兴宁市市场监督管理局", "act_type": "行政处罚", "amount": "2000"}
	procedure.Settle(law.Reconsideration, v)
	return v
}

type move struct {
	name   string
	inputs law.Values
}

func TestReconsiderationClocks(t *testing.T) {
	for _, c := range []struct {
		name     string
		received string
		moves    []move
		rule     string
		state    string
		due      string
	}{
		{"第30条: five working days of review run over 国庆", "2025-09-26", nil,
			"reconsideration.acceptance_review", procedure.Running, "2025-10-10"},
		{"第62条: 60 ND from 2025-08-04 end in the holiday, so on 10-09", "2025-07-31",
			[]move{{"accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"}}},
			"reconsideration.decision", procedure.Running, "2025-10-09"},
		{"第48条: seven working days to send the copy", "2025-07-31",
			[]move{{"accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"}}},
			"reconsideration.copy", procedure.Running, "2025-08-13"},
		{"第39条: an open suspension pauses the decision period", "2025-07-31",
			[]move{{"accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"}},
				{"suspend", law.Values{"suspended_on": "2025-08-10", "suspension_ground": law.SuspensionGrounds[4]}}},
			"reconsideration.decision", procedure.Paused, ""},
		{"第39条: 20 ND suspended (08-10 … 08-29) move 10-03 to 10-23", "2025-07-31",
			[]move{{"accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"}},
				{"suspend", law.Values{"suspended_on": "2025-08-10", "suspension_ground": law.SuspensionGrounds[4]}},
				{"resume", law.Values{"resumed_on": "2025-08-30"}}},
			"reconsideration.decision", procedure.Running, "2025-10-23"},
		{"第62条: extended once by 30 ND, 11-22 is a Saturday", "2025-07-31",
			[]move{{"accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"}},
				{"suspend", law.Values{"suspended_on": "2025-08-10", "suspension_ground": law.SuspensionGrounds[4]}},
				{"resume", law.Values{"resumed_on": "2025-08-30"}},
				{"extend", law.Values{"extension_days": "30", "extension_approved_on": "2025-10-20"}}},
			"reconsideration.decision", procedure.Running, "2025-11-24"},
		{"第62条: the decision stops the clock", "2025-07-31",
			[]move{{"accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"}},
				{"decide", law.Values{"closed_on": "2025-09-20", "outcome": "维持"}}},
			"reconsideration.decision", procedure.Stopped, "2025-10-09"},
		{"第54条、第62条: simplified, 30 ND end on 清明 04-05, so on 04-07", "2025-03-03",
			[]move{{"accept", law.Values{"accepted_on": "2025-03-06", "procedure": "简易", "simple_ground": "涉案款额三千元以下"}}},
			"reconsideration.decision", procedure.Running, "2025-04-07"},
		{"第31条: the review restarts from the supplemented materials", "2025-09-26",
			[]move{{"request_supplement", law.Values{"supplement_requested_on": "2025-10-10", "supplement_items": "身份证明"}},
				{"supplement_received", law.Values{"supplement_received_on": "2025-10-15"}}},
			"reconsideration.acceptance_review", procedure.Running, "2025-10-22"},
		{"第31条第2款: ten working days from the receipt of the notice (Saturday 10-11 is a 调休 working day)", "2025-09-26",
			[]move{{"request_supplement", law.Values{"supplement_requested_on": "2025-10-09", "supplement_items": "身份证明",
				"supplement_notice_received_on": "2025-10-10"}}},
			"reconsideration.supplement", procedure.Running, "2025-10-23"},
		{"第31条第2款: the receipt unknown, the period waits instead of guessing", "2025-09-26",
			[]move{{"request_supplement", law.Values{"supplement_requested_on": "2025-10-10", "supplement_items": "身份证明"}}},
			"reconsideration.supplement", procedure.Waiting, ""},
		{"第31条第2款: extended by 3 working days for 正当理由", "2025-09-26",
			[]move{{"request_supplement", law.Values{"supplement_requested_on": "2025-10-09", "supplement_items": "身份证明",
				"supplement_notice_received_on": "2025-10-10"}},
				{"extend_supplement", law.Values{"supplement_extension_days": "3", "supplement_extension_reason": "申请人住院"}}},
			"reconsideration.supplement", procedure.Running, "2025-10-28"},
		{"第48条: the answer runs from the respondent's receipt of the copy", "2025-07-31",
			[]move{{"accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"}},
				{"send_copy", law.Values{"copy_sent_on": "2025-08-05", "copy_received_on": "2025-08-08"}}},
			"reconsideration.answer", procedure.Running, "2025-08-22"},
		{"第48条: the copy sent, its receipt unknown: the answer period waits", "2025-07-31",
			[]move{{"accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"}},
				{"send_copy", law.Values{"copy_sent_on": "2025-08-05"}}},
			"reconsideration.answer", procedure.Waiting, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := application(c.received)
			for _, m := range c.moves {
				var err error
				if v, err = procedure.Take(law.Reconsideration, v, procedure.Move{Name: m.name, Inputs: m.inputs}, env); err != nil {
					t.Fatalf("%s: %v", m.name, err)
				}
			}
			got := clock(t, procedure.Project(law.Reconsideration, v, cal, calendar.Date{}), c.rule)
			if got.State != c.state || got.Due != c.due {
				t.Errorf("%s: state %s due %q, want %s %q", c.rule, got.State, got.Due, c.state, c.due)
			}
		})
	}
}

// The state machine refuses what the statute does not allow, saying why.
func TestReconsiderationRefusals(t *testing.T) {
	accepted := application("2025-07-31")
	accepted, err := procedure.Take(law.Reconsideration, accepted, procedure.Move{Name: "accept",
		Inputs: law.Values{"accepted_on": "2025-08-04", "procedure": "普通"}}, env)
	if err != nil {
		t.Fatal(err)
	}
	extended, err := procedure.Take(law.Reconsideration, accepted, procedure.Move{Name: "extend",
		Inputs: law.Values{"extension_days": "30", "extension_approved_on": "2025-10-01"}}, env)
	if err != nil {
		t.Fatal(err)
	}
	late := application("2025-07-30")
	late["known_on"] = "2025-05-29" // 60 ND end on Monday 07-28
	for _, c := range []struct {
		name string
		from law.Values
		move procedure.Move
		want string
	}{
		{"a decision before acceptance (第30条)", application("2025-09-26"),
			procedure.Move{Name: "decide", Inputs: law.Values{"closed_on": "2025-10-01", "outcome": "维持"}}, "当前状态为「审查中」"},
		{"a second extension (第62条)", extended,
			procedure.Move{Name: "extend", Inputs: law.Values{"extension_days": "10", "extension_approved_on": "2025-11-01"}}, "只允许延长一次"},
		{"第62条第1款: an extension approved after the decision period ended (10-09)", accepted,
			procedure.Move{Name: "extend", Inputs: law.Values{"extension_days": "30", "extension_approved_on": "2025-10-10"}}, "期限届满后不能延期"},
		{"第31条第2款: 视为放弃 before the receipt of the notice is known", withSupplement(t, ""),
			procedure.Move{Name: "deem_withdrawn"}, "尚未登记「收到补正通知日期」"},
		{"第31条第2款: 视为放弃 confirmed before the period ran out (10-23)", withSupplement(t, "2025-10-10"),
			procedure.Move{Name: "deem_withdrawn"}, "至 2025-10-23 届满"},
		{"第20条: accepting an application out of time", late,
			procedure.Move{Name: "accept", Inputs: law.Values{"accepted_on": "2025-07-31", "procedure": "普通"}}, "已超过第20条规定的申请期限"},
		{"a step without what it needs", accepted,
			procedure.Move{Name: "suspend", Inputs: law.Values{"suspended_on": "2025-08-10"}}, "需要填写「中止事由」"},
		{"a user taking the automatic 视为受理", application("2025-09-26"),
			procedure.Move{Name: "deem_accept"}, "没有名为 deem_accept 的操作"},
		{"the system taking a user's step", application("2025-09-26"),
			procedure.Move{Name: "accept", Auto: true}, "没有名为 accept 的操作"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := c.from.Clone()
			_, err := procedure.Take(law.Reconsideration, c.from, c.move, env)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
			if _, ok := err.(*procedure.Refusal); !ok {
				t.Errorf("error %T, want *procedure.Refusal", err)
			}
			if len(before) != len(c.from) || before.Str("stage") != c.from.Str("stage") {
				t.Errorf("a refused step changed the values it was given")
			}
		})
	}
}

// 视为受理 (第30条第3款): the review period over without a refusal, the case counts as accepted
// from the day the period ends; nothing is deemed on the last day itself, nor once the case has
// moved on.
func TestDeemedAcceptance(t *testing.T) {
	v := application("2025-09-26")
	if d := procedure.Project(law.Reconsideration, v, cal, calendar.MustParseDate("2025-10-10")).Deemed; len(d) != 0 {
		t.Fatalf("deemed on the last day: %+v", d)
	}
	p := procedure.Project(law.Reconsideration, v, cal, calendar.MustParseDate("2025-10-13"))
	if len(p.Deemed) != 1 || p.Deemed[0].Transition != "deem_accept" || p.Deemed[0].Due != "2025-10-10" {
		t.Fatalf("deemed after the period: %+v", p.Deemed)
	}
	if c := clock(t, p, "reconsideration.acceptance_review"); !c.Overdue || c.DaysLeft != -2 {
		t.Errorf("on 10-13 the review is two working days overdue (10-11 is a 调休 Saturday): %+v", c)
	}
	d := p.Deemed[0]
	nv, err := procedure.Take(law.Reconsideration, v, procedure.Move{Name: d.Transition, Auto: true, Due: d.Due}, env)
	if err != nil {
		t.Fatal(err)
	}
	if nv.Str("stage") != "审理中" || nv.Str("acceptance") != "受理" || nv.Str("accepted_on") != "2025-10-10" || nv.Str("procedure") != "普通" {
		t.Fatalf("after 视为受理: %v", nv)
	}
	if d := procedure.Project(law.Reconsideration, nv, cal, calendar.MustParseDate("2025-10-13")).Deemed; len(d) != 0 {
		t.Errorf("deemed again once accepted: %+v", d)
	}
}
