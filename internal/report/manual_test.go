package report

import (
	"context"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// TestManualFigures: a figure the system does not hold is entered by hand with its source; it
// fills its paragraph's gap, is marked 手工填报 in the draft and the checks, and is frozen with the
// published version; it never replaces a figure computed from records (issue 10 item 14).
func TestManualFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sys := store.SystemAll()
		a := store.Actor{Name: "leader"}
		seedPublishable(t, st)
		for _, bad := range []struct {
			id string
			m  Manual
		}{{"awards.national", Manual{Value: 1}}, {"不是编号", Manual{Value: 1, Source: "x"}}, {"awards.national", Manual{Value: -1, Source: "x"}}} {
			if err := SaveManual(ctx, st, a, sys, "C", 2024, bad.id, &bad.m); store.ErrorCode(err) != store.EINVALID {
				t.Errorf("%s %+v: %v", bad.id, bad.m, err)
			}
		}
		for id, m := range map[string]Manual{
			"awards.national":   {Value: 1, Unit: "项", Label: "国家级荣誉", Source: "市委办公室荣誉表彰文件"},
			"awards.provincial": {Value: 2, Unit: "项", Label: "省级荣誉", Source: "市委办公室荣誉表彰文件"},
			"mediation.cases":   {Value: 999, Unit: "件", Source: "手抄台账"},
		} {
			if err := SaveManual(ctx, st, a, sys, "C", 2024, id, &m); err != nil {
				t.Fatal(err)
			}
		}
		d, err := Assemble(ctx, st, sys, "C", 2024, "2025-03-20", nil)
		if err != nil {
			t.Fatal(err)
		}
		var md strings.Builder
		if err := d.Report.Markdown(&md); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(md.String(), "awards.national") || !strings.Contains(md.String(), "手工填报：市委办公室荣誉表彰文件") {
			t.Errorf("the awards paragraph is not filled by hand:\n%s", md.String())
		}
		if v, _ := d.Cur.Get("mediation.cases"); v.Value != 10 || v.Manual != "" {
			t.Errorf("a hand-entered figure replaced the records': %+v", v)
		}
		manual := 0
		for _, is := range d.Issues {
			if is.Code == CodeManual {
				manual++
				if is.Severity != SeverityWarning || !strings.Contains(is.Message, "手工填报") {
					t.Errorf("%+v", is)
				}
			}
		}
		if manual != 2 {
			t.Errorf("%d manual figures in the checks, want 2: %+v", manual, d.Issues)
		}
		if f := d.Fillable(); len(f) == 0 || f[0].Manual == nil && !hasManual(f, "awards.national") {
			t.Errorf("fillable: %+v", f)
		}
		p := publishAccepting(t, st, a)
		if !strings.Contains(p.HTML, "手工填报") || !strings.Contains(p.Figures, `"manual":"市委办公室荣誉表彰文件"`) {
			t.Errorf("hand-entered figures not frozen: %s", p.Figures)
		}
		if strings.Contains(p.HTML, "待补") {
			t.Errorf("an accepted gap is printed in the published version")
		}
		if strings.Contains(p.HTML, "÷") || strings.Contains(p.HTML, "<th>口径</th>") {
			t.Errorf("the public version shows internal formulas")
		}
		// Removed, the gap is back.
		if err := SaveManual(ctx, st, a, sys, "C", 2024, "awards.national", nil); err != nil {
			t.Fatal(err)
		}
		if d, _ := Assemble(ctx, st, sys, "C", 2024, "", nil); len(d.Manuals) != 2 {
			t.Errorf("after removal: %+v", d.Manuals)
		}
	})
}

func hasManual(fs []FillableFigure, id string) bool {
	for _, f := range fs {
		if f.ID == id && f.Manual != nil {
			return true
		}
	}
	return false
}
