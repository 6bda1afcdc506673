package law

// 复议听证 — 行政复议法第50–51条. A hearing is its own ledger line so that the observers who
// attended (旁听单位, counted by the report) are recorded per hearing.
var Hearing = register(&Kind{
	Name:     "hearing",
	Label:    "复议听证",
	Order:    21,
	Law:      "行政复议法第50–51条",
	OrgField: "org",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "组织听证的行政复议机构"},
		{Key: "case", Label: "复议案件", Type: Ref, RefKind: "reconsideration", Required: true, Help: "复议案件的编号"},
		{Key: "held_on", Label: "听证日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "observers", Label: "旁听单位", Type: List, Help: "组织名称，多个用；分隔"},
		{Key: "panel", Label: "听证人员", Type: List,
			Help: "第51条：听证由一名行政复议人员任主持人，两名以上行政复议人员任听证员，一名记录员"},
	},
	Checks: []Check{
		{Article: "行政复议法第51条", Test: func(v Values) (string, string) {
			if p, ok := v["panel"].([]string); ok && len(p) > 0 && len(p) < 4 {
				return "panel", "听证人员应有主持人一名、听证员两名以上和记录员一名"
			}
			return "", ""
		}},
	},
})

// 行政应诉 — 行政诉讼法第3条第3款; 最高人民法院关于行政机关负责人出庭应诉若干问题的规定 (2020).

// HeadTitles are the positions that count as the agency's head in court (规定第2条);
// 工作人员 and 未出庭 do not.
var HeadTitles = []string{"正职", "副职", "分管负责人", "其他负责人"}

var Litigation = register(&Kind{
	Name:     "litigation",
	Label:    "行政应诉",
	Order:    30,
	Law:      "行政诉讼法；最高人民法院关于行政机关负责人出庭应诉若干问题的规定",
	OrgField: "org",
	States:   []string{"审理中", "已审结"},
	Final:    []string{"已审结"},
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "被诉行政机关或负责应诉督办的单位"},
		{Key: "court_case_no", Label: "法院案号", Type: Text},
		{Key: "plaintiffs", Label: "原告", Type: List},
		{Key: "defendant", Label: "被告", Type: Text, Required: true},
		{Key: "instance", Label: "审级", Type: Enum, Required: true, Column: ColCategory, Values: []string{"一审", "二审", "再审"}},
		{Key: "filed_on", Label: "立案日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "hearing_on", Label: "开庭日期", Type: Date, Index: true},
		{Key: "head", Label: "出庭负责人", Type: Text},
		{Key: "head_title", Label: "出庭负责人职务", Type: Enum,
			Values: []string{"正职", "副职", "分管负责人", "其他负责人", "工作人员", "未出庭"},
			Help:   "规定第2条：正职、副职和分管负责人以及其他参与分管的负责人为负责人；仅工作人员或律师出庭不算负责人出庭"},
		{Key: "head_spoke", Label: "负责人发言", Type: Bool, Help: "规定第11条：负责人应当就实质性解决争议发表意见（出庭出声）"},
		{Key: "status", Label: "案件状态", Type: Enum, Column: ColStatus, Values: []string{"审理中", "已审结"}, Help: "留空时按结案日期推定"},
		{Key: "closed_on", Label: "结案日期", Type: Date, Column: ColClosed},
		{Key: "judgment", Label: "裁判结果", Type: Enum, Values: []string{"胜诉", "败诉", "原告撤诉", "调解", "驳回起诉", "其他"}},
	},
	Normalize: func(v Values) {
		if v.Str("status") == "" {
			v["status"] = "审理中"
			if v.Str("closed_on") != "" {
				v["status"] = "已审结"
			}
		}
	},
	Transitions: []Transition{
		{Name: "record_hearing", Label: "登记开庭", From: []string{"审理中"},
			Inputs: []string{"hearing_on", "head", "head_title", "head_spoke"}, Needs: []string{"hearing_on", "head_title"},
			Article: "行政诉讼法第3条第3款（被诉行政机关负责人应当出庭应诉）"},
		{Name: "conclude", Label: "登记裁判结果", From: []string{"审理中"}, To: "已审结",
			Inputs: []string{"closed_on", "judgment"}, Needs: []string{"closed_on", "judgment"}, Article: "行政诉讼法第69–78条"},
	},
	Checks: []Check{
		{Article: "立案、开庭、结案日期先后", Test: func(v Values) (string, string) {
			if h := v.Str("hearing_on"); h != "" && h < v.Str("filed_on") {
				return "hearing_on", "开庭日期早于立案日期"
			}
			if c := v.Str("closed_on"); c != "" && c < v.Str("filed_on") {
				return "closed_on", "结案日期早于立案日期"
			}
			if v.Str("status") == "已审结" && (v.Str("closed_on") == "" || v.Str("judgment") == "") {
				return "judgment", "已审结的案件须填写结案日期和裁判结果"
			}
			return "", ""
		}},
		{Article: "出庭应诉规定第2条、第11条", Test: func(v Values) (string, string) {
			if v.Str("head_spoke") == "是" && !contains(HeadTitles, v.Str("head_title")) {
				return "head_spoke", "只有负责人出庭才计入出庭出声，请先填写出庭负责人职务"
			}
			if v.Str("head_title") != "" && v.Str("hearing_on") == "" {
				return "hearing_on", "填写了出庭负责人职务，请同时填写开庭日期"
			}
			return "", ""
		}},
	},
})

// 督办函件 — supervision letters: 应诉督办 and the 行政复议意见书/建议书 of 行政复议法第76条.
var Letter = register(&Kind{
	Name:     "letter",
	Label:    "督办函件",
	Order:    31,
	Law:      "行政复议法第76条；法治政府建设与责任落实督察工作规定",
	OrgField: "org",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "发函单位"},
		{Key: "sent_on", Label: "发出日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "letter_type", Label: "函件类别", Type: Enum, Required: true, Column: ColCategory,
			Values: []string{"应诉督办", "复议意见书", "复议建议书", "执法监督", "其他"}},
		{Key: "recipients", Label: "接收单位", Type: List, Required: true},
		{Key: "title", Label: "标题", Type: Text},
	},
})
