package kit

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
)

func TestCal(t *testing.T) {
	g := Cal{R: rand.New(rand.NewPCG(3, 4)), Cal: calendar.Default()}
	// 2024-10-01..07 is the National Day holiday; 2024-10-08 the first working day after it.
	if d := g.NextWorkday(day("2024-10-01")); d != day("2024-10-08") {
		t.Errorf("next working day after 1 October 2024: %s", d)
	}
	if d := g.WD(day("2024-09-30"), 1); d != day("2024-10-08") {
		t.Errorf("1 WD after 30 September 2024: %s", d)
	}
	if _, ok := g.PickDay(day("2024-10-01"), day("2024-10-07"), 1); ok {
		t.Error("a working day picked in the holiday")
	}
	for range 50 {
		d, ok := g.PickDay(day("2024-09-25"), day("2024-10-10"), 0.5)
		if !ok || !g.IsWorkday(d) || d.Before(day("2024-09-25")) || d.After(day("2024-10-10")) {
			t.Fatalf("picked %s", d)
		}
	}
	ds := g.Workdays(day("2024-10-01"), day("2024-10-31"), 30)
	if !slices.IsSortedFunc(ds, calendar.Date.Compare) || slices.ContainsFunc(ds, func(d calendar.Date) bool { return !g.IsWorkday(d) }) {
		t.Errorf("workdays %v", ds)
	}
	if Later(day("2024-01-02"), day("2024-01-01")) != day("2024-01-02") || Earlier(day("2024-01-02"), day("2024-01-01")) != day("2024-01-01") {
		t.Error("Later/Earlier")
	}
	if n := PerDay(240, day("2024-01-01"), day("2024-12-31"), day("2024-07-01"), day("2024-12-31"), g.WorkdayWeight); n < 110 || n > 130 {
		t.Errorf("half a year of 240: %d", n)
	}
	if n := PerDay(240, day("2024-01-01"), day("2024-12-31"), day("2024-07-02"), day("2024-07-01"), g.WorkdayWeight); n != 0 {
		t.Errorf("an empty span: %d", n)
	}
}

func TestRecovered(t *testing.T) {
	run := func(p any) (err error) {
		defer Recovered("案件", &err)
		panic(p)
	}
	if err := run(CalendarError{Err: errors.New("没有2031年")}); err == nil || !strings.Contains(err.Error(), "需要工作日历：没有2031年") {
		t.Errorf("calendar: %v", err)
	}
	if err := run("no plan"); err == nil || !strings.Contains(err.Error(), "生成演示案件失败：no plan") {
		t.Errorf("plan: %v", err)
	}
	g := Cal{Cal: calendar.Default()}
	err := func() (err error) {
		defer Recovered("案件", &err)
		g.WD(day("2099-01-01"), 1)
		return nil
	}()
	if err == nil {
		t.Error("a day outside the calendar did not fail")
	}
}

func TestFillAndTimeline(t *testing.T) {
	v := Fill(law.Values{}, "a", "x", "b", "", "c", day("2024-03-01"), "d", calendar.Date{}, "e", 5, "f", 0,
		"g", []string{"甲"}, "h", []string(nil))
	want := law.Values{"a": "x", "c": "2024-03-01", "e": "5", "g": []string{"甲"}}
	if len(v) != len(want) || v.Str("a") != "x" || v.Str("c") != "2024-03-01" || v.Str("e") != "5" {
		t.Errorf("Fill: %v, want %v", v, want)
	}
	var tl Timeline
	tl.Add(day("2024-03-05"), 2, "late")
	tl.Add(calendar.Date{}, 0, "never")
	tl.Add(day("2024-03-05"), 1, "early", "on", day("2024-03-05"))
	tl.Add(day("2024-03-01"), 9, "first")
	var names []string
	for _, s := range tl.Sorted() {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, []string{"first", "early", "late"}) {
		t.Errorf("timeline %v", names)
	}
}

func TestEnsureAndNearest(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	xs := []*struct{ n, day int }{{1, 1}, {2, 5}, {3, 9}, {4, 12}, {5, 20}}
	even := func(x *struct{ n, day int }) bool { return x.n%2 == 0 }
	if err := Ensure(r, xs, 3, even, func(x *struct{ n, day int }) bool { return x.n > 2 }, func(x *struct{ n, day int }) { x.n *= 2 }); err != nil {
		t.Fatal(err)
	}
	if c := len(slices.DeleteFunc(slices.Clone(xs), func(x *struct{ n, day int }) bool { return !even(x) })); c < 3 {
		t.Errorf("%d even after Ensure", c)
	}
	if err := Ensure(r, xs, 9, even, func(*struct{ n, day int }) bool { return false }, nil); err == nil {
		t.Error("Ensure of more than can be had did not fail")
	}
	base := day("2024-01-01")
	at := func(x *struct{ n, day int }) calendar.Date { return base.AddDays(x.day) }
	best, ok := Nearest(xs, base.AddDays(10), at, func(*struct{ n, day int }) bool { return true })
	if !ok || best.day != 9 {
		t.Errorf("nearest day 10: %v", best)
	}
	if _, ok := Nearest(xs, base, at, func(*struct{ n, day int }) bool { return false }); ok {
		t.Error("Nearest found a record none fits")
	}
	if s := Shuffled(r, []int{1, 2, 3, 4}); len(s) != 4 {
		t.Errorf("shuffled %v", s)
	}
}

func TestSplit(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	last := day("2024-12-31")
	spans := []Span{
		{day("2024-11-01"), day("2024-12-20")}, // only 2024
		{day("2025-01-02"), day("2025-02-01")}, // only 2025
		{day("2024-12-01"), day("2025-01-31")}, // either
		{day("2024-12-15"), day("2025-01-15")}, // either
		{day("2024-12-31"), day("2025-01-20")}, // one day in 2024: 2025
	}
	by, err := Split(r, spans, last, 2, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, b := range by {
		if b {
			n++
		}
	}
	if n != 2 || !by[0] || by[1] || by[4] {
		t.Errorf("split %v", by)
	}
	if _, err := Split(r, spans, last, 4, 2, 3); err == nil {
		t.Error("4 of spans only 3 of which can end in 2024 accepted")
	}
	if _, err := Split(r, []Span{{day("2024-12-31"), day("2025-01-02")}}, last, 0, 2, 3); err == nil {
		t.Error("a span that fits neither side accepted")
	}
}

func TestPlace(t *testing.T) {
	out := Place(rand.New(rand.NewPCG(9, 10)), 20, []string{"甲", "乙"}, map[string]int{"甲": 3, "乙": 2})
	count := map[string]int{}
	for _, x := range out {
		count[x]++
	}
	if len(out) != 20 || count["甲"] != 3 || count["乙"] != 2 || count[""] != 15 {
		t.Errorf("placed %v", count)
	}
}

func TestPartitionAndLeading(t *testing.T) {
	xs := []int{2, 4, 5, 6, 7}
	even := func(x int) bool { return x%2 == 0 }
	odd, evens := Partition(xs, even)
	if !slices.Equal(odd, []int{5, 7}) || !slices.Equal(evens, []int{2, 4, 6}) {
		t.Errorf("partition %v %v", odd, evens)
	}
	if n := Leading(xs, even); n != 2 {
		t.Errorf("leading %d", n)
	}
	if n := Leading(xs, func(int) bool { return true }); n != 5 {
		t.Errorf("leading all %d", n)
	}
}
