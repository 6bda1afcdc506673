package indicators

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// The figures over the org tree that are computed in the database (store.CountOrgs, Held,
// MiddleDays) equal, value and breakdown, what the Go code they replaced computed by reading
// every org and record (kept below as the reference), on a generated world with the traps of
// the tree: stations coded after their town but kept elsewhere, codes with "_" and several "-",
// points opened after the period or undated, units nested in units, records owned below their
// unit, duplicate names, and scopes of a subtree, of single orgs and of an administrator.
func TestTreeFiguresEqualTheGoComputation(t *testing.T) {
	ctx := context.Background()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := generateWorld(t, st, rand.New(rand.NewSource(15)))
		if err := st.SaveSetting(ctx, store.Actor{Name: "test"}, store.SystemAll(), SettingQuotaPfx+"navigators", "4"); err != nil {
			t.Fatal(err)
		}
		kinds := []string{"advisory_contract", "navigator", "responsibility_list", "notarization"}
		scopes := map[string]store.Scope{
			"system":   store.SystemAll(),
			"county":   store.ScopeOf(store.Grant{OrgPaths: []string{w.path["C1"]}, Read: kinds}),
			"single":   store.ScopeOf(store.Grant{OrgsOnly: []string{w.path["C1"], w.path["C1-T1"], w.path["C1-T1-V1"], w.path["C1-ZF1"], w.path["C1-T1-SFS-G"]}, Read: kinds}),
			"admin":    store.ScopeOf(store.Grant{Admin: true, OrgPaths: []string{w.path["C2"]}, Read: kinds}),
			"no-firms": store.ScopeOf(store.Grant{AllOrgs: true, Read: kinds[1:]}),
		}
		ids := []string{"pls.platform_coverage", "pls.new_points", "village_counsel.coverage", "navigators.quota",
			"navigators.coverage_rate", "navigators.villages_below_quota", "publicity.responsibility_gaps", "notary.median_days", "lawyer.advisory_clients"}
		compared := 0
		for name, sc := range scopes {
			for _, org := range []string{"", "P", "C1", "C2", "C1-T1", "C1_T2", "C1-T1-V1"} {
				for _, p := range []Period{{"2024-01-01", "2024-12-31"}, {"2024-03-01", "2024-08-31"}, {"2019-01-01", "2019-12-31"}} {
					for _, id := range ids {
						d, _ := Lookup(id)
						got, gerr := ComputeIDs(ctx, st, sc, org, p.From, p.To, []string{id})
						want, werr := oldFigure(ctx, st, sc, org, p, d)
						if (gerr != nil) != (werr != nil) {
							t.Fatalf("%s %s %s %v: error %v, the Go computation %v", name, org, id, p, gerr, werr)
						}
						if gerr != nil {
							continue
						}
						v := got.List[0]
						v.ID, v.Label, v.Unit, v.Kind = "", "", "", ""
						if v.Formula == d.Formula {
							v.Formula = ""
						}
						if len(v.By) == 0 {
							v.By = nil
						}
						if len(want.By) == 0 {
							want.By = nil
						}
						if !reflect.DeepEqual(v, want) {
							t.Errorf("%s at %q %s %v:\n got %s\nwant %s", name, org, id, p, show(v), show(want))
						}
						compared++
					}
				}
			}
		}
		// The world has gaps of every kind, so the comparison was not of empty figures.
		res, err := ComputeIDs(ctx, st, store.SystemAll(), "P", "2024-01-01", "2024-12-31", ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			v, _ := res.Get(id)
			if v.Value == 0 || (d(id).Gaps || strings.HasSuffix(id, "coverage")) && len(v.By) == 0 {
				t.Errorf("%s at the root is %s: the world does not exercise it", id, show(v))
			}
		}
		// Past the cap, the breakdown names the first gaps only, and still counts them all.
		defer func(n int) { maxGaps = n }(maxGaps)
		maxGaps = 2
		for _, id := range []string{"pls.platform_coverage", "village_counsel.coverage", "navigators.villages_below_quota"} {
			all, _ := res.Get(id)
			capped, err := ComputeIDs(ctx, st, store.SystemAll(), "P", "2024-01-01", "2024-12-31", []string{id})
			if err != nil {
				t.Fatal(err)
			}
			c := capped.List[0]
			if c.Value != all.Value || len(c.By) == 0 || len(c.By) > 2 || len(all.By) <= 2 {
				t.Errorf("%s capped at 2: %s, uncapped %s", id, show(c), show(all))
			}
			for k := range c.By {
				if all.By[k] != 1 {
					t.Errorf("%s capped names %s, not a gap", id, k)
				}
			}
		}
		t.Logf("%d figures compared", compared)
	})
}

func d(id string) Def { def, _ := Lookup(id); return def }

func show(v Value) string {
	num := func(p *float64) string {
		if p == nil {
			return "-"
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range v.By {
			if !yield(k) {
				return
			}
		}
	})
	return fmt.Sprintf("%v (%s/%s) %q %v %s", v.Value, num(v.Numerator), num(v.Denominator), v.Unavailable, keys, v.Formula)
}

// world is the generated tree: each org's path by code.
type world struct{ path map[string]string }

func generateWorld(t *testing.T, st *store.Store, rnd *rand.Rand) world {
	ctx := context.Background()
	a, sys := store.Actor{Name: "test"}, store.SystemAll()
	var orgs []store.OrgInput
	add := func(code, name, typ, parent, founded string) {
		orgs = append(orgs, store.OrgInput{Code: code, Name: name, Type: typ, ParentCode: parent, FoundedOn: founded})
	}
	founded := func() string {
		return []string{"", "2019-06-01", "2023-03-01", "2024-02-10", "2024-07-15", "2024-11-30", "2025-03-01"}[rnd.Intn(7)]
	}
	var villages, units, firms, offices []string
	add("P", "省", "其他", "", "")
	for c, ctype := range []string{"县级市", "区", "县"} {
		cc := fmt.Sprintf("C%d", c+1)
		add(cc, cc+"市", ctype, "P", "")
		switch c { // the centre: under the county, coded after it under the root, or none
		case 0:
			add("GGFW-"+cc, cc+"中心", "公共法律服务中心", cc, founded()) // under it, not coded after it
		case 1:
			add(cc+"-GGFW", cc+"中心", "公共法律服务中心", "P", "2025-01-01")
		}
		add(cc+"-LS", cc+"律所", "律师事务所", cc, "")
		add(cc+"-GZC", cc+"公证处", "公证处", cc, "")
		firms, offices = append(firms, cc+"-LS"), append(offices, cc+"-GZC")
		for z := 1; z <= 2; z++ {
			zc := fmt.Sprintf("%s-ZF%d", cc, z)
			add(zc, zc+"执法局", "行政执法单位", cc, "")
			add(zc+"-G", zc+"法规股", "其他", zc, "")
			units = append(units, zc, zc+"-G")
		}
		for tn := 1; tn <= 3; tn++ {
			tc := fmt.Sprintf("%s-T%d", cc, tn)
			if tn == 2 {
				tc = cc + "_T2" // "_" is no wildcard: C1XT2-GFZ does not serve it
				add(cc+"XT2-GFZ", "假站", "公共法律服务工作站", cc, "")
			}
			ttype := []string{"镇", "街道"}[rnd.Intn(2)]
			add(tc, tc+"镇", ttype, cc, "")
			add(tc+"-SFS", tc+"司法所", "司法所", tc, "")
			add(tc+"-SFS-G", tc+"司法所综合股", "其他", tc+"-SFS", "")
			units = append(units, tc+"-SFS-G") // owned below its town, through the 司法所
			// The station: under the town, under its 司法所 coded after it, under the county, none.
			switch rnd.Intn(4) {
			case 0:
				add("GFZ"+tc, tc+"工作站", "公共法律服务工作站", tc, founded())
			case 1:
				add(tc+"-GFZ", tc+"工作站", "公共法律服务工作站", tc+"-SFS", founded())
			case 2:
				add(tc+"-X-GFZ", tc+"工作站", "公共法律服务工作站", cc, founded())
			}
			zc := tc + "-ZF"
			add(zc, tc+"综合执法队", "行政执法单位", tc, "") // a unit inside a unit
			units = append(units, tc, zc)
			for v := 1; v <= 4; v++ {
				vc := fmt.Sprintf("%s-V%d", tc, v)
				vname := []string{"新村", "东村", "西社区", fmt.Sprintf("%s村%d", tc, v)}[rnd.Intn(4)]
				add(vc, vname, law.Villages[rnd.Intn(2)], tc, "")
				add(vc+"-TJ", vname+"调委会", "人民调解委员会", vc, "")
				if rnd.Intn(3) == 0 {
					code := []string{vc + "-GFS", "GFS" + vc}[rnd.Intn(2)] // coded after the village, or only under it
					add(code, vname+"工作室", "公共法律服务工作室", []string{vc, vc + "-TJ", tc}[rnd.Intn(3)], founded())
				}
				villages = append(villages, vc)
			}
		}
	}
	if _, err := st.ImportOrgs(ctx, a, sys, orgs); err != nil {
		t.Fatal(err)
	}
	day := func(from, span int) string { // a day of 2022–2025
		return fmt.Sprintf("%d-%02d-%02d", 2022+(from+rnd.Intn(span))/12, 1+(from+rnd.Intn(span))%12, 1+rnd.Intn(28))
	}
	imp := func(kind string, rows []law.Values) {
		in := make([]store.ImportRow, len(rows))
		for i, v := range rows {
			in[i] = store.ImportRow{Line: i + 2, Values: v}
		}
		if _, bad, err := st.ImportRecords(ctx, a, sys, kind, in, false); err != nil {
			t.Fatal(kind, err, bad)
		}
	}
	var rows []law.Values
	for i, vc := range villages {
		if rnd.Intn(4) == 0 {
			continue
		}
		from := day(0, 36)
		v := law.Values{"code": fmt.Sprintf("GW%d", i), "firm": firms[rnd.Intn(len(firms))], "client": vc + "村委会",
			"client_type": "村居", "village": vc, "started_on": from}
		if rnd.Intn(3) > 0 {
			y, _ := strconv.Atoi(from[:4])
			v["ends_on"] = strconv.Itoa(y+1) + from[4:] // a year later
		}
		rows = append(rows, v)
	}
	for i := 0; i < 12; i++ {
		rows = append(rows, law.Values{"code": fmt.Sprintf("QY%d", i), "firm": firms[rnd.Intn(len(firms))], "client": fmt.Sprintf("公司%d", i%5),
			"client_type": []string{"企业", "事业单位", "机关"}[i%3], "started_on": day(0, 12), "ends_on": []string{"", "2024-02-01", "2023-12-31"}[i%3]})
	}
	imp("advisory_contract", rows)
	rows = nil
	for i, vc := range villages {
		for n := rnd.Intn(7); n > 0; n-- {
			v := law.Values{"code": fmt.Sprintf("MB%d-%d", i, n), "name": "某人", "village": vc, "trained_on": day(0, 40)}
			if rnd.Intn(4) == 0 && v.Str("trained_on") <= "2024-06-30" {
				v["left_on"] = "2024-06-30"
			}
			rows = append(rows, v)
		}
	}
	imp("navigator", rows)
	rows = nil
	for i, u := range units {
		for _, y := range []string{"2023", "2024"} {
			// 一镇 holds only its 司法所's 股's list: seen through an office the scope may not see,
			// it is not the town's.
			if skip := rnd.Intn(3) == 0; u == "C1-T1" || skip && u != "C1-T1-SFS-G" {
				continue
			}
			v := law.Values{"code": fmt.Sprintf("QD%d-%s", i, y), "unit": u, "year": y}
			if rnd.Intn(4) > 0 || u == "C1-T1-SFS-G" {
				v["published_on"] = y + "-03-01"
				if rnd.Intn(3) > 0 || u == "C1-T1-SFS-G" {
					v["reported_on"] = y + "-12-01"
				}
			}
			rows = append(rows, v)
		}
	}
	imp("responsibility_list", rows)
	rows = nil
	for i := 0; i < 90; i++ {
		acc := day(12, 24)
		v := law.Values{"code": fmt.Sprintf("GZ%d", i), "org": offices[rnd.Intn(len(offices))], "accepted_on": acc, "matter": "继承"}
		if rnd.Intn(5) > 0 {
			at, _ := time.Parse("2006-01-02", acc)
			v["state"], v["issued_on"] = "已出证", at.AddDate(0, 0, rnd.Intn(40)).Format("2006-01-02")
		}
		rows = append(rows, v)
	}
	imp("notarization", rows)
	all, err := st.Orgs(ctx, sys)
	if err != nil {
		t.Fatal(err)
	}
	w := world{path: map[string]string{}}
	for _, o := range all {
		w.path[o.Code] = o.Path
	}
	return w
}

// oldFigure is the figure as the Go code computed it before issue 15 (computeOne's checks).
func oldFigure(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period, d Def) (Value, error) {
	if org != "" {
		if _, err := st.Org(ctx, sc, org); err != nil {
			return Value{}, err
		}
	}
	if d.Kind != "" && !sc.CanRead(d.Kind) {
		return Value{Unavailable: "无权查看该类数据"}, nil
	}
	switch d.ID {
	case "pls.platform_coverage":
		return oldPlatformCoverage(ctx, st, sc, org, p)
	case "pls.new_points":
		return oldNewPoints(ctx, st, sc, org, p)
	case "village_counsel.coverage":
		return oldVillageCoverage(ctx, st, sc, org, p)
	case "lawyer.advisory_clients":
		return oldAdvisoryClients(ctx, st, sc, org, p)
	case "notary.median_days":
		return oldMedianNotaryDays(ctx, st, sc, org, p)
	}
	v, err := oldQuotaMeasure(ctx, st, sc, org, p, d)
	if v.Formula == d.Formula {
		v.Formula = ""
	}
	return v, err
}

// The reference: the code of platforms.go, lawyers.go, notary.go and quota.go before issue 15.

func isVillage(o store.Org) bool { return slices.Contains(law.Villages, o.Type) }

func serves(p, u store.Org) bool {
	return (p.ID != u.ID && strings.HasPrefix(p.Path, u.Path)) || strings.HasPrefix(p.Code, u.Code+"-")
}

func oldPlatformCoverage(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
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

func oldNewPoints(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
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

func oldVillageCoverage(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	if !sc.CanRead("advisory_contract") {
		return Value{Unavailable: "无权查看该类数据"}, nil
	}
	units, err := orgsUnder(ctx, st, sc, org)
	if err != nil {
		return Value{}, err
	}
	served, err := activeContracts(ctx, st, sc, "", p, "village", eq("client_type", "村居"))
	if err != nil {
		return Value{}, err
	}
	var villages, covered float64
	gaps := map[string]float64{}
	for _, o := range units {
		if !isVillage(o) {
			continue
		}
		villages++
		if served[o.Code] {
			covered++
		} else {
			gaps[o.Name+"（未配备法律顾问）"] = 1
		}
	}
	return coverage(covered, villages, gaps), nil
}

func oldMedianNotaryDays(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	recs, err := st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: "notarization", OrgCode: org, Conds: in("issued_on", p)}})
	if err != nil {
		return Value{}, err
	}
	if len(recs) == 0 {
		return Value{Unavailable: "统计期内没有出证的公证书"}, nil
	}
	days := make([]int, len(recs))
	for i, r := range recs {
		days[i] = law.DaysBetween(r.Values.Str("accepted_on"), r.Values.Str("issued_on"))
	}
	slices.Sort(days)
	mid := len(days) / 2
	if len(days)%2 == 1 {
		return Value{Value: float64(days[mid])}, nil
	}
	return Value{Value: RoundHalfUp(float64(days[mid-1]+days[mid])/2, 1)}, nil
}

// oldQuotaMeasure measured the table Coverage builds (which the coverage page still reads).
func oldQuotaMeasure(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period, d Def) (Value, error) {
	q := d.Quota
	t, err := Coverage(ctx, st, sc, org, p, d.ID)
	if err != nil {
		return Value{}, err
	}
	if t.Unavailable != "" {
		return Value{Unavailable: t.Unavailable}, nil
	}
	var v Value
	switch q.Measure {
	case QuotaLevel:
		v = Value{Value: float64(t.Quota)}
	case QuotaRate:
		meeting := 0.0
		for _, u := range t.Units {
			if !u.Below {
				meeting++
			}
		}
		v = coverage(meeting, float64(len(t.Units)), nil)
	default:
		v = Value{Value: float64(t.Below), By: map[string]float64{}}
		for _, u := range t.Units {
			if u.Below {
				n := strconv.FormatFloat(u.Count, 'f', -1, 64)
				v.By[u.Name()+"（"+strings.ReplaceAll(q.Shortfall, "{n}", n)+"）"] = 1
			}
		}
	}
	v.Formula = d.Formula + "；" + t.InForce()
	return v, nil
}

// activeContracts listed a field's distinct values over the contracts of activeQueries.
func activeContracts(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period, field string, conds ...store.Cond) (map[string]bool, error) {
	out := map[string]bool{}
	for _, q := range activeQueries(org, p, conds...) {
		vals, err := st.Distinct(ctx, sc, q, field)
		if err != nil {
			return nil, err
		}
		for _, v := range vals {
			if v != "" {
				out[v] = true
			}
		}
	}
	return out, nil
}

func oldAdvisoryClients(ctx context.Context, st *store.Store, sc store.Scope, org string, p Period) (Value, error) {
	clients, err := activeContracts(ctx, st, sc, org, p, "client",
		store.Cond{Field: "client_type", Op: store.OpIn, Values: []string{"企业", "事业单位"}})
	if err != nil {
		return Value{}, err
	}
	return Value{Value: float64(len(clients))}, nil
}
