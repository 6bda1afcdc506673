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

// BenchmarkImport1000 imports 1,000 new mediation rows per round, batched (the import path) and,
// as the comparison of the same run on this shared machine, row by row (the path before).
func BenchmarkImport1000(b *testing.B) {
	for _, s := range benchStores(b) {
		for _, path := range []string{"", "/row-by-row"} {
			b.Run(s.Dialect()+path, func(b *testing.B) { benchImport1000(b, s, path != "") })
		}
	}
}

func benchImport1000(b *testing.B, s *store.Store, rowByRow bool) {
	s.SetImportRowByRow(rowByRow)
	defer s.SetImportRowByRow(false)
	prefix := "BI"
	if rowByRow {
		prefix = "BR"
	}
	ctx := context.Background()
	for n := 0; b.Loop(); n++ {
		rows := make([]store.ImportRow, 1000)
		for i := range rows {
			v := mediation(fmt.Sprintf("%s-%d-%d", prefix, n, i), "441481100201-T", "2024-03-05")
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
