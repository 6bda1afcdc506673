package law

import (
	"fmt"
	"strconv"
	"time"
)

// The rules of 行政复议法 (2023) that compare a date with a statutory period, and the flags
// (程序瑕疵, 办案提示) a case carries instead of being refused (law.md "Refuse or flag").

// AbandonedWording is the statute's wording of what the ledger calls 视为撤回 (第31条第2款).
const AbandonedWording = "无正当理由逾期不补正的，视为申请人放弃行政复议申请，并记录在案（第31条第2款）"

// AgreementRemedies are what 第71条 lets the office order when a 行政协议 was not lawfully
// concluded, performed, changed or ended.
var AgreementRemedies = []string{"依法订立", "继续履行", "采取补救措施", "赔偿损失", "其他"}

// dutyFailure is the act type of a claim that the respondent failed a statutory duty: the only
// case for 责令履行 (第66条) and 驳回复议请求 (第69条).
const dutyFailure = "不履行法定职责"

// supplementClock: ten working days from the applicant's receipt of the notice (第31条第2款),
// extendable for 正当理由; while the receipt is not recorded the clock waits instead of
// guessing, and its lapse is proposed for a clerk to confirm as 视为放弃 — never automatic.
var supplementClock = ClockRule{ID: "reconsideration.supplement", Label: "补正期限", Budget: 10, Unit: WorkingDays,
	Article:    "行政复议法第31条第2款（自收到补正通知之日起十日内补正；有正当理由的可以延长；" + AbandonedWording + "）",
	StartField: "supplement_notice_received_on", PendingOn: "supplement_requested_on", StopField: "supplement_received_on",
	StopWhen:      func(v Values) bool { return v.Str("stage") != "补正中" },
	ExtensionDays: func(v Values) int { n, _ := strconv.Atoi(v.Str("supplement_extension_days")); return max(n, 0) },
	Proposes:      "deem_withdrawn"}

// answerClock: the respondent answers within ten (simplified: five) working days of receiving
// the copy (第48条、第54条), not of its sending.
var answerClock = ClockRule{ID: "reconsideration.answer", Label: "被申请人答复期限", Unit: WorkingDays, Budget: 10, BudgetFor: simpleOr(5, 10),
	Article:    "行政复议法第48条（自收到申请书副本之日起十日）、第54条（简易程序五日）；逾期未答复的依第70条处理",
	StartField: "copy_received_on", PendingOn: "copy_sent_on", StopField: "answer_received_on",
	StopWhen: reconsiderationConcluded}

var decisionClock = ClockRule{ID: "reconsideration.decision", Label: "复议决定期限", Unit: NaturalDays, Budget: 60, BudgetFor: simpleOr(30, 60),
	Article:    "行政复议法第62条（普通程序六十日，期限届满前经批准可延长一次不超过三十日；简易程序三十日）；第39条中止期间不计入",
	StartField: "accepted_on", StopField: "closed_on", SuspensionsField: "suspensions",
	When: accepted, ExtensionDays: extensionDays}

// applicationClock: sixty days from knowing of the act (第20条第1款).
var applicationClock = ClockRule{ID: "reconsideration.application", Label: "申请期限", Budget: 60, Unit: NaturalDays,
	Article: "行政复议法第20条第1款", StartField: "known_on"}

var reconsiderationFlags = []Flag{
	{Field: "defects", Label: "补正通知超过收到申请之日起五个工作日（第31条第1款）", Test: supplementNoticeLate},
	{Field: "defects", Label: "听证通知迟于听证前五个工作日（第51条）", Test: hearingNoticeLate},
	{Field: "defects", Label: "受理了超过申请期限的申请（第20条）", Test: func(v Values, env Env) bool {
		return accepted(v) && applicationLate(v, env) != ""
	}},
	{Field: "warnings", Label: "被申请人逾期未答复（第70条视为该行政行为没有证据和依据）", Test: answerLapsed},
	{Field: "warnings", Label: "驳回复议请求用于不履行法定职责以外的案件（第69条）", Test: func(v Values, _ Env) bool {
		return v.Str("outcome") == "驳回复议请求" && v.Str("act_type") != "" && v.Str("act_type") != dutyFailure
	}},
	{Field: "warnings", Label: "责令履行用于不履行法定职责以外的案件（第66条）", Test: func(v Values, _ Env) bool {
		return v.Str("outcome") == "责令履行" && v.Str("act_type") != "" && v.Str("act_type") != dutyFailure
	}},
	{Field: "warnings", Label: "确认无效而申请人未请求确认无效（第67条）", Test: func(v Values, _ Env) bool {
		return v.Str("outcome") == "确认无效" && v.Str("request_type") != "确认无效"
	}},
	{Field: "warnings", Label: "行政协议的处理用于行政协议以外的案件（第71条）", Test: func(v Values, _ Env) bool {
		return v.Str("agreement_remedy") != "" && v.Str("act_type") != "行政协议"
	}},
	{Field: "warnings", Label: "一并提出的行政赔偿请求未同时决定（第72条）", Test: func(v Values, _ Env) bool {
		return v.Str("compensation_claimed") == "是" && contains(DecisionOutcomes, v.Str("outcome")) &&
			v.Str("outcome") != "驳回申请" && v.Str("compensation_decision") == ""
	}},
	{Field: "warnings", Label: "被申请人为县级政府（第24条由上一级人民政府管辖）", Test: func(v Values, _ Env) bool {
		return v.Str("respondent_type") == "县级政府"
	}},
}

// supplementNoticeLate: 第31条第1款 — the notice goes out within five working days of receipt.
// A late one happened (the ledger records it) and is a defect, not a reason to refuse.
func supplementNoticeLate(v Values, env Env) bool {
	return after(v.Str("supplement_requested_on"), v.Str("received_on"), 5, env)
}

// hearingNoticeLate: 第51条 — the parties are told in writing five working days before.
func hearingNoticeLate(v Values, env Env) bool {
	return after(v.Str("hearing_notice_on"), v.Str("hearing_on"), -5, env)
}

// after reports whether date is later than base shifted by n working days (false when either
// is unset or there is no calendar).
func after(date, base string, n int, env Env) bool {
	if env.AddWorkdays == nil || date == "" || base == "" {
		return false
	}
	latest, err := env.AddWorkdays(base, n)
	return err == nil && date > latest
}

// answerLapsed: 第70条 — no answer within the period of 第48条 (from the respondent's receipt
// of the copy), answered late or not at all by today.
func answerLapsed(v Values, env Env) bool {
	due := env.DueOf(answerClock, v)
	if due == "" {
		return false
	}
	if a := v.Str("answer_received_on"); a != "" {
		return a > due
	}
	// No answer: lapsed only if the period ran out while the case was still before the office —
	// a case withdrawn or settled within the period never needed one (第70条 speaks of a
	// respondent that fails to answer within the period).
	end := v.Str("closed_on")
	if end == "" {
		end = env.Today
	}
	return end != "" && end > due
}

// applicationPeriodEnd is the last day to apply under 第20条: sixty days from knowing of the
// act, or at most a year when the respondent did not tell of the right and the period (第3款);
// "" when 知道行政行为日期 is not recorded or there is no calendar.
func applicationPeriodEnd(v Values, env Env) string {
	known := v.Str("known_on")
	if known == "" || env.AddWorkdays == nil {
		return ""
	}
	if v.Str("rights_not_told") != "是" {
		return env.DueOf(applicationClock, v)
	}
	t, err := time.Parse("2006-01-02", known)
	if err != nil {
		return ""
	}
	// A period ending on a rest day ends on the next working day (第88条第1款).
	end, err := env.AddWorkdays(t.AddDate(1, 0, 0).AddDate(0, 0, -1).Format("2006-01-02"), 1)
	if err != nil {
		return ""
	}
	return end
}

// applicationLate says why an application is out of time at acceptance (第20条, 第30条第1款第4项),
// or "": a 正当理由 for the delay recorded (第20条第2款) lets it through.
func applicationLate(v Values, env Env) string {
	end := applicationPeriodEnd(v, env)
	if end == "" || v.Str("received_on") <= end || v.Str("delay_reason") != "" {
		return ""
	}
	return fmt.Sprintf("收到申请日期 %s 已超过第20条规定的申请期限（自知道行政行为之日 %s 起算，至 %s）；"+
		"因不可抗力或者其他正当理由耽误的，请填写「耽误申请期限的正当理由」，否则应当决定不予受理（第30条第1款第4项）",
		v.Str("received_on"), v.Str("known_on"), end)
}

// extensionInTime: 第62条第1款 — the extension is approved before the decision period ends;
// after it has ended there is nothing to extend, and the case stays overdue. Refused on every
// path (form, API, import): an impossible combination, not a defect of the past.
func extensionInTime(v Values, env Env) (string, string) {
	approved := v.Str("extension_approved_on")
	if v.Str("extended") != "是" || approved == "" {
		return "", ""
	}
	base := v.Clone()
	delete(base, "extended")
	due := env.DueOf(decisionClock, base)
	if due == "" || approved <= due {
		return "", ""
	}
	return "extension_approved_on", fmt.Sprintf("延期批准日期 %s 晚于审理期限届满日 %s：延长审理期限应当在期限届满前批准，期限届满后不能延期，本案已超期", approved, due)
}

// terminationAfterLongSuspension: 第41条第5项 on the stored values (an import, an edit): a case
// terminated for a long suspension was suspended on grounds 39(1)(2)(4) for sixty days or more.
func terminationAfterLongSuspension(v Values) (string, string) {
	if v.Str("termination_ground") != TerminationGrounds[4] {
		return "", ""
	}
	switch v.Str("suspension_ground") {
	case SuspensionGrounds[0], SuspensionGrounds[1], SuspensionGrounds[3]:
	default:
		return "termination_ground", "依第41条第5项终止须是依第39条第1款第1、2、4项中止的案件，请填写相应的中止事由"
	}
	if v.Str("suspended_on") == "" || v.Str("closed_on") == "" {
		return "suspended_on", "依第41条第5项终止须填写中止日期和结案日期"
	}
	if days := DaysBetween(v.Str("suspended_on"), v.Str("closed_on")); days < 60 {
		return "termination_ground", fmt.Sprintf("中止才%d日，未满六十日，不能依第41条第5项终止", days)
	}
	return "", ""
}

// checkSupplementRequest: 第31条第1款 — the notice lists every item at once. A notice sent
// after the five working days is recorded and flagged (supplementNoticeLate), not refused.
func checkSupplementRequest(v Values) string {
	if v.Str("supplement_received_on") != "" {
		return "补正通知应当一次性载明需要补正的事项，本案已通知过补正并已收到补正材料，不能再次通知补正"
	}
	return ""
}

// checkSupplementExtension: the extension of 第31条第2款 is a number of working days.
func checkSupplementExtension(v Values) string {
	if n, err := strconv.Atoi(v.Str("supplement_extension_days")); err != nil || n < 1 {
		return "延长补正期限天数应为正整数（工作日）"
	}
	return ""
}

// confirmAbandoned is the clerk's confirmation of 视为放弃 (第31条第2款): only once the (extended)
// period has run out, counted from the applicant's receipt of the notice; the application is
// closed the day after the period's last day.
func confirmAbandoned(s *Step) string {
	v := s.Values
	if v.Str("supplement_notice_received_on") == "" {
		return "尚未登记「收到补正通知日期」，补正期限尚未起算，不能确认视为放弃"
	}
	due := s.DueOf(supplementClock, v)
	if due == "" {
		return "补正期限无法计算（工作日历缺少相应年份），请先补充工作日历"
	}
	if s.Today != "" && s.Today <= due {
		return "补正期限至 " + due + " 届满（含延长的期限），届满后才能确认视为放弃"
	}
	v["acceptance_closed_on"] = AddDays(due, 1)
	return ""
}
