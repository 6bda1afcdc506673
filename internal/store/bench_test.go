package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// go test -bench . ./internal/store/  (set FAZHI_TEST_POSTGRES to measure PostgreSQL too)

func BenchmarkCreateRecord(b *testing.B) {
	for _, s := range benchStores(b) {
		b.Run(s.Dialect(), func(b *testing.B) {
			ctx := context.Background()
			for i := 0; b.Loop(); i++ {
				if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation(fmt.Sprintf("BC-%d", i), "441481100201-T", "2024-03-05")); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkImport1000(b *testing.B) {
	for _, s := range benchStores(b) {
		b.Run(s.Dialect(), func(b *testing.B) {
			ctx := context.Background()
			for n := 0; b.Loop(); n++ {
				rows := make([]store.ImportRow, 1000)
				for i := range rows {
					v := mediation(fmt.Sprintf("BI-%d-%d", n, i), "441481100201-T", "2024-03-05")
					v["result"], v["closed_on"] = "成功", "2024-03-09"
					v["agreement_form"] = "书面"
					rows[i] = store.ImportRow{Line: i + 2, Values: v}
				}
				if _, _, err := s.ImportRecords(ctx, admin, all(), "mediation", rows, false); err != nil {
					b.Fatal(err)
				}
			}
			// issue 15's targets: ≥ 20,000 rows/s on SQLite, ≥ 10,000 on PostgreSQL.
			b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func benchStores(b *testing.B) []*store.Store {
	out := storetest.Open(b)
	for _, st := range out {
		seedOrgsB(b, st)
	}
	return out
}

func seedOrgsB(b *testing.B, s *store.Store) {
	_, err := s.ImportOrgs(context.Background(), admin, all(), []store.OrgInput{
		{Code: "441481", Name: "兴宁市", Type: "县级市"},
		{Code: "441481100201-T", Name: "甲村人民调解委员会", Type: "人民调解委员会", ParentCode: "441481"},
	})
	if err != nil {
		b.Fatal(err)
	}
}
