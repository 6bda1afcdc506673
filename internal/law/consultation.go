package law

import "strconv"

// 法律咨询 — 法律援助法第22条第1项 (法律咨询 is a form of legal aid) and the public legal service
// platforms (公共法律服务实体平台) that answer the public. One line per consultation (or per
// batch of one day, with its 人次); the owning organisation is the 服务机构 that answered, so a
// figure can quote one workroom (the seed's 叶塘园区工作室) apart from the centre.
var Consultation = register(&Kind{
	Name:     "consultation",
	Label:    "法律咨询",
	Uploads:  "咨询登记表、来访材料的扫描件",
	Order:    51,
	Law:      "法律援助法第22条；公共法律服务实体平台建设",
	OrgField: "agency",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "served_on", Label: "日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "agency", Label: "服务机构", Type: Org, Required: true, Column: ColOrg,
			Help: "提供咨询的机构：法律援助中心、公共法律服务中心、工作站或者工作室"},
		{Key: "channel", Label: "渠道", Type: Enum, Required: true, Column: ColCategory,
			Values: []string{"来访", "12348热线", "网络", "值班", "上门"}},
		{Key: "topic", Label: "咨询类别", Type: Text},
		{Key: "answerer", Label: "解答人", Type: Text},
		{Key: "visits", Label: "人次", Type: Int, Default: "1"},
	},
	Checks: []Check{{Article: "咨询人次为正整数", Test: positiveVisits}},
})

func positiveVisits(v Values) (string, string) {
	if s := v.Str("visits"); s != "" {
		if n, err := strconv.Atoi(s); err != nil || n < 1 {
			return "visits", "人次应为不小于1的整数"
		}
	}
	return "", ""
}

// 法律援助志愿者服务 — 法律援助法第17条 (volunteers may provide legal aid under the centre's
// organisation). A line per case a volunteer handles or per duty shift at a court,
// procuratorate or workroom.
var VolunteerService = register(&Kind{
	Name:     "volunteer_service",
	Label:    "法律援助志愿者服务",
	Uploads:  "服务记录、签到表或活动照片",
	Order:    52,
	Law:      "法律援助法第17条",
	OrgField: "org",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "组织志愿服务的法律援助机构"},
		{Key: "served_on", Label: "日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "volunteer", Label: "志愿者", Type: Text, Required: true},
		{Key: "service_type", Label: "服务类型", Type: Enum, Required: true, Column: ColCategory, Values: []string{"办案", "值班"}},
		{Key: "place", Label: "地点", Type: Text, Help: "值班地点：检察院、法院、园区工作室等（组织名称或文字）"},
	},
})
