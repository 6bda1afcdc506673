package intake_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/intake"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

var clerk = store.Actor{Name: "clerk"}

// townClerk makes a city with two towns, each with its committee, and returns the mediation
// scope of a clerk of the first town (甲镇, code 11): 乙镇's committee (12-T) lies outside it.
func townClerk(t *testing.T, st *store.Store) store.Scope {
	t.Helper()
	ctx := context.Background()
	if _, err := st.ImportOrgs(ctx, clerk, store.SystemAll(), []store.OrgInput{
		{Code: "1", Name: "兴宁市", Type: "县级市"},
		{Code: "11", Name: "甲镇", Type: "镇", ParentCode: "1"},
		{Code: "11-T", Name: "甲镇人民调解委员会", Type: "人民调解委员会", ParentCode: "11"},
		{Code: "12", Name: "乙镇", Type: "镇", ParentCode: "1"},
		{Code: "12-T", Name: "乙镇人民调解委员会", Type: "人民调解委员会", ParentCode: "12"},
	}); err != nil {
		t.Fatal(err)
	}
	town, err := st.Org(ctx, store.SystemAll(), "11")
	if err != nil {
		t.Fatal(err)
	}
	return store.ScopeOf(store.Grant{OrgPaths: []string{town.Path}, Read: []string{"mediation"}, Write: []string{"mediation"}})
}

// A row the parser accepts but the database refuses (its committee lies outside the importer's
// scope) comes back as a row error in the committee's column, and nothing is written; with
// SkipInvalid the other row goes in.
func TestRecordsMapsRefusalsToRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sc := townClerk(t, st)
		var buf bytes.Buffer
		if err := ledger.WriteTo(&buf, "csv", law.Mediation.Fields, []law.Values{
			{"code": "A-1", "committee": "11-T", "accepted_on": "2024-05-01", "dispute_type": "邻里", "result": "调解中"},
			{"code": "B-1", "committee": "12-T", "accepted_on": "2024-05-02", "dispute_type": "邻里", "result": "调解中"},
		}); err != nil {
			t.Fatal(err)
		}
		sheet, err := ledger.ReadFrom(bytes.NewReader(buf.Bytes()), "五月.csv")
		if err != nil {
			t.Fatal(err)
		}
		out, err := intake.Records(ctx, st, clerk, sc, law.Mediation, sheet, intake.Options{})
		res, errs := out.ImportResult, out.Errors
		if err != nil || len(errs) != 1 || errs[0].Line != 3 || errs[0].Column != "调解组织" || res.Created != 0 {
			t.Fatalf("refused row: %+v %+v %v", res, errs, err)
		}
		if _, n, _ := st.List(ctx, sc, store.Filter{Query: store.Query{Kind: "mediation"}}); n != 0 {
			t.Fatalf("a file with a refused row wrote %d records", n)
		}
		out, err = intake.Records(ctx, st, clerk, sc, law.Mediation, sheet, intake.Options{SkipInvalid: true})
		res, errs = out.ImportResult, out.Errors
		if err != nil || res.Created != 1 || len(errs) != 1 || !strings.Contains(errs[0].String(), "第3行") {
			t.Fatalf("skipping: %+v %+v %v", res, errs, err)
		}
	})
}
