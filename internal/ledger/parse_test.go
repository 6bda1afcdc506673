package ledger

import (
	"reflect"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

// TestBadRows has one bad row per category; every error is reported with its row, column,
// value and reason, and the good rows still parse (for --skip-invalid).
func TestBadRows(t *testing.T) {
	text := "编号,受理日期,调解组织,纠纷类型,调解结果,结案日期,涉及金额,申请司法确认,当事人联系电话\n" +
		"OK-1,2024-03-05,441481100201901,邻里,调解中,,,,\n" +
		"BAD-DATE,2024-02-30,441481100201901,邻里,调解中,,,,\n" +
		"BAD-ORG,2024-03-05,幸福村人民调解委员会,邻里,调解中,,,,\n" +
		"BAD-AMBIG,2024-03-05,新村人民调解委员会,邻里,调解中,,,,\n" +
		"BAD-ENUM,2024-03-05,441481100201901,吵架,调解中,,,,\n" +
		",2024-03-05,441481100201901,邻里,调解中,,,,\n" +
		"BAD-MONEY,2024-03-05,441481100201901,邻里,调解中,,12.345,,\n" +
		"BAD-BOOL,2024-03-05,441481100201901,邻里,调解中,,,也许,\n" +
		"BAD-PHONE,2024-03-05,441481100201901,邻里,调解中,,,,电话123\n" +
		"BAD-UNLESS,2024-03-05,441481100201901,邻里,成功,,,,\n" +
		"BAD-CHECK,2024-03-05,441481100201901,邻里,成功,2024-03-01,,,\n" +
		"OK-1,2024-03-06,441481100201901,邻里,调解中,,,,\n" +
		"TWO,2024-13-01,441481100201901,吵架,调解中,,,,\n" +
		"OK-2,2024-03-05,441481100201901,邻里,成功,2024-03-05,,是,0753-1234567\n"
	s := mustRead(t, writeCSVFile(t, "bad.csv", text, "bom"))
	rows, errs, warnings := ParseKind(law.Mediation, s, mediationOpts())
	want := []string{
		"第3行 列「受理日期」值「2024-02-30」：日期不存在",
		"第4行 列「调解组织」值「幸福村人民调解委员会」：未知的组织",
		"第5行 列「调解组织」值「新村人民调解委员会」：名称对应多个组织，请填写编码",
		"第6行 列「纠纷类型」值「吵架」：不是可选的值（可选：婚姻家庭、邻里、房屋宅基地、合同、损害赔偿、劳动争议、山林土地、征地拆迁、医疗、道路交通、物业、其他）",
		"第7行 列「编号」值「」：必填",
		"第8行 列「涉及金额」值「12.345」：金额最多两位小数",
		"第9行 列「申请司法确认」值「也许」：应为「是」或「否」",
		"第10行 列「当事人联系电话」值「电话123」：电话号码格式不正确（数字和连字符，7–20位，可带+86）",
		"第11行 列「结案日期」值「」：必填（调解结果为「成功」时）",
		"第12行 列「结案日期」值「2024-03-01」：结案日期早于受理日期（结案不早于受理）",
		"第13行 列「编号」值「OK-1」：与第2行重复",
		"第14行 列「受理日期」值「2024-13-01」：日期不存在",
		"第14行 列「纠纷类型」值「吵架」：不是可选的值（可选：婚姻家庭、邻里、房屋宅基地、合同、损害赔偿、劳动争议、山林土地、征地拆迁、医疗、道路交通、物业、其他）",
	}
	if got := errStrings(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(warnings) != 0 {
		t.Errorf("warnings %v", warnings)
	}
	var codes []string
	for _, r := range rows {
		codes = append(codes, r.Values.Str("code"))
	}
	if !reflect.DeepEqual(codes, []string{"OK-1", "OK-2"}) {
		t.Errorf("valid rows %v", codes)
	}
}

// TestBadIDNo uses the org-owned officer-like columns: an idno field beside a name.
func TestBadIDNo(t *testing.T) {
	fields := []law.Field{
		{Key: "code", Label: "编号", Type: law.Text, Required: true, Column: law.ColCode},
		{Key: "name", Label: "姓名", Type: law.Text, Required: true},
		{Key: "id_no", Label: "身份证号", Type: law.IDNo},
	}
	text := "编号,姓名,身份证号\n1,张三,11010519491231002x\n2,李四,110105194912310021\n3,王五,110105491231002\n"
	rows, errs, _ := Parse(fields, mustRead(t, writeCSVFile(t, "p.csv", text, "")), ParseOptions{})
	want := []string{
		"第3行 列「身份证号」值「110105194912310021」：身份证号校验码不符（GB 11643-1999），请核对号码",
		"第4行 列「身份证号」值「110105491231002」：15位旧身份证号已停用，请填写18位号码（GB 11643-1999）",
	}
	if got := errStrings(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("errors %q", got)
	}
	if len(rows) != 1 || rows[0].Values.Str("id_no") != "11010519491231002X" {
		t.Errorf("rows %+v", rows)
	}
}

// TestMissingRequiredColumn: the whole file is refused, naming the column.
func TestMissingRequiredColumn(t *testing.T) {
	text := "编号,调解组织,纠纷类型\nTJ-1,441481100201901,邻里\n"
	rows, errs, _ := ParseKind(law.Mediation, mustRead(t, writeCSVFile(t, "m.csv", text, "")), mediationOpts())
	if rows != nil {
		t.Errorf("rows %v from a refused file", rows)
	}
	// 调解结果 is required but has a default (调解中), so its column may be left out.
	want := []string{"第1行 列「受理日期」值「」：缺少必填列，整个文件未导入"}
	if got := errStrings(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("errors %q", got)
	}

	// The org column may be absent when the import names the org (--org).
	text = "编号,受理日期,纠纷类型\nTJ-1,2024-03-05,邻里\n"
	opts := mediationOpts()
	if _, errs, _ = ParseKind(law.Mediation, mustRead(t, writeCSVFile(t, "m.csv", text, "")), opts); len(errs) != 1 || errs[0].Column != "调解组织" {
		t.Errorf("without --org: %q", errStrings(errs))
	}
	opts.DefaultOrg = "石马村人民调解委员会"
	rows, errs, _ = ParseKind(law.Mediation, mustRead(t, writeCSVFile(t, "m.csv", text, "")), opts)
	wantNoErrors(t, errs)
	wantValues(t, rows[0].Values, law.Values{"code": "TJ-1", "accepted_on": "2024-03-05", "committee": "441481103204901",
		"dispute_type": "邻里", "result": "调解中"})
	if !reflect.DeepEqual(rows[0].Given, []string{"code", "accepted_on", "dispute_type"}) {
		t.Errorf("given %v", rows[0].Given)
	}

	// A column given twice is ambiguous: refused.
	text = "编号,受理日期,调解组织,纠纷类型,编号 \nTJ-1,2024-03-05,441481100201901,邻里,TJ-2\n"
	_, errs, _ = ParseKind(law.Mediation, mustRead(t, writeCSVFile(t, "m.csv", text, "")), mediationOpts())
	if got := errStrings(errs); len(got) != 1 || !strings.Contains(got[0], "列重复（第A列和第E列）") {
		t.Errorf("repeated column: %q", got)
	}
}

// TestHeaders: surrounding and full-width spaces, full-width letters and digits, unknown
// columns (a warning, ignored), columns in any order.
func TestHeaders(t *testing.T) {
	fields := []law.Field{
		{Key: "code", Label: "编号", Type: law.Text, Required: true, Column: law.ColCode},
		{Key: "hotline", Label: "12348热线(人次)", Type: law.Int},
		{Key: "on", Label: "日期", Type: law.Date, Required: true},
	}
	text := "\u3000日期 ,备注,１２３４８热线（人次）, 编号\u3000\n2024-03-05,随便写,12,A1\n"
	rows, errs, warnings := Parse(fields, mustRead(t, writeCSVFile(t, "h.csv", text, "gb18030")), ParseOptions{})
	wantNoErrors(t, errs)
	if !reflect.DeepEqual(warnings, []string{"未知的列「备注」，已忽略"}) {
		t.Errorf("warnings %q", warnings)
	}
	wantValues(t, rows[0].Values, law.Values{"code": "A1", "hotline": "12", "on": "2024-03-05"})
}

// TestDefaults: a field's Default fills empty cells and absent columns.
func TestDefaults(t *testing.T) {
	fields := []law.Field{
		{Key: "code", Label: "编号", Type: law.Text, Required: true, Column: law.ColCode},
		{Key: "times", Label: "人次", Type: law.Int, Default: "1"},
	}
	text := "编号,人次\nA,\nB,3\n"
	rows, errs, _ := Parse(fields, mustRead(t, writeCSVFile(t, "d.csv", text, "")), ParseOptions{})
	wantNoErrors(t, errs)
	if rows[0].Values.Str("times") != "1" || rows[1].Values.Str("times") != "3" {
		t.Errorf("rows %+v", rows)
	}
}

// TestOrgLedger parses the org tree's columns, which have no kind.
func TestOrgLedger(t *testing.T) {
	text := "编码,名称,类型,上级编码,统一社会信用代码\n441481,兴宁市,县级市,,\n441481100,宁新街道,街 道,441481,\n441481100,重复,村,,\n"
	rows, errs, _ := Parse(law.OrgFields, mustRead(t, writeCSVFile(t, "org.csv", text, "")), ParseOptions{Key: "code"})
	want := []string{
		"第3行 列「类型」值「街 道」：不是可选的值（可选：" + strings.Join(law.OrgTypes, "、") + "）",
		// Row 3 is rejected, but the file still names 441481100 twice.
		"第4行 列「编码」值「441481100」：与第3行重复",
	}
	if got := errStrings(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("errors %q", got)
	}
	if len(rows) != 1 {
		t.Fatalf("rows %+v", rows)
	}
	wantValues(t, rows[0].Values, law.Values{"code": "441481", "name": "兴宁市", "type": "县级市"})
}
