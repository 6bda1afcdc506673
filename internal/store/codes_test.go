package store_test

import (
	"context"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// TestCodeByPattern: a case registered without a 编号 gets the next one of its org, kind and
// year by the pattern set (numbering on from a typed one, which is kept); a bad pattern is
// refused by CheckCodePattern.
func TestCodeByPattern(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		if err := s.SaveSetting(ctx, admin, all(), store.CodePatternKey("mediation"), "兴宁调〔{年}〕{序号:3}号"); err != nil {
			t.Fatal(err)
		}
		create := func(code, committee, accepted string) string {
			t.Helper()
			v := mediation(code, committee, accepted)
			r, err := s.CreateRecord(ctx, admin, all(), "mediation", v)
			if err != nil {
				t.Fatal(err)
			}
			return r.Code
		}
		want := []struct{ code, committee, accepted, got string }{
			{"", "441481100201-T", "2024-03-05", "兴宁调〔2024〕001号"},
			{"", "441481100201-T", "2024-04-05", "兴宁调〔2024〕002号"},
			{"兴宁调〔2024〕010号", "441481100201-T", "2024-05-05", "兴宁调〔2024〕010号"},
			{"", "441481100201-T", "2024-06-05", "兴宁调〔2024〕011号"},
			{"", "441481100201-T", "2025-01-05", "兴宁调〔2025〕001号"},
		}
		for _, w := range want {
			if got := create(w.code, w.committee, w.accepted); got != w.got {
				t.Errorf("%q on %s: %s, want %s", w.code, w.accepted, got, w.got)
			}
		}
		for _, bad := range []string{"TJ-{序号}", "{年}-{序号:9}", "{年}_{序号}"} {
			if store.CheckCodePattern(bad) == nil {
				t.Errorf("pattern %q accepted", bad)
			}
		}
	})
}
