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

// A file longer than a chunk is written a chunk at a time in one transaction: an error in a
// later chunk still leaves nothing written (the chunks before it are rolled back) and every
// error is counted; with SkipInvalid the other rows of every chunk go in, and the store's
// refusals (a town where a committee belongs) come back with row, column and value.
func TestRecordsAcrossChunks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sc := townClerk(t, st)
		n := store.ImportChunk + 500
		rows := make([]law.Values, n)
		for i := range rows {
			rows[i] = law.Values{"code": fmt.Sprintf("C-%d", i), "committee": "11-T", "accepted_on": "2024-05-01", "dispute_type": "邻里"}
		}
		rows[n-10]["accepted_on"] = "2024-13-01" // a bad date in the second chunk
		rows[n-5]["committee"] = "11"            // a town, not a committee: the store refuses it
		var buf bytes.Buffer
		if err := ledger.WriteTo(&buf, "csv", law.Mediation.Fields, rows); err != nil {
			t.Fatal(err)
		}
		sheet, err := ledger.ReadFrom(bytes.NewReader(buf.Bytes()), "大.csv")
		if err != nil {
			t.Fatal(err)
		}
		out, err := intake.Records(ctx, st, clerk, sc, law.Mediation, sheet, intake.Options{})
		if err != nil || out.Total != 1 || out.Errors[0].Line != n-10+2 || out.Created != 0 {
			t.Fatalf("refused file: %+v %v", out, err)
		}
		if _, k, _ := st.List(ctx, sc, store.Filter{Query: store.Query{Kind: "mediation"}}); k != 0 {
			t.Fatalf("a file with a bad row wrote %d records", k)
		}
		out, err = intake.Records(ctx, st, clerk, sc, law.Mediation, sheet, intake.Options{SkipInvalid: true})
		if err != nil || out.Created != n-2 || out.Total != 2 || out.Errors[1].Line != n-5+2 ||
			out.Errors[1].Column != "调解组织" || out.Errors[1].Value != "11" {
			t.Fatalf("skipping: %+v %v", out, err)
		}
		if _, err := st.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
	})
}
