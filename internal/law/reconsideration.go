package law

import (
	"fmt"
	"strconv"
	"strings"
)

// 行政复议 — 行政复议法 (2023年修订, in force 2024-01-01). Periods of 三日、五日、七日、十日 are
// working days, all others natural days (第88条第2款).

// SuspensionGrounds are the ten grounds of 第39条第1款, in order.
var SuspensionGrounds = []string{
	"（一）申请人死亡，近亲属尚未确定是否参加",
	"（二）申请人丧失行为能力，尚未确定法定代理人",
	"（三）申请人下落不明",
	"（四）法人或者其他组织终止，尚未确定权利义务承受人",
	"（五）因不可抗力或者其他正当理由不能参加",
	"（六）调解、和解，申请人和被申请人同意中止",
	"（七）法律适用问题需要有权机关作出解释或者确认",
	"（八）需要以其他案件的审理结果为依据",
	"（九）有第五十六条或者第五十七条规定的情形",
	"（十）需要中止行政复议的其他情形",
}

// TerminationGrounds are the five grounds of 第41条.
var TerminationGrounds = []string{
	"（一）申请人撤回申请，准予撤回",
	"（二）申请人死亡，没有近亲属或者近亲属放弃权利",
	"（三）法人或者其他组织终止，没有承受人或者承受人放弃权利",
	"（四）因同一违法行为涉嫌犯罪被采取刑事强制措施",
	"（五）依第三十九条第一款第一、二、四项中止满六十日，中止原因仍未消除",
}

// DecisionOutcomes are the decisions of 第63–72条 and 第33条 (驳回申请).
var DecisionOutcomes = []string{"变更", "撤销", "部分撤销", "确认违法", "责令履行", "确认无效", "维持", "驳回复议请求", "驳回申请"}

// CorrectionOutcomes are the decisions that correct the act (纠错, law.md).
var CorrectionOutcomes = []string{"变更", "撤销", "部分撤销", "确认违法", "责令履行", "确认无效"}

// SimpleGrounds are when the simplified procedure may apply (第53条).
var SimpleGrounds = []string{"当场作出", "警告或者通报批评", "涉案款额三千元以下", "政府信息公开", "各方当事人同意"}

// ConsultationGrounds are the cases of 第52条第2款 in which the reconsideration office must ask
// the 行政复议委员会 for its advisory opinion; the first is also a case that must be heard
// (第50条第1款).
var ConsultationGrounds = []string{"案情重大、疑难、复杂", "专业性、技术性较强", "第24条第2款规定的案件", "复议机构认为有必要"}

// ReconsiderationBodies are the org types that can own a reconsideration case: the 复议机关 and
// its 复议机构 (行政复议法第4条、第24条、第27条). The 司法局 comes first: it is the usual 复议机构.
var ReconsiderationBodies = []string{"司法局", "县级市", "区", "县", "行政执法单位", "其他"}

var (
	reconsiderationStages = []string{"审查中", "补正中", "审理中", "中止", "已审结", "不予受理", "受理前化解", "视为撤回"}
	reconsiderationFinal  = []string{"已审结", "不予受理", "受理前化解", "视为撤回"}
)

func reconsiderationConcluded(v Values) bool { return contains(reconsiderationFinal, v.Str("stage")) }

var Reconsideration = register(&Kind{
	Name:     "reconsideration",
	Label:    "行政复议",
	Uploads:  "复议申请书、证据材料、行政行为的文书、复议决定书的扫描件",
	Order:    20,
	Law:      "行政复议法（2023年修订）",
	OrgField: "org",
	// 第4条：县级以上各级人民政府以及其他依照本法履行行政复议职责的行政机关是行政复议机关，其办理
	// 行政复议事项的机构是行政复议机构（the 司法局, or its office, typed 其他 in the org ledger's
	// types）; 第27条: for 垂直领导 bodies the superior department (行政执法单位). A 镇 or 街道 is
	// no 复议机关, nor is a committee, a court or a firm.
	OrgTypes:   ReconsiderationBodies,
	States:     reconsiderationStages,
	Final:      reconsiderationFinal,
	LockFinal:  true,
	StagedForm: true,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode, Help: "复议案件编号，如 兴府复〔2024〕12号"},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "行政复议机关（机构）"},
		{Key: "received_on", Label: "收到申请日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "known_on", Label: "知道行政行为日期", Type: Date,
			Help: "第20条第1款：自知道或者应当知道该行政行为之日起六十日内提出申请；受理时核对（第30条第1款第4项）"},
		{Key: "rights_not_told", Label: "未告知申请复议权利和期限", Type: Bool,
			Help: "第20条第3款：行政机关未告知的，申请期限自知道或者应当知道申请权利、期限之日起计算，但最长不超过一年"},
		{Key: "delay_reason", Label: "耽误申请期限的正当理由", Type: Text,
			Help: "第20条第2款：因不可抗力或者其他正当理由耽误法定申请期限的，申请期限自障碍消除之日起继续计算"},
		{Key: "request_type", Label: "复议请求", Type: Enum, Values: []string{"撤销", "变更", "确认违法", "确认无效", "责令履行", "行政赔偿", "其他"},
			Help: "申请人的主要请求；确认无效以申请人提出为前提（第67条）"},
		{Key: "application_form", Label: "申请方式", Type: Enum, Values: []string{"书面", "网上", "口头"},
			Help: "第22条：书面申请、网上申请，或者口头申请并由复议机构记录"},
		{Key: "applicants", Label: "申请人", Type: List, Required: true},
		{Key: "applicant_phone", Label: "申请人联系电话", Type: Phone},
		{Key: "respondent", Label: "被申请人", Type: Text, Required: true},
		{Key: "respondent_type", Label: "被申请人类别", Type: Enum, Values: []string{"县级政府部门", "乡镇街道", "县级政府", "其他"}},
		{Key: "act_type", Label: "行为类别", Type: Enum, Column: ColCategory,
			Values: []string{"行政处罚", "行政强制", "行政许可", "行政确认", "政府信息公开", "举报投诉处理", "不履行法定职责", "工伤认定", "行政协议", "行政赔偿", "其他"}},
		{Key: "field", Label: "管理领域", Type: Enum,
			Values: []string{"市场监管", "公安", "自然资源", "住房城乡建设", "人力资源社会保障", "生态环境", "交通运输", "农业农村", "卫生健康", "教育", "乡镇街道", "其他"}},
		{Key: "amount", Label: "涉案金额", Type: Money, Help: "元；三千元以下可适用简易程序（第53条）"},
		{Key: "acceptance", Label: "受理情况", Type: Enum, Required: true,
			Values: []string{"审查中", "补正中", "受理", "不予受理", "受理前化解", "视为撤回"},
			Help:   "视为撤回：" + AbandonedWording},
		{Key: "stage", Label: "办理阶段", Type: Enum, Column: ColStatus, Values: reconsiderationStages,
			Help: "留空时按受理情况、中止期间和结案日期推定"},
		{Key: "supplement_requested_on", Label: "补正通知日期", Type: Date, Help: "第31条：收到申请之日起五个工作日内一次性书面通知补正"},
		{Key: "supplement_items", Label: "补正事项", Type: Text, MaxLen: LongTextMaxLen},
		{Key: "supplement_notice_received_on", Label: "收到补正通知日期", Type: Date,
			Help: "第31条第2款：申请人应当自收到补正通知之日起十日内提交补正材料（以送达回证等为准）"},
		{Key: "supplement_extension_days", Label: "延长补正期限天数", Type: Int,
			Help: "第31条第2款：有正当理由不能按期补正的，行政复议机构可以延长合理的补正期限（工作日，累计）"},
		{Key: "supplement_extension_reason", Label: "延长补正期限理由", Type: Text},
		{Key: "supplement_received_on", Label: "收到补正材料日期", Type: Date, Help: "审查期限自收到补正材料之日起重新计算"},
		{Key: "acceptance_closed_on", Label: "审查终结日期", Type: Date, Help: "不予受理决定、受理前化解或者视为撤回之日"},
		{Key: "refusal_reason", Label: "不予受理理由", Type: Text, MaxLen: LongTextMaxLen},
		{Key: "accepted_on", Label: "受理日期", Type: Date, Index: true},
		{Key: "procedure", Label: "程序", Type: Enum, Values: []string{"普通", "简易"}},
		{Key: "simple_ground", Label: "简易程序适用情形", Type: Enum, Values: SimpleGrounds, Help: "第53条"},
		{Key: "switched_on", Label: "转普通程序日期", Type: Date, Help: "第55条：经复议机构负责人批准"},
		{Key: "copy_sent_on", Label: "发送申请书副本日期", Type: Date, Help: "第48条：受理之日起七个工作日内（简易程序三个工作日，第54条）"},
		{Key: "copy_received_on", Label: "被申请人收到副本日期", Type: Date, Help: "答复期限自被申请人收到申请书副本之日起计算（第48条、第54条）"},
		{Key: "answer_received_on", Label: "收到答复日期", Type: Date, Help: "被申请人收到副本之日起十个工作日内（简易程序五个工作日）提出书面答复"},
		{Key: "hearing", Label: "听证", Type: Bool},
		{Key: "hearing_on", Label: "听证日期", Type: Date},
		{Key: "hearing_notice_on", Label: "听证通知日期", Type: Date, Help: "第51条：听证五日前书面通知当事人"},
		{Key: "consultation_ground", Label: "提请咨询情形", Type: Enum, Values: ConsultationGrounds,
			Help: "第52条第2款：有所列情形之一的，应当提请行政复议委员会提出咨询意见"},
		{Key: "committee_opinion_on", Label: "委员会咨询意见日期", Type: Date},
		{Key: "committee_opinion", Label: "委员会咨询意见", Type: Text, MaxLen: LongTextMaxLen, Help: "第52条第3款：行政复议机构应当记录咨询意见"},
		{Key: "suspensions", Label: "中止期间", Type: Intervals, Help: "起日~止日，多段用；分隔；尚未恢复的写 起日~"},
		{Key: "suspension_ground", Label: "中止事由", Type: Enum, Values: SuspensionGrounds, Help: "第39条"},
		{Key: "suspended_on", Label: "中止日期", Type: Date},
		{Key: "resumed_on", Label: "恢复审理日期", Type: Date},
		{Key: "extended", Label: "延期", Type: Bool, Help: "第62条：情况复杂的，经负责人批准可以适当延长，延长期限最多不超过三十日"},
		{Key: "extension_days", Label: "延长天数", Type: Int, Help: "自然日，最多30"},
		{Key: "extension_approved_on", Label: "延期批准日期", Type: Date},
		{Key: "closed_on", Label: "结案日期", Type: Date, Column: ColClosed},
		{Key: "outcome", Label: "结案方式", Type: Enum,
			Values: []string{"变更", "撤销", "部分撤销", "确认违法", "责令履行", "确认无效", "维持", "驳回复议请求", "驳回申请", "调解", "和解撤回", "撤回", "终止"}},
		{Key: "termination_ground", Label: "终止事由", Type: Enum, Values: TerminationGrounds, Help: "第41条"},
		{Key: "agreement_remedy", Label: "行政协议处理", Type: Enum, Values: AgreementRemedies,
			Help: "第71条：被申请人不依法订立、不依法履行、未按照约定履行或者违法变更、解除行政协议的处理"},
		{Key: "compensation_claimed", Label: "一并提出行政赔偿请求", Type: Bool, Help: "第72条第1款"},
		{Key: "compensation_decision", Label: "行政赔偿决定", Type: Enum, Values: []string{"决定赔偿", "不予赔偿"},
			Help: "第72条：申请人一并提出行政赔偿请求的，复议机关在作出决定时应当同时决定"},
		{Key: "defects", Label: "程序瑕疵", Type: List, Derived: true, Values: FlagLabels(reconsiderationFlags, "defects"),
			Help: "系统按日期自动标注（行政复议法规定的程序未按期履行），无需填写"},
		{Key: "warnings", Label: "办案提示", Type: List, Derived: true, Values: FlagLabels(reconsiderationFlags, "warnings"),
			Help: "系统自动标注需要核实的情形，不影响保存，无需填写"},
		{Key: "sued_after", Label: "复议后起诉", Type: Bool, Help: "第34条：收到决定书之日起十五日内可以起诉"},
	},
	Normalize: normalizeReconsideration,
	Transitions: []Transition{
		{Name: "request_supplement", Label: "通知补正", From: []string{"审查中"}, To: "补正中",
			Inputs: []string{"supplement_requested_on", "supplement_items", "supplement_notice_received_on"},
			Needs:  []string{"supplement_requested_on", "supplement_items"},
			Sets:   map[string]string{"acceptance": "补正中"}, Article: "行政复议法第31条第1款", Apply: onValues(checkSupplementRequest)},
		{Name: "record_notice_receipt", Label: "登记收到补正通知日期", From: []string{"补正中"},
			Inputs: []string{"supplement_notice_received_on"}, Needs: []string{"supplement_notice_received_on"},
			Article: "行政复议法第31条第2款（自收到补正通知之日起十日内补正）"},
		{Name: "extend_supplement", Label: "延长补正期限", From: []string{"补正中"},
			Inputs: []string{"supplement_extension_days", "supplement_extension_reason"}, Needs: []string{"supplement_extension_days", "supplement_extension_reason"},
			Article: "行政复议法第31条第2款（有正当理由的，可以延长合理的补正期限）", Apply: onValues(checkSupplementExtension)},
		{Name: "supplement_received", Label: "收到补正材料", From: []string{"补正中"}, To: "审查中",
			Inputs: []string{"supplement_received_on"}, Needs: []string{"supplement_received_on"},
			Sets: map[string]string{"acceptance": "审查中"}, Article: "行政复议法第31条"},
		// Not automatic: the period's lapse is proposed on the deadlines page and a clerk confirms it
		// (第31条第2款: 视为申请人放弃行政复议申请，并记录在案).
		{Name: "deem_withdrawn", Label: "确认视为放弃（视为撤回）", From: []string{"补正中"}, To: "视为撤回",
			Sets: map[string]string{"acceptance": "视为撤回"}, Article: "行政复议法第31条第2款（无正当理由逾期不补正的，视为申请人放弃行政复议申请，并记录在案）",
			Apply: confirmAbandoned},
		{Name: "accept", Label: "受理", From: []string{"审查中"}, To: "审理中",
			Inputs: []string{"accepted_on", "procedure", "simple_ground"}, Needs: []string{"accepted_on", "procedure"},
			Sets: map[string]string{"acceptance": "受理"}, Article: "行政复议法第30条、第20条",
			Apply: func(s *Step) string { return applicationLate(s.Values, s.Env) }},
		{Name: "deem_accept", Label: "视为受理", From: []string{"审查中"}, To: "审理中", Auto: true,
			Sets: map[string]string{"acceptance": "受理"}, Article: "行政复议法第30条第3款（审查期限届满之日起视为受理）",
			Apply: func(s *Step) string {
				// 第30条第3款: accepted from the day the review period ends, not the day after.
				s.Values["accepted_on"] = s.Due
				if s.Values.Str("procedure") == "" {
					s.Values["procedure"] = "普通"
				}
				return ""
			}},
		{Name: "refuse", Label: "不予受理", From: []string{"审查中"}, To: "不予受理",
			Inputs: []string{"acceptance_closed_on", "refusal_reason"}, Needs: []string{"acceptance_closed_on", "refusal_reason"},
			Sets: map[string]string{"acceptance": "不予受理"}, Article: "行政复议法第30条第1款（书面决定并说明理由）"},
		{Name: "resolve_early", Label: "受理前化解", From: []string{"审查中", "补正中"}, To: "受理前化解",
			Inputs: []string{"acceptance_closed_on"}, Needs: []string{"acceptance_closed_on"},
			Sets: map[string]string{"acceptance": "受理前化解"}, Article: "行政复议法第5条（调解贯穿全过程）"},
		{Name: "switch_ordinary", Label: "转为普通程序", From: []string{"审理中", "中止"},
			Inputs: []string{"switched_on"}, Needs: []string{"switched_on"}, Article: "行政复议法第55条（经复议机构负责人批准）",
			Apply: func(s *Step) string {
				if s.Values.Str("procedure") != "简易" {
					return "本案不是简易程序"
				}
				s.Values["procedure"] = "普通"
				return ""
			}},
		{Name: "send_copy", Label: "发送申请书副本", From: []string{"审理中", "中止"},
			Inputs: []string{"copy_sent_on", "copy_received_on"}, Needs: []string{"copy_sent_on"}, Article: "行政复议法第48条、第54条"},
		{Name: "record_copy_receipt", Label: "登记被申请人收到副本日期", From: []string{"审理中", "中止"},
			Inputs: []string{"copy_received_on"}, Needs: []string{"copy_received_on"}, Apply: onValues(func(v Values) string {
				if v.Str("copy_sent_on") == "" {
					return "尚未发送申请书副本"
				}
				return ""
			}),
			Article: "行政复议法第48条（被申请人自收到副本之日起十日内答复）"},
		{Name: "receive_answer", Label: "收到被申请人答复", From: []string{"审理中", "中止"},
			Inputs: []string{"copy_received_on", "answer_received_on"}, Needs: []string{"answer_received_on"}, Article: "行政复议法第48条、第54条"},
		{Name: "schedule_hearing", Label: "安排听证", From: []string{"审理中"},
			Inputs: []string{"hearing_on", "hearing_notice_on"}, Needs: []string{"hearing_on", "hearing_notice_on"},
			Sets: map[string]string{"hearing": "是"}, Article: "行政复议法第50–51条（听证五日前通知）"},
		{Name: "record_consultation", Label: "记录委员会咨询意见", From: []string{"审理中", "中止"},
			Inputs:  []string{"consultation_ground", "committee_opinion_on", "committee_opinion"},
			Needs:   []string{"consultation_ground", "committee_opinion_on", "committee_opinion"},
			Article: "行政复议法第52条"},
		{Name: "suspend", Label: "中止审理", From: []string{"审理中"}, To: "中止",
			Inputs: []string{"suspended_on", "suspension_ground"}, Needs: []string{"suspended_on", "suspension_ground"},
			Article: "行政复议法第39条", Apply: onValues(openSuspension)},
		{Name: "resume", Label: "恢复审理", From: []string{"中止"}, To: "审理中",
			Inputs: []string{"resumed_on"}, Needs: []string{"resumed_on"}, Article: "行政复议法第39条第2款",
			Apply: onValues(closeSuspension)},
		{Name: "extend", Label: "延期审理", From: []string{"审理中", "中止"},
			Inputs: []string{"extension_days", "extension_approved_on"}, Needs: []string{"extension_days", "extension_approved_on"},
			Article: "行政复议法第62条第1款（期限届满前批准，延长一次，最多三十日）",
			Apply: func(s *Step) string {
				if msg := extendOnce(s.Values); msg != "" {
					return msg
				}
				_, msg := extensionInTime(s.Values, s.Env)
				return msg
			}},
		{Name: "decide", Label: "作出复议决定", From: []string{"审理中"}, To: "已审结",
			Inputs: []string{"closed_on", "outcome", "agreement_remedy", "compensation_decision"}, Needs: []string{"closed_on", "outcome"},
			Warns: []Warning{{When: func(v Values) bool { return v.Str("copy_sent_on") == "" },
				Message: "本案尚未登记发送申请书副本：行政复议法第48条要求自受理之日起七日内将副本发送被申请人，被申请人自收到之日起十日内提出书面答复。未听取答复即作出决定的，属程序瑕疵。如已发送，请先登记「发送申请书副本」。"}},
			// The decisions of 第63–72条 and 第33条 only: 调解书 (第73条), 和解撤回 (第74条) and
			// 终止 (第41条) are steps of their own.
			Offers:  map[string][]string{"outcome": DecisionOutcomes},
			Article: "行政复议法第63–72条、第33条（第66–69条决定与案件不符的标注办案提示）", Apply: func(s *Step) string {
				if !contains(DecisionOutcomes, s.Values.Str("outcome")) {
					return "复议决定应为：" + strings.Join(DecisionOutcomes, "、")
				}
				return consultedAndHeard(s.Values)
			}},
		{Name: "mediate", Label: "制作调解书结案", From: []string{"审理中", "中止"}, To: "已审结",
			Inputs: []string{"closed_on"}, Needs: []string{"closed_on"}, Sets: map[string]string{"outcome": "调解"},
			Article: "行政复议法第73条", Apply: onValues(closeOpenSuspension)},
		{Name: "settle", Label: "和解后撤回", From: []string{"审理中", "中止"}, To: "已审结",
			Inputs: []string{"closed_on"}, Needs: []string{"closed_on"}, Sets: map[string]string{"outcome": "和解撤回"},
			Article: "行政复议法第74条", Apply: onValues(closeOpenSuspension)},
		{Name: "withdraw", Label: "申请人撤回", From: []string{"审理中", "中止"}, To: "已审结",
			Inputs: []string{"closed_on"}, Needs: []string{"closed_on"}, Sets: map[string]string{"outcome": "撤回"},
			Article: "行政复议法第41条第1项", Apply: onValues(closeOpenSuspension)},
		{Name: "terminate", Label: "终止审理", From: []string{"审理中", "中止"}, To: "已审结",
			Inputs: []string{"closed_on", "termination_ground"}, Needs: []string{"closed_on", "termination_ground"},
			Sets: map[string]string{"outcome": "终止"}, Article: "行政复议法第41条", Apply: onValues(checkTermination)},
		{Name: "record_suit", Label: "登记复议后起诉", From: []string{"已审结"},
			Sets: map[string]string{"sued_after": "是"}, Article: "行政复议法第34条"},
	},
	Clocks: []ClockRule{
		{ID: "reconsideration.acceptance_review", Label: "受理审查期限", Budget: 5, Unit: WorkingDays,
			Article:    "行政复议法第30条（五日内审查；审查期限届满未作出不予受理决定的，自届满之日起视为受理，第3款）",
			StartField: "supplement_received_on", StartFallback: "received_on",
			StopWhen: func(v Values) bool { return v.Str("stage") != "审查中" }, StopAt: reviewEnded, Deemed: "deem_accept"},
		supplementClock,
		{ID: "reconsideration.copy", Label: "发送副本期限", Unit: WorkingDays, Budget: 7, BudgetFor: simpleOr(3, 7),
			Article:    "行政复议法第48条（七日）、第54条（简易程序三日）",
			StartField: "accepted_on", StopField: "copy_sent_on",
			When: accepted, StopWhen: reconsiderationConcluded},
		answerClock,
		decisionClock,
	},
	Flags: reconsiderationFlags,
	Checks: []Check{
		{Article: "收到、受理、结案日期先后", Test: func(v Values) (string, string) {
			if a := v.Str("accepted_on"); a != "" && a < v.Str("received_on") {
				return "accepted_on", "受理日期早于收到申请日期"
			}
			if c := v.Str("closed_on"); c != "" && c < v.Str("accepted_on") {
				return "closed_on", "结案日期早于受理日期"
			}
			return "", ""
		}},
		{Article: "行政复议法第30条", Test: func(v Values) (string, string) {
			if accepted(v) && v.Str("accepted_on") == "" {
				return "accepted_on", "已受理的案件须填写受理日期"
			}
			if !accepted(v) && (v.Str("closed_on") != "" || v.Str("outcome") != "") {
				return "closed_on", "未受理的案件没有结案日期和结案方式（不予受理等请填审查终结日期）"
			}
			if v.Str("stage") == "已审结" && (v.Str("closed_on") == "" || v.Str("outcome") == "") {
				return "outcome", "已审结的案件须填写结案日期和结案方式"
			}
			if v.Str("outcome") != "" && v.Str("closed_on") == "" {
				return "closed_on", "填写了结案方式，请同时填写结案日期"
			}
			return "", ""
		}},
		{Article: "行政复议法第20条、第31条、第48条、第51条（程序日期先后）", Test: InOrder([]DateOrder{
			{"known_on", "received_on", "收到申请日期早于知道行政行为日期"},
			{"accepted_on", "copy_sent_on", "发送申请书副本日期早于受理日期"},
			{"copy_sent_on", "copy_received_on", "被申请人收到副本日期早于发送副本日期"},
			{"copy_sent_on", "answer_received_on", "收到答复日期早于发送副本日期"},
			{"hearing_notice_on", "hearing_on", "听证日期早于听证通知日期"},
			{"received_on", "supplement_requested_on", "补正通知日期早于收到申请日期"},
			{"supplement_requested_on", "supplement_notice_received_on", "收到补正通知日期早于补正通知日期"},
			{"supplement_requested_on", "supplement_received_on", "收到补正材料日期早于补正通知日期"},
			{"accepted_on", "committee_opinion_on", "委员会咨询意见日期早于受理日期"},
			{"committee_opinion_on", "closed_on", "结案日期早于委员会咨询意见日期"},
		})},
		{Article: "行政复议法第62条第1款（延期应在审理期限届满前批准）", TestEnv: extensionInTime},
		{Article: "行政复议法第41条第5项", Test: terminationAfterLongSuspension},
		{Article: "行政复议法第52条第2款第3项、第24条第2款", Test: func(v Values) (string, string) {
			if v.Str("consultation_ground") == ConsultationGrounds[2] {
				return "consultation_ground", "第24条第2款规定的案件由省、自治区、直辖市人民政府办理，县级行政复议机构不办理此类案件，请选择其他咨询情形"
			}
			return "", ""
		}},
		{Article: "行政复议法第53条", Test: checkSimplified},
		{Article: "行政复议法第62条", Test: func(v Values) (string, string) {
			if d := v.Str("extension_days"); d != "" {
				n, _ := strconv.Atoi(d)
				if n < 1 || n > 30 {
					return "extension_days", "延长期限为1至30日"
				}
				if v.Str("procedure") == "简易" {
					return "extension_days", "简易程序不能延期（第62条第2款），请先转为普通程序"
				}
			}
			return "", ""
		}},
	},
})

func accepted(v Values) bool { return v.Str("acceptance") == "受理" }

// reviewEnded is the day the acceptance review ended: a request to supplement stops it (it
// starts again when the materials arrive), an acceptance or a refusal ends it.
func reviewEnded(v Values) string {
	switch v.Str("stage") {
	case "审查中":
		return ""
	case "补正中", "视为撤回":
		return v.Str("supplement_requested_on")
	}
	if a := v.Str("accepted_on"); a != "" {
		return a
	}
	return v.Str("acceptance_closed_on")
}

func simpleOr(simple, ordinary int) func(Values) int {
	return func(v Values) int {
		if v.Str("procedure") == "简易" {
			return simple
		}
		return ordinary
	}
}

// extensionDays is the approved extension; a ledger that only says 延期=是 means the full 30
// days the article allows.
func extensionDays(v Values) int {
	if v.Str("extended") != "是" {
		return 0
	}
	if n, err := strconv.Atoi(v.Str("extension_days")); err == nil {
		return n
	}
	return 30
}

// normalizeReconsideration derives the stage from what a ledger records (受理情况, 中止期间,
// 结案日期) and the 受理情况 from the stage, so that an imported case and one entered through
// the pages carry the same state and clocks.
func normalizeReconsideration(v Values) {
	stage, acc := v.Str("stage"), v.Str("acceptance")
	if stage == "" {
		switch {
		case acc == "受理" && v.Str("closed_on") != "":
			stage = "已审结"
		case acc == "受理" && hasOpenInterval(v):
			stage = "中止"
		case acc == "受理":
			stage = "审理中"
		case acc != "":
			stage = acc
		default:
			stage = "审查中"
		}
		v["stage"] = stage
	}
	if acc == "" {
		switch stage {
		case "审理中", "中止", "已审结":
			v["acceptance"] = "受理"
		default:
			v["acceptance"] = stage
		}
	}
	if accepted(v) && v.Str("procedure") == "" {
		v["procedure"] = "普通"
	}
	if v.Str("extended") == "是" && v.Str("extension_days") == "" {
		v["extension_days"] = "30"
	}
}

func intervals(v Values) []string {
	items, _ := v["suspensions"].([]string)
	return items
}

func hasOpenInterval(v Values) bool {
	for _, it := range intervals(v) {
		if strings.HasSuffix(it, "~") {
			return true
		}
	}
	return false
}

// onValues is an Apply that needs nothing but the record's values.
func onValues(f func(v Values) string) func(*Step) string {
	return func(s *Step) string { return f(s.Values) }
}

// openSuspension starts a suspension interval; the decision period stops while it is open
// (第39条第2款).
func openSuspension(v Values) string {
	if hasOpenInterval(v) {
		return "已有尚未恢复的中止"
	}
	from := v.Str("suspended_on")
	if from == "" {
		return ""
	}
	for _, it := range intervals(v) {
		if _, to, _ := strings.Cut(it, "~"); to >= from {
			return "中止日期不能早于上一次恢复审理"
		}
	}
	v["suspensions"] = append(append([]string{}, intervals(v)...), from+"~")
	return ""
}

// closeSuspension ends the open interval the day before the case resumes: the resumption day
// counts towards the decision period again.
func closeSuspension(v Values) string {
	items := append([]string{}, intervals(v)...)
	resumed := v.Str("resumed_on")
	for i, it := range items {
		if from, ok := strings.CutSuffix(it, "~"); ok {
			if resumed <= from {
				return "恢复审理日期应晚于中止日期 " + from
			}
			items[i] = from + "~" + AddDays(resumed, -1)
			v["suspensions"] = items
			return ""
		}
	}
	return "没有尚未恢复的中止"
}

// closeOpenSuspension ends a suspension still open when the case is concluded.
func closeOpenSuspension(v Values) string {
	if !hasOpenInterval(v) {
		return ""
	}
	v["resumed_on"] = v.Str("closed_on")
	return closeSuspension(v)
}

func extendOnce(v Values) string {
	if v.Str("extended") == "是" {
		return "本案已经延期一次，第62条只允许延长一次"
	}
	if v.Str("procedure") != "普通" {
		return "只有普通程序可以延期"
	}
	n, err := strconv.Atoi(v.Str("extension_days"))
	if err != nil || n < 1 || n > 30 {
		return "延长期限为1至30日"
	}
	v["extended"] = "是"
	return ""
}

// checkTermination applies 第41条第5项: termination for a long suspension needs a suspension on
// grounds 39(1)(2)(4) that has lasted at least sixty days.
func checkTermination(v Values) string {
	if v.Str("termination_ground") == TerminationGrounds[4] {
		g := v.Str("suspension_ground")
		if !hasOpenInterval(v) || (g != SuspensionGrounds[0] && g != SuspensionGrounds[1] && g != SuspensionGrounds[3]) {
			return "须是依第39条第1款第1、2、4项中止且尚未恢复的案件"
		}
		if days := DaysBetween(v.Str("suspended_on"), v.Str("closed_on")); days < 60 {
			return fmt.Sprintf("中止才%d日，未满六十日", days)
		}
	}
	return closeOpenSuspension(v)
}

// consultedAndHeard gates a decision on the cases 第52条 and 第50条 single out: one with a
// consultation ground needs the committee's recorded opinion first; a major, difficult or
// complex case must also have been heard.
func consultedAndHeard(v Values) string {
	g := v.Str("consultation_ground")
	if g == "" {
		return ""
	}
	if v.Str("committee_opinion_on") == "" || v.Str("committee_opinion") == "" {
		return "本案属于第52条第2款「" + g + "」情形，应当先提请行政复议委员会提出咨询意见并记录（「记录委员会咨询意见」）"
	}
	if g == ConsultationGrounds[0] && v.Str("hearing_on") == "" {
		return "审理重大、疑难、复杂的行政复议案件应当组织听证（第50条第1款），请先「安排听证」"
	}
	return ""
}

// checkSimplified: the simplified procedure only for the cases of 第53条第1款, or when every
// party agrees (第2款).
func checkSimplified(v Values) (string, string) {
	if v.Str("procedure") != "简易" {
		return "", ""
	}
	switch g := v.Str("simple_ground"); g {
	case "":
		return "simple_ground", "简易程序只适用于第53条所列情形或者各方当事人同意的案件，请选择适用情形"
	case "政府信息公开":
		if v.Str("act_type") != "政府信息公开" {
			return "simple_ground", "本案不是政府信息公开案件"
		}
	case "涉案款额三千元以下":
		if amt, err := strconv.ParseFloat(v.Str("amount"), 64); err != nil || amt > 3000 {
			return "simple_ground", "涉案金额未填写或超过三千元"
		}
	}
	return "", ""
}
