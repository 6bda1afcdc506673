package ledger

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/fazhi/fazhi/internal/law"
)

// trim removes surrounding white space, including the ideographic space U+3000 and the
// no-break space that pasted web text brings (unicode.IsSpace covers both).
func trim(s string) string { return strings.TrimFunc(s, unicode.IsSpace) }

// fold maps full-width letters, digits and punctuation to their ASCII forms (２０２４ → 2024,
// ～ → ~, （ → () so that input typed with a Chinese IME in full-width mode still matches.
func fold(s string) string { return width.Fold.String(s) }

// splitList splits a list cell at the separators of ledgers.md "Lists" (; ； 、 , ，), and at
// line breaks typed with Alt+Enter inside a cell; items are trimmed, empty ones dropped.
func splitList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ';', '；', '、', ',', '，', '\n', '\r', '､':
			return true
		}
		return false
	})
	out := parts[:0]
	for _, p := range parts {
		if p = trim(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parser converts cells to canonical values; it caches org resolutions because a ledger
// names the same few organisations on thousands of rows.
type parser struct {
	opts     ParseOptions
	date1904 bool
	orgs     map[string]orgResult
}

type orgResult struct{ code, reason string }

// value converts one non-empty, trimmed cell of field f. It returns the canonical value or a
// Chinese reason.
func (p *parser) value(f law.Field, s string) (any, string) {
	switch f.Type {
	case law.Date:
		return str(parseDate(fold(s), p.date1904))
	case law.Int:
		return str(parseInt(fold(s)))
	case law.Money:
		return str(parseMoney(fold(s)))
	case law.Bool:
		return str(parseBool(fold(s)))
	case law.Enum:
		return str(p.enum(f, s))
	case law.List:
		items := splitList(s)
		if len(f.Values) > 0 {
			for i, it := range items {
				v, reason := p.enum(f, it)
				if reason != "" {
					return nil, "「" + it + "」" + reason
				}
				items[i] = v
			}
		}
		return items, ""
	case law.Intervals:
		return p.intervals(s)
	case law.IDNo:
		return str(parseIDNo(fold(s)))
	case law.Phone:
		return str(parsePhone(fold(s)))
	case law.Org:
		return str(p.org(s))
	default: // Text, Ref and any type declared later: keep the text as typed
		return s, ""
	}
}

func str(v, reason string) (any, string) {
	if reason != "" {
		return nil, reason
	}
	return v, ""
}

var reInt = regexp.MustCompile(`^([+-]?)0*(\d+)(?:\.0+)?$`)

// parseInt accepts an optional sign and "3.0" (a number cell Excel stored with a fraction).
func parseInt(s string) (string, string) {
	m := reInt.FindStringSubmatch(s)
	if m == nil {
		return "", "应为整数"
	}
	if len(m[2]) > 12 { // the store keeps up to 12 digits (law.CheckValue)
		return "", "数值过大"
	}
	if m[2] == "0" || m[1] == "+" {
		return m[2], ""
	}
	return m[1] + m[2], ""
}

var reMoney = regexp.MustCompile(`^(\d*)(?:\.(\d*))?$`)

// parseMoney returns an amount in 元 with at most two decimals, trailing zeros stripped. A
// currency sign, a trailing 元 and thousands separators are tolerated.
func parseMoney(s string) (string, string) {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "¥"), "￥")
	s = trim(strings.TrimSuffix(s, "元"))
	s = strings.ReplaceAll(s, ",", "")
	if strings.HasPrefix(s, "-") {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "", "金额不能为负数"
		}
	}
	m := reMoney.FindStringSubmatch(s)
	if m == nil || m[1]+m[2] == "" {
		return "", "应为金额（元，如 1200 或 1200.50）"
	}
	whole := strings.TrimLeft(m[1], "0")
	if whole == "" {
		whole = "0"
	}
	frac := strings.TrimRight(m[2], "0")
	if len(whole) > 13 { // up to 9999999999999.99 元, as law.CheckValue allows
		return "", "金额过大"
	}
	if len(frac) > 2 {
		return "", "金额最多两位小数"
	}
	if frac == "" {
		return whole, ""
	}
	return whole + "." + frac, ""
}

// parseBool accepts 是/否, Y/N, yes/no, 1/0 and true/false in any case (Excel's own boolean
// cells read as 1/0).
func parseBool(s string) (string, string) {
	switch strings.ToLower(s) {
	case "是", "y", "yes", "1", "true":
		return "是", ""
	case "否", "n", "no", "0", "false":
		return "否", ""
	}
	return "", "应为「是」或「否」"
}

// enum matches a word against the declared values and the deployment's extra words (字典),
// ignoring width differences, and returns the word as declared.
func (p *parser) enum(f law.Field, s string) (string, string) {
	want := fold(s)
	for _, v := range f.Values {
		if fold(v) == want {
			return v, ""
		}
	}
	for _, v := range p.opts.Words[f.Key] {
		if fold(v) == want {
			return v, ""
		}
	}
	allowed := append(append([]string{}, f.Values...), p.opts.Words[f.Key]...)
	return "", "不是可选的值（可选：" + strings.Join(allowed, "、") + "）"
}

// intervals reads `起日~止日` ranges separated like list items (`起日~` for one still open). The separator between the
// two dates may be ~ ～ 至 到 or a dash; a dash also occurs inside ISO dates, so every dash is
// tried until both halves read as dates.
func (p *parser) intervals(s string) (any, string) {
	var out []string
	for _, item := range splitList(s) {
		from, to, reason := p.interval(fold(item))
		if reason != "" {
			return nil, "「" + item + "」" + reason
		}
		if to != "" && from > to {
			return nil, "「" + item + "」起日晚于止日"
		}
		out = append(out, from+"~"+to)
	}
	return out, ""
}

func (p *parser) interval(s string) (from, to, reason string) {
	for _, sep := range []string{"~", "至", "到", "—", "–"} {
		if a, b, ok := strings.Cut(s, sep); ok {
			return p.datePair(a, b)
		}
	}
	for i := range len(s) {
		if s[i] != '-' {
			continue
		}
		if from, to, reason := p.datePair(s[:i], s[i+1:]); reason == "" {
			return from, to, ""
		}
	}
	return "", "", "应为「起日~止日」，如 2024-03-05~2024-04-01"
}

func (p *parser) datePair(a, b string) (string, string, string) {
	from, r1 := parseDate(trim(a), p.date1904)
	if r1 != "" {
		return "", "", "起日：" + r1
	}
	if trim(b) == "" {
		// 起日~: a suspension still in force (law.Intervals), as the store keeps and exports it.
		return from, "", ""
	}
	to, r2 := parseDate(trim(b), p.date1904)
	if r2 != "" {
		return "", "", "止日：" + r2
	}
	return from, to, ""
}

var rePhone = regexp.MustCompile(`^(?:\+86)?[0-9][0-9-]*$`)

// parsePhone accepts digits and hyphens with an optional +86, 7–20 characters in all and at
// least 7 digits besides the +86; spaces typed for readability are dropped.
func parsePhone(s string) (string, string) {
	s = strings.Join(strings.Fields(s), "")
	number := strings.TrimPrefix(s, "+86")
	digits := len(number) - strings.Count(number, "-")
	if !rePhone.MatchString(s) || len(s) < 7 || len(s) > 20 || digits < 7 {
		return "", "电话号码格式不正确（数字和连字符，7–20位，可带+86）"
	}
	return s, ""
}

// org resolves a code or exact name. Without a resolver the text is taken as the code.
func (p *parser) org(s string) (string, string) {
	if p.opts.ResolveOrg == nil {
		return s, ""
	}
	if r, ok := p.orgs[s]; ok {
		return r.code, r.reason
	}
	code, err := p.opts.ResolveOrg(s)
	if err != nil {
		// A code typed with full-width digits: retry folded before giving up.
		if f := fold(s); f != s {
			if c, err2 := p.opts.ResolveOrg(f); err2 == nil {
				code, err = c, nil
			}
		}
	}
	r := orgResult{code: code}
	if err != nil {
		r = orgResult{reason: err.Error()}
	}
	p.orgs[s] = r
	return r.code, r.reason
}
