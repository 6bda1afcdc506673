package indicators

import (
	"context"

	"github.com/fazhi/fazhi/internal/store"
)

// 公证 (indicators.md, notary.*). Every figure runs on 出证日期: a certificate counts in the
// year it was issued, whenever the matter was accepted.
func init() {
	certificates := []string{"notary.certificates"}
	mode := func(m string) []store.Cond { return []store.Cond{{Field: "modes", Op: store.OpHas, Value: m}} }
	define(
		Def{ID: "notary.certificates", Label: "公证办证", Unit: "件", Kind: "notarization",
			Formula: "出证日期在统计期内的公证书数",
			Date:    "issued_on", Agg: store.Agg{Func: "count", By: "matter"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionServices, Order: 40,
				Text: "提升公证服务能力和水平。全面落实“一次办”“容缺办”“免费办”“上门办”，{year}年共办理公证{notary.certificates}件，" +
					"其中上门办证{notary.home_visits}件、容缺办证{notary.lenient}件、免费办证{notary.free}件，" +
					"受理至出证用时中位数{notary.median_days}天，超期出证{notary.overdue}件。"}},
		Def{ID: "notary.home_visits", Label: "上门办证", Unit: "件", Kind: "notarization",
			Formula: "出证日期在统计期内、办理方式含上门办的公证书数",
			Date:    "issued_on", Filter: mode("上门办"), Agg: store.Agg{Func: "count"},
			PartOf: &Part{Of: certificates}, Dashboard: Placement{Tile: 2}},
		Def{ID: "notary.lenient", Label: "容缺办证", Unit: "件", Kind: "notarization",
			Formula: "出证日期在统计期内、办理方式含容缺办的公证书数",
			Date:    "issued_on", Filter: mode("容缺办"), Agg: store.Agg{Func: "count"},
			PartOf: &Part{Of: certificates}, Dashboard: Placement{Tile: 3}},
		Def{ID: "notary.free", Label: "免费办证", Unit: "件", Kind: "notarization",
			Formula: "出证日期在统计期内、办理方式含免费办的公证书数",
			Date:    "issued_on", Filter: mode("免费办"), Agg: store.Agg{Func: "count"},
			PartOf: &Part{Of: certificates}},
		Def{ID: "notary.overdue", Label: "超期出证", Unit: "件", Kind: "notarization",
			Formula: "出证日期在统计期内、晚于受理日期起15个工作日（公证法第30条，扣除中止期间）的公证书数",
			Date:    "issued_on", Filter: []store.Cond{{Field: "notary.issue", Op: store.OpLate}},
			Agg: store.Agg{Func: "count"}, PartOf: &Part{Of: certificates},
			Dashboard: Placement{Tile: 4, Trend: 2, Good: LowerIsGood}},
		Def{ID: "notary.median_days", Label: "受理至出证天数（中位数）", Unit: "天", Kind: "notarization",
			Formula: "出证日期在统计期内的公证书，受理日期至出证日期的自然日数的中位数",
			DrillTo: "notary.certificates", Custom: medianNotaryDays},
	)
}

// medianNotaryDays is the median of the natural days from 受理 to 出证 over the certificates of
// the period (a median, since a few matters suspended for months would swamp a mean).
func medianNotaryDays(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	lo, hi, n, err := st.MiddleDays(ctx, sc, store.Query{Kind: "notarization", OrgCode: org, Conds: in("issued_on", p)},
		"accepted_on", "issued_on")
	switch {
	case err != nil:
		return Value{}, err
	case n == 0:
		return Value{Unavailable: "统计期内没有出证的公证书"}, nil
	case n%2 == 1:
		return Value{Value: float64(lo)}, nil
	}
	return Value{Value: RoundHalfUp(float64(lo+hi)/2, 1)}, nil
}
