package law

import (
	"fmt"
	"regexp"
	"strings"
)

// 身份证号 and mobile numbers belong in their own fields (Type IDNo / Phone), which the store
// seals (AES-GCM), looks up by keyed hash and masks on every page and export. Typed into a free
// text (当事人, 纠纷简要情况) the same number would sit in plaintext in the database, its WAL,
// backups, the audit chain and every list. A write carrying one is refused, naming the field
// and the place where the number belongs. Refusing was chosen over sealing the number inside
// the text: a text with sealed pieces could no longer be searched with LIKE, and masking would
// need to re-find the numbers on every read of every text (《个人信息保护法》第51条: 采取
// 加密、去标识化等安全技术措施; 第28条: 身份证号 is sensitive information).

var (
	// digitRun is a maximal run of digits, possibly ending in the ID check character X.
	digitRun = regexp.MustCompile(`[0-9]+[Xx]?`)
	// groupedMobile is a mobile number written in groups (138-1234-5678, 138 1234 5678),
	// between non-digits.
	groupedMobile = regexp.MustCompile(`(?:^|[^0-9])(1[3-9][0-9])[- ]([0-9]{4})[- ]([0-9]{4})(?:[^0-9]|$)`)
	// mobileRe: a mainland mobile number (号段 13x–19x, 11 digits), optionally after 86.
	mobileRe = regexp.MustCompile(`^(?:86)?1[3-9][0-9]{9}$`)
)

// freeText reports whether f holds text as typed, where a number could be slipped in.
func freeText(f Field) bool {
	return f.Type == Text || (f.Type == List && len(f.Values) == 0)
}

// numberInText returns a message when a free-text value of f holds a GB 11643-valid 身份证号
// or a mainland mobile number, else "".
func (k *Kind) numberInText(f Field, x any) string {
	if !freeText(f) {
		return ""
	}
	var texts []string
	switch t := x.(type) {
	case string:
		texts = []string{t}
	case []string:
		texts = t
	}
	for _, s := range texts {
		id, mobile := FindIDOrMobile(s)
		switch {
		case id != "":
			return fmt.Sprintf("中含有身份证号「%s」：文本不加密、不脱敏，身份证号不能写在这里；%s", maskNumber(id), k.whereItBelongs(IDNo, "身份证号"))
		case mobile != "":
			return fmt.Sprintf("中含有手机号「%s」：文本不加密、不脱敏，电话号码不能写在这里；%s", maskNumber(mobile), k.whereItBelongs(Phone, "电话"))
		}
	}
	return ""
}

// whereItBelongs points to the kind's field of type t.
func (k *Kind) whereItBelongs(t FieldType, what string) string {
	for _, f := range k.Fields {
		if f.Type == t {
			return "请填入「" + f.Label + "」字段"
		}
	}
	return "本台账不登记" + what + "，请删去"
}

// FindIDOrMobile returns the first 18-character 身份证号 with a valid check character
// (CheckIDNo) or the first mobile number in s, standing alone between non-digits. Full-width
// digits count as digits (a Chinese IME types them).
func FindIDOrMobile(s string) (id, mobile string) {
	s = foldDigits(s)
	for _, run := range digitRun.FindAllString(s, -1) {
		up := strings.ToUpper(run)
		if len(up) == 18 && CheckIDNo(up) == "" {
			return up, ""
		}
		if mobile == "" && mobileRe.MatchString(run) {
			mobile = run[len(run)-11:]
		}
	}
	if mobile == "" {
		if m := groupedMobile.FindStringSubmatch(s); m != nil {
			mobile = m[1] + m[2] + m[3]
		}
	}
	return "", mobile
}

// foldDigits maps the full-width digits ０–９ and Ｘ to ASCII.
func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == 'Ｘ' || r == 'ｘ':
			return 'X'
		}
		return r
	}, s)
}

// maskNumber keeps the first 3 and last 4 characters, as the store's masks do.
func maskNumber(s string) string {
	if len(s) <= 7 {
		return s
	}
	return s[:3] + strings.Repeat("*", len(s)-7) + s[len(s)-4:]
}
