package indicators

import "github.com/fazhi/fazhi/internal/store"

// 人民调解 (indicators.md, mediation.*). 调解成功率 = disputes with an agreement ÷ disputes
// mediated (law.md, 人民调解).
func init() {
	define(
		Def{ID: "mediation.cases", Label: "调解矛盾纠纷", Unit: "件", Kind: "mediation",
			Formula: "受理日期在统计期内的人民调解案件数",
			Where:   func(p Period) []store.Cond { return in("accepted_on", p) },
			Agg:     store.Agg{Func: "count", By: "dispute_type"}},
		Def{ID: "mediation.successful", Label: "调解成功", Unit: "件", Kind: "mediation",
			Formula: "受理日期在统计期内且调解结果为成功的案件数",
			Where: func(p Period) []store.Cond {
				return append(in("accepted_on", p), eq("result", "成功"))
			},
			Agg: store.Agg{Func: "count", By: "dispute_type"}},
		Def{ID: "mediation.success_rate", Label: "调解成功率", Unit: "%", Kind: "mediation",
			Numerator: "mediation.successful", Denominator: "mediation.cases", Places: 1,
			Formula: "调解成功 ÷ 调解矛盾纠纷"},
		Def{ID: "mediation.judicial_confirmations", Label: "司法确认", Unit: "件", Kind: "mediation",
			Formula: "受理日期在统计期内且申请司法确认的案件数",
			Where: func(p Period) []store.Cond {
				return append(in("accepted_on", p), eq("confirmation_applied", "是"))
			},
			Agg: store.Agg{Func: "count", By: "confirmation_result"}},
	)
}
