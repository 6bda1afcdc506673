package store_test

import (
	"context"
	"fmt"
	"github.com/fazhi/fazhi/internal/calendar"
	"reflect"
	"sync"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// tallyTestMeasures count mediations four ways: by 受理日期 broken down by 纠纷类型, the
// successful ones by 结案日期, two types by 受理日期, and those whose 调解期限 clock stopped late.
var tallyTestMeasures = []store.TallyMeasure{
	{ID: "t.late", Kind: "mediation", Date: "accepted_on", Conds: []store.Cond{{Field: "mediation.settle", Op: store.OpLate}}},
	{ID: "t.cases", Kind: "mediation", Date: "accepted_on", By: "dispute_type"},
	{ID: "t.successful", Kind: "mediation", Date: "closed_on", Conds: []store.Cond{{Field: "result", Op: store.OpEq, Value: "成功"}}},
	{ID: "t.family", Kind: "mediation", Date: "accepted_on", Conds: []store.Cond{{Field: "dispute_type", Op: store.OpIn, Values: []string{"婚姻家庭", "合同"}}}},
}

// checkTallies compares every measure's tallies with the live count of the same records, for
// every org of the tree and a year and a month: equal at the top three levels, refused below.
func checkTallies(t *testing.T, s *store.Store, step string) {
	t.Helper()
	ctx := context.Background()
	for _, org := range []string{"441481", "441481100", "441481100201", "441481100201-T", "441481101", "441481101201-T"} {
		for _, months := range [][2]string{{"2024-01", "2024-12"}, {"2024-02", "2024-02"}, {"2023-01", "2025-12"}, {"2026-12", "2026-12"}} {
			totals, by, ok, err := s.TallyCounts(ctx, all(), org, tallyTestMeasures, months[0], months[1])
			if err != nil {
				t.Fatal(err)
			}
			if org == "441481100201-T" { // the fourth level keeps no tallies
				if ok {
					t.Errorf("%s: the tallies answered for %s, below their levels", step, org)
				}
				continue
			}
			if !ok {
				t.Fatalf("%s: the tallies did not answer for %s", step, org)
			}
			for i, m := range tallyTestMeasures {
				conds := append([]store.Cond{{Field: m.Date, Op: store.OpGE, Value: months[0] + "-01"},
					{Field: m.Date, Op: store.OpLE, Value: months[1] + "-31"}}, m.Conds...)
				want, wantBy, err := s.Aggregate(ctx, all(), store.Query{Kind: m.Kind, OrgCode: org, Conds: conds}, store.Agg{Func: "count", By: m.By})
				if err != nil {
					t.Fatal(err)
				}
				if totals[i] != want || (m.By != "" && !reflect.DeepEqual(by[i], nonZero(wantBy))) {
					t.Errorf("%s: %s at %s %v: tallies %v %v, records %v %v", step, m.ID, org, months, totals[i], by[i], want, wantBy)
				}
			}
		}
	}
}

func nonZero(m map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

// tallyRows is the whole tallies table, zero rows left out.
func tallyRows(t *testing.T, s *store.Store) []string {
	t.Helper()
	var out []string
	for _, m := range tallyTestMeasures {
		for _, org := range []string{"441481", "441481100", "441481100201", "441481101"} {
			_, by, ok, err := s.TallyCounts(context.Background(), all(), org, []store.TallyMeasure{m}, "0000-01", "9999-12")
			if err != nil || !ok {
				t.Fatalf("%s at %s: %v %v", m.ID, org, ok, err)
			}
			out = append(out, fmt.Sprint(m.ID, org, by))
		}
	}
	return out
}

// TestTalliesEqualLiveCounts: after each kind of write — a create, a group commit with a refused
// write among its creates, an import (new rows in a batch, an existing one updated), an edit that
// moves a record's month and type, a transition, an org moved to another town — every tally
// equals the live count of its records, and counting them afresh gives the same table.
func TestTalliesEqualLiveCounts(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		first, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("K-0", "441481100201-T", "2024-02-03"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UseTallies(ctx, tallyTestMeasures); err != nil {
			t.Fatal(err)
		}
		checkTallies(t, s, "counted afresh")

		var wg sync.WaitGroup
		for i := range 12 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v := mediation(fmt.Sprintf("K-%d", 1+i), []string{"441481100201-T", "441481101201-T"}[i%2], fmt.Sprintf("2024-%02d-1%d", 1+i%12, i%10))
				v["dispute_type"] = []string{"邻里", "婚姻家庭", "合同"}[i%3]
				if i == 4 {
					v["code"] = "K-0" // a duplicate 编号: refused, its savepoint rolled back alone
				}
				_, err := s.CreateRecord(ctx, admin, all(), "mediation", v)
				if (err != nil) != (i == 4) {
					t.Errorf("create %d: %v", i, err)
				}
			}()
		}
		wg.Wait()
		checkTallies(t, s, "group commit")

		rows := []store.ImportRow{{Line: 2, Values: mediation("K-0", "441481100201-T", "2024-03-03")}}
		for i := range 5 {
			v := mediation(fmt.Sprintf("I-%d", i), "441481101201-T", fmt.Sprintf("2024-0%d-2%d", 4+i%3, i))
			v["dispute_type"] = "合同"
			rows = append(rows, store.ImportRow{Line: 3 + i, Values: v})
		}
		if _, bad, err := s.ImportRecords(ctx, admin, all(), "mediation", rows, false); err != nil || len(bad) != 0 {
			t.Fatalf("import: %v %v", bad, err)
		}
		checkTallies(t, s, "import")

		r, err := s.Record(ctx, all(), first.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := r.Values.Clone()
		v["accepted_on"], v["dispute_type"] = "2024-07-09", "婚姻家庭"
		if r, err = s.UpdateRecord(ctx, admin, all(), r.ID, r.Version, v); err != nil {
			t.Fatal(err)
		}
		checkTallies(t, s, "edit")
		if _, err := s.Transition(ctx, admin, all(), r.ID, r.Version, "succeed", law.Values{"closed_on": "2024-08-01", "agreement_form": "书面"}); err != nil {
			t.Fatal(err)
		}
		checkTallies(t, s, "transition")

		town, err := s.Org(ctx, all(), "441481100201")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveOrg(ctx, admin, all(), store.OrgInput{Code: town.Code, Name: town.Name, Type: town.Type, ParentCode: "441481101"}, town.Version); err != nil {
			t.Fatal(err)
		}
		checkTallies(t, s, "org moved")

		// Accepted 2026-12-10, settled 2027-01-12: a day past its 30 days (Monday 01-11, the
		// first working day after Saturday 01-09), late; a holiday declared on 01-11 moves the
		// due day to 01-12, and the kept count of late clocks moves with it.
		late, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("L-1", "441481101201-T", "2026-12-10"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Transition(ctx, admin, all(), late.ID, late.Version, "succeed", law.Values{"closed_on": "2027-01-12", "agreement_form": "书面"}); err != nil {
			t.Fatal(err)
		}
		lateIn := func() float64 {
			t.Helper()
			n, _, ok, err := s.TallyCounts(ctx, all(), "441481", tallyTestMeasures[:1], "2026-12", "2026-12")
			if err != nil || !ok {
				t.Fatalf("late tallies: %v %v", ok, err)
			}
			return n[0]
		}
		checkTallies(t, s, "settled late")
		if n := lateIn(); n != 1 {
			t.Errorf("late clocks of 2026-12: %v, want 1", n)
		}
		holiday, _ := calendar.ParseDays("2027-01-11 放假 测试假日\n")
		if _, err := s.SaveCalendarDays(ctx, admin, all(), holiday); err != nil {
			t.Fatal(err)
		}
		checkTallies(t, s, "calendar changed")
		if n := lateIn(); n != 0 {
			t.Errorf("late clocks of 2026-12 after the holiday: %v, want 0", n)
		}

		kept := tallyRows(t, s)
		if err := s.RebuildTallies(ctx); err != nil {
			t.Fatal(err)
		}
		if again := tallyRows(t, s); !reflect.DeepEqual(kept, again) {
			t.Errorf("kept tallies %v, counted afresh %v", kept, again)
		}

		// A measure asked for as it is not kept is not answered from the tallies.
		changed := tallyTestMeasures[1]
		changed.Conds = []store.Cond{{Field: "result", Op: store.OpEq, Value: "不成功"}}
		if _, _, ok, _ := s.TallyCounts(ctx, all(), "441481", []store.TallyMeasure{changed}, "2024-01", "2024-12"); ok {
			t.Error("a measure kept otherwise was answered from the tallies")
		}
		if _, err := s.UseTallies(ctx, []store.TallyMeasure{{ID: "t.orgtype", Kind: "mediation", Date: "accepted_on",
			Conds: []store.Cond{{Field: "org", Op: store.OpOrgType, Values: []string{"村"}}}}}); err == nil {
			t.Error("a measure on the org's type was kept")
		}
	})
}
