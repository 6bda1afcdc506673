package indicators

import (
	"context"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// Public legal service platforms (rule-sheets.md D): the three levels of 市、镇、村 as the org
// tree holds them, and the points set up in a period (设立日期).

// platformTypes are the org types that are service points.
var platformTypes = []string{"公共法律服务中心", "公共法律服务工作站", "公共法律服务工作室"}

func init() {
	define(
		Def{ID: "pls.platform_coverage", Label: "三级公共法律服务平台覆盖率", Unit: "%",
			Formula: "县（市、区）有公共法律服务中心、每个镇（街道）有公共法律服务工作站、每个村（社区）有公共法律服务工作室或在聘的村居法律顾问的比例，" +
				"1位小数；分组列出缺少平台的单位。站点以设立日期不晚于期末者为准，属于其上级单位或编码以该单位编码加“-”开头的单位",
			Custom: platformCoverage,
			Paragraph: &Paragraph{Section: SectionServices, Order: 5,
				Text: "全面建设市、镇、村三级公共法律服务实体平台，平台覆盖率{pls.platform_coverage}，" +
					"{year}年新设立公共法律服务站点{pls.new_points}个。"}},
		Def{ID: "pls.new_points", Label: "新设立公共法律服务站点", Unit: "个",
			Formula: "设立日期在统计期内的公共法律服务中心、工作站和工作室数（按类型）",
			Custom:  newPoints},
	)
}

// orgsUnder lists the orgs of the scope in org's subtree (the whole scope when org is "").
func orgsUnder(ctx context.Context, st *store.Store, sc store.Scope, org string) ([]store.Org, error) {
	all, err := st.Orgs(ctx, sc)
	if err != nil || org == "" {
		return all, err
	}
	root, err := st.Org(ctx, sc, org)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(o store.Org) bool { return !strings.HasPrefix(o.Path, root.Path) }), nil
}

// coverage is covered ÷ units as a percentage, the gaps as its breakdown.
func coverage(covered, units float64, gaps map[string]float64) Value {
	v := Value{Numerator: &covered, Denominator: &units, By: gaps}
	if units == 0 {
		v.Unavailable = "范围内没有需要覆盖的单位"
		return v
	}
	v.Value = RoundHalfUp(100*covered/units, 1)
	return v
}

// maxGaps caps the units a coverage figure names in its breakdown: above any county's count
// of villages (the demo's figures name every gap), so that only a city or a province lists the
// first of them, in tree order, while the figure counts them all.
var maxGaps = 1000

// Each level needs its own point (a village: a 工作室, or a village adviser under contract).
var (
	counties = []string{"县级市", "区", "县"}
	towns    = []string{"镇", "街道"}
)

// need is what a unit of a type lacks when it is a gap.
func need(typ string) string {
	switch {
	case slices.Contains(counties, typ):
		return "公共法律服务中心"
	case slices.Contains(towns, typ):
		return "公共法律服务工作站"
	}
	return "公共法律服务工作室或村居法律顾问"
}

// platformCoverage is one query over the units of the three levels (store.CountOrgs).
func platformCoverage(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	point := func(of []string, typ string) store.Cover {
		return store.Cover{Of: of, Below: []string{typ}, FoundedBy: p.To}
	}
	covers := []store.Cover{point(counties, "公共法律服务中心"), point(towns, "公共法律服务工作站"),
		point(law.Villages, "公共法律服务工作室")}
	if sc.CanRead("advisory_contract") {
		adviser := villageAdvisers(p)
		adviser.Of = law.Villages
		covers = append(covers, adviser)
	}
	units := slices.Concat(counties, towns, law.Villages)
	t, err := st.CountOrgs(ctx, sc, store.OrgSet{Under: org, Types: units, Covered: covers, Gaps: maxGaps})
	if err != nil {
		return Value{}, err
	}
	gaps := map[string]float64{}
	for _, u := range t.Gaps {
		gaps[u.Name+"（缺"+need(u.Type)+"）"] = 1
	}
	return coverage(float64(t.Covered), float64(t.Orgs), gaps), nil
}

func newPoints(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	t, err := st.CountOrgs(ctx, sc, store.OrgSet{Under: org, Types: platformTypes, FoundedFrom: p.From, FoundedTo: p.To})
	if err != nil {
		return Value{}, err
	}
	v := Value{Value: float64(t.Orgs), By: map[string]float64{}}
	for typ, n := range t.ByType {
		v.By[typ] = float64(n)
	}
	return v, nil
}
