package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/store"
)

// TestOpenClocksPage: paging the open clocks (keyset on due date, record, rule; undated last)
// visits exactly the clocks OpenClocksWhere lists, once each, and its SQL counts agree with
// counting those clocks in Go — on both engines.
func TestOpenClocksPage(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedPaged(t, s)
		on := calendar.NewDate(2024, 3, 20)
		for _, within := range []int{0, 3} {
			want, err := s.OpenClocksWhere(ctx, all(), store.ClockFilter{}, on, within)
			if err != nil {
				t.Fatal(err)
			}
			if within == 0 && len(want) < 20 {
				t.Fatalf("only %d open clocks to page through", len(want))
			}
			var got []store.ClockView
			after := ""
			for range 100 {
				p, err := s.OpenClocksPage(ctx, all(), store.ClockFilter{}, on, within, 3, 7, after)
				if err != nil {
					t.Fatal(err)
				}
				if p.Total != len(want) {
					t.Fatalf("within %d: total %d, want %d", within, p.Total, len(want))
				}
				got = append(got, p.Clocks...)
				if after = p.Next; after == "" {
					break
				}
			}
			key := func(c store.ClockView) [2]any { return [2]any{c.RecordID, c.Rule} }
			var gk, wk [][2]any
			overdue := 0
			for _, c := range got {
				gk = append(gk, key(c))
			}
			for _, c := range want {
				wk = append(wk, key(c))
				if c.Overdue && c.State == store.ClockRunning && !c.Soft {
					overdue++
				}
			}
			slices.SortFunc(wk, cmpKey)
			slices.SortFunc(gk, cmpKey)
			if !slices.Equal(gk, wk) {
				t.Fatalf("within %d: paged %v\nwant %v", within, gk, wk)
			}
			for i := 1; i < len(got); i++ {
				if a, b := got[i-1].Due, got[i].Due; a != "" && (b != "" && b < a) {
					t.Fatalf("not by due date: %s after %s", b, a)
				}
			}
			p, _ := s.OpenClocksPage(ctx, all(), store.ClockFilter{}, on, within, 3, 7, "")
			if p.Overdue != overdue {
				t.Errorf("within %d: overdue %d, want %d", within, p.Overdue, overdue)
			}
		}
		if _, err := s.OpenClocksPage(ctx, all(), store.ClockFilter{}, on, 0, 3, 7, "x.y"); store.ErrorCode(err) != store.EINVALID {
			t.Errorf("a tampered cursor: %v", err)
		}
	})
}

func cmpKey(a, b [2]any) int {
	if x, y := a[0].(int64), b[0].(int64); x != y {
		return int(x - y)
	}
	if a[1].(string) < b[1].(string) {
		return -1
	}
	if a[1].(string) > b[1].(string) {
		return 1
	}
	return 0
}
