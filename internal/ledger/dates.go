package ledger

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"
)

// Accepted date spellings (ledgers.md "Dates"): 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日,
// optionally followed by a time that is dropped (other systems export "2024-03-05 10:23:11",
// and Excel's ISO date cells read as "2024-03-05T00:00:00Z"); 20240305; an Excel serial.
var (
	reDateParts = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?` +
		`(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$`)
	reDateCompact = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	// A plain serial must have five digits (1927-05-18 onwards): a shorter number is far more
	// likely a mistyped year such as 2024 than a date in 1905.
	reSerial = regexp.MustCompile(`^\d{5}(?:\.\d+)?$`)
)

const (
	minYear = 1900
	maxYear = 2100
)

const reasonDateFormat = "日期格式无法识别（可写作 2024-03-05、2024/3/5、2024年3月5日 或 20240305）"

// parseDate returns the date as "YYYY-MM-DD", or "" and a reason in Chinese. s is already
// trimmed and width-folded.
func parseDate(s string, date1904 bool) (string, string) {
	if m := reDateParts.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := reDateCompact.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if reSerial.MatchString(s) {
		if d, ok := serialDate(s, date1904); ok {
			return d, ""
		}
		return "", "日期不存在"
	}
	return "", reasonDateFormat
}

func ymd(ys, ms, ds string) (string, string) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if y < minYear || y > maxYear {
		return "", "年份超出范围（1900–2100）"
	}
	if !dateExists(ys, ms, ds) {
		return "", "日期不存在"
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), ""
}

// dateExists reports whether the digits name a real calendar date: time.Date normalises
// 2024-02-30 to 2024-03-01, so a date that changes did not exist.
func dateExists(ys, ms, ds string) bool {
	y, err1 := strconv.Atoi(ys)
	m, err2 := strconv.Atoi(ms)
	d, err3 := strconv.Atoi(ds)
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

// serialDate converts an Excel date serial (days, with an optional time fraction that is
// dropped) to "YYYY-MM-DD". In the 1900 date system serial 1 is 1900-01-01 and, copying a
// Lotus 1-2-3 bug, serial 60 is the nonexistent 1900-02-29, so later serials count from
// 1899-12-30; in the 1904 system (old Mac workbooks) serial 0 is 1904-01-01.
func serialDate(s string, date1904 bool) (string, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > 2958465 { // 2958465 = 9999-12-31
		return "", false
	}
	days := int(math.Floor(f))
	var base time.Time
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days == 0 || days == 60:
		return "", false
	case days < 60:
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	default:
		base = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	}
	t := base.AddDate(0, 0, days)
	if t.Year() < minYear || t.Year() > maxYear {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// excelDate returns a canonical date as a time for writing a real date cell.
func excelDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}
