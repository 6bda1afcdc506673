package law

import "strconv"

// 普法 — the 八五普法 plan (2021–2025) and 谁执法谁普法 (中办国办《关于实行国家机关“谁执法谁
// 普法”普法责任制的意见》2017; 法治宣传教育法, in force 2025-11-01, puts it into law): the
// publicity events, each unit's 普法责任清单 and 履职报告, the reviews of that work, and the
// honours it earned.

// PublicityEvent is one 法治宣传活动, kept by the unit that hosts it.
var PublicityEvent = register(&Kind{
	Name:     "publicity_event",
	Uploads:  "活动方案、照片、宣传资料样张",
	Label:    "法治宣传活动",
	Order:    80,
	Law:      "“八五”普法规划；谁执法谁普法普法责任制",
	OrgField: "host",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "held_on", Label: "日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "name", Label: "活动名称", Type: Text, Required: true},
		{Key: "host", Label: "主办单位", Type: Org, Required: true, Column: ColOrg},
		{Key: "theme", Label: "主题", Type: Enum, Values: PublicityThemes, Index: true,
			Help: "活动的普法主题，如宪法宣传周、行政复议法宣讲；可在字典中增加"},
		{Key: "form", Label: "形式", Type: Enum, Column: ColCategory, Values: []string{"现场活动", "讲座", "线上", "短视频", "专栏文章", "其他"}},
		{Key: "participants", Label: "参与人数", Type: Int},
		{Key: "made", Label: "制作资料", Type: Int, Help: "本次活动制作的宣传资料份数"},
		{Key: "handed", Label: "发放资料", Type: Int, Help: "本次活动发放的宣传资料份数"},
		{Key: "partner", Label: "合作单位", Type: Text, Help: "联合开展的单位（如结对的天河区司法局）"},
	},
	Checks: []Check{nonNegative("participants", "参与人数"), nonNegative("made", "制作资料"), nonNegative("handed", "发放资料")},
})

// PublicityThemes are the 主题 the seed report counts by (宪法宣传周, 行政复议法宣讲) and the
// usual others.
var PublicityThemes = []string{"宪法宣传周", "行政复议法宣讲", "民法典宣传", "习近平法治思想", "青少年普法", "乡村振兴", "反诈宣传", "其他"}

// ResponsibilityList is a unit's 谁执法谁普法 普法责任清单 for a year and its 履职报告 (意见
// 二(一): 制定普法责任清单; 三: 履职报告评议). Every enforcement unit should have both.
var ResponsibilityList = register(&Kind{
	Name:     "responsibility_list",
	Uploads:  "普法责任清单、履职报告",
	Label:    "谁执法谁普法责任清单",
	Order:    81,
	Law:      "中办国办《关于实行国家机关“谁执法谁普法”普法责任制的意见》（2017）",
	OrgField: "unit",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "unit", Label: "单位", Type: Org, Required: true, Column: ColOrg, Help: "负有普法责任的行政执法单位或镇（街道）"},
		{Key: "year", Label: "年度", Type: Int, Required: true},
		{Key: "published_on", Label: "清单公布日期", Type: Date, Column: ColOpened},
		{Key: "reported_on", Label: "履职报告日期", Type: Date, Column: ColClosed},
	},
	Checks: []Check{
		{Article: "年度为四位年份", Test: func(v Values) (string, string) {
			if n, err := strconv.Atoi(v.Str("year")); v.Str("year") != "" && (err != nil || n < 2000 || n > 2100) {
				return "year", "年度应为 2000—2100 之间的四位年份"
			}
			return "", ""
		}},
		dateOrder("published_on", "清单公布日期", "reported_on", "履职报告日期"),
	},
})

// ResponsibilityReview is the 评议 of a unit's 谁执法谁普法 履职报告.
var ResponsibilityReview = register(&Kind{
	Name:     "responsibility_review",
	Uploads:  "评议方案、评议结果通报",
	Label:    "谁执法谁普法履职评议",
	Order:    82,
	Law:      "中办国办《关于实行国家机关“谁执法谁普法”普法责任制的意见》（2017）",
	OrgField: "reviewed",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "reviewed_on", Label: "评议日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "reviewed", Label: "被评议单位", Type: Org, Required: true, Column: ColOrg},
		{Key: "result", Label: "结果", Type: Enum, Column: ColCategory, Values: []string{"优秀", "良好", "一般", "较差"}},
	},
})

// Award is an honour won for the work (个人, 集体 or 项目), kept by the unit it belongs to.
var Award = register(&Kind{
	Name:     "award",
	Uploads:  "表彰文件、证书扫描件",
	Label:    "荣誉",
	Order:    83,
	Law:      "表彰奖励（“八五”普法中期评估等）",
	OrgField: "org",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "awarded_on", Label: "日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "获奖的个人、集体或项目所在单位"},
		{Key: "name", Label: "名称", Type: Text, Required: true},
		{Key: "level", Label: "级别", Type: Enum, Required: true, Column: ColCategory, Values: []string{"国家级", "省级", "市级", "县级"}},
		{Key: "award_type", Label: "类型", Type: Enum, Required: true, Values: []string{"个人", "集体", "项目"}},
		{Key: "winner", Label: "获得者", Type: Text},
	},
})

// Navigator is a village's 法律明白人 (乡村“法律明白人”培养工作规范（试行）, 2021: chosen per
// 行政村 by 村民自荐 or 村“两委”推荐, 考核上岗; national target at least 3 per village by 2025,
// a county may set more — the quota is a local setting of the indicators).
var Navigator = register(&Kind{
	Name:     "navigator",
	Uploads:  "遴选材料、培训及考核记录",
	Label:    "法律明白人",
	Order:    84,
	Law:      "乡村“法律明白人”培养工作规范（试行）（2021）",
	OrgField: "village",
	OrgTypes: Villages,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "name", Label: "姓名", Type: Text, Required: true},
		{Key: "id_no", Label: "身份证号", Type: IDNo},
		{Key: "village", Label: "村居", Type: Org, Required: true, Column: ColOrg, Help: "村（社区）的编码或全称"},
		{Key: "category", Label: "类别", Type: Enum, Column: ColCategory, Values: NavigatorCategories,
			Help: "工作规范所列的培养对象：村干部、人民调解员、网格员、妇联执委、儿童主任、驻村辅警、村民小组长、中共党员、“五老”人员等"},
		{Key: "trained_on", Label: "培育日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "left_on", Label: "退出日期", Type: Date, Column: ColClosed},
		{Key: "selection", Label: "遴选方式", Type: Enum, Values: []string{"自荐", "村两委推荐"},
			Help: "工作规范：以行政村为单位，村民自荐或者村“两委”推荐、考核上岗"},
		{Key: "assessed_on", Label: "考核日期", Type: Date},
	},
	Checks: []Check{dateOrder("trained_on", "培育日期", "left_on", "退出日期")},
})

// NavigatorCategories are the 类别 of ledgers.md with those of the national work norm.
var NavigatorCategories = []string{"村干部", "人民调解员", "网格员", "妇联执委", "儿童主任", "辅警", "村民小组长",
	"中共党员", "五老人员", "其他"}
