package store_test

import (
	"context"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

func each(t *testing.T, fn func(t *testing.T, s *store.Store)) { storetest.Each(t, fn) }

var admin = store.Actor{Name: "test"}

func all() store.Scope {
	return store.SystemAll()
}

func seedOrgs(t *testing.T, s *store.Store) {
	t.Helper()
	_, err := s.ImportOrgs(context.Background(), admin, all(), []store.OrgInput{
		{Code: "441481100201-T", Name: "甲村人民调解委员会", Type: "人民调解委员会", ParentCode: "441481100201"},
		{Code: "441481", Name: "兴宁市", Type: "县级市"},
		{Code: "441481100", Name: "甲镇", Type: "镇", ParentCode: "441481"},
		{Code: "441481100201", Name: "甲村", Type: "村", ParentCode: "441481100"},
		{Code: "441481101", Name: "乙镇", Type: "镇", ParentCode: "441481"},
		{Code: "441481101201-T", Name: "乙村人民调解委员会", Type: "人民调解委员会", ParentCode: "441481101"},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mediation(code, committee, accepted string) law.Values {
	return law.Values{"code": code, "committee": committee, "accepted_on": accepted, "dispute_type": "邻里",
		"parties": []string{"张三", "李四"}, "party_phone": "13812345678"}
}

func TestRecordLifecycle(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		r, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("T-1", "441481100201-T", "2024-03-05"))
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != "调解中" || r.Values.Str("party_phone") != "13812345678" {
			t.Fatalf("created %+v", r)
		}
		r, err = s.Transition(ctx, admin, all(), r.ID, r.Version, "succeed",
			law.Values{"closed_on": "2024-03-20", "agreement_form": "书面"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != "成功" {
			t.Fatalf("status %s", r.Status)
		}
		// A stale version is refused, not overwritten.
		if _, err := s.UpdateRecord(ctx, admin, all(), r.ID, r.Version-1, r.Values); store.ErrorCode(err) != store.ECONFLICT {
			t.Fatalf("stale update: %v", err)
		}
		clocks, err := s.Clocks(ctx, all(), store.ClockFilter{RecordID: r.ID})
		if err != nil {
			t.Fatal(err)
		}
		var due string
		for _, c := range clocks {
			if c.Rule == "mediation.judicial_confirmation" {
				due = c.Due
			}
		}
		if due != "2024-04-19" { // 2024-03-20 + 30 ND = 2024-04-19 (a Friday)
			t.Fatalf("judicial confirmation due %q in %+v", due, clocks)
		}
		n, by, err := s.Aggregate(ctx, all(), store.Query{Kind: "mediation", Conds: []store.Cond{
			{Field: "accepted_on", Op: store.OpGE, Value: "2024-01-01"}, {Field: "parties", Op: store.OpHas, Value: "李四"}}},
			store.Agg{Func: "count", By: "dispute_type"})
		if err != nil || n != 1 || by["邻里"] != 1 {
			t.Fatalf("aggregate %v %v %v", n, by, err)
		}
		d, _, err := s.Aggregate(ctx, all(), store.Query{Kind: "mediation"}, store.Agg{Func: "distinct", Field: "parties"})
		if err != nil || d != 2 {
			t.Fatalf("distinct parties %v %v", d, err)
		}
		if n, err := s.VerifyAudit(ctx); err != nil || n < 8 {
			t.Fatalf("verify %d %v", n, err)
		}
	})
}

func TestScopeHidesOtherSubtrees(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		a, _ := s.CreateRecord(ctx, admin, all(), "mediation", mediation("A", "441481100201-T", "2024-03-05"))
		s.CreateRecord(ctx, admin, all(), "mediation", mediation("B", "441481101201-T", "2024-03-06"))
		town, _ := s.Org(ctx, all(), "441481101")
		sc := store.ScopeOf(store.Grant{OrgPaths: []string{town.Path}, Read: []string{"mediation"}})
		recs, total, err := s.List(ctx, sc, store.Filter{Query: store.Query{Kind: "mediation"}})
		if err != nil || total != 1 || recs[0].Code != "B" {
			t.Fatalf("list %v %d %v", recs, total, err)
		}
		if _, err := s.Record(ctx, sc, a.ID); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("read outside scope: %v", err)
		}
		if got := recs[0].Values.Str("party_phone"); got != "138****5678" {
			t.Fatalf("phone not masked: %q", got)
		}
		if _, _, err := s.List(ctx, store.Scope{}, store.Filter{Query: store.Query{Kind: "mediation"}}); store.ErrorCode(err) != store.EFORBIDDEN {
			t.Fatalf("zero scope: %v", err)
		}
	})
}
