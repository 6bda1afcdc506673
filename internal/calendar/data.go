package calendar

import (
	"embed"
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"
)

// data holds one file per year, data/YYYY.txt, transcribed from the 国务院办公厅 notice on that
// year's holidays (published the November before). Each file lists every 放假 day and every
// 调休上班 day in the format ParseDays reads. A file's year counts as covered.
//
//go:embed data/*.txt
var data embed.FS

// Default returns the calendar of the embedded years (2023–2027). It is parsed once and
// shared; update it with With, which returns a copy.
func Default() *Calendar { return defaultCalendar() }

var defaultCalendar = sync.OnceValue(func() *Calendar {
	c, err := loadEmbedded()
	if err != nil {
		panic("calendar: embedded data: " + err.Error())
	}
	return c
})

func loadEmbedded() (*Calendar, error) {
	files, err := data.ReadDir("data")
	if err != nil {
		return nil, err
	}
	var days []Day
	var years []int
	for _, f := range files {
		name := f.Name()
		year, err := strconv.Atoi(strings.TrimSuffix(name, ".txt"))
		if err != nil {
			return nil, fmt.Errorf("%s: 文件名应为 YYYY.txt", name)
		}
		b, err := data.ReadFile(path.Join("data", name))
		if err != nil {
			return nil, err
		}
		ds, err := ParseDays(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, d := range ds {
			if d.Date.Year() != year {
				return nil, fmt.Errorf("%s: %s 不属于%d年", name, d.Date, year)
			}
		}
		days = append(days, ds...)
		years = append(years, year)
	}
	return New(days, years)
}

// ParseDays reads the text form of an arrangement, one entry a line:
//
//	2025-01-28 放假 春节
//	2025-01-26 上班 春节
//
// The kind is 放假 or 上班 (or the codes holiday, makeup_workday); the rest of the line is the
// festival's name. "2025-10-08 取消" (no name needed) removes a date's entry, to correct one
// entered by mistake. Blank lines and text after # are ignored.
func ParseDays(text string) ([]Day, error) {
	var out []Day
	for i, line := range strings.Split(text, "\n") {
		if j := strings.IndexByte(line, '#'); j >= 0 {
			line = line[:j]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("第%d行：应为“日期 放假|上班 名称”或“日期 取消”", i+1)
		}
		d, err := ParseDate(f[0])
		if err != nil {
			return nil, fmt.Errorf("第%d行：%w", i+1, err)
		}
		k, err := ParseKind(f[1])
		if err != nil {
			return nil, fmt.Errorf("第%d行：%w", i+1, err)
		}
		if len(f) < 3 && k != Cancelled {
			return nil, fmt.Errorf("第%d行：缺少节日名称，应为“日期 %s 名称”", i+1, k.Label())
		}
		out = append(out, Day{Date: d, Kind: k, Name: strings.Join(f[2:], " ")})
	}
	return out, nil
}
