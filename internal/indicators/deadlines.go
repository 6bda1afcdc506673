package indicators

import (
	"context"

	"github.com/fazhi/fazhi/internal/store"
)

// deadlines.open_overdue: every open statutory clock past its due date at the end of the
// period, by kind (indicators.md). Soft practice periods are left out: missing them is not a
// legal defect.
func init() {
	define(Def{ID: "deadlines.open_overdue", Label: "逾期未办结事项", Unit: "件",
		Formula: "统计期末仍未办结且已超过法定期限的事项数（按类型）",
		Paragraph: &Paragraph{Section: SectionEnforcement, Order: 60,
			Text: "严格落实法定办理期限，对各类事项的法定期限实行全程提醒，截至{year}年底，逾期未办结事项{deadlines.open_overdue}件。"},
		Custom: func(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
			clocks, err := st.Clocks(ctx, sc, store.ClockFilter{OrgCode: org, OpenOnly: true})
			if err != nil {
				return Value{}, err
			}
			v := Value{By: map[string]float64{}}
			for _, c := range clocks {
				if c.Soft || c.Due == "" || c.Due >= p.To || c.Start > p.To {
					continue
				}
				v.Value++
				v.By[c.KindLabel]++
			}
			return v, nil
		}})
}
