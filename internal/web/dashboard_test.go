package web_test

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/indicators"
)

// TestDashboardScenarios: who sees which figures. The test world's three disputes of 2024 are
// one in 甲镇, one in 乙镇 and one at the city's own committee; the current year has none, so the
// dashboard falls back to 2024 and says so.
func TestDashboardScenarios(t *testing.T) {
	year := strconv.Itoa(time.Now().Year())
	drill := func(org string) string { // the drill-down link of mediation.cases for 2024, as HTML writes it
		v := url.Values{"indicator": {"mediation.cases"}, "from": {"2024-01-01"}, "to": {"2024-12-31"}, "org": {org}}
		return html.EscapeString("/records/mediation?" + v.Encode())
	}
	cases := []scenario{
		{name: "city leader: the whole city rolls up", user: "chief", method: "GET", path: "/", status: 200,
			contains: []string{"工作台", `<span class="h1-org">兴宁市</span>`, year + " 年尚无记录，默认显示有记录的最近年度（2024 年）",
				`<span class="tile-value">3<small>件</small></span>`, drill(cityCode), "调解成功率", "调解成功 ÷ 调解矛盾纠纷",
				"2023 年 0 件", `id="chart"`, `id="chart-mediation-types"`, `id="chart-mediation-orgs"`, "按下级单位",
				"行政复议、行政应诉", "均没有记录"}},
		{name: "city leader: one town", user: "chief", method: "GET", path: "/?org=" + townB + "&year=2024", status: 200,
			contains:    []string{`<span class="h1-org">乙镇</span>`, `<span class="tile-value">1<small>件</small></span>`, drill(townB)},
			notContains: []string{drill(cityCode), "尚无记录"}},
		{name: "town clerk: only the town", user: "clerk", method: "GET", path: "/", status: 200,
			contains:    []string{`<span class="h1-org">甲镇</span>`, `<span class="tile-value">1<small>件</small></span>`, drill(townA)},
			notContains: []string{drill(cityCode), "行政复议", "乙镇人民调解委员会"}},
		{name: "town clerk: another town is out of scope", user: "clerk", method: "GET", path: "/?org=" + townB, status: 404},
		{name: "town clerk: a committee below", user: "clerk", method: "GET", path: "/?org=" + ownComm + "&year=2024", status: 200,
			contains: []string{`<span class="h1-org">甲镇人民调解委员会</span>`, drill(ownComm)}},
		{name: "bad year", user: "chief", method: "GET", path: "/?year=1999", status: 400},
		{name: "future year", user: "chief", method: "GET", path: "/?year=" + strconv.Itoa(time.Now().Year()+1), status: 400},
		{name: "clerk without a kind sees no figures", user: "clerk2", method: "GET", path: "/", status: 200,
			contains: []string{"暂未获得任何台账的查看权限"}, notContains: []string{"tile-value"}},
		{name: "admin sees the system panel", user: "admin", method: "GET", path: "/", status: 200,
			contains: []string{"系统管理", "文书模板", `href="/notices"`}, notContains: []string{"调解矛盾纠纷"}},
	}
	eachDB(t, func(t *testing.T, e *env) {
		addReconOffice(t, e)
		clients := map[string]*client{}
		for _, sc := range cases {
			t.Run(sc.name, func(t *testing.T) {
				c, ok := clients[sc.user]
				if !ok {
					c = e.login(t, sc.user)
					clients[sc.user] = c
				}
				c.t = t
				status, body := c.get(sc.path)
				if status != sc.status {
					t.Fatalf("GET %s as %s: %d, want %d\n%s", sc.path, sc.user, status, sc.status, snippet(body))
				}
				for _, s := range sc.contains {
					if !strings.Contains(body, s) {
						t.Errorf("GET %s as %s: missing %q", sc.path, sc.user, s)
					}
				}
				for _, s := range sc.notContains {
					if strings.Contains(body, s) {
						t.Errorf("GET %s as %s: must not contain %q", sc.path, sc.user, s)
					}
				}
			})
		}
	})
}

var chartRe = regexp.MustCompile(`id="([^"]+)" class="chart" data-chart="([^"]*)"`)

type chartJSON struct {
	Type       string   `json:"type"`
	Unit       string   `json:"unit"`
	Categories []string `json:"categories"`
	Series     []struct {
		Indicator string     `json:"indicator"`
		Data      []*float64 `json:"data"` // null for months still ahead
		Links     []string   `json:"links"`
	} `json:"series"`
}

// chartsOf reads the charts' data from a dashboard page.
func chartsOf(t *testing.T, page string) map[string]chartJSON {
	t.Helper()
	out := map[string]chartJSON{}
	for _, m := range chartRe.FindAllStringSubmatch(page, -1) {
		var c chartJSON
		if err := json.Unmarshal([]byte(html.UnescapeString(m[2])), &c); err != nil {
			t.Fatalf("chart %s: %v", m[1], err)
		}
		out[m[1]] = c
	}
	return out
}

// TestDashboardDrillDown: every bar of every chart links to a list that counts as many records as
// the bar shows — months, categories and towns — on a year of disputes across the city.
func TestDashboardDrillDown(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		seedYear(t, e) // this year's disputes, and the leader "chief" of the city
		chief := e.login(t, "chief")
		status, page := chief.get("/")
		if status != 200 {
			t.Fatalf("dashboard: %d", status)
		}
		charts := chartsOf(t, page)
		for _, id := range []string{"chart", "chart-mediation-types", "chart-mediation-orgs"} {
			if len(charts[id].Series) == 0 {
				t.Fatalf("no chart %s: %v", id, charts)
			}
		}
		checked := 0
		for id, c := range charts {
			for _, s := range c.Series {
				sum := 0.0
				for i, p := range s.Data {
					if p == nil || s.Links[i] == "" {
						continue
					}
					v := *p
					status, list := chief.get(s.Links[i])
					m := regexp.MustCompile(`id="total">(\d+)<`).FindStringSubmatch(list)
					if status != 200 || m == nil {
						t.Fatalf("%s %s: %d", id, s.Links[i], status)
					}
					n, _ := strconv.ParseFloat(m[1], 64)
					if c.Unit == "%" {
						// A ranked rate opens the records it is over (its denominator), the org's
						// cases of the year; the rate is a share of them.
						if n == 0 || v < 0 || v > 100 {
							t.Errorf("%s, %s = %v%%: the list at %s counts %v", id, c.Categories[i], v, s.Links[i], n)
						}
						checked++
						continue
					}
					if n != v && (c.Type != "bars" || strings.Contains(s.Links[i], "category=")) {
						t.Errorf("%s, %s = %v: the list at %s counts %v", id, c.Categories[i], v, s.Links[i], n)
					}
					sum += v
					checked++
				}
				if c.Type != "trend" || s.Indicator != "mediation.cases" {
					continue
				}
				// The months add up to the year's tile.
				res, err := indicators.ComputeIDs(context.Background(), e.st, systemScope(), cityCode,
					strconv.Itoa(time.Now().Year())+"-01-01", strconv.Itoa(time.Now().Year())+"-12-31", []string{"mediation.cases"})
				if err != nil {
					t.Fatal(err)
				}
				if res.List[0].Value != sum {
					t.Errorf("months add up to %v, the year counts %v", sum, res.List[0].Value)
				}
			}
		}
		if checked < 20 {
			t.Errorf("only %d bars checked", checked)
		}
		// The towns and the city's own committee add up to the city.
		sc := systemScope()
		tree, err := e.st.Orgs(context.Background(), sc)
		if err != nil {
			t.Fatal(err)
		}
		y := strconv.Itoa(time.Now().Year())
		for _, id := range []string{"mediation.cases", "mediation.success_rate"} {
			figs, err := indicators.ByChildren(context.Background(), e.st, sc, tree, cityCode, y+"-01-01", y+"-12-31", id)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range figs {
				one, err := indicators.ComputeIDs(context.Background(), e.st, sc, f.Org.Code, y+"-01-01", y+"-12-31", []string{id})
				if err != nil {
					t.Fatal(err)
				}
				if one.List[0].Value != f.Value.Value {
					t.Errorf("%s of %s: by children %v, alone %v", id, f.Org.Name, f.Value.Value, one.List[0].Value)
				}
			}
		}
	})
}

// BenchmarkDashboard serves the city leader's dashboard for 2024 on the demo data (~7,000
// records): go test -bench Dashboard -run '^$' ./internal/web/
func BenchmarkDashboard(b *testing.B) {
	_, hs, _ := demoServer(b, false)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	get := func(path string) string {
		resp, err := c.Get(hs.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			b.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return string(body)
	}
	token := csrfMetaRe.FindStringSubmatch(get("/login"))
	if token == nil {
		b.Fatal("no login token")
	}
	resp, err := c.PostForm(hs.URL+"/login", url.Values{"csrf": {token[1]}, "username": {"chief"}, "password": {password}})
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	if page := get("/?year=2024"); !strings.Contains(page, "2923") {
		b.Fatal("the dashboard does not show the demo's 2,923 disputes")
	}
	for _, path := range []string{"/?year=2024", "/?year=2024&org=441481100"} {
		b.Run(strings.TrimPrefix(path, "/?"), func(b *testing.B) {
			for b.Loop() {
				get(path)
			}
		})
	}
}
