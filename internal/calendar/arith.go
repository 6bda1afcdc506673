package calendar

import "fmt"

// AddWorkdays returns the n-th working day after d, d itself not counted
// (行政复议法 2023 第88条第2款: its 三日、五日、七日、十日 are 工作日). For n < 0 it returns the
// |n|-th working day before d (e.g. the last day to send a hearing notice 5 WD ahead, 第50条);
// n == 0 returns d. Missing year data gives ErrNoCalendar.
func (c *Calendar) AddWorkdays(d Date, n int) (Date, error) {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		ok, err := c.workday(d)
		if err != nil {
			return Date{}, err
		}
		if ok {
			n--
		}
	}
	return d, nil
}

// AddNaturalDays returns the last day of an n natural-day period starting on d: the period does
// not count its first day, so it is d+n; if that is a rest day (weekend or 放假), the period ends
// on the next working day (民事诉讼法 2023 第85条第2、3款, applied to 行政复议 by 行政复议法 2023
// 第88条第1款). Missing year data gives ErrNoCalendar.
func (c *Calendar) AddNaturalDays(d Date, n int) (Date, error) {
	if n < 0 {
		return Date{}, fmt.Errorf("自然日期间不能为负数：%d", n)
	}
	return c.WorkdayOnOrAfter(d.AddDays(n))
}

// WorkdayOnOrAfter returns d if it is a working day, else the first working day after it: the
// rest-day rule of 民事诉讼法 2023 第85条.
func (c *Calendar) WorkdayOnOrAfter(d Date) (Date, error) {
	for {
		ok, err := c.workday(d)
		if err != nil {
			return Date{}, err
		}
		if ok {
			return d, nil
		}
		d = d.AddDays(1)
	}
}

// WorkdaysBetween counts the working days after from up to and including to; if to is before
// from the count is negative (−WorkdaysBetween(to, from)). It shows the WD left on a clock:
// WorkdaysBetween(today, due) is 0 on the due date and negative once overdue.
func (c *Calendar) WorkdaysBetween(from, to Date) (int, error) {
	if from.IsZero() || to.IsZero() {
		return 0, fmt.Errorf("日期为空")
	}
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		ok, err := c.workday(d)
		if err != nil {
			return 0, err
		}
		if ok {
			n++
		}
	}
	return sign * n, nil
}
