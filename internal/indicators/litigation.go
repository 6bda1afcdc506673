package indicators

import (
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 行政应诉 (indicators.md, litigation.*). 出庭应诉率 = hearings where a qualifying head appeared ÷
// hearings held (law.md; 出庭应诉规定第2条 on who counts as the head).
func init() {
	appeared := store.Cond{Field: "head_title", Op: store.OpIn, Values: law.HeadTitles}
	define(
		Def{ID: "litigation.letters", Label: "应诉督办函", Unit: "份", Kind: "letter",
			Formula: "发出日期在统计期内、类别为应诉督办的函件数",
			Date:    "sent_on", Filter: []store.Cond{eq("letter_type", "应诉督办")},
			Agg:       store.Agg{Func: "count"},
			Dashboard: Placement{Line: "litigation", Tile: 3},
			Paragraph: &Paragraph{Section: SectionDisputes, Order: 50,
				Text: "做好行政应诉工作。发出督促行政机关依法应诉的函件{litigation.letters}份。"}},
		Def{ID: "litigation.cases", Label: "行政应诉案件", Unit: "件", Kind: "litigation",
			Formula: "立案日期在统计期内的行政应诉案件数",
			Date:    "filed_on", Agg: store.Agg{Func: "count", By: "instance"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionDisputes, Order: 60,
				Text: "{year}年新增行政应诉案件{litigation.cases}件，审结{litigation.concluded}件，其中败诉{litigation.lost}件。" +
					"开庭审理的{litigation.hearings}件案件中，行政机关负责人出庭应诉{litigation.head_appearances}件，" +
					"出庭应诉率{litigation.head_appearance_rate}；出庭负责人当庭发言{litigation.head_spoke}件，" +
					"出庭出声率{litigation.head_spoke_rate}，实现行政机关负责人“出庭出声”常态化。"}},
		Def{ID: "litigation.concluded", Label: "审结应诉案件", Unit: "件", Kind: "litigation",
			Formula: "结案日期在统计期内的应诉案件数",
			Date:    "closed_on", Agg: store.Agg{Func: "count", By: "judgment"},
			// Cases close in a later year than they are filed in.
			PartOf:    &Part{Of: []string{"litigation.cases"}, Loose: true},
			Dashboard: Placement{Trend: 2}},
		Def{ID: "litigation.lost", Label: "败诉案件", Unit: "件", Kind: "litigation",
			Formula: "结案日期在统计期内、裁判结果为败诉的案件数",
			Date:    "closed_on", Filter: []store.Cond{eq("judgment", "败诉")},
			Agg:    store.Agg{Func: "count"},
			PartOf: &Part{Of: []string{"litigation.concluded"}}},
		Def{ID: "litigation.hearings", Label: "开庭审理案件", Unit: "件", Kind: "litigation",
			Formula: "开庭日期在统计期内的应诉案件数",
			Date:    "hearing_on", Agg: store.Agg{Func: "count", By: "head_title"}},
		Def{ID: "litigation.head_appearances", Label: "负责人出庭应诉案件", Unit: "件", Kind: "litigation",
			Formula: "开庭日期在统计期内、出庭负责人职务为正职、副职、分管负责人或其他负责人的案件数",
			Date:    "hearing_on", Filter: []store.Cond{appeared},
			Agg:    store.Agg{Func: "count", By: "head_title"},
			PartOf: &Part{Of: []string{"litigation.hearings"}}},
		Def{ID: "litigation.head_appearance_rate", Label: "行政机关负责人出庭应诉率", Unit: "%", Kind: "litigation",
			Numerator: "litigation.head_appearances", Denominator: "litigation.hearings", Places: 1,
			Formula:   "负责人出庭应诉案件 ÷ 开庭审理案件",
			Dashboard: Placement{Tile: 2, Good: HigherIsGood}},
		Def{ID: "litigation.head_spoke", Label: "负责人出庭出声案件", Unit: "件", Kind: "litigation",
			Formula: "负责人出庭应诉案件中负责人发言的案件数",
			Date:    "hearing_on", Filter: []store.Cond{appeared, eq("head_spoke", "是")},
			Agg:    store.Agg{Func: "count"},
			PartOf: &Part{Of: []string{"litigation.head_appearances"}}},
		Def{ID: "litigation.head_spoke_rate", Label: "出庭出声率", Unit: "%", Kind: "litigation",
			Numerator: "litigation.head_spoke", Denominator: "litigation.head_appearances", Places: 1,
			Formula: "负责人出庭出声案件 ÷ 负责人出庭应诉案件"},
	)
}
