package kit

import (
	"fmt"
	"math/rand/v2"

	"github.com/fazhi/fazhi/internal/calendar"
)

// Span is the days a record's conclusion may fall on.
type Span struct{ Lo, Hi calendar.Date }

// Split chooses which of spans conclude by last (a year's end) so that exactly k do. A span with
// fewer than minIn days up to last concludes after it, one with fewer than minOut days after it
// concludes by it; of the spans that could go either way, those that conclude by last are drawn
// (Key, one draw each in order, weighted by the share of the span up to last).
func Split(r *rand.Rand, spans []Span, last calendar.Date, k, minIn, minOut int) ([]bool, error) {
	by := make([]bool, len(spans))
	var flexible []int
	forced := 0
	for i, s := range spans {
		in, out := !s.Lo.After(last.AddDays(1-minIn)), !s.Hi.Before(last.AddDays(minOut))
		switch {
		case in && out:
			flexible = append(flexible, i)
		case in:
			by[i] = true
			forced++
		case !out:
			return nil, fmt.Errorf("%s 至 %s 之间无法办结", s.Lo, s.Hi)
		}
	}
	if k < forced || k > forced+len(flexible) {
		return nil, fmt.Errorf("%d 条记录必须在 %s 前办结、%d 条可前可后，无法恰好 %d 条", forced, last, len(flexible), k)
	}
	keys := make([]float64, len(flexible))
	for n, i := range flexible {
		s := spans[i]
		keys[n] = Key(r, float64(last.Sub(s.Lo)+1)/float64(s.Hi.Sub(s.Lo)+1))
	}
	chosen, err := Exactly(keys, k-forced)
	for n, i := range flexible {
		by[i] = chosen[n]
	}
	return by, err
}
