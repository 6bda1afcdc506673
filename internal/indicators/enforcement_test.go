package indicators_test

import (
	"context"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// The acceptance cases of issue 12 on both engines: a penalty decided on day 91 of 行政处罚法
// 第60条's 90 days, a decision published on the 8th working day (国办发〔2018〕118号: 7), and one
// decided by a single certified officer (第42条) each appear in their figure — and only there —
// and in its drill-down; a case whose second officer's certificate was suspended that day counts
// as uncertified (the join with certificate_event), an on-time case in none.
func TestEnforcementAcceptanceCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sc := store.SystemAll()
		rows := enforcementWorld(t, st, store.OrgInput{Code: "U", Name: "市自然资源局", Type: "行政执法单位", ParentCode: "C"})
		rows("officer",
			law.Values{"code": "A", "name": "甲", "org": "U"}, law.Values{"code": "B", "name": "乙", "org": "U"},
			law.Values{"code": "S", "name": "丙", "org": "U"})
		var events []law.Values
		for _, o := range []string{"A", "B", "S"} {
			events = append(events,
				law.Values{"code": o + "1", "officer": o, "org": "U", "event": "考试通过", "on": "2023-01-05"},
				law.Values{"code": o + "2", "officer": o, "org": "U", "event": "发证", "on": "2023-02-01", "cert_no": "粤" + o, "valid_until": "2028-01-31"})
		}
		events = append(events, law.Values{"code": "S3", "officer": "S", "org": "U", "event": "暂扣", "on": "2024-08-01"})
		rows("certificate_event", events...)

		cal := st.Calendar()
		eighth, err := cal.AddWorkdays(calendar.MustParseDate("2024-06-03"), 8)
		if err != nil {
			t.Fatal(err)
		}
		// 2024-03-01 + 90 ND is Thursday 2024-05-30, a working day: the 91st day is 05-31.
		penalty := func(code, filed, decided, published string, officers ...string) law.Values {
			return law.Values{"code": code, "unit": "U", "case_type": "行政处罚", "filed_on": filed, "decided_on": decided,
				"served_on": decided, "published_on": published, "officers": officers}
		}
		rows("enforcement_case",
			penalty("DAY91", "2024-03-01", "2024-05-31", "2024-05-31", "A", "B"),
			penalty("WD8", "2024-06-03", "2024-06-03", eighth.String(), "A", "B"),
			penalty("SINGLE", "2024-07-01", "2024-07-02", "2024-07-02", "A"),
			penalty("SUSPENDED", "2024-08-01", "2024-08-05", "2024-08-05", "A", "S"),
			penalty("ONTIME", "2024-03-01", "2024-05-30", "2024-06-03", "A", "B"))

		res, err := indicators.ComputeIDs(ctx, st, sc, "U", "2024-01-01", "2024-12-31", []string{"enforcement.cases",
			"enforcement.overdue", "enforcement.publicity_late", "enforcement.too_few_officers", "enforcement.uncertified"})
		if err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string]float64{"enforcement.cases": 5, "enforcement.overdue": 1, "enforcement.publicity_late": 1,
			"enforcement.too_few_officers": 1, "enforcement.uncertified": 2} {
			if v, _ := res.Get(id); v.Value != want || v.Unavailable != "" {
				t.Errorf("%s = %v %s, want %v", id, v.Value, v.Unavailable, want)
			}
		}
		for id, want := range map[string]string{"enforcement.overdue": "DAY91", "enforcement.publicity_late": "WD8", "enforcement.too_few_officers": "SINGLE"} {
			q, ok := indicators.Drill(id, "2024-01-01", "2024-12-31")
			if !ok {
				t.Fatalf("%s has no drill-down", id)
			}
			q.OrgCode = "U"
			recs, err := st.ListAll(ctx, sc, store.Filter{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 1 || recs[0].Code != want {
				t.Errorf("%s drills to %v, want %s", id, recs, want)
			}
		}
		unc, err := indicators.UncertifiedCases(ctx, st, sc, "U", indicators.Period{From: "2024-01-01", To: "2024-12-31"})
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, r := range unc {
			codes = append(codes, r.Code)
		}
		if len(codes) != 2 || codes[0] == codes[1] || (codes[0] != "SINGLE" && codes[0] != "SUSPENDED") || (codes[1] != "SINGLE" && codes[1] != "SUSPENDED") {
			t.Errorf("uncertified cases %v, want SINGLE and SUSPENDED", codes)
		}
		// The unit's supervision profile shows the same figures for 2024, none for 2023; the
		// ranking puts the unit first on each.
		prof, ok := indicators.ProfileOf("enforcement")
		if !ok {
			t.Fatal("no enforcement profile")
		}
		row, err := prof.Year(ctx, st, sc, "U", 2024)
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range prof.IDs {
			want, counted := map[string]float64{"enforcement.cases": 5, "enforcement.overdue": 1,
				"enforcement.publicity_late": 1, "enforcement.uncertified": 2}[id]
			if counted && (row.This[i].Value != want || row.Last[i].Value != 0) {
				t.Errorf("profile %s: 2024 %v, 2023 %v, want %v and 0", id, row.This[i].Value, row.Last[i].Value, want)
			}
		}
		ranked, err := prof.Rank(ctx, st, sc, 2024, "enforcement.publicity_late")
		if err != nil || len(ranked) != 1 || ranked[0].Org.Code != "U" {
			t.Fatalf("ranking: %v %v", ranked, err)
		}
	})
}

// enforcementWorld is a city C with the enforcement units given under it, and the import of
// ledger lines into it (failing the test on any refused line).
func enforcementWorld(t *testing.T, st *store.Store, units ...store.OrgInput) func(kind string, vs ...law.Values) {
	t.Helper()
	ctx, a, sc := context.Background(), store.Actor{Name: "test"}, store.SystemAll()
	if _, err := st.ImportOrgs(ctx, a, sc, append([]store.OrgInput{{Code: "C", Name: "市", Type: "县级市"}}, units...)); err != nil {
		t.Fatal(err)
	}
	return func(kind string, vs ...law.Values) {
		t.Helper()
		in := make([]store.ImportRow, len(vs))
		for i, v := range vs {
			in[i] = store.ImportRow{Line: i + 2, Values: v}
		}
		if _, bad, err := st.ImportRecords(ctx, a, sc, kind, in, false); err != nil {
			t.Fatalf("%s: %v %v", kind, err, bad)
		}
	}
}
