package indicators

import (
	"context"
	"slices"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 行政执法监督 (indicators.md rectification.*, supervision.*, training.*, certification.*): the
// problems found and rectified, inspections and case-file reviews, training and certificates.
func init() {
	count := store.Agg{Func: "count"}
	found := []string{"rectification.found"}
	define(
		Def{ID: "rectification.found", Label: "发现整改问题", Unit: "件", Kind: "rectification",
			Formula: "发现日期在统计期内的整改问题数（按来源）", Date: "found_on", Agg: store.Agg{Func: "count", By: "source"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true}},
		Def{ID: "rectification.public_issues", Label: "群众急难愁盼问题", Unit: "件", Kind: "rectification",
			Formula: "来源为专项整治-群众急难愁盼、发现日期在统计期内的问题数",
			Date:    "found_on", Filter: []store.Cond{eq("source", "专项整治-群众急难愁盼")}, Agg: count, PartOf: &Part{Of: found},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 10, Text: "深化行政执法突出问题专项整治。累计梳理群众急难愁盼问题{rectification.public_issues}件、" +
				"职能部门问题{rectification.department_issues}件，整改完成率{rectification.completion_rate}。"}},
		Def{ID: "rectification.department_issues", Label: "职能部门问题", Unit: "件", Kind: "rectification",
			Formula: "来源为专项整治-职能部门、发现日期在统计期内的问题数",
			Date:    "found_on", Filter: []store.Cond{eq("source", "专项整治-职能部门")}, Agg: count,
			PartOf: &Part{Of: found, Beside: []string{"rectification.public_issues"}}},
		Def{ID: "rectification.completed", Label: "已完成整改", Unit: "件", Kind: "rectification",
			Formula: "发现日期在统计期内、整改完成日期不晚于期末的问题数",
			Date:    "found_on", Filter: []store.Cond{{Field: "done_on", Op: store.OpLE, Value: PeriodEnd}}, Agg: count,
			PartOf: &Part{Of: found}, Dashboard: Placement{Tile: 2}},
		Def{ID: "rectification.completion_rate", Label: "整改完成率", Unit: "%",
			Formula:   "统计期内发现的问题中，期末前完成整改的比例，1位小数",
			Numerator: "rectification.completed", Denominator: "rectification.found", Places: 1,
			Dashboard: Placement{Line: "rectification", Tile: 3, Good: HigherIsGood}},
		Def{ID: "rectification.overdue", Label: "超期整改", Unit: "件", Kind: "rectification",
			Formula: "发现日期在统计期内、整改完成日期晚于整改期限的问题数",
			Date:    "found_on", Filter: []store.Cond{{Field: "rectification.due", Op: store.OpLate}}, Agg: count,
			PartOf: &Part{Of: found}, Dashboard: Placement{Tile: 4, Good: LowerIsGood},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 12, Text: "{year}年共登记整改问题{rectification.found}件，" +
				"已完成整改{rectification.completed}件，超过整改期限完成{rectification.overdue}件。"}},

		Def{ID: "rectification.report_issues", Label: "上年度报告问题", Unit: "项", Kind: "rectification",
			Formula: "来源为上年度报告问题、发现日期在统计期内的问题数（法治政府建设年度报告第四部分）",
			Date:    "found_on", Filter: []store.Cond{eq("source", law.SourceLastReport)}, Agg: count,
			PartOf: &Part{Of: found},
			Paragraph: &Paragraph{Section: SectionImprovements, Order: 10, Text: "对{prev_year}年度法治政府建设年度报告所列问题" +
				"{rectification.report_issues}项逐项制定整改措施，截至{year}年底已完成整改{rectification.report_issues_done}项。"}},
		Def{ID: "rectification.report_issues_done", Label: "上年度报告问题已整改", Unit: "项", Kind: "rectification",
			Formula: "来源为上年度报告问题、发现日期在统计期内、整改完成日期不晚于期末的问题数",
			Date:    "found_on", Filter: []store.Cond{eq("source", law.SourceLastReport), {Field: "done_on", Op: store.OpLE, Value: PeriodEnd}},
			Agg: count, PartOf: &Part{Of: []string{"rectification.report_issues"}}},
		Def{ID: "rectification.open", Label: "未完成整改", Unit: "件", Kind: "rectification",
			Formula: "期末前发现、期末尚未完成整改的问题数（存量）", At: Stock("found_on", "done_on"), Agg: count,
			Dashboard: Placement{Tile: 5, Good: LowerIsGood},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 13, Text: "截至{year}年底尚未完成整改的问题{rectification.open}件。"}},

		Def{ID: "supervision.inspections", Label: "执法监督检查", Unit: "次", Kind: "inspection",
			Formula: "检查日期在统计期内的执法监督检查次数（按检查形式）", Date: "inspected_on", Agg: store.Agg{Func: "count", By: "form"},
			Dashboard: Placement{Tile: 2, Trend: 1, Breakdown: true}},
		Def{ID: "supervision.units_inspected", Label: "执法监督检查单位", Unit: "个", Kind: "inspection",
			Formula: "检查日期在统计期内的执法监督检查涉及的不同被检查单位数", Date: "inspected_on",
			Agg: store.Agg{Func: "distinct", Field: "unit"}, DrillTo: "supervision.inspections",
			Dashboard: Placement{Tile: 1},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 30, Text: "加强行政执法监督。联合开展行政执法监督检查{supervision.inspections}次，检查行政执法单位{supervision.units_inspected}个，" +
				"评查行政处罚案卷{supervision.case_files_reviewed}份，合格{supervision.case_files_qualified}份，案卷合格率{supervision.case_files_qualified_rate}。"}},
		Def{ID: "supervision.case_files_reviewed", Label: "评查案卷", Unit: "份", Kind: "case_file_review",
			Formula: "评查日期在统计期内的案卷数（按等次）", Date: "reviewed_on", Agg: store.Agg{Func: "count", By: "grade"},
			Dashboard: Placement{Tile: 1, Trend: 1, Breakdown: true}},
		Def{ID: "supervision.case_file_score", Label: "案卷平均得分", Unit: "分",
			Formula: "评查日期在统计期内、填写了得分的案卷得分的平均数，1位小数（没有得分时不计算）", Custom: averageScore,
			Dashboard: Placement{Line: "case_file_review", Tile: 3, Good: HigherIsGood},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 31, Text: "评查案卷平均得分{supervision.case_file_score}分。"}},
		Def{ID: "supervision.case_files_qualified", Label: "合格案卷", Unit: "份", Kind: "case_file_review",
			Formula: "评查日期在统计期内、等次为优秀或合格的案卷数", Date: "reviewed_on",
			Filter: []store.Cond{{Field: "grade", Op: store.OpIn, Values: []string{"优秀", "合格"}}}, Agg: count,
			PartOf: &Part{Of: []string{"supervision.case_files_reviewed"}}},
		Def{ID: "supervision.case_files_qualified_rate", Label: "案卷合格率", Unit: "%",
			Formula:   "等次为优秀或合格的案卷 ÷ 评查案卷，1位小数",
			Numerator: "supervision.case_files_qualified", Denominator: "supervision.case_files_reviewed", Places: 1,
			Dashboard: Placement{Line: "case_file_review", Tile: 2, Good: HigherIsGood}},

		Def{ID: "training.units", Label: "专题培训参训执法单位", Unit: "个", Kind: "training",
			Formula: "专题培训班为是、开始日期在统计期内的培训登记中不同所属单位数", Date: "started_on",
			Filter: []store.Cond{eq("special", "是")}, Agg: store.Agg{Func: "distinct", Field: "org"},
			PartOf: &Part{Of: []string{"training.officers"}, Loose: true}, Dashboard: Placement{Tile: 1},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 40, Text: "加强执法队伍建设。建立健全行政执法标准化、制度化培训机制，组织{training.units}个行政执法单位" +
				"{training.officers}名行政执法人员参加执法能力专题培训。"}},
		Def{ID: "training.officers", Label: "专题培训参训执法人员", Unit: "名", Kind: "training",
			Formula: "专题培训班为是、开始日期在统计期内的培训登记中不同人员数", Date: "started_on",
			Filter: []store.Cond{eq("special", "是")}, Agg: store.Agg{Func: "distinct", Field: "person"},
			Dashboard: Placement{Tile: 2}},
		Def{ID: "training.hours", Label: "培训学时", Unit: "学时", Kind: "training",
			Formula: "开始日期在统计期内的培训登记的学时合计（按所属单位）", Date: "started_on",
			Agg: store.Agg{Func: "sum", Field: "hours", By: "org"}, Dashboard: Placement{Tile: 3, Trend: 1, Breakdown: true}},
		Def{ID: "training.hours_per_officer", Label: "执法人员人均学时", Unit: "学时",
			Formula: "统计期内全部培训的学时合计 ÷ 期末在职的行政执法人员数，1位小数",
			Custom:  hoursPerOfficer, Dashboard: Placement{Line: "training", Tile: 4, Good: HigherIsGood},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 45, Text: "全年行政执法人员参加培训{training.hours}学时，人均{training.hours_per_officer}学时。"}},

		Def{ID: "certification.qualified", Label: "获得执法证申领资格", Unit: "名", Kind: "certificate_event",
			Formula: "事件为考试通过、日期在统计期内的记录数", Date: "on", Filter: []store.Cond{eq("event", law.EventPassed)}, Agg: count,
			Dashboard: Placement{Tile: 1, Trend: 1},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 50, Text: "严格落实行政执法人员资格管理和持证上岗制度，{year}年{certification.qualified}名行政执法人员获得行政执法证申领资格，" +
				"累计办理执法证{certification.issued}张；期末持证率{certification.holder_rate}，半年内到期的执法证{certification.expiring}张，将督促及时换证。"}},
		Def{ID: "certification.issued", Label: "办理执法证", Unit: "张", Kind: "certificate_event",
			Formula: "事件为发证或换证、日期在统计期内的记录数", Date: "on",
			Filter: []store.Cond{{Field: "event", Op: store.OpIn, Values: []string{law.EventIssued, law.EventRenewed}}},
			Agg:    store.Agg{Func: "count", By: "event"}, Dashboard: Placement{Tile: 2, Trend: 2, Breakdown: true}},
		Def{ID: "certification.expiring", Label: "半年内到期执法证", Unit: "张", Kind: "certificate_event",
			Formula: "期末有效、有效期至在期末后183日内且尚未换证或注销的执法证数（存量）",
			Custom:  expiringCertificates, Dashboard: Placement{Tile: 3, Good: LowerIsGood}},
		Def{ID: "certification.holder_rate", Label: "执法人员持证率", Unit: "%",
			Formula: "期末在职的行政执法人员中持有效执法证的比例，1位小数；分组列出各单位未持证人数",
			Custom:  holderRate, Dashboard: Placement{Line: "certificate_event", Tile: 4, Good: HigherIsGood}},
	)
}

// hoursPerOfficer divides the period's training hours by the officers serving at its end.
func hoursPerOfficer(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	if !sc.CanRead("officer") || !sc.CanRead("training") {
		return Value{Unavailable: "无权查看该类数据"}, nil
	}
	hours, _, err := st.Aggregate(ctx, sc, store.Query{Kind: "training", OrgCode: org, Conds: in("started_on", p)}, store.Agg{Func: "sum", Field: "hours"})
	if err != nil {
		return Value{}, err
	}
	officers, _, err := st.Aggregate(ctx, sc, servingQuery(org, p.To), store.Agg{Func: "count"})
	if err != nil {
		return Value{}, err
	}
	return mean(hours, officers, "期末没有在职的行政执法人员"), nil
}

// mean is sum ÷ n to one decimal, both shown; none says why there is no figure when n is 0.
func mean(sum, n float64, none string) Value {
	v := Value{Numerator: &sum, Denominator: &n}
	if n == 0 {
		v.Unavailable = none
		return v
	}
	v.Value = RoundHalfUp(sum/n, 1)
	return v
}

// serving lists the officers of org's subtree in service on day (在职, or left after it): the
// store selects them (退出日期 empty or after the day), not a read of every officer filtered here.
func serving(ctx context.Context, st *store.Store, sc store.Scope, org, day string) ([]store.Record, error) {
	return st.ListAll(ctx, sc, store.Filter{Query: servingQuery(org, day)})
}

func servingQuery(org, day string) store.Query {
	return store.Query{Kind: "officer", OrgCode: org, Conds: []store.Cond{{Field: "left_on", Op: store.OpEmptyOrGT, Value: day}}}
}

// holderRate: the officers serving at the period's end who hold a valid certificate then.
func holderRate(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	if !sc.CanRead("certificate_event") || !sc.CanRead("officer") {
		return Value{Unavailable: "无权查看该类数据"}, nil
	}
	if ctx.Value(noTallies{}) == nil {
		// For a reader of the whole tree, the kept spans answer in the database (store/holder_spans.go).
		holders, total, without, ok, err := st.CountHolders(ctx, sc, servingQuery(org, p.To), p.To)
		if err != nil || ok {
			gaps := map[string]float64{}
			for name, n := range without {
				gaps[name+"（未持证）"] = n
			}
			return coverage(holders, total, gaps), err
		}
	}
	officers, err := serving(ctx, st, sc, org, p.To)
	if err != nil {
		return Value{}, err
	}
	events, err := certificateEvents(ctx, st, sc, codesOf(officers))
	if err != nil {
		return Value{}, err
	}
	var holders float64
	gaps := map[string]float64{}
	for _, o := range officers {
		if law.CertificateHolder(events[o.Values.Str("code")], o.Values.Str("left_on"), p.To) {
			holders++
		} else {
			gaps[o.OrgName+"（未持证）"]++
		}
	}
	return coverage(holders, float64(len(officers)), gaps), nil
}

// expiringCertificates counts the certificates in force at the period's end that run out within
// the renewal lead after it and have not been replaced or surrendered by then (a stock).
func expiringCertificates(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	base := []store.Cond{
		{Field: "event", Op: store.OpIn, Values: []string{law.EventIssued, law.EventRenewed}},
		{Field: "on", Op: store.OpLE, Value: p.To},
		{Field: "valid_until", Op: store.OpGE, Value: p.To},
		{Field: "valid_until", Op: store.OpLE, Value: law.AddDays(p.To, law.RenewalLeadDays)},
	}
	var total float64
	for _, open := range []store.Cond{{Field: "replaced_on", Op: store.OpEmpty}, {Field: "replaced_on", Op: store.OpGT, Value: p.To}} {
		n, _, err := st.Aggregate(ctx, sc, store.Query{Kind: "certificate_event", OrgCode: org, Conds: append(slices.Clone(base), open)}, store.Agg{Func: "count"})
		if err != nil {
			return Value{}, err
		}
		total += n
	}
	return Value{Value: total}, nil
}

// averageScore is the mean 得分 of the case files reviewed in the period.
func averageScore(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	if !sc.CanRead("case_file_review") {
		return Value{Unavailable: "无权查看该类数据"}, nil
	}
	q := store.Query{Kind: "case_file_review", OrgCode: org, Conds: append(in("reviewed_on", p), store.Cond{Field: "score", Op: store.OpNotEmpty})}
	sum, _, err := st.Aggregate(ctx, sc, q, store.Agg{Func: "sum", Field: "score"})
	if err != nil {
		return Value{}, err
	}
	n, _, err := st.Aggregate(ctx, sc, q, store.Agg{Func: "count"})
	if err != nil {
		return Value{}, err
	}
	return mean(sum, n, "统计期内没有填写得分的评查案卷"), nil
}
