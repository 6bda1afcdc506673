package intake_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/fazhi/fazhi/internal/intake"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// BenchmarkRecords1000 takes a 1,000-row mediation ledger of one committee in, from the parsed
// sheet to the committed transaction (what a web or shell import does after reading the file).
func BenchmarkRecords1000(b *testing.B) {
	for _, st := range storetest.Open(b) {
		b.Run(st.Dialect(), func(b *testing.B) {
			ctx := context.Background()
			seedCommittee(b, st)
			for n := 0; b.Loop(); n++ {
				rows := make([]law.Values, 1000)
				for i := range rows {
					rows[i] = law.Values{"code": fmt.Sprintf("B-%d-%d", n, i), "committee": "甲镇人民调解委员会",
						"accepted_on": "2024-03-05", "dispute_type": "邻里", "result": "成功", "closed_on": "2024-03-09", "agreement_form": "书面"}
				}
				var buf bytes.Buffer
				if err := ledger.WriteTo(&buf, "csv", law.Mediation.Fields, rows); err != nil {
					b.Fatal(err)
				}
				sheet, err := ledger.ReadFrom(&buf, "b.csv")
				if err != nil {
					b.Fatal(err)
				}
				res, err := intake.Records(ctx, st, clerk, store.SystemAll(), law.Mediation, sheet, intake.Options{})
				if err != nil || res.Total > 0 || res.Created != 1000 {
					b.Fatalf("%+v %v", res, err)
				}
			}
		})
	}
}

// seedCommittee makes the org tree of the benchmarks: a city and one committee.
func seedCommittee(b *testing.B, st *store.Store) {
	if _, err := st.ImportOrgs(context.Background(), clerk, store.SystemAll(), []store.OrgInput{
		{Code: "1", Name: "兴宁市", Type: "县级市"},
		{Code: "11-T", Name: "甲镇人民调解委员会", Type: "人民调解委员会", ParentCode: "1"},
	}); err != nil {
		b.Fatal(err)
	}
}
