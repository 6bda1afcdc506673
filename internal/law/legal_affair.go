package law

// 法律事务审查 — the 司法局 as the government's legal adviser (法律参谋助手): the legal matters it
// reviews beside documents and decisions (招商引资 contracts, 化解隐性债务, 违法建设 …). No statute
// sets a period for them; the ledger counts them by 事项类别 (seed report 三(二): 审查各类法律事务251件).
var LegalAffair = register(&Kind{
	Name:     "legal_affair",
	Uploads:  "送审材料（合同、协议、方案）及法律审查意见",
	Label:    "法律事务审查",
	Order:    7,
	Law:      "法治政府建设实施纲要（2021—2025年）（发挥法律顾问、公职律师作用）",
	OrgField: "org",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "承办审查的单位"},
		{Key: "received_on", Label: "收文日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "category", Label: "事项类别", Type: Enum, Required: true, Column: ColCategory,
			Values: []string{"招商引资", "化解隐性债务", "违法建设", "合同审查", "信访矛盾", "其他"}},
		{Key: "title", Label: "事项名称", Type: Text},
		{Key: "requester", Label: "送审单位", Type: Text},
		{Key: "closed_on", Label: "办结日期", Type: Date, Column: ColClosed},
	},
	Checks: []Check{{Article: "办结不早于收文", Test: func(v Values) (string, string) {
		if c := v.Str("closed_on"); c != "" && c < v.Str("received_on") {
			return "closed_on", "办结日期早于收文日期"
		}
		return "", ""
	}}},
})

// 规范性文件清理 — 国办发〔2018〕37号: 定期清理、动态清理, the results published as a government
// notice. A campaign is its own record; each document it covers records its conclusion and
// reason (normative_doc's 清理 steps, naming the campaign), and the 清理结果 notice lists them.
var NormativeCleanup = register(&Kind{
	Name:     "normative_cleanup",
	Uploads:  "清理工作方案、清理结果决定及公告",
	Label:    "规范性文件清理",
	Order:    8,
	Law:      "国办发〔2018〕37号（定期清理、动态清理，清理结果向社会公布）",
	OrgField: "org",
	States:   []string{"清理中", "已公布"},
	Final:    []string{"已公布"},
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "组织清理的机关"},
		{Key: "name", Label: "清理名称", Type: Text, Required: true, Help: "如 2024年度行政规范性文件集中清理"},
		{Key: "started_on", Label: "开始日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "scope", Label: "清理范围", Type: Text, Help: "如 截至2024年6月30日现行有效的市政府及部门规范性文件"},
		{Key: "stage", Label: "状态", Type: Enum, Required: true, Column: ColStatus, Default: "清理中", Values: []string{"清理中", "已公布"}},
		{Key: "published_on", Label: "结果公布日期", Type: Date, Column: ColClosed, RequiredUnlessStatus: []string{"清理中"}},
		{Key: "notice_no", Label: "公告文号", Type: Text, RequiredUnlessStatus: []string{"清理中"}},
	},
	Transitions: []Transition{
		{Name: "publish", Label: "公布清理结果", From: []string{"清理中"}, To: "已公布",
			Inputs: []string{"published_on", "notice_no"}, Needs: []string{"published_on", "notice_no"},
			Article: "国办发〔2018〕37号（清理结果向社会公布）"},
	},
	Members: &Members{Kind: "normative_doc", Field: "cleanup_campaign", Label: "清理的文件",
		Columns:    []string{"code", "title", "issuer", "published_on", "status", "cleanup_conclusion", "cleanup_reason"},
		Candidates: []string{"有效"}, Steps: []string{"keep", "amend", "repeal", "declare_void"}},
	Checks: []Check{{Article: "日期先后", Test: func(v Values) (string, string) {
		if p := v.Str("published_on"); p != "" && p < v.Str("started_on") {
			return "published_on", "结果公布日期早于开始日期"
		}
		return "", ""
	}}},
})
