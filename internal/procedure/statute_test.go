package procedure_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// The corrections of issue 8, without a database; the store's statute_test.go takes the same
// cases through both engines.

func take(t *testing.T, k *law.Kind, v law.Values, e law.Env, name string, in law.Values) law.Values {
	t.Helper()
	nv, err := procedure.Take(k, v, procedure.Move{Name: name, Inputs: in}, e)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return nv
}

// withSupplement is an application of 2025-09-26 asked on 10-09 to supplement; received is the
// applicant's receipt of the notice ("" while unknown).
func withSupplement(t *testing.T, received string) law.Values {
	in := law.Values{"supplement_requested_on": "2025-10-09", "supplement_items": "身份证明"}
	if received != "" {
		in["supplement_notice_received_on"] = received
	}
	return take(t, law.Reconsideration, application("2025-09-26"), env, "request_supplement", in)
}

// settled is the values as the store keeps them: Normalize, first state and flags under env.
func settled(k *law.Kind, v law.Values, e law.Env) law.Values {
	v = v.Clone()
	procedure.SettleIn(k, v, e)
	return v
}

func list(v law.Values, key string) []string {
	items, _ := v[key].([]string)
	return items
}

// 行政复议法第30条第3款: received Friday 2024-09-27 and still under review, the case is deemed
// accepted on 2024-10-10 — the day the five working days end (9-29 is a 调休 Sunday, 10-1…10-7
// 国庆) — and the copy and decision periods run from there.
func TestDeemedAcceptanceFromTheLastDay(t *testing.T) {
	v := application("2024-09-27")
	p := procedure.Project(law.Reconsideration, v, cal, calendar.MustParseDate("2024-10-11"))
	if len(p.Deemed) != 1 || p.Deemed[0].Due != "2024-10-10" {
		t.Fatalf("deemed: %+v", p.Deemed)
	}
	nv, err := procedure.Take(law.Reconsideration, v, procedure.Move{Name: "deem_accept", Auto: true, Due: p.Deemed[0].Due}, env)
	if err != nil {
		t.Fatal(err)
	}
	if nv.Str("accepted_on") != "2024-10-10" {
		t.Fatalf("第30条第3款: accepted_on %s, want 2024-10-10", nv.Str("accepted_on"))
	}
	tr, _ := law.Reconsideration.Transition("deem_accept")
	if !strings.Contains(tr.Article, "第30条第3款") {
		t.Errorf("视为受理 cites %q, want 第30条第3款", tr.Article)
	}
	after := procedure.Project(law.Reconsideration, nv, cal, calendar.Date{})
	// 7 WD from 10-10: 10-11, 10-12 (调休 Saturday), 10-14 … 10-18; 60 ND: 12-09, a Monday.
	for rule, due := range map[string]string{"reconsideration.copy": "2024-10-18", "reconsideration.decision": "2024-12-09"} {
		if c := clock(t, after, rule); c.Due != due {
			t.Errorf("%s due %s, want %s (from the deemed acceptance of 10-10)", rule, c.Due, due)
		}
	}
}

// 第31条第2款: the lapse of the (extended) period is proposed for a clerk to confirm as 视为放弃,
// never taken by the system; the confirmation closes the application the day after the period.
func TestAbandonmentIsProposedNotDeemed(t *testing.T) {
	v := withSupplement(t, "2025-10-10") // 10 WD ⇒ 10-23
	p := procedure.Project(law.Reconsideration, v, cal, calendar.MustParseDate("2025-10-27"))
	if len(p.Deemed) != 0 {
		t.Fatalf("第31条第2款: the system would withdraw the application unattended: %+v", p.Deemed)
	}
	if len(p.Proposed) != 1 || p.Proposed[0].Transition != "deem_withdrawn" || p.Proposed[0].Due != "2025-10-23" {
		t.Fatalf("proposed: %+v", p.Proposed)
	}
	if _, err := procedure.Take(law.Reconsideration, v, procedure.Move{Name: "deem_withdrawn", Auto: true, Due: "2025-10-23"}, env); err == nil {
		t.Error("the system took 视为放弃 by itself")
	}
	if tr, _ := law.Reconsideration.Transition("deem_withdrawn"); !strings.Contains(tr.Article, "视为申请人放弃行政复议申请") {
		t.Errorf("the step does not give the statute's wording: %q", tr.Article)
	}
	if f, _ := law.Reconsideration.Field("acceptance"); !strings.Contains(f.Help, "视为撤回：无正当理由逾期不补正的，视为申请人放弃行政复议申请") {
		t.Errorf("受理情况 does not show the statute's wording beside 视为撤回: %q", f.Help)
	}
	confirmed := take(t, law.Reconsideration, v, procedure.Env(cal, calendar.MustParseDate("2025-10-27")), "deem_withdrawn", nil)
	if confirmed.Str("stage") != "视为撤回" || confirmed.Str("acceptance_closed_on") != "2025-10-24" {
		t.Errorf("after the clerk's confirmation: %v", confirmed)
	}
	// Extended by three working days for 正当理由, nothing is proposed on 10-27.
	ext := take(t, law.Reconsideration, v, env, "extend_supplement", law.Values{"supplement_extension_days": "3", "supplement_extension_reason": "申请人住院"})
	if p := procedure.Project(law.Reconsideration, ext, cal, calendar.MustParseDate("2025-10-27")); len(p.Proposed) != 0 {
		t.Errorf("proposed within the extended period: %+v", p.Proposed)
	}
	// The receipt unknown: the clock says so and proposes nothing.
	waiting := clock(t, procedure.Project(law.Reconsideration, withSupplement(t, ""), cal, calendar.MustParseDate("2026-01-05")), "reconsideration.supplement")
	if waiting.State != procedure.Waiting || !strings.Contains(waiting.Problem, "收到补正通知日期") {
		t.Errorf("unknown receipt: %+v", waiting)
	}
}

// 第62条第1款: an extension approved after the decision period ended is refused on every path —
// the step, and the stored values (import, API) — and the case stays overdue.
func TestExtensionAfterExpiryRefused(t *testing.T) {
	v := take(t, law.Reconsideration, application("2025-07-31"), env, "accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"})
	if _, err := procedure.Take(law.Reconsideration, v, procedure.Move{Name: "extend",
		Inputs: law.Values{"extension_days": "30", "extension_approved_on": "2025-10-10"}}, env); err == nil || !strings.Contains(err.Error(), "2025-10-09") {
		t.Fatalf("第62条: extension after expiry on the step: %v", err)
	}
	imported := v.Clone()
	imported["extended"], imported["extension_days"], imported["extension_approved_on"] = "是", "30", "2025-10-10"
	probs := law.Reconsideration.ValidateIn(settled(law.Reconsideration, imported, env), nil, env)
	if len(probs) != 1 || probs[0].Field != "extension_approved_on" || !strings.Contains(probs[0].Message, "第62条") {
		t.Fatalf("第62条: extension after expiry in stored values: %v", probs)
	}
	if c := clock(t, procedure.Project(law.Reconsideration, v, cal, calendar.MustParseDate("2025-10-10")), "reconsideration.decision"); !c.Overdue {
		t.Errorf("the case should stay overdue: %+v", c)
	}
	imported["extension_approved_on"] = "2025-10-09"
	if probs := law.Reconsideration.ValidateIn(settled(law.Reconsideration, imported, env), nil, env); len(probs) != 0 {
		t.Errorf("第62条: approved on the last day: %v", probs)
	}
}

// law.md "Refuse or flag": the 第41条(五) sixty days are refused in stored values as on the step;
// a late hearing notice (第51条) or 补正 notice (第31条第1款) is stored and flagged 程序瑕疵.
func TestRefuseOrFlag(t *testing.T) {
	base := take(t, law.Reconsideration, application("2025-07-31"), env, "accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"})
	term := base.Clone()
	term["stage"], term["suspended_on"], term["suspension_ground"] = "已审结", "2025-08-10", law.SuspensionGrounds[0]
	term["suspensions"], term["resumed_on"] = []string{"2025-08-10~2025-09-08"}, "2025-09-09"
	term["closed_on"], term["outcome"], term["termination_ground"] = "2025-09-09", "终止", law.TerminationGrounds[4]
	if probs := law.Reconsideration.ValidateIn(settled(law.Reconsideration, term, env), nil, env); len(probs) == 0 || !strings.Contains(probs[0].Message, "第41条第5项") {
		t.Errorf("第41条第5项: thirty days of suspension in stored values: %v", probs)
	}

	heard := base.Clone()
	heard["hearing"], heard["hearing_on"], heard["hearing_notice_on"] = "是", "2025-10-17", "2025-10-13" // latest 10-11 (调休 Saturday)
	heard = settled(law.Reconsideration, heard, env)
	if probs := law.Reconsideration.ValidateIn(heard, nil, env); len(probs) != 0 {
		t.Errorf("第51条: a late notice refused: %v", probs)
	}
	if got := list(heard, "defects"); len(got) != 1 || !strings.Contains(got[0], "第51条") {
		t.Errorf("第51条: defects %v", got)
	}
	// The step flags it too: what happened is recorded.
	sched := take(t, law.Reconsideration, base, env, "schedule_hearing", law.Values{"hearing_on": "2025-10-17", "hearing_notice_on": "2025-10-13"})
	if got := list(settled(law.Reconsideration, sched, env), "defects"); len(got) != 1 {
		t.Errorf("第51条 on the step: %v", got)
	}

	late := take(t, law.Reconsideration, application("2025-09-26"), env, "request_supplement",
		law.Values{"supplement_requested_on": "2025-10-11", "supplement_items": "身份证明"}) // latest 10-10
	if got := list(settled(law.Reconsideration, late, env), "defects"); len(got) != 1 || !strings.Contains(got[0], "第31条第1款") {
		t.Errorf("第31条第1款: defects %v", got)
	}
	if got := list(settled(law.Reconsideration, withSupplement(t, ""), env), "defects"); len(got) != 0 {
		t.Errorf("a notice in time flagged: %v", got)
	}
	// A value typed into the flag field is replaced by what the rules find.
	typed := base.Clone()
	typed["defects"] = []string{"听证通知迟于听证前五个工作日（第51条）"}
	if got := list(settled(law.Reconsideration, typed, env), "defects"); len(got) != 0 {
		t.Errorf("a typed flag kept: %v", got)
	}
}

// 第66–69条, 第71–72条: a decision that does not fit the case is kept and flagged 办案提示.
func TestDecisionFitsTheCase(t *testing.T) {
	base := take(t, law.Reconsideration, application("2025-07-31"), env, "accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"})
	for _, c := range []struct {
		name    string
		set     law.Values
		article string // "" when nothing is flagged
	}{
		{"第69条: 驳回复议请求 on 行政处罚", law.Values{"outcome": "驳回复议请求"}, "第69条"},
		{"第69条: 驳回复议请求 on a failure of duty", law.Values{"outcome": "驳回复议请求", "act_type": "不履行法定职责"}, ""},
		{"第66条: 责令履行 on 行政处罚", law.Values{"outcome": "责令履行"}, "第66条"},
		{"第67条: 确认无效 not asked for", law.Values{"outcome": "确认无效", "request_type": "撤销"}, "第67条"},
		{"第67条: 确认无效 asked for", law.Values{"outcome": "确认无效", "request_type": "确认无效"}, ""},
		{"第71条: an agreement remedy outside 行政协议", law.Values{"outcome": "撤销", "agreement_remedy": "继续履行"}, "第71条"},
		{"第72条: compensation claimed, not decided", law.Values{"outcome": "撤销", "compensation_claimed": "是"}, "第72条"},
		{"第72条: compensation decided with the decision", law.Values{"outcome": "撤销", "compensation_claimed": "是", "compensation_decision": "决定赔偿"}, ""},
		{"第24条: a case against the county government itself", law.Values{"respondent_type": "县级政府"}, "第24条"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := base.Clone()
			if c.set.Str("outcome") != "" {
				v["stage"], v["closed_on"] = "已审结", "2025-09-20"
			}
			for k, x := range c.set {
				v[k] = x
			}
			v = settled(law.Reconsideration, v, env)
			if probs := law.Reconsideration.ValidateIn(v, nil, env); len(probs) != 0 {
				t.Fatalf("refused: %v", probs)
			}
			got := list(v, "warnings")
			if c.article == "" && len(got) != 0 || c.article != "" && (len(got) != 1 || !strings.Contains(got[0], c.article)) {
				t.Errorf("warnings %v, want one citing %q", got, c.article)
			}
		})
	}
	decide, _ := law.Reconsideration.Transition("decide")
	for _, key := range []string{"agreement_remedy", "compensation_decision"} {
		if !slices.Contains(decide.Inputs, key) {
			t.Errorf("第71–72条: the decision step does not record %s", key)
		}
	}
}

// 第20条 at acceptance, 第48条 and 第70条 on the answer, 第52条 and 第24条第2款.
func TestApplicationAnswerAndCommittee(t *testing.T) {
	// 第20条第3款: not told of the right, the applicant has up to a year.
	v := application("2025-07-30")
	v["known_on"], v["rights_not_told"] = "2025-05-29", "是"
	take(t, law.Reconsideration, v, env, "accept", law.Values{"accepted_on": "2025-07-31", "procedure": "普通"})
	// 第20条第2款: a delay with 正当理由 recorded is accepted.
	v = application("2025-07-30")
	v["known_on"], v["delay_reason"] = "2025-05-29", "申请人住院治疗"
	take(t, law.Reconsideration, v, env, "accept", law.Values{"accepted_on": "2025-07-31", "procedure": "普通"})
	// An imported case accepted out of time is kept, flagged.
	v = application("2025-07-30")
	v["known_on"], v["acceptance"], v["accepted_on"] = "2025-05-29", "受理", "2025-07-31"
	v = settled(law.Reconsideration, v, env)
	if got := list(v, "defects"); len(got) != 1 || !strings.Contains(got[0], "第20条") {
		t.Errorf("第20条: an imported late acceptance: defects %v", got)
	}

	// 第48条、第70条: answered after the ten working days from receipt (08-08 ⇒ 08-22).
	acc := take(t, law.Reconsideration, application("2025-07-31"), env, "accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"})
	sent := take(t, law.Reconsideration, acc, env, "send_copy", law.Values{"copy_sent_on": "2025-08-05", "copy_received_on": "2025-08-08"})
	onTime := take(t, law.Reconsideration, sent, env, "receive_answer", law.Values{"answer_received_on": "2025-08-22"})
	lateAnswer := take(t, law.Reconsideration, sent, env, "receive_answer", law.Values{"answer_received_on": "2025-08-25"})
	if got := list(settled(law.Reconsideration, onTime, env), "warnings"); len(got) != 0 {
		t.Errorf("第48条: an answer on the last day flagged: %v", got)
	}
	if got := list(settled(law.Reconsideration, lateAnswer, env), "warnings"); len(got) != 1 || !strings.Contains(got[0], "第70条") {
		t.Errorf("第70条: a late answer: %v", got)
	}
	if got := list(settled(law.Reconsideration, sent, procedure.Env(cal, calendar.MustParseDate("2025-08-25"))), "warnings"); len(got) != 1 {
		t.Errorf("第70条: no answer by 08-25: %v", got)
	}
	// A case withdrawn within the answer period never needed an answer: no 第70条 flag later.
	withdrawn := sent.Clone()
	withdrawn["closed_on"], withdrawn["outcome"] = "2025-08-12", "撤回"
	if got := list(settled(law.Reconsideration, withdrawn, procedure.Env(cal, calendar.MustParseDate("2025-09-30"))), "warnings"); len(got) != 0 {
		t.Errorf("第70条: a case withdrawn within the period flagged: %v", got)
	}

	// 第52条第2款第3项: the 第24条第2款 ground is a province's, never a county's.
	c := acc.Clone()
	c["consultation_ground"] = law.ConsultationGrounds[2]
	if probs := law.Reconsideration.ValidateIn(c, nil, env); len(probs) != 1 || !strings.Contains(probs[0].Message, "县级行政复议机构不办理") {
		t.Errorf("第52条: %v", probs)
	}
}

// 行政复议法第50条第3款 (the panel) and 第51条第3款 (the respondent's head at the hearing).
func TestHearingPanelAndRespondentHead(t *testing.T) {
	v := law.Values{"code": "H-1", "org": "441481-SFJ", "case": "R-1", "held_on": "2025-06-24", "panel": []string{"甲", "乙"}}
	if probs := law.Hearing.Validate(v); len(probs) != 1 || !strings.Contains(probs[0].Message, "第50条第3款") {
		t.Errorf("第50条第3款: %v", probs)
	}
	v["panel"] = []string{"主持人", "听证员甲", "听证员乙", "记录员"}
	v["respondent_head_attended"] = "否"
	if probs := law.Hearing.Validate(v); len(probs) != 1 || !strings.Contains(probs[0].Message, "第51条第3款") {
		t.Errorf("第51条第3款: %v", probs)
	}
	v["head_absence_reason"], v["respondent_attendee"] = "出差", "法制股股长（受委托）"
	if probs := law.Hearing.Validate(v); len(probs) != 0 {
		t.Errorf("a reason given: %v", probs)
	}
}

// 行政复议法第76条: sixty days from the receipt of a 行政复议意见书 to report.
func TestOpinionLetterClock(t *testing.T) {
	v := law.Values{"code": "L-1", "org": "441481-SFJ", "sent_on": "2025-03-03", "letter_type": "复议意见书",
		"recipients": []string{"兴宁市市场监督管理局"}, "opinion_received_on": "2025-03-05"}
	// 60 ND from 03-05 end on Sunday 05-04, in the 劳动节 holiday (05-01…05-05): so 05-06.
	if c := clock(t, procedure.Project(law.Letter, v, cal, calendar.Date{}), "letter.opinion_report"); c.Due != "2025-05-06" {
		t.Errorf("第76条: due %s, want 2025-05-06", c.Due)
	}
	v["letter_type"] = "应诉督办"
	if got := list(settled(law.Letter, v, env), "warnings"); len(got) != 1 || !strings.Contains(got[0], "第76条") {
		t.Errorf("第76条 on another letter: %v", got)
	}
}

// 人民调解法第33条: the window runs from the agreement taking effect, written (第29条) or oral
// (第30条); an application after it is kept and flagged 超期申请.
func TestJudicialConfirmationWindow(t *testing.T) {
	oral := take(t, law.Mediation, dispute("2024-03-05"), env, "succeed", law.Values{"closed_on": "2024-03-20", "agreement_form": "口头"})
	if c := clock(t, procedure.Project(law.Mediation, oral, cal, calendar.Date{}), "mediation.judicial_confirmation"); c.Due != "2024-04-19" {
		t.Errorf("第33条: an oral agreement's window ends %s, want 2024-04-19", c.Due)
	}
	written := take(t, law.Mediation, dispute("2024-03-05"), env, "succeed",
		law.Values{"closed_on": "2024-03-20", "agreement_form": "书面", "agreement_effective_on": "2024-03-22"}) // ⇒ 04-21 (Sunday) ⇒ 04-22
	late := take(t, law.Mediation, written, env, "apply_confirmation", law.Values{"confirmation_applied_on": "2024-04-23"})
	if got := list(settled(law.Mediation, late, env), "warnings"); len(got) != 1 || got[0] != law.LateConfirmation {
		t.Errorf("第33条: a late application: %v", got)
	}
	inTime := take(t, law.Mediation, written, env, "apply_confirmation", law.Values{"confirmation_applied_on": "2024-04-22"})
	if got := list(settled(law.Mediation, inTime, env), "warnings"); len(got) != 0 {
		t.Errorf("第33条: an application on the last day flagged: %v", got)
	}
}

// 行政诉讼法第67条 (answer), 第85条 (appeal), 出庭应诉规定第4、8条.
func TestLitigationClocksAndFields(t *testing.T) {
	v := law.Values{"code": "A-1", "org": "441481-SFJ", "defendant": "兴宁市公安局", "instance": "一审", "filed_on": "2025-03-03"}
	procedure.Settle(law.Litigation, v)
	v = take(t, law.Litigation, v, env, "receive_complaint", law.Values{"complaint_received_on": "2025-03-07"})
	if c := clock(t, procedure.Project(law.Litigation, v, cal, calendar.Date{}), "litigation.answer"); c.Due != "2025-03-24" {
		t.Errorf("第67条: answer due %s, want 2025-03-24 (03-22 is a Saturday)", c.Due)
	}
	v = take(t, law.Litigation, v, env, "file_answer", law.Values{"answer_filed_on": "2025-03-25"})
	if got := list(settled(law.Litigation, v, env), "warnings"); len(got) != 1 || !strings.Contains(got[0], "第67条") {
		t.Errorf("第67条: a late answer: %v", got)
	}
	v = take(t, law.Litigation, v, env, "record_hearing", law.Values{"hearing_on": "2025-05-06", "head_title": "工作人员", "court_summoned_head": "是"})
	if got := list(settled(law.Litigation, v, env), "warnings"); len(got) != 3 {
		t.Errorf("出庭应诉规定第4、8条: a summoned head absent without a reason: %v", got)
	}
	for _, c := range []struct {
		judgment, form, due string
	}{
		{"败诉", "", "2025-06-25"},   // 判决: 15 ND from 06-10
		{"驳回起诉", "", "2025-06-20"}, // 裁定: 10 ND
		{"胜诉", "裁定", "2025-06-20"}, // as recorded
		{"调解", "", ""},             // 调解书: no appeal
	} {
		in := law.Values{"closed_on": "2025-06-09", "judgment": c.judgment, "judgment_received_on": "2025-06-10"}
		if c.form != "" {
			in["judgment_form"] = c.form
		}
		done := take(t, law.Litigation, v, env, "conclude", in)
		procedure.Settle(law.Litigation, done)
		var got string
		for _, cl := range procedure.Project(law.Litigation, done, cal, calendar.Date{}).Clocks {
			if cl.Rule.ID == "litigation.appeal" {
				got = cl.Due
			}
		}
		if got != c.due {
			t.Errorf("第85条: %s %s: appeal due %q, want %q", c.judgment, c.form, got, c.due)
		}
	}
	bad := v.Clone()
	bad["head_title"], bad["absence_reason"] = "正职", "不可抗力"
	if probs := law.Litigation.Validate(bad); len(probs) != 1 || probs[0].Field != "absence_reason" {
		t.Errorf("出庭应诉规定第8条: a reason for a head who appeared: %v", probs)
	}
	if f, ok := law.Litigation.Field("reconsideration_case"); !ok || f.RefKind != "reconsideration" {
		t.Errorf("no link to the reconsideration case: %+v", f)
	}
}
