package ledger

import (
	"regexp"
	"strings"
)

// GB 11643-1999《公民身份号码》: 18 characters — a 6-digit address code, an 8-digit birth date
// (YYYYMMDD), a 3-digit sequence code and a check character computed by ISO 7064:1983
// MOD 11-2 over the first 17 digits, where the value 10 is written X.

// idWeights are 2^(17-i) mod 11 for positions i = 0..16 (GB 11643-1999 §8.2).
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheckChars maps (Σ aᵢ·Wᵢ) mod 11 to the check character.
const idCheckChars = "10X98765432"

var (
	reID18     = regexp.MustCompile(`^\d{17}[\dX]$`)
	reID15     = regexp.MustCompile(`^\d{15}$`)
	reScientic = regexp.MustCompile(`^\d(?:\.\d+)?E\+?\d+$`)
)

// idCheckChar returns the GB 11643 check character for the first 17 digits of an ID.
func idCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// parseIDNo validates a resident ID number and returns it upper-cased, or a reason. s is
// trimmed and width-folded.
func parseIDNo(s string) (string, string) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	switch {
	case reScientic.MatchString(s):
		// Excel turned the number into a double and kept only 15 significant digits.
		return "", "身份证号被 Excel 存成了数字，末尾几位已丢失；请把该列设为文本格式后重新录入"
	case reID15.MatchString(s):
		return "", "15位旧身份证号已停用，请填写18位号码（GB 11643-1999）"
	case len(s) != 18:
		return "", "身份证号应为18位"
	case !reID18.MatchString(s):
		return "", "身份证号前17位应为数字，最后一位为数字或X"
	}
	if !dateExists(s[6:10], s[10:12], s[12:14]) {
		return "", "身份证号中的出生日期（第7–14位）不存在"
	}
	if idCheckChar(s[:17]) != s[17] {
		return "", "身份证号校验码不符（GB 11643-1999），请核对号码"
	}
	return s, ""
}
