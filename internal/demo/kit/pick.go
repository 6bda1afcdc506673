package kit

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/fazhi/fazhi/internal/calendar"
)

// Ensure makes at least n of items satisfy has, changing eligible ones with set (drawn at random
// among them, one draw each) when too few do; it fails when too few are eligible.
func Ensure[T any](r *rand.Rand, items []T, n int, has, eligible func(T) bool, set func(T)) error {
	var pool []T
	for _, x := range items {
		if has(x) {
			n--
		} else if eligible(x) {
			pool = append(pool, x)
		}
	}
	for ; n > 0 && len(pool) > 0; n-- {
		i := r.IntN(len(pool))
		set(pool[i])
		pool = slices.Delete(pool, i, i+1)
	}
	if n > 0 {
		return fmt.Errorf("可调整的记录不足，还差 %d 条", n)
	}
	return nil
}

// Nearest is the first of items that fits whose day is nearest to target, or false when none
// fits: the record a hand-placed story is told on.
func Nearest[T any](items []T, target calendar.Date, day func(T) calendar.Date, fits func(T) bool) (T, bool) {
	var best T
	found, dist := false, 0
	for _, x := range items {
		if !fits(x) {
			continue
		}
		d := day(x).Sub(target)
		d = max(d, -d)
		if !found || d < dist {
			best, found, dist = x, true, d
		}
	}
	return best, found
}

// Shuffled is a shuffled copy of items (one Shuffle of r).
func Shuffled[T any](r *rand.Rand, items []T) []T {
	out := slices.Clone(items)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// Place puts counts[label] of each of labels, in their order, at free positions among n drawn
// at random (one IntN a try); the positions left have "".
func Place(r *rand.Rand, n int, labels []string, counts map[string]int) []string {
	out := make([]string, n)
	for _, label := range labels {
		for k := 0; k < counts[label]; {
			if i := r.IntN(n); out[i] == "" {
				out[i] = label
				k++
			}
		}
	}
	return out
}

// Partition separates items into those that are drawn from a stream of their own (own) and the
// rest, each in the order of items.
func Partition[T any](items []T, own func(T) bool) (rest, owned []T) {
	for _, x := range items {
		if own(x) {
			owned = append(owned, x)
		} else {
			rest = append(rest, x)
		}
	}
	return rest, owned
}

// Leading is how many of items, from the first, satisfy f.
func Leading[T any](items []T, f func(T) bool) int {
	n := 0
	for n < len(items) && f(items[n]) {
		n++
	}
	return n
}
