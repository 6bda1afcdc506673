package demo

import (
	"fmt"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
)

// The 人民调解 ledger of 兴宁市, 2023 to 2025-Q1.
//
// 2024 is generated to the seed report's figures: exactly cases2024 disputes accepted in 2024, of
// which exactly success2024 end in 成功, so that mediation.cases, mediation.successful and
// mediation.success_rate come out of the records by computation. Everything else — dates, types,
// committees, which disputes fail — is drawn at random around those counts.
//
// 2023 is the year the report compares with: exactly cases2023 disputes, success2023 of them
// successful. Its last weeks (cases2023Q4 disputes from 9 October) were drawn first, on the
// ledger's own stream before 2024; the rest of the year is drawn on a stream of its own
// (streamMedia2023), so that adding it left every 2024 and 2025 dispute as it was.

const (
	cases2024   = 2923 // 全市共调解矛盾纠纷2923件 (seed report, 四(三))
	success2024 = 2807 // 调解成功2807件 → 96.0%

	cases2023   = 2786 // the year before: 2024 has 4.9% more
	success2023 = 2647 // → 95.0%, a point below 2024

	cases2023Q4 = 330 // the part of 2023 drawn with 2024 (from 9 October), included in cases2023
	cases2025Q1 = 380 // closed cases of 2025 up to histEnd
	open2025    = 20  // still open at histEnd, so that the deadlines page has running clocks
)

// histEnd is the day the first ledgers stood on (the last data was of March 2025): everything up
// to it is drawn as it always was, so that 2023 and 2024 — and the demo loaded "as of" this day —
// stay exactly what they were. A demo loaded on a later day continues from here (live.go).
var histEnd = calendar.MustParseDate("2025-03-31")

type dispute struct {
	committee        int // index into tree.committees
	accepted, closed calendar.Date
	typ, result      string
	form             string // 协议形式
	amount           string
	parties          []string
	phone, mediator  string
	summary          string
	confirmedOn      calendar.Date // 申请司法确认 date; zero when not applied
	confirmResult    string
	code             string
	timeline         bool // created through CreateRecord + Transition, so it has a step-by-step history
}

// disputeTypes are the ledger's 纠纷类型 with their share of a county's caseload: family,
// neighbour and land disputes dominate village mediation; medical and land-requisition
// disputes are rare and mostly go to professional committees or other channels.
var disputeTypes = []weighted{
	{"婚姻家庭", 20}, {"邻里", 22}, {"房屋宅基地", 14}, {"损害赔偿", 10}, {"合同", 9}, {"山林土地", 7},
	{"劳动争议", 5}, {"道路交通", 4}, {"物业", 2}, {"征地拆迁", 1.2}, {"医疗", 0.8}, {"其他", 5},
}

// failWeight is how much likelier a type is to end without agreement.
var failWeight = map[string]float64{
	"征地拆迁": 6, "医疗": 4, "山林土地": 2.5, "劳动争议": 2, "合同": 1.8, "房屋宅基地": 1.5, "道路交通": 1.5,
	"物业": 1.5, "损害赔偿": 1.3, "婚姻家庭": 0.9, "邻里": 0.6, "其他": 1,
}

var summaries = map[string][]string{
	"婚姻家庭":  {"夫妻因家庭琐事长期争吵，一方要求离婚并分割共同财产", "兄弟之间因赡养老人费用分担发生争执", "离婚后子女抚养费支付发生纠纷"},
	"邻里":    {"因房前排水沟堵塞、雨水流入邻居院内引发争执", "因通行道路被占用发生邻里纠纷", "因饲养家禽损坏邻居菜地发生争执"},
	"房屋宅基地": {"因宅基地界址不清，建房时发生争执", "兄弟分家时对祖屋归属发生争议", "因新建房屋滴水、采光问题与邻居发生纠纷"},
	"损害赔偿":  {"因打架致一方受伤，双方就医疗费赔偿发生纠纷", "因施工损坏相邻房屋，双方就赔偿数额发生争议", "因犬只咬伤他人，双方就赔偿发生纠纷"},
	"合同":    {"因房屋装修工程款结算发生纠纷", "因买卖农资货款拖欠发生纠纷", "因民间借贷到期未还发生纠纷"},
	"山林土地":  {"因山林界址不清，双方在砍伐时发生争执", "因承包田灌溉用水分配发生争执", "因土地流转租金支付发生纠纷"},
	"劳动争议":  {"因年底工资拖欠，工人与企业发生纠纷", "因工伤待遇发生争议", "因解除劳动关系经济补偿发生争议"},
	"道路交通":  {"因两车碰撞，双方就车辆维修费和医疗费赔偿发生争议", "因电动车与行人相撞，就医疗费赔偿发生纠纷"},
	"物业":    {"业主因小区停车管理与物业公司发生纠纷", "业主以服务不到位为由拒交物业费发生纠纷"},
	"征地拆迁":  {"因征地补偿款分配发生争议", "因道路建设拆迁补偿标准发生争议"},
	"医疗":    {"患者家属对诊疗结果不满，就赔偿问题与医院发生纠纷", "因术后并发症，患方要求医院赔偿"},
	"其他":    {"因红白喜事占用公共场地发生争执", "因村集体分红分配发生争议", "因祖坟修缮费用分摊发生争执"},
}

// amounts gives the 涉及金额 range (元) of the types that involve money.
var amounts = map[string][2]float64{
	"合同": {3000, 300000}, "损害赔偿": {1000, 120000}, "劳动争议": {2000, 80000}, "道路交通": {2000, 150000},
	"医疗": {10000, 300000}, "征地拆迁": {20000, 500000},
}

// springFestival is 正月初一 of each year the demo covers.
var springFestival = map[int]calendar.Date{
	2023: calendar.MustParseDate("2023-01-22"),
	2024: calendar.MustParseDate("2024-02-10"),
	2025: calendar.MustParseDate("2025-01-29"),
	2026: calendar.MustParseDate("2026-02-17"),
	2027: calendar.MustParseDate("2027-02-06"),
}

// holidays are the public holidays of the first ledgers, when committees take few new cases.
// They were drawn with this list, which differs from the official arrangement on a few days
// (2022-12-31, before the calendar; 2024-12-30/31), so it stays as it was; days after histEnd
// take the embedded calendar's 放假 days instead.
var holidays = [][2]string{
	{"2022-12-31", "2023-01-02"}, {"2023-01-21", "2023-01-27"}, {"2023-04-05", "2023-04-05"},
	{"2023-04-29", "2023-05-03"}, {"2023-06-22", "2023-06-24"}, {"2023-09-29", "2023-10-06"},
	{"2023-12-30", "2024-01-01"}, {"2024-02-10", "2024-02-17"}, {"2024-04-04", "2024-04-06"},
	{"2024-05-01", "2024-05-05"}, {"2024-06-08", "2024-06-10"}, {"2024-09-15", "2024-09-17"},
	{"2024-10-01", "2024-10-07"}, {"2024-12-30", "2025-01-01"}, {"2025-01-28", "2025-02-04"},
}

// isHoliday reports whether d is a public holiday for dayWeight.
func isHoliday(d calendar.Date) bool {
	if d.After(histEnd) {
		day, ok := calendar.Default().Lookup(d)
		return ok && day.Kind == calendar.Holiday
	}
	s := d.String()
	for _, h := range holidays {
		if s >= h[0] && s <= h[1] {
			return true
		}
	}
	return false
}

// season names the parts of the year that change what disputes arise.
type season struct{ preFestival, postFestival, farming, yearEnd bool }

func seasonOf(d calendar.Date) season {
	y, m, day := d.YMD()
	var s season
	for _, fy := range []int{y, y + 1} {
		if sf, ok := springFestival[fy]; ok {
			// Migrant workers come home and debts fall due in the weeks before 春节; families are
			// together, and quarrel, until 元宵.
			if n := sf.Sub(d); n > 0 && n <= 21 {
				s.preFestival = true
			}
			if n := d.Sub(sf); n >= 8 && n <= 30 {
				s.postFestival = true
			}
		}
	}
	md := int(m)*100 + day
	// Spring planting, the early-rice harvest (July) and the late-rice harvest (late Oct–Nov):
	// water, field boundaries and livestock in crops.
	s.farming = (md >= 315 && md <= 420) || (md >= 705 && md <= 810) || (md >= 1020 && md <= 1125)
	s.yearEnd = m == 12
	return s
}

// dayWeight is how many disputes a day receives relative to an ordinary working day.
func dayWeight(d calendar.Date) float64 {
	if isHoliday(d) {
		return 0.15
	}
	w := 1.0
	if wd := d.Weekday(); wd == 0 || wd == 6 {
		w = 0.35 // village committees do take cases at weekends, but fewer
	}
	ss := seasonOf(d)
	if ss.preFestival {
		w *= 2
	}
	if ss.postFestival {
		w *= 1.15
	}
	if ss.farming {
		w *= 1.25
	}
	if ss.yearEnd {
		w *= 1.15
	}
	return w
}

// typeWeight shifts the mix of dispute types with the season.
func typeWeight(t weighted, s season) float64 {
	w := t.w
	switch t.s {
	case "劳动争议", "合同":
		if s.preFestival {
			w *= 2.2
		} else if s.yearEnd {
			w *= 1.5
		}
	case "婚姻家庭":
		if s.preFestival || s.postFestival {
			w *= 1.5
		}
	case "山林土地":
		if s.farming {
			w *= 1.6
		}
	case "邻里":
		if s.farming {
			w *= 1.3
		}
	}
	return w
}

type generator struct {
	r *rand.Rand
	t *tree
	// byTown lists, per town, its town-level committee first and then its village committees.
	byTown [][]int
	// professionalFor maps a dispute type to the professional committee that takes it.
	professionalFor map[string]int
}

func newGenerator(r *rand.Rand, t *tree) *generator {
	g := &generator{r: r, t: t, byTown: make([][]int, len(towns)), professionalFor: map[string]int{}}
	for i, c := range t.committees {
		if c.town >= 0 {
			g.byTown[c.town] = append(g.byTown[c.town], i)
		}
		for _, h := range c.handles {
			g.professionalFor[h] = i
		}
	}
	return g
}

func (g *generator) pickType(d calendar.Date) string {
	s := seasonOf(d)
	ws := make([]weighted, len(disputeTypes))
	for i, t := range disputeTypes {
		ws[i] = weighted{t.s, typeWeight(t, s)}
	}
	return pickWeighted(g.r, ws)
}

// professionalShare is the part of a type's disputes that its professional committee takes.
var professionalShare = map[string]float64{"医疗": 0.8, "道路交通": 0.5, "劳动争议": 0.3}

// pickCommittee chooses where a dispute is mediated: a professional committee for its type
// sometimes, else a town by population, then the town-level committee or one of its villages.
func (g *generator) pickCommittee(typ string) int {
	if p, ok := g.professionalFor[typ]; ok && g.r.Float64() < professionalShare[typ] {
		return p
	}
	ti := kit.PickIndex(g.r, len(towns), func(i int) float64 {
		w := float64(towns[i].pop)
		switch {
		case typ == "物业" && towns[i].typ == "街道":
			w *= 6 // residential estates are in town
		case typ == "山林土地" && towns[i].typ == "街道":
			w *= 0.2
		}
		return w
	})
	list := g.byTown[ti]
	// The town-level committee takes the harder and cross-village disputes.
	townShare := 0.4
	if towns[ti].typ == "街道" {
		townShare = 0.5
	}
	if g.r.Float64() < townShare {
		return list[0]
	}
	villages := list[1:]
	return villages[kit.PickIndex(g.r, len(villages), func(i int) float64 {
		c := g.t.committees[villages[i]]
		if typ == "物业" && c.community {
			return c.activity * 4
		}
		return c.activity
	})]
}

// closeAfter is how many days after acceptance a dispute is closed: most within three weeks,
// some the next day, a few near the 30-day practice limit or beyond it.
func (g *generator) closeAfter(typ string, success bool) int {
	var n int
	switch u := g.r.Float64(); {
	case u < 0.12:
		n = 1
	case u < 0.45:
		n = 2 + g.r.IntN(6)
	case u < 0.82:
		n = 8 + g.r.IntN(13)
	default:
		n = 21 + g.r.IntN(20)
	}
	if typ == "医疗" || typ == "征地拆迁" || typ == "山林土地" {
		n += 5 + g.r.IntN(10)
	}
	if !success {
		n += 3 + g.r.IntN(8)
	}
	return min(n, 40)
}

// newDispute fills in what does not depend on the outcome.
func (g *generator) newDispute(accepted calendar.Date) dispute {
	d := dispute{accepted: accepted, typ: g.pickType(accepted)}
	d.committee = g.pickCommittee(d.typ)
	c := g.t.committees[d.committee]
	d.mediator = kit.OneOf(g.r, c.mediators)
	n := 2
	switch u := g.r.Float64(); {
	case u < 0.12:
		n = 3
	case u < 0.15:
		n = 4
	}
	d.parties = distinctNames(g.r, n)
	switch d.typ {
	case "劳动争议":
		d.parties[len(d.parties)-1] = kit.OneOf(g.r, firmNames)
	case "物业":
		d.parties[len(d.parties)-1] = kit.OneOf(g.r, propertyFirms)
	case "医疗":
		hospital := "兴宁市人民医院"
		if c.town >= 0 {
			hospital = towns[c.town].name + "卫生院"
		}
		d.parties[len(d.parties)-1] = hospital
	}
	d.phone = phone(g.r)
	d.summary = kit.OneOf(g.r, summaries[d.typ])
	if rg, ok := amounts[d.typ]; ok {
		// Log-uniform: many small sums, a few large ones; rounded to 100 元 as clerks write them.
		x := rg[0] * math.Pow(rg[1]/rg[0], g.r.Float64())
		d.amount = strconv.Itoa(int(math.Round(x/100)) * 100)
	}
	return d
}

// conclude sets the outcome and what follows from it. last bounds the closing date (the 2025
// cases must be closed by histEnd).
func (g *generator) conclude(d *dispute, result string, last calendar.Date) {
	d.result = result
	ok := result == "成功"
	for range 20 {
		if d.closed = d.accepted.AddDays(g.closeAfter(d.typ, ok)); !d.closed.After(last) {
			break
		}
	}
	if d.closed.After(last) {
		d.closed = last
	}
	if !ok {
		return
	}
	d.form = "书面"
	// Simple neighbour and family quarrels are often settled by word of mouth (人民调解法第30条).
	oral := 0.08
	if d.typ == "邻里" || d.typ == "婚姻家庭" || d.typ == "其他" {
		oral = 0.22
	}
	if g.r.Float64() < oral {
		d.form = "口头"
		return
	}
	// 司法确认 (人民调解法第33条) within the 30-day window after the agreement.
	if g.r.Float64() < 0.062 {
		on := d.closed.AddDays(1 + g.r.IntN(20))
		result := "确认有效"
		if g.r.Float64() < 0.07 {
			result = "驳回申请"
		}
		if !on.After(last) {
			d.confirmedOn, d.confirmResult = on, result
		}
	}
}

// failResult splits the disputes without agreement between 不成功 and 终止 (人民调解法第26条).
func (g *generator) failResult() string {
	if g.r.Float64() < 0.6 {
		return "不成功"
	}
	return "终止"
}

// mediationTargets are the figures the ledger must produce (seed report, 四(三); 2023 for its
// comparisons); LoadAsOf checks them from the records.
var mediationTargets = []kit.Target{
	{Year: 2024, ID: "mediation.cases", Value: cases2024}, {Year: 2024, ID: "mediation.successful", Value: success2024},
	{Year: 2023, ID: "mediation.cases", Value: cases2023}, {Year: 2023, ID: "mediation.successful", Value: success2023},
}

// plan is how the generator's disputes are drawn for kit: the harder types fail more often
// (failWeight), and a failed dispute ends 不成功 or 终止.
func (g *generator) plan() kit.Plan[dispute] {
	return kit.Plan[dispute]{
		Draw: g.newDispute,
		Odds: func(d dispute) float64 { return failWeight[d.typ] },
		End: func(d *dispute, fails bool, last calendar.Date) {
			result := "成功"
			if fails {
				result = g.failResult()
			}
			g.conclude(d, result, last)
		},
	}
}

// everyday is the chance of a dispute failing outside the years with exact counts, times its
// failWeight: near 2024's rate.
const everyday = 0.03

// openCases generates the disputes still being mediated at histEnd.
func (g *generator) openCases() []dispute {
	var out []dispute
	for i, day := range kit.Days(g.r, histEnd.AddDays(-20), histEnd, open2025, dayWeight) {
		d := g.newDispute(day)
		d.result = "调解中"
		if i%3 == 2 {
			d.result = "受理"
		}
		d.timeline = true
		out = append(out, d)
	}
	return out
}

// numberDisputes gives each dispute its 编号: TJ, the year, and a sequence per committee and
// year in order of acceptance, as a committee's register numbers its cases.
func numberDisputes(ds []dispute) {
	kit.Number(len(ds), func(i int) (string, calendar.Date) { return strconv.Itoa(ds[i].committee), ds[i].accepted },
		func(i, year, seq int) { ds[i].code = fmt.Sprintf("TJ%d-%03d", year, seq) })
}

// generateDisputes builds the whole mediation ledger from r (2023-Q4 to 2025), r2023 (the rest of
// 2023) and the tree, in acceptance order. 2024 has exactly its counts; so has 2023, whose last
// weeks (from tailFrom) were drawn first, with 2024, and whose rest kit completes around them
// with 2024's shape; 2025 to histEnd is drawn at the everyday rate, with the open disputes last.
func generateDisputes(r, r2023 *rand.Rand, t *tree) ([]dispute, error) {
	g := newGenerator(r, t)
	p := g.plan()
	tailFrom := calendar.MustParseDate("2023-10-09")
	out := p.Rate(r, kit.Days(r, tailFrom, calendar.MustParseDate("2023-12-31"), cases2023Q4, dayWeight), everyday, calendar.MustParseDate("2024-12-31"))
	tail := len(out)
	y2024, err := p.Exact(r, kit.Days(r, calendar.MustParseDate("2024-01-01"), calendar.MustParseDate("2024-12-31"), cases2024, dayWeight),
		cases2024-success2024, calendar.MustParseDate("2025-12-31"))
	if err != nil {
		return nil, fmt.Errorf("演示调解 2024 年：%w", err)
	}
	for i := range y2024 {
		// A sample across the year is entered step by step, so its timeline reads 受理 → 调解中 → 成功.
		y2024[i].timeline = i%100 == 50
	}
	out = append(out, y2024...)
	out = append(out, p.Rate(r, kit.Days(r, calendar.MustParseDate("2025-01-02"), histEnd.AddDays(-7), cases2025Q1, dayWeight), everyday, histEnd)...)
	out = append(out, g.openCases()...)

	y2023 := kit.Year{Year: 2023, Records: cases2023, Rare: cases2023 - success2023, Tail: tail, TailFrom: tailFrom,
		Last: calendar.MustParseDate("2024-12-31"), Weight: dayWeight}
	for _, d := range out[:tail] {
		if d.result != "成功" {
			y2023.TailRare++
		}
	}
	early, err := newGenerator(r2023, t).plan().Complete(r2023, y2023)
	if err != nil {
		return nil, fmt.Errorf("演示调解：%w", err)
	}
	early = append(early, out[:tail]...)
	slices.SortStableFunc(early, func(a, b dispute) int { return a.accepted.Compare(b.accepted) })
	out = append(early, out[tail:]...)
	numberDisputes(out)
	return out, nil
}

// disputeRows are the ledger's rows for kit.Write.
func disputeRows(t *tree, ds []dispute) []kit.Row {
	rows := make([]kit.Row, len(ds))
	for i, d := range ds {
		rows[i] = kit.Row{Values: d.values(t), Stepwise: d.timeline}
	}
	return rows
}

// values is the record as the ledger holds it once the dispute has reached its result.
func (d dispute) values(t *tree) law.Values {
	v := law.Values{
		"code":         d.code,
		"accepted_on":  d.accepted.String(),
		"committee":    t.committees[d.committee].code,
		"dispute_type": d.typ,
		"parties":      d.parties,
		"party_phone":  d.phone,
		"mediator":     d.mediator,
		"summary":      d.summary,
		"result":       d.result,
	}
	set := func(k, s string) {
		if s != "" {
			v[k] = s
		}
	}
	set("closed_on", d.closed.String())
	set("agreement_form", d.form)
	set("amount", d.amount)
	if !d.confirmedOn.IsZero() {
		v["confirmation_applied"] = "是"
		v["confirmation_applied_on"] = d.confirmedOn.String()
		v["confirmation_result"] = d.confirmResult
	}
	return v
}
