package law

import "strconv"

// 行政执法监督: the bureau's training of officers, its inspections of the units, its reviews of
// their case files and the rectification of what is found — 广东省行政执法监督条例;
// 国办发〔2018〕118号 (三项制度); 法治政府建设实施纲要（2021—2025年）.

// Training is one officer's attendance at one course: a row per person, so that hours per
// officer and the units trained come from the same lines (the seed's 业务培训登记卡 is this
// ledger printed per officer).
var Training = register(&Kind{
	Name:     "training",
	Uploads:  "培训通知、签到表、课件或培训照片",
	Label:    "培训登记",
	Order:    42,
	Law:      "广东省行政执法监督条例；行政执法人员培训（本地学时要求）",
	OrgField: "org",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "course", Label: "培训名称", Type: Text, Required: true},
		{Key: "started_on", Label: "开始日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "hours", Label: "学时", Type: Int, Help: "该人员在本次培训取得的学时"},
		{Key: "person", Label: "人员", Type: Text, RefKind: "officer", Required: true, Index: true, Help: "行政执法人员的编号（或姓名）"},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "参训人员所在单位"},
		{Key: "special", Label: "专题培训班", Type: Bool, Column: ColCategory, Help: "是否为执法能力专题培训班"},
		{Key: "organizer", Label: "培训组织单位", Type: Text},
	},
	Checks: []Check{nonNegative("hours", "学时")},
})

// Inspection is one 执法监督检查 of a unit.
var Inspection = register(&Kind{
	Name:     "inspection",
	Uploads:  "检查通知、检查记录、问题清单及整改通知",
	Label:    "执法监督检查",
	Order:    43,
	Law:      "广东省行政执法监督条例",
	OrgField: "unit",
	OrgTypes: EnforcementOrgs,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "inspected_on", Label: "检查日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "unit", Label: "被检查单位", Type: Org, Required: true, Column: ColOrg},
		{Key: "form", Label: "检查形式", Type: Enum, Required: true, Column: ColCategory,
			Values: []string{"联合检察院", "专项检查", "日常检查", "考评检查"}},
		{Key: "problems", Label: "发现问题数", Type: Int, Help: "发现的问题可逐条登记到整改问题台账（来源：执法监督）"},
	},
	Checks: []Check{nonNegative("problems", "发现问题数")},
})

// Grade thresholds of a case-file review (local, rule-sheets.md: ≥ 90 优秀, ≥ 60 合格).
var (
	ReviewExcellent = 90
	ReviewPass      = 60
)

// CaseFileReview is one 案卷评查: a case file of a unit scored against the 评查标准.
var CaseFileReview = register(&Kind{
	Name:     "case_file_review",
	Uploads:  "评查表、评分细则、评查意见",
	Label:    "案卷评查",
	Order:    44,
	Law:      "广东省行政执法案卷评查办法（评查标准本地）",
	OrgField: "unit",
	OrgTypes: EnforcementOrgs,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "reviewed_on", Label: "评查日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "unit", Label: "执法单位", Type: Org, Required: true, Column: ColOrg},
		{Key: "file_no", Label: "案卷编号", Type: Text, Required: true},
		{Key: "score", Label: "得分", Type: Int, Help: "0–100"},
		{Key: "grade", Label: "等次", Type: Enum, Required: true, Column: ColCategory, Values: []string{"优秀", "合格", "不合格"},
			Help: "按得分：90分以上优秀，60分以上合格（本地标准，可调整）"},
		{Key: "standard", Label: "评查标准", Type: Text, Help: "评查标准的名称或版本"},
		{Key: "problems", Label: "发现问题数", Type: Int},
	},
	Checks: []Check{
		{Article: "得分为0–100的整数", Test: intWithin("score", "得分", 100)},
		{Article: "等次与得分相符（本地评查标准）", Test: gradeFitsScore},
		nonNegative("problems", "发现问题数"),
	},
})

// Grade is the 等次 a score earns under the thresholds in force.
func Grade(score int) string {
	switch {
	case score >= ReviewExcellent:
		return "优秀"
	case score >= ReviewPass:
		return "合格"
	}
	return "不合格"
}

func gradeFitsScore(v Values) (string, string) {
	s := v.Str("score")
	if s == "" {
		return "", ""
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return "", ""
	}
	if want := Grade(n); v.Str("grade") != want {
		return "grade", "得分" + s + "分对应的等次是「" + want + "」，不是「" + v.Str("grade") + "」"
	}
	return "", ""
}

// nonNegative is the check that a count is not below zero.
func nonNegative(key, label string) Check {
	return Check{Article: label + "为非负整数", Test: intWithin(key, label, 0)}
}

// intWithin checks an Int field is ≥ 0 (and ≤ most when most > 0).
func intWithin(key, label string, most int) func(v Values) (string, string) {
	return func(v Values) (string, string) {
		s := v.Str(key)
		if s == "" {
			return "", ""
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || (most > 0 && n > most) {
			if most > 0 {
				return key, label + "应为0–" + strconv.Itoa(most) + "的整数"
			}
			return key, label + "应为不小于0的整数"
		}
		return "", ""
	}
}

// RectificationSources are the 来源 of a problem to rectify; 上年度报告问题 feeds section 四 of
// the annual report (上一年度存在问题的改进情况).
var RectificationSources = []string{"专项整治-群众急难愁盼", "专项整治-职能部门", SourceLastReport, "考评督察", "执法监督", "其他"}

// SourceLastReport is the 来源 of a problem the last year's report named.
const SourceLastReport = "上年度报告问题"

// Rectification is one problem found and its rectification; a soft clock runs from 发现日期 to
// the 整改期限 set for it.
var Rectification = register(&Kind{
	Name:     "rectification",
	Uploads:  "整改通知书、整改报告及佐证材料",
	Label:    "整改问题",
	Order:    45,
	Law:      "法治政府建设与责任落实督察工作规定；行政执法突出问题专项整治",
	OrgField: "org",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "负责整改的单位（记录随之归属，该单位的执法监督画像列出其未完成的整改）；本局自身的问题记入本局"},
		{Key: "source", Label: "来源", Type: Enum, Required: true, Column: ColCategory, Values: RectificationSources},
		{Key: "problem", Label: "问题", Type: Text, Required: true, MaxLen: 5000},
		{Key: "responsible", Label: "责任单位", Type: Text, Required: true},
		{Key: "found_on", Label: "发现日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "due_on", Label: "整改期限", Type: Date},
		{Key: "done_on", Label: "整改完成日期", Type: Date, Column: ColClosed},
		{Key: "origin", Label: "来源记录", Type: Text, Help: "发现问题的检查、评查记录编号"},
	},
	Checks: []Check{
		dateOrder("found_on", "发现日期", "due_on", "整改期限"),
		dateOrder("found_on", "发现日期", "done_on", "整改完成日期"),
	},
	Clocks: []ClockRule{{ID: "rectification.due", Label: "整改期限", Unit: NaturalDays, Soft: true,
		Budget:     30, // nominal; BudgetFor reads the 整改期限 set
		Article:    "整改期限（督察、检查时确定）",
		StartField: "found_on",
		When:       func(v Values) bool { return v.Str("due_on") != "" },
		BudgetFor:  func(v Values) int { return DaysBetween(v.Str("found_on"), v.Str("due_on")) },
		StopField:  "done_on"}},
})
