package report

import (
	"context"
	"io"
	"testing"

	"github.com/fazhi/fazhi/internal/demo"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// BenchmarkDemoReport assembles the 兴宁市 2024 report from the demo records (this year's and
// last year's indicators, texts, checks) and renders it in all three formats, as
// `fazhi report` does: go test -bench DemoReport ./internal/report/
func BenchmarkDemoReport(b *testing.B) {
	sys := store.SystemAll()
	for _, st := range storetest.Open(b) {
		if _, err := demo.Load(context.Background(), st, store.Actor{Name: "bench"}, sys); err != nil {
			b.Fatal(err)
		}
		b.Run(st.Dialect(), func(b *testing.B) {
			for b.Loop() {
				d, err := Assemble(context.Background(), st, sys, "441481", 2024, "2025-03-20", nil)
				if err != nil {
					b.Fatal(err)
				}
				for _, render := range []func(io.Writer) error{d.Report.HTML, d.Report.Markdown, d.Report.DOCX} {
					if err := render(io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
