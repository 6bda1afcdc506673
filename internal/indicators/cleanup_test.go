package indicators_test

import (
	"context"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// A cleanup campaign over the documents in force: each gets its conclusion through the
// document's own 清理 step (naming the campaign), the statuses change with them, and
// normative.in_force and normative.cleaned follow, on both engines.
func TestCleanupCampaignMovesTheStock(t *testing.T) {
	ctx := context.Background()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a, sys := store.Actor{Name: "test"}, store.SystemAll()
		if _, err := st.ImportOrgs(ctx, a, sys, []store.OrgInput{{Code: "C", Name: "市", Type: "县级市"}}); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for i, issuer := range []string{"市政府", "市政府", "政府部门"} {
			r, err := st.CreateRecord(ctx, a, sys, "normative_doc", law.Values{"code": "规" + string(rune('1'+i)), "org": "C",
				"title": "某办法", "issuer": "某机关", "issuer_type": issuer, "status": "有效", "published_on": "2022-05-10",
				"valid_until": "2027-05-09"})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r.ID)
		}
		if _, err := st.CreateRecord(ctx, a, sys, "normative_cleanup", law.Values{"code": "QL-1", "org": "C", "name": "集中清理",
			"started_on": "2024-09-02"}); err != nil {
			t.Fatal(err)
		}
		figures := func() (inForce, cleaned indicators.Value) {
			t.Helper()
			res, err := indicators.ComputeIDs(ctx, st, sys, "C", "2024-01-01", "2024-12-31", []string{"normative.in_force", "normative.cleaned"})
			if err != nil {
				t.Fatal(err)
			}
			inForce, _ = res.Get("normative.in_force")
			cleaned, _ = res.Get("normative.cleaned")
			return
		}
		if f, c := figures(); f.Value != 3 || c.Value != 0 {
			t.Fatalf("before the campaign: in force %v, cleaned %v", f.Value, c.Value)
		}
		for i, step := range []string{"keep", "repeal", "declare_void"} {
			r, err := st.Record(ctx, sys, ids[i])
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Transition(ctx, a, sys, r.ID, r.Version, step, law.Values{"cleanup_on": "2024-11-15",
				"cleanup_reason": "经评估", "cleanup_campaign": "QL-1"}); err != nil {
				t.Fatalf("%s: %v", step, err)
			}
		}
		f, c := figures()
		if f.Value != 1 || f.By["市政府"] != 1 || c.Value != 3 || c.By["废止"] != 1 || c.By["宣布失效"] != 1 || c.By["继续有效"] != 1 {
			t.Errorf("after the campaign: in force %v %v, cleaned %v %v", f.Value, f.By, c.Value, c.By)
		}
		if r, _ := st.Record(ctx, sys, ids[1]); r.Status != "已废止" {
			t.Errorf("the repealed document is %s", r.Status)
		}
	})
}
