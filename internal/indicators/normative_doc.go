package indicators

import (
	"context"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/store"
)

// 行政规范性文件 (indicators.md, normative.*). normative.city_gov and normative.department count
// the documents published in the period (公布日期); the seed's 5 and 1 are legality reviews
// (review.normative_closed). normative.in_force and normative.expiring are stocks at the
// period's end.
func init() {
	cityGov := store.Cond{Field: "issuer_type", Op: store.OpIn, Values: []string{"市政府", "县政府", "区政府"}}
	define(
		Def{ID: "normative.city_gov", Label: "公布的市政府规范性文件", Unit: "件", Kind: "normative_doc",
			Formula: "公布日期在统计期内、制定机关类别为市政府（县政府、区政府）的行政规范性文件数",
			Date:    "published_on", Filter: []store.Cond{cityGov}, Agg: store.Agg{Func: "count"}, Dashboard: Placement{Tile: 1}},
		Def{ID: "normative.department", Label: "公布的部门规范性文件", Unit: "件", Kind: "normative_doc",
			Formula: "公布日期在统计期内、制定机关类别为政府部门的行政规范性文件数",
			Date:    "published_on", Filter: []store.Cond{eq("issuer_type", "政府部门")}, Agg: store.Agg{Func: "count"}, Dashboard: Placement{Tile: 2}},
		Def{ID: "normative.filed", Label: "报送备案规范性文件", Unit: "件", Kind: "normative_doc",
			Formula: "报送备案日期在统计期内的行政规范性文件数，按制定机关类别",
			Date:    "filed_on", Agg: store.Agg{Func: "count", By: "issuer_type"}, Dashboard: Placement{Breakdown: true},
			Paragraph: &Paragraph{Section: SectionRules, Order: 20,
				Text: "{year}年公布市政府规范性文件{normative.city_gov}件、部门规范性文件{normative.department}件，" +
					"报送备案{normative.filed}件，逾期报送备案{normative.filed_late}件，备案审查要求纠正{normative.corrected}件。"}},
		Def{ID: "normative.filed_late", Label: "逾期报送备案", Unit: "件", Kind: "normative_doc",
			Formula: "报送备案日期在统计期内、晚于公布之日起30日（地方规定）的行政规范性文件数",
			Date:    "filed_on", Filter: []store.Cond{{Field: "normative.filing", Op: store.OpLate}}, Agg: store.Agg{Func: "count"},
			PartOf: &Part{Of: []string{"normative.filed"}}, Dashboard: Placement{Tile: 3, Good: LowerIsGood}},
		Def{ID: "normative.corrected", Label: "备案审查要求纠正", Unit: "件", Kind: "normative_doc",
			Formula: "备案审查结果日期在统计期内、结果为要求纠正的行政规范性文件数",
			Date:    "filing_result_on", Filter: []store.Cond{eq("filing_result", "要求纠正")}, Agg: store.Agg{Func: "count"}},
		Def{ID: "normative.cleaned", Label: "清理规范性文件", Unit: "件", Kind: "normative_doc",
			Formula: "清理日期在统计期内的行政规范性文件数，按清理结论",
			Date:    "cleanup_on", Agg: store.Agg{Func: "count", By: "cleanup_conclusion"}, Dashboard: Placement{Tile: 4},
			Paragraph: &Paragraph{Section: SectionRules, Order: 30,
				Text: "坚持并加大力度清理不适合的规范性文件，建立文件监督管理、动态清理等长效工作机制，全年清理规范性文件{normative.cleaned}件，" +
					"清理结果以政府公告的形式向社会公布。截至年底，现行有效规范性文件{normative.in_force}件，" +
					"其中半年内到期{normative.expiring}件，将按规定提前开展评估。"}},
		Def{ID: "normative.in_force", Label: "现行有效规范性文件", Unit: "件", Kind: "normative_doc",
			Formula: "统计期末状态为有效、有效期至为空或晚于期末的行政规范性文件数，按制定机关类别",
			Custom:  inForce(0), Dashboard: Placement{Tile: 5}},
		Def{ID: "normative.expiring", Label: "半年内到期规范性文件", Unit: "件", Kind: "normative_doc",
			Formula: "统计期末状态为有效、有效期至在期末后183日内的行政规范性文件数",
			Custom:  inForce(183)},
	)
}

// inForce counts the documents in force at the period's end (状态 有效, 有效期至 empty or after
// it); within > 0 keeps only those whose validity ends within that many days after it.
func inForce(within int) func(context.Context, *store.Store, store.Scope, string, Period) (Value, error) {
	return func(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
		base := []store.Cond{eq("status", "有效"), {Field: "published_on", Op: store.OpLE, Value: p.To}}
		ends := [][]store.Cond{{{Field: "valid_until", Op: store.OpEmpty}}, {{Field: "valid_until", Op: store.OpGT, Value: p.To}}}
		if within > 0 {
			end, err := calendar.ParseDate(p.To)
			if err != nil {
				return Value{}, err
			}
			ends = [][]store.Cond{{{Field: "valid_until", Op: store.OpGT, Value: p.To}, {Field: "valid_until", Op: store.OpLE, Value: end.AddDays(within).String()}}}
		}
		out := Value{By: map[string]float64{}}
		for _, e := range ends {
			n, by, err := st.Aggregate(ctx, sc, store.Query{Kind: "normative_doc", OrgCode: org, Conds: append(append([]store.Cond{}, base...), e...)},
				store.Agg{Func: "count", By: "issuer_type"})
			if err != nil {
				return Value{}, err
			}
			out.Value += n
			for k, x := range by {
				out.By[k] += x
			}
		}
		if len(out.By) == 0 {
			out.By = nil
		}
		return out, nil
	}
}
