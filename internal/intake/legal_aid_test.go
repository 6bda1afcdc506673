package intake_test

import (
	"context"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/intake"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// A legal-aid ledger as a centre keeps it, with two rows the statute does not allow: a 免予核查
// without its 第42条 ground, and a notified defence assigned to a volunteer (第25条: a lawyer).
// The file is refused whole, each bad row named with its line, column and article, and nothing
// is written; the good row alone goes in once the two are fixed.
func TestLegalAidLedgerRefusedWhole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := st.ImportOrgs(ctx, clerk, store.SystemAll(), []store.OrgInput{
			{Code: "1", Name: "兴宁市", Type: "县级市"},
			{Code: "1-FLYZ", Name: "兴宁市法律援助中心", Type: "法律援助中心", ParentCode: "1"},
		}); err != nil {
			t.Fatal(err)
		}
		header := "编号,所属单位,申请日期,受援人,来源,案件类别,援助形式,经济困难审查,免核查情形,决定,决定日期,通知机关,收到通知日期,通知辩护情形,承办人,承办人类型,指派日期\n"
		good := "FY-1,兴宁市法律援助中心,2024/3/4,李四,申请,民事,民事代理,核查,,给予,2024-03-08,,,,,,\n"
		noGround := "FY-2,兴宁市法律援助中心,2024-03-05,王五,申请,劳动争议仲裁,劳动仲裁代理,免予核查,,给予,2024-03-11,,,,,,\n"
		volunteer := "FY-3,兴宁市法律援助中心,2024-03-06,赵六,通知辩护,刑事,刑事辩护,,,给予,,人民法院,2024-03-06," +
			law.DefenceGrounds[0] + ",钱七,法律援助志愿者,2024-03-07\n"
		sheet, err := ledger.ReadFrom(strings.NewReader(header+good+noGround+volunteer), "法律援助台账.csv")
		if err != nil {
			t.Fatal(err)
		}
		sc := store.SystemAll()
		out, err := intake.Records(ctx, st, clerk, sc, law.LegalAid, sheet, intake.Options{})
		res, errs := out.ImportResult, out.Errors
		if err != nil || res.Created != 0 || len(errs) != 2 {
			t.Fatalf("import: %+v, %d row errors %v, %v; want the file refused with two row errors", res, len(errs), errs, err)
		}
		for i, want := range []struct {
			line                  int
			column, text, article string
		}{{3, "免核查情形", "第42条规定的免核查情形", "法律援助法第42条"}, {4, "承办人类型", "不能指派法律援助志愿者", "法律援助法第25条"}} {
			e := errs[i]
			msg := e.String()
			if e.Line != want.line || e.Column != want.column || !strings.Contains(msg, want.text) || !strings.Contains(msg, want.article) ||
				!strings.Contains(msg, "第"+string(rune('0'+want.line))+"行") || !strings.Contains(msg, want.column) {
				t.Errorf("row error %d: %+v (%s); want line %d, column %s, saying %s and citing %s", i, e, msg, want.line, want.column, want.text, want.article)
			}
		}
		if _, n, _ := st.List(ctx, sc, store.Filter{Query: store.Query{Kind: "legal_aid"}}); n != 0 {
			t.Fatalf("a refused ledger wrote %d records", n)
		}
		fixed := strings.Replace(noGround, "免予核查,,", "免予核查,"+law.WaiverGrounds[2]+",", 1)
		fixed += strings.Replace(volunteer, "法律援助志愿者", "律师", 1)
		sheet, _ = ledger.ReadFrom(strings.NewReader(header+good+fixed), "法律援助台账.csv")
		if out, err := intake.Records(ctx, st, clerk, sc, law.LegalAid, sheet, intake.Options{}); err != nil || len(out.Errors) != 0 || out.Created != 3 {
			t.Fatalf("fixed ledger: %+v %v", out, err)
		}
		recs, _, _ := st.List(ctx, sc, store.Filter{Query: store.Query{Kind: "legal_aid"}, Sort: "code"})
		if len(recs) != 3 || recs[2].Status != "已指派" || recs[2].Values.Str("counted_on") != "2024-03-07" || recs[0].Values.Str("counted_on") != "2024-03-08" {
			t.Errorf("imported cases: %+v", recs)
		}
	})
}
