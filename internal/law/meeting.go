package law

import "strconv"

// 党组会议、理论学习中心组学习、全面依法治市委员会会议 and the other meetings and study sessions
// of 法治建设 (法治政府建设与责任落实督察工作规定 第7–10条: the principal leaders' duty to
// study and deploy 法治建设; the 第一议题 system of the Party's rules). One line per meeting,
// kept by the unit that holds it.
var Meeting = register(&Kind{
	Name:    "meeting",
	Uploads: "会议通知、会议纪要、签到表",
	Label:   "会议与学习",
	// After the lines of case work on menus and the dashboard (the report places it by section).
	Order:    90,
	Law:      "法治政府建设与责任落实督察工作规定（2019）第7—10条",
	OrgField: "org",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "held_on", Label: "日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "召开会议或组织学习的单位"},
		{Key: "meeting_type", Label: "会议类型", Type: Enum, Required: true, Column: ColCategory, Values: MeetingTypes},
		{Key: "name", Label: "名称", Type: Text, Help: "如：市委全面依法治市委员会第八次会议"},
		{Key: "topics", Label: "议题", Type: Text, MaxLen: 2000},
		{Key: "first_topic", Label: "第一议题", Type: Bool,
			Help: "是否把学习习近平总书记重要讲话重要指示精神列为第一议题（“第一议题”制度）"},
		{Key: "law_study", Label: "学法", Type: Bool, Help: "会议是否安排学法（会前学法、常务会议学法）"},
	},
	Normalize: func(v Values) {
		if v.Str("meeting_type") == "常务会议学法" && v.Str("law_study") == "" {
			v["law_study"] = "是"
		}
	},
	Checks: []Check{{Article: "常务会议学法", Test: func(v Values) (string, string) {
		if v.Str("meeting_type") == "常务会议学法" && v.Str("law_study") == "否" {
			return "law_study", "会议类型为常务会议学法时，学法应为是"
		}
		return "", ""
	}}},
})

// MeetingTypes are the 会议类型 of ledgers.md.
var MeetingTypes = []string{"党组会议", "理论学习中心组学习", "全面依法治市委员会会议", "工作推进会", "考评推进会",
	"述法", "常务会议学法", "培训班", "其他"}

// PlanTask is one task of a 年度法治政府建设工作要点 (督察工作规定第10条: the government
// deploys the year's 法治政府建设 work), with the unit that leads it, its time limit and the
// day it was done. The time limit is the plan's, not a statute's: its clock only reminds.
var PlanTask = register(&Kind{
	Name:     "plan_task",
	Uploads:  "工作要点、任务完成情况报告及佐证",
	Label:    "年度工作要点任务",
	Order:    91,
	Law:      "法治政府建设与责任落实督察工作规定（2019）第10条",
	OrgField: "org",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "year", Label: "年度", Type: Int, Required: true, Help: "工作要点的年度，如 2024"},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "印发工作要点的单位"},
		{Key: "task", Label: "任务", Type: Text, Required: true, MaxLen: 1000},
		{Key: "lead", Label: "牵头单位", Type: Text, Required: true},
		{Key: "due_on", Label: "完成时限", Type: Date, Column: ColOpened},
		{Key: "done_on", Label: "完成日期", Type: Date, Column: ColClosed},
	},
	Clocks: []ClockRule{{ID: "plan.due", Label: "任务完成时限", Budget: 0, Unit: NaturalDays, Soft: true,
		Article:    "年度工作要点确定的完成时限（工作要求，非法定期限；遇休息日顺延至下一工作日）",
		StartField: "due_on", StopField: "done_on"}},
	Checks: []Check{{Article: "年度为四位年份", Test: func(v Values) (string, string) {
		if n, err := strconv.Atoi(v.Str("year")); v.Str("year") != "" && (err != nil || n < 2000 || n > 2100) {
			return "year", "年度应为 2000—2100 之间的四位年份"
		}
		return "", ""
	}}},
})
