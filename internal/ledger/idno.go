package ledger

import (
	"regexp"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// GB 11643-1999《公民身份号码》: 18 characters — a 6-digit address code, an 8-digit birth date
// (YYYYMMDD), a 3-digit sequence code and a check character computed by ISO 7064:1983
// MOD 11-2 over the first 17 digits, where the value 10 is written X.

var (
	reID15     = regexp.MustCompile(`^\d{15}$`)
	reScientic = regexp.MustCompile(`^\d(?:\.\d+)?E\+?\d+$`)
)

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
	}
	// The rest is the same check the store applies to every write (law.CheckIDNo).
	if msg := law.CheckIDNo(s); msg != "" {
		return "", msg
	}
	return s, ""
}
