package law

import (
	"strconv"
	"strings"
)

// 法律援助 — 中华人民共和国法律援助法 (in force 2022-01-01) and 办理法律援助案件程序规定
// (司法部令, 2023年修订). The law speaks of 日; the procedure rule makes the seven days of the
// application review working days, and fazhi follows it (law.md, 法律援助). The other periods
// (指派 three days, 异议 five days) are the statute's natural days.

// LegalAidSources are how a case reaches the centre: an application, a notice from a court,
// procuratorate or police to provide a defence (第36条), or an application a detention facility
// or duty lawyer forwards (第39条).
var LegalAidSources = []string{"申请", "通知辩护", "转交申请"}

// DefenceGrounds are when the case-handling organ must notify the centre to assign a defence
// lawyer (第25条第1款), or may (第25条第2款: other cases tried by the ordinary procedure).
var DefenceGrounds = []string{
	"（一）未成年人",
	"（二）视力、听力、言语残疾人",
	"（三）不能完全辨认自己行为的成年人",
	"（四）可能被判处无期徒刑、死刑的人",
	"（五）申请法律援助的死刑复核案件被告人",
	"（六）缺席审判案件的被告人",
	"（七）法律法规规定的其他人员",
	"第二款：其他适用普通程序审理的刑事案件",
}

// SeniorDefenceGrounds need a lawyer with three years' practice or more (第26条).
var SeniorDefenceGrounds = []string{DefenceGrounds[3], DefenceGrounds[4]}

// WaiverGrounds are the applicants whose financial hardship is not checked (第42条).
var WaiverGrounds = []string{
	"（一）无固定生活来源的未成年人、老年人、残疾人等特定群体",
	"（二）社会救助、司法救助或者优抚对象",
	"（三）申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员",
	"（四）法律、法规、规章规定的其他人员",
}

// ExemptGrounds are the matters for which legal aid is given without regard to hardship (第32条).
var ExemptGrounds = []string{
	"（一）英雄烈士近亲属为维护英雄烈士的人格权益",
	"（二）因见义勇为行为主张相关民事权益",
	"（三）再审改判无罪请求国家赔偿",
	"（四）遭受虐待、遗弃或者家庭暴力的受害人主张相关权益",
	"（五）法律、法规、规章规定的其他情形",
}

// FirstAidGrounds allow aid before the review is done (第44条).
var FirstAidGrounds = []string{
	"（一）距法定时效或者期限届满不足七日，需要及时提起诉讼或者申请仲裁、行政复议",
	"（二）需要立即申请财产保全、证据保全或者先予执行",
	"（三）法律、法规、规章规定的其他情形",
}

// LegalAidTerminationGrounds are the eight grounds of 第48条.
var LegalAidTerminationGrounds = []string{
	"（一）受援人以欺骗或者其他不正当手段获得法律援助",
	"（二）受援人故意隐瞒与案件有关的重要事实或者提供虚假证据",
	"（三）受援人利用法律援助从事违法活动",
	"（四）受援人的经济状况发生变化，不再符合法律援助条件",
	"（五）案件终止审理或者已经被撤销",
	"（六）受援人自行委托律师或者其他代理人",
	"（七）受援人有正当理由要求终止法律援助",
	"（八）法律法规规定的其他情形",
}

var (
	legalAidStages = []string{"审查中", "补正中", "给予", "不予", "已指派", "办理中", "已结案", "视为撤回", "终止援助"}
	legalAidFinal  = []string{"不予", "已结案", "视为撤回", "终止援助"}
	// undecided are the stages before the centre's decision on an application.
	undecided = []string{"审查中", "补正中"}
	// helped are the stages in which a helper has been assigned.
	helped = []string{"已指派", "办理中", "已结案"}
)

func notified(v Values) bool { return v.Str("source") == "通知辩护" }

var LegalAid = register(&Kind{
	Name:      "legal_aid",
	Label:     "法律援助",
	Uploads:   "申请表、经济困难状况说明、指派通知书、结案材料的扫描件",
	Order:     50,
	Law:       "法律援助法；办理法律援助案件程序规定",
	OrgField:  "org",
	OrgTypes:  []string{"法律援助中心"},
	States:    legalAidStages,
	Final:     legalAidFinal,
	LockFinal: true,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode, Help: "法律援助案件编号，如 兴法援〔2024〕12号"},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "作出决定、指派人员的法律援助机构"},
		{Key: "applied_on", Label: "申请日期", Type: Date, Required: true, Column: ColOpened,
			Help: "收到申请（或转交的申请、通知辩护的通知）之日"},
		{Key: "client", Label: "受援人", Type: Text, Required: true},
		{Key: "client_id", Label: "身份证号", Type: IDNo},
		{Key: "client_groups", Label: "受援人特殊群体", Type: List, Values: []string{"未成年人", "老年人", "残疾人", "农民工", "妇女", "军人军属"}},
		{Key: "source", Label: "来源", Type: Enum, Required: true, Values: LegalAidSources,
			Help: "通知辩护不审查经济困难（第25、36条），直接待指派"},
		{Key: "raised_on", Label: "提出申请日期", Type: Date,
			Help: "转交申请：被羁押人员等提出申请之日；看守所、值班律师应在二十四小时内转交（第39条）"},
		{Key: "notifying_body", Label: "通知机关", Type: Enum, Values: []string{"人民法院", "人民检察院", "公安机关"}},
		{Key: "notice_received_on", Label: "收到通知日期", Type: Date, Help: "第36条：收到通知之日起三日内指派律师"},
		{Key: "defence_ground", Label: "通知辩护情形", Type: Enum, Values: DefenceGrounds, Help: "第25条"},
		{Key: "case_type", Label: "案件类别", Type: Enum, Required: true, Column: ColCategory,
			Values: []string{"刑事", "民事", "行政", "国家赔偿", "劳动争议仲裁", "其他"}},
		{Key: "form", Label: "援助形式", Type: Enum, Required: true,
			Values: []string{"刑事辩护", "刑事代理", "民事代理", "行政代理", "国家赔偿代理", "劳动仲裁代理", "值班律师法律帮助", "代拟法律文书"},
			Help:   "第22条"},
		{Key: "means_test", Label: "经济困难审查", Type: Enum, Values: []string{"核查", "免予核查", "无需审查"}},
		{Key: "waiver_ground", Label: "免核查情形", Type: Enum, Values: WaiverGrounds, Help: "第42条：免予核查经济困难状况的情形"},
		{Key: "exempt_ground", Label: "无需审查情形", Type: Enum, Values: ExemptGrounds, Help: "第32条：不受经济困难条件限制的情形"},
		{Key: "first_aid_ground", Label: "先行援助情形", Type: Enum, Values: FirstAidGrounds, Help: "第44条：可以决定先行提供法律援助的情形"},
		{Key: "supplement_requested_on", Label: "补充材料通知日期", Type: Date, Help: "第43条第2款：一次性告知需要补充的材料"},
		{Key: "supplement_items", Label: "补充材料事项", Type: Text},
		{Key: "supplement_received_on", Label: "收到补充材料日期", Type: Date},
		{Key: "supplement_period", Label: "补充材料期间", Type: Intervals,
			Help: "自动计算：补充材料通知次日至收到补充材料之日，不计入审查期限（办理法律援助案件程序规定）"},
		{Key: "decision", Label: "决定", Type: Enum, Required: true, Values: []string{"审查中", "补正中", "给予", "不予", "视为撤回"},
			Help: "留空时按办理阶段推定；通知辩护为给予"},
		{Key: "stage", Label: "办理阶段", Type: Enum, Column: ColStatus, Values: legalAidStages,
			Help: "留空时按决定、指派日期和结案日期推定"},
		{Key: "decided_on", Label: "决定日期", Type: Date, Help: "给予、不予或者确认视为撤回之日"},
		{Key: "refusal_reason", Label: "不予理由", Type: Text, Help: "第43条第1款：不予法律援助的，书面告知并说明理由"},
		{Key: "counted_on", Label: "受理日期", Type: Date, Index: true,
			Help: "自动计算：给予法律援助的为决定日期，通知辩护的为指派日期（受理法律援助案件按此统计）"},
		{Key: "handler", Label: "承办人", Type: Text},
		{Key: "handler_type", Label: "承办人类型", Type: Enum, Values: []string{"律师", "基层法律服务工作者", "法律援助志愿者", "法律援助机构工作人员"}},
		{Key: "handler_years", Label: "承办律师执业年限", Type: Int, Help: "第26条：可能判处无期徒刑、死刑的案件，指派具有三年以上相关执业经历的律师"},
		{Key: "assigned_on", Label: "指派日期", Type: Date},
		{Key: "closed_on", Label: "结案日期", Type: Date, Column: ColClosed},
		{Key: "outcome", Label: "结案方式", Type: Enum, Values: []string{"判决", "调解", "和解", "撤诉", "终止援助", "其他"}},
		{Key: "termination_ground", Label: "终止事由", Type: Enum, Values: LegalAidTerminationGrounds, Help: "第48条"},
		{Key: "objection_on", Label: "异议日期", Type: Date, Help: "第49条：对不予、终止法律援助的决定向司法行政部门提出异议"},
		{Key: "objection_result", Label: "异议决定", Type: Enum, Values: []string{"维持", "责令改正"}},
		{Key: "objection_decided_on", Label: "异议决定日期", Type: Date, Help: "第49条：司法行政部门收到异议之日起五日内审查"},
	},
	Normalize: normalizeLegalAid,
	Transitions: []Transition{
		{Name: "request_materials", Label: "通知补充材料", From: []string{"审查中"}, To: "补正中",
			Inputs: []string{"supplement_requested_on", "supplement_items"}, Needs: []string{"supplement_requested_on", "supplement_items"},
			Sets: map[string]string{"decision": "补正中"}, Article: "法律援助法第43条第2款（一次性告知需要补充的材料）",
			Apply: rederive(func(v Values) string {
				if v.Str("supplement_received_on") != "" {
					return "补充材料应当一次性告知，本案已经补充过材料，不能再次通知补充"
				}
				return ""
			})},
		{Name: "materials_received", Label: "收到补充材料", From: []string{"补正中"}, To: "审查中",
			Inputs: []string{"supplement_received_on"}, Needs: []string{"supplement_received_on"},
			Sets: map[string]string{"decision": "审查中"}, Article: "办理法律援助案件程序规定（补充材料期间不计入审查期限）", Apply: rederive(nil)},
		{Name: "deem_withdrawn", Label: "确认视为撤回", From: []string{"补正中"}, To: "视为撤回",
			Inputs: []string{"decided_on"}, Needs: []string{"decided_on"},
			Sets: map[string]string{"decision": "视为撤回"}, Article: "法律援助法第43条第2款（未按要求补充材料的，视为撤回申请）", Apply: rederive(nil)},
		{Name: "grant", Label: "决定给予", From: []string{"审查中"}, To: "给予",
			Inputs: []string{"decided_on", "means_test", "waiver_ground", "exempt_ground"}, Needs: []string{"decided_on", "means_test"},
			Sets: map[string]string{"decision": "给予"}, Article: "法律援助法第43条第1款", Apply: rederive(nil)},
		{Name: "grant_first", Label: "先行援助", From: []string{"审查中", "补正中"}, To: "给予",
			Inputs: []string{"decided_on", "first_aid_ground"}, Needs: []string{"decided_on", "first_aid_ground"},
			Sets: map[string]string{"decision": "给予"}, Article: "法律援助法第44条", Apply: rederive(nil)},
		// 第25条、第36条: an organ's notice to provide a defence makes a pending application a
		// notified defence, which needs neither review nor means test and waits for a lawyer.
		{Name: "receive_notice", Label: "收到通知辩护", From: []string{"审查中", "补正中"}, To: "给予",
			Inputs: []string{"notifying_body", "notice_received_on", "defence_ground"},
			Needs:  []string{"notifying_body", "notice_received_on", "defence_ground"},
			Sets:   map[string]string{"source": "通知辩护", "decision": "给予", "means_test": "无需审查"},
			Offers: map[string][]string{"defence_ground": DefenceGrounds[:7]}, Article: "法律援助法第25条第1款、第36条", Apply: rederive(nil)},
		{Name: "refuse", Label: "决定不予", From: []string{"审查中"}, To: "不予",
			Inputs: []string{"decided_on", "refusal_reason"}, Needs: []string{"decided_on", "refusal_reason"},
			Sets: map[string]string{"decision": "不予"}, Article: "法律援助法第43条第1款（书面告知并说明理由）", Apply: rederive(nil)},
		{Name: "assign", Label: "指派承办人", From: []string{"给予"}, To: "已指派",
			Inputs: []string{"assigned_on", "handler", "handler_type", "handler_years"}, Needs: []string{"assigned_on", "handler", "handler_type"},
			Article: "法律援助法第43条第1款、第36条（三日内指派）、第26条", Apply: rederive(nil)},
		{Name: "start", Label: "开始办理", From: []string{"已指派"}, To: "办理中",
			Article: "法律援助法第46条（接受指派后无正当理由不得拒绝、拖延）", Apply: rederive(nil)},
		{Name: "close", Label: "结案", From: []string{"已指派", "办理中"}, To: "已结案",
			Inputs: []string{"closed_on", "outcome"}, Needs: []string{"closed_on", "outcome"},
			Offers:  map[string][]string{"outcome": {"判决", "调解", "和解", "撤诉", "其他"}},
			Article: "办理法律援助案件程序规定（结案归档）",
			Apply: rederive(func(v Values) string {
				if v.Str("outcome") == "终止援助" {
					return "终止法律援助请用「终止援助」，并写明第48条的事由"
				}
				return ""
			})},
		{Name: "terminate", Label: "终止援助", From: []string{"给予", "已指派", "办理中"}, To: "终止援助",
			Inputs: []string{"closed_on", "termination_ground"}, Needs: []string{"closed_on", "termination_ground"},
			Sets: map[string]string{"outcome": "终止援助"}, Article: "法律援助法第48条", Apply: rederive(nil)},
		{Name: "object", Label: "登记异议", From: []string{"不予", "终止援助"},
			Inputs: []string{"objection_on"}, Needs: []string{"objection_on"}, Article: "法律援助法第49条", Apply: rederive(nil)},
		{Name: "decide_objection", Label: "登记异议审查决定", From: []string{"不予", "终止援助"},
			Inputs: []string{"objection_decided_on", "objection_result"}, Needs: []string{"objection_decided_on", "objection_result"},
			Article: "法律援助法第49条（维持或者责令法律援助机构改正）", Apply: rederive(func(v Values) string {
				if v.Str("objection_on") == "" {
					return "尚未登记异议，请先「登记异议」"
				}
				return ""
			})},
	},
	Clocks: []ClockRule{
		{ID: "legal_aid.review", Label: "审查决定期限", Budget: 7, Unit: WorkingDays,
			Article:    "法律援助法第43条第1款（七日内审查决定）；办理法律援助案件程序规定（七个工作日，补充材料期间不计入）",
			StartField: "applied_on", StopField: "decided_on", SuspensionsField: "supplement_period",
			When:     func(v Values) bool { return !notified(v) },
			StopWhen: func(v Values) bool { return !contains(undecided, v.Str("stage")) }},
		{ID: "legal_aid.assign", Label: "指派期限", Budget: 3, Unit: NaturalDays,
			Article:    "法律援助法第43条第1款（决定给予之日起三日内指派）",
			StartField: "decided_on", StopField: "assigned_on",
			When:     func(v Values) bool { return !notified(v) && v.Str("decision") == "给予" },
			StopWhen: func(v Values) bool { return v.Str("stage") == "终止援助" }},
		{ID: "legal_aid.notified_assign", Label: "通知辩护指派期限", Budget: 3, Unit: NaturalDays,
			Article:    "法律援助法第36条（收到通知之日起三日内指派律师）",
			StartField: "notice_received_on", StopField: "assigned_on", When: notified,
			StopWhen: func(v Values) bool { return v.Str("stage") == "终止援助" }},
		{ID: "legal_aid.transfer", Label: "转交申请期限", Budget: 1, Unit: NaturalDays,
			Article:    "法律援助法第39条（二十四小时内转交法律援助机构）",
			StartField: "raised_on", StopField: "applied_on"},
		{ID: "legal_aid.objection", Label: "异议审查期限", Budget: 5, Unit: NaturalDays,
			Article:    "法律援助法第49条（收到异议之日起五日内审查）",
			StartField: "objection_on", StopField: "objection_decided_on"},
	},
	Checks: []Check{
		{Article: "法律援助法第42条", Test: func(v Values) (string, string) {
			if v.Str("means_test") == "免予核查" && v.Str("waiver_ground") == "" {
				return "waiver_ground", "免予核查经济困难状况的，须写明第42条规定的免核查情形"
			}
			return "", ""
		}},
		{Article: "法律援助法第32条、第25条", Test: func(v Values) (string, string) {
			if v.Str("means_test") == "无需审查" && !notified(v) && v.Str("exempt_ground") == "" {
				return "exempt_ground", "无需审查经济困难条件的，须是通知辩护或者写明第32条规定的情形"
			}
			return "", ""
		}},
		{Article: "法律援助法第25条、第36条", Test: checkNotifiedDefence},
		{Article: "法律援助法第26条", Test: func(v Values) (string, string) {
			if !notified(v) || !contains(SeniorDefenceGrounds, v.Str("defence_ground")) || v.Str("handler") == "" {
				return "", ""
			}
			if n, err := strconv.Atoi(v.Str("handler_years")); err != nil || n < 3 {
				return "handler_years", "可能被判处无期徒刑、死刑的人和死刑复核案件的被告人，应当指派具有三年以上相关执业经历的律师担任辩护人，请填写承办律师执业年限（不少于3年）"
			}
			return "", ""
		}},
		{Article: "法律援助法第30条", Test: func(v Values) (string, string) {
			if v.Str("form") == "值班律师法律帮助" && v.Str("case_type") != "刑事" {
				return "form", "值班律师法律帮助只适用于刑事案件的犯罪嫌疑人、被告人"
			}
			return "", ""
		}},
		{Article: "法律援助法第43条第1款", Test: checkLegalAidDecision},
		{Article: "法律援助法第48条", Test: func(v Values) (string, string) {
			if (v.Str("outcome") == "终止援助" || v.Str("stage") == "终止援助") && v.Str("termination_ground") == "" {
				return "termination_ground", "终止法律援助的，须写明第48条规定的终止事由"
			}
			return "", ""
		}},
		{Article: "法律援助法第49条", Test: func(v Values) (string, string) {
			if v.Str("objection_on") != "" && v.Str("decision") != "不予" && v.Str("stage") != "终止援助" {
				return "objection_on", "只能对不予或者终止法律援助的决定提出异议"
			}
			if v.Str("objection_result") != "" && v.Str("objection_on") == "" {
				return "objection_on", "填写了异议决定，请同时填写异议日期"
			}
			return "", ""
		}},
		{Article: "申请、决定、指派、结案日期先后", Test: checkLegalAidDates},
		{Article: "办理法律援助案件程序规定（补充材料期间不计入审查期限）；受理日期", Test: checkDerived},
	},
})

// normalizeLegalAid derives what a ledger leaves to the reader: the stage from 决定, 指派日期 and
// 结案日期, the 决定 from the stage, the supplementing interval the review clock skips and the
// day a case counts as taken on.
func normalizeLegalAid(v Values) {
	stage, dec := v.Str("stage"), v.Str("decision")
	if notified(v) && (dec == "" || contains(undecided, dec)) && (stage == "" || !contains(undecided, stage)) {
		// 第25条、第36条: a notified defence is not an application under review; it is given.
		dec = "给予"
		v["decision"] = dec
	}
	if stage == "" {
		switch {
		case v.Str("closed_on") != "" && v.Str("outcome") == "终止援助":
			stage = "终止援助"
		case v.Str("closed_on") != "":
			stage = "已结案"
		case v.Str("assigned_on") != "":
			stage = "已指派"
		case notified(v):
			// 第25条、第36条: a notified defence needs no application review; it waits for a lawyer.
			stage = "给予"
		case dec != "":
			stage = dec
		}
		if stage != "" {
			v["stage"] = stage
		}
	}
	if dec == "" {
		switch {
		case notified(v) || contains(helped, stage) || stage == "给予" || stage == "终止援助":
			v["decision"] = "给予"
		case stage != "":
			v["decision"] = stage
		default:
			v["decision"] = "审查中"
		}
	}
	if notified(v) && v.Str("means_test") == "" {
		v["means_test"] = "无需审查"
	}
	if p := supplementPeriod(v); p != "" && IsEmpty(v["supplement_period"]) {
		v["supplement_period"] = []string{p}
	}
	if c := countedOn(v); c != "" && v.Str("counted_on") == "" {
		v["counted_on"] = c
	}
}

// setDerived writes the two values that follow from the dates: the supplementing interval and
// the day the case counts as taken on. Every step sets them anew (a step moves the dates); a
// ledger row may leave them empty, and when it fills them they must agree (checkDerived).
func setDerived(v Values) {
	delete(v, "supplement_period")
	if p := supplementPeriod(v); p != "" {
		v["supplement_period"] = []string{p}
	}
	delete(v, "counted_on")
	if c := countedOn(v); c != "" {
		v["counted_on"] = c
	}
}

// rederive is the Apply of every legal-aid step: the step's own rule, then setDerived.
func rederive(rule func(v Values) string) func(*Step) string {
	return func(s *Step) string {
		if rule != nil {
			if msg := rule(s.Values); msg != "" {
				return msg
			}
		}
		setDerived(s.Values)
		return ""
	}
}

// countedOn is the day a case counts as taken on (受理法律援助案件, indicators.md): the grant, or
// for a notified defence the assignment.
func countedOn(v Values) string {
	switch {
	case notified(v):
		return v.Str("assigned_on")
	case v.Str("decision") == "给予":
		return v.Str("decided_on")
	}
	return ""
}

// checkDerived: values a ledger fills in for the derived columns must be the ones that follow.
func checkDerived(v Values) (string, string) {
	if c := v.Str("counted_on"); c != "" && c != countedOn(v) {
		want := countedOn(v)
		if want == "" {
			return "counted_on", "受理日期由系统计算（给予法律援助的为决定日期，通知辩护的为指派日期），本案尚未受理，请留空"
		}
		return "counted_on", "受理日期由系统计算，应为 " + want + "（给予法律援助的为决定日期，通知辩护的为指派日期），请留空或改正"
	}
	got, _ := v["supplement_period"].([]string)
	want := supplementPeriod(v)
	if len(got) > 0 && (len(got) != 1 || got[0] != want) {
		if want == "" {
			return "supplement_period", "补充材料期间由补充材料通知日期和收到补充材料日期计算，本案没有补充材料期间，请留空"
		}
		return "supplement_period", "补充材料期间由系统计算，应为 " + want + "（通知次日至收到材料之日），请留空或改正"
	}
	return "", ""
}

// supplementPeriod is the time the applicant takes to supply materials, which the review does
// not count (办理法律援助案件程序规定): from the day after the notice (the notice day is a day
// of the review, like the first day of any period it is not the applicant's) to the day the
// materials arrive; the review runs again from the next day. Open (`起日~`) while awaited.
func supplementPeriod(v Values) string {
	req := v.Str("supplement_requested_on")
	if req == "" {
		return ""
	}
	from := AddDays(req, 1)
	got := v.Str("supplement_received_on")
	switch {
	case got == "":
		if !contains(undecided, v.Str("stage")) && v.Str("stage") != "视为撤回" {
			return "" // decided without the materials: nothing is being awaited
		}
		if v.Str("stage") == "视为撤回" {
			if d := v.Str("decided_on"); d >= from {
				return from + "~" + d
			}
			return ""
		}
		return from + "~"
	case got < from:
		return ""
	}
	return from + "~" + got
}

// checkNotifiedDefence: a notified defence is given by a lawyer (第25条第1款 "指派律师担任辩护人"),
// starts from the organ's notice (第36条) and is no application: it is not reviewed or refused.
func checkNotifiedDefence(v Values) (string, string) {
	if !notified(v) {
		if v.Str("defence_ground") != "" || v.Str("notifying_body") != "" {
			return "source", "填写了通知机关或通知辩护情形，来源应为通知辩护"
		}
		return "", ""
	}
	if s := v.Str("stage"); contains(undecided, s) || s == "不予" || s == "视为撤回" {
		return "source", "通知辩护无需审查申请，应为待指派（给予）或其后的阶段，不能是「" + s + "」"
	}
	if v.Str("notice_received_on") == "" {
		return "notice_received_on", "通知辩护须填写收到通知日期（第36条：三日内指派）"
	}
	if t := v.Str("handler_type"); t != "" && t != "律师" {
		return "handler_type", "通知辩护应当指派律师担任辩护人，不能指派" + t
	}
	return "", ""
}

// checkLegalAidDecision: a decision has its date, a refusal its written reasons (第43条第1款),
// and a helper is assigned only on a grant.
func checkLegalAidDecision(v Values) (string, string) {
	dec, stage := v.Str("decision"), v.Str("stage")
	if dec == "不予" && strings.TrimSpace(v.Str("refusal_reason")) == "" {
		return "refusal_reason", "决定不予法律援助的，应当书面告知申请人并说明理由，请填写不予理由"
	}
	if !notified(v) && (dec == "给予" || dec == "不予" || dec == "视为撤回") && v.Str("decided_on") == "" {
		return "decided_on", "决定为「" + dec + "」的，须填写决定日期"
	}
	if contains(helped, stage) && (v.Str("assigned_on") == "" || v.Str("handler") == "") {
		return "assigned_on", "已指派的案件须填写指派日期和承办人"
	}
	if (v.Str("assigned_on") != "" || v.Str("handler") != "") && dec != "给予" {
		return "assigned_on", "只有决定给予法律援助（或通知辩护）的案件才能指派承办人"
	}
	if (stage == "已结案" || stage == "终止援助") && (v.Str("closed_on") == "" || v.Str("outcome") == "") {
		return "closed_on", "已结案的案件须填写结案日期和结案方式"
	}
	if v.Str("closed_on") != "" && stage != "已结案" && stage != "终止援助" {
		return "closed_on", "填写了结案日期的案件，办理阶段应为已结案或终止援助"
	}
	if stage != "" && dec != "" && stageDecision(stage) != dec {
		return "decision", "办理阶段「" + stage + "」与决定「" + dec + "」不一致"
	}
	return "", ""
}

// stageDecision is the 决定 a stage implies.
func stageDecision(stage string) string {
	if contains(undecided, stage) || stage == "不予" || stage == "视为撤回" {
		return stage
	}
	return "给予"
}

func checkLegalAidDates(v Values) (string, string) {
	return OutOfOrder(v, []DateOrder{
		{"raised_on", "applied_on", "申请日期（收到转交申请之日）早于提出申请日期"},
		{"applied_on", "supplement_requested_on", "补充材料通知日期早于申请日期"},
		{"supplement_requested_on", "supplement_received_on", "收到补充材料日期早于补充材料通知日期"},
		{"applied_on", "decided_on", "决定日期早于申请日期"},
		{"supplement_received_on", "decided_on", "决定日期早于收到补充材料日期"},
		{"decided_on", "assigned_on", "指派日期早于决定日期"},
		{"notice_received_on", "assigned_on", "指派日期早于收到通知日期"},
		{"applied_on", "assigned_on", "指派日期早于申请日期"},
		{"assigned_on", "closed_on", "结案日期早于指派日期"},
		{"decided_on", "closed_on", "结案日期早于决定日期"},
		{"decided_on", "objection_on", "异议日期早于决定日期"},
		{"objection_on", "objection_decided_on", "异议决定日期早于异议日期"},
	})
}
