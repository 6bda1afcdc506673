package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// A reconsideration case imported from a ledger with 收到申请日期, 受理日期, 程序, 中止期间 and 延期
// gets the clocks a case entered step by step gets, and `fazhi deadlines` lists its due dates.
func TestImportedReconsiderationDeadlines(t *testing.T) {
	dir := t.TempDir()
	orgs := filepath.Join(dir, "orgs.csv")
	os.WriteFile(orgs, []byte("编码,名称,类型,上级编码\n441481,兴宁市,县级市,\n441481-SFJ,兴宁市司法局,司法局,441481\n"), 0o600)
	if code, out := fazhi(t, dir, "import", "--kind", "org", orgs); code != 0 {
		t.Fatal(out)
	}
	cases := filepath.Join(dir, "复议台账.csv")
	os.WriteFile(cases, []byte("编号,所属单位,收到申请日期,申请人,被申请人,行为类别,受理情况,受理日期,程序,中止期间,延期\n"+
		"兴府复〔2025〕7号,441481-SFJ,2025/7/31,王五,兴宁市市场监督管理局,行政处罚,受理,2025年8月4日,普通,2025-08-10~2025-08-29,是\n"), 0o600)
	if code, out := fazhi(t, dir, "import", "--kind", "reconsideration", cases); code != 0 {
		t.Fatal(out)
	}
	code, out := fazhi(t, dir, "deadlines", "--on", "2025-11-01", "--within", "0", "--format", "json")
	if code != 0 {
		t.Fatal(out)
	}
	var raw struct {
		Clocks []map[string]any `json:"clocks"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	due := map[string]string{}
	for _, c := range raw.Clocks {
		due[c["rule"].(string)], _ = c["due"].(string)
	}
	// 60 ND from 08-04 plus a 20-day suspension plus a 30-day extension ⇒ 2025-11-24 (the same
	// date the step-by-step test in internal/store reaches); the copy period ran out 08-13.
	if due["reconsideration.decision"] != "2025-11-24" || due["reconsideration.copy"] != "2025-08-13" {
		t.Fatalf("deadlines: %v\n%s", due, out)
	}
}
