package calendar

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// MarshalText encodes d as "YYYY-MM-DD", or as empty text when d is zero.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return d.appendISO(make([]byte, 0, 10)), nil
}

// UnmarshalText decodes "YYYY-MM-DD"; empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON encodes d as "YYYY-MM-DD", and the zero Date as "".
func (d Date) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 12)
	b = append(b, '"')
	if !d.IsZero() {
		b = d.appendISO(b)
	}
	return append(b, '"'), nil
}

// UnmarshalJSON accepts "YYYY-MM-DD", "" and null (both giving the zero Date).
func (d *Date) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*d = Date{}
		return nil
	}
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return fmt.Errorf("日期应为字符串 \"YYYY-MM-DD\"，得到 %s", s)
	}
	return d.UnmarshalText([]byte(s[1 : len(s)-1]))
}

// Value implements driver.Valuer: "YYYY-MM-DD", or NULL for the zero Date.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan implements sql.Scanner. It accepts NULL, "YYYY-MM-DD" as string or []byte (a longer
// timestamp text such as "2025-09-26T00:00:00Z" or "2025-09-26 00:00:00" gives its date part),
// and time.Time (its civil date in its own location, as SQLite and PostgreSQL drivers return DATE
// columns).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = FromTime(v)
		return nil
	case []byte:
		return d.scanText(string(v))
	case string:
		return d.scanText(v)
	}
	return fmt.Errorf("calendar.Date: 无法从 %T 读取日期", src)
}

func (d *Date) scanText(s string) error {
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	return d.UnmarshalText([]byte(s))
}
