package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// TestQuotaCoverage: a village whose 法律明白人 all left falls below the county's quota (a local
// setting, here 2): the below-quota figure names it, the coverage page lists it first and the
// report's checks name it — and before, none of them does. Both engines.
func TestQuotaCoverage(t *testing.T) {
	const (
		villageA = townA + "201" // 甲镇东村: loses its navigators
		villageB = townA + "202" // 甲镇西村
		villageC = townB + "201" // 乙镇南村
	)
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		if _, err := e.st.ImportOrgs(ctx, system, systemScope(), []store.OrgInput{
			{Code: villageA, Name: "东村", Type: "村", ParentCode: townA},
			{Code: villageB, Name: "西村", Type: "村", ParentCode: townA},
			{Code: villageC, Name: "南村", Type: "村", ParentCode: townB},
		}); err != nil {
			t.Fatal(err)
		}
		if err := e.st.SaveSetting(ctx, system, systemScope(), indicators.SettingQuotaPfx+"navigators", "2"); err != nil {
			t.Fatal(err)
		}
		var eastern []store.Record
		for _, v := range []string{villageA, villageB, villageC} {
			for i := range 2 {
				r, err := e.st.CreateRecord(ctx, system, systemScope(), "navigator", law.Values{
					"code": fmt.Sprintf("MB-%d", i), "name": "明白人" + v[len(v)-3:] + fmt.Sprint(i), "village": v,
					"category": "中共党员", "trained_on": "2023-03-01", "selection": "村两委推荐"})
				if err != nil {
					t.Fatal(err)
				}
				if v == villageA {
					eastern = append(eastern, r)
				}
			}
		}
		c := e.login(t, "leader-all")
		below := func() (float64, map[string]any) {
			code, out := c.api(http.MethodGet, "/api/v1/stats?year=2024&org="+cityCode, nil, true)
			fig, _ := out["indicators"].(map[string]any)["navigators.villages_below_quota"].(map[string]any)
			if code != http.StatusOK || fig == nil {
				t.Fatalf("stats: %d %v", code, out)
			}
			by, _ := fig["by"].(map[string]any)
			return fig["value"].(float64), by
		}
		page := func() string {
			code, body := c.get("/coverage/navigators.villages_below_quota?year=2024&org=" + cityCode)
			if code != http.StatusOK {
				t.Fatalf("coverage page: %d %s", code, body)
			}
			return body
		}
		gaps := func() string {
			code, out := c.api(http.MethodGet, "/api/v1/report?year=2024&org="+cityCode, nil, true)
			if code != http.StatusOK {
				t.Fatalf("report: %d %v", code, out)
			}
			var msgs []string
			for _, i := range out["issues"].([]any) {
				if is := i.(map[string]any); is["code"] == "gaps" && is["indicator_id"] == "navigators.villages_below_quota" {
					msgs = append(msgs, is["message"].(string))
				}
			}
			return strings.Join(msgs, "\n")
		}
		if n, by := below(); n != 0 || len(by) != 0 {
			t.Fatalf("every village holds the quota, yet %v below: %v", n, by)
		}
		if body := page(); strings.Contains(body, `class="warn below"`) || !strings.Contains(body, "配备标准为每个单位不少于2名（本地设置，默认3名）") {
			t.Fatalf("coverage page before: a unit below quota, or not the quota in force:\n%s", body)
		}
		if g := gaps(); g != "" {
			t.Fatalf("report checks name a gap before any: %s", g)
		}

		// Both of 东村's navigators leave in June 2024.
		for _, r := range eastern {
			r.Values["left_on"] = "2024-06-30"
			if _, err := e.st.UpdateRecord(ctx, system, systemScope(), r.ID, r.Version, r.Values); err != nil {
				t.Fatal(err)
			}
		}
		n, by := below()
		if n != 1 || by["甲镇东村（现有0名）"] != 1.0 {
			t.Errorf("below quota = %v %v, want 东村 alone", n, by)
		}
		body := page()
		first := strings.Index(body, `id="unit-`)
		if !strings.HasPrefix(body[first:], `id="unit-`+villageA+`"`) || !strings.Contains(body, `class="warn below" id="unit-`+villageA+`"`) {
			t.Errorf("coverage page does not list 东村 first, below quota:\n%s", body[first:min(len(body), first+600)])
		}
		if !strings.Contains(body, "未达标准 1 个") {
			t.Errorf("coverage page summary does not count 东村")
		}
		if g := gaps(); !strings.Contains(g, "甲镇东村") {
			t.Errorf("report checks do not name 东村: %q", g)
		}
		// The 2023 figure still sees 东村's two.
		code, out := c.api(http.MethodGet, "/api/v1/stats?year=2023&org="+cityCode, nil, true)
		if fig := out["indicators"].(map[string]any)["navigators.villages_below_quota"].(map[string]any); code != http.StatusOK || fig["value"].(float64) != 0 {
			t.Errorf("2023: %d %v, want 0 below (they left in 2024)", code, fig)
		}
	})
}
