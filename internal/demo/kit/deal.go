package kit

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// Deal gives each of n items one of the labels of counts, each label to exactly its count of
// items (the counts sum to n): a demo table's cross-tab (a type and an outcome, say) placed on
// drawn records. Item by item, a label is drawn with odds its remaining count times fit(i,
// label) — how well it suits the item (a season's shift of the types; 0 for an open case and a
// successful outcome) — so that the table holds exactly while the items keep their shape. The
// labels are taken in sorted order; one Float64 an item. An item that no remaining label fits
// is an error naming it.
func Deal(r *rand.Rand, n int, counts map[string]int, fit func(i int, label string) float64) ([]string, error) {
	labels := slices.Sorted(func(yield func(string) bool) {
		for l := range counts {
			if !yield(l) {
				return
			}
		}
	})
	left, total := make([]int, len(labels)), 0
	for c, l := range labels {
		left[c], total = counts[l], total+counts[l]
	}
	if total != n {
		return nil, fmt.Errorf("表中共 %d 条，要分给 %d 条记录", total, n)
	}
	out := make([]string, n)
	for i := range out {
		c := PickIndex(r, len(labels), func(c int) float64 { return float64(left[c]) * fit(i, labels[c]) })
		if left[c] == 0 || fit(i, labels[c]) <= 0 {
			return nil, fmt.Errorf("第 %d 条记录没有合适的类别可分", i+1)
		}
		left[c]--
		out[i] = labels[c]
	}
	return out, nil
}
