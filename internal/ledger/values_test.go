package ledger

import (
	"reflect"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

func TestParseDate(t *testing.T) {
	for _, c := range []struct{ in, want, reason string }{
		{"2024-03-05", "2024-03-05", ""},
		{"2024/3/5", "2024-03-05", ""},
		{"2024年3月5日", "2024-03-05", ""},
		{"2024 年 3 月 5 日", "2024-03-05", ""},
		{"20240305", "2024-03-05", ""},
		{"2024.3.5", "2024-03-05", ""},
		{"2024-3-5", "2024-03-05", ""},
		{"2024-03-05 10:23:11", "2024-03-05", ""},
		{"2024-03-05T00:00:00Z", "2024-03-05", ""},
		{"45356", "2024-03-05", ""}, // Excel serial
		{"45356.75", "2024-03-05", ""},
		{"2024-02-29", "2024-02-29", ""},
		{"2024-02-30", "", "日期不存在"},
		{"2023-02-29", "", "日期不存在"},
		{"2024-13-01", "", "日期不存在"},
		{"20240230", "", "日期不存在"},
		{"1800-01-01", "", "年份超出范围（1900–2100）"},
		{"2024", "", reasonDateFormat}, // a year alone is not a serial
		{"3月5日", "", reasonDateFormat},
		{"昨天", "", reasonDateFormat},
	} {
		got, reason := parseDate(c.in, false)
		if got != c.want || reason != c.reason {
			t.Errorf("parseDate(%q) = %q, %q; want %q, %q", c.in, got, reason, c.want, c.reason)
		}
	}
}

func TestSerialDate(t *testing.T) {
	for _, c := range []struct {
		serial string
		d1904  bool
		want   string
		ok     bool
	}{
		{"1", false, "1900-01-01", true},
		{"59", false, "1900-02-28", true},
		{"60", false, "", false}, // Excel's fictitious 1900-02-29
		{"61", false, "1900-03-01", true},
		{"45356", false, "2024-03-05", true},
		{"43894", true, "2024-03-05", true}, // 1904 system: 1462 days less
		{"0", false, "", false},
	} {
		got, ok := serialDate(c.serial, c.d1904)
		if got != c.want || ok != c.ok {
			t.Errorf("serialDate(%s, %v) = %q, %v; want %q, %v", c.serial, c.d1904, got, ok, c.want, c.ok)
		}
	}
}

func TestScalars(t *testing.T) {
	type fn func(string) (string, string)
	for _, c := range []struct {
		name   string
		f      fn
		in     string
		want   string
		reason string
	}{
		{"int", parseInt, "3", "3", ""},
		{"int", parseInt, "007", "7", ""},
		{"int", parseInt, "3.0", "3", ""},
		{"int", parseInt, "+5", "5", ""},
		{"int", parseInt, "-0", "0", ""},
		{"int", parseInt, "3.5", "", "应为整数"},
		{"int", parseInt, "1234567890123", "", "数值过大"},
		{"money", parseMoney, "12345678901234", "", "金额过大"},
		{"int", parseInt, "三", "", "应为整数"},
		{"money", parseMoney, "1200", "1200", ""},
		{"money", parseMoney, "1200.50", "1200.5", ""},
		{"money", parseMoney, "1200.00", "1200", ""},
		{"money", parseMoney, "0.05", "0.05", ""},
		{"money", parseMoney, ".5", "0.5", ""},
		{"money", parseMoney, "¥1,200.5元", "1200.5", ""},
		{"money", parseMoney, "1200.500", "1200.5", ""},
		{"money", parseMoney, "1200.555", "", "金额最多两位小数"},
		{"money", parseMoney, "-3", "", "金额不能为负数"},
		{"money", parseMoney, "一千", "", "应为金额（元，如 1200 或 1200.50）"},
		{"bool", parseBool, "是", "是", ""},
		{"bool", parseBool, "Y", "是", ""},
		{"bool", parseBool, "true", "是", ""},
		{"bool", parseBool, "TRUE", "是", ""},
		{"bool", parseBool, "1", "是", ""},
		{"bool", parseBool, "否", "否", ""},
		{"bool", parseBool, "n", "否", ""},
		{"bool", parseBool, "FALSE", "否", ""},
		{"bool", parseBool, "0", "否", ""},
		{"bool", parseBool, "也许", "", "应为「是」或「否」"},
		{"phone", parsePhone, "13800138000", "13800138000", ""},
		{"phone", parsePhone, "0753-2345678", "0753-2345678", ""},
		{"phone", parsePhone, "+86 138 0013 8000", "+8613800138000", ""},
		{"phone", parsePhone, "-13800138000", "", "电话号码格式不正确（数字和连字符，7–20位，可带+86）"},
		{"phone", parsePhone, "12345", "", "电话号码格式不正确（数字和连字符，7–20位，可带+86）"},
		{"phone", parsePhone, "138-0013-800a", "", "电话号码格式不正确（数字和连字符，7–20位，可带+86）"},
	} {
		got, reason := c.f(fold(c.in))
		if got != c.want || reason != c.reason {
			t.Errorf("%s(%q) = %q, %q; want %q, %q", c.name, c.in, got, reason, c.want, c.reason)
		}
	}
}

// TestIDNo checks GB 11643-1999 validation with the standard's own example number
// (11010519491231002X) and numbers whose check character is computed here.
func TestIDNo(t *testing.T) {
	withCheck := func(first17 string) string { return first17 + string(idCheckChar(first17)) }
	valid := withCheck("44148119900307123")
	next := map[byte]byte{'X': '0', '9': 'X'}
	wrongCheck := valid[:17] + string(next[valid[17]])
	if next[valid[17]] == 0 {
		wrongCheck = valid[:17] + string(valid[17]+1)
	}
	for _, c := range []struct{ in, want, reason string }{
		{"11010519491231002X", "11010519491231002X", ""},
		{"11010519491231002x", "11010519491231002X", ""},
		{fold("１１０１０５１９４９１２３１００２Ｘ"), "11010519491231002X", ""},
		{valid, valid, ""},
		{wrongCheck, "", "身份证号校验码不符（GB 11643-1999），请核对号码"},
		{withCheck("11010519490230001"), "", "身份证号中的出生日期（第7–14位）不存在"},
		{"110105491231002", "", "15位旧身份证号已停用，请填写18位号码（GB 11643-1999）"},
		{"4.41481199003071E+17", "", "身份证号被 Excel 存成了数字，末尾几位已丢失；请把该列设为文本格式后重新录入"},
		{"1101051949123100", "", "身份证号应为18位"},
		{"11010519491231002Y", "", "身份证号前17位应为数字，最后一位为数字或X"},
	} {
		got, reason := parseIDNo(c.in)
		if got != c.want || reason != c.reason {
			t.Errorf("parseIDNo(%q) = %q, %q; want %q, %q", c.in, got, reason, c.want, c.reason)
		}
	}
}

func TestListsAndIntervals(t *testing.T) {
	p := &parser{orgs: map[string]orgResult{}}
	list := law.Field{Key: "l", Label: "当事人", Type: law.List}
	v, reason := p.value(list, "张三；李四、王五,赵六，钱七;; 孙八 \n周九")
	if want := []string{"张三", "李四", "王五", "赵六", "钱七", "孙八", "周九"}; reason != "" || !reflect.DeepEqual(v, want) {
		t.Errorf("list = %#v, %q; want %#v", v, reason, want)
	}
	fixed := law.Field{Key: "m", Label: "办理方式", Type: law.List, Values: []string{"一次办", "容缺办", "加急"}}
	if v, reason = p.value(fixed, "一次办、加急"); reason != "" || !reflect.DeepEqual(v, []string{"一次办", "加急"}) {
		t.Errorf("fixed list = %#v, %q", v, reason)
	}
	if _, reason = p.value(fixed, "一次办、马上办"); !strings.HasPrefix(reason, "「马上办」不是可选的值") {
		t.Errorf("fixed list with unknown word: %q", reason)
	}

	iv := law.Field{Key: "s", Label: "中止期间", Type: law.Intervals}
	for in, want := range map[string][]string{
		"2024-03-05~2024-04-01":                    {"2024-03-05~2024-04-01"},
		"2024-03-05～2024-04-01":                    {"2024-03-05~2024-04-01"},
		"2024年3月5日至2024年4月1日":                      {"2024-03-05~2024-04-01"},
		"2024-03-05-2024-04-01":                    {"2024-03-05~2024-04-01"},
		"2024/3/5-2024/4/1；2024.5.1~2024.5.3":      {"2024-03-05~2024-04-01", "2024-05-01~2024-05-03"},
		"20240305-20240401, 2024-06-01~2024-06-01": {"2024-03-05~2024-04-01", "2024-06-01~2024-06-01"},
		"2024-03-05~2024-04-01；2024-05-06~":        {"2024-03-05~2024-04-01", "2024-05-06~"},
		"2024年5月6日至":                               {"2024-05-06~"},
	} {
		v, reason := p.value(iv, in)
		if reason != "" || !reflect.DeepEqual(v, want) {
			t.Errorf("intervals(%q) = %#v, %q; want %#v", in, v, reason, want)
		}
	}
	for in, want := range map[string]string{
		"2024-04-01~2024-03-05": "「2024-04-01~2024-03-05」起日晚于止日",
		"2024-02-30~2024-03-05": "「2024-02-30~2024-03-05」起日：日期不存在",
		"2024-03-05":            "「2024-03-05」应为「起日~止日」，如 2024-03-05~2024-04-01",
	} {
		if _, reason := p.value(iv, in); reason != want {
			t.Errorf("intervals(%q) reason %q; want %q", in, reason, want)
		}
	}
}

func TestEnumWidthAndWords(t *testing.T) {
	p := &parser{orgs: map[string]orgResult{}, opts: ParseOptions{Words: map[string][]string{"t": {"其它"}}}}
	f := law.Field{Key: "t", Label: "类别", Type: law.Enum, Values: []string{"12348热线", "来访"}}
	if v, r := p.value(f, "１２３４８热线"); v != "12348热线" || r != "" {
		t.Errorf("full-width enum = %v, %q", v, r)
	}
	if v, r := p.value(f, "其它"); v != "其它" || r != "" {
		t.Errorf("dictionary word = %v, %q", v, r)
	}
	if _, r := p.value(f, "上门"); r != "不是可选的值（可选：12348热线、来访、其它）" {
		t.Errorf("unknown word reason %q", r)
	}
}

func TestHeaderKey(t *testing.T) {
	for _, h := range []string{" 编号 ", "编号\u3000", "\u00a0编号", "编\n号", "编  号"} {
		if headerKey(h) != "编号" {
			t.Errorf("headerKey(%q) = %q", h, headerKey(h))
		}
	}
	if headerKey("ＩＤ（号）") != headerKey("ID(号)") {
		t.Errorf("full-width header does not fold: %q", headerKey("ＩＤ（号）"))
	}
	if columnName(0) != "A" || columnName(25) != "Z" || columnName(26) != "AA" || columnName(701) != "ZZ" {
		t.Error("columnName")
	}
}

func TestFormatCodeIsDate(t *testing.T) {
	for code, want := range map[string]bool{
		"yyyy-mm-dd":                 true,
		`yyyy"年"m"月"d"日"`:            true,
		"[$-804]yyyy/m/d;@":          true,
		"m/d/yy h:mm":                true,
		"h:mm:ss":                    false,
		"0.00":                       false,
		`#,##0.00_);[Red](#,##0.00)`: false,
		`0"天"`:                       false,
		"General":                    false,
		"@":                          false,
	} {
		if got := formatCodeIsDate(code); got != want {
			t.Errorf("formatCodeIsDate(%q) = %v", code, got)
		}
	}
}

func TestRoundFloatNoise(t *testing.T) {
	for in, want := range map[string]string{
		"0.30000000000000004":  "0.3",
		"1200.4999999999998":   "1200.5",
		"1200.5":               "1200.5",
		"4.41481199003071E+17": "4.41481199003071E+17",
		"441481199003071234":   "441481199003071234",
	} {
		if got := roundFloatNoise(in); got != want {
			t.Errorf("roundFloatNoise(%q) = %q; want %q", in, got, want)
		}
	}
}

// idCheckChar computes the GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17
// digits, to build valid test numbers.
func idCheckChar(first17 string) byte {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11]
}
