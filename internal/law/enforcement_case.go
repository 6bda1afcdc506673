package law

// 行政执法案件, as 粤执法 (粤府〔2023〕73号) exports them: fazhi supervises the cases, it does not
// handle them. The periods are those of 行政处罚法（2021）, 行政许可法 and 国办发〔2018〕118号;
// a case that missed one is kept and flagged (a ledger records what happened), never refused.

// Case types (ledgers.md).
const (
	CasePenalty = "行政处罚"
	CasePermit  = "行政许可"
)

// SectorBudget is a per-sector decision period that replaces 第60条's 90 days ("法律、法规、规章
// 另有规定的，从其规定"), with the extension the sector rule allows on approval. Local data.
type SectorBudget struct {
	Days, Extension int
	Article         string
}

// SectorBudgets are the sectors with their own decision period (local table: law.md "per-sector
// budgets are local data"). 治安管理处罚法（2012）第99条: 30 days from 受理, 30 more with approval.
var SectorBudgets = map[string]SectorBudget{
	"治安管理": {Days: 30, Extension: 30, Article: "治安管理处罚法第99条"},
}

// decideBudget is 第60条's 90 ND unless the case's sector has its own period.
func decideBudget(v Values) int {
	if b, ok := SectorBudgets[v.Str("sector")]; ok {
		return b.Days
	}
	return 90
}

func decideExtension(v Values) int {
	if b, ok := SectorBudgets[v.Str("sector")]; ok && v.Str("extended") == "是" {
		return b.Extension
	}
	return 0
}

// publicityBudget: 行政许可、行政处罚 decisions within 7 WD, other enforcement decisions within
// 20 WD (国办发〔2018〕118号).
func publicityBudget(v Values) int {
	if t := v.Str("case_type"); t == CasePenalty || t == CasePermit {
		return 7
	}
	return 20
}

func isType(t string) func(Values) bool {
	return func(v Values) bool { return v.Str("case_type") == t }
}

var enforcementClocks = []ClockRule{
	{ID: "enforcement.decide", Label: "行政处罚办案期限", Article: "行政处罚法第60条（部门另有规定的从其规定）",
		Budget: 90, Unit: NaturalDays, BudgetFor: decideBudget, ExtensionDays: decideExtension,
		StartField: "filed_on", When: isType(CasePenalty), StopField: "decided_on"},
	{ID: "enforcement.serve", Label: "处罚决定书送达", Article: "行政处罚法第61条、第85条（七日内送达，工作日）",
		Budget: 7, Unit: WorkingDays, StartField: "decided_on", When: isType(CasePenalty), StopField: "served_on"},
	{ID: "enforcement.publicity", Label: "执法决定公示", Article: "国办发〔2018〕118号（行政许可、行政处罚7个工作日，其他20个工作日）",
		Budget: 7, Unit: WorkingDays, BudgetFor: publicityBudget, StartField: "decided_on", StopField: "published_on"},
	{ID: "enforcement.withdraw", Label: "变更后撤回公示", Article: "行政处罚法第48条第2款（三日内撤回，工作日）",
		Budget: 3, Unit: WorkingDays, StartField: "changed_on",
		When: func(v Values) bool { return v.Str("published_on") != "" }, StopField: "withdrawn_on"},
	{ID: "enforcement.hearing_request", Label: "听证申请期限", Article: "行政处罚法第64条第1项（告知后五日内提出，工作日）",
		Budget: 5, Unit: WorkingDays, Lapses: true, StartField: "notified_on", When: isType(CasePenalty),
		StopField: "hearing_requested_on"},
}

var enforcementFlags = []Flag{
	{Field: "warnings", Label: "执法人员少于两人（行政处罚法第42条）", Test: func(v Values, _ Env) bool {
		o, _ := v["officers"].([]string)
		return v.Str("decided_on") != "" && len(o) < 2
	}},
	{Field: "warnings", Label: "未在决定前完成法制审核（行政处罚法第58条）", Test: func(v Values, _ Env) bool {
		d := v.Str("decided_on")
		return v.Str("major") == "是" && d != "" && (v.Str("legal_review_on") == "" || v.Str("legal_review_on") > d)
	}},
	{Field: "warnings", Label: "未经负责人集体讨论（行政处罚法第57条第2款）", Test: func(v Values, _ Env) bool {
		d := v.Str("decided_on")
		return v.Str("complex") == "是" && d != "" && (v.Str("discussed_on") == "" || v.Str("discussed_on") > d)
	}},
	{Field: "warnings", Label: "立案时已逾二年追责期限（行政处罚法第36条）", Test: func(v Values, _ Env) bool {
		o := v.Str("occurred_on")
		return v.Str("case_type") == CasePenalty && o != "" && v.Str("filed_on") > AddDays(o, 731) && v.Str("grave") != "是"
	}},
	{Field: "warnings", Label: "听证通知迟于听证前七日（行政处罚法第64条第2项）", Test: func(v Values, env Env) bool {
		n, h := v.Str("hearing_noticed_on"), v.Str("hearing_held_on")
		if n == "" || h == "" || env.AddWorkdays == nil {
			return false
		}
		latest, err := env.AddWorkdays(h, -7)
		return err == nil && n > latest
	}},
}

// PenaltyLaw2021 is the day the revised 行政处罚法 took effect (第86条): its 第58条第2款 asks the
// 法律职业资格 of those who FIRST review penalty decisions, so a reviewer reviewing before it is
// not bound by it.
const PenaltyLaw2021 = "2021-07-15"

// ReviewerUnqualified reports whether an officer (the 法制审核人员's own line) reviewing penalty
// decisions first on firstReview lacked the 法律职业资格 第58条第2款 asks of a first-time reviewer.
func ReviewerUnqualified(reviewer Values, firstReview string) bool {
	return reviewer.Str("legal_qualification") != "是" && firstReview >= PenaltyLaw2021
}

// YueZhiFa is 粤执法's case export (案件信息导出) mapped onto the ledger. Its headers are the
// platform's names, which speak of 执法主体 and 时间 where the ledger says 执法单位 and 日期, and ask
// 是否… for the yes/no columns. The cells need no conversion: times after a date are dropped by
// the date reader, 是/否 are our Bool words, the 执法行为类型 words are our 案件类型 words, and
// 承办人员 lists the officers' 编号 as 粤执法 does (its 执法证号 is a certificate_event's 证号, not
// the officer's 编号, so a deployment numbering officers by 执法证号 maps that column instead).
// Re-imports are keyed by (执法主体, 案件编号), the platform's case numbers being its agencies' own.
// A deployment whose export differs edits the setting mapping.enforcement_case.粤执法.
var YueZhiFa = Source{Name: "粤执法", Columns: []SourceColumn{
	{"案件编号", "code"}, {"执法主体", "unit"}, {"执法行为类型", "case_type"}, {"所属领域", "sector"},
	{"违法行为发生时间", "occurred_on"}, {"是否涉及生命健康金融安全", "grave"}, {"立案时间", "filed_on"},
	{"是否延期", "extended"}, {"承办人员", "officers"}, {"告知时间", "notified_on"}, {"是否听证", "hearing"},
	{"听证申请时间", "hearing_requested_on"}, {"听证通知时间", "hearing_noticed_on"}, {"听证时间", "hearing_held_on"},
	{"是否集体讨论", "complex"}, {"集体讨论时间", "discussed_on"}, {"是否重大执法决定", "major"},
	{"是否法制审核", "legal_review"}, {"法制审核时间", "legal_review_on"}, {"决定时间", "decided_on"},
	{"送达时间", "served_on"}, {"公示时间", "published_on"}, {"变更时间", "changed_on"},
	{"撤回公示时间", "withdrawn_on"}, {"结案时间", "closed_on"}, {"罚没金额（元）", "amount"},
}}

var EnforcementCase = register(&Kind{
	Name:     "enforcement_case",
	Uploads:  "粤执法导出的案件材料、处罚决定书、送达回证、公示截图",
	Label:    "行政执法案件",
	Order:    46,
	Law:      "行政处罚法（2021）；行政许可法；国办发〔2018〕118号",
	OrgField: "unit",
	OrgTypes: EnforcementOrgs,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode, Help: "粤执法案件编号"},
		{Key: "unit", Label: "执法单位", Type: Org, Required: true, Column: ColOrg},
		{Key: "case_type", Label: "案件类型", Type: Enum, Required: true, Column: ColCategory,
			Values: []string{"行政处罚", "行政强制", "行政检查", "行政许可", "行政征收", "其他"}},
		{Key: "sector", Label: "执法领域", Type: Text,
			Help: "部门规定另有办案期限的领域（如 治安管理：30日，经批准延长30日）；留空按行政处罚法第60条90日"},
		{Key: "occurred_on", Label: "违法行为发生日期", Type: Date, Help: "行政处罚法第36条：二年内未被发现的，不再给予行政处罚"},
		{Key: "grave", Label: "涉及生命健康金融安全", Type: Bool,
			Help: "第36条第1款：涉及公民生命健康安全、金融安全且有危害后果的，追责期限延长至五年"},
		{Key: "filed_on", Label: "立案日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "extended", Label: "延长期限", Type: Bool, Help: "经批准延长办案期限（治安管理处罚法第99条、行政许可法第42条）"},
		{Key: "officers", Label: "执法人员", Type: List, Help: "承办的行政执法人员编号，多个用；分隔（第42条：不得少于两人）"},
		{Key: "notified_on", Label: "告知日期", Type: Date, Help: "第44条、第64条：告知拟作出的处罚及陈述、申辩、听证权利之日"},
		{Key: "hearing", Label: "听证", Type: Bool},
		{Key: "hearing_requested_on", Label: "听证申请日期", Type: Date},
		{Key: "hearing_noticed_on", Label: "听证通知日期", Type: Date},
		{Key: "hearing_held_on", Label: "听证举行日期", Type: Date},
		{Key: "complex", Label: "情节复杂或重大违法", Type: Bool, Help: "第57条第2款：应当由行政机关负责人集体讨论决定"},
		{Key: "discussed_on", Label: "集体讨论日期", Type: Date},
		{Key: "major", Label: "法制审核情形", Type: Bool,
			Help: "第58条：涉及重大公共利益、直接关系当事人或第三人重大权益经过听证、案情疑难复杂涉及多个法律关系、法律法规规定的情形"},
		{Key: "legal_review", Label: "法制审核", Type: Bool},
		{Key: "legal_review_on", Label: "法制审核日期", Type: Date},
		{Key: "legal_reviewer", Label: "法制审核人员", Type: Text, RefKind: "officer", Index: true,
			Help: "审核人员的编号（行政执法人员台账）；第58条第2款：初次从事法制审核的人员应当取得法律职业资格"},
		{Key: "decided_on", Label: "决定日期", Type: Date, Index: true},
		{Key: "served_on", Label: "送达日期", Type: Date},
		{Key: "published_on", Label: "公示日期", Type: Date},
		{Key: "changed_on", Label: "变更撤销日期", Type: Date, Help: "决定被变更、撤销、确认违法或确认无效之日（第48条第2款）"},
		{Key: "withdrawn_on", Label: "撤回公示日期", Type: Date},
		{Key: "closed_on", Label: "结案日期", Type: Date, Column: ColClosed},
		{Key: "amount", Label: "罚没金额", Type: Money},
		{Key: "warnings", Label: "办案提示", Type: List, Derived: true, Values: FlagLabels(enforcementFlags, "warnings"),
			Help: "系统自动标注的程序问题，不影响保存，无需填写"},
	},
	Normalize: func(v Values) {
		if v.Str("legal_review") == "" && v.Str("legal_review_on") != "" {
			v["legal_review"] = "是"
		}
	},
	Clocks:  enforcementClocks,
	Flags:   enforcementFlags,
	Sources: []Source{YueZhiFa},
	Checks: []Check{
		{Article: "日期先后", Test: InOrder([]DateOrder{
			{"occurred_on", "filed_on", "立案日期早于违法行为发生日期"},
			{"filed_on", "decided_on", "决定日期早于立案日期"},
			{"decided_on", "served_on", "送达日期早于决定日期"},
			{"decided_on", "published_on", "公示日期早于决定日期"},
			{"filed_on", "closed_on", "结案日期早于立案日期"},
			{"decided_on", "changed_on", "变更撤销日期早于决定日期"},
			{"changed_on", "withdrawn_on", "撤回公示日期早于变更撤销日期"},
			{"notified_on", "hearing_requested_on", "听证申请日期早于告知日期"},
			{"hearing_noticed_on", "hearing_held_on", "听证举行日期早于听证通知日期"},
		})},
		{Article: "行政处罚法第58条", Test: func(v Values) (string, string) {
			if v.Str("legal_review") == "否" && v.Str("legal_review_on") != "" {
				return "legal_review_on", "未进行法制审核的案件不填写法制审核日期"
			}
			if v.Str("legal_review") == "否" && v.Str("legal_reviewer") != "" {
				return "legal_reviewer", "未进行法制审核的案件不填写法制审核人员"
			}
			return "", ""
		}},
		{Article: "行政处罚法第64条", Test: func(v Values) (string, string) {
			if v.Str("hearing") != "是" {
				if v.Str("hearing_noticed_on") != "" {
					return "hearing_noticed_on", "未举行听证的案件不填写听证通知日期"
				}
				if v.Str("hearing_held_on") != "" {
					return "hearing_held_on", "未举行听证的案件不填写听证举行日期"
				}
			}
			return "", ""
		}},
		{Article: "行政处罚法第48条第2款", Test: func(v Values) (string, string) {
			if v.Str("withdrawn_on") != "" && v.Str("changed_on") == "" {
				return "withdrawn_on", "撤回公示须先有变更撤销日期"
			}
			return "", ""
		}},
	},
})
