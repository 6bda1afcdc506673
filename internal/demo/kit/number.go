package kit

import (
	"sort"

	"github.com/fazhi/fazhi/internal/calendar"
)

// Number gives n records their 编号 as a register numbers them: within each group (a committee,
// an office) and year, in order of day (records of one day in their given order), counting
// from 1. set writes record i's number.
func Number(n int, key func(i int) (group string, day calendar.Date), set func(i, year, seq int)) {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ga, da := key(idx[a])
		gb, db := key(idx[b])
		if ga != gb {
			return ga < gb
		}
		return da.Before(db)
	})
	type slot struct {
		group string
		year  int
	}
	seq := map[slot]int{}
	for _, i := range idx {
		g, d := key(i)
		k := slot{g, d.Year()}
		seq[k]++
		set(i, k.year, seq[k])
	}
}
