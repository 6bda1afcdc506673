package indicators

import (
	"context"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
	"github.com/fazhi/fazhi/internal/store"
)

// The deadline figures are stocks at the period's end (indicators.md): the clocks open and past
// due on `to`, projected as of that day from the records' values (procedure.ClocksAsOf), never
// read from the clocks cache, which reflects today — a case overdue on 12月31日 and closed the
// next year stays in that year's figure, and recomputing a past year gives the same figure.
// SQL over stored dates cannot decide it exactly: a due date moves with suspensions, extensions
// and the working-day calendar, and a fact dated after `to` must be unknown. So the clocks index
// finds the records with a counted clock that may have been open on `to` (started by then, not
// stopped by then: store.EachRecordWithClocksOpenOn), and only those are projected, one at a time — the stock at
// the period's end, not every record of the kind. Soft practice periods are left out of both
// figures: missing them is not a legal defect.
func init() {
	define(Def{ID: "deadlines.open_overdue", Label: "逾期未办结事项", Unit: "件",
		Formula: "统计期末仍未办结且已超过法定期限的事项数（按类型；不含当事人期限和届满即视为生效的期限）",
		Paragraph: &Paragraph{Section: SectionEnforcement, Order: 60,
			Text: "严格落实法定办理期限，对各类事项的法定期限实行全程提醒，截至{year}年底，逾期未办结事项{deadlines.open_overdue}件。"},
		Custom: func(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
			return lapsedAt(ctx, st, sc, org, p.To, officeDuty)
		}})
	// 期限届满待处理: a party's window (上诉期限, 申请司法确认期限) or a period whose lapse has a
	// legal effect of its own (行政复议法第30条第3款 视为受理, 第31条第2款 视为放弃) is not the
	// office's delay; that it ran out with the step not yet recorded is counted apart.
	define(Def{ID: "deadlines.lapsed_pending", Label: "期限届满待处理事项", Unit: "件",
		Formula: "统计期末当事人期限或届满即视为受理、视为放弃的期限已届满而尚未处理的事项数（按类型）",
		Paragraph: &Paragraph{Section: SectionEnforcement, Order: 70,
			Text: "截至{year}年底，当事人期限和视为生效期限已届满、尚待处理的事项{deadlines.lapsed_pending}件。"},
		Custom: func(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
			return lapsedAt(ctx, st, sc, org, p.To, func(r law.ClockRule) bool { return !officeDuty(r) })
		}})
}

// officeDuty reports whether missing the period is the office's overdue: not a party's window
// and not a period the law itself closes by a deemed step.
func officeDuty(r law.ClockRule) bool { return !r.Lapses && r.Deemed == "" && r.Proposes == "" }

// lapsedAt counts, per kind, the records with a clock that keep(rule) selects running and
// past due at the end of day `to`. A record counts once however many of its clocks are late.
func lapsedAt(ctx context.Context, st *store.Store, sc store.Scope, org, to string, keep func(law.ClockRule) bool) (Value, error) {
	day, err := calendar.ParseDate(to)
	if err != nil {
		return Value{}, err
	}
	if today := st.Today(); today.Before(day) {
		day = today // a period not yet ended: its stock so far
	}
	cal := st.Calendar()
	v := Value{By: map[string]float64{}}
	for _, k := range law.Kinds() {
		if !sc.CanRead(k.Name) || !anyClock(k, keep) {
			continue
		}
		err := st.EachRecordWithClocksOpenOn(ctx, sc, store.Query{Kind: k.Name, OrgCode: org}, clockRules(k, keep), day.String(), func(r store.Record) error {
			for _, c := range procedure.ClocksAsOf(k, r.Values, cal, day) {
				if c.Rule.Soft || !keep(c.Rule) || c.State != procedure.Running || !c.Overdue {
					continue
				}
				v.Value++
				v.By[k.Label]++
				break
			}
			return nil
		})
		if err != nil {
			return Value{}, err
		}
	}
	return v, nil
}

// clockRules names the rules of k the figure counts, for the store to find the records with
// one of them open on the day; a rule with a fallback start may have started earlier then than
// its start now says (procedure.ProjectClock).
func clockRules(k *law.Kind, keep func(law.ClockRule) bool) store.ClockRuleFilter {
	var f store.ClockRuleFilter
	for _, r := range k.Clocks {
		if r.Soft || !keep(r) {
			continue
		}
		f.Rules = append(f.Rules, r.ID)
		if r.StartFallback != "" {
			f.Anytime = append(f.Anytime, r.ID)
		}
	}
	return f
}

func anyClock(k *law.Kind, keep func(law.ClockRule) bool) bool {
	for _, r := range k.Clocks {
		if !r.Soft && keep(r) {
			return true
		}
	}
	return false
}
