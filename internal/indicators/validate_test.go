package indicators

import (
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

func TestCatalogIsValid(t *testing.T) {
	if err := Validate(); err != nil {
		t.Fatal(err)
	}
}

// A bad declaration is refused with the declaration named: each case changes one indicator of
// the real catalog and expects the error to name it and say what is wrong.
func TestValidateNamesTheBadDeclaration(t *testing.T) {
	for _, c := range []struct {
		name, id, want string
		change         func(d *Def)
	}{
		{"unknown kind", "mediation.cases", "台账类型「mediations」", func(d *Def) { d.Kind = "mediations" }},
		{"unknown date field", "mediation.cases", "日期字段「accepted」", func(d *Def) { d.Date = "accepted" }},
		{"a date field that is no date", "mediation.cases", "日期字段「result」", func(d *Def) { d.Date = "result" }},
		{"unknown filter field", "mediation.successful", "字段「outcome」", func(d *Def) { d.Filter = []store.Cond{eq("outcome", "成功")} }},
		{"a value the enum lacks", "mediation.successful", "「成功了」", func(d *Def) { d.Filter = []store.Cond{eq("result", "成功了")} }},
		{"unknown breakdown field", "mediation.cases", "汇总字段「type」", func(d *Def) { d.Agg.By = "type" }},
		{"unknown clock", "reconsideration.overdue", "期限「reconsideration.decisions」", func(d *Def) {
			d.Filter = []store.Cond{{Field: "reconsideration.decisions", Op: store.OpLate}}
		}},
		{"unknown numerator", "mediation.success_rate", "分子「mediation.success」", func(d *Def) { d.Numerator = "mediation.success" }},
		{"unknown id in part-of", "mediation.successful", "「mediation.case」", func(d *Def) { d.PartOf = &Part{Of: []string{"mediation.case"}} }},
		{"a cycle in part-of", "mediation.cases", "mediation.cases ⊂ mediation.successful ⊂ mediation.cases", func(d *Def) {
			d.PartOf = &Part{Of: []string{"mediation.successful"}}
		}},
		{"unknown drill-down", "mediation.success_rate", "明细「mediation.ok」", func(d *Def) { d.DrillTo = "mediation.ok" }},
		{"a drill-down into another kind", "mediation.success_rate", "另一类台账", func(d *Def) { d.DrillTo = "litigation.cases" }},
		{"unknown dashboard line", "mediation.judicial_confirmations", "栏目「courts」", func(d *Def) { d.Dashboard = Placement{Line: "courts", Tile: 1} }},
		{"two tiles in one place", "mediation.judicial_confirmations", "「mediation.cases」", func(d *Def) { d.Dashboard = Placement{Tile: 1} }},
		{"unknown section", "mediation.cases", "章节「courts」", func(d *Def) { d.Paragraph.Section = "courts" }},
		{"unknown id in a paragraph", "mediation.cases", "「mediation.total」", func(d *Def) { d.Paragraph.Text += "{mediation.total}" }},
		{"a figure without a paragraph", "mediation.success_rate", "没有出现在任何默认段落中", func(d *Def) {}},
	} {
		t.Run(c.name, func(t *testing.T) {
			defs := Catalog()
			found := false
			for i := range defs {
				if defs[i].ID == c.id {
					found = true
					if defs[i].Paragraph != nil {
						p := *defs[i].Paragraph
						defs[i].Paragraph = &p
					}
					c.change(&defs[i])
				}
				if c.name == "a figure without a paragraph" && defs[i].ID == "mediation.cases" {
					p := *defs[i].Paragraph
					p.Text = strings.ReplaceAll(p.Text, "{mediation.success_rate}", "")
					defs[i].Paragraph = &p
				}
			}
			if !found {
				t.Fatalf("no indicator %s", c.id)
			}
			err := validate(defs, promised.paragraphs, promised.nests)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error does not say %q:\n%v", c.want, err)
			}
			if c.name != "a cycle in part-of" && c.name != "two tiles in one place" && !strings.Contains(err.Error(), "「"+c.id+"」") {
				t.Errorf("error does not name %s:\n%v", c.id, err)
			}
		})
	}
}
