package indicators

import (
	"context"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// Lawyers and village legal advisers (indicators.md, lawyer.*, village_counsel.*).
func init() {
	define(
		Def{ID: "lawyer.advisory_clients", Label: "常年法律顾问服务企事业单位", Unit: "家", Kind: "advisory_contract",
			Formula: "统计期内有效（起始日期不晚于期末，终止日期为空或不早于期初）、对象类型为企业或事业单位的常年法律顾问合同的服务对象（去重）",
			Custom:  advisoryClients, Dashboard: Placement{Line: "lawyer_case", Tile: 2},
			Paragraph: &Paragraph{Section: SectionServices, Order: 50,
				Text: "加强律师队伍管理工作。组织律师围绕党委政府中心工作发挥专业优势，{year}年律师事务所为" +
					"{lawyer.advisory_clients}家企事业单位提供常年法律顾问服务，办理各类案件{lawyer.cases}件。"}},
		Def{ID: "lawyer.cases", Label: "律所办理案件", Unit: "件", Kind: "lawyer_case",
			Formula: "收案日期在统计期内的律师办理案件数",
			Date:    "received_on", Agg: store.Agg{Func: "count", By: "business_type"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true}},
		Def{ID: "village_counsel.contracts_reviewed", Label: "审核村(社区)“三资”合同", Unit: "份", Kind: "contract_review",
			Formula: "审核日期在统计期内、合同类别为三资的村（社区）合同审核数",
			Date:    "reviewed_on", Filter: []store.Cond{eq("contract_type", "三资")},
			Agg:       store.Agg{Func: "count", By: "opinion"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionServices, Order: 60,
				Text: "持续深化一村（社区）一法律顾问工作，村（社区）法律顾问累计审核村（社区）集体“三资”经营性合同" +
					"{village_counsel.contracts_reviewed}份，提供法律服务{village_counsel.services}人次，" +
					"村（社区）法律顾问覆盖率{village_counsel.coverage}。"}},
		Def{ID: "village_counsel.services", Label: "村(社区)法律顾问服务人次", Unit: "人次", Kind: "village_counsel_service",
			Formula: "日期在统计期内的村（社区）法律顾问服务人次之和",
			Date:    "served_on", Agg: store.Agg{Func: "sum", Field: "people", By: "service_type"}},
		// No Kind: the figure divides by the villages of the org tree, not by records.
		Def{ID: "village_counsel.coverage", Label: "一村（社区）一法律顾问覆盖率", Unit: "%",
			Formula: "统计期内有有效常年法律顾问合同（对象类型为村居）的村（社区）÷ 范围内的村（社区），1位小数；分组列出未覆盖的村（社区）",
			Custom:  villageCoverage, Dashboard: Placement{Line: "contract_review", Tile: 2, Good: HigherIsGood}},
	)
}

// activeQueries are the advisory contracts in force at some time in the period (起始 ≤ to, 终止
// empty or ≥ from), with extra conditions: two queries, since a condition list has no OR.
func activeQueries(org string, p Period, conds ...store.Cond) []store.Query {
	started := append([]store.Cond{{Field: "started_on", Op: store.OpLE, Value: p.To}}, conds...)
	var out []store.Query
	for _, end := range []store.Cond{{Field: "ends_on", Op: store.OpEmpty}, {Field: "ends_on", Op: store.OpGE, Value: p.From}} {
		out = append(out, store.Query{Kind: "advisory_contract", OrgCode: org, Conds: append(append([]store.Cond{}, started...), end)})
	}
	return out
}

func advisoryClients(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	n, err := st.CountDistinctAny(ctx, sc, activeQueries(org, p,
		store.Cond{Field: "client_type", Op: store.OpIn, Values: []string{"企业", "事业单位"}}), "client")
	return Value{Value: n}, err
}

// villageAdvisers covers a village named (服务村居) by a contract with it in force in the period.
// The contracts are the firms' (their org is the firm, not the village), so they are read over
// the whole scope.
func villageAdvisers(p Period) store.Cover {
	return store.Cover{NamedBy: activeQueries("", p, eq("client_type", "村居")), Field: "village"}
}

// villageCoverage: the villages of the org's subtree with an adviser under contract.
func villageCoverage(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	if !sc.CanRead("advisory_contract") {
		return Value{Unavailable: "无权查看该类数据"}, nil
	}
	t, err := st.CountOrgs(ctx, sc, store.OrgSet{Under: org, Types: law.Villages,
		Covered: []store.Cover{villageAdvisers(p)}, Gaps: maxGaps})
	if err != nil {
		return Value{}, err
	}
	gaps := map[string]float64{}
	for _, o := range t.Gaps {
		gaps[o.Name+"（未配备法律顾问）"] = 1
	}
	return coverage(float64(t.Covered), float64(t.Orgs), gaps), nil
}
