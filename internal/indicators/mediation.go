package indicators

import "github.com/fazhi/fazhi/internal/store"

// 人民调解 (indicators.md, mediation.*). 调解成功率 = disputes with an agreement ÷ disputes
// mediated (law.md, 人民调解). Every figure runs on 受理日期.
func init() {
	define(
		Def{ID: "mediation.cases", Label: "调解矛盾纠纷", Unit: "件", Kind: "mediation",
			Formula: "受理日期在统计期内的人民调解案件数",
			Date:    "accepted_on", Agg: store.Agg{Func: "count", By: "dispute_type"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionDisputes, Order: 70,
				Text: "强化社会矛盾纠纷多元化解。坚持织密人民调解“安全网”，{year}年，全市共调解矛盾纠纷{mediation.cases}件，" +
					"调解成功{mediation.successful}件，调解成功率达{mediation.success_rate}；" +
					"当事人申请司法确认{mediation.judicial_confirmations}件（其中超过三十日申请的{mediation.judicial_confirmations_late}件）。"}},
		Def{ID: "mediation.successful", Label: "调解成功", Unit: "件", Kind: "mediation",
			Formula: "受理日期在统计期内且调解结果为成功的案件数",
			Date:    "accepted_on", Filter: []store.Cond{eq("result", "成功")},
			Agg:       store.Agg{Func: "count", By: "dispute_type"},
			PartOf:    &Part{Of: []string{"mediation.cases"}},
			Dashboard: Placement{Tile: 2, Trend: 2, Good: HigherIsGood}},
		Def{ID: "mediation.success_rate", Label: "调解成功率", Unit: "%", Kind: "mediation",
			Numerator: "mediation.successful", Denominator: "mediation.cases", Places: 1,
			Formula:   "调解成功 ÷ 调解矛盾纠纷",
			Dashboard: Placement{Tile: 3, Good: HigherIsGood, Rank: true}},
		Def{ID: "mediation.judicial_confirmations", Label: "司法确认", Unit: "件", Kind: "mediation",
			Formula: "受理日期在统计期内且申请司法确认的案件数",
			Date:    "accepted_on", Filter: []store.Cond{eq("confirmation_applied", "是")},
			Agg: store.Agg{Func: "count", By: "confirmation_result"},
			// Confirmation needs an agreement, but is counted by 受理日期 like the cases.
			PartOf: &Part{Of: []string{"mediation.successful"}, Loose: true}},
		// 人民调解法第33条: an application after the thirty days is flagged 超期申请 and shown apart.
		Def{ID: "mediation.judicial_confirmations_late", Label: "超期申请司法确认", Unit: "件", Kind: "mediation",
			Formula: "申请司法确认的案件中，申请日期晚于调解协议生效之日起三十日（人民调解法第33条）的案件数",
			Date:    "accepted_on", Filter: []store.Cond{eq("confirmation_applied", "是"), {Field: "mediation.judicial_confirmation", Op: store.OpLate}},
			Agg:    store.Agg{Func: "count"},
			PartOf: &Part{Of: []string{"mediation.judicial_confirmations"}}},
	)
}
