package conformance_test

import (
	"strings"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// probe is a kind that exists only in this test binary (issue 7, acceptance): fields of every
// type, three states, a working-day clock that a suspension stops, and two indicators. It is
// declared and registered here and nowhere else; TestConformance gives it pages, API, OpenAPI,
// ledger, template, clocks, indicators and the whole suite exactly as the real kinds get them.
// Its rules are invented for the test and cite no statute.
var probe = law.Register(&law.Kind{
	Name:     "probe",
	Label:    "测试事项",
	Law:      "（仅用于测试的虚构类型）",
	OrgField: "org",
	States:   []string{"办理中", "暂停", "已办结"},
	Final:    []string{"已办结"},
	Fields: []law.Field{
		{Key: "code", Label: "编号", Type: law.Text, Required: true, Column: law.ColCode},
		{Key: "org", Label: "所属单位", Type: law.Org, Required: true, Column: law.ColOrg},
		{Key: "opened_on", Label: "登记日期", Type: law.Date, Required: true, Column: law.ColOpened},
		{Key: "category", Label: "事项类别", Type: law.Enum, Required: true, Column: law.ColCategory, Values: []string{"甲类", "乙类", "丙类"}},
		{Key: "status", Label: "办理状态", Type: law.Enum, Column: law.ColStatus, Values: []string{"办理中", "暂停", "已办结"}},
		{Key: "closed_on", Label: "办结日期", Type: law.Date, Column: law.ColClosed, RequiredUnlessStatus: []string{"办理中", "暂停"}},
		{Key: "paused_on", Label: "暂停日期", Type: law.Date},
		{Key: "resumed_on", Label: "恢复日期", Type: law.Date},
		{Key: "pauses", Label: "暂停期间", Type: law.Intervals, Help: "起日~止日；尚未恢复的写 起日~"},
		{Key: "people", Label: "经办人", Type: law.List},
		{Key: "contact", Label: "联系电话", Type: law.Phone},
		{Key: "id_no", Label: "身份证号", Type: law.IDNo},
		{Key: "amount", Label: "金额", Type: law.Money},
		{Key: "pages", Label: "页数", Type: law.Int},
		{Key: "urgent", Label: "加急", Type: law.Bool},
		{Key: "outcome", Label: "办理结果", Type: law.Enum, Values: []string{"办结", "转办"}},
		{Key: "note", Label: "备注", Type: law.Text},
	},
	Transitions: []law.Transition{
		{Name: "pause", Label: "暂停办理", From: []string{"办理中"}, To: "暂停",
			Inputs: []string{"paused_on"}, Needs: []string{"paused_on"}, Article: "测试规则一", Apply: func(s *law.Step) string { return openPause(s.Values) }},
		{Name: "resume", Label: "恢复办理", From: []string{"暂停"}, To: "办理中",
			Inputs: []string{"resumed_on"}, Needs: []string{"resumed_on"}, Article: "测试规则二", Apply: func(s *law.Step) string { return closePause(s.Values) }},
		{Name: "close", Label: "办结", From: []string{"办理中"}, To: "已办结",
			Inputs: []string{"closed_on", "outcome"}, Needs: []string{"closed_on", "outcome"}, Article: "测试规则三"},
		{Name: "mark_urgent", Label: "标记加急", From: []string{"办理中", "暂停"}, Sets: map[string]string{"urgent": "是"}, Article: "测试规则四"},
	},
	Clocks: []law.ClockRule{
		{ID: "probe.handle", Label: "办理期限", Budget: 10, Unit: law.WorkingDays, Article: "测试规则五（十个工作日，暂停期间不计）",
			StartField: "opened_on", StopField: "closed_on", SuspensionsField: "pauses"},
	},
	Checks: []law.Check{
		{Article: "测试规则六", Test: func(v law.Values) (string, string) {
			if c := v.Str("closed_on"); c != "" && c < v.Str("opened_on") {
				return "closed_on", "办结日期早于登记日期"
			}
			if v.Str("outcome") != "" && v.Str("status") != "已办结" {
				return "outcome", "未办结的事项没有办理结果"
			}
			return "", ""
		}},
	},
})

func pauses(v law.Values) []string {
	items, _ := v["pauses"].([]string)
	return append([]string{}, items...)
}

func openPause(v law.Values) string {
	items := pauses(v)
	for _, it := range items {
		if strings.HasSuffix(it, "~") {
			return "已经暂停"
		}
	}
	v["pauses"] = append(items, v.Str("paused_on")+"~")
	return ""
}

func closePause(v law.Values) string {
	items := pauses(v)
	for i, it := range items {
		if from, ok := strings.CutSuffix(it, "~"); ok {
			if v.Str("resumed_on") <= from {
				return "恢复日期应晚于暂停日期 " + from
			}
			items[i] = from + "~" + law.AddDays(v.Str("resumed_on"), -1)
			v["pauses"] = items
			return ""
		}
	}
	return "没有尚未恢复的暂停"
}

func init() {
	indicators.Register(
		indicators.Def{ID: "probe.cases", Label: "测试事项登记数", Unit: "件", Kind: probe.Name,
			Formula: "登记日期在统计期内的测试事项数",
			Date:    "opened_on", Agg: store.Agg{Func: "count", By: "category"},
			Dashboard: indicators.Placement{Tile: 1, Trend: 1, Breakdown: true, Good: indicators.HigherIsGood},
			Paragraph: &indicators.Paragraph{Section: indicators.SectionServices, Order: 990,
				Text: "{year}年，登记测试事项{probe.cases}件，办结{probe.closed}件。"}},
		indicators.Def{ID: "probe.closed", Label: "测试事项办结数", Unit: "件", Kind: probe.Name,
			Formula: "办结日期在统计期内且已办结的测试事项数",
			Date:    "closed_on", Filter: []store.Cond{{Field: "status", Op: store.OpEq, Value: "已办结"}},
			Agg: store.Agg{Func: "count", By: "outcome"}, Dashboard: indicators.Placement{Tile: 2, Good: indicators.HigherIsGood},
			PartOf: &indicators.Part{Of: []string{"probe.cases"}, Loose: true}},
	)
}
