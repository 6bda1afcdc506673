package indicators

import (
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 行政复议 (indicators.md, reconsideration.*; law.md lists the figures bureaus publish: 新收,
// 审结 incl. carried over, 纠错, 纠错率, 调解和解, 调解和解率, 受理前化解, 复议后起诉率).
func init() {
	concluded := func(p Period) []store.Cond { return in("closed_on", p) }
	define(
		Def{ID: "reconsideration.received", Label: "新收行政复议案件", Unit: "件", Kind: "reconsideration",
			Formula: "收到申请日期在统计期内的行政复议申请数",
			Where:   func(p Period) []store.Cond { return in("received_on", p) },
			Agg:     store.Agg{Func: "count", By: "act_type"}},
		Def{ID: "reconsideration.accepted", Label: "受理行政复议案件", Unit: "件", Kind: "reconsideration",
			Formula: "受理情况为受理且受理日期在统计期内的案件数",
			Where:   func(p Period) []store.Cond { return append(in("accepted_on", p), eq("acceptance", "受理")) },
			Agg:     store.Agg{Func: "count", By: "procedure"}},
		Def{ID: "reconsideration.concluded", Label: "审结行政复议案件", Unit: "件", Kind: "reconsideration",
			Formula: "结案日期在统计期内的案件数（含以前年度收案）",
			Where:   concluded, Agg: store.Agg{Func: "count", By: "outcome"}},
		Def{ID: "reconsideration.corrected", Label: "纠错", Unit: "件", Kind: "reconsideration",
			Formula: "统计期内审结且结案方式为变更、撤销、部分撤销、确认违法、责令履行或确认无效的案件数",
			Where: func(p Period) []store.Cond {
				return append(concluded(p), store.Cond{Field: "outcome", Op: store.OpIn, Values: law.CorrectionOutcomes})
			},
			Agg: store.Agg{Func: "count", By: "outcome"}},
		Def{ID: "reconsideration.correction_rate", Label: "纠错率", Unit: "%", Kind: "reconsideration",
			Numerator: "reconsideration.corrected", Denominator: "reconsideration.concluded", Places: 1,
			Formula: "纠错 ÷ 审结行政复议案件"},
		Def{ID: "reconsideration.mediated", Label: "调解和解结案", Unit: "件", Kind: "reconsideration",
			Formula: "统计期内审结且以调解书或和解后撤回结案的案件数",
			Where: func(p Period) []store.Cond {
				return append(concluded(p), store.Cond{Field: "outcome", Op: store.OpIn, Values: []string{"调解", "和解撤回"}})
			},
			Agg: store.Agg{Func: "count", By: "outcome"}},
		Def{ID: "reconsideration.mediation_rate", Label: "调解和解率", Unit: "%", Kind: "reconsideration",
			Numerator: "reconsideration.mediated", Denominator: "reconsideration.concluded", Places: 1,
			Formula: "调解和解结案 ÷ 审结行政复议案件"},
		Def{ID: "reconsideration.resolved_before_acceptance", Label: "受理前化解", Unit: "件", Kind: "reconsideration",
			Formula: "收到申请日期在统计期内、受理情况为受理前化解的案件数",
			Where: func(p Period) []store.Cond {
				return append(in("received_on", p), eq("acceptance", "受理前化解"))
			},
			Agg: store.Agg{Func: "count"}},
		Def{ID: "reconsideration.sued_after", Label: "复议后起诉", Unit: "件", Kind: "reconsideration",
			Formula: "统计期内审结且复议后起诉的案件数",
			Where:   func(p Period) []store.Cond { return append(concluded(p), eq("sued_after", "是")) },
			Agg:     store.Agg{Func: "count"}},
		Def{ID: "reconsideration.sued_after_rate", Label: "复议后起诉率", Unit: "%", Kind: "reconsideration",
			Numerator: "reconsideration.sued_after", Denominator: "reconsideration.concluded", Places: 1,
			Formula: "复议后起诉 ÷ 审结行政复议案件"},
		Def{ID: "reconsideration.overdue", Label: "超期审结", Unit: "件", Kind: "reconsideration",
			Formula: "统计期内审结、结案日期晚于法定审理期限（第62条：普通程序60日、简易程序30日，加延期，扣除中止期间）的案件数",
			Where: func(p Period) []store.Cond {
				return append(concluded(p), store.Cond{Field: "reconsideration.decision", Op: store.OpLate})
			},
			Agg: store.Agg{Func: "count"}},
		Def{ID: "reconsideration.observer_units", Label: "旁听听证单位", Unit: "个", Kind: "hearing",
			Formula: "听证日期在统计期内的复议听证的旁听单位（去重）",
			Where:   func(p Period) []store.Cond { return in("held_on", p) },
			Agg:     store.Agg{Func: "distinct", Field: "observers"}},
	)
}
