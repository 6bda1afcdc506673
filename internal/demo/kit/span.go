package kit

import (
	"fmt"
	"math/rand/v2"

	"github.com/fazhi/fazhi/internal/calendar"
)

// Plan says how one kind's records are drawn: what a record opened on a day is, how much likelier
// than others it is to take the rarer outcome (a failed mediation, a refused application), and
// how it ends once that is known.
type Plan[R any] struct {
	Draw func(day calendar.Date) R
	Odds func(R) float64
	// End concludes a record: rare says whether it takes the rarer outcome; no date of it may
	// fall after last.
	End func(rec *R, rare bool, last calendar.Date)
}

// Exact draws a record on each of days, exactly rare of them taking the rarer outcome, each
// concluded by last. For each day in turn it draws the record and its key; then it concludes
// them in order.
func (p Plan[R]) Exact(r *rand.Rand, days []calendar.Date, rare int, last calendar.Date) ([]R, error) {
	out := make([]R, len(days))
	keys := make([]float64, len(days))
	for i, day := range days {
		out[i] = p.Draw(day)
		keys[i] = Key(r, p.Odds(out[i]))
	}
	chosen, err := Exactly(keys, rare)
	if err != nil {
		return nil, err
	}
	for i := range out {
		p.End(&out[i], chosen[i], last)
	}
	return out, nil
}

// Rate draws a record on each of days, each taking the rarer outcome with probability
// chance × its odds, concluded by last: per day, the record, one Float64, its end.
func (p Plan[R]) Rate(r *rand.Rand, days []calendar.Date, chance float64, last calendar.Date) []R {
	out := make([]R, 0, len(days))
	for _, day := range days {
		rec := p.Draw(day)
		p.End(&rec, r.Float64() < chance*p.Odds(rec), last)
		out = append(out, rec)
	}
	return out
}

// Year is one year of a kind's ledger as a demo table declares it: how many records it opens,
// how many of them take the rarer outcome, and part of it already drawn (a tail of the year
// drawn earlier, whose records count towards both).
type Year struct {
	Year     int
	Records  int
	Rare     int
	Tail     int // records of the year already drawn (from TailFrom on)
	TailRare int // of which took the rarer outcome
	TailFrom calendar.Date
	Last     calendar.Date // no record of the year concludes after it
	Weight   DayWeight
	FirstDay calendar.Date // default 1 January
	FinalDay calendar.Date // default 31 December
}

// Complete draws the records year y still lacks: spread over the whole year by its weight, the
// weeks of the tail taking only what the tail lacks of their share, and exactly enough of them
// rare. It fails (with what could not be met) when the tail already holds more than its share
// or than the year's totals.
func (p Plan[R]) Complete(r *rand.Rand, y Year) ([]R, error) {
	from, to := y.FirstDay, y.FinalDay
	if from.IsZero() {
		from, to = calendar.NewDate(y.Year, 1, 1), calendar.NewDate(y.Year, 12, 31)
	}
	inTail := y.Records
	before := 0
	if y.Tail > 0 {
		inTail = Share(y.Records, from, to, y.TailFrom, to, y.Weight) - y.Tail
		before = y.Records - y.Tail - inTail
	}
	rare := y.Rare - y.TailRare
	if inTail < 0 || before < 0 || rare < 0 {
		return nil, fmt.Errorf("%d年无法容纳 %d 条记录（%s 之前 %d 条，之后另需 %d 条），其中 %d 条另一结果", y.Year, y.Records, y.TailFrom, before, inTail, rare)
	}
	var days []calendar.Date
	if y.Tail > 0 {
		days = append(Days(r, from, y.TailFrom.AddDays(-1), before, y.Weight), Days(r, y.TailFrom, to, inTail, y.Weight)...)
	} else {
		days = Days(r, from, to, inTail, y.Weight)
	}
	out, err := p.Exact(r, days, rare, y.Last)
	if err != nil {
		return nil, fmt.Errorf("%d年：%w", y.Year, err)
	}
	return out, nil
}
