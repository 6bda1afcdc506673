package law

// 复议听证 — 行政复议法第50–51条. A hearing is its own ledger line so that the observers who
// attended (旁听单位, counted by the report) are recorded per hearing.
var Hearing = register(&Kind{
	Name:     "hearing",
	Label:    "复议听证",
	Uploads:  "听证通知书、听证笔录的扫描件",
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
			Help: "第50条第3款：听证由一名行政复议人员任主持人，两名以上行政复议人员任听证员，一名记录员制作听证笔录"},
		{Key: "respondent_head_attended", Label: "被申请人负责人参加", Type: Bool,
			Help: "第51条第3款：被申请人的负责人应当参加听证"},
		{Key: "respondent_attendee", Label: "被申请人参加人员", Type: Text, Help: "参加听证的负责人，或者受委托的工作人员"},
		{Key: "head_absence_reason", Label: "负责人未参加理由", Type: Text,
			Help: "第51条第3款：负责人不能参加的，应当说明理由并委托相应的工作人员参加听证"},
	},
	Checks: []Check{
		{Article: "行政复议法第50条第3款", Test: func(v Values) (string, string) {
			if p, ok := v["panel"].([]string); ok && len(p) > 0 && len(p) < 4 {
				return "panel", "听证人员应有主持人一名、听证员两名以上和记录员一名"
			}
			return "", ""
		}},
		{Article: "行政复议法第51条第3款", Test: func(v Values) (string, string) {
			switch v.Str("respondent_head_attended") {
			case "否":
				if v.Str("head_absence_reason") == "" {
					return "head_absence_reason", "被申请人负责人未参加听证的，应当说明理由（并委托相应的工作人员参加）"
				}
			case "是":
				if v.Str("head_absence_reason") != "" {
					return "head_absence_reason", "被申请人负责人已参加听证，不填写未参加理由"
				}
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
	Uploads:  "起诉状副本、答辩状、判决书或裁定书的扫描件",
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
		{Key: "reconsideration_case", Label: "复议案件", Type: Ref, RefKind: "reconsideration",
			Help: "经复议的案件填写复议案件编号；复议机关决定维持原行政行为的，作出原行政行为的行政机关和复议机关是共同被告（行政诉讼法第26条第2款）"},
		{Key: "complaint_received_on", Label: "收到起诉状副本日期", Type: Date,
			Help: "行政诉讼法第67条：被告应当在收到起诉状副本之日起十五日内提交证据和所依据的规范性文件，并提出答辩状"},
		{Key: "answer_filed_on", Label: "答辩提交日期", Type: Date, Help: "提交答辩状及作出行政行为的证据、依据之日"},
		{Key: "court_summoned_head", Label: "法院通知负责人出庭", Type: Bool,
			Help: "出庭应诉规定第4条：涉及食品药品安全、生态环境和资源保护、公共卫生安全等重大公共利益，社会高度关注或者可能引发群体性事件等案件，人民法院应当通知负责人出庭"},
		{Key: "hearing_on", Label: "开庭日期", Type: Date, Index: true},
		{Key: "head", Label: "出庭负责人", Type: Text},
		{Key: "head_title", Label: "出庭负责人职务", Type: Enum,
			Values: []string{"正职", "副职", "分管负责人", "其他负责人", "工作人员", "未出庭"},
			Help:   "规定第2条：正职、副职和分管负责人以及其他参与分管的负责人为负责人；仅工作人员或律师出庭不算负责人出庭"},
		{Key: "head_spoke", Label: "负责人发言", Type: Bool, Help: "规定第11条：负责人应当就实质性解决争议发表意见（出庭出声）"},
		{Key: "absence_reason", Label: "未出庭理由", Type: Enum, Values: AbsenceReasons,
			Help: "出庭应诉规定第8条：负责人不能出庭的正当理由"},
		{Key: "absence_proof", Label: "未出庭证明材料", Type: Text, Help: "出庭应诉规定第9条：应当向人民法院提交情况说明和加盖印章的证明材料"},
		{Key: "status", Label: "案件状态", Type: Enum, Column: ColStatus, Values: []string{"审理中", "已审结"}, Help: "留空时按结案日期推定"},
		{Key: "closed_on", Label: "结案日期", Type: Date, Column: ColClosed},
		{Key: "judgment", Label: "裁判结果", Type: Enum, Values: []string{"胜诉", "败诉", "原告撤诉", "调解", "驳回起诉", "其他"}},
		{Key: "judgment_form", Label: "裁判文书类型", Type: Enum, Values: []string{"判决", "裁定", "调解书"},
			Help: "上诉期限：判决十五日，裁定十日（行政诉讼法第85条）；留空时按裁判结果推定"},
		{Key: "judgment_received_on", Label: "收到裁判文书日期", Type: Date, Help: "上诉期限自判决书、裁定书送达之日起计算"},
		{Key: "appealed_on", Label: "上诉日期", Type: Date},
		{Key: "warnings", Label: "办案提示", Type: List, Derived: true, Values: FlagLabels(litigationFlags, "warnings"),
			Help: "系统自动标注需要核实的情形，不影响保存，无需填写"},
	},
	Normalize: func(v Values) {
		if v.Str("status") == "" {
			v["status"] = "审理中"
			if v.Str("closed_on") != "" {
				v["status"] = "已审结"
			}
		}
	},
	Flags:  litigationFlags,
	Clocks: litigationClocks,
	Transitions: []Transition{
		{Name: "receive_complaint", Label: "登记收到起诉状副本", From: []string{"审理中"},
			Inputs: []string{"complaint_received_on"}, Needs: []string{"complaint_received_on"}, Article: "行政诉讼法第67条"},
		{Name: "file_answer", Label: "登记提交答辩状和证据", From: []string{"审理中"},
			Inputs: []string{"answer_filed_on"}, Needs: []string{"answer_filed_on"}, Article: "行政诉讼法第67条（十五日内提交证据、依据和答辩状）"},
		{Name: "record_hearing", Label: "登记开庭", From: []string{"审理中"},
			Inputs:  []string{"hearing_on", "head", "head_title", "head_spoke", "court_summoned_head", "absence_reason", "absence_proof"},
			Needs:   []string{"hearing_on", "head_title"},
			Article: "行政诉讼法第3条第3款（被诉行政机关负责人应当出庭应诉）；出庭应诉规定第8–9条"},
		{Name: "conclude", Label: "登记裁判结果", From: []string{"审理中"}, To: "已审结",
			Inputs: []string{"closed_on", "judgment", "judgment_form", "judgment_received_on"}, Needs: []string{"closed_on", "judgment"},
			Article: "行政诉讼法第69–78条"},
		{Name: "appeal", Label: "登记上诉", From: []string{"已审结"},
			Inputs: []string{"judgment_received_on", "appealed_on"}, Needs: []string{"judgment_received_on", "appealed_on"}, Article: "行政诉讼法第85条"},
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
			if v.Str("absence_reason") != "" && contains(HeadTitles, v.Str("head_title")) {
				return "absence_reason", "负责人已出庭，不填写未出庭理由"
			}
			return "", ""
		}},
		{Article: "行政诉讼法第67条、第85条（日期先后）", Test: InOrder([]DateOrder{
			{"filed_on", "complaint_received_on", "收到起诉状副本日期早于立案日期"},
			{"complaint_received_on", "answer_filed_on", "答辩提交日期早于收到起诉状副本日期"},
			{"closed_on", "judgment_received_on", "收到裁判文书日期早于结案日期"},
			{"judgment_received_on", "appealed_on", "上诉日期早于收到裁判文书日期"},
		})},
	},
})

// 督办函件 — supervision letters: 应诉督办 and the 行政复议意见书/建议书 of 行政复议法第76条.
var Letter = register(&Kind{
	Name:     "letter",
	Label:    "督办函件",
	Uploads:  "函件正文（PDF 或 Word）及送达回证",
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
		{Key: "opinion_received_on", Label: "接收单位收到日期", Type: Date,
			Help: "行政复议法第76条：有关机关应当自收到行政复议意见书之日起六十日内报送纠正情况"},
		{Key: "reported_on", Label: "报送纠正情况日期", Type: Date},
		{Key: "warnings", Label: "办案提示", Type: List, Derived: true, Values: FlagLabels(letterFlags, "warnings"),
			Help: "系统自动标注需要核实的情形，不影响保存，无需填写"},
	},
	Flags: letterFlags,
	Clocks: []ClockRule{
		{ID: "letter.opinion_report", Label: "意见书反馈期限", Budget: 60, Unit: NaturalDays,
			Article:    "行政复议法第76条（自收到行政复议意见书之日起六十日内报送纠正情况）",
			StartField: "opinion_received_on", StopField: "reported_on"},
	},
	Checks: []Check{
		{Article: "行政复议法第76条（日期先后）", Test: InOrder([]DateOrder{
			{"sent_on", "opinion_received_on", "接收单位收到日期早于发出日期"},
			{"opinion_received_on", "reported_on", "报送纠正情况日期早于接收单位收到日期"},
		})},
	},
})

// letterFlags: the 60-day report is a duty of 第76条 for a 行政复议意见书 only.
var letterFlags = []Flag{
	{Field: "warnings", Label: "非复议意见书填写了收到或报送日期（第76条的六十日只适用于复议意见书）", Test: func(v Values, _ Env) bool {
		return v.Str("letter_type") != "复议意见书" && (v.Str("opinion_received_on") != "" || v.Str("reported_on") != "")
	}},
}

// AbsenceReasons are the grounds on which the head may stay away from court (出庭应诉规定第8条).
var AbsenceReasons = []string{"不可抗力", "意外事件", "需要履行他人不能代替的公务", "其他正当事由"}

// litigationClocks: 行政诉讼法第67条 (answer and evidence) and 第85条 (appeal, a window of the
// agency's own: once it has run out the judgment stands, nothing is overdue).
var litigationClocks = []ClockRule{
	{ID: "litigation.answer", Label: "答辩举证期限", Budget: 15, Unit: NaturalDays,
		Article:    "行政诉讼法第67条（收到起诉状副本之日起十五日内提交证据、依据并提出答辩状）",
		StartField: "complaint_received_on", StopField: "answer_filed_on",
		StopWhen: func(v Values) bool { return v.Str("status") == "已审结" }},
	{ID: "litigation.appeal", Label: "上诉期限", Budget: 15, Unit: NaturalDays, Lapses: true,
		Article:    "行政诉讼法第85条（不服判决的，判决书送达之日起十五日内；不服裁定的，裁定书送达之日起十日内）",
		StartField: "judgment_received_on", StopField: "appealed_on",
		When: func(v Values) bool { return v.Str("instance") == "一审" && judgmentForm(v) != "调解书" },
		BudgetFor: func(v Values) int {
			if judgmentForm(v) == "裁定" {
				return 10
			}
			return 15
		}},
}

var litigationFlags = []Flag{
	{Field: "warnings", Label: "负责人未出庭且未说明理由（出庭应诉规定第8–9条）", Test: func(v Values, _ Env) bool {
		return headAbsent(v) && v.Str("absence_reason") == ""
	}},
	{Field: "warnings", Label: "法院通知负责人出庭而负责人未出庭（出庭应诉规定第4条）", Test: func(v Values, _ Env) bool {
		return headAbsent(v) && v.Str("court_summoned_head") == "是"
	}},
	{Field: "warnings", Label: "未在收到起诉状副本之日起十五日内答辩举证（行政诉讼法第67条）", Test: func(v Values, env Env) bool {
		due := env.DueOf(litigationClocks[0], v)
		if due == "" {
			return false
		}
		if a := v.Str("answer_filed_on"); a != "" {
			return a > due
		}
		return env.Today != "" && env.Today > due && v.Str("status") != "已审结"
	}},
}

// judgmentForm is the 裁判文书类型 recorded, or the one the 裁判结果 implies (a judgment decides
// the merits; 撤诉 and 驳回起诉 are rulings; 调解 ends in a 调解书, which is not appealed).
func judgmentForm(v Values) string {
	if f := v.Str("judgment_form"); f != "" {
		return f
	}
	switch v.Str("judgment") {
	case "胜诉", "败诉":
		return "判决"
	case "原告撤诉", "驳回起诉":
		return "裁定"
	case "调解":
		return "调解书"
	}
	return ""
}

// headAbsent: a hearing held without a head of the agency in court (规定第2条).
func headAbsent(v Values) bool {
	return v.Str("hearing_on") != "" && v.Str("head_title") != "" && !contains(HeadTitles, v.Str("head_title"))
}
