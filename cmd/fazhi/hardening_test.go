package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `fazhi export` to CSV quotes a value that would run as a formula and re-imports unchanged;
// the export and the database are created 0600; an import over the row limit set in the
// settings is refused with the setting named (issue 9, items 1, 4, 11).
func TestExportQuotedPrivateAndImportLimits(t *testing.T) {
	dir := t.TempDir()
	orgs := filepath.Join(dir, "orgs.csv")
	os.WriteFile(orgs, []byte("编码,名称,类型,上级编码\n441481,兴宁市,县级市,\n441481-TJ,兴宁市人民调解委员会,人民调解委员会,441481\n"), 0o600)
	if code, out := fazhi(t, dir, "import", "--kind", "org", orgs); code != 0 {
		t.Fatal(out)
	}
	cases := filepath.Join(dir, "调解.csv")
	os.WriteFile(cases, []byte("编号,调解组织,受理日期,纠纷类型,调解员,纠纷简要情况\n"+
		"T-1,441481-TJ,2024-03-05,邻里,\"=HYPERLINK(\"\"http://x\"\",\"\"详情\"\")\",-5\n"+
		"T-2,441481-TJ,2024-03-06,邻里,@王五,+86 赔偿\n"), 0o600)
	if code, out := fazhi(t, dir, "import", "--kind", "mediation", cases); code != 0 {
		t.Fatal(out)
	}
	exp := filepath.Join(dir, "out.csv")
	if code, out := fazhi(t, dir, "export", "--kind", "mediation", "--out", exp); code != 0 {
		t.Fatal(out)
	}
	b, _ := os.ReadFile(exp)
	for _, want := range []string{`"'=HYPERLINK(""http://x"",""详情"")"`, ",'-5", ",'@王五", ",'+86 赔偿"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("export lacks %s:\n%s", want, b)
		}
	}
	if code, out := fazhi(t, dir, "import", "--kind", "mediation", exp); code != 0 || !strings.Contains(out, "新增 0，更新 0，未变 2") {
		t.Errorf("re-import of the export: %d %s", code, out)
	}
	for _, p := range []string{exp, filepath.Join(dir, "f.db")} {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s: %v %v", filepath.Base(p), st.Mode(), err)
		}
	}

	if code, out := fazhi(t, dir, "settings", "set", "import.max_rows", "0"); code == 0 || !strings.Contains(out, "应为 1 到 1048576 之间的整数") {
		t.Errorf("a bad limit accepted: %d %s", code, out)
	}
	if code, out := fazhi(t, dir, "settings", "set", "import.max_rows", "1"); code != 0 {
		t.Fatal(out)
	}
	if code, out := fazhi(t, dir, "import", "--kind", "mediation", exp); code != 1 || !strings.Contains(out, "数据超过 1 行（第3行已超出）") || !strings.Contains(out, "import.max_rows") {
		t.Errorf("over the row limit: %d %s", code, out)
	}
}
