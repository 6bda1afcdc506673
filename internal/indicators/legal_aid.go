package indicators

import "github.com/fazhi/fazhi/internal/store"

// 公共法律服务 and 法律援助 (indicators.md, pls.*, legal_aid.*, volunteers.*; the seed's 三(五)):
// services counted from the consultation ledger by 服务机构, legal-aid cases from the legal_aid
// kind, volunteers' work from its own ledger.
func init() {
	services := []string{"pls.services"}
	define(
		Def{ID: "pls.services", Label: "公共法律服务人次", Unit: "人次", Kind: "consultation",
			Formula: "日期在统计期内的法律咨询登记的人次之和，按服务机构分列",
			Date:    "served_on", Agg: store.Agg{Func: "sum", Field: "visits", By: "agency"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionServices, Order: 10,
				Text: "优化公共法律服务体系。推进市、镇、村三级公共法律服务实体平台建设，" +
					"{year}年各公共法律服务平台共提供法律服务{pls.services}人次，其中公共法律服务工作室提供法律服务{pls.workroom_services}人次。"}},
		Def{ID: "pls.workroom_services", Label: "公共法律服务工作室服务人次", Unit: "人次", Kind: "consultation",
			Formula: "日期在统计期内、服务机构为公共法律服务工作室的法律咨询人次之和，按工作室分列",
			Date:    "served_on", Filter: []store.Cond{{Op: store.OpOrgType, Values: []string{"公共法律服务工作室"}}},
			Agg:       store.Agg{Func: "sum", Field: "visits", By: "agency"},
			PartOf:    &Part{Of: services},
			Dashboard: Placement{Tile: 2, Trend: 2}},
		Def{ID: "legal_aid.cases", Label: "受理法律援助案件", Unit: "宗", Kind: "legal_aid",
			Formula: "决定给予法律援助且决定日期在统计期内的案件，加上通知辩护且指派日期在统计期内的案件（即受理日期在统计期内），按案件类别分列",
			Date:    "counted_on", Agg: store.Agg{Func: "count", By: "case_type"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionServices, Order: 30,
				Text: "持续优化法律援助工作。落实刑事案件律师辩护全覆盖和法律援助值班律师制度，畅通困难群众绿色通道，" +
					"{year}年累计受理法律援助案件{legal_aid.cases}宗（其中通知辩护{legal_aid.notified_defences}宗），解答法律咨询{legal_aid.consultations}人次，" +
					"超期审查{legal_aid.overdue_reviews}宗。"}},
		Def{ID: "legal_aid.notified_defences", Label: "通知辩护案件", Unit: "宗", Kind: "legal_aid",
			Formula: "来源为通知辩护、指派日期在统计期内的案件（刑事案件律师辩护全覆盖，第25、36条），按通知机关分列",
			Date:    "counted_on", Filter: []store.Cond{eq("source", "通知辩护")},
			Agg:    store.Agg{Func: "count", By: "notifying_body"},
			PartOf: &Part{Of: []string{"legal_aid.cases"}}},
		Def{ID: "legal_aid.consultations", Label: "法律援助咨询人次", Unit: "人次", Kind: "consultation",
			Formula: "日期在统计期内、服务机构为法律援助中心（组织类型）的法律咨询人次之和；12348热线由法律援助中心解答的计入，其他平台解答的不计入；按渠道分列",
			Date:    "served_on", Filter: []store.Cond{{Op: store.OpOrgType, Values: []string{"法律援助中心"}}},
			Agg:       store.Agg{Func: "sum", Field: "visits", By: "channel"},
			PartOf:    &Part{Of: services, Beside: []string{"pls.workroom_services"}},
			Dashboard: Placement{Tile: 3}},
		Def{ID: "legal_aid.overdue_reviews", Label: "超期审查", Unit: "宗", Kind: "legal_aid",
			Formula: "决定日期在统计期内、晚于审查期限（第43条：申请之日起七个工作日，补充材料期间不计入）的申请数",
			Date:    "decided_on", Filter: []store.Cond{{Field: "legal_aid.review", Op: store.OpLate}},
			Agg: store.Agg{Func: "count"},
			// Decided late in the period; granted ones are among the cases, refused ones are not.
			PartOf:    &Part{Of: []string{"legal_aid.cases"}, Loose: true},
			Dashboard: Placement{Tile: 2, Good: LowerIsGood}},
		Def{ID: "volunteers.cases", Label: "志愿者办理案件", Unit: "宗", Kind: "volunteer_service",
			Formula: "日期在统计期内、服务类型为办案的法律援助志愿者服务登记数",
			Date:    "served_on", Filter: []store.Cond{eq("service_type", "办案")},
			Agg:       store.Agg{Func: "count"},
			Dashboard: Placement{Tile: 1, Trend: 1},
			Paragraph: &Paragraph{Section: SectionServices, Order: 20,
				Text: "组建法律援助志愿者队伍，指派法律援助志愿者处理各类案件{volunteers.cases}宗，" +
					"到检察院、法院和园区工作室值班{volunteers.duty_shifts}次。"}},
		Def{ID: "volunteers.duty_shifts", Label: "志愿者值班", Unit: "次", Kind: "volunteer_service",
			Formula: "日期在统计期内、服务类型为值班的法律援助志愿者服务登记数，按地点分列",
			Date:    "served_on", Filter: []store.Cond{eq("service_type", "值班")},
			Agg:       store.Agg{Func: "count", By: "place"},
			Dashboard: Placement{Tile: 2, Trend: 2, Breakdown: true}},
	)
}
