package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 兴宁市's public legal services other than legal aid: the 公证处's notarizations, the firms'
// advisory contracts and cases, the village advisers' contract reviews and services, and the
// service points set up since 2023. Every part has its own stream (30–39), so nothing here moves
// another kind's records; the records run from 2023 to the load day, 2024 to the seed report
// (四(五): 办证1946件, 上门办证30余件, 容缺办证50余件, 66家企事业单位, 1806件案件, 2143份“三资”合同).
const (
	streamNotary   = 30 // notarizations
	streamAdvisory = 31 // advisory contracts, the firms' lawyers
	streamLawyer   = 32 // the firms' cases
	streamReview   = 33 // village contract reviews
	streamCounsel  = 34 // village advisers' services
	streamPoints   = 35 // service points set up since 2023
)

// notaryYear is one year of certificates (counted by 出证日期) and how many of them took each mode.
type notaryYear struct {
	certificates, home, lenient, free, overdue, refused int
}

var notaryYears = map[int]notaryYear{
	2023: {certificates: 1812, home: 29, lenient: 46, free: 31, overdue: 9, refused: 14},
	2024: {certificates: 1946, home: 35, lenient: 55, free: 36, overdue: 6, refused: 12},
}

// The other ledgers' years: 2024 to the report, 2023 a little lower.
var (
	lawyerCases   = map[int]int{2023: 1702, 2024: 1806}
	sanziReviews  = map[int]int{2023: 1987, 2024: 2143}
	otherReviews  = map[int]int{2023: 352, 2024: 381}
	counselVisits = map[int]int{2023: 2380, 2024: 2566}
	// advisoryClients enterprises and institutions hold a contract in force during 2024.
	advisoryClients = 66
)

var publicServiceTargets = []kit.Target{
	{Year: 2024, ID: "notary.certificates", Value: 1946},
	{Year: 2024, ID: "notary.home_visits", Value: 35},
	{Year: 2024, ID: "notary.lenient", Value: 55},
	{Year: 2024, ID: "notary.overdue", Value: 6},
	{Year: 2024, ID: "lawyer.advisory_clients", Value: float64(advisoryClients)},
	{Year: 2024, ID: "lawyer.cases", Value: 1806},
	{Year: 2024, ID: "village_counsel.contracts_reviewed", Value: 2143},
	{Year: 2024, ID: "village_counsel.coverage", Value: 100},
	{Year: 2024, ID: "pls.platform_coverage", Value: 100},
}

var notaryOffice = bureauCode + "-GZC"

// notaryMatters are the matters with their share of a county office's work; Xingning's many
// overseas relatives make the 涉外 civil-status certificates common.
var notaryMatters = []weighted{
	{"委托", 20}, {"继承", 12}, {"声明", 10}, {"学历", 8}, {"亲属关系", 8}, {"无犯罪记录", 6}, {"婚姻状况", 6},
	{"出生", 5}, {"合同", 6}, {"保全证据", 5}, {"驾驶证", 4}, {"遗嘱", 3}, {"赠与", 3}, {"现场监督", 2}, {"其他", 2},
}

var slowMatters = slices.DeleteFunc(slices.Clone(notaryMatters), func(m weighted) bool { return speedup(m.s) > 0 })

var foreignMatters = []string{"学历", "亲属关系", "无犯罪记录", "婚姻状况", "出生", "驾驶证"}

// speedup is the 提速清单 promise of the office for simple matters (WD; 0: the statute's 15).
func speedup(matter string) int {
	switch {
	case slices.Contains(foreignMatters, matter):
		return 5
	case matter == "委托" || matter == "声明":
		return 10
	}
	return 0
}

// homeOdds: 上门办 is for people who cannot come — wills, inheritance and powers of attorney of
// the old and sick.
var homeOdds = map[string]float64{"遗嘱": 12, "继承": 5, "委托": 4, "声明": 2}

// officeDay is 1 on the office's working days, 0 on rest days.
func officeDay(cal *calendar.Calendar) kit.DayWeight {
	return func(d calendar.Date) float64 {
		if w, err := cal.WorkdayOnOrAfter(d); err == nil && w == d {
			return 1
		}
		return 0
	}
}

// ledgerStart is the first day of the demo's records; certificates issued before lateFrom
// cannot have been late.
var (
	ledgerStart = calendar.NewDate(2023, 1, 3)
	lateFrom    = calendar.NewDate(2023, 2, 15)
)

// yearSpan is the days of year y up to last (the whole year when last is later).
func yearSpan(y int, last calendar.Date) (from, to calendar.Date) {
	from, to = calendar.NewDate(y, 1, 1), calendar.NewDate(y, 12, 31)
	if to.After(last) {
		to = last
	}
	return from, to
}

// scaled is n for a year cut at last, in proportion to its weight (the seed year's rate).
func scaled(n, y int, last calendar.Date, w kit.DayWeight) int {
	from, to := yearSpan(y, last)
	return kit.Share(n, from, calendar.NewDate(y, 12, 31), from, to, w)
}

// loadPublicServices writes the ledgers of this file and the new service points.
func loadPublicServices(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, sum *Summary, t *tree, asOf calendar.Date) error {
	cal := st.Calendar()
	villages := demoVillages(t)
	points := newServicePoints(rand.New(rand.NewPCG(seed, streamPoints)), t, villages, asOf)
	if _, err := st.ImportOrgs(ctx, a, sc, points); err != nil {
		return fmt.Errorf("载入演示公共法律服务站点失败：%w", err)
	}
	sum.Orgs += len(points)
	notary, err := notarizations(rand.New(rand.NewPCG(seed, streamNotary)), cal, asOf)
	if err != nil {
		return err
	}
	if err := sum.write(ctx, st, a, sc, "notarization", notary); err != nil {
		return err
	}
	firms, contracts := advisoryContracts(rand.New(rand.NewPCG(seed, streamAdvisory)), villages, asOf)
	if err := sum.write(ctx, st, a, sc, "advisory_contract", imported(contracts)); err != nil {
		return err
	}
	w := officeDay(cal)
	if err := sum.write(ctx, st, a, sc, "lawyer_case", imported(firmCases(rand.New(rand.NewPCG(seed, streamLawyer)), firms, w, asOf))); err != nil {
		return err
	}
	if err := sum.write(ctx, st, a, sc, "contract_review", imported(contractReviews(rand.New(rand.NewPCG(seed, streamReview)), villages, w, asOf))); err != nil {
		return err
	}
	return sum.write(ctx, st, a, sc, "village_counsel_service", imported(counselServices(rand.New(rand.NewPCG(seed, streamCounsel)), villages, w, asOf)))
}

// village is a 村 or 社区 of the tree, with the adviser under contract there.
type village struct {
	code, name, counsel string
	firm                int
}

func demoVillages(t *tree) []village {
	var out []village
	for _, o := range t.orgs {
		if slices.Contains(law.Villages, o.Type) {
			out = append(out, village{code: o.Code, name: o.Name})
		}
	}
	return out
}

// newServicePoints are the 公共法律服务工作室 opened in villages since 2023 (设立日期), appended
// to the tree after it is imported so that every org drawn before stays as it was. Only those
// opened by asOf exist on the load day.
func newServicePoints(r *rand.Rand, t *tree, villages []village, asOf calendar.Date) []store.OrgInput {
	taken := map[string]bool{}
	for _, o := range t.orgs {
		taken[o.Code] = true
	}
	var out []store.OrgInput
	for _, y := range []struct{ year, n int }{{2023, 2}, {2024, 4}, {2025, 3}} {
		for range y.n {
			v := kit.OneOf(r, villages)
			day := calendar.NewDate(y.year, 1, 1).AddDays(r.IntN(365))
			if taken[v.code+"-GFS"] || day.After(asOf) {
				continue
			}
			taken[v.code+"-GFS"] = true
			out = append(out, store.OrgInput{Code: v.code + "-GFS", Name: v.name + "公共法律服务工作室",
				Type: "公共法律服务工作室", ParentCode: v.code, FoundedOn: day.String()})
		}
	}
	return out
}

// certificate is one notarization as the office's ledger holds it.
type certificate struct {
	accepted, issued, ended calendar.Date
	matter                  string
	home, lenient, free     bool
	overdue                 bool
	suspended               int // natural days of verification, not counted (公证法第30条)
	refused, open           bool
	stage                   string
	code                    string
}

// notarizations draws the certificates of each year by their 出证日期 (so that the year's count
// is exact, whenever the matter was accepted), a few refusals, and the matters still open on the
// load day — some near their fifteen working days, some past them.
func notarizations(r *rand.Rand, cal *calendar.Calendar, asOf calendar.Date) ([]kit.Row, error) {
	w := officeDay(cal)
	var all []*certificate
	for y := 2023; y <= asOf.Year(); y++ {
		plan, ok := notaryYears[y]
		if !ok {
			base := notaryYears[2024]
			scale := func(n int) int { return scaled(n, y, asOf, w) }
			plan = notaryYear{certificates: scale(base.certificates), home: scale(base.home), lenient: scale(base.lenient),
				free: scale(base.free), overdue: scale(base.overdue), refused: scale(base.refused)}
		}
		from, to := yearSpan(y, asOf)
		if from.Before(ledgerStart) {
			from = ledgerStart.AddDays(1)
		}
		days := kit.Days(r, from, to, plan.certificates, w)
		year := make([]*certificate, len(days))
		for i, d := range days {
			year[i] = &certificate{issued: d, matter: pickWeighted(r, notaryMatters)}
		}
		choose := func(k int, odds func(*certificate) float64, set func(*certificate)) error {
			keys := make([]float64, len(year))
			for i, c := range year {
				keys[i] = kit.Key(r, odds(c))
			}
			chosen, err := kit.Exactly(keys, k)
			for i, c := range year {
				if err == nil && chosen[i] {
					set(c)
				}
			}
			return err
		}
		even := func(*certificate) float64 { return 1 }
		if err := errorsJoin(
			choose(plan.home, func(c *certificate) float64 { return math.Max(homeOdds[c.matter], 0.2) }, func(c *certificate) { c.home = true }),
			choose(plan.lenient, even, func(c *certificate) { c.lenient = true }),
			choose(plan.free, func(c *certificate) float64 { return math.Max(homeOdds[c.matter], 1) }, func(c *certificate) { c.free = true }),
			choose(plan.overdue, func(c *certificate) float64 {
				if c.issued.Before(lateFrom) {
					return 1e-9 // its acceptance would fall before the ledger begins
				}
				if c.matter == "继承" || c.matter == "保全证据" {
					return 4 // 继承 needs every heir found and heard
				}
				return 1
			}, func(c *certificate) { c.overdue = true }),
		); err != nil {
			return nil, fmt.Errorf("公证%d年：%w", y, err)
		}
		for _, c := range year {
			if err := c.acceptance(r, cal); err != nil {
				return nil, err
			}
		}
		all = append(all, year...)
		for _, d := range kit.Days(r, from, to, plan.refused, w) {
			c := &certificate{ended: d, matter: pickWeighted(r, notaryMatters), refused: r.IntN(3) > 0}
			c.accepted, _ = cal.AddWorkdays(d, -1-r.IntN(8))
			c.accepted = maxDate(c.accepted, ledgerStart)
			all = append(all, c)
		}
	}
	// Open on the load day: accepted 1 … 20 working days before it.
	for i, back := range []int{1, 2, 2, 3, 5, 6, 8, 9, 11, 12, 13, 14, 15, 17, 19} {
		// The matters that stay open are the slow ones, outside the speed-up list.
		c := &certificate{matter: pickWeighted(r, slowMatters), open: true}
		c.accepted, _ = cal.AddWorkdays(asOf, -back)
		if i == 6 {
			c.suspended = -1 // a verification still running: the clock is paused
		}
		all = append(all, c)
	}
	numberCertificates(all)
	rows := make([]kit.Row, 0, len(all))
	for i, c := range all {
		row, err := c.row(r, cal, i)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// acceptance sets the acceptance day behind the issue: within the promise or the fifteen days,
// or beyond them for the late ones; a few had a verification that the period does not count.
func (c *certificate) acceptance(r *rand.Rand, cal *calendar.Calendar) error {
	var back int
	switch {
	case c.overdue:
		back = 16 + r.IntN(6)
	case r.Float64() < 0.08:
		back = 0 // issued the day it was accepted (提速清单: 当场出证)
	case speedup(c.matter) > 0:
		back = 1 + r.IntN(speedup(c.matter))
	default:
		back = 1 + r.IntN(14)
	}
	start, err := cal.AddWorkdays(c.issued, -back)
	if err != nil && c.issued.Before(lateFrom) {
		start = ledgerStart // counted back into 2022, which the calendar does not hold
	} else if err != nil {
		return err
	}
	if !c.overdue && r.Float64() < 0.05 {
		c.suspended = 3 + r.IntN(10)
		start = start.AddDays(-c.suspended)
	}
	c.accepted = maxDate(start, ledgerStart)
	return nil
}

func maxDate(a, b calendar.Date) calendar.Date {
	if a.Before(b) {
		return b
	}
	return a
}

// numberCertificates gives certificates their 公证书编号 by the year of issue, and the matters
// not issued their 受理编号.
func numberCertificates(all []*certificate) {
	kit.Number(len(all), func(i int) (string, calendar.Date) {
		if c := all[i]; !c.issued.IsZero() {
			return "证", c.issued
		}
		return "受", all[i].accepted
	}, func(i, year, seq int) {
		if !all[i].issued.IsZero() {
			all[i].code = fmt.Sprintf("（%d）粤梅兴证字第%04d号", year, seq)
		} else {
			all[i].code = fmt.Sprintf("兴公受〔%d〕%04d号", year, seq)
		}
	})
}

var (
	usePlaces    = []string{"美国", "加拿大", "马来西亚", "新加坡", "泰国", "中国香港", "澳大利亚", "印度尼西亚"}
	visitPlaces  = []string{"兴宁市人民医院", "申请人住所", "兴宁市中医医院", "镇敬老院", "申请人住所"}
	missingDocs  = []string{"户口簿", "结婚证复印件", "房产证明", "亲属关系证明", "死亡证明"}
	notaryStaff  = []string{"罗建平", "陈丽华", "刘志强", "曾晓燕", "黄伟东"}
	refusalPicks = []int{1, 3, 5, 6}
)

// row is the certificate as a ledger row; the open matter with a running verification is
// entered step by step, as the clerk did.
func (c *certificate) row(r *rand.Rand, cal *calendar.Calendar, i int) (kit.Row, error) {
	v := law.Values{"code": c.code, "org": notaryOffice, "accepted_on": c.accepted.String(), "matter": c.matter,
		"applicants": []string{personName(r)}, "notary": kit.OneOf(r, notaryStaff)}
	if slices.Contains(foreignMatters, c.matter) {
		v["foreign"], v["use_place"] = "是", kit.OneOf(r, usePlaces)
	}
	if n := speedup(c.matter); n > 0 {
		v["speedup_days"] = fmt.Sprint(n)
	}
	modes := []string{}
	if !c.lenient && !c.open && r.Float64() < 0.7 {
		modes = append(modes, "一次办")
	}
	if c.lenient {
		modes = append(modes, "容缺办")
		v["missing_docs"] = kit.OneOf(r, missingDocs)
	}
	if c.free {
		modes = append(modes, "免费办")
		v["waiver_basis"], v["fee"] = "符合法律援助条件（公证法第34条第2款）", "0"
	} else {
		v["fee"] = kit.OneOf(r, []string{"200", "300", "400", "600"})
	}
	if c.home {
		modes = append(modes, "上门办")
		v["visit_place"] = kit.OneOf(r, visitPlaces)
	}
	if len(modes) > 0 {
		v["modes"] = modes
	}
	if c.suspended > 0 {
		v["suspensions"] = []string{c.accepted.AddDays(1).String() + "~" + c.accepted.AddDays(c.suspended).String()}
		v["suspension_reason"] = "核实有关情况"
	}
	switch {
	case c.open && c.suspended < 0:
		first := v
		from := c.accepted.AddDays(1 + i%2)
		return kit.Row{Values: v, Stepwise: true, First: first, Steps: []kit.Step{
			{Name: "start_review"},
			{Name: "suspend", In: law.Values{"suspended_on": from.String(), "suspension_reason": "核实有关情况"}}}}, nil
	case c.open:
		v["stage"] = "审查中"
	case !c.issued.IsZero():
		v["state"], v["issued_on"] = "已出证", c.issued.String()
		if c.lenient {
			v["docs_completed_on"] = c.accepted.AddDays(r.IntN(1 + c.issued.Sub(c.accepted))).String()
		}
		due, err := kit.Due(cal, "notarization", "notary.issue", v)
		if err != nil {
			return kit.Row{}, err
		}
		if late := c.issued.After(due); late != c.overdue {
			return kit.Row{}, fmt.Errorf("演示公证「%s」：出证 %s，期限届满 %s，与计划（超期=%v）不符", c.code, c.issued, due, c.overdue)
		}
	case c.refused:
		v["state"], v["ended_on"] = "不予办理", c.ended.String()
		v["refusal_ground"] = law.NotaryRefusalGrounds[kit.OneOf(r, refusalPicks)]
	default:
		v["state"], v["ended_on"], v["termination_reason"] = "终止", c.ended.String(), "当事人撤回公证申请"
	}
	return kit.Row{Values: v}, nil
}

// advisoryContracts: every village has its adviser under a yearly contract from January 2023;
// the firms' enterprise and institution clients hold yearly contracts renewed on their day —
// advisoryClients of them in force during 2024, a few more that ended in 2023 or began in 2025,
// and some 机关.
func advisoryContracts(r *rand.Rand, villages []village, asOf calendar.Date) ([][]string, []law.Values) {
	firms := make([][]string, len(lawFirms))
	for i := range firms {
		firms[i] = distinctNames(r, 6+r.IntN(6))
	}
	var out []law.Values
	seq := make([]int, len(lawFirms))
	chain := func(firm int, client, typ, villageCode string, start calendar.Date, terms int) {
		for n := 0; (terms == 0 || n < terms) && !start.After(asOf); n++ {
			end := start.AddDays(364)
			seq[firm]++
			v := law.Values{"code": fmt.Sprintf("GW%d-%03d", start.Year(), seq[firm]), "firm": fmt.Sprintf("%s-LS%02d", cityCode, firm+1),
				"lawyers": []string{kit.OneOf(r, firms[firm])}, "client": client, "client_type": typ,
				"started_on": start.String(), "ends_on": end.String(), "contract_state": "有效"}
			if end.Before(asOf) {
				v["contract_state"] = "到期"
			}
			// A contract that continues was renewed a week or two before the reminder fell due.
			renews := terms == 0 || n+1 < terms
			if agreed := end.AddDays(-30 - 7 - r.IntN(8)); renews && !agreed.After(asOf) {
				v["renewed_on"] = agreed.String()
			}
			if villageCode != "" {
				v["village"] = villageCode
			}
			out = append(out, v)
			start = end.AddDays(1)
		}
	}
	for i := range villages {
		villages[i].firm = r.IntN(len(lawFirms))
		villages[i].counsel = kit.OneOf(r, firms[villages[i].firm])
		committee := villages[i].name + "村民委员会"
		if strings.HasSuffix(villages[i].name, "社区") {
			committee = villages[i].name + "居民委员会"
		}
		chain(villages[i].firm, committee, "村居", villages[i].code,
			calendar.NewDate(2023, 1, 3+r.IntN(25)), 0)
	}
	clients := enterpriseNames(r, advisoryClients+16)
	for i, name := range clients {
		typ := "企业"
		if strings.HasSuffix(name, "中心") || strings.HasSuffix(name, "医院") || strings.HasSuffix(name, "学校") {
			typ = "事业单位"
		}
		firm := r.IntN(len(lawFirms))
		switch {
		case i < advisoryClients: // in force during 2024: began in 2023 after New Year, renewed
			chain(firm, name, typ, "", calendar.NewDate(2023, 2, 1).AddDays(r.IntN(330)), 0)
		case i < advisoryClients+8: // one year, 2023 only
			chain(firm, name, typ, "", calendar.NewDate(2023, 1, 1), 1)
		default: // new clients of 2025
			chain(firm, name, typ, "", calendar.NewDate(2025, 1, 1).AddDays(r.IntN(300)), 0)
		}
	}
	for _, name := range []string{"兴宁市人民政府", "兴宁市自然资源局", "兴宁市住房和城乡建设局", "兴宁市市场监督管理局"} {
		chain(r.IntN(len(lawFirms)), name, "机关", "", calendar.NewDate(2023, 3, 1).AddDays(r.IntN(60)), 0)
	}
	return firms, out
}

var (
	enterpriseStems = []string{"宁江", "神光", "齐昌", "兴盛", "合水", "罗浮", "叶塘", "大坪", "坭陂", "龙田", "石马", "刁坊", "黄陂", "永和",
		"新圩", "径南", "水口", "宁塘", "黄槐", "罗岗", "宁中", "福兴", "兴田", "宁新"}
	enterpriseKinds = []string{"玩具有限公司", "建材有限公司", "电子科技有限公司", "食品有限公司", "农业发展有限公司", "纺织有限公司",
		"房地产开发有限公司", "物流有限公司", "电力有限公司", "矿业有限公司", "医院", "职业技术学校", "供水服务中心", "农村信用合作联社"}
)

func enterpriseNames(r *rand.Rand, n int) []string {
	var out []string
	for len(out) < n {
		name := "兴宁市" + kit.OneOf(r, enterpriseStems) + kit.OneOf(r, enterpriseKinds)
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

var caseTypes = []weighted{{"民事", 62}, {"刑事", 14}, {"非诉讼", 12}, {"法律援助", 8}, {"行政", 3}, {"其他", 1}}

// firmCases: the cases the firms took on, by 收案日期, concluded within months.
func firmCases(r *rand.Rand, firms [][]string, w kit.DayWeight, asOf calendar.Date) []law.Values {
	var out []law.Values
	eachYear(r, lawyerCases, w, asOf, func(y, i int, d calendar.Date) {
		firm := kit.PickIndex(r, len(firms), func(j int) float64 { return float64(len(firms[j])) })
		v := law.Values{"code": fmt.Sprintf("（%d）兴律%02d收字第%04d号", y, firm+1, i+1),
			"firm": fmt.Sprintf("%s-LS%02d", cityCode, firm+1), "lawyer": kit.OneOf(r, firms[firm]),
			"business_type": pickWeighted(r, caseTypes), "received_on": d.String()}
		if closed := d.AddDays(20 + r.IntN(260)); !closed.After(asOf) {
			v["closed_on"] = closed.String()
		}
		if v.Str("business_type") == "法律援助" {
			v["legal_aid"] = "是"
		}
		out = append(out, v)
	})
	return out
}

var sanziContracts = []string{"集体土地承包经营合同", "鱼塘租赁合同", "集体厂房租赁合同", "山林承包合同", "商铺租赁合同", "光伏项目用地租赁合同"}

// contractReviews: the village advisers' reviews, most of them "三资" contracts.
func contractReviews(r *rand.Rand, villages []village, w kit.DayWeight, asOf calendar.Date) []law.Values {
	var out []law.Values
	for _, part := range []struct {
		typ string
		n   map[int]int
	}{{"三资", sanziReviews}, {"其他", otherReviews}} {
		eachYear(r, part.n, w, asOf, func(y, i int, d calendar.Date) {
			v := kit.OneOf(r, villages)
			name := "村民建房协议"
			if part.typ == "三资" {
				name = kit.OneOf(r, sanziContracts)
			}
			out = append(out, law.Values{"code": fmt.Sprintf("SH%d-%s%04d", y, part.typ, i+1), "reviewed_on": d.String(),
				"village": v.code, "counsel": v.counsel, "contract_type": part.typ, "contract_name": name,
				"opinion": pickWeighted(r, []weighted{{"通过", 70}, {"修改后通过", 27}, {"不通过", 3}})})
		})
	}
	return out
}

var counselTypes = []weighted{{"法律咨询", 55}, {"参与调解", 14}, {"法治讲座", 10}, {"出具法律意见", 9}, {"代写文书", 8}, {"合同审核", 4}}

// counselServices: what the village advisers did besides reviewing contracts.
func counselServices(r *rand.Rand, villages []village, w kit.DayWeight, asOf calendar.Date) []law.Values {
	var out []law.Values
	eachYear(r, counselVisits, w, asOf, func(y, i int, d calendar.Date) {
		v := kit.OneOf(r, villages)
		typ := pickWeighted(r, counselTypes)
		people := 1 + r.IntN(3)
		if typ == "法治讲座" {
			people = 20 + r.IntN(60)
		}
		out = append(out, law.Values{"code": fmt.Sprintf("FW%d-%05d", y, i+1), "served_on": d.String(), "village": v.code,
			"counsel": v.counsel, "service_type": typ, "people": fmt.Sprint(people)})
	})
	return out
}

// eachYear draws the days of each year's records from 2023 to asOf's year — counts[y], or at
// 2024's rate for a later year, cut at asOf — and hands each to fn with its place in the year.
func eachYear(r *rand.Rand, counts map[int]int, w kit.DayWeight, asOf calendar.Date, fn func(y, i int, d calendar.Date)) {
	for y := 2023; y <= asOf.Year(); y++ {
		n, ok := counts[y]
		if !ok {
			n = scaled(counts[2024], y, asOf, w)
		}
		from, to := yearSpan(y, asOf)
		for i, d := range kit.Days(r, from, to, n, w) {
			fn(y, i, d)
		}
	}
}

// errorsJoin returns the first error (the draws are made in any case, so the stream stays put).
func errorsJoin(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
