package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
)

// The 人民调解 ledger of 兴宁市, 2023 to 2025-Q1, drawn to its demo table (mediationTable): for
// each year, by 纠纷类型, how many disputes were accepted and how many of them ended 成功 — 2024
// the seed report's 2,923 and 2,807 (四(三)), 2023 the year it compares with — and how many
// applied for 司法确认 (人民调解法第33条). The toolkit deals the table's cells to days drawn by
// the season (kit.Deal), so every figure comes out exactly; everything else — committees,
// parties, dates, which failures end 不成功 and which 终止 — is drawn around them.

// mediationTypes are the ledger's 纠纷类型 in the table's order.
var mediationTypes = []string{"婚姻家庭", "邻里", "房屋宅基地", "损害赔偿", "合同", "山林土地", "劳动争议", "道路交通", "物业", "征地拆迁", "医疗", "其他"}

// mediationYear is one row of the table: the disputes accepted in [from, to] by type (cases) and
// the successful ones among them (ok), the 司法确认 applied for and, of them, refused; open are
// still being mediated on the row's last day (last), accepted in its 20 days before; no day of
// the row's disputes falls after last.
type mediationYear struct {
	from, to, last     calendar.Date
	cases, ok          [12]int
	confirmed, refused int
	open               int
}

var mediationTable = []mediationYear{
	{from: date("2023-01-01"), to: date("2023-12-31"), last: date("2024-12-31"),
		cases: [12]int{549, 621, 371, 265, 267, 205, 162, 102, 44, 32, 26, 142},
		ok:    [12]int{530, 603, 350, 256, 252, 185, 145, 97, 42, 26, 23, 138}, confirmed: 125, refused: 10},
	{from: date("2024-01-01"), to: date("2024-12-31"), last: date("2025-12-31"), // 全市共调解矛盾纠纷2923件，调解成功2807件
		cases: [12]int{564, 694, 371, 263, 301, 228, 163, 110, 50, 39, 30, 110},
		ok:    [12]int{548, 683, 353, 254, 289, 206, 154, 103, 49, 31, 30, 107}, confirmed: 151, refused: 16},
	{from: date("2025-01-02"), to: histEnd.AddDays(-7), last: histEnd,
		cases: [12]int{93, 88, 39, 40, 48, 25, 15, 20, 6, 0, 0, 26},
		ok:    [12]int{92, 82, 36, 36, 44, 18, 13, 19, 6, 0, 0, 22}, confirmed: 14, open: 20},
}

func date(s string) calendar.Date { return calendar.MustParseDate(s) }

// scaled is the row for the days [from, to] at the rates of y, a year (kit.PerDay), concluded by
// last.
func (y mediationYear) scaled(from, to, last calendar.Date) mediationYear {
	share := func(n int) int { return kit.PerDay(n, y.from, y.to, from, to, dayWeight) }
	s := mediationYear{from: from, to: to, last: last, confirmed: share(y.confirmed), refused: share(y.refused)}
	for i := range y.cases {
		s.cases[i], s.ok[i] = share(y.cases[i]), share(y.ok[i])
	}
	return s
}

func (y mediationYear) total() (n int) {
	for _, c := range y.cases {
		n += c
	}
	return n
}

// The figures the tests and the seed report name.
const (
	cases2024, success2024 = 2923, 2807
	cases2023, success2023 = 2786, 2647
	open2025               = 20
)

// histEnd is the day the first ledgers stood on (the last data was of March 2025): the fixed demo
// the tests and benchmarks measure. A demo loaded on a later day continues from here (live.go).
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

// isHoliday reports whether d is a public holiday (放假) of the working calendar, when
// committees take few new cases.
func isHoliday(d calendar.Date) bool {
	day, ok := calendar.Default().Lookup(d)
	return ok && day.Kind == calendar.Holiday
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

// seasonal shifts the mix of dispute types with the season: how much likelier a type is on a
// day of s than on an ordinary day.
func seasonal(typ string, s season) float64 {
	switch typ {
	case "劳动争议", "合同":
		if s.preFestival {
			return 2.2
		} else if s.yearEnd {
			return 1.5
		}
	case "婚姻家庭":
		if s.preFestival || s.postFestival {
			return 1.5
		}
	case "山林土地":
		if s.farming {
			return 1.6
		}
	case "邻里":
		if s.farming {
			return 1.3
		}
	}
	return 1
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
func (g *generator) newDispute(accepted calendar.Date, typ string) dispute {
	d := dispute{accepted: accepted, typ: typ}
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

// conclude sets the outcome and what follows from it; no day of it falls after last.
func (g *generator) conclude(d *dispute, result string, last calendar.Date) {
	d.result = result
	ok := result == "成功"
	for range 20 {
		if d.closed = d.accepted.AddDays(g.closeAfter(d.typ, ok)); !d.closed.After(last) {
			break
		}
	}
	d.closed = kit.Earlier(d.closed, last)
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
	}
}

// failResult splits the disputes without agreement between 不成功 and 终止 (人民调解法第26条).
func (g *generator) failResult() string {
	if g.r.Float64() < 0.6 {
		return "不成功"
	}
	return "终止"
}

// mediationTargets are the figures LoadAsOf checks from the records: each year's cases and
// successful disputes.
var mediationTargets = func() (ts []kit.Target) {
	for _, y := range mediationTable[:2] {
		ok := 0
		for _, n := range y.ok {
			ok += n
		}
		ts = append(ts, kit.Target{Year: y.from.Year(), ID: "mediation.cases", Value: float64(y.total())},
			kit.Target{Year: y.from.Year(), ID: "mediation.successful", Value: float64(ok)})
	}
	return ts
}()

// year draws the disputes of one row of the table: the open ones first, on the row's last 20
// days and dealt only cells without success; then the rest on days drawn by
// the season, each type dealt as the season shifts it; then exactly the row's 司法确认 among the
// written agreements, applied for within the 30 days of 人民调解法第33条.
func (g *generator) year(y mediationYear) ([]dispute, error) {
	last := y.last
	days := append(kit.Days(g.r, last.AddDays(-20), last, y.open, dayWeight), kit.Days(g.r, y.from, y.to, y.total()-y.open, dayWeight)...)
	cells := map[string]int{}
	for i, typ := range mediationTypes {
		cells[typ+"|成功"], cells[typ+"|"] = y.ok[i], y.cases[i]-y.ok[i]
	}
	labels, err := kit.Deal(g.r, len(days), cells, func(i int, label string) float64 {
		if i < y.open && strings.HasSuffix(label, "成功") {
			return 0
		}
		typ, _, _ := strings.Cut(label, "|")
		return seasonal(typ, seasonOf(days[i]))
	})
	if err != nil {
		return nil, fmt.Errorf("演示调解 %d 年：%w", y.from.Year(), err)
	}
	var out []dispute
	for i, day := range days {
		typ, result, _ := strings.Cut(labels[i], "|")
		d := g.newDispute(day, typ)
		switch {
		case i < y.open:
			d.result, d.timeline = "调解中", true
			if i%3 == 2 {
				d.result = "受理"
			}
		case result == "":
			g.conclude(&d, g.failResult(), last)
		default:
			g.conclude(&d, result, last)
		}
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b dispute) int { return a.accepted.Compare(b.accepted) })
	var written []int
	for i, d := range out {
		if d.form == "书面" && d.closed.Before(last) {
			written = append(written, i)
		}
	}
	if len(written) < y.confirmed {
		return nil, fmt.Errorf("演示调解 %d 年：书面协议 %d 份，不够 %d 件司法确认", y.from.Year(), len(written), y.confirmed)
	}
	for k, i := range kit.Shuffled(g.r, written)[:y.confirmed] {
		d := &out[i]
		d.confirmedOn, d.confirmResult = d.closed.AddDays(1+g.r.IntN(min(20, last.Sub(d.closed)))), "确认有效"
		if k < y.refused {
			d.confirmResult = "驳回申请"
		}
	}
	return out, nil
}

// numberDisputes gives each dispute its 编号: TJ, the year, and a sequence per committee and
// year in order of acceptance, as a committee's register numbers its cases.
func numberDisputes(ds []dispute) {
	kit.Number(len(ds), func(i int) (string, calendar.Date) { return strconv.Itoa(ds[i].committee), ds[i].accepted },
		func(i, year, seq int) { ds[i].code = fmt.Sprintf("TJ%d-%03d", year, seq) })
}

// generateDisputes builds the whole ledger from r and the tree, year by year of the table, in
// acceptance order. A sample across
// 2024 is entered step by step, so its timeline reads 受理 → 调解中 → 成功.
func generateDisputes(r *rand.Rand, t *tree) ([]dispute, error) {
	g := newGenerator(r, t)
	var out []dispute
	for _, y := range mediationTable {
		ds, err := g.year(y)
		if err != nil {
			return nil, err
		}
		for i := range ds {
			ds[i].timeline = ds[i].timeline || y.from.Year() == 2024 && i%100 == 50
		}
		out = append(out, ds...)
	}
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
