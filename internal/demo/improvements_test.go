package demo

import (
	"context"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/report"
	"github.com/fazhi/fazhi/internal/store"
)

// checkImprovements: section 四 of the demo's 2024 report (上一年度存在问题的改进情况) prints the
// paragraph the rectifications of 来源 上年度报告问题 lead, before the bureau's own text, which
// stays.
func checkImprovements(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	cur, err := indicators.Compute(ctx, s, system(), cityCode, "2024-01-01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]float64{"rectification.report_issues": 4, "rectification.report_issues_done": 4} {
		if v, _ := cur.Get(id); v.Value != want || v.Unavailable != "" {
			t.Errorf("%s = %v %s, want %v", id, v.Value, v.Unavailable, want)
		}
	}
	r, err := report.Build(report.DefaultOutline(), cur, nil, map[string]string{report.TextImprovements: "培训登记卡制度已建立。"}, report.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	var four report.Part
	for _, p := range r.Parts {
		if strings.Contains(p.Heading, "存在问题的改进情况") {
			four = p
		}
	}
	if len(four.Paras) != 2 {
		t.Fatalf("section 四 has %d paragraphs, want the declared one and the free text: %+v", len(four.Paras), four)
	}
	if got := four.Paras[0].Text(); !strings.Contains(got, "2023年度法治政府建设年度报告所列问题4项") || !strings.Contains(got, "已完成整改4项") {
		t.Errorf("section 四 prints %q", got)
	}
	if got := four.Paras[1].Text(); got != "培训登记卡制度已建立。" {
		t.Errorf("the free text of 四 became %q", got)
	}
}
