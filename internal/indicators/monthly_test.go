package indicators_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// A trend's bar is the month's figure: MonthlyIDs gives, month by month, exactly what Totals
// gives for that month — a count read grouped by month, a rate whose two counts are, and a stock
// computed month by month alike — and no figure where the scope may not read the kind.
func TestMonthlyIDsAreEachMonthsTotals(t *testing.T) {
	ctx := context.Background()
	st, a, sys := mediationStore(t)
	// Cases accepted through the year (and the one before), some closed in a later month, some
	// still open: the months differ in counts, successes and open stock.
	var rows []store.ImportRow
	results := []string{"成功", "不成功", "调解中", "成功", "终止"}
	for i := 0; i < 30; i++ {
		accepted := fmt.Sprintf("%d-%02d-%02d", 2023+min(i, 25)/13, 1+i%12, 1+i%27)
		v := law.Values{"code": fmt.Sprintf("M%d", i), "committee": "T1", "accepted_on": accepted,
			"dispute_type": "邻里", "result": results[i%len(results)]}
		if v["result"] != "调解中" {
			v["closed_on"] = fmt.Sprintf("2024-%02d-28", min(12, 2+i%12))
		}
		rows = append(rows, store.ImportRow{Line: i + 2, Values: v})
	}
	if _, bad, err := st.ImportRecords(ctx, a, sys, "mediation", rows, false); err != nil || len(bad) != 0 {
		t.Fatalf("import: %v %v", err, bad)
	}
	ids := []string{"mediation.cases", "mediation.success_rate", "deadlines.open_overdue"}
	for name, sc := range map[string]store.Scope{"system": sys, "no mediation": store.ScopeOf(store.Grant{AllOrgs: true})} {
		months, err := indicators.MonthlyIDs(ctx, st, sc, "C", 2024, ids)
		if err != nil {
			t.Fatal(err)
		}
		nonzero := map[string]int{} // months in which a figure is not 0
		for m := 1; m <= 12; m++ {
			from, to := indicators.MonthBounds(2024, m)
			want, err := indicators.Totals(ctx, st, sc, "C", from, to, ids)
			if err != nil {
				t.Fatal(err)
			}
			for i, id := range ids {
				if got := months[i][m-1]; !reflect.DeepEqual(got, want.List[i]) {
					t.Errorf("%s, %s in month %d: %+v, Totals says %+v", name, id, m, got, want.List[i])
				} else if got.Value != 0 {
					nonzero[id]++
				}
			}
		}
		for _, id := range ids[:2] { // mediation's clocks are soft: no overdue stock, only its path
			if name == "system" && nonzero[id] < 3 {
				t.Errorf("%s is not 0 in %d months only: the test data does not tell the months apart", id, nonzero[id])
			}
		}
	}
}
