package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/ledger"
)

// TestAuthorization is the acceptance matrix: every role (and data scope) × a record in its own
// town, in a sibling town and directly under the city × the four ways to reach it (the record page, the
// API, the statistics, the Excel export). Only a reader of mediation sees its own town's
// record; a record outside the scope is absent everywhere — not even counted in the figures.
func TestAuthorization(t *testing.T) {
	targets := []struct{ name, code string }{{"own", "M-OWN"}, {"sibling", "M-SIB"}, {"parent", "M-PAR"}}
	roles := []struct {
		user    string
		allowed map[string]bool // by target name
	}{
		{"admin", nil},    // 系统管理员: no case data at all
		{"auditor", nil},  // 审计员: the audit trail only
		{"secadmin", nil}, // 安全保密管理员: approves account changes, sees no case data
		{"leader", map[string]bool{"own": true}},
		{"clerk", map[string]bool{"own": true}},
		{"clerk2", nil}, // a clerk of the same town without mediation
		// 数据范围: the town's org alone (the record is in a committee below it); chosen orgs
		// (the other town, the city's committee) without the own town; everything; a
		// committee's clerk limited to the committee.
		{"leader-own", nil},
		{"leader-custom", map[string]bool{"sibling": true, "parent": true}},
		{"leader-all", map[string]bool{"own": true, "sibling": true, "parent": true}},
		{"clerk-own", map[string]bool{"own": true}},
	}
	eachDB(t, func(t *testing.T, e *env) {
		for _, role := range roles {
			t.Run(role.user, func(t *testing.T) {
				c := e.login(t, role.user)
				want := 0
				for _, tg := range targets {
					if role.allowed[tg.name] {
						want++
					}
				}

				// Statistics: mediation.cases counts exactly the visible records.
				status, stats := c.api("GET", "/api/v1/stats?year=2024", nil, false)
				if status != http.StatusOK {
					t.Fatalf("stats: %d %v", status, stats)
				}
				cases := stats["indicators"].(map[string]any)["mediation.cases"].(map[string]any)
				// A figure the role may not read at all is null and says why.
				got, _ := cases["value"].(float64)
				if int(got) != want || (cases["value"] == nil) != (cases["unavailable"] != nil) {
					t.Errorf("mediation.cases = %v, want %d", cases, want)
				}

				// Export: the 编号 column holds exactly the visible records.
				status, body, _ := c.do(mustRequest("GET", c.base+"/records/mediation/export.xlsx"))
				exported := map[string]bool{}
				// A reader of mediation whose scope holds none of the three exports an empty
				// ledger; anyone else is refused.
				reader := strings.HasPrefix(role.user, "leader") || strings.HasPrefix(role.user, "clerk-") || role.user == "clerk"
				if reader {
					if status != http.StatusOK {
						t.Fatalf("export: %d %s", status, snippet(body))
					}
					sheet, err := ledger.ReadFrom(strings.NewReader(body), "export.xlsx")
					if err != nil {
						t.Fatal(err)
					}
					col := -1
					for i, h := range sheet.Headers {
						if h == "编号" {
							col = i
						}
					}
					for _, line := range sheet.Rows {
						exported[line.Cell(col)] = true
					}
					if len(sheet.Rows) != want {
						t.Errorf("export has %d rows, want %d", len(sheet.Rows), want)
					}
				} else if status != http.StatusForbidden {
					t.Errorf("export: status %d, want 403", status)
				}

				for _, tg := range targets {
					t.Run(tg.name, func(t *testing.T) {
						c.t = t
						id := itoa(e.ids[tg.code])
						allowed := role.allowed[tg.name]
						pageStatus, page := c.get("/records/mediation/" + id)
						apiStatus, rec := c.api("GET", "/api/v1/records/mediation/"+id, nil, false)
						if allowed {
							if pageStatus != http.StatusOK || !strings.Contains(page, tg.code) {
								t.Errorf("page: %d, want 200 showing %s", pageStatus, tg.code)
							}
							if apiStatus != http.StatusOK || rec["code"] != tg.code {
								t.Errorf("api: %d %v, want 200", apiStatus, rec)
							}
						} else {
							if pageStatus != http.StatusNotFound && pageStatus != http.StatusForbidden || strings.Contains(page, tg.code) {
								t.Errorf("page: %d, want 403/404 without %s", pageStatus, tg.code)
							}
							if apiStatus != http.StatusNotFound && apiStatus != http.StatusForbidden || rec["code"] != nil {
								t.Errorf("api: %d %v, want 403/404", apiStatus, rec)
							}
						}
						if exported[tg.code] != allowed {
							t.Errorf("export contains %s: %v, want %v", tg.code, exported[tg.code], allowed)
						}
					})
				}
			})
		}
	})
}

func mustRequest(method, url string) *http.Request {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		panic(err)
	}
	return req
}
