package indicators

import "github.com/fazhi/fazhi/internal/store"

// Party-group study and rule-of-law governance (indicators.md, study.*, governance.*, plan.*;
// the seed's 一 and 三(一)): meetings counted by 会议类型, the 第一议题 share of the Party
// group's meetings, and the tasks of the year's 工作要点 with their completion.
func init() {
	meetings := func(typ string) []store.Cond { return []store.Cond{eq("meeting_type", typ)} }
	party := meetings("党组会议")
	plan := Year("year")
	define(
		Def{ID: "study.party_group_meetings", Label: "党组会议", Unit: "次", Kind: "meeting",
			Formula: "日期在统计期内、会议类型为党组会议的会议数",
			Date:    "held_on", Filter: party, Agg: store.Agg{Func: "count"},
			PartOf: &Part{Of: []string{"governance.meetings"},
				Beside: []string{"study.central_group_sessions", "governance.committee_meetings", "governance.progress_meetings", "governance.review_meetings"}},
			Dashboard: Placement{Tile: 1, Trend: 1},
			Paragraph: &Paragraph{Section: SectionStudy, Order: 10,
				Text: "严格落实“第一议题”制度，把习近平总书记重要讲话重要指示精神、习近平法治思想列为党组会议第一议题、" +
					"理论学习中心组学习内容，在党组会及时传达学习贯彻。{year}年，共召开{study.party_group_meetings}次党组会议" +
					"（其中{study.first_topic_meetings}次以学习习近平总书记重要讲话重要指示精神为第一议题，落实率{study.first_topic_rate}），" +
					"开展党组理论学习中心组学习{study.central_group_sessions}期。领导班子带头学，党员干部共同学，" +
					"结合司法行政实际，带动干部职工专题学习习近平总书记关于依法治国、法治建设的重要论述。"}},
		Def{ID: "study.first_topic_meetings", Label: "落实第一议题的党组会议", Unit: "次", Kind: "meeting",
			Formula: "日期在统计期内、会议类型为党组会议且第一议题为是的会议数",
			Date:    "held_on", Filter: append(meetings("党组会议"), eq("first_topic", "是")), Agg: store.Agg{Func: "count"},
			PartOf: &Part{Of: []string{"study.party_group_meetings"}}},
		Def{ID: "study.first_topic_rate", Label: "第一议题落实率", Unit: "%", Kind: "meeting",
			Formula:   "落实第一议题的党组会议 ÷ 党组会议，1位小数",
			Numerator: "study.first_topic_meetings", Denominator: "study.party_group_meetings", Places: 1,
			Dashboard: Placement{Tile: 3, Good: HigherIsGood}},
		Def{ID: "study.central_group_sessions", Label: "党组理论学习中心组学习", Unit: "期", Kind: "meeting",
			Formula: "日期在统计期内、会议类型为理论学习中心组学习的次数",
			Date:    "held_on", Filter: meetings("理论学习中心组学习"), Agg: store.Agg{Func: "count"},
			Dashboard: Placement{Tile: 2, Trend: 2}},
		Def{ID: "study.law_study_meetings", Label: "会议学法", Unit: "次", Kind: "meeting",
			Formula: "日期在统计期内、学法为是的会议数（会前学法、常务会议学法等）",
			Date:    "held_on", Filter: []store.Cond{eq("law_study", "是")}, Agg: store.Agg{Func: "count", By: "meeting_type"},
			PartOf: &Part{Of: []string{"governance.meetings"}}},
		Def{ID: "governance.committee_meetings", Label: "全面依法治市委员会会议", Unit: "次", Kind: "meeting",
			Formula: "日期在统计期内、会议类型为全面依法治市委员会会议的会议数",
			Date:    "held_on", Filter: meetings("全面依法治市委员会会议"), Agg: store.Agg{Func: "count"},
			Dashboard: Placement{Tile: 4},
			Paragraph: &Paragraph{Section: SectionGovernance, Order: 10,
				Text: "加强统筹协调。提请召开全面依法治市委员会会议{governance.committee_meetings}次，召开全面依法治市工作推进会" +
					"{governance.progress_meetings}次、法治建设考评推进会{governance.review_meetings}次，扎实做好法治建设考评迎检和整改工作，" +
					"深入推进全面依法治市；全年各类会议和学习共{governance.meetings}次。"}},
		Def{ID: "governance.progress_meetings", Label: "全面依法治市工作推进会", Unit: "次", Kind: "meeting",
			Formula: "日期在统计期内、会议类型为工作推进会的会议数",
			Date:    "held_on", Filter: meetings("工作推进会"), Agg: store.Agg{Func: "count"}},
		Def{ID: "governance.review_meetings", Label: "法治建设考评推进会", Unit: "次", Kind: "meeting",
			Formula: "日期在统计期内、会议类型为考评推进会的会议数",
			Date:    "held_on", Filter: meetings("考评推进会"), Agg: store.Agg{Func: "count"}},
		Def{ID: "governance.meetings", Label: "各类会议", Unit: "次", Kind: "meeting",
			Formula: "日期在统计期内的各类会议与学习数，按会议类型分列",
			Date:    "held_on", Agg: store.Agg{Func: "count", By: "meeting_type"},
			Dashboard: Placement{Tile: 5, Breakdown: true}},
		Def{ID: "plan.tasks", Label: "工作要点任务", Unit: "项", Kind: "plan_task",
			Formula: "年度为统计期所在年度的工作要点任务数，按牵头单位分列",
			At:      plan, Agg: store.Agg{Func: "count", By: "lead"},
			Dashboard: Placement{Tile: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionGovernance, Order: 20,
				Text: "做好{year}年法治政府建设工作部署。印发年度法治政府建设工作要点，细化法治政府建设重点任务{plan.tasks}项，" +
					"压实部门责任，截至年底完成{plan.done}项，完成率{plan.completion_rate}，逾期未完成{plan.overdue}项，让法治建设落到实处。"}},
		Def{ID: "plan.done", Label: "已完成的工作要点任务", Unit: "项", Kind: "plan_task",
			Formula: "年度为统计期所在年度、完成日期不晚于期末的工作要点任务数",
			At: func(p Period) []store.Cond {
				return append(plan(p), store.Cond{Field: "done_on", Op: store.OpLE, Value: p.To})
			},
			Agg: store.Agg{Func: "count"}, PartOf: &Part{Of: []string{"plan.tasks"}}},
		Def{ID: "plan.completion_rate", Label: "工作要点完成率", Unit: "%", Kind: "plan_task",
			Formula:   "完成日期不晚于期末的任务 ÷ 本年度工作要点任务，1位小数",
			Numerator: "plan.done", Denominator: "plan.tasks", Places: 1,
			Dashboard: Placement{Tile: 2, Good: HigherIsGood}},
		Def{ID: "plan.overdue", Label: "逾期未完成的工作要点任务", Unit: "项", Kind: "plan_task",
			Formula: "年度为统计期所在年度、完成时限早于期末而期末尚未完成的任务数，按牵头单位分列",
			At: func(p Period) []store.Cond {
				return append(plan(p), store.Cond{Field: "due_on", Op: store.OpLT, Value: p.To},
					store.Cond{Field: "done_on", Op: store.OpEmptyOrGT, Value: p.To})
			},
			Agg:       store.Agg{Func: "count", By: "lead"},
			PartOf:    &Part{Of: []string{"plan.tasks"}, Beside: []string{"plan.done"}},
			Dashboard: Placement{Tile: 3, Good: LowerIsGood}},
	)
}
