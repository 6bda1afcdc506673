package indicators_test

import (
	"context"
	"maps"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// 行政处罚法第58条第2款 on both engines: a penalty case reviewed by an officer without the
// 法律职业资格 is counted when the reviewer first reviewed after 2021-07-15; a qualified reviewer,
// one reviewing since before the law, a reviewer not in the officer ledger and a 行政许可 are not.
func TestUnqualifiedReviews(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx, sc := context.Background(), store.SystemAll()
		rows := enforcementWorld(t, st,
			store.OrgInput{Code: "U1", Name: "市自然资源局", Type: "行政执法单位", ParentCode: "C"},
			store.OrgInput{Code: "U2", Name: "市林业局", Type: "行政执法单位", ParentCode: "C"})
		rows("officer",
			law.Values{"code": "Q", "name": "甲", "org": "U1", "legal_qualification": "是"},
			law.Values{"code": "N", "name": "乙", "org": "U1", "legal_qualification": "否"},
			law.Values{"code": "OLD", "name": "丙", "org": "U2"})
		reviewed := func(code, unit, caseType, filed, reviewer string) law.Values {
			return law.Values{"code": code, "unit": unit, "case_type": caseType, "filed_on": filed, "officers": []string{"Q", "N"},
				"major": "是", "legal_review": "是", "legal_review_on": filed, "legal_reviewer": reviewer}
		}
		rows("enforcement_case",
			reviewed("ZF-1", "U1", law.CasePenalty, "2024-03-01", "Q"),
			reviewed("ZF-2", "U1", law.CasePenalty, "2024-03-04", "N"),   // counted
			reviewed("ZF-3", "U2", law.CasePenalty, "2024-04-01", "OLD"), // reviewing since 2020
			reviewed("ZF-0", "U2", law.CasePenalty, "2020-06-01", "OLD"),
			reviewed("ZF-4", "U2", law.CasePenalty, "2024-05-06", "X"), // not in the ledger
			reviewed("ZF-5", "U1", law.CasePermit, "2024-05-06", "N"))
		res, err := indicators.ComputeIDs(ctx, st, sc, "C", "2024-01-01", "2024-12-31", []string{"enforcement.reviewer_unqualified"})
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := res.Get("enforcement.reviewer_unqualified"); v.Value != 1 || !maps.Equal(v.By, map[string]float64{"市自然资源局": 1}) {
			t.Errorf("reviewer_unqualified = %v %v %s, want 1 at 市自然资源局", v.Value, v.By, v.Unavailable)
		}
		list, err := indicators.UnqualifiedReviews(ctx, st, sc, "C", indicators.Period{From: "2024-01-01", To: "2024-12-31"})
		if err != nil || len(list) != 1 || list[0].Values.Str("code") != "ZF-2" {
			t.Fatalf("unqualified reviews: %v %v", list, err)
		}
	})
}
