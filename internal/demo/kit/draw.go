package kit

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/fazhi/fazhi/internal/calendar"
)

// PickIndex draws an index in [0, n) with probability proportional to weight(i) (one Float64).
func PickIndex(r *rand.Rand, n int, weight func(i int) float64) int {
	total := 0.0
	for i := range n {
		total += weight(i)
	}
	x := r.Float64() * total
	for i := range n {
		w := weight(i)
		if x < w {
			return i
		}
		x -= w
	}
	return n - 1
}

// OneOf draws one of items uniformly (one IntN).
func OneOf[T any](r *rand.Rand, items []T) T { return items[r.IntN(len(items))] }

// DayWeight is how many records a day receives relative to an ordinary working day.
type DayWeight func(calendar.Date) float64

// Weight sums w over [from, to].
func Weight(from, to calendar.Date, w DayWeight) float64 {
	total := 0.0
	for d := from; !d.After(to); d = d.AddDays(1) {
		total += w(d)
	}
	return total
}

// Days draws n days in [from, to] with probability proportional to w, in date order (n Float64s).
func Days(r *rand.Rand, from, to calendar.Date, n int, w DayWeight) []calendar.Date {
	var cum []float64
	total := 0.0
	for d := from; !d.After(to); d = d.AddDays(1) {
		total += w(d)
		cum = append(cum, total)
	}
	out := make([]calendar.Date, n)
	for i := range out {
		out[i] = from.AddDays(sort.SearchFloat64s(cum, r.Float64()*total))
	}
	slices.SortFunc(out, calendar.Date.Compare)
	return out
}

// Share is the part of n that falls in [subFrom, subTo] of [from, to] by day weight, rounded.
func Share(n int, from, to, subFrom, subTo calendar.Date, w DayWeight) int {
	return int(math.Round(float64(n) * Weight(subFrom, subTo, w) / Weight(from, to, w)))
}

// Exactly chooses which k of n items take an outcome, each with relative odds odds(i): a
// weighted draw without replacement (Efraimidis–Spirakis), so that likelier items take it more
// often while the total is exact. keys are the items' draws, one Float64 each, made by the
// caller in its own order (Key); ties keep the earlier item first.
func Exactly(keys []float64, k int) ([]bool, error) {
	if k < 0 || k > len(keys) {
		return nil, fmt.Errorf("要从 %d 条记录中选出 %d 条，无法做到", len(keys), k)
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return keys[order[a]] > keys[order[b]] })
	chosen := make([]bool, len(keys))
	for _, i := range order[:k] {
		chosen[i] = true
	}
	return chosen, nil
}

// Key is an item's draw for Exactly: u^(1/odds) of one Float64.
func Key(r *rand.Rand, odds float64) float64 { return math.Pow(r.Float64(), 1/odds) }
