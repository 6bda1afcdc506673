package indicators

import (
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 普法 (indicators.md, publicity.*, navigators.*, awards.*; the seed's 三(六), with the joint
// articles of 三(一) and the 行政复议法 lectures of 三(四)): events and materials, 谁执法谁普法
// lists, reports and reviews, honours, and the 法律明白人 of every 村(社区) against the quota.
func init() {
	theme := func(t string) []store.Cond { return []store.Cond{eq("theme", t)} }
	year := Year("year")
	events := []string{"publicity.events"}
	navigators := Quota{Count: "navigators.total", Units: law.Villages, RollUp: []string{"镇", "街道"},
		Setting: "navigators", Default: 3, Shortfall: "现有{n}名"}
	// 谁执法谁普法: every 行政执法单位 and every 镇（街道）(综合行政执法) keeps a list and reports on it.
	responsible := Quota{Count: "publicity.responsibility_reports", Units: []string{"行政执法单位", "镇", "街道"},
		Setting: "responsibility", Default: 1, Measure: QuotaBelow, Shortfall: "缺普法责任清单或履职报告"}
	define(
		Def{ID: "publicity.events", Label: "法治宣传活动", Unit: "场次", Kind: "publicity_event",
			Formula: "日期在统计期内的法治宣传活动数，按形式分列",
			Date:    "held_on", Agg: store.Agg{Func: "count", By: "form"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionPublicity, Order: 10,
				Text: "深入推进“八五”普法工作。印发年度普法依法治理工作要点，结合重要时间节点开展普法活动，" +
					"{year}年累计开展各类法治宣传活动{publicity.events}场次，制作法治宣传资料{publicity.materials_made}份，" +
					"发放法治宣传资料{publicity.materials}份；在宪法宣传周开展主题活动{publicity.constitution_week}场次。"}},
		Def{ID: "publicity.materials", Label: "发放宣传资料", Unit: "份", Kind: "publicity_event",
			Formula: "日期在统计期内的法治宣传活动发放资料份数之和",
			Date:    "held_on", Agg: store.Agg{Func: "sum", Field: "handed"},
			Dashboard: Placement{Tile: 2, Trend: 2}},
		Def{ID: "publicity.materials_made", Label: "制作宣传资料", Unit: "份", Kind: "publicity_event",
			Formula: "日期在统计期内的法治宣传活动制作资料份数之和",
			Date:    "held_on", Agg: store.Agg{Func: "sum", Field: "made"}},
		Def{ID: "publicity.constitution_week", Label: "宪法宣传周活动", Unit: "场次", Kind: "publicity_event",
			Formula: "日期在统计期内、主题为宪法宣传周的法治宣传活动数",
			Date:    "held_on", Filter: theme("宪法宣传周"), Agg: store.Agg{Func: "count"},
			PartOf: &Part{Of: events}},
		Def{ID: "publicity.reconsideration_lectures", Label: "行政复议法宣讲", Unit: "场次", Kind: "publicity_event",
			Formula: "日期在统计期内、主题为行政复议法宣讲的法治宣传活动数，按活动名称分列",
			Date:    "held_on", Filter: theme("行政复议法宣讲"), Agg: store.Agg{Func: "count", By: "name"},
			PartOf: &Part{Of: events},
			Paragraph: &Paragraph{Section: SectionDisputes, Order: 35,
				Text: "大力组织学习宣传贯彻《中华人民共和国行政复议法》，{year}年在机关、学校、园区和企业开展行政复议法宣讲活动" +
					"{publicity.reconsideration_lectures}场次，提高干部群众对行政复议法的知晓率。"}},
		Def{ID: "publicity.joint_articles", Label: "结对联合普法文章", Unit: "篇", Kind: "publicity_event",
			Formula: "日期在统计期内、形式为专栏文章且填写了合作单位的法治宣传活动数",
			Date:    "held_on", Filter: []store.Cond{eq("form", "专栏文章"), {Field: "partner", Op: store.OpNotEmpty}},
			Agg: store.Agg{Func: "count", By: "partner"}, PartOf: &Part{Of: events},
			Paragraph: &Paragraph{Section: SectionGovernance, Order: 30,
				Text: "提升法治建设结对效能。与结对单位共享法治和普法信息资源，联合推出普法文章{publicity.joint_articles}篇，" +
					"推动两地普法宣传协作。"}},
		Def{ID: "publicity.responsibility_reviews", Label: "谁执法谁普法履职评议单位", Unit: "家", Kind: "responsibility_review",
			Formula: "评议日期在统计期内的谁执法谁普法履职评议的被评议单位（去重），按结果分列",
			Date:    "reviewed_on", Agg: store.Agg{Func: "distinct", Field: "reviewed", By: "result"},
			Dashboard: Placement{Line: "publicity_event", Tile: 3},
			Paragraph: &Paragraph{Section: SectionPublicity, Order: 20,
				Text: "完善国家工作人员学法用法机制，{year}年各单位会前学法、常务会议学法等{study.law_study_meetings}次。" +
					"组织{publicity.responsibility_reviews}家单位开展{year}年度国家机关“谁执法谁普法”履职报告评议活动，" +
					"落实“谁执法谁普法”普法责任制：{publicity.responsibility_lists}家单位公布了普法责任清单，" +
					"其中{publicity.responsibility_reports}家提交了履职报告，清单或履职报告尚缺的单位{publicity.responsibility_gaps}家。"}},
		Def{ID: "publicity.responsibility_lists", Label: "公布普法责任清单的单位", Unit: "家", Kind: "responsibility_list",
			Formula: "年度为统计期所在年度、已填写清单公布日期的谁执法谁普法责任清单的单位（去重）",
			At:      year, Filter: []store.Cond{{Field: "published_on", Op: store.OpNotEmpty}},
			Agg: store.Agg{Func: "distinct", Field: "unit"}},
		Def{ID: "publicity.responsibility_reports", Label: "公布清单并提交履职报告的单位", Unit: "家", Kind: "responsibility_list",
			Formula: "年度为统计期所在年度、清单公布日期和履职报告日期都已填写的单位（去重）",
			At:      year, Filter: []store.Cond{{Field: "published_on", Op: store.OpNotEmpty}, {Field: "reported_on", Op: store.OpNotEmpty}},
			Agg:    store.Agg{Func: "distinct", Field: "unit"},
			PartOf: &Part{Of: []string{"publicity.responsibility_lists"}}},
		Def{ID: "publicity.responsibility_gaps", Label: "普法责任清单或履职报告缺失的单位", Unit: "家", Kind: "responsibility_list",
			Formula: "范围内的行政执法单位和镇（街道）中，本年度没有公布普法责任清单或没有提交履职报告的单位数，分别列出",
			Quota:   &responsible, Gaps: true,
			Dashboard: Placement{Line: "publicity_event", Tile: 4, Good: LowerIsGood}},
		Def{ID: "awards.national", Label: "国家级荣誉", Unit: "项", Kind: "award",
			Formula: "日期在统计期内、级别为国家级的荣誉数，按类型分列",
			Date:    "awarded_on", Filter: []store.Cond{eq("level", "国家级")}, Agg: store.Agg{Func: "count", By: "award_type"},
			Dashboard: Placement{Line: "publicity_event", Tile: 5},
			Paragraph: &Paragraph{Section: SectionPublicity, Order: 15,
				Text: "普法工作获得上级肯定，{year}年获得国家级荣誉{awards.national}项、省级荣誉{awards.provincial}项。"}},
		Def{ID: "awards.provincial", Label: "省级荣誉", Unit: "项", Kind: "award",
			Formula: "日期在统计期内、级别为省级的荣誉数，按类型分列",
			Date:    "awarded_on", Filter: []store.Cond{eq("level", "省级")}, Agg: store.Agg{Func: "count", By: "award_type"},
			Dashboard: Placement{Line: "publicity_event", Tile: 6}},
		Def{ID: "navigators.total", Label: "法律明白人", Unit: "名", Kind: "navigator",
			Formula: "培育日期不晚于期末、退出日期为空或晚于期末的法律明白人数（期末存量），按类别分列",
			At:      Stock("trained_on", "left_on"), Agg: store.Agg{Func: "count", By: "category"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionPublicity, Order: 30,
				Text: "深入推进“法律明白人”培养工程。截至{year}年底，共有“法律明白人”{navigators.total}名；" +
					"按每个村（社区）至少培育{navigators.quota}名的配备标准，村（社区）配备达标率{navigators.coverage_rate}，" +
					"未达配备标准的村（社区）{navigators.villages_below_quota}个。"}},
		Def{ID: "navigators.quota", Label: "法律明白人配备标准", Unit: "名", Kind: "navigator",
			Formula: "每个村（社区）应有的法律明白人数（乡村“法律明白人”培养工作规范：每个行政村至少3名；本地可提高）",
			Quota:   navigators.As(QuotaLevel)},
		Def{ID: "navigators.villages_below_quota", Label: "未达配备标准的村(社区)", Unit: "个", Kind: "navigator",
			Formula: "范围内期末法律明白人少于配备标准的村（社区）数，分别列出",
			Quota:   navigators.As(QuotaBelow), Gaps: true,
			Dashboard: Placement{Tile: 2, Good: LowerIsGood}},
		Def{ID: "navigators.coverage_rate", Label: "法律明白人配备达标率", Unit: "%", Kind: "navigator",
			Formula:   "期末法律明白人达到配备标准的村（社区）÷ 范围内的村（社区），1位小数",
			Quota:     navigators.As(QuotaRate),
			Dashboard: Placement{Tile: 3, Good: HigherIsGood}},
	)
}
