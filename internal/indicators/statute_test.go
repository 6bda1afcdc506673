package indicators_test

import (
	"context"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// The figures of issue 8, on both engines: 程序瑕疵 counted (行政复议法第31条第1款、第51条; law.md
// "Refuse or flag") and 超期申请 shown apart in 司法确认 (人民调解法第33条).
func TestStatuteFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		sys := store.System([]string{"reconsideration", "mediation"})
		if _, err := st.ImportOrgs(ctx, a, sys, []store.OrgInput{
			{Code: "C", Name: "市", Type: "县级市"},
			{Code: "J", Name: "司法局", Type: "司法局", ParentCode: "C"},
			{Code: "T1", Name: "一镇调委会", Type: "人民调解委员会", ParentCode: "C"},
		}); err != nil {
			t.Fatal(err)
		}
		app := func(code, received string, extra map[string]string) store.ImportRow {
			v := law.Values{"code": code, "org": "J", "received_on": received, "applicants": []string{"王五"}, "respondent": "某局"}
			for k, x := range extra {
				v[k] = x
			}
			return store.ImportRow{Line: 2, Values: v}
		}
		rows := []store.ImportRow{
			app("R1", "2025-07-31", map[string]string{"acceptance": "受理", "accepted_on": "2025-08-04", "hearing": "是",
				"hearing_on": "2025-10-17", "hearing_notice_on": "2025-10-13"}), // 第51条: late
			app("R2", "2025-09-26", map[string]string{"acceptance": "补正中", "supplement_requested_on": "2025-10-11", "supplement_items": "身份证明"}), // 第31条第1款: late
			app("R3", "2025-09-26", map[string]string{"acceptance": "补正中", "supplement_requested_on": "2025-10-10", "supplement_items": "身份证明"}), // in time
		}
		for i := range rows {
			rows[i].Line = i + 2
		}
		if _, bad, err := st.ImportRecords(ctx, a, sys, "reconsideration", rows, false); err != nil || len(bad) != 0 {
			t.Fatalf("import: %v %v", err, bad)
		}
		med := func(code, effective, applied string) store.ImportRow {
			return store.ImportRow{Values: law.Values{"code": code, "committee": "T1", "accepted_on": "2025-03-03", "dispute_type": "邻里",
				"result": "成功", "closed_on": "2025-03-10", "agreement_form": "书面", "agreement_effective_on": effective,
				"confirmation_applied": "是", "confirmation_applied_on": applied}}
		}
		mrows := []store.ImportRow{med("M1", "2025-03-10", "2025-04-09"), med("M2", "2025-03-10", "2025-04-10"), med("M3", "2025-03-10", "2025-05-20")}
		for i := range mrows {
			mrows[i].Line = i + 2
		}
		if _, bad, err := st.ImportRecords(ctx, a, sys, "mediation", mrows, false); err != nil || len(bad) != 0 {
			t.Fatalf("import: %v %v", err, bad)
		}
		res, err := indicators.ComputeIDs(ctx, st, sys, "C", "2025-01-01", "2025-12-31",
			[]string{"reconsideration.procedural_defects", "mediation.judicial_confirmations", "mediation.judicial_confirmations_late"})
		if err != nil {
			t.Fatal(err)
		}
		// 30 ND from 03-10 end on 04-09: M1 in time, M2 and M3 late.
		for id, want := range map[string]float64{"reconsideration.procedural_defects": 2, "mediation.judicial_confirmations": 3, "mediation.judicial_confirmations_late": 2} {
			if v, ok := res.Get(id); !ok || v.Value != want {
				t.Errorf("%s = %+v, want %v", id, v, want)
			}
		}
	})
}
