package indicators

import (
	"context"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// The 法制审核 of a penalty decision by a reviewer without the 法律职业资格 (行政处罚法第58条第2款,
// issue 12 item 3): the case ledger names the reviewer by 编号, the officer ledger says whether
// they hold the qualification, and the reviewer's earliest review on record tells whether they
// were a first-time reviewer under the 2021 law (law.ReviewerUnqualified). A past case is kept
// as it is and counted here, never refused.
func init() {
	define(Def{ID: "enforcement.reviewer_unqualified", Label: "法制审核人员无法律职业资格", Unit: "宗", Kind: "enforcement_case",
		Formula: "立案日期在统计期内、已作法制审核的行政处罚案件中，审核人员在行政执法人员台账中未取得法律职业资格、且其首次法制审核在2021年7月15日以后的案件数" +
			"（行政处罚法第58条第2款；审核人员不在台账中的不计入）",
		Custom: unqualifiedReviews, DrillTo: "enforcement.cases", Dashboard: Placement{Tile: 6, Good: LowerIsGood},
		Paragraph: &Paragraph{Section: SectionEnforcement, Order: 27,
			Text: "法制审核人员未取得法律职业资格的行政处罚案件{enforcement.reviewer_unqualified}宗。"}})
}

var unqualifiedReviews = countedByOrg(UnqualifiedReviews, "officer", "enforcement_case")

// UnqualifiedReviews lists those cases (the figure's records).
func UnqualifiedReviews(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) ([]store.Record, error) {
	reviewed := []store.Cond{eq("case_type", law.CasePenalty), {Field: "legal_reviewer", Op: store.OpNotEmpty},
		{Field: "legal_review_on", Op: store.OpNotEmpty}}
	cases, err := st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: "enforcement_case", OrgCode: org,
		Conds: append(in("filed_on", p), reviewed...)}})
	if err != nil {
		return nil, err
	}
	codes := make([]string, len(cases))
	for i, c := range cases {
		codes[i] = c.Values.Str("legal_reviewer")
	}
	reviewers, err := officersByCode(ctx, st, sc, codes)
	if err != nil {
		return nil, err
	}
	// Each reviewer's first review, over the whole scope and every year.
	all, err := recordsByRef(ctx, st, sc, "enforcement_case", "legal_reviewer", codes)
	if err != nil {
		return nil, err
	}
	first := map[string]string{}
	for code, rs := range all {
		for _, r := range rs {
			on := r.Values.Str("legal_review_on")
			if r.Values.Str("case_type") == law.CasePenalty && on != "" && (first[code] == "" || on < first[code]) {
				first[code] = on
			}
		}
	}
	var out []store.Record
	for _, c := range cases {
		code := c.Values.Str("legal_reviewer")
		if who, ok := reviewers[code]; ok && law.ReviewerUnqualified(who, first[code]) {
			out = append(out, c)
		}
	}
	return out, nil
}
