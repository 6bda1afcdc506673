package indicators

import (
	"context"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 行政执法案件 from 粤执法 (indicators.md enforcement.*): the cases filed, decided late,
// published late, decided without the 法制审核 第58条 requires first, and by fewer than two
// certified officers (第42条, joined with the certificate events).
const (
	flagTooFew     = "执法人员少于两人（行政处罚法第42条）"
	flagUnreviewed = "未在决定前完成法制审核（行政处罚法第58条）"
)

func init() {
	count := store.Agg{Func: "count"}
	cases := []string{"enforcement.cases"}
	major := []store.Cond{eq("major", "是")}
	define(
		Def{ID: "enforcement.cases", Label: "行政执法案件(粤执法)", Unit: "宗", Kind: "enforcement_case",
			Formula: "立案日期在统计期内的行政执法案件数（按案件类型；按执法单位见分组）", Date: "filed_on",
			Agg: store.Agg{Func: "count", By: "case_type"}, Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 20, Text: "完善行政执法程序，提升行政执法质量和效能。督促各行政执法单位使用“粤执法”平台办案，" +
				"{year}年全市通过平台办理行政执法案件{enforcement.cases}宗。严格落实行政执法公示制度，" +
				"逾期公示执法决定{enforcement.publicity_late}宗，超期办结行政处罚案件{enforcement.overdue}宗。"}},
		Def{ID: "enforcement.decided", Label: "作出执法决定", Unit: "宗", Kind: "enforcement_case",
			Formula: "决定日期在统计期内的案件数", Date: "decided_on", Agg: count, PartOf: &Part{Of: cases, Loose: true}},
		Def{ID: "enforcement.publicity_late", Label: "逾期公示执法决定", Unit: "宗", Kind: "enforcement_case",
			Formula: "立案日期在统计期内、公示日期晚于决定后7个工作日（行政处罚、行政许可）或20个工作日（其他）的案件数（国办发〔2018〕118号）",
			Date:    "filed_on", Filter: []store.Cond{{Field: "enforcement.publicity", Op: store.OpLate}}, Agg: count,
			PartOf: &Part{Of: cases}, Dashboard: Placement{Tile: 2, Trend: 2, Good: LowerIsGood}},
		Def{ID: "enforcement.overdue", Label: "超期办结处罚案件", Unit: "宗", Kind: "enforcement_case",
			Formula: "立案日期在统计期内、晚于立案后90日（部门另有规定的从其规定）作出决定的行政处罚案件数（行政处罚法第60条）",
			Date:    "filed_on", Filter: []store.Cond{eq("case_type", law.CasePenalty), {Field: "enforcement.decide", Op: store.OpLate}}, Agg: count,
			PartOf: &Part{Of: cases}, Dashboard: Placement{Tile: 3, Good: LowerIsGood}},
		Def{ID: "enforcement.too_few_officers", Label: "执法人员少于两人", Unit: "宗", Kind: "enforcement_case",
			Formula: "立案日期在统计期内、登记的执法人员少于两人的案件数（行政处罚法第42条）",
			Date:    "filed_on", Filter: []store.Cond{{Field: "warnings", Op: store.OpHas, Value: flagTooFew}}, Agg: count,
			PartOf: &Part{Of: cases}},
		Def{ID: "enforcement.uncertified", Label: "持证执法人员不足两人", Unit: "宗", Kind: "enforcement_case",
			Formula: "立案日期在统计期内、决定之日持有效执法证的执法人员少于两人的案件数（行政处罚法第42条；按执法证件事件核对）",
			Custom:  uncertifiedCases, DrillTo: "enforcement.cases", Dashboard: Placement{Tile: 4, Good: LowerIsGood}},
		Def{ID: "enforcement.major", Label: "法制审核案件", Unit: "宗", Kind: "enforcement_case",
			Formula: "立案日期在统计期内、属于行政处罚法第58条情形的案件数", Date: "filed_on", Filter: major, Agg: count,
			PartOf: &Part{Of: cases}},
		Def{ID: "enforcement.reviewed_first", Label: "决定前完成法制审核", Unit: "宗", Kind: "enforcement_case",
			Formula: "第58条情形的案件中，法制审核日期不晚于决定日期的案件数", Date: "filed_on",
			Filter: []store.Cond{eq("major", "是"), {Field: "warnings", Op: store.OpLacks, Value: flagUnreviewed}}, Agg: count,
			PartOf: &Part{Of: []string{"enforcement.major"}}},
		Def{ID: "enforcement.legal_review_rate", Label: "法制审核率", Unit: "%",
			Formula:   "第58条情形的案件中决定前完成法制审核的比例，1位小数",
			Numerator: "enforcement.reviewed_first", Denominator: "enforcement.major", Places: 1,
			Dashboard: Placement{Line: "enforcement_case", Tile: 5, Good: HigherIsGood}},
		Def{ID: "enforcement.amount", Label: "罚没金额", Unit: "元", Kind: "enforcement_case",
			Formula: "决定日期在统计期内的案件罚没金额合计", Date: "decided_on", Agg: store.Agg{Func: "sum", Field: "amount"},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 25, Text: "{year}年作出行政执法决定{enforcement.decided}宗，罚没金额{enforcement.amount}元；" +
				"第58条情形案件{enforcement.major}宗，决定前完成法制审核{enforcement.reviewed_first}宗，法制审核率{enforcement.legal_review_rate}；" +
				"登记执法人员少于两人的{enforcement.too_few_officers}宗，决定之日持证执法人员不足两人的{enforcement.uncertified}宗。"}},
	)
}

// The supervision profile of each enforcement unit (issue 12 item 5): its cases, late decisions
// and publications, cases without two certified officers, certificate coverage, training, review
// scores and open rectifications, this year beside last, and the units ranked on each.
func init() {
	declareProfile(Profile{Name: "enforcement", Label: "行政执法监督画像", OrgTypes: law.EnforcementOrgs,
		IDs: []string{"enforcement.cases", "enforcement.overdue", "enforcement.publicity_late", "enforcement.uncertified",
			"enforcement.legal_review_rate", "certification.holder_rate", "training.hours", "training.hours_per_officer",
			"supervision.case_file_score", "supervision.case_files_qualified_rate", "rectification.open"}})
}

// uncertifiedCases counts the decided cases filed in the period whose listed officers did not include
// two holding a valid certificate on the decision day (law.CertificateHolder, answered by the
// database: store.OpFewHolders), by unit.
func uncertifiedCases(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	for _, k := range []string{"certificate_event", "officer", "enforcement_case"} {
		if !sc.CanRead(k) {
			return Value{Unavailable: "无权查看该类数据"}, nil
		}
	}
	n, by, err := st.CountByOrg(ctx, sc, uncertifiedQuery(org, p))
	return Value{Value: n, By: by}, err
}

// uncertifiedQuery selects those cases: 第42条 asks for two officers holding a certificate.
func uncertifiedQuery(org string, p Period) store.Query {
	return store.Query{Kind: "enforcement_case", OrgCode: org, Conds: append(in("filed_on", p),
		store.Cond{Field: "decided_on", Op: store.OpNotEmpty},
		store.Cond{Field: "officers", Op: store.OpFewHolders, Value: "2", Values: []string{"decided_on"}})}
}

// countedByOrg is the figure counting the records list gives, by unit, for a reader of kinds.
func countedByOrg(list func(context.Context, *store.Store, store.Scope, string, Period) ([]store.Record, error), kinds ...string) func(context.Context, *store.Store, store.Scope, string, Period) (Value, error) {
	return func(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
		for _, k := range kinds {
			if !sc.CanRead(k) {
				return Value{Unavailable: "无权查看该类数据"}, nil
			}
		}
		recs, err := list(ctx, st, sc, org, p)
		if err != nil {
			return Value{}, err
		}
		by := map[string]float64{}
		for _, r := range recs {
			by[r.OrgName]++
		}
		return Value{Value: float64(len(recs)), By: by}, nil
	}
}

// UncertifiedCases lists those cases (the figure's records).
func UncertifiedCases(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) ([]store.Record, error) {
	return st.ListAll(ctx, sc, store.Filter{Query: uncertifiedQuery(org, p)})
}
