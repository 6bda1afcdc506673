package indicators

import (
	"context"

	"github.com/fazhi/fazhi/internal/store"
)

// 重大行政决策 (indicators.md, decision.*) on 决定日期, the catalog on its 公布日期, and 法律事务审查
// (legal_affairs.reviewed) on 收文日期.
func init() {
	made := []string{"decision.made"}
	define(
		Def{ID: "decision.made", Label: "重大行政决策", Unit: "件", Kind: "major_decision",
			Formula: "决定日期在统计期内的重大行政决策数，按事项类型",
			Date:    "decided_on", Agg: store.Agg{Func: "count", By: "matter_type"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionRules, Order: 40,
				Text: "落实重大行政决策工作。落实重大行政决策法定程序，强化重大行政决策指导监督，{year}年共制定重大行政决策{decision.made}件，" +
					"公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序完备率为{decision.procedure_complete_rate}。"}},
		Def{ID: "decision.procedure_complete_rate", Label: "法定程序完备率", Unit: "%", Kind: "major_decision",
			Formula: "决定日期在统计期内、公众参与、合法性审查、集体讨论（需要时专家论证、风险评估）日期均已登记且不晚于决定日期的重大行政决策 ÷ 统计期内作出的重大行政决策，1位小数",
			Custom:  completeDecisions, DrillTo: "decision.made", Dashboard: Placement{Tile: 2, Good: HigherIsGood}},
		Def{ID: "decision.catalogs", Label: "公布重大行政决策事项目录", Unit: "份", Kind: "decision_catalog",
			Formula: "公布日期在统计期内的重大行政决策事项目录数",
			Date:    "published_on", Agg: store.Agg{Func: "count"},
			Paragraph: &Paragraph{Section: SectionRules, Order: 45,
				Text: "切实做好重大行政决策事项目录编制工作，经同级党委同意后公布重大行政决策事项目录{decision.catalogs}份、列入事项{decision.catalog_items}项，" +
					"年内作出目录事项决策{decision.catalog_decided}件。"}},
		Def{ID: "decision.catalog_items", Label: "目录事项", Unit: "项", Kind: "decision_catalog",
			Formula: "公布日期在统计期内的重大行政决策事项目录所列事项数之和",
			Date:    "published_on", Agg: store.Agg{Func: "sum", Field: "items"}, Dashboard: Placement{Line: "major_decision", Tile: 3}},
		Def{ID: "decision.catalog_decided", Label: "作出目录事项决策", Unit: "件", Kind: "major_decision",
			Formula: "决定日期在统计期内、属于目录事项的重大行政决策数",
			Date:    "decided_on", Filter: []store.Cond{eq("in_catalog", "是")}, Agg: store.Agg{Func: "count"},
			PartOf: &Part{Of: made}, Dashboard: Placement{Tile: 4}},
		Def{ID: "decision.post_evaluated", Label: "开展决策后评估", Unit: "件", Kind: "major_decision",
			Formula: "后评估日期在统计期内的重大行政决策数",
			Date:    "post_evaluated_on", Agg: store.Agg{Func: "count"}, Dashboard: Placement{Tile: 5},
			Paragraph: &Paragraph{Section: SectionRules, Order: 47,
				Text: "组织开展重大行政决策后评估工作，要求各单位至少选取1个项目开展决策后评估，{year}年完成决策后评估{decision.post_evaluated}件。"}},
		Def{ID: "legal_affairs.reviewed", Label: "法律事务审查", Unit: "件", Kind: "legal_affair",
			Formula: "收文日期在统计期内的法律事务审查数，按事项类别",
			Date:    "received_on", Agg: store.Agg{Func: "count", By: "category"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionRules, Order: 50,
				Text: "充分发挥法律参谋助手职能作用。履职尽责，建言献策，在招商引资、化解隐性债务、违法建设等方面提供法律咨询服务。" +
					"{year}年，共审查各类法律事务{legal_affairs.reviewed}件。"}},
	)
}

// completeDecisions is the share of the decisions of the period whose procedures (第9条: 公众参与, 专家论证
// and 风险评估 where the matter needs them, 合法性审查, 集体讨论决定) are all dated on or before the
// decision. A decision the 条例 spares expert argument or risk assessment (第19条, 第22条) is not
// incomplete for lacking them.
func completeDecisions(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	recs, err := st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: "major_decision", OrgCode: org, Conds: in("decided_on", p)}})
	if err != nil {
		return Value{}, err
	}
	if len(recs) == 0 {
		return Value{Unavailable: "统计期内没有作出重大行政决策"}, nil
	}
	n := 0
	for _, r := range recs {
		v := r.Values
		decided := v.Str("decided_on")
		ok := true
		steps := []string{"comment_from", "review_on", "discussed_on"}
		if v.Str("expert_required") == "是" {
			steps = append(steps, "expert_on")
		}
		if v.Str("risk_required") == "是" {
			steps = append(steps, "risk_on")
		}
		for _, key := range steps {
			if d := v.Str(key); d == "" || d > decided {
				ok = false
			}
		}
		if ok {
			n++
		}
	}
	num, den := float64(n), float64(len(recs))
	return Value{Value: RoundHalfUp(100*num/den, 1), Numerator: &num, Denominator: &den}, nil
}
