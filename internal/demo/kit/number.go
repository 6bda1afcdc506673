package kit

import (
	"slices"
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

// Sequence sorts items by day (stably) and numbers them in that order within each year, as a
// register does: set gets each item with its year and number. seq holds the last number of each
// year, so that a later part of a ledger continues the series; nil starts afresh.
func Sequence[T any](items []T, day func(T) calendar.Date, seq map[int]int, set func(x T, year, n int)) {
	slices.SortStableFunc(items, func(a, b T) int { return day(a).Compare(day(b)) })
	if seq == nil {
		seq = map[int]int{}
	}
	for _, x := range items {
		y := day(x).Year()
		seq[y]++
		set(x, y, seq[y])
	}
}
