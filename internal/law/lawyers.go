package law

// Lawyers and village legal advisers — 律师法 (2017年修正) 第23–25、42条; Guangdong's
// 一村（社区）一法律顾问. The county keeps what the firms report (律师法第24条: the annual
// 执业情况报告 goes to the 设区的市 bureau, so the county imports it) and what the village
// advisers do.

// dateOrder is the check that a closing date does not precede an opening one.
func dateOrder(first, firstLabel, then, thenLabel string) Check {
	return Check{Article: thenLabel + "不早于" + firstLabel, Test: func(v Values) (string, string) {
		if d := v.Str(then); d != "" && d < v.Str(first) {
			return then, thenLabel + "早于" + firstLabel
		}
		return "", ""
	}}
}

// AdvisoryContract is a firm's 常年法律顾问 contract with a client; renewal is due before it ends.
var AdvisoryContract = register(&Kind{
	Name:     "advisory_contract",
	Label:    "常年法律顾问",
	Uploads:  "法律顾问合同、服务记录",
	Order:    70,
	Law:      "律师法（2017年修正）",
	OrgField: "firm",
	OrgTypes: []string{"律师事务所"},
	States:   []string{"有效", "到期", "解除"},
	Final:    []string{"到期", "解除"},
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode, Help: "顾问合同编号，在本律师事务所内唯一"},
		{Key: "firm", Label: "律师事务所", Type: Org, Required: true, Column: ColOrg,
			Help: "律师法第25条：律师承办业务，由律师事务所统一接受委托，与委托人签订书面委托合同"},
		{Key: "lawyers", Label: "律师", Type: List},
		{Key: "client", Label: "服务对象", Type: Text, Required: true},
		{Key: "client_type", Label: "对象类型", Type: Enum, Required: true, Column: ColCategory,
			Values: []string{"企业", "事业单位", "机关", "村居", "其他"}},
		{Key: "village", Label: "服务村居", Type: Org, Help: "对象类型为村居时填写村（社区）的编码或全称，用于一村一法律顾问覆盖率"},
		{Key: "started_on", Label: "起始日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "ends_on", Label: "终止日期", Type: Date, Column: ColClosed, Help: "合同约定的终止日期；提前解除的填解除之日"},
		{Key: "renewed_on", Label: "续签日期", Type: Date, Help: "与服务对象商定续签之日；填写后不再提醒"},
		{Key: "contract_state", Label: "合同状态", Type: Enum, Column: ColStatus, Default: "有效", Values: []string{"有效", "到期", "解除"}},
	},
	Transitions: []Transition{
		{Name: "expire", Label: "合同到期", From: []string{"有效"}, To: "到期",
			Inputs: []string{"ends_on"}, Needs: []string{"ends_on"}, Article: "律师法第25条（按委托合同约定的期限）"},
		{Name: "renew", Label: "登记续签", From: []string{"有效"}, Inputs: []string{"renewed_on"}, Needs: []string{"renewed_on"},
			Article: "律师法第25条（续签书面委托合同）"},
		{Name: "dissolve", Label: "解除合同", From: []string{"有效"}, To: "解除",
			Inputs: []string{"ends_on"}, Needs: []string{"ends_on"}, Article: "律师法第32条（委托人可以拒绝已委托的律师；律师可以拒绝辩护或代理的情形）"},
	},
	Clocks: []ClockRule{
		// A reminder, not a duty: due 30 days before the contract ends, so that the renewal is
		// agreed in time. Budget = the contract's length less 30 days.
		{ID: "advisory.renewal", Label: "续签提醒", Budget: renewalLead, Unit: NaturalDays, Soft: true,
			Article:    "常年法律顾问合同续签提醒（终止日期前30日，本地工作要求）",
			StartField: "started_on",
			When:       func(v Values) bool { return v.Str("ends_on") != "" },
			BudgetFor:  renewalBudget,
			StopField:  "renewed_on",
			StopWhen:   func(v Values) bool { return v.Str("contract_state") != "有效" }},
	},
	Checks: []Check{
		dateOrder("started_on", "起始日期", "ends_on", "终止日期"),
		dateOrder("started_on", "起始日期", "renewed_on", "续签日期"),
		{Article: "一村（社区）一法律顾问", Test: func(v Values) (string, string) {
			if v.Str("client_type") == "村居" && v.Str("village") == "" {
				return "village", "对象类型为村居时须填写服务村居"
			}
			if v.Str("client_type") != "村居" && v.Str("village") != "" {
				return "village", "只有对象类型为村居的合同填写服务村居"
			}
			return "", ""
		}},
	},
})

// renewalLead is how many days before 终止日期 the renewal reminder falls due.
const renewalLead = 30

// renewalBudget is the number of days from the start to 30 days before the end (0 for a contract
// of 30 days or less: the reminder is due at once).
func renewalBudget(v Values) int {
	if v.Str("ends_on") == "" {
		return 0
	}
	return max(DaysBetween(v.Str("started_on"), v.Str("ends_on"))-renewalLead, 0)
}

// LawyerCase is one case a firm took on, as its annual report lists them. No clocks.
var LawyerCase = register(&Kind{
	Name:     "lawyer_case",
	Label:    "律师办理案件",
	Uploads:  "委托合同、判决书或调解书的扫描件",
	Order:    71,
	Law:      "律师法（2017年修正）",
	OrgField: "firm",
	OrgTypes: []string{"律师事务所"},
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode, Help: "律师事务所收案编号"},
		{Key: "firm", Label: "律师事务所", Type: Org, Required: true, Column: ColOrg},
		{Key: "lawyer", Label: "律师", Type: Text},
		{Key: "business_type", Label: "业务类型", Type: Enum, Required: true, Column: ColCategory,
			Values: []string{"刑事", "民事", "行政", "非诉讼", "法律援助", "其他"}},
		{Key: "received_on", Label: "收案日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "closed_on", Label: "结案日期", Type: Date, Column: ColClosed},
		{Key: "legal_aid", Label: "法律援助案件", Type: Bool, Help: "律师法第42条：律师、律师事务所应当按照规定履行法律援助义务"},
	},
	Checks: []Check{
		dateOrder("received_on", "收案日期", "closed_on", "结案日期"),
		{Article: "律师法第42条", Test: func(v Values) (string, string) {
			if v.Str("business_type") == "法律援助" && v.Str("legal_aid") == "否" {
				return "legal_aid", "业务类型为法律援助的案件，法律援助案件应为是"
			}
			return "", ""
		}},
	},
})

// ContractReview is a village adviser's review of a 村(社区) contract ("三资": 资金、资产、资源).
var ContractReview = register(&Kind{
	Name:     "contract_review",
	Label:    "村(社区)法律顾问合同审核",
	Uploads:  "合同文本及审核意见书",
	Order:    72,
	Law:      "广东省一村（社区）一法律顾问工作",
	OrgField: "village",
	OrgTypes: Villages,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "reviewed_on", Label: "审核日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "village", Label: "村居", Type: Org, Required: true, Column: ColOrg, Help: "村（社区）的编码或全称"},
		{Key: "counsel", Label: "法律顾问", Type: Text},
		{Key: "contract_type", Label: "合同类别", Type: Enum, Required: true, Column: ColCategory, Values: []string{"三资", "其他"},
			Help: "三资：村（社区）集体资金、资产、资源经营性合同"},
		{Key: "contract_name", Label: "合同名称", Type: Text},
		{Key: "opinion", Label: "审核意见", Type: Enum, Values: []string{"通过", "修改后通过", "不通过"}},
	},
})

// VillageCounselService is one service a village adviser gave (ledger added by issue 11).
var VillageCounselService = register(&Kind{
	Name:     "village_counsel_service",
	Label:    "村(社区)法律顾问服务",
	Uploads:  "服务记录表、讲座照片",
	Order:    73,
	Law:      "广东省一村（社区）一法律顾问工作",
	OrgField: "village",
	OrgTypes: Villages,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "served_on", Label: "日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "village", Label: "村居", Type: Org, Required: true, Column: ColOrg, Help: "村（社区）的编码或全称"},
		{Key: "counsel", Label: "法律顾问", Type: Text, Required: true},
		{Key: "service_type", Label: "服务类型", Type: Enum, Required: true, Column: ColCategory,
			Values: []string{"法律咨询", "法治讲座", "参与调解", "出具法律意见", "代写文书", "合同审核"}},
		{Key: "people", Label: "人次", Type: Int, Default: "1"},
	},
})
