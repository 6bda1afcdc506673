package conformance_test

import (
	"testing"

	"github.com/fazhi/fazhi/internal/conformance"
	"github.com/fazhi/fazhi/internal/law"
)

// TestConformance runs the suite over every registered kind — the five of internal/law and the
// test-only kind of testkind_test.go — on every configured engine.
func TestConformance(t *testing.T) {
	for _, k := range law.Kinds() {
		t.Run(k.Name, func(t *testing.T) { conformance.Run(t, k) })
	}
}
