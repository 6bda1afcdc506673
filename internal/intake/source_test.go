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

// exportOf writes rows as an export of src would: its headers over our fields' cells (dates and
// times as text, as 粤执法 writes them).
func exportOf(tb testing.TB, kind *law.Kind, src law.Source, format string, rows []law.Values) []byte {
	tb.Helper()
	var fields []law.Field
	for _, c := range src.Columns {
		f, _ := kind.Field(c.Field)
		f.Label = c.Header
		if f.Type == law.Date {
			f.Type = law.Text
		}
		fields = append(fields, f)
	}
	var buf bytes.Buffer
	if err := ledger.WriteTo(&buf, format, fields, rows); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func seedUnit(tb testing.TB, st *store.Store) {
	tb.Helper()
	if _, err := st.ImportOrgs(context.Background(), clerk, store.SystemAll(), []store.OrgInput{
		{Code: "1", Name: "兴宁市", Type: "县级市"},
		{Code: "U", Name: "市自然资源局", Type: "行政执法单位", ParentCode: "1"},
	}); err != nil {
		tb.Fatal(err)
	}
}

func importExport(t *testing.T, st *store.Store, data []byte) intake.Outcome {
	t.Helper()
	sheet, err := ledger.ReadFrom(bytes.NewReader(data), "粤执法导出") // the format sniffed
	if err != nil {
		t.Fatal(err)
	}
	out, err := intake.Records(context.Background(), st, clerk, store.SystemAll(), law.EnforcementCase, sheet, intake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func yueCase(code, published string) law.Values {
	v := law.Values{"code": code, "unit": "市自然资源局", "case_type": "行政处罚", "filed_on": "2024-03-01 09:12:00",
		"officers": []string{"O-1", "O-2"}, "decided_on": "2024-04-10 16:00:00", "amount": "5000"}
	if published != "" {
		v["published_on"] = published
	}
	return v
}

// A 粤执法 export imports as it comes, and a re-import of an overlapping export updates the
// records it already holds by (执法主体, 案件编号): one changed row updated, one new row created,
// the unchanged row left alone, no duplicates.
func TestYueZhiFaReimportUpdates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		seedUnit(t, st)
		first := exportOf(t, law.EnforcementCase, law.YueZhiFa, "xlsx", []law.Values{yueCase("粤执-1", ""), yueCase("粤执-2", "2024-04-12")})
		out := importExport(t, st, first)
		if out.Total > 0 || out.Created != 2 || out.Source != "粤执法" {
			t.Fatalf("first import: %+v %v", out, out.Errors)
		}
		again := exportOf(t, law.EnforcementCase, law.YueZhiFa, "xlsx", []law.Values{
			yueCase("粤执-1", "2024-04-15 10:00:00"), yueCase("粤执-2", "2024-04-12"), yueCase("粤执-3", "")})
		out = importExport(t, st, again)
		if out.Total > 0 || out.Created != 1 || out.Updated != 1 || out.Unchanged != 1 {
			t.Fatalf("re-import: %+v %v", out.ImportResult, out.Errors)
		}
		list, n, err := st.List(ctx, store.SystemAll(), store.Filter{Query: store.Query{Kind: "enforcement_case"}})
		if err != nil || n != 3 {
			t.Fatalf("after re-import %d records (%v), want 3", n, err)
		}
		for _, r := range list {
			if r.Values.Str("code") == "粤执-1" && r.Values.Str("published_on") != "2024-04-15" {
				t.Fatalf("粤执-1 not updated: %v", r.Values)
			}
		}
	})
}

// A bad cell of an export is named by the export's header beside ours; a deployment's mapping
// setting replaces the declared one (a renamed column imports again).
func TestYueZhiFaMappingSetting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		seedUnit(t, st)
		bad := yueCase("粤执-9", "")
		bad["filed_on"] = "三月一日"
		out := importExport(t, st, exportOf(t, law.EnforcementCase, law.YueZhiFa, "csv", []law.Values{bad}))
		if out.Total != 1 || out.Errors[0].Column != "立案时间（立案日期）" {
			t.Fatalf("bad cell: %+v", out.Errors)
		}
		renamed := law.Source{Name: "粤执法", Columns: append([]law.SourceColumn{{Header: "案件号", Field: "code"}}, law.YueZhiFa.Columns[1:]...)}
		file := exportOf(t, law.EnforcementCase, renamed, "csv", []law.Values{yueCase("粤执-8", "")})
		if out := importExport(t, st, file); out.Source != "" || out.Created != 0 {
			t.Fatalf("an unknown export imported: %+v", out)
		}
		key := law.MappingSetting("enforcement_case", "粤执法")
		text := law.FormatMapping(law.EnforcementCase, renamed.Columns)
		if err := intake.CheckMappingSetting(key, text); err != nil {
			t.Fatal(err)
		}
		if err := intake.CheckMappingSetting(key, "案件号=编号\n案件名称=无此列"); err == nil || !strings.Contains(err.Error(), "第2行") {
			t.Fatalf("a mapping onto no field: %v", err)
		}
		if err := st.SaveSetting(ctx, clerk, store.SystemAll(), key, text); err != nil {
			t.Fatal(err)
		}
		if out := importExport(t, st, file); out.Source != "粤执法" || out.Created != 1 || out.Total > 0 {
			t.Fatalf("with the setting: %+v %v", out.ImportResult, out.Errors)
		}
	})
}
