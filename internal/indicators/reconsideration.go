package indicators

import (
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 行政复议 (indicators.md, reconsideration.*; law.md lists the figures bureaus publish: 新收,
// 审结 incl. carried over, 纠错, 纠错率, 调解和解, 调解和解率, 受理前化解, 复议后起诉率).
func init() {
	concluded := []string{"reconsideration.concluded"}
	received := []string{"reconsideration.received"}
	define(
		Def{ID: "reconsideration.received", Label: "新收行政复议案件", Unit: "件", Kind: "reconsideration",
			Formula: "收到申请日期在统计期内的行政复议申请数",
			Date:    "received_on", Agg: store.Agg{Func: "count", By: "act_type"},
			// Charted by 被申请人 too: the chief's question, which departments are brought to 复议 most.
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true, AlsoBy: []string{"respondent"}},
			Paragraph: &Paragraph{Section: SectionDisputes, Order: 10,
				Text: "做好行政复议工作。畅通行政复议渠道，践行“复议为民”宗旨，实质性化解行政争议。" +
					"{year}年新收行政复议案件{reconsideration.received}件，受理{reconsideration.accepted}件，" +
					"审结{reconsideration.concluded}件（含上年结转），受理前化解{reconsideration.resolved_before_acceptance}件。"}},
		Def{ID: "reconsideration.accepted", Label: "受理行政复议案件", Unit: "件", Kind: "reconsideration",
			Formula: "受理情况为受理且受理日期在统计期内的案件数",
			Date:    "accepted_on", Filter: []store.Cond{eq("acceptance", "受理")},
			Agg: store.Agg{Func: "count", By: "procedure"},
			// Accepted in the period, received in it or in the one before.
			PartOf: &Part{Of: received, Loose: true}},
		Def{ID: "reconsideration.concluded", Label: "审结行政复议案件", Unit: "件", Kind: "reconsideration",
			Formula: "结案日期在统计期内的案件数（含以前年度收案）",
			Date:    "closed_on", Agg: store.Agg{Func: "count", By: "outcome"},
			Dashboard: Placement{Tile: 2, Trend: 2}},
		Def{ID: "reconsideration.corrected", Label: "纠错", Unit: "件", Kind: "reconsideration",
			Formula: "统计期内审结且结案方式为变更、撤销、部分撤销、确认违法、责令履行或确认无效的案件数",
			Date:    "closed_on", Filter: []store.Cond{{Field: "outcome", Op: store.OpIn, Values: law.CorrectionOutcomes}},
			Agg:    store.Agg{Func: "count", By: "outcome"},
			PartOf: &Part{Of: concluded, Beside: []string{"reconsideration.mediated"}},
			Paragraph: &Paragraph{Section: SectionDisputes, Order: 20,
				Text: "审结的行政复议案件中，依法纠错{reconsideration.corrected}件，纠错率{reconsideration.correction_rate}；" +
					"以调解、和解方式结案{reconsideration.mediated}件，调解和解率{reconsideration.mediation_rate}；" +
					"超期审结{reconsideration.overdue}件；新收案件中存在程序瑕疵的{reconsideration.procedural_defects}件。"}},
		Def{ID: "reconsideration.correction_rate", Label: "纠错率", Unit: "%", Kind: "reconsideration",
			Numerator: "reconsideration.corrected", Denominator: "reconsideration.concluded", Places: 1,
			Formula:   "纠错 ÷ 审结行政复议案件",
			Dashboard: Placement{Tile: 3}},
		Def{ID: "reconsideration.mediated", Label: "调解和解结案", Unit: "件", Kind: "reconsideration",
			Formula: "统计期内审结且以调解书或和解后撤回结案的案件数",
			Date:    "closed_on", Filter: []store.Cond{{Field: "outcome", Op: store.OpIn, Values: []string{"调解", "和解撤回"}}},
			Agg: store.Agg{Func: "count", By: "outcome"}},
		Def{ID: "reconsideration.mediation_rate", Label: "调解和解率", Unit: "%", Kind: "reconsideration",
			Numerator: "reconsideration.mediated", Denominator: "reconsideration.concluded", Places: 1,
			Formula: "调解和解结案 ÷ 审结行政复议案件"},
		Def{ID: "reconsideration.resolved_before_acceptance", Label: "受理前化解", Unit: "件", Kind: "reconsideration",
			Formula: "收到申请日期在统计期内、受理情况为受理前化解的案件数",
			Date:    "received_on", Filter: []store.Cond{eq("acceptance", "受理前化解")},
			Agg:    store.Agg{Func: "count"},
			PartOf: &Part{Of: received}},
		Def{ID: "reconsideration.sued_after", Label: "复议后起诉", Unit: "件", Kind: "reconsideration",
			Formula: "统计期内审结且复议后起诉的案件数",
			Date:    "closed_on", Filter: []store.Cond{eq("sued_after", "是")},
			Agg:    store.Agg{Func: "count"},
			PartOf: &Part{Of: concluded},
			Paragraph: &Paragraph{Section: SectionDisputes, Order: 30,
				Text: "复议后起诉{reconsideration.sued_after}件，复议后起诉率{reconsideration.sued_after_rate}，行政复议化解行政争议的主渠道作用进一步发挥。"}},
		Def{ID: "reconsideration.sued_after_rate", Label: "复议后起诉率", Unit: "%", Kind: "reconsideration",
			Numerator: "reconsideration.sued_after", Denominator: "reconsideration.concluded", Places: 1,
			Formula: "复议后起诉 ÷ 审结行政复议案件"},
		Def{ID: "reconsideration.overdue", Label: "超期审结", Unit: "件", Kind: "reconsideration",
			Formula: "统计期内审结、结案日期晚于法定审理期限（第62条：普通程序60日、简易程序30日，加延期，扣除中止期间）的案件数",
			Date:    "closed_on", Filter: []store.Cond{{Field: "reconsideration.decision", Op: store.OpLate}},
			Agg:    store.Agg{Func: "count"},
			PartOf: &Part{Of: concluded}},
		// law.md "Refuse or flag": a defect of the past (听证通知 late, 第51条; 补正通知 after five
		// working days, 第31条第1款; an application accepted out of time, 第20条) is stored and
		// counted here, never a reason to refuse a ledger.
		Def{ID: "reconsideration.procedural_defects", Label: "存在程序瑕疵的案件", Unit: "件", Kind: "reconsideration",
			Formula: "收到申请日期在统计期内、系统标注了程序瑕疵（行政复议法第20条、第31条第1款、第51条）的案件数",
			Date:    "received_on", Filter: []store.Cond{{Field: "defects", Op: store.OpNotEmpty}},
			Agg:    store.Agg{Func: "count"},
			PartOf: &Part{Of: received}},
		Def{ID: "reconsideration.observer_units", Label: "旁听听证单位", Unit: "个", Kind: "hearing",
			Formula: "听证日期在统计期内的复议听证的旁听单位（去重）",
			Date:    "held_on", Agg: store.Agg{Func: "distinct", Field: "observers"},
			Paragraph: &Paragraph{Section: SectionDisputes, Order: 40,
				Text: "规范行政复议听证，组织{reconsideration.observer_units}个单位的执法人员旁听行政复议听证活动。"}},
	)
}
