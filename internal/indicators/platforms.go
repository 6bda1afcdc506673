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

func isVillage(o store.Org) bool { return slices.Contains(law.Villages, o.Type) }

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

// serves reports whether point p belongs to unit u: under it in the tree, or — a station kept
// under the 司法所 — coded after it (441481100-GFZ for 441481100).
func serves(p, u store.Org) bool {
	return (p.ID != u.ID && strings.HasPrefix(p.Path, u.Path)) || strings.HasPrefix(p.Code, u.Code+"-")
}

func platformCoverage(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	units, err := orgsUnder(ctx, st, sc, org)
	if err != nil {
		return Value{}, err
	}
	all, err := st.Orgs(ctx, sc)
	if err != nil {
		return Value{}, err
	}
	points := map[string][]store.Org{}
	for _, o := range all {
		if slices.Contains(platformTypes, o.Type) && (o.FoundedOn == "" || o.FoundedOn <= p.To) {
			points[o.Type] = append(points[o.Type], o)
		}
	}
	advised := map[string]bool{}
	if sc.CanRead("advisory_contract") {
		if advised, err = activeContracts(ctx, st, sc, "", p, "village", eq("client_type", "村居")); err != nil {
			return Value{}, err
		}
	}
	has := func(u store.Org, typ string) bool {
		return slices.ContainsFunc(points[typ], func(p store.Org) bool { return serves(p, u) })
	}
	var total, covered float64
	gaps := map[string]float64{}
	for _, u := range units {
		var need string
		ok := false
		switch {
		case slices.Contains([]string{"县级市", "区", "县"}, u.Type):
			need, ok = "公共法律服务中心", has(u, "公共法律服务中心")
		case u.Type == "镇" || u.Type == "街道":
			need, ok = "公共法律服务工作站", has(u, "公共法律服务工作站")
		case isVillage(u):
			need, ok = "公共法律服务工作室或村居法律顾问", has(u, "公共法律服务工作室") || advised[u.Code]
		default:
			continue
		}
		total++
		if ok {
			covered++
		} else {
			gaps[u.Name+"（缺"+need+"）"] = 1
		}
	}
	return coverage(covered, total, gaps), nil
}

func newPoints(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	units, err := orgsUnder(ctx, st, sc, org)
	if err != nil {
		return Value{}, err
	}
	v := Value{By: map[string]float64{}}
	for _, o := range units {
		if slices.Contains(platformTypes, o.Type) && o.FoundedOn >= p.From && o.FoundedOn <= p.To {
			v.Value++
			v.By[o.Type]++
		}
	}
	return v, nil
}
