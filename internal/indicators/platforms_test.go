package indicators_test

import (
	"context"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// The platform and adviser figures over a small tree, on both engines: a town whose station
// opened after the period is a gap, a village with an adviser under contract is covered and one
// without is listed; a contract that ended before the period, or of a 机关, is not a client.
func TestPlatformsAndAdvisers(t *testing.T) {
	ctx := context.Background()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := store.Actor{Name: "test"}
		sys := store.SystemAll()
		if _, err := st.ImportOrgs(ctx, a, sys, []store.OrgInput{
			{Code: "C", Name: "市", Type: "县级市"},
			{Code: "C-GGFW", Name: "市公共法律服务中心", Type: "公共法律服务中心", ParentCode: "C"},
			{Code: "C-LS01", Name: "甲律师事务所", Type: "律师事务所", ParentCode: "C"},
			{Code: "T1", Name: "一镇", Type: "镇", ParentCode: "C"},
			{Code: "T1-GFZ", Name: "一镇工作站", Type: "公共法律服务工作站", ParentCode: "C", FoundedOn: "2023-05-01"},
			{Code: "T2", Name: "二镇", Type: "镇", ParentCode: "C"},
			{Code: "T2-GFZ", Name: "二镇工作站", Type: "公共法律服务工作站", ParentCode: "T2", FoundedOn: "2025-02-01"},
			{Code: "T1201", Name: "甲村", Type: "村", ParentCode: "T1"},
			{Code: "T1202", Name: "乙村", Type: "村", ParentCode: "T1"},
			{Code: "T1202-GFS", Name: "乙村工作室", Type: "公共法律服务工作室", ParentCode: "T1202", FoundedOn: "2024-06-01"},
			{Code: "T2201", Name: "丙村", Type: "村", ParentCode: "T2"},
		}); err != nil {
			t.Fatal(err)
		}
		contract := func(code, client, typ, village, from, to string) store.ImportRow {
			v := law.Values{"code": code, "firm": "C-LS01", "client": client, "client_type": typ, "started_on": from, "ends_on": to}
			if village != "" {
				v["village"] = village
			}
			return store.ImportRow{Line: 2, Values: v}
		}
		rows := []store.ImportRow{
			contract("G1", "甲村村民委员会", "村居", "T1201", "2024-01-01", "2024-12-31"),
			contract("G2", "丙村村民委员会", "村居", "T2201", "2023-01-01", "2023-12-31"), // over before 2024
			contract("G3", "甲公司", "企业", "", "2023-06-01", "2024-05-31"),
			contract("G4", "甲公司", "企业", "", "2024-06-01", "2025-05-31"), // renewed: one client
			contract("G5", "乙医院", "事业单位", "", "2024-11-01", ""),
			contract("G6", "市政府", "机关", "", "2024-01-01", "2024-12-31"),
		}
		for i := range rows {
			rows[i].Line = i + 2
		}
		if _, bad, err := st.ImportRecords(ctx, a, sys, "advisory_contract", rows, false); err != nil {
			t.Fatal(err, bad)
		}
		res, err := indicators.ComputeIDs(ctx, st, sys, "C", "2024-01-01", "2024-12-31",
			[]string{"pls.platform_coverage", "pls.new_points", "village_counsel.coverage", "lawyer.advisory_clients"})
		if err != nil {
			t.Fatal(err)
		}
		get := func(id string) indicators.Value { v, _ := res.Get(id); return v }
		// 市 ✓, 一镇 ✓ (its station kept under the city, coded T1-…), 二镇 ✗ (opened 2025),
		// 甲村 ✓ (adviser), 乙村 ✓ (工作室), 丙村 ✗: 4 of 6.
		if v := get("pls.platform_coverage"); v.Value != 66.7 || v.By["二镇（缺公共法律服务工作站）"] != 1 ||
			v.By["丙村（缺公共法律服务工作室或村居法律顾问）"] != 1 || len(v.By) != 2 {
			t.Errorf("platform coverage %v, gaps %v", v.Value, v.By)
		}
		if v := get("pls.new_points"); v.Value != 1 || v.By["公共法律服务工作室"] != 1 {
			t.Errorf("new points in 2024 %v %v", v.Value, v.By)
		}
		if v := get("village_counsel.coverage"); v.Value != 33.3 || v.By["丙村（未配备法律顾问）"] != 1 {
			t.Errorf("village adviser coverage %v %v", v.Value, v.By)
		}
		if v := get("lawyer.advisory_clients"); v.Value != 2 {
			t.Errorf("advisory clients %v, want 2 (甲公司 once, 乙医院)", v.Value)
		}
	})
}
