package law

// 人民调解 — 人民调解法 (2010); 民事诉讼法 (2023) 第205–206条 on 司法确认.
var Mediation = register(&Kind{
	Name:     "mediation",
	Label:    "人民调解",
	Uploads:  "调解申请书、调解笔录、调解协议书的扫描件",
	Order:    10,
	Law:      "人民调解法",
	OrgField: "committee",
	OrgTypes: []string{"人民调解委员会"},
	// 受理 precedes the ledger's four outcomes: a dispute is registered, then mediated.
	States: []string{"受理", "调解中", "成功", "不成功", "终止"},
	Final:  []string{"成功", "不成功", "终止"},
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode, Help: "调解案件编号，在本调解组织内唯一"},
		{Key: "accepted_on", Label: "受理日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "committee", Label: "调解组织", Type: Org, Required: true, Column: ColOrg, Help: "人民调解委员会的编码或全称"},
		{Key: "dispute_type", Label: "纠纷类型", Type: Enum, Required: true, Column: ColCategory,
			Values: []string{"婚姻家庭", "邻里", "房屋宅基地", "合同", "损害赔偿", "劳动争议", "山林土地", "征地拆迁", "医疗", "道路交通", "物业", "其他"}},
		{Key: "parties", Label: "当事人", Type: List, Help: "多个当事人用；或、分隔"},
		{Key: "party_phone", Label: "当事人联系电话", Type: Phone},
		{Key: "mediator", Label: "调解员", Type: Text},
		{Key: "summary", Label: "纠纷简要情况", Type: Text, MaxLen: LongTextMaxLen},
		{Key: "result", Label: "调解结果", Type: Enum, Required: true, Column: ColStatus, Default: "调解中",
			Values: []string{"受理", "调解中", "成功", "不成功", "终止"}},
		{Key: "closed_on", Label: "结案日期", Type: Date, Column: ColClosed, RequiredUnlessStatus: []string{"受理", "调解中"},
			Help: "调解结果为成功、不成功或终止时必填"},
		{Key: "agreement_form", Label: "协议形式", Type: Enum, Values: []string{"书面", "口头"},
			Help: "人民调解法第28条：书面或口头协议"},
		{Key: "agreement_effective_on", Label: "协议生效日期", Type: Date,
			Help: "书面协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效（人民调解法第29条）；口头协议自各方当事人达成协议之日起生效（第30条）；空则按结案日期"},
		{Key: "amount", Label: "涉及金额", Type: Money, Help: "元，最多两位小数"},
		{Key: "confirmation_applied", Label: "申请司法确认", Type: Bool},
		{Key: "confirmation_applied_on", Label: "申请司法确认日期", Type: Date},
		{Key: "confirmation_result", Label: "司法确认结果", Type: Enum, Values: []string{"确认有效", "驳回申请"},
			Help: "民事诉讼法第206条：裁定调解协议有效或驳回申请"},
		{Key: "warnings", Label: "办案提示", Type: List, Derived: true, Values: FlagLabels(mediationFlags, "warnings"),
			Help: "系统自动标注需要核实的情形，不影响保存，无需填写"},
	},
	Flags: mediationFlags,
	Transitions: []Transition{
		{Name: "start", Label: "开始调解", From: []string{"受理"}, To: "调解中", Article: "人民调解法第17条（当事人明确拒绝的不得调解）"},
		{Name: "succeed", Label: "调解成功", From: []string{"受理", "调解中"}, To: "成功",
			Inputs: []string{"closed_on", "agreement_form", "agreement_effective_on", "amount"},
			Needs:  []string{"closed_on", "agreement_form"}, Article: "人民调解法第28–31条"},
		{Name: "fail", Label: "调解不成功", From: []string{"受理", "调解中"}, To: "不成功",
			Inputs: []string{"closed_on"}, Needs: []string{"closed_on"}, Article: "人民调解法第26条（终止调解并告知其他途径）"},
		{Name: "terminate", Label: "终止调解", From: []string{"受理", "调解中"}, To: "终止",
			Inputs: []string{"closed_on"}, Needs: []string{"closed_on"}, Article: "人民调解法第26条"},
		{Name: "apply_confirmation", Label: "登记申请司法确认", From: []string{"成功"},
			Inputs: []string{"confirmation_applied_on"}, Needs: []string{"confirmation_applied_on"},
			Sets: map[string]string{"confirmation_applied": "是"}, Article: "人民调解法第33条；民事诉讼法第205条"},
		{Name: "record_confirmation", Label: "登记司法确认结果", From: []string{"成功"},
			Inputs: []string{"confirmation_result"}, Needs: []string{"confirmation_result"}, Article: "民事诉讼法第206条"},
	},
	Clocks: []ClockRule{
		{ID: "mediation.settle", Label: "调解期限", Budget: 30, Unit: NaturalDays, Soft: true,
			Article:    "司法部令第75号第33条（纠纷一般在一个月内调结）",
			StartField: "accepted_on", StopField: "closed_on"},
		judicialConfirmationClock,
	},
	Checks: []Check{
		{Article: "结案不早于受理", Test: func(v Values) (string, string) {
			if c := v.Str("closed_on"); c != "" && c < v.Str("accepted_on") {
				return "closed_on", "结案日期早于受理日期"
			}
			return "", ""
		}},
		{Article: "人民调解法第28条", Test: func(v Values) (string, string) {
			if v.Str("agreement_form") != "" && v.Str("result") != "成功" {
				return "agreement_form", "只有调解成功的纠纷才有调解协议，请清空协议形式或把调解结果改为成功"
			}
			return "", ""
		}},
		{Article: "民事诉讼法第205–206条", Test: func(v Values) (string, string) {
			if v.Str("confirmation_result") != "" && v.Str("confirmation_applied") != "是" {
				return "confirmation_result", "未申请司法确认，不能填写司法确认结果"
			}
			if v.Str("confirmation_applied") == "是" && v.Str("result") != "成功" {
				return "confirmation_applied", "只有调解成功达成协议的纠纷才能申请司法确认"
			}
			return "", ""
		}},
	},
})

// judicialConfirmationClock: the parties apply jointly within thirty days of the agreement
// taking effect (人民调解法第33条; 民事诉讼法第205条) — a written one when signed and sealed
// (第29条), an oral one when reached (第30条), so the window runs for both.
var judicialConfirmationClock = ClockRule{ID: "mediation.judicial_confirmation", Label: "申请司法确认期限", Budget: 30, Unit: NaturalDays, Soft: true, Lapses: true,
	Article:    "人民调解法第33条；民事诉讼法第205条（调解协议生效之日起三十日内共同申请）",
	StartField: "agreement_effective_on", StartFallback: "closed_on",
	When:      func(v Values) bool { return v.Str("result") == "成功" },
	StopField: "confirmation_applied_on",
	StopWhen:  func(v Values) bool { return v.Str("confirmation_applied") == "是" }}

// LateConfirmation is the flag of an application for 司法确认 made after the window.
const LateConfirmation = "超期申请司法确认（人民调解法第33条：调解协议生效之日起三十日内）"

var mediationFlags = []Flag{
	{Field: "warnings", Label: LateConfirmation, Test: func(v Values, env Env) bool {
		applied := v.Str("confirmation_applied_on")
		due := env.DueOf(judicialConfirmationClock, v)
		return applied != "" && due != "" && applied > due
	}},
}
