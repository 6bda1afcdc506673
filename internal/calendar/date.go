package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date (year, month, day) with no time of day and no time zone.
// The zero value means "no date": it prints and marshals as "" and reports IsZero.
// Dates are comparable with == and usable as map keys.
type Date struct {
	// n is the number of days since 0000-03-01 in the proleptic Gregorian calendar,
	// so every date of years 1–9999 has n > 0 and the zero value is free to mean "no date".
	n int32
}

// minYear is the first year ParseDate accepts; the day numbering needs years ≥ 1.
const minYear = 1

// NewDate returns the date y-m-d (years 1–9999). Out-of-range months and days are normalised as time.Date does
// (NewDate(2025, 1, 32) is 2025-02-01).
func NewDate(y int, m time.Month, d int) Date {
	if m < time.January || m > time.December || d < 1 || d > 28 {
		y, m, d = time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Date()
	}
	return Date{n: int32(daysFromCivil(y, int(m), d))}
}

// ParseDate parses "YYYY-MM-DD" strictly (2025-02-30 is an error).
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("日期格式错误 %q：应为 YYYY-MM-DD", s)
	}
	y, ok1 := atoi(s[0:4])
	m, ok2 := atoi(s[5:7])
	d, ok3 := atoi(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < minYear || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Date{}, fmt.Errorf("日期无效 %q：应为 YYYY-MM-DD", s)
	}
	return Date{n: int32(daysFromCivil(y, m, d))}, nil
}

// MustParseDate is ParseDate that panics on error; for constants and tests.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// FromTime returns the civil date of t in t's own location. Convert t to the deployment's zone
// (Asia/Shanghai) first. The zero time.Time gives the zero Date.
func FromTime(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// Time returns midnight UTC of d; the zero Date gives the zero time.Time.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	y, m, dd := d.YMD()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.n == 0 }

// YMD returns the year, month and day of d.
func (d Date) YMD() (year int, month time.Month, day int) {
	y, m, dd := civilFromDays(int(d.n))
	return y, time.Month(m), dd
}

// Year returns the year of d.
func (d Date) Year() int {
	y, _, _ := civilFromDays(int(d.n))
	return y
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 0000-03-01 is a Wednesday: (n + 3) % 7 maps it to time.Wednesday (3).
	return time.Weekday((int(d.n) + 3) % 7)
}

// AddDays returns d + n days (n may be negative). The zero Date stays zero.
func (d Date) AddDays(n int) Date {
	if d.IsZero() {
		return d
	}
	return Date{n: d.n + int32(n)}
}

// Sub returns the number of days from o to d (d − o); positive when d is after o.
func (d Date) Sub(o Date) int { return int(d.n - o.n) }

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.n < o.n }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.n > o.n }

// Equal reports whether d and o are the same date (same as ==).
func (d Date) Equal(o Date) bool { return d.n == o.n }

// Compare returns -1, 0 or +1; for slices.SortFunc.
func (d Date) Compare(o Date) int {
	switch {
	case d.n < o.n:
		return -1
	case d.n > o.n:
		return 1
	}
	return 0
}

// String returns "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return string(d.appendISO(make([]byte, 0, 10)))
}

// Chinese returns the date as written in official documents, "2025年9月26日" ("" when zero).
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.YMD()
	return fmt.Sprintf("%d年%d月%d日", y, int(m), dd)
}

func (d Date) appendISO(b []byte) []byte {
	y, m, dd := civilFromDays(int(d.n))
	b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+m/10), byte('0'+m%10), '-')
	return append(b, byte('0'+dd/10), byte('0'+dd%10))
}

// daysFromCivil and civilFromDays are Howard Hinnant's algorithms
// (http://howardhinnant.github.io/date_algorithms.html), shifted so day 0 is 0000-03-01.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400 // y >= 0 for every year we accept
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe
}

func civilFromDays(z int) (y, m, d int) {
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func atoi(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
