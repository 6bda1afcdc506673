package kit

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

// Target is a figure a demo table promises for a year (the seed report's 2,923 调解案件).
type Target struct {
	Year  int
	ID    string // an indicator id (indicators.md)
	Value float64
}

// Verify computes every target's figure for org from the records, as users' reports do, and
// names each one that is not met.
func Verify(ctx context.Context, st *store.Store, sc store.Scope, org string, targets []Target) error {
	byYear := map[int][]string{}
	for _, t := range targets {
		byYear[t.Year] = append(byYear[t.Year], t.ID)
	}
	var errs []error
	years := slices.Sorted(func(yield func(int) bool) {
		for y := range byYear {
			if !yield(y) {
				return
			}
		}
	})
	for _, y := range years {
		res, err := indicators.Totals(ctx, st, sc, org, fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-12-31", y), byYear[y])
		if err != nil {
			return err
		}
		for _, t := range targets {
			if t.Year != y {
				continue
			}
			switch v, ok := res.Get(t.ID); {
			case !ok || v.Unavailable != "":
				errs = append(errs, fmt.Errorf("%d年「%s」无法计算：%s", y, t.ID, v.Unavailable))
			case v.Value != t.Value:
				errs = append(errs, fmt.Errorf("%d年「%s」为 %v，演示数据的目标是 %v", y, t.ID, v.Value, t.Value))
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("演示数据未达到目标：%w", errors.Join(errs...))
	}
	return nil
}
