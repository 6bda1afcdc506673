package indicators

import "github.com/fazhi/fazhi/internal/store"

// 合法性审查 (indicators.md, review.*): every figure runs on 办结日期. The seed's "审查办结一般政策性
// 文件和重大行政决策决策性117件，市政府规范性文件5件，部门规范性文件1件" is three counts of one ledger:
// the 117 by 文件类别, the 5 and 1 by the reviewed document's 制定机关类别 (review.normative_closed,
// broken down, and its two parts the report quotes).
func init() {
	closed := func(conds ...store.Cond) []store.Cond { return conds }
	cityGov := store.Cond{Field: "issuer_type", Op: store.OpIn, Values: []string{"市政府", "县政府", "区政府"}}
	normative := eq("doc_type", "行政规范性文件")
	define(
		Def{ID: "review.legality_closed", Label: "合法性审查办结(一般政策性文件和重大行政决策)", Unit: "件", Kind: "legality_review",
			Formula: "办结日期在统计期内、文件类别为一般政策性文件或重大行政决策的合法性审查数",
			Date:    "closed_on", Filter: closed(store.Cond{Field: "doc_type", Op: store.OpIn, Values: []string{"一般政策性文件", "重大行政决策"}}),
			Agg: store.Agg{Func: "count", By: "opinion"}, PartOf: &Part{Of: []string{"review.legality_closed_all"}, Beside: []string{"review.normative_closed"}},
			Dashboard: Placement{Tile: 1, Trend: 1},
			Paragraph: &Paragraph{Section: SectionRules, Order: 10,
				Text: "加强行政规范性文件管理。严格落实行政规范性文件管理规定，有件必备、有备必审、有错必纠，" +
					"{year}年审查办结一般政策性文件和重大行政决策{review.legality_closed}件，" +
					"市政府规范性文件{review.normative_closed_city}件，部门规范性文件{review.normative_closed_department}件，" +
					"各类合法性审查事项共办结{review.legality_closed_all}件（其中规范性文件{review.normative_closed}件），提出不同意审查意见{review.refused}件。"}},
		Def{ID: "review.legality_closed_all", Label: "合法性审查办结(全部)", Unit: "件", Kind: "legality_review",
			Formula: "办结日期在统计期内的合法性审查数，按文件类别",
			Date:    "closed_on", Agg: store.Agg{Func: "count", By: "doc_type"}, Dashboard: Placement{Tile: 2, Breakdown: true}},
		Def{ID: "review.normative_closed", Label: "审查办结规范性文件", Unit: "件", Kind: "legality_review",
			Formula: "办结日期在统计期内、文件类别为行政规范性文件的合法性审查数，按被审查文件的制定机关类别",
			Date:    "closed_on", Filter: closed(normative), Agg: store.Agg{Func: "count", By: "issuer_type"},
			Dashboard: Placement{Tile: 3}},
		Def{ID: "review.normative_closed_city", Label: "审查办结市政府规范性文件", Unit: "件", Kind: "legality_review",
			Formula: "办结日期在统计期内、文件类别为行政规范性文件、制定机关类别为市政府（县政府、区政府）的合法性审查数",
			Date:    "closed_on", Filter: closed(normative, cityGov), Agg: store.Agg{Func: "count"},
			PartOf: &Part{Of: []string{"review.normative_closed"}, Beside: []string{"review.normative_closed_department"}}},
		Def{ID: "review.normative_closed_department", Label: "审查办结部门规范性文件", Unit: "件", Kind: "legality_review",
			Formula: "办结日期在统计期内、文件类别为行政规范性文件、制定机关类别为政府部门的合法性审查数",
			Date:    "closed_on", Filter: closed(normative, eq("issuer_type", "政府部门")), Agg: store.Agg{Func: "count"},
			PartOf: &Part{Of: []string{"review.normative_closed"}}},
		Def{ID: "review.refused", Label: "审查意见为不同意", Unit: "件", Kind: "legality_review",
			Formula: "办结日期在统计期内、审查意见为不同意的合法性审查数",
			Date:    "closed_on", Filter: closed(eq("opinion", "不同意")), Agg: store.Agg{Func: "count"},
			PartOf: &Part{Of: []string{"review.legality_closed_all"}}, Dashboard: Placement{Tile: 4}},
	)
}
