package calendar

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateAgreesWithTime(t *testing.T) {
	// Every day from 1900 to 2100 round-trips and agrees with package time on weekday and order.
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	prev := Date{}
	for tm := start; tm.Year() < 2101; tm = tm.AddDate(0, 0, 1) {
		d := FromTime(tm)
		if got := d.Time(); !got.Equal(tm) {
			t.Fatalf("%v: round trip gave %v", tm, got)
		}
		if d.Weekday() != tm.Weekday() {
			t.Fatalf("%v: weekday %v, want %v", tm, d.Weekday(), tm.Weekday())
		}
		if s := d.String(); s != tm.Format(time.DateOnly) {
			t.Fatalf("String() = %q, want %q", s, tm.Format(time.DateOnly))
		}
		if !prev.IsZero() && (d.Sub(prev) != 1 || prev.AddDays(1) != d || !prev.Before(d) || !d.After(prev)) {
			t.Fatalf("%v: arithmetic with previous day broken", tm)
		}
		prev = d
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" = error
	}{
		{"2025-09-26", "2025-09-26"},
		{"2024-02-29", "2024-02-29"},
		{"0001-01-01", "0001-01-01"},
		{"2025-02-29", ""},
		{"2025-13-01", ""},
		{"2025-00-10", ""},
		{"2025-9-26", ""},
		{"2025/09/26", ""},
		{"0000-01-01", ""},
		{"", ""},
		{"+025-09-26", ""},
	} {
		d, err := ParseDate(tc.in)
		if tc.want == "" {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v, want error", tc.in, d)
			}
			continue
		}
		if err != nil || d.String() != tc.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tc.in, d, err, tc.want)
		}
	}
}

func TestDateZero(t *testing.T) {
	var z Date
	if !z.IsZero() || z.String() != "" || !z.Time().IsZero() || !FromTime(time.Time{}).IsZero() {
		t.Fatal("zero Date is not empty")
	}
	if !z.AddDays(5).IsZero() {
		t.Fatal("zero Date + 5 should stay zero")
	}
	if d := NewDate(2025, 1, 32); d.String() != "2025-02-01" {
		t.Fatalf("NewDate normalisation: %v", d)
	}
	if s := MustParseDate("2025-09-26").Chinese(); s != "2025年9月26日" {
		t.Fatalf("Chinese() = %q", s)
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		A Date `json:"a"`
		B Date `json:"b"`
		C Date `json:"c,omitzero"`
	}
	b, err := json.Marshal(rec{A: MustParseDate("2025-10-09")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"a":"2025-10-09","b":""}`; got != want {
		t.Fatalf("Marshal = %s, want %s", got, want)
	}
	var r rec
	if err := json.Unmarshal([]byte(`{"a":"2025-10-09","b":"","c":null}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.A != MustParseDate("2025-10-09") || !r.B.IsZero() || !r.C.IsZero() {
		t.Fatalf("Unmarshal = %+v", r)
	}
	for _, bad := range []string{`{"a":"2025-02-30"}`, `{"a":20251009}`} {
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("Unmarshal(%s): want error", bad)
		}
	}
	// A Date map key marshals through MarshalText.
	b, err = json.Marshal(map[Date]int{MustParseDate("2025-01-01"): 1})
	if err != nil || string(b) != `{"2025-01-01":1}` {
		t.Fatalf("map key: %s %v", b, err)
	}
}

func TestDateSQL(t *testing.T) {
	want := MustParseDate("2025-09-26")
	if v, _ := want.Value(); v != "2025-09-26" {
		t.Fatalf("Value() = %v", v)
	}
	if v, _ := (Date{}).Value(); v != nil {
		t.Fatalf("zero Value() = %v, want nil", v)
	}
	for _, src := range []any{
		"2025-09-26", []byte("2025-09-26"), "2025-09-26T00:00:00Z", "2025-09-26 00:00:00",
		time.Date(2025, 9, 26, 0, 0, 0, 0, time.UTC),
	} {
		var d Date
		if err := d.Scan(src); err != nil || d != want {
			t.Errorf("Scan(%#v) = %v, %v", src, d, err)
		}
	}
	d := want
	if err := d.Scan(nil); err != nil || !d.IsZero() {
		t.Errorf("Scan(nil) = %v, %v", d, err)
	}
	if err := d.Scan(42); err == nil {
		t.Error("Scan(42): want error")
	}
}
