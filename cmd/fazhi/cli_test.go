package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fazhi runs the command in-process against the database in dir and returns its exit status
// and output.
func fazhi(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	full := append([]string{args[0], "--db", "sqlite:" + filepath.Join(dir, "f.db")}, args[1:]...)
	code := run(context.Background(), full, &out, &errOut)
	return code, out.String() + errOut.String()
}

// The acceptance path of the foundation issue: demo → stats, a refused import, audit verify.
func TestDemoStatsImportAudit(t *testing.T) {
	dir := t.TempDir()
	if code, out := fazhi(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %d %s", code, out)
	}
	if code, out := fazhi(t, dir, "demo"); code != 1 || !strings.Contains(out, "--reset") {
		t.Fatalf("demo on a loaded database: %d %s", code, out)
	}
	code, out := fazhi(t, dir, "stats", "--year", "2024", "--format", "json")
	if code != 0 {
		t.Fatalf("stats: %s", out)
	}
	var doc struct {
		Org        struct{ Code, Name string }
		Indicators map[string]struct {
			Value       json.Number
			Numerator   json.Number
			Denominator json.Number
			Formula     string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("stats json: %v\n%s", err, out)
	}
	ind := doc.Indicators
	if doc.Org.Code != "441481" || ind["mediation.cases"].Value != "2923" || ind["mediation.successful"].Value != "2807" ||
		ind["mediation.success_rate"].Value != "96.0" || ind["mediation.success_rate"].Denominator != "2923" {
		t.Fatalf("figures: %+v", doc)
	}

	// The annual report in every format, its figures those of stats.
	for _, f := range []string{"md", "html", "docx"} {
		out := filepath.Join(dir, "r."+f)
		if code, msg := fazhi(t, dir, "report", "--year", "2024", "--out", out); code != 0 {
			t.Fatalf("report %s: %s", f, msg)
		}
		b, _ := os.ReadFile(out)
		if f != "docx" && (!strings.Contains(string(b), "2923") || !strings.Contains(string(b), "96.0%")) {
			t.Errorf("report.%s lacks the mediation figures", f)
		}
		if f == "docx" && !bytes.HasPrefix(b, []byte("PK")) {
			t.Errorf("report.docx is not a zip")
		}
	}

	code, out = fazhi(t, dir, "audit", "verify")
	if code != 0 || !strings.HasPrefix(out, "ok ") {
		t.Fatalf("audit verify: %d %s", code, out)
	}

	// One bad date, one unknown committee: exit 1, every error named, nothing written.
	before := countRecords(t, dir)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("编号,受理日期,调解组织,纠纷类型,调解结果,结案日期\n"+
		"X-1,2024-03-05,441481100201-TW,邻里,调解中,\n"+
		"X-2,2024-02-30,441481100201-TW,邻里,调解中,\n"+
		"X-3,2024-03-05,不存在的调委会,邻里,调解中,\n"), 0o600)
	code, out = fazhi(t, dir, "import", "--kind", "mediation", bad)
	if code != 1 || !strings.Contains(out, "第3行 列「受理日期」值「2024-02-30」") || !strings.Contains(out, "第4行 列「调解组织」") ||
		!strings.Contains(out, "错误 2") {
		t.Fatalf("bad import: %d\n%s", code, out)
	}
	// A missing required column refuses the file.
	noCol := filepath.Join(dir, "nocol.csv")
	os.WriteFile(noCol, []byte("编号,调解组织,纠纷类型\nY-1,441481100201-TW,邻里\n"), 0o600)
	if code, out = fazhi(t, dir, "import", "--kind", "mediation", noCol); code != 1 || !strings.Contains(out, "受理日期") {
		t.Fatalf("missing column: %d %s", code, out)
	}
	if after := countRecords(t, dir); after != before {
		t.Fatalf("refused imports wrote %d records", after-before)
	}
	// --skip-invalid imports the good row and writes the rest beside the input.
	if code, out = fazhi(t, dir, "import", "--kind", "mediation", "--skip-invalid", bad); code != 0 || !strings.Contains(out, "新增 1") {
		t.Fatalf("skip-invalid: %d %s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.错误.csv")); err != nil {
		t.Fatalf("no error report: %v", err)
	}

	// Export re-imports unchanged.
	exp := filepath.Join(dir, "out.xlsx")
	if code, out = fazhi(t, dir, "export", "--kind", "mediation", "--out", exp); code != 0 {
		t.Fatal(out)
	}
	if code, out = fazhi(t, dir, "import", "--kind", "mediation", exp); code != 0 || !strings.Contains(out, "新增 0，更新 0") {
		t.Fatalf("re-import of export: %s", out)
	}

	// Tampering with the audit trail is detected.
	db, _ := sql.Open("sqlite", "file:"+filepath.Join(dir, "f.db"))
	// (A successful mediation's entry, somewhere in the middle of the trail.)
	if _, err := db.Exec(`UPDATE audit SET after_data = replace(after_data, '"result":"成功"', '"result":"不成功"')
		WHERE seq = (SELECT MIN(seq) FROM audit WHERE seq >= 2000 AND after_data LIKE '%"result":"成功"%')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if code, out = fazhi(t, dir, "audit", "verify"); code != 1 || !strings.Contains(out, "审计链断裂") {
		t.Fatalf("tampered audit verify: %d %s", code, out)
	}
}

func countRecords(t *testing.T, dir string) int {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	db.QueryRow(`SELECT COUNT(*) FROM records`).Scan(&n)
	return n
}

func TestCalendarCommands(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"calendar", "add", "2025-09-26", "5", "--workdays"}, 0, "2025-10-10"},
		{[]string{"calendar", "add", "2025-08-04", "60", "--days"}, 0, "2025-10-09"},
		{[]string{"calendar", "add", "2026-01-03", "3", "--workdays"}, 0, "2026-01-06"},
		{[]string{"calendar", "check", "2025-09-28"}, 0, "调休上班"},
		{[]string{"calendar", "check", "2025-10-03"}, 0, "休息日"},
		// 2027 (the November 2026 notice, as lunar-go v1.4.7 carries it): 元旦 1/1–1/3, 春节 2/5–2/13.
		{[]string{"calendar", "add", "2026-12-20", "30", "--days"}, 0, "2027-01-19"},
		{[]string{"calendar", "check", "2027-02-14"}, 0, "春节调休上班"},
		{[]string{"calendar", "check", "2028-03-01"}, 1, "缺少2028年"},
		{[]string{"calendar", "add", "2025-09-26", "5"}, 2, "--workdays"},
		{[]string{"stats"}, 2, "--year"},
		{[]string{"settings", "set", "indicators.rounding", "floor"}, 1, "half_up"},
		{[]string{"settings", "set", "indicators.rounding", "truncate"}, 0, "已保存"},
		{[]string{"settings", "get", "indicators.rounding"}, 0, "truncate"},
		{[]string{"settings", "set", "notice.acceptance", "{{v \"x\""}, 1, "模板有误"},
		{[]string{"settings", "set", "dict.mediation.parties", "甲"}, 1, "没有可扩充的枚举字段"},
		{[]string{"settings", "set", "dict.mediation.dispute_type", "电信诈骗"}, 0, "已保存"},
		{[]string{"settings", "set", "dict.mediation.dispute_type", "电信诈骗\n邻里"}, 1, "「邻里」已是内置选项"},
		{[]string{"settings", "set", "dict.mediation", "x"}, 1, "dict.<台账>.<字段>"},
		{[]string{"settings", "get", "dict.mediation.dispute_type"}, 0, "电信诈骗"},
		{[]string{"user", "add", "u1", "--role", "leader", "--org", "441481", "--scope", "department"}, 2, "未知的数据范围"},
		{[]string{"user", "add", "u2", "--role", "auditor", "--scope", "custom", "--scope-orgs", "999999"}, 1, "「999999」不存在"},
		{[]string{"nosuch"}, 2, "未知的子命令"},
	} {
		code, out := fazhi(t, dir, c.args...)
		if code != c.code || !strings.Contains(out, c.want) {
			t.Errorf("fazhi %v: %d %q, want %d and %q", c.args, code, out, c.code, c.want)
		}
	}
}

// An org ledger the database refuses (a parent that does not exist) names the row and the code,
// and writes none of the file.
func TestImportOrgsNamesTheRow(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "orgs.csv")
	if err := os.WriteFile(file, []byte("编码,名称,类型,上级编码\n1,兴宁市,县级市,\n11,甲镇,镇,1\n12,乙镇,镇,99\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := fazhi(t, dir, "import", "--kind", "org", file)
	if code != 1 || !strings.Contains(out, "第4行 编码「12」：上级编码「99」不存在") {
		t.Fatalf("import: %d %q", code, out)
	}
	// Corrected, the whole file is new: the refused attempt left nothing behind.
	if err := os.WriteFile(file, []byte("编码,名称,类型,上级编码\n1,兴宁市,县级市,\n11,甲镇,镇,1\n12,乙镇,镇,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out := fazhi(t, dir, "import", "--kind", "org", file); code != 0 || !strings.Contains(out, "新增 3") {
		t.Errorf("the corrected file: %d %q", code, out)
	}
}

func TestBackupRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	if code, out := fazhi(t, dir, "user", "add", "zhang", "--role", "leader"); code != 0 {
		t.Fatal(out)
	}
	backup := filepath.Join(dir, "backup.db")
	if code, out := fazhi(t, dir, "backup", "--out", backup); code != 0 {
		t.Fatal(out)
	}
	other := t.TempDir()
	for _, f := range []string{"secret.key", "audit.key"} {
		key, _ := os.ReadFile(filepath.Join(dir, f))
		os.WriteFile(filepath.Join(other, f), key, 0o600)
	}
	if code, out := fazhi(t, other, "restore", backup); code != 0 || !strings.Contains(out, "审计链完好") {
		t.Fatalf("restore: %d %s", code, out)
	}
	if code, out := fazhi(t, other, "audit", "verify"); code != 0 || out != "ok 1\n" {
		t.Fatalf("verify restored: %q", out)
	}
}
