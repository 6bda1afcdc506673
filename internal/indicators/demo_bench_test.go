package indicators_test

import (
	"context"
	"testing"

	"github.com/fazhi/fazhi/internal/demo"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// BenchmarkComputeDemo computes every indicator for 兴宁市 2024 over the demo data, as
// `fazhi stats --year 2024` does: go test -bench ComputeDemo ./internal/indicators/
func BenchmarkComputeDemo(b *testing.B) {
	for _, st := range storetest.Open(b) {
		sys := systemScope()
		if _, err := demo.Load(context.Background(), st, store.Actor{Name: "bench"}, sys); err != nil {
			b.Fatal(err)
		}
		b.Run(st.Dialect(), func(b *testing.B) {
			for b.Loop() {
				if _, err := indicators.Compute(context.Background(), st, sys, "441481", "2024-01-01", "2024-12-31"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func systemScope() store.Scope {
	return store.SystemAll()
}
