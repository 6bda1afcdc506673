package calendar

import (
	"slices"
	"testing"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// TestEmbeddedYearsMatchLunarGo cross-checks every embedded year, day by day, against the
// holiday table of github.com/6tail/lunar-go (v1.4.7 carries 2001–2027): the same 放假 days and
// the same 调休上班 days. The notices are the source (data/*.txt cite them); a second,
// independently kept transcription catches a slip in either.
func TestEmbeddedYearsMatchLunarGo(t *testing.T) {
	cal := Default()
	for _, y := range cal.Years() {
		var theirs []string
		for e := HolidayUtil.GetHolidaysByYear(y).Front(); e != nil; e = e.Next() {
			h := e.Value.(*HolidayUtil.Holiday)
			kind := "放假"
			if h.IsWork() {
				kind = "上班"
			}
			theirs = append(theirs, h.GetDay()+" "+kind)
		}
		var ours []string
		for d := NewDate(y, 1, 1); d.Year() == y; d = d.AddDays(1) {
			if day, ok := cal.Lookup(d); ok {
				kind := "放假"
				if day.Kind == MakeupWorkday {
					kind = "上班"
				}
				ours = append(ours, d.String()+" "+kind)
			}
		}
		slices.Sort(theirs)
		if !slices.Equal(ours, theirs) {
			t.Errorf("%d: embedded %v\nlunar-go %v", y, ours, theirs)
		}
	}
}
