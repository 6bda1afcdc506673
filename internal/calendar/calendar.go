package calendar

import (
	"fmt"
	"maps"
	"slices"
	"time"
)

// Kind says what the official arrangement makes of a date.
type Kind string

const (
	// Holiday is a 放假 day: a rest day even when it falls Monday–Friday.
	Holiday Kind = "holiday"
	// MakeupWorkday is a 调休上班 day: a Saturday or Sunday worked in exchange for a holiday.
	MakeupWorkday Kind = "makeup_workday"
	// Cancelled is an administrator's correction, never an official entry: it removes whatever
	// entry a date has (an embedded one, or one typed by mistake), so that the plain weekday rule
	// applies to it again. It is stored like any override, so that it survives a restart.
	Cancelled Kind = "cancelled"
)

// Label is the word the State Council notice uses: 放假 or 上班.
func (k Kind) Label() string {
	switch k {
	case Holiday:
		return "放假"
	case MakeupWorkday:
		return "上班"
	case Cancelled:
		return "取消"
	}
	return string(k)
}

// ParseKind accepts the code ("holiday", "makeup_workday", "cancelled") or the label (放假, 上班,
// 取消).
func ParseKind(s string) (Kind, error) {
	switch s {
	case string(Holiday), "放假":
		return Holiday, nil
	case string(MakeupWorkday), "上班":
		return MakeupWorkday, nil
	case string(Cancelled), "取消":
		return Cancelled, nil
	}
	return "", fmt.Errorf("未知的日历类型 %q：应为 放假、上班 或 取消", s)
}

// Day is one entry of the official arrangement: a 放假 day or a 调休上班 day, with the festival it
// belongs to (春节, 国庆节, …).
type Day struct {
	Date Date   `json:"date"`
	Kind Kind   `json:"kind"`
	Name string `json:"name"`
}

// ErrNoCalendar is returned when a computation needs a year the calendar has no data for.
// fazhi never falls back to Monday–Friday: the administrator must import the year's arrangement.
type ErrNoCalendar struct {
	Year int
}

func (e ErrNoCalendar) Error() string {
	return fmt.Sprintf("缺少%d年的工作日历数据，请管理员导入国务院办公厅公布的节假日安排", e.Year)
}

// day states in Calendar.state
const (
	stateNoData uint8 = iota
	stateRest
	stateWork
)

// Calendar is the working-day calendar for a set of covered years. It is immutable; With returns
// an updated copy. Build one with New, Default or With.
type Calendar struct {
	years []int        // covered years, ascending
	days  map[Date]Day // official entries
	first Date         // 1 January of years[0]
	state []uint8      // per day from first: stateNoData, stateRest or stateWork
}

// New builds a calendar covering years plus every year that has an entry in days. A covered year
// is taken to be complete: a date of it without an entry is a working day Monday–Friday and a
// rest day on Saturday and Sunday. Two entries for one date, an unknown Kind, or a 调休上班 entry
// on a weekday is an error.
func New(days []Day, years []int) (*Calendar, error) {
	m := make(map[Date]Day, len(days))
	for _, d := range days {
		if d.Kind == Cancelled {
			return nil, fmt.Errorf("%s：“取消”只用于修改已有的日历", d.Date)
		}
		if err := checkDay(d); err != nil {
			return nil, err
		}
		if _, dup := m[d.Date]; dup {
			return nil, fmt.Errorf("日历数据重复：%s", d.Date)
		}
		m[d.Date] = d
	}
	return build(m, years)
}

// With returns a copy of c updated by overrides (the administrator's entries, loaded from the
// database). An override replaces the entry for its date, if any; a Cancelled one removes it.
// The year of every override counts as covered from then on, so import a year's whole
// arrangement at once. c is unchanged.
func (c *Calendar) With(overrides []Day) (*Calendar, error) {
	m := maps.Clone(c.days)
	years := slices.Clone(c.years)
	for _, d := range overrides {
		if err := checkDay(d); err != nil {
			return nil, err
		}
		years = append(years, d.Date.Year())
		if d.Kind == Cancelled {
			delete(m, d.Date)
		} else {
			m[d.Date] = d
		}
	}
	return build(m, years)
}

// Amend is With for new entries typed by an administrator: it also refuses 取消 in a year that
// has no data yet (neither before nor in these entries), which would otherwise make an empty
// year look covered.
func (c *Calendar) Amend(entries []Day) (*Calendar, error) {
	adding := map[int]bool{}
	for _, d := range entries {
		if d.Kind != Cancelled {
			adding[d.Date.Year()] = true
		}
	}
	for _, d := range entries {
		if y := d.Date.Year(); d.Kind == Cancelled && !c.Covers(y) && !adding[y] {
			return nil, fmt.Errorf("%s：%d年还没有日历数据，无可取消", d.Date, y)
		}
	}
	return c.With(entries)
}

func checkDay(d Day) error {
	if d.Date.IsZero() {
		return fmt.Errorf("日历数据缺少日期（%s %s）", d.Kind.Label(), d.Name)
	}
	switch d.Kind {
	case Holiday, Cancelled:
	case MakeupWorkday:
		if wd := d.Date.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return fmt.Errorf("%s 是%s，不能作为调休上班日", d.Date, weekdayNames[wd])
		}
	default:
		return fmt.Errorf("%s：未知的日历类型 %q", d.Date, d.Kind)
	}
	return nil
}

func build(days map[Date]Day, years []int) (*Calendar, error) {
	set := make(map[int]bool, len(years))
	for _, y := range years {
		set[y] = true
	}
	for d := range days {
		set[d.Year()] = true
	}
	c := &Calendar{years: slices.Sorted(maps.Keys(set)), days: days}
	if len(c.years) == 0 {
		return c, nil
	}
	lo, hi := c.years[0], c.years[len(c.years)-1]
	if lo < minYear || hi > 9998 {
		return nil, fmt.Errorf("日历年份超出范围：%d–%d", lo, hi)
	}
	c.first = NewDate(lo, time.January, 1)
	c.state = make([]uint8, NewDate(hi+1, time.January, 1).Sub(c.first))
	for _, y := range c.years {
		start := NewDate(y, time.January, 1)
		end := NewDate(y+1, time.January, 1)
		for d := start; d.Before(end); d = d.AddDays(1) {
			s := stateWork
			if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
				s = stateRest
			}
			c.state[d.Sub(c.first)] = s
		}
	}
	for d, e := range days {
		s := stateRest
		if e.Kind == MakeupWorkday {
			s = stateWork
		}
		c.state[d.Sub(c.first)] = s
	}
	return c, nil
}

// Years returns the covered years, ascending.
func (c *Calendar) Years() []int { return slices.Clone(c.years) }

// Covers reports whether the calendar has data for year.
func (c *Calendar) Covers(year int) bool {
	_, ok := slices.BinarySearch(c.years, year)
	return ok
}

// Days returns every official entry (放假 and 调休上班), by date.
func (c *Calendar) Days() []Day {
	out := slices.Collect(maps.Values(c.days))
	slices.SortFunc(out, func(a, b Day) int { return a.Date.Compare(b.Date) })
	return out
}

// Lookup returns the official entry for d, if there is one.
func (c *Calendar) Lookup(d Date) (Day, bool) {
	e, ok := c.days[d]
	return e, ok
}

var weekdayNames = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// IsWorkday reports whether d is a 工作日: Monday–Friday, minus the 放假 days, plus the 调休上班
// days. reason explains the answer in Chinese ("国庆节放假", "国庆节调休上班", "星期六，休息日",
// "星期三，工作日"). A date in a year without data gives ErrNoCalendar.
func (c *Calendar) IsWorkday(d Date) (ok bool, reason string, err error) {
	ok, err = c.workday(d)
	if err != nil {
		return false, "", err
	}
	if e, found := c.days[d]; found {
		name := e.Name
		if e.Kind == MakeupWorkday {
			return ok, name + "调休上班", nil
		}
		if name == "" {
			name = "节假日"
		}
		return ok, name + "放假", nil
	}
	if ok {
		return ok, weekdayNames[d.Weekday()] + "，工作日", nil
	}
	return ok, weekdayNames[d.Weekday()] + "，休息日", nil
}

// workday is IsWorkday without the reason, for the hot loops.
func (c *Calendar) workday(d Date) (bool, error) {
	if d.IsZero() {
		return false, fmt.Errorf("日期为空")
	}
	i := d.Sub(c.first)
	if i < 0 || i >= len(c.state) || c.state[i] == stateNoData {
		return false, ErrNoCalendar{Year: d.Year()}
	}
	return c.state[i] == stateWork, nil
}

// Provisional is the calendar with the missing year added as plain weekdays (Mon–Fri working,
// no holidays): a due date computed with it is a guess to be marked 「待日历确认」 until the year's
// arrangement is entered, never a date to act on (law.md: a missing year is loud, but useful).
func (c *Calendar) Provisional(year int) *Calendar {
	if c.Covers(year) {
		return c
	}
	p, err := New(c.Days(), append(c.Years(), year))
	if err != nil {
		return c
	}
	return p
}
