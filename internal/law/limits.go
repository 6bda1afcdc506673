package law

import (
	"fmt"
	"unicode/utf8"
)

// Length limits (等保2.0 三级 asks for input validity checks: 《信息安全技术 网络安全等级保护基本要求》
// GB/T 22239-2019 8.1.4.5 软件容错 a). Every value a form, the API or a ledger brings reaches the
// database, the audit chain and the pages, so none is unbounded. A field declares MaxLen /
// MaxItems where the default does not fit; the defaults cover every other field.
const (
	// DefaultMaxLen is the cap of a short text (a name, a 编号, a court case number) and of
	// any other scalar: dates, amounts and words are far shorter, and a longer value is
	// refused before its type is checked, so no message echoes a megabyte.
	DefaultMaxLen = 200
	// LongTextMaxLen is what the long texts declare (纠纷简要情况, 咨询意见): several pages.
	LongTextMaxLen = 5000
	// DefaultMaxItems is the cap of a list (当事人, 接收单位) and of 中止期间.
	DefaultMaxItems = 50
)

// MaxLength is the most characters a value (each item of a list) of f may have.
func (f Field) MaxLength() int {
	if f.MaxLen > 0 {
		return f.MaxLen
	}
	return DefaultMaxLen
}

// MaxListItems is the most items a list or intervals value of f may have.
func (f Field) MaxListItems() int {
	if f.MaxItems > 0 {
		return f.MaxItems
	}
	return DefaultMaxItems
}

// checkLength says how a value exceeds f's limits, or "". Lengths are counted in characters,
// as a clerk counts them, not bytes.
func checkLength(f Field, x any) string {
	switch t := x.(type) {
	case string:
		if n := utf8.RuneCountInString(t); n > f.MaxLength() {
			return fmt.Sprintf("过长：最多 %d 个字，现有 %d 个字", f.MaxLength(), n)
		}
	case []string:
		if len(t) > f.MaxListItems() {
			return fmt.Sprintf("项数过多：最多 %d 项，现有 %d 项", f.MaxListItems(), len(t))
		}
		for i, it := range t {
			if n := utf8.RuneCountInString(it); n > f.MaxLength() {
				return fmt.Sprintf("第%d项过长：每项最多 %d 个字，现有 %d 个字", i+1, f.MaxLength(), n)
			}
		}
	}
	return ""
}
