package procedure_test

import (
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// The clocks of 法律援助法 over the 2025 National Day holiday (10-01 … 10-08 off; Sun 09-28 and
// Sat 10-11 are working days), step by step through the state machine with no database. Each
// step is followed by Settle, as the store does before it keeps the values.

func legalAidApplication(applied string) law.Values {
	v := law.Values{"code": "FY-1", "org": "441481-SFJ-FLYZ", "applied_on": applied, "client": "李四",
		"source": "申请", "case_type": "民事", "form": "民事代理"}
	procedure.Settle(law.LegalAid, v)
	return v
}

func takeAll(t *testing.T, v law.Values, moves []move) law.Values {
	t.Helper()
	for _, m := range moves {
		var err error
		if v, err = procedure.Take(law.LegalAid, v, procedure.Move{Name: m.name, Inputs: m.inputs}, env); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		procedure.Settle(law.LegalAid, v)
		if probs := law.LegalAid.Validate(v); len(probs) > 0 {
			t.Fatalf("%s: %v", m.name, probs)
		}
	}
	return v
}

var (
	requested = move{"request_materials", law.Values{"supplement_requested_on": "2025-09-29", "supplement_items": "收入状况证明"}}
	supplied  = move{"materials_received", law.Values{"supplement_received_on": "2025-10-13"}}
	granted   = move{"grant", law.Values{"decided_on": "2025-10-15", "means_test": "核查"}}
)

func TestLegalAidClocks(t *testing.T) {
	for _, c := range []struct {
		name  string
		v     law.Values
		moves []move
		rule  string
		state string
		due   string
	}{
		// 第43条第1款 with the procedure rule's seven working days, counted from the day after
		// the application (Fri 09-26): Sun 09-28 (1), Mon 09-29 (2), Tue 09-30 (3), then the
		// holiday, Thu 10-09 (4), Fri 10-10 (5), Sat 10-11 (6), Mon 10-13 (7).
		{"第43条: seven working days over 国庆", legalAidApplication("2025-09-26"), nil,
			"legal_aid.review", procedure.Running, "2025-10-13"},
		// While the applicant gathers the materials, the review waits.
		{"程序规定: the review waits for the materials", legalAidApplication("2025-09-26"), []move{requested},
			"legal_aid.review", procedure.Paused, ""},
		// The acceptance vector: materials requested Mon 09-29, supplied Mon 10-13. The notice
		// day is a day of the review (working day 2); the applicant's time runs from the day
		// after the notice to the day the materials arrive (09-30 … 10-13) and is not counted
		// (补充材料期间不计入审查期限). The review counts on from Tue 10-14 (3): 10-15 (4),
		// 10-16 (5), Fri 10-17 (6), Mon 10-20 (7). Due 2025-10-20.
		{"程序规定: supplement time not counted — due 10-20", legalAidApplication("2025-09-26"), []move{requested, supplied},
			"legal_aid.review", procedure.Running, "2025-10-20"},
		{"第43条: the decision stops the review", legalAidApplication("2025-09-26"), []move{requested, supplied, granted},
			"legal_aid.review", procedure.Stopped, "2025-10-20"},
		// Three days from the grant (Wed 10-15) end on Sat 10-18, a rest day: Mon 10-20.
		{"第43条: assign within three days of the grant", legalAidApplication("2025-09-26"), []move{requested, supplied, granted},
			"legal_aid.assign", procedure.Running, "2025-10-20"},
		// 第36条: the notice of Tue 09-30 gives three days ending 10-03, in the holiday: 10-09.
		{"第36条: a notified defence is assigned within three days of the notice", notifiedDefence("2025-09-30"), nil,
			"legal_aid.notified_assign", procedure.Running, "2025-10-09"},
		// 第49条: an objection of Mon 10-20 to a refusal is reviewed within five days (Sat 10-25
		// → Mon 10-27).
		{"第49条: objection reviewed within five days", legalAidApplication("2025-10-09"),
			[]move{{"refuse", law.Values{"decided_on": "2025-10-14", "refusal_reason": "申请事项不属于法律援助范围"}},
				{"object", law.Values{"objection_on": "2025-10-20"}}},
			"legal_aid.objection", procedure.Running, "2025-10-27"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := takeAll(t, c.v, c.moves)
			got := clock(t, procedure.Project(law.LegalAid, v, cal, calendar.Date{}), c.rule)
			if got.State != c.state || (c.state != procedure.Stopped && got.Due != c.due) {
				t.Errorf("%s: state %s due %q, want %s %q (values %v)", c.rule, got.State, got.Due, c.state, c.due, v)
			}
		})
	}
}

func notifiedDefence(notice string) law.Values {
	v := law.Values{"code": "FY-2", "org": "441481-SFJ-FLYZ", "applied_on": notice, "client": "张三",
		"source": "通知辩护", "notifying_body": "人民法院", "notice_received_on": notice,
		"defence_ground": law.DefenceGrounds[3], "case_type": "刑事", "form": "刑事辩护"}
	procedure.Settle(law.LegalAid, v)
	return v
}

// 第25条、第36条: a notified defence enters ready to assign, without review or means test, and
// counts as taken on when assigned; an application counts when granted.
func TestNotifiedDefenceEntersReadyToAssign(t *testing.T) {
	v := notifiedDefence("2025-09-30")
	if v.Str("stage") != "给予" || v.Str("decision") != "给予" || v.Str("means_test") != "无需审查" {
		t.Fatalf("a notified defence settles as %s/%s/%s, want 给予/给予/无需审查", v.Str("stage"), v.Str("decision"), v.Str("means_test"))
	}
	// A form or ledger that says 决定 审查中 for a notified defence gets it given all the same.
	w := law.Values{"source": "通知辩护", "decision": "审查中", "notice_received_on": "2025-09-30"}
	procedure.Settle(law.LegalAid, w)
	if w.Str("stage") != "给予" || w.Str("decision") != "给予" {
		t.Errorf("a notified defence entered as 审查中 settles as %s/%s, want 给予/给予", w.Str("stage"), w.Str("decision"))
	}
	p := procedure.Project(law.LegalAid, v, cal, calendar.Date{})
	for _, c := range p.Clocks {
		if c.Rule.ID == "legal_aid.review" || c.Rule.ID == "legal_aid.assign" {
			t.Errorf("a notified defence runs the application clock %s", c.Rule.ID)
		}
	}
	v = takeAll(t, v, []move{{"assign", law.Values{"assigned_on": "2025-10-09", "handler": "王律师", "handler_type": "律师", "handler_years": "5"}}})
	if v.Str("counted_on") != "2025-10-09" {
		t.Errorf("counted on %q, want the assignment 2025-10-09", v.Str("counted_on"))
	}
	a := takeAll(t, legalAidApplication("2025-09-26"), []move{requested, supplied, granted})
	if a.Str("counted_on") != "2025-10-15" {
		t.Errorf("an application counted on %q, want the grant 2025-10-15", a.Str("counted_on"))
	}
}

// The checks refuse what 法律援助法 does not allow, naming the field and the article.
func TestLegalAidChecks(t *testing.T) {
	base := takeAll(t, legalAidApplication("2025-09-26"), []move{granted})
	for _, c := range []struct {
		name  string
		edit  law.Values
		field string
		says  string
	}{
		{"第42条: 免予核查 needs its ground", law.Values{"means_test": "免予核查"}, "waiver_ground", "第42条"},
		{"第32条: 无需审查 needs a ground", law.Values{"means_test": "无需审查"}, "exempt_ground", "第32条"},
		{"第30条: duty lawyers only in criminal matters", law.Values{"form": "值班律师法律帮助"}, "form", "第30条"},
		{"dates in order", law.Values{"decided_on": "2025-09-20"}, "decided_on", "早于申请日期"},
	} {
		v := base.Clone()
		for k, x := range c.edit {
			v[k] = x
		}
		probs := law.LegalAid.Validate(v)
		if len(probs) == 0 || probs[0].Field != c.field || !strings.Contains(probs[0].Message, c.says) {
			t.Errorf("%s: %v, want a problem on %s saying %s", c.name, probs, c.field, c.says)
		}
	}
	// 第25条、第26条 on a notified defence.
	n := notifiedDefence("2025-09-30")
	for _, c := range []struct {
		name, typ, years, field, says string
	}{
		{"第25条: a lawyer, not a volunteer", "法律援助志愿者", "", "handler_type", "第25条"},
		{"第26条: three years' practice for a possible life sentence", "律师", "2", "handler_years", "第26条"},
	} {
		v := n.Clone()
		v["stage"], v["assigned_on"], v["handler"], v["handler_type"], v["handler_years"] = "已指派", "2025-10-09", "某某", c.typ, c.years
		probs := law.LegalAid.Validate(v)
		if len(probs) == 0 || probs[0].Field != c.field || !strings.Contains(probs[0].Message, c.says) {
			t.Errorf("%s: %v, want a problem on %s saying %s", c.name, probs, c.field, c.says)
		}
	}
	// 第43条第2款: the materials are asked for once.
	v := takeAll(t, legalAidApplication("2025-09-26"), []move{requested, supplied})
	if _, err := procedure.Take(law.LegalAid, v, procedure.Move{Name: "request_materials", Inputs: requested.inputs}, env); err == nil ||
		!strings.Contains(err.Error(), "一次性告知") {
		t.Errorf("a second request for materials: %v", err)
	}
	// 第43条第1款: a refusal without reasons.
	if _, err := procedure.Take(law.LegalAid, legalAidApplication("2025-09-26"), procedure.Move{Name: "refuse",
		Inputs: law.Values{"decided_on": "2025-10-09"}}, env); err == nil || !strings.Contains(err.Error(), "不予理由") {
		t.Errorf("a refusal without reasons: %v", err)
	}
	// 第44条: help first needs its ground.
	if _, err := procedure.Take(law.LegalAid, legalAidApplication("2025-09-26"), procedure.Move{Name: "grant_first",
		Inputs: law.Values{"decided_on": "2025-09-28"}}, env); err == nil || !strings.Contains(err.Error(), "第44条") {
		t.Errorf("先行援助 without a ground: %v", err)
	}
}
