package calendar

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

var d = MustParseDate

func TestDefaultYears(t *testing.T) {
	if got := Default().Years(); !slices.Equal(got, []int{2023, 2024, 2025, 2026, 2027}) {
		t.Fatalf("Years() = %v", got)
	}
	if Default() != Default() {
		t.Fatal("Default() should be parsed once and shared")
	}
}

func TestIsWorkday(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		date   string
		work   bool
		reason string
	}{
		{"2025-10-01", false, "国庆节、中秋节放假"},
		{"2025-09-28", true, "国庆节、中秋节调休上班"},
		{"2026-10-05", false, "国庆节放假"},
		{"2026-10-10", true, "国庆节调休上班"},
		{"2025-09-27", false, "星期六，休息日"},
		{"2025-09-24", true, "星期三，工作日"},
		{"2024-06-10", false, "端午节放假"},
		{"2024-02-04", true, "春节调休上班"},
		{"2026-01-04", true, "元旦调休上班"},
		{"2026-12-31", true, "星期四，工作日"},
	} {
		work, reason, err := c.IsWorkday(d(tc.date))
		if err != nil || work != tc.work || reason != tc.reason {
			t.Errorf("IsWorkday(%s) = %v, %q, %v; want %v, %q", tc.date, work, reason, err, tc.work, tc.reason)
		}
	}
}

func TestAddDays(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		name  string
		start string
		n     int
		unit  Unit
		want  string
	}{
		// 行政复议法 第30条 acceptance review, 5 WD, across the 2025 国庆中秋 break and its 调休 Sunday.
		{"5 WD over 国庆", "2025-09-26", 5, WD, "2025-10-10"},
		// 第20条 application period, 60 ND ends 10-03 (holiday) → next working day.
		{"60 ND into 国庆", "2025-08-04", 60, ND, "2025-10-09"},
		// 2026-01-04 is a 调休上班 Sunday and counts.
		{"3 WD over 元旦 2026", "2026-01-03", 3, WD, "2026-01-06"},
		// 30 ND ends Saturday 04-05 inside 清明 → Monday 04-07.
		{"30 ND into 清明", "2025-03-06", 30, ND, "2025-04-07"},
		{"ND ends on working day", "2025-05-10", 30, ND, "2025-06-09"},
		{"0 WD", "2025-10-01", 0, WD, "2025-10-01"},
		{"WD across years", "2024-12-27", 5, WD, "2025-01-06"},
		{"negative WD", "2025-10-10", -5, WD, "2025-09-26"},
		{"negative WD over 国庆", "2025-10-09", -5, WD, "2025-09-25"},
		{"10 WD over 春节 2024", "2024-02-05", 10, WD, "2024-02-23"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got Date
			var err error
			if tc.unit == WD {
				got, err = c.AddWorkdays(d(tc.start), tc.n)
			} else {
				got, err = c.AddNaturalDays(d(tc.start), tc.n)
			}
			if err != nil || got != d(tc.want) {
				t.Fatalf("%s + %d %s = %v, %v; want %s", tc.start, tc.n, tc.unit, got, err, tc.want)
			}
			if tc.n >= 0 {
				due, paused, err := c.Due(Clock{Start: d(tc.start), Budget: tc.n, Unit: tc.unit})
				if err != nil || paused || due != got {
					t.Fatalf("Due = %v, %v, %v; want %v", due, paused, err, got)
				}
			}
		})
	}
}

func TestDue(t *testing.T) {
	c := Default()
	iv := func(from, to string) Interval {
		if to == "" {
			return Interval{From: d(from)}
		}
		return Interval{From: d(from), To: d(to)}
	}
	for _, tc := range []struct {
		name string
		clk  Clock
		want string // "" = paused
	}{
		// Without suspension 2025-05-10 + 30 ND = Monday 06-09. A 20-day 中止 (第39条) moves the raw
		// end 20 days to Sunday 06-29, and the rest-day rule moves it again to Monday 06-30.
		{"ND 20-day suspension", Clock{Start: d("2025-05-10"), Budget: 30, Unit: ND,
			Suspensions: []Interval{iv("2025-05-20", "2025-06-08")}}, "2025-06-30"},
		{"ND overlapping suspensions count once", Clock{Start: d("2025-05-10"), Budget: 30, Unit: ND,
			Suspensions: []Interval{iv("2025-05-25", "2025-06-08"), iv("2025-05-20", "2025-05-30")}}, "2025-06-30"},
		{"ND adjacent suspensions", Clock{Start: d("2025-05-10"), Budget: 30, Unit: ND,
			Suspensions: []Interval{iv("2025-05-20", "2025-05-29"), iv("2025-05-30", "2025-06-08")}}, "2025-06-30"},
		{"ND suspension clipped to after Start", Clock{Start: d("2025-05-10"), Budget: 30, Unit: ND,
			Suspensions: []Interval{iv("2025-05-01", "2025-05-29")}}, "2025-06-30"}, // 05-11..05-29 = 19 days → 06-28 Sat → 06-30
		{"ND suspension wholly before Start", Clock{Start: d("2025-05-10"), Budget: 30, Unit: ND,
			Suspensions: []Interval{iv("2025-05-01", "2025-05-10")}}, "2025-06-09"},
		{"ND suspension after the period ended", Clock{Start: d("2025-05-10"), Budget: 30, Unit: ND,
			Suspensions: []Interval{iv("2025-06-10", "2025-06-20")}}, "2025-06-09"},
		{"ND suspension starting on the rolled end day counts", Clock{Start: d("2025-03-06"), Budget: 30, Unit: ND,
			Suspensions: []Interval{iv("2025-04-07", "2025-04-08")}}, "2025-04-07"}, // raw 04-05 + 2 = 04-07 Mon
		// 第62条: 60 ND decision period extended by 30 ND.
		{"ND extension", Clock{Start: d("2025-08-04"), Budget: 60, Unit: ND, ExtensionDays: 30}, "2025-11-03"}, // 11-02 Sun → 11-03
		// WD: 09-28 (调休) is the 1st, 09-29..09-30 suspended, 10-09, 10-10, 10-11 (调休), 10-13.
		{"WD with suspension", Clock{Start: d("2025-09-26"), Budget: 5, Unit: WD,
			Suspensions: []Interval{iv("2025-09-29", "2025-09-30")}}, "2025-10-13"},
		{"WD suspension over holidays only changes nothing", Clock{Start: d("2025-09-26"), Budget: 5, Unit: WD,
			Suspensions: []Interval{iv("2025-10-01", "2025-10-08")}}, "2025-10-10"},
		{"WD extension", Clock{Start: d("2025-09-26"), Budget: 5, Unit: WD, ExtensionDays: 1}, "2025-10-11"},
		{"open suspension pauses", Clock{Start: d("2025-09-26"), Budget: 5, Unit: WD,
			Suspensions: []Interval{iv("2025-09-29", "2025-09-30"), iv("2025-10-09", "")}}, ""},
		{"open ND suspension pauses", Clock{Start: d("2025-08-04"), Budget: 60, Unit: ND,
			Suspensions: []Interval{iv("2025-08-10", "")}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			due, paused, err := c.Due(tc.clk)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if !paused || !due.IsZero() {
					t.Fatalf("Due = %v, paused %v; want paused", due, paused)
				}
				return
			}
			if paused || due != d(tc.want) {
				t.Fatalf("Due = %v, paused %v; want %s", due, paused, tc.want)
			}
		})
	}
}

func TestDueInvalid(t *testing.T) {
	c := Default()
	for name, clk := range map[string]Clock{
		"no start":           {Budget: 5, Unit: WD},
		"negative budget":    {Start: d("2025-01-06"), Budget: -1, Unit: WD},
		"unknown unit":       {Start: d("2025-01-06"), Budget: 5, Unit: "days"},
		"reversed":           {Start: d("2025-01-06"), Budget: 5, Unit: ND, Suspensions: []Interval{{From: d("2025-01-10"), To: d("2025-01-09")}}},
		"suspension no from": {Start: d("2025-01-06"), Budget: 5, Unit: ND, Suspensions: []Interval{{To: d("2025-01-09")}}},
	} {
		if due, _, err := c.Due(clk); err == nil {
			t.Errorf("%s: Due = %v, want error", name, due)
		}
	}
}

func TestMissingYear(t *testing.T) {
	c := Default()
	check := func(name string, err error) {
		t.Helper()
		var e ErrNoCalendar
		if !errors.As(err, &e) || e.Year != 2028 {
			t.Fatalf("%s: err = %v, want ErrNoCalendar{2028}", name, err)
		}
		if want := "缺少2028年的工作日历数据，请管理员导入国务院办公厅公布的节假日安排"; err.Error() != want {
			t.Fatalf("%s: message %q", name, err.Error())
		}
	}
	_, _, err := c.IsWorkday(d("2028-01-04"))
	check("IsWorkday", err)
	_, err = c.AddWorkdays(d("2027-12-28"), 5)
	check("AddWorkdays", err)
	_, err = c.AddNaturalDays(d("2027-12-20"), 13)
	check("AddNaturalDays", err)
	_, _, err = c.Due(Clock{Start: d("2027-12-01"), Budget: 60, Unit: ND})
	check("Due ND", err)
	_, _, err = c.Due(Clock{Start: d("2027-12-20"), Budget: 10, Unit: WD})
	check("Due WD", err)
	_, err = c.WorkdaysBetween(d("2027-12-20"), d("2028-01-10"))
	check("WorkdaysBetween", err)
	// Before the first year is missing too.
	if _, _, err := c.IsWorkday(d("2022-12-29")); !errors.As(err, new(ErrNoCalendar)) {
		t.Fatalf("2022: err = %v", err)
	}
	// A period that ends inside the data does not need the next year.
	if got, err := c.AddNaturalDays(d("2027-12-01"), 30); err != nil || got != d("2027-12-31") {
		t.Fatalf("2027-12-01 + 30 ND = %v, %v", got, err)
	}
}

func TestWith(t *testing.T) {
	base := Default()
	c, err := base.With([]Day{
		{Date: d("2028-01-01"), Kind: Holiday, Name: "元旦"},
		// A hypothetical correction: 2025-10-09 made a holiday.
		{Date: d("2025-10-09"), Kind: Holiday, Name: "国庆节、中秋节"},
		// And an embedded entry replaced: 2025-10-11 no longer a 调休 workday but a holiday.
		{Date: d("2025-10-11"), Kind: Holiday, Name: "测试"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Years(); !slices.Equal(got, []int{2023, 2024, 2025, 2026, 2027, 2028}) {
		t.Fatalf("Years() = %v", got)
	}
	if ok, reason, err := c.IsWorkday(d("2028-01-04")); err != nil || !ok || reason != "星期二，工作日" {
		t.Fatalf("2028-01-04: %v %q %v", ok, reason, err)
	}
	if ok, _, _ := c.IsWorkday(d("2028-01-01")); ok {
		t.Fatal("2028-01-01 should be a holiday")
	}
	if due, err := c.AddNaturalDays(d("2025-08-04"), 60); err != nil || due != d("2025-10-10") {
		t.Fatalf("with override: %v %v", due, err)
	}
	if ok, reason, _ := c.IsWorkday(d("2025-10-11")); ok || reason != "测试放假" {
		t.Fatalf("2025-10-11: %v %q", ok, reason)
	}
	if e, ok := c.Lookup(d("2025-10-11")); !ok || e.Kind != Holiday {
		t.Fatalf("Lookup = %+v %v", e, ok)
	}
	// The base calendar is unchanged.
	if due, err := base.AddNaturalDays(d("2025-08-04"), 60); err != nil || due != d("2025-10-09") {
		t.Fatalf("base changed: %v %v", due, err)
	}
	if base.Covers(2028) || !c.Covers(2028) {
		t.Fatal("Covers")
	}
	// Bad overrides are refused.
	for _, bad := range []Day{
		{Date: d("2025-10-09"), Kind: MakeupWorkday, Name: "周四不能调休上班"},
		{Date: d("2025-10-11"), Kind: "rest"},
		{Kind: Holiday},
	} {
		if _, err := base.With([]Day{bad}); err == nil {
			t.Errorf("With(%+v): want error", bad)
		}
	}
}

// An administrator corrects a wrong entry with 取消: the date follows the weekday rule again,
// whether the entry was embedded or typed earlier, and the cancellation itself survives a
// reload (it is an override like any other).
func TestWithCancel(t *testing.T) {
	typo, err := Default().With([]Day{{Date: d("2025-10-13"), Kind: Holiday, Name: "国庆节"}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := typo.Amend([]Day{
		{Date: d("2025-10-13"), Kind: Cancelled}, // the typed mistake
		{Date: d("2025-10-11"), Kind: Cancelled}, // an embedded 调休上班 Saturday
	})
	if err != nil {
		t.Fatal(err)
	}
	if ok, reason, err := c.IsWorkday(d("2025-10-13")); err != nil || !ok || reason != "星期一，工作日" {
		t.Fatalf("2025-10-13 after 取消: %v %q %v", ok, reason, err)
	}
	if ok, reason, _ := c.IsWorkday(d("2025-10-11")); ok || reason != "星期六，休息日" {
		t.Fatalf("2025-10-11 after 取消: %v %q", ok, reason)
	}
	if _, ok := c.Lookup(d("2025-10-11")); ok {
		t.Fatal("a cancelled date still has an entry")
	}
	if ok, _, _ := typo.IsWorkday(d("2025-10-13")); ok {
		t.Fatal("With changed its receiver")
	}
	// 取消 typed for a year without data would make it look covered: refused. New refuses it too
	// (it is a correction, never part of an official arrangement).
	if _, err := Default().Amend([]Day{{Date: d("2031-10-08"), Kind: Cancelled}}); err == nil || !strings.Contains(err.Error(), "2031年还没有日历数据") {
		t.Fatalf("取消 in a year without data: %v", err)
	}
	// A year whose every typed entry was later cancelled stays covered when the stored
	// overrides are loaded again, in any order.
	reloaded, err := Default().With([]Day{{Date: d("2031-01-01"), Kind: Cancelled}})
	if err != nil || !reloaded.Covers(2031) {
		t.Fatalf("reloading a cancelled entry: %v, covers 2031: %v", err, reloaded != nil && reloaded.Covers(2031))
	}
	if _, err := New([]Day{{Date: d("2025-10-08"), Kind: Cancelled}}, nil); err == nil {
		t.Fatal("New with 取消: want error")
	}
}

func TestNew(t *testing.T) {
	c, err := New([]Day{{Date: d("2030-10-01"), Kind: Holiday, Name: "国庆节"}}, []int{2029})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Years(); !slices.Equal(got, []int{2029, 2030}) {
		t.Fatalf("Years() = %v", got)
	}
	if _, err := New([]Day{
		{Date: d("2030-10-01"), Kind: Holiday}, {Date: d("2030-10-01"), Kind: Holiday},
	}, nil); err == nil {
		t.Fatal("duplicate date: want error")
	}
	empty, err := New(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := empty.IsWorkday(d("2025-01-06")); !errors.As(err, new(ErrNoCalendar)) {
		t.Fatalf("empty calendar: %v", err)
	}
}

func TestParseDays(t *testing.T) {
	days, err := ParseDays("# 注释\n\n2025-01-28 放假 春节\n2025-01-26 上班 春节 # 周日\n2025-10-01 holiday 国庆节、中秋节\n2025-10-11 取消\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []Day{
		{Date: d("2025-01-28"), Kind: Holiday, Name: "春节"},
		{Date: d("2025-01-26"), Kind: MakeupWorkday, Name: "春节"},
		{Date: d("2025-10-01"), Kind: Holiday, Name: "国庆节、中秋节"},
		{Date: d("2025-10-11"), Kind: Cancelled},
	}
	if !slices.Equal(days, want) {
		t.Fatalf("ParseDays = %+v", days)
	}
	for _, bad := range []string{"2025-01-28 放假", "2025-01-32 放假 春节", "2025-01-28 休息 春节"} {
		if _, err := ParseDays(bad); err == nil {
			t.Errorf("ParseDays(%q): want error", bad)
		}
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		from, to string
		want     int
	}{
		{"2025-09-26", "2025-10-10", 5},
		{"2025-10-10", "2025-09-26", -5},
		{"2025-09-26", "2025-09-26", 0},
		{"2025-09-30", "2025-10-08", 0},
		// 2025: 261 weekdays − 18 weekday holidays + 5 调休 weekends = 248.
		{"2024-12-31", "2025-12-31", 248},
		// from itself is never looked at, so 2023 (not covered) is fine as from.
		{"2023-12-31", "2024-01-02", 1},
	} {
		got, err := c.WorkdaysBetween(d(tc.from), d(tc.to))
		if err != nil || got != tc.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, %v; want %d", tc.from, tc.to, got, err, tc.want)
		}
	}
}

// TestAgainstLunarGo walks every day of the embedded years and checks the calendar against
// github.com/6tail/lunar-go's HolidayUtil, an independent transcription of the same notices:
// the same 放假/调休上班 entries, and the same answer from IsWorkday.
func TestAgainstLunarGo(t *testing.T) {
	c := Default()
	for _, year := range []int{2023, 2024, 2025, 2026} {
		days := 0
		for day := NewDate(year, time.January, 1); day.Year() == year; day = day.AddDays(1) {
			want := day.Weekday() != time.Saturday && day.Weekday() != time.Sunday
			h := HolidayUtil.GetHoliday(day.String())
			if h != nil {
				want = h.IsWork()
			}
			got, reason, err := c.IsWorkday(day)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s: IsWorkday = %v (%s), lunar-go says %v (%v)", day, got, reason, want, h)
			}
			e, listed := c.Lookup(day)
			if listed != (h != nil) {
				t.Errorf("%s: listed %v (%+v), lunar-go %v", day, listed, e, h)
			} else if listed && (e.Kind == MakeupWorkday) != h.IsWork() {
				t.Errorf("%s: kind %s, lunar-go work=%v", day, e.Kind, h.IsWork())
			}
			if got {
				days++
			}
		}
		t.Logf("%d: %d working days", year, days)
	}
}

func BenchmarkDue(b *testing.B) {
	c := Default()
	clocks := []Clock{
		{Start: d("2025-08-04"), Budget: 60, Unit: ND, ExtensionDays: 30,
			Suspensions: []Interval{{From: d("2025-08-20"), To: d("2025-09-10")}}},
		{Start: d("2025-09-26"), Budget: 10, Unit: WD,
			Suspensions: []Interval{{From: d("2025-09-29"), To: d("2025-09-30")}}},
		{Start: d("2024-12-20"), Budget: 60, Unit: ND},
		{Start: d("2025-01-20"), Budget: 15, Unit: WD},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, _, err := c.Due(clocks[i%len(clocks)]); err != nil {
			b.Fatal(err)
		}
	}
}
