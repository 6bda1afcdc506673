package indicators

import (
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 行政应诉 (indicators.md, litigation.*). 出庭应诉率 = hearings where a qualifying head appeared ÷
// hearings held (law.md; 出庭应诉规定第2条 on who counts as the head).
func init() {
	hearings := func(p Period) []store.Cond { return in("hearing_on", p) }
	appearances := func(p Period) []store.Cond {
		return append(hearings(p), store.Cond{Field: "head_title", Op: store.OpIn, Values: law.HeadTitles})
	}
	define(
		Def{ID: "litigation.letters", Label: "应诉督办函", Unit: "份", Kind: "letter",
			Formula: "发出日期在统计期内、类别为应诉督办的函件数",
			Where:   func(p Period) []store.Cond { return append(in("sent_on", p), eq("letter_type", "应诉督办")) },
			Agg:     store.Agg{Func: "count"}},
		Def{ID: "litigation.cases", Label: "行政应诉案件", Unit: "件", Kind: "litigation",
			Formula: "立案日期在统计期内的行政应诉案件数",
			Where:   func(p Period) []store.Cond { return in("filed_on", p) },
			Agg:     store.Agg{Func: "count", By: "instance"}},
		Def{ID: "litigation.concluded", Label: "审结应诉案件", Unit: "件", Kind: "litigation",
			Formula: "结案日期在统计期内的应诉案件数",
			Where:   func(p Period) []store.Cond { return in("closed_on", p) },
			Agg:     store.Agg{Func: "count", By: "judgment"}},
		Def{ID: "litigation.lost", Label: "败诉案件", Unit: "件", Kind: "litigation",
			Formula: "结案日期在统计期内、裁判结果为败诉的案件数",
			Where:   func(p Period) []store.Cond { return append(in("closed_on", p), eq("judgment", "败诉")) },
			Agg:     store.Agg{Func: "count"}},
		Def{ID: "litigation.hearings", Label: "开庭审理案件", Unit: "件", Kind: "litigation",
			Formula: "开庭日期在统计期内的应诉案件数",
			Where:   hearings, Agg: store.Agg{Func: "count", By: "head_title"}},
		Def{ID: "litigation.head_appearances", Label: "负责人出庭应诉案件", Unit: "件", Kind: "litigation",
			Formula: "开庭日期在统计期内、出庭负责人职务为正职、副职、分管负责人或其他负责人的案件数",
			Where:   appearances, Agg: store.Agg{Func: "count", By: "head_title"}},
		Def{ID: "litigation.head_appearance_rate", Label: "行政机关负责人出庭应诉率", Unit: "%", Kind: "litigation",
			Numerator: "litigation.head_appearances", Denominator: "litigation.hearings", Places: 1,
			Formula: "负责人出庭应诉案件 ÷ 开庭审理案件"},
		Def{ID: "litigation.head_spoke", Label: "负责人出庭出声案件", Unit: "件", Kind: "litigation",
			Formula: "负责人出庭应诉案件中负责人发言的案件数",
			Where:   func(p Period) []store.Cond { return append(appearances(p), eq("head_spoke", "是")) },
			Agg:     store.Agg{Func: "count"}},
		Def{ID: "litigation.head_spoke_rate", Label: "出庭出声率", Unit: "%", Kind: "litigation",
			Numerator: "litigation.head_spoke", Denominator: "litigation.head_appearances", Places: 1,
			Formula: "负责人出庭出声案件 ÷ 负责人出庭应诉案件"},
	)
}
