package indicators_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// enforcement.uncertified is answered in the database (store.OpFewHolders); the Go it replaced —
// each officer's events folded by law.CertificateHolder — is kept here and must name the same
// cases, on both engines, over random certificate histories: same-day events, 发证 before any
// 考试通过, 暂扣 and 恢复, 注销 and a later 换证, lapsed and empty 有效期至, officers who left,
// one 编号 kept by two units, officers listed twice or never recorded; for the root, a unit, and
// a user who sees one unit only (whose events kept by the other unit it cannot count).
func TestUncertifiedMatchesCertificateHolder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx, a := context.Background(), store.Actor{Name: "test"}
		sys := store.SystemAll()
		enforcementWorld(t, st, store.OrgInput{Code: "U1", Name: "甲局", Type: "行政执法单位", ParentCode: "C"},
			store.OrgInput{Code: "U2", Name: "乙局", Type: "行政执法单位", ParentCode: "C"})
		rng := rand.New(rand.NewPCG(15, 42))
		day := func() string { // a day of 2024, often one already used
			return fmt.Sprintf("2024-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(3)*9)
		}
		put := func(kind string, v law.Values) bool { // one row at a time: a row a check refuses is left out
			_, bad, err := st.ImportRecords(ctx, a, sys, kind, []store.ImportRow{{Line: 2, Values: v}}, false)
			return err == nil && len(bad) == 0
		}
		var codes []string
		for i := range 24 {
			code, unit := fmt.Sprintf("P%d", i), []string{"U1", "U2"}[i%2]
			codes = append(codes, code)
			o := law.Values{"code": code, "name": "人员" + code, "org": unit}
			if i%5 == 4 {
				o["service"], o["left_on"] = "调离", day()
			}
			// The same 编号 in the other unit, listed later: it left before 2024.
			if !put("officer", o) || i == 3 && !put("officer", law.Values{"code": code, "name": "同号", "org": "U1", "service": "退休", "left_on": "2023-12-01"}) {
				t.Fatalf("officer %s refused", code)
			}
			events := []string{law.EventIssued, law.EventReviewed, law.EventReviewed, law.EventRenewed, law.EventRenewed,
				law.EventSuspended, law.EventRestored, law.EventRestored, law.EventRevoked}
			for j := range 2 + rng.IntN(4) {
				e, on, until := events[rng.IntN(len(events))], day(), []string{"2026-01-01", "2026-01-01", day()}[rng.IntN(3)]
				if j < 2 && i%4 != 0 { // most pass and are issued a certificate in 2023, most good past 2024
					e, on = []string{law.EventPassed, law.EventIssued}[j], fmt.Sprintf("2023-0%d-10", 3+j)
					until = []string{"2026-01-01", "2026-01-01", "2024-06-01"}[rng.IntN(3)]
				}
				v := law.Values{"code": fmt.Sprintf("%s-%d", code, j), "officer": code, "org": []string{"U1", "U2"}[rng.IntN(2)],
					"event": e, "on": on}
				if e == law.EventIssued || e == law.EventRenewed {
					v["cert_no"] = "粤" + code
					if rng.IntN(8) > 0 {
						v["valid_until"] = until
					}
				}
				put("certificate_event", v)
			}
		}
		for i := range 160 {
			var named []string
			for range []int{0, 1, 2, 2, 2, 3, 3, 3, 3, 3}[rng.IntN(10)] {
				named = append(named, append(codes, "NONE")[rng.IntN(len(codes)+1)])
			}
			c := law.Values{"code": fmt.Sprintf("E%d", i), "unit": []string{"U1", "U2"}[i%2], "case_type": law.CasePenalty,
				"filed_on": fmt.Sprintf("2024-%02d-01", 1+i%12), "officers": named}
			if i%9 != 0 { // decided on the day of filing or later, some on an event's day
				c["decided_on"] = fmt.Sprintf("2024-%02d-%02d", 1+i%12, []int{1, 10, 19, 28}[rng.IntN(4)])
			}
			if !put("enforcement_case", c) {
				t.Fatalf("case %v refused", c)
			}
		}
		u1, err := st.Org(ctx, sys, "U1")
		if err != nil {
			t.Fatal(err)
		}
		oneUnit := store.ScopeOf(store.Grant{OrgPaths: []string{u1.Path}, Read: []string{"enforcement_case", "certificate_event", "officer"}})
		p := indicators.Period{From: "2024-01-01", To: "2024-12-31"}
		for round := range 3 {
			switch round {
			case 1:
				// The missing 考试通过 of two officers arrives in a later ledger: their 发证 are no
				// longer flagged, the spans they hold change, and the kept ones with them.
				for _, code := range []string{"P0", "P4"} {
					if !put("certificate_event", law.Values{"code": code + "-passed", "officer": code, "org": "U1",
						"event": law.EventPassed, "on": "2023-01-05"}) {
						t.Fatalf("考试通过 of %s refused", code)
					}
				}
			case 2:
				// The spans and flags kept write by write are those counted afresh from the ledgers.
				if err := st.RebuildTallies(ctx); err != nil {
					t.Fatal(err)
				}
			}
			checkUncertified(t, st, sys, oneUnit, p)
		}
	})
}

// checkUncertified compares the cases the database finds uncertified with law.CertificateHolder's,
// for a reader of the whole tree (the kept spans answer) and one of a unit (its own events folded).
func checkUncertified(t *testing.T, st *store.Store, sys, oneUnit store.Scope, p indicators.Period) {
	t.Helper()
	ctx := context.Background()
	for _, c := range []struct {
		name, org string
		sc        store.Scope
	}{{"root", "C", sys}, {"unit", "U2", sys}, {"one unit's user", "U1", oneUnit}} {
		want, err := uncertifiedByHolder(ctx, st, c.sc, c.org, p)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := indicators.UncertifiedCases(ctx, st, c.sc, c.org, p)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range recs {
			got = append(got, r.Code)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: the database names %v,\nlaw.CertificateHolder %v", c.name, got, want)
		}
		if c.name == "root" && (len(want) < 30 || len(want) > 110) {
			t.Errorf("root: %d of 160 cases uncertified: the histories do not exercise the rule", len(want))
		}
		// The 持证率 at the period's end and in its middle, the flagged events of the period and the
		// leavers whose certificate was not 注销: from the spans, flags and exits kept as from the
		// Go fold over the events.
		for _, end := range []string{p.To, "2024-06-10"} {
			ids := []string{"certification.holder_rate", "certification.flagged", "certification.not_revoked"}
			got, err := indicators.ComputeIDs(ctx, st, c.sc, c.org, p.From, end, ids)
			if err != nil {
				t.Fatal(err)
			}
			want, err := indicators.ComputeIDs(indicators.WithoutTallies(ctx), st, c.sc, c.org, p.From, end, ids)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				gv, _ := got.Get(id)
				wv, _ := want.Get(id)
				g, _ := json.Marshal(gv)
				w, _ := json.Marshal(wv)
				if string(g) != string(w) {
					t.Errorf("%s: %s to %s kept %s, from law %s", c.name, id, end, g, w)
				}
			}
			for _, id := range ids[1:] {
				if v, _ := want.Get(id); c.name == "root" && end == p.To && v.Value == 0 {
					t.Errorf("root: %s is 0: the histories do not exercise its rule", id)
				}
			}
		}
	}
}

// uncertifiedByHolder is the Go the database query replaced: the decided cases filed in the
// period with fewer than two officers holding a certificate on the decision day.
func uncertifiedByHolder(ctx context.Context, st *store.Store, sc store.Scope, org string, p indicators.Period) ([]string, error) {
	cases, err := st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: "enforcement_case", OrgCode: org, Conds: []store.Cond{
		{Field: "filed_on", Op: store.OpGE, Value: p.From}, {Field: "filed_on", Op: store.OpLE, Value: p.To},
		{Field: "decided_on", Op: store.OpNotEmpty}}}})
	if err != nil {
		return nil, err
	}
	events, err := st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: "certificate_event"}})
	if err != nil {
		return nil, err
	}
	officers, err := st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: "officer"}})
	if err != nil {
		return nil, err
	}
	byOfficer, left := map[string][]law.Values{}, map[string]string{}
	for _, e := range events {
		byOfficer[e.Values.Str("officer")] = append(byOfficer[e.Values.Str("officer")], e.Values)
	}
	for _, o := range officers { // of two sharing a 编号, the later listed
		left[o.Code] = o.Values.Str("left_on")
	}
	var out []string
	for _, c := range cases {
		ids, _ := c.Values["officers"].([]string)
		holders := 0
		for _, id := range ids {
			if law.CertificateHolder(byOfficer[id], left[id], c.Values.Str("decided_on")) {
				holders++
			}
		}
		if holders < 2 {
			out = append(out, c.Code)
		}
	}
	slices.Sort(out)
	return out, nil
}
