package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// upload posts a ledger file to the import page.
func (c *client) upload(path, name string, data []byte, fields map[string]string) (int, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	status, body, _ := c.do(req)
	return status, body
}

func mediationSheet(t *testing.T, rows ...law.Values) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := ledger.WriteTo(&buf, "xlsx", law.Mediation.Fields, rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A clerk brings a ledger in from Excel on the web: a file with a bad row writes nothing and
// names the row, the column and the value; a row for another town's committee is refused as
// out of scope; with 跳过 the good rows go in; the fixed file imports; a second import of the
// same file changes nothing. Read-only users cannot import.
func TestRecordsImportPage(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		ctx := context.Background()
		count := func() int {
			t.Helper()
			_, n, err := e.st.List(ctx, systemScope(), store.Filter{Query: store.Query{Kind: "mediation", Text: "IMP-"}, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		row := func(code, committee, accepted string) law.Values {
			return law.Values{"code": code, "committee": committee, "accepted_on": accepted, "dispute_type": "邻里", "result": "调解中"}
		}
		bad := mediationSheet(t, row("IMP-1", ownComm, "2024-03-01"), row("IMP-2", ownComm, "2024-02-30"), row("IMP-3", siblingComm, "2024-03-02"))
		status, page := c.upload("/records/mediation/import", "三月.xlsx", bad, nil)
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "未写入任何数据") ||
			!strings.Contains(page, "第 3 行") || !strings.Contains(page, "受理日期") || !strings.Contains(page, "2024-02-30") {
			t.Fatalf("a bad file: %d %s", status, snippet(page))
		}
		if n := count(); n != 0 {
			t.Fatalf("a refused file wrote %d records", n)
		}
		// Skipping: IMP-1 goes in; the bad date and the other town's committee stay out.
		status, page = c.upload("/records/mediation/import", "三月.xlsx", bad, map[string]string{"skip": "1"})
		if status != http.StatusOK || !strings.Contains(page, "新增 1 条") || !strings.Contains(page, "第 4 行") || !strings.Contains(page, "第 3 行") {
			t.Fatalf("skipping the bad rows: %d %s", status, snippet(page))
		}
		if n := count(); n != 1 {
			t.Fatalf("after skipping: %d records, want 1", n)
		}
		good := mediationSheet(t, row("IMP-1", ownComm, "2024-03-01"), row("IMP-2", ownComm, "2024-02-28"))
		status, page = c.upload("/records/mediation/import", "三月（改）.xlsx", good, nil)
		if status != http.StatusSeeOther {
			t.Fatalf("the fixed file: %d %s", status, snippet(page))
		}
		if _, list := c.get("/records/mediation"); !strings.Contains(list, "新增 1 条，更新 0 条，未变 1 条") {
			t.Errorf("the list does not report the import: %s", snippet(list))
		}
		if status, _ := c.upload("/records/mediation/import", "三月（改）.xlsx", good, nil); status != http.StatusSeeOther || count() != 2 {
			t.Errorf("importing the same file again: %d, %d records", status, count())
		}
		if status, page := c.upload("/records/mediation/import", "台账.xls", []byte("old"), nil); status != http.StatusUnprocessableEntity || !strings.Contains(page, "另存为 .xlsx") {
			t.Errorf("an .xls file: %d %s", status, snippet(page))
		}
		for _, who := range []string{"leader", "clerk2"} {
			o := e.login(t, who)
			if status, _ := o.get("/records/mediation/import"); status != http.StatusForbidden {
				t.Errorf("%s opens the import page: %d", who, status)
			}
			if status, _ := o.upload("/records/mediation/import", "x.xlsx", good, nil); status != http.StatusForbidden {
				t.Errorf("%s imports: %d", who, status)
			}
		}
	})
}

// The template downloaded from the web offers the deployment's dictionary words.
func TestRecordsTemplateDownload(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	if err := e.st.SaveWords(context.Background(), system, systemScope(), "mediation", "dispute_type", []string{"电信诈骗"}); err != nil {
		t.Fatal(err)
	}
	c := e.login(t, "clerk")
	status, body := c.get("/records/mediation/template.xlsx")
	if status != http.StatusOK {
		t.Fatalf("template: %d", status)
	}
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	header, _ := f.GetRows(f.GetSheetName(0))
	if len(header) == 0 || header[0][0] != law.Mediation.Fields[0].Label {
		t.Fatalf("template header: %v", header)
	}
	found := false
	for _, name := range f.GetSheetList() {
		rows, _ := f.GetRows(name)
		for _, r := range rows {
			found = found || strings.Contains(strings.Join(r, "|"), "电信诈骗")
		}
		dvs, _ := f.GetDataValidations(name)
		for _, dv := range dvs {
			found = found || strings.Contains(dv.Formula1, "电信诈骗")
		}
	}
	if !found {
		t.Error("the dictionary word is not among the template's choices")
	}
}

// The administrator brings the org tree in from Excel: a row whose parent does not exist
// refuses the file, named by row; the corrected file goes in; nobody else may import orgs.
func TestOrgsImportPage(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		a := e.login(t, "admin")
		sheet := func(parent string) []byte {
			var buf bytes.Buffer
			if err := ledger.WriteTo(&buf, "xlsx", law.OrgFields, []law.Values{
				{"code": "441481102", "name": "丙镇", "type": "镇", "parent": cityCode},
				{"code": "441481102-TJ", "name": "丙镇人民调解委员会", "type": "人民调解委员会", "parent": parent},
			}); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
		status, page := a.upload("/orgs/import", "新设丙镇.xlsx", sheet("441481999"), nil)
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "第3行 编码「441481102-TJ」") {
			t.Fatalf("unknown parent: %d %s", status, snippet(page))
		}
		if _, err := e.st.Org(context.Background(), systemScope(), "441481102"); err == nil {
			t.Fatal("a refused org file wrote its first row")
		}
		if status, page := a.upload("/orgs/import", "新设丙镇.xlsx", sheet("441481102"), nil); status != http.StatusSeeOther {
			t.Fatalf("the corrected file: %d %s", status, snippet(page))
		}
		if o, err := e.st.Org(context.Background(), systemScope(), "441481102-TJ"); err != nil || o.ParentCode != "441481102" {
			t.Fatalf("imported org: %+v %v", o, err)
		}
		if status, _ := a.get("/orgs/template.xlsx"); status != http.StatusOK {
			t.Errorf("org template: %d", status)
		}
		c := e.login(t, "leader")
		if status, _ := c.upload("/orgs/import", "x.xlsx", sheet(cityCode), nil); status != http.StatusForbidden {
			t.Errorf("a leader imports orgs: %d", status)
		}
	})
}

// The import page of a kind with another system's export shows the mapping in force — the
// declared one, then the deployment's setting — and a 粤执法 export uploaded as it comes is
// taken in under its own headers.
func TestImportPageShowsSourceMapping(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		u := store.UserInput{Username: "zfclerk", DisplayName: "执法监督股", Role: auth.RoleClerk, OrgCode: townA,
			Kinds: []string{"enforcement_case"}, PasswordHash: passwordHash()}
		if _, err := e.st.SaveUser(ctx, system, systemScope(), u); err != nil {
			t.Fatal(err)
		}
		c := e.login(t, "zfclerk")
		status, page := c.get("/records/enforcement_case/import")
		if status != http.StatusOK || !strings.Contains(page, `id="source-粤执法"`) || !strings.Contains(page, "<td>案件编号</td><td>编号</td>") ||
			!strings.Contains(page, "系统默认对应关系") {
			t.Fatalf("import page: %d %s", status, snippet(page))
		}
		key := law.MappingSetting("enforcement_case", "粤执法")
		if err := e.st.SaveSetting(ctx, system, systemScope(), key, "案件号=编号\n执法主体=执法单位\n执法行为类型=案件类型\n立案时间=立案日期"); err != nil {
			t.Fatal(err)
		}
		if _, page = c.get("/records/enforcement_case/import"); !strings.Contains(page, "<td>案件号</td><td>编号</td>") || !strings.Contains(page, "本单位设定的对应关系") {
			t.Fatalf("import page after the setting: %s", snippet(page))
		}
		csv := "\ufeff案件号,执法主体,执法行为类型,立案时间\nYZF-1," + townA + ",行政检查,2024-03-01 09:00:00\n"
		if status, page := c.upload("/records/enforcement_case/import", "粤执法导出.csv", []byte(csv), nil); status != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", status, snippet(page))
		}
		if _, list := c.get("/records/enforcement_case"); !strings.Contains(list, "粤执法导出") || !strings.Contains(list, "新增 1 条") {
			t.Errorf("the list does not report the import: %s", snippet(list))
		}
	})
}
