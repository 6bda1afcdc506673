package indicators

import (
	"context"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// What 粤执法 does not show of the officers (issue 12 items 1 and 2): the certificate events that
// break a rule of a certificate's life (law.History, flagged when read: an imported ledger is
// kept as it is), the officers who left without their certificate 注销, the officers short of
// the yearly training hours, and the enforcement units that trained nobody.

// TrainingHours is the yearly training target of an enforcement officer: 60 学时 by default
// (国办发〔2023〕27号 提升行政执法质量三年行动计划, rule-sheets.md [unverified]); a local setting.
var TrainingHours = Target{Setting: "training_hours", Default: 60, Source: "国办发〔2023〕27号", Kind: "training", Field: "hours", Unit: "学时"}

func init() {
	// 每个行政执法单位（含镇街综合执法）每年至少有一条培训登记; a county may ask for more.
	trained := Quota{Count: "training.attendances", Units: law.EnforcementOrgs, Setting: "training_units", Default: 1,
		Measure: QuotaBelow, Shortfall: "培训登记{n}人次"}
	define(
		Def{ID: "training.attendances", Label: "参训人次", Unit: "人次", Kind: "training",
			Formula: "开始日期在统计期内的培训登记数（一人参加一次培训为一条，按所属单位）", Date: "started_on",
			Agg: store.Agg{Func: "count", By: "org"}},
		Def{ID: "training.units_untrained", Label: "未开展培训的执法单位", Unit: "个", Kind: "training",
			Formula: "范围内的行政执法单位和镇（街道）中，统计期内没有参训人员的单位数，分别列出",
			Quota:   &trained, Gaps: true, Dashboard: Placement{Line: "training", Tile: 5, Good: LowerIsGood}},
		Def{ID: "training.officers_below_target", Label: "学时未达标执法人员", Unit: "名", Kind: "training",
			Formula: "期末在职的行政执法人员中，统计期内培训学时合计低于年度学时目标的人数（按单位）；培训登记的人员按编号对应，编号不符时按唯一的姓名对应",
			Target:  &TrainingHours, Custom: officersBelowTarget, DrillTo: "training.attendances",
			Dashboard: Placement{Line: "training", Tile: 6, Good: LowerIsGood},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 46, Text: "全年培训登记{training.attendances}人次；期末在职行政执法人员中培训学时未达年度目标的{training.officers_below_target}名，" +
				"全年未开展培训的行政执法单位{training.units_untrained}个。"}},

		Def{ID: "certification.flagged", Label: "存疑的执法证件记录", Unit: "条", Kind: "certificate_event",
			Formula: "日期在统计期内的执法证件事件中，发证前没有考试通过记录、或在持证人离岗后发证换证年审恢复的记录数（按情形；广东省行政执法证件管理办法第4、6条）",
			Custom:  flaggedCertificateEvents, DrillTo: "certification.issued",
			Dashboard: Placement{Line: "certificate_event", Tile: 5, Good: LowerIsGood}},
		Def{ID: "certification.not_revoked", Label: "离岗未注销执法证", Unit: "张", Kind: "certificate_event",
			Formula: "期末前调离或退休的行政执法人员离岗之日持有、期末尚未注销的执法证数（每人至多一张，按单位；广东省行政执法证件管理办法第6条）",
			Custom:  notRevoked, Dashboard: Placement{Line: "certificate_event", Tile: 6, Good: LowerIsGood},
			Paragraph: &Paragraph{Section: SectionEnforcement, Order: 51, Text: "核查执法证件台账，发现存疑记录{certification.flagged}条，" +
				"离岗未注销执法证{certification.not_revoked}张。"}},
	)
}

// officersBelowTarget counts the officers serving at the period's end whose training hours in
// the period fall short of the yearly target in force, in the database (Store.CountShortOfHours:
// a training's 人员 is the officer's 编号, or a name only one of them bears; ledgers.md).
func officersBelowTarget(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	if !sc.CanRead("officer") || !sc.CanRead("training") {
		return Value{Unavailable: "无权查看该类数据"}, nil
	}
	target, local, err := TrainingHours.InForce(ctx, st)
	if err != nil {
		return Value{}, err
	}
	// The trainings are the whole scope's: an officer may train with another unit.
	n, by, err := st.CountShortOfHours(ctx, sc, servingQuery(org, p.To), store.Query{Kind: "training", Conds: in("started_on", p)}, target)
	d, _ := Lookup("training.officers_below_target")
	return Value{Value: n, By: by, Formula: d.Formula + "；年度学时目标为每人" + TrainingHours.Says(target, local)}, err
}

// flaggedCertificateEvents counts the certificate events of the period that break a rule of
// the certificate's life (law.History), by rule: the same rules the form and the API refuse.
func flaggedCertificateEvents(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	if !sc.CanRead("certificate_event") || !sc.CanRead("officer") {
		return Value{Unavailable: "无权查看该类数据"}, nil
	}
	if ctx.Value(noTallies{}) == nil {
		// For a reader of the whole tree, the flags kept for every event answer in the database
		// (store/holder_spans.go); a reader of part of it checks the events it sees below.
		n, by, ok, err := st.CountFlagged(ctx, sc, store.Query{Kind: law.CertificateEvent.Name, OrgCode: org, Conds: in("on", p)})
		if err != nil || ok {
			return Value{Value: n, By: by}, err
		}
	}
	list, err := FlaggedCertificateEvents(ctx, st, sc, org, p)
	if err != nil {
		return Value{}, err
	}
	v := Value{By: map[string]float64{}}
	for _, b := range list {
		v.Value++
		for _, f := range b.Flags {
			v.By[f]++
		}
	}
	return v, nil
}

// FlaggedEvent is a certificate event with the rules of its life it breaks.
type FlaggedEvent struct {
	store.Record
	Flags []string
}

// FlaggedCertificateEvents lists those events (the figure's records).
func FlaggedCertificateEvents(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) ([]FlaggedEvent, error) {
	kind := law.CertificateEvent
	recs, err := st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: kind.Name, OrgCode: org, Conds: in("on", p)}})
	if err != nil {
		return nil, err
	}
	codes := make([]string, len(recs))
	for i, r := range recs {
		codes[i] = r.Values.Str("officer")
	}
	events, err := recordsByRef(ctx, st, sc, kind.Name, "officer", codes)
	if err != nil {
		return nil, err
	}
	holders, err := officersByCode(ctx, st, sc, codes)
	if err != nil {
		return nil, err
	}
	var out []FlaggedEvent
	for _, r := range recs {
		var others []law.Values
		for _, e := range events[r.Values.Str("officer")] {
			if e.ID != r.ID {
				others = append(others, e.Values)
			}
		}
		if bs := kind.History.Breaches(kind, r.Values, holders[r.Values.Str("officer")], others); len(bs) > 0 {
			f := FlaggedEvent{Record: r}
			for _, b := range bs {
				f.Flags = append(f.Flags, b.Flag)
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// notRevoked counts the officers of org's subtree who left by the period's end with a
// certificate in hand that no 注销 by then surrendered (law.LeftWithCertificate).
func notRevoked(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	if !sc.CanRead("certificate_event") || !sc.CanRead("officer") {
		return Value{Unavailable: "无权查看该类数据"}, nil
	}
	leavers := store.Query{Kind: "officer", OrgCode: org,
		Conds: []store.Cond{{Field: "left_on", Op: store.OpNotEmpty}, {Field: "left_on", Op: store.OpLE, Value: p.To}}}
	if ctx.Value(noTallies{}) == nil {
		// For a reader of the whole tree, what each leaver kept is kept with the spans
		// (store/holder_spans.go); a reader of part of it folds the events it sees below.
		n, by, ok, err := st.CountNotRevoked(ctx, sc, leavers, p.To)
		if err != nil || ok {
			return Value{Value: n, By: by}, err
		}
	}
	left, err := st.ListAll(ctx, sc, store.Filter{Query: leavers})
	if err != nil {
		return Value{}, err
	}
	events, err := certificateEvents(ctx, st, sc, codesOf(left))
	if err != nil {
		return Value{}, err
	}
	v := Value{By: map[string]float64{}}
	for _, o := range left {
		var upTo []law.Values
		for _, e := range events[o.Values.Str("code")] {
			if e.Str("on") <= p.To {
				upTo = append(upTo, e)
			}
		}
		if law.LeftWithCertificate(o.Values, upTo) {
			v.Value++
			v.By[o.OrgName]++
		}
	}
	return v, nil
}
