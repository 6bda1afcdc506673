package law

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Problem is one thing wrong with a record's values, said so that a clerk knows what to fix.
type Problem struct {
	Field   string // key
	Label   string // the Chinese field name
	Message string
}

func (p Problem) String() string { return "「" + p.Label + "」" + p.Message }

// Validate checks values in canonical form (the form the store keeps: dates YYYY-MM-DD, bools
// 是/否, lists as []string) against the kind: required fields for the status, types, allowed
// words and the cross-field checks. Parsing the many input formats a ledger allows is the
// ledger package's job; this is the last gate before anything is stored.
func (k *Kind) Validate(v Values) []Problem { return k.ValidateWords(v, nil) }

// ValidateWords is Validate with a deployment's dictionary (字典): extra allowed words per
// enumeration field key, beside the listed ones that always work (ledgers.md).
func (k *Kind) ValidateWords(v Values, words map[string][]string) []Problem {
	return k.ValidateIn(v, words, Env{})
}

// ValidateIn is ValidateWords with the calendar in force and today, for the checks that count
// working days (Check.TestEnv). Without them (a zero Env) those checks let the values pass.
func (k *Kind) ValidateIn(v Values, words map[string][]string, env Env) []Problem {
	status := ""
	if f, ok := k.FieldByColumn(ColStatus); ok {
		status = v.Str(f.Key)
		if status != "" && !contains(k.States, status) {
			return []Problem{{f.Key, f.Label, fmt.Sprintf("状态「%s」不存在，应为：%s", status, strings.Join(k.States, "、"))}}
		}
	}
	var out []Problem
	for _, f := range k.Fields {
		if len(words[f.Key]) > 0 {
			f.Values = append(append([]string{}, f.Values...), words[f.Key]...)
		}
		if msg := CheckValue(f, v[f.Key]); msg != "" {
			out = append(out, Problem{f.Key, f.Label, msg})
		} else if msg := k.numberInText(f, v[f.Key]); msg != "" {
			out = append(out, Problem{f.Key, f.Label, msg})
		} else if f.RequiredFor(status) && IsEmpty(v[f.Key]) {
			why := "必填"
			if !f.Required {
				why = "状态为「" + status + "」时必填"
			}
			out = append(out, Problem{f.Key, f.Label, why})
		}
	}
	if len(out) > 0 {
		return out
	}
	return k.CrossChecks(v, env)
}

// CrossChecks are the problems the kind's checks (the rules between fields) find in v. A form
// shows them beside the format and required problems of the same submit (one round); the store
// runs them only on values whose every field is well-formed (ValidateIn).
func (k *Kind) CrossChecks(v Values, env Env) []Problem {
	var out []Problem
	for _, c := range k.Checks {
		if key, msg := c.Run(v, env); key != "" {
			f, _ := k.Field(key)
			out = append(out, Problem{key, f.Label, msg + "（" + c.Article + "）"})
		}
	}
	return out
}

// Run applies the check under env (Test, or TestEnv for a check that needs the calendar).
func (c Check) Run(v Values, env Env) (field, message string) {
	if c.TestEnv != nil {
		return c.TestEnv(v, env)
	}
	return c.Test(v)
}

// IsEmpty reports whether a value is absent.
func IsEmpty(x any) bool {
	switch t := x.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(t) == ""
	case []string:
		return len(t) == 0
	}
	return false
}

var (
	moneyRe = regexp.MustCompile(`^\d{1,13}(\.\d{1,2})?$`)
	intRe   = regexp.MustCompile(`^-?\d{1,12}$`)
	phoneRe = regexp.MustCompile(`^(\+?86[- ]?)?[0-9][0-9-]{6,19}$`) // 7–20 characters after +86
)

// CheckValue checks one canonical value against its field's type; "" means fine (an empty value
// is fine here: requiredness is checked separately).
func CheckValue(f Field, x any) string {
	if IsEmpty(x) {
		return ""
	}
	if msg := checkLength(f, x); msg != "" {
		return msg
	}
	switch f.Type {
	case List, Intervals:
		items, ok := x.([]string)
		if !ok {
			return "应为列表"
		}
		for _, it := range items {
			if f.Type == Intervals {
				if msg := checkInterval(it); msg != "" {
					return msg
				}
			} else if len(f.Values) > 0 && !contains(f.Values, it) {
				return fmt.Sprintf("「%s」不在允许的值中：%s", it, strings.Join(f.Values, "、"))
			}
		}
		return ""
	}
	s, ok := x.(string)
	if !ok {
		return "应为文本"
	}
	switch f.Type {
	case Date:
		if !ValidDate(s) {
			return fmt.Sprintf("「%s」不是有效日期（格式 YYYY-MM-DD）", s)
		}
	case Int:
		if !intRe.MatchString(s) {
			return fmt.Sprintf("「%s」不是整数", s)
		}
	case Money:
		if !moneyRe.MatchString(s) {
			return fmt.Sprintf("「%s」不是有效金额（元，最多两位小数，不能为负）", s)
		}
	case Bool:
		if s != "是" && s != "否" {
			return fmt.Sprintf("「%s」应为 是 或 否", s)
		}
	case Enum:
		if !contains(f.Values, s) {
			return fmt.Sprintf("「%s」不在允许的值中：%s", s, strings.Join(f.Values, "、"))
		}
	case IDNo:
		if msg := CheckIDNo(s); msg != "" {
			return msg
		}
	case Phone:
		if !phoneRe.MatchString(s) {
			return fmt.Sprintf("「%s」不是有效的电话号码", s)
		}
	}
	return ""
}

// ValidDate reports whether s is an existing date written YYYY-MM-DD.
func ValidDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	t, err := time.Parse("2006-01-02", s)
	return err == nil && t.Format("2006-01-02") == s
}

// checkInterval accepts `起日~止日`, and `起日~` for a suspension still in force.
func checkInterval(s string) string {
	from, to, ok := strings.Cut(s, "~")
	if !ok || !ValidDate(from) || (to != "" && !ValidDate(to)) {
		return fmt.Sprintf("「%s」应为 起日~止日", s)
	}
	if to == "" {
		return ""
	}
	if to < from {
		return fmt.Sprintf("「%s」止日早于起日", s)
	}
	return ""
}

// CheckIDNo verifies an 18-character 居民身份证号码 (GB 11643-1999): 17 digits and a check
// character, a birth date (characters 7–14) that exists, and the check character computed by
// ISO 7064 MOD 11-2 — weights 2^(17−i) mod 11 over the first 17 digits, the sum mod 11 indexing
// "10X98765432". It returns "" or what is wrong, in Chinese.
func CheckIDNo(s string) string {
	if len(s) != 18 {
		return "身份证号应为18位"
	}
	sum := 0
	for i := 0; i < 17; i++ {
		d, err := strconv.Atoi(s[i : i+1])
		if err != nil {
			return "身份证号前17位应为数字，最后一位为数字或X"
		}
		sum += d * ((1 << (17 - i)) % 11)
	}
	if c := s[17]; c != 'X' && (c < '0' || c > '9') {
		return "身份证号前17位应为数字，最后一位为数字或X"
	}
	if !ValidDate(s[6:10] + "-" + s[10:12] + "-" + s[12:14]) {
		return "身份证号中的出生日期（第7–14位）不存在"
	}
	if "10X98765432"[sum%11] != s[17] {
		return "身份证号校验码不符（GB 11643-1999），请核对号码"
	}
	return ""
}
