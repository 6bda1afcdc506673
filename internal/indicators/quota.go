package indicators

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/store"
)

// A quota is a count every organisation of some types must hold at the period's end (乡村“法律
// 明白人”培养工作规范: at least 3 per 村(社区); a county may set more, so the number is a local
// setting). The table of every unit with its count is the coverage page; the figures that
// declare the quota are measures of that table: the units below it (named in the breakdown)
// or the share that meets it.

// SettingQuotaPfx starts the settings that hold a quota in force (indicators.quota.navigators).
const SettingQuotaPfx = "indicators.quota."

// Measure is which figure of a quota's table a definition is.
type Measure string

const (
	QuotaBelow Measure = "below" // units holding fewer than the quota, each named in the breakdown
	QuotaRate  Measure = "rate"  // units meeting it ÷ units in scope, 1 decimal %
	QuotaLevel Measure = "level" // the quota in force itself, for the sentence that states it
)

// Quota declares a count held per organisation against a minimum.
type Quota struct {
	// Count is the id of the count held (a count indicator); its records are assigned to the
	// unit that owns them or the nearest unit above their owner.
	Count string
	// Units are the org types that must each hold the quota (law.Villages).
	Units []string
	// RollUp are the org types the coverage page groups the units by (镇, 街道).
	RollUp []string
	// Setting is the key (after SettingQuotaPfx) of the local setting holding the quota;
	// Default is the number in force without it.
	Setting string
	Default int
	Measure Measure
	// Shortfall is how the breakdown describes a unit below the quota, {n} its count (现有{n}名).
	Shortfall string
}

// As is the quota measured one way, for a definition.
func (q Quota) As(m Measure) *Quota {
	q.Measure = m
	return &q
}

// InForce is the quota a deployment applies and whether it is its own setting.
func (q Quota) InForce(ctx context.Context, st *store.Store) (n int, local bool, err error) {
	return quotaNumbers.inForce(ctx, st, q.Setting, q.Default)
}

// QuotaUnit is one unit of a quota's table.
type QuotaUnit struct {
	Org   store.Org
	Group store.Org // the unit's roll-up org (its 镇 or 街道); zero when above the org chosen
	Count float64
	Below bool
}

// QuotaGroup sums the units of one roll-up org.
type QuotaGroup struct {
	Org          store.Org
	Units, Below int
	Count        float64
}

// QuotaTable is every unit of the scope's subtree with what it holds, the units below the
// quota first, and the units rolled up by their groups.
type QuotaTable struct {
	Figure      Def // the figure asked for
	Counted     Def // the count held per unit
	Quota       int
	Default     int
	Local       bool // the quota is the deployment's setting, not the default
	Units       []QuotaUnit
	Groups      []QuotaGroup
	Below       int
	Unavailable string
}

// QuotaOf returns the quota a figure measures.
func QuotaOf(id string) (*Quota, bool) {
	d, ok := Lookup(id)
	return d.Quota, ok && d.Quota != nil
}

// Coverage computes the table behind a quota figure for the org's subtree (the whole scope
// when org is "") at the end of the period.
func Coverage(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period, id string) (*QuotaTable, error) {
	d, ok := Lookup(id)
	if !ok || d.Quota == nil {
		return nil, &store.Error{Code: store.ENOTFOUND, Message: "指标「" + id + "」不是按单位配备标准统计的指标"}
	}
	q := d.Quota
	counted, _ := Lookup(q.Count)
	t := &QuotaTable{Figure: d, Counted: counted, Default: q.Default}
	var err error
	if t.Quota, t.Local, err = q.InForce(ctx, st); err != nil {
		return nil, err
	}
	all, err := st.Orgs(ctx, sc)
	if err != nil {
		return nil, err
	}
	under, err := orgsUnder(ctx, st, sc, org)
	if err != nil {
		return nil, err
	}
	by, unavailable, err := split(ctx, st, sc, org, p, q.Count, "\x00org")
	if err != nil {
		return nil, err
	}
	if unavailable != "" {
		t.Unavailable = unavailable
		return t, nil
	}
	byID := map[int64]store.Org{}
	for _, o := range all {
		byID[o.ID] = o
	}
	var units []store.Org
	for _, o := range under {
		if slices.Contains(q.Units, o.Type) {
			units = append(units, o)
		}
	}
	// A record counts for the unit that owns it or the nearest unit above its owner.
	held := map[string]float64{}
	for _, o := range under {
		n := by[o.Code]
		if n == 0 {
			continue
		}
		for up, ok := o, true; ok; up, ok = byID[up.ParentID] {
			if slices.Contains(q.Units, up.Type) {
				held[up.Code] += n
				break
			}
		}
	}
	groups := map[int64]*QuotaGroup{}
	for _, u := range units {
		row := QuotaUnit{Org: u, Count: held[u.Code], Below: held[u.Code] < float64(t.Quota)}
		for up, ok := byID[u.ParentID]; ok; up, ok = byID[up.ParentID] {
			if slices.Contains(q.RollUp, up.Type) {
				row.Group = up
				break
			}
		}
		if row.Below {
			t.Below++
		}
		t.Units = append(t.Units, row)
		g := groups[row.Group.ID]
		if g == nil {
			g = &QuotaGroup{Org: row.Group}
			groups[row.Group.ID] = g
		}
		g.Units++
		g.Count += row.Count
		if row.Below {
			g.Below++
		}
	}
	slices.SortStableFunc(t.Units, func(a, b QuotaUnit) int {
		if a.Below != b.Below {
			if a.Below {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.Group.Code, b.Group.Code), cmp.Compare(a.Org.Code, b.Org.Code))
	})
	for _, g := range groups {
		t.Groups = append(t.Groups, *g)
	}
	slices.SortFunc(t.Groups, func(a, b QuotaGroup) int { return cmp.Compare(a.Org.Code, b.Org.Code) })
	return t, nil
}

// Name is a unit as the breakdown names it: its group's name before its own (宁中镇黄岭村).
func (u QuotaUnit) Name() string { return u.Group.Name + u.Org.Name }

// measure is the figure the quota declares, computed in the database (store.Held: the units,
// those below, and the first maxGaps of those named) — the same figures as the table Coverage
// builds for the page, which reads every unit.
func (q *Quota) measure(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period, d Def) (Value, error) {
	counted, _ := Lookup(q.Count)
	t := &QuotaTable{Figure: d, Counted: counted, Default: q.Default}
	var err error
	if t.Quota, t.Local, err = q.InForce(ctx, st); err != nil {
		return Value{}, err
	}
	if !counted.counts() {
		return Value{}, fmt.Errorf("指标 %s 不能分组计算", q.Count)
	}
	if !sc.CanRead(counted.Kind) {
		return Value{Unavailable: "无权查看该类数据"}, nil
	}
	var v Value
	if q.Measure == QuotaLevel {
		v = Value{Value: float64(t.Quota)}
	} else {
		list := 0
		if q.Measure != QuotaRate {
			list = maxGaps
		}
		held, err := st.Held(ctx, sc, store.Holding{Records: store.Query{Kind: counted.Kind, OrgCode: org, Conds: counted.Where(p)},
			Agg: counted.Agg, Units: q.Units, RollUp: q.RollUp, Min: t.Quota, List: list})
		if err != nil {
			return Value{}, err
		}
		if q.Measure == QuotaRate {
			v = coverage(float64(held.Units-held.Below), float64(held.Units), nil)
		} else {
			v = Value{Value: float64(held.Below), By: map[string]float64{}}
			for _, u := range held.Short {
				n := strconv.FormatFloat(u.Count, 'f', -1, 64)
				name := QuotaUnit{Org: u.Org, Group: u.Group}.Name()
				v.By[name+"（"+strings.ReplaceAll(cmp.Or(q.Shortfall, "现有{n}"), "{n}", n)+"）"] = 1
			}
		}
	}
	v.Formula = d.Formula + "；" + t.InForce()
	return v, nil
}

// InForce says which quota applies: 配备标准每个单位不少于4名（本地设置，默认3名）.
func (t *QuotaTable) InForce() string {
	s := fmt.Sprintf("配备标准为每个单位不少于%d%s", t.Quota, t.Counted.Unit)
	if t.Local {
		return s + fmt.Sprintf("（本地设置，默认%d%s）", t.Default, t.Counted.Unit)
	}
	return s + "（默认值）"
}
