package demo

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
)

// The 行政应诉 ledger of 兴宁市 and the bureau's letters, 2023 to 2025-Q1.
//
// The office follows every suit against the city's agencies: the suits after a 复议 decision
// (the applicants of the reconsideration ledger who went to court, 行政复议法第34条, with the
// city government as co-defendant when the act was upheld, 行政诉讼法第26条第2款), suits
// brought directly, and their appeals. Since 2024 a head of the sued agency has appeared at
// every hearing (出庭应诉率100%, seed report), and has mostly spoken (出庭出声). The office
// sent 34 《严格落实行政机关依法应诉工作的函》 in 2024 to agencies facing a hearing.
//
// The suits and letters of 2023 before its last quarter are drawn on streams of their own
// (streamLitig2023, streamMail2023), from the 2023 reconsideration cases drawn on theirs, and
// run their whole course within 2023: what 2023 carries into 2024 is the last quarter's, drawn
// with 2024, so that 2024's figures are what they were.

const (
	letters2024 = 34 // 发出《严格落实行政机关依法应诉工作的函》34份
	// letters2023 is 2023's 应诉督办 letters: letters2023Q4 about suits of the last quarter, drawn
	// with 2024's, and the rest about the earlier suits.
	letters2023   = 28
	letters2023Q4 = 3
	// 2023 before the last quarter: direct first-instance suits filed January to September, and
	// appeals and retrials of cases older than the ledger.
	direct2023        = 32
	olderAppeals2023  = 3
	olderRetrials2023 = 2

	direct2023Q4 = 9  // first-instance suits filed directly in late 2023
	direct2024   = 36 // in 2024
	direct2025Q1 = 10 // in early 2025
	// Appeals and retrials of cases older than the ledger.
	olderAppeals2024  = 4
	olderRetrials2024 = 2

	cityGov = "兴宁市人民政府"
)

// Courts and the prefixes of their case numbers: 兴宁市人民法院 hears first instance against the
// city's departments and towns; 梅州市中级人民法院 first instance against the city government
// (行政诉讼法第15条) and appeals; 广东省高级人民法院 retrial applications.
const (
	courtBasic  = "粤1481行初"
	courtMid    = "粤14行初"
	courtAppeal = "粤14行终"
	courtRetry  = "粤行申"
)

type lawsuit struct {
	code, courtNo          string
	court                  string // prefix of courtNo
	plaintiffs             []string
	defendant              string
	units                  []string // the sued agencies other than the city government: whom the office writes to
	act, instance          string
	filed, hearing, closed calendar.Date
	received               calendar.Date // 收到起诉状副本 (answerDates)
	answered               calendar.Date // 答辩提交
	head, headTitle        string
	spoke                  bool
	judgment               string
	early                  bool // drawn on streamLitig2023
	// planned is the course drawn for the suit before cut left what came after histEnd undone:
	// a demo loaded on a later day reveals it as its days pass (live.go).
	planned struct {
		hearing, closed calendar.Date
		judgment        string
	}
}

// leaders are an agency's heads: the 正职, the deputies (one of whom is in charge of legal
// affairs) and another member of the leadership.
type leaders struct {
	chief, other string
	deputies     []string
}

type litGen struct {
	days
	leaders map[string]*leaders
	// staffOnly is the chance that only staff stood for the agency at a hearing before 2024:
	// 0.25 for the suits drawn with 2024 (two 2023 hearings, one of them without a head), none
	// for the earlier 2023 suits, so that 2023's 出庭应诉率 is a little under 2024's 100%.
	staffOnly float64
	out       []*lawsuit
	// seq and court are the office's and the courts' numbering, kept so that a later part of the
	// ledger continues them.
	seq   map[int]int
	court map[string]int
}

func (g *litGen) leadersOf(unit string) *leaders {
	if l, ok := g.leaders[unit]; ok {
		return l
	}
	names := distinctNames(g.R, 5)
	l := &leaders{chief: names[0], deputies: names[1:4], other: names[4]}
	g.leaders[unit] = l
	return l
}

// fromReconsideration turns the applicants who sued after a decision into first-instance suits:
// filed within the 15 days of 第34条 and the court's 7 days to register.
func (g *litGen) fromReconsideration(cs []*reconCase) {
	for _, c := range cs {
		if !c.sued {
			continue
		}
		s := &lawsuit{instance: "一审", act: c.act, plaintiffs: slices.Clone(c.applicants)}
		s.filed = g.WD(c.closed, 8+g.R.IntN(8))
		switch {
		case c.outcome == "维持" || c.outcome == "驳回复议请求":
			// The act stands: agency and 复议机关 are co-defendants, and the agency's level
			// decides the court (最高法行诉法解释第134条).
			s.defendant, s.units, s.court = c.resp.name+"、"+cityGov, []string{c.resp.name}, courtBasic
		case c.outcome == "驳回申请":
			s.defendant, s.court = cityGov, courtMid
		default:
			// The decision changed the act: the 复议机关 alone is sued, by the other side.
			s.defendant, s.court = cityGov, courtMid
			s.plaintiffs = []string{g.otherParty(c)}
		}
		g.out = append(g.out, s)
	}
}

// otherParty is who challenges a decision that corrected an act: the employer when an injury
// finding was set aside, the complainant, the neighbour.
func (g *litGen) otherParty(c *reconCase) string {
	if c.act == "工伤认定" && !slices.Contains(firmNames, c.applicants[0]) {
		return kit.OneOf(g.R, firmNames)
	}
	return personName(g.R)
}

// direct generates n first-instance suits filed in [from, to] without a 复议 before them.
func (g *litGen) direct(from, to calendar.Date, n int) {
	for _, day := range g.Workdays(from, to, n) {
		s := &lawsuit{instance: "一审", filed: day, court: courtBasic}
		if g.R.Float64() < 0.08 {
			// Against the city government itself: requisition and compensation.
			s.defendant, s.court = cityGov, courtMid
			s.act = kit.OneOf(g.R, []string{"行政协议", "行政强制", "其他"})
		} else {
			resp := pickRespondent(g.R)
			s.defendant, s.units = resp.name, []string{resp.name}
			s.act = pickWeighted(g.R, resp.acts)
		}
		if g.R.Float64() < 0.2 {
			s.plaintiffs = []string{kit.OneOf(g.R, firmNames)}
		} else {
			s.plaintiffs = distinctNames(g.R, 1+g.R.IntN(2))
		}
		g.out = append(g.out, s)
	}
}

// firstInstance draws the course of a first-instance suit: most are heard within three months
// and decided within six (行政诉讼法第81条); some are withdrawn or dismissed without a hearing.
func (g *litGen) firstInstance(s *lawsuit) {
	if g.R.Float64() < 0.12 {
		s.judgment = pickWeighted(g.R, []weighted{{"原告撤诉", 6}, {"驳回起诉", 4}})
		s.closed, _ = g.PickDay(s.filed.AddDays(20), s.filed.AddDays(80), 1)
		return
	}
	s.hearing, _ = g.PickDay(s.filed.AddDays(35), s.filed.AddDays(100), 1)
	settle := 0.0
	if s.act == "行政赔偿" || s.act == "行政协议" {
		settle = 8 // 行政诉讼法第60条: only compensation and agreements may be mediated
	}
	s.judgment = pickWeighted(g.R, []weighted{{"胜诉", 66}, {"驳回起诉", 12}, {"败诉", 5}, {"原告撤诉", 8}, {"调解", settle}, {"其他", 3}})
	if s.judgment == "原告撤诉" {
		s.closed, _ = g.PickDay(s.hearing.AddDays(2), s.hearing.AddDays(20), 1)
	} else {
		s.closed, _ = g.PickDay(s.hearing.AddDays(7), s.hearing.AddDays(60), 1)
	}
}

// appeal files the losing plaintiff's appeal of s, or returns nil.
func (g *litGen) appeal(s *lawsuit, p float64) *lawsuit {
	if s.closed.IsZero() || (s.judgment != "胜诉" && s.judgment != "驳回起诉") || g.R.Float64() >= p {
		return nil
	}
	a := &lawsuit{instance: "二审", court: courtAppeal, plaintiffs: s.plaintiffs, defendant: s.defendant, units: s.units, act: s.act}
	a.filed, _ = g.PickDay(s.closed.AddDays(20), s.closed.AddDays(45), 1)
	g.secondInstance(a)
	return a
}

// secondInstance: appeals are often decided on the file (行政诉讼法第86条).
func (g *litGen) secondInstance(a *lawsuit) {
	if g.R.Float64() < 0.45 {
		a.hearing, _ = g.PickDay(a.filed.AddDays(30), a.filed.AddDays(75), 1)
		a.closed, _ = g.PickDay(a.hearing.AddDays(10), a.hearing.AddDays(45), 1)
	} else {
		a.closed, _ = g.PickDay(a.filed.AddDays(30), a.filed.AddDays(90), 1)
	}
	a.judgment = pickWeighted(g.R, []weighted{{"胜诉", 85}, {"败诉", 4}, {"原告撤诉", 8}, {"其他", 3}})
}

// retrial files an application for retrial of a lost appeal, or returns nil; the high court
// examines it on the file.
func (g *litGen) retrial(a *lawsuit, p float64) *lawsuit {
	if a.closed.IsZero() || a.judgment != "胜诉" || g.R.Float64() >= p {
		return nil
	}
	r := &lawsuit{instance: "再审", court: courtRetry, plaintiffs: a.plaintiffs, defendant: a.defendant, units: a.units, act: a.act}
	r.filed, _ = g.PickDay(a.closed.AddDays(60), a.closed.AddDays(180), 1)
	g.retrialCourse(r)
	return r
}

func (g *litGen) retrialCourse(r *lawsuit) {
	r.closed, _ = g.PickDay(r.filed.AddDays(60), r.filed.AddDays(150), 1)
	r.judgment = pickWeighted(g.R, []weighted{{"胜诉", 9}, {"其他", 1}}) // 驳回再审申请, or sent back
}

// older adds appeals and retrials of suits decided before the ledger begins.
func (g *litGen) older(instance string, n int, from, to calendar.Date) {
	for _, day := range g.Workdays(from, to, n) {
		resp := pickRespondent(g.R)
		s := &lawsuit{instance: instance, filed: day, defendant: resp.name, units: []string{resp.name},
			act: pickWeighted(g.R, resp.acts), plaintiffs: distinctNames(g.R, 1)}
		if instance == "二审" {
			s.court = courtAppeal
			g.secondInstance(s)
		} else {
			s.court = courtRetry
			g.retrialCourse(s)
		}
		g.out = append(g.out, s)
	}
}

// appear records who stood for the agency at the hearing. From 2024 a head appeared every time
// (出庭应诉规定第2条: 正职, 副职, the deputy in charge, or another member of the leadership);
// in 2023 sometimes only staff did. Most heads spoke (第11条).
func (g *litGen) appear(s *lawsuit) {
	if s.hearing.IsZero() {
		return
	}
	unit := cityGov
	if len(s.units) > 0 {
		unit = s.units[0]
	}
	if s.hearing.Year() < 2024 && g.R.Float64() < g.staffOnly {
		s.headTitle = "工作人员"
		return
	}
	l := g.leadersOf(unit)
	s.headTitle = pickWeighted(g.R, []weighted{{"副职", 45}, {"分管负责人", 30}, {"正职", 12}, {"其他负责人", 13}})
	switch s.headTitle {
	case "正职":
		s.head = l.chief
	case "分管负责人":
		s.head = l.deputies[0]
	case "副职":
		s.head = l.deputies[1+g.R.IntN(2)]
	default:
		s.head = l.other
	}
	s.spoke = g.R.Float64() < 0.93
}

// cut leaves what had not happened by asOf undone: a hearing not yet held, a judgment not yet
// given. The course it had is kept in planned.
func (s *lawsuit) cut(asOf calendar.Date) {
	s.planned.hearing, s.planned.closed, s.planned.judgment = s.hearing, s.closed, s.judgment
	if s.hearing.After(asOf) {
		s.hearing = calendar.Date{}
	}
	if s.closed.After(asOf) {
		s.closed, s.judgment = calendar.Date{}, ""
	}
}

// number sorts suits in order of filing and gives them the office's 编号 (兴应诉〔2024〕7号) and
// the courts' case numbers, which run over every suit a court registers, not only the city's.
func (g *litGen) number(suits []*lawsuit) {
	if g.seq == nil {
		g.seq, g.court = map[int]int{}, map[string]int{}
	}
	gap := map[string][2]int{courtBasic: {1, 8}, courtMid: {3, 25}, courtAppeal: {10, 60}, courtRetry: {100, 600}}
	kit.Sequence(suits, filed, g.seq, func(s *lawsuit, y, n int) {
		s.code = fmt.Sprintf("兴应诉〔%d〕%d号", y, n)
		key, gp := fmt.Sprint(y, s.court), gap[s.court]
		g.court[key] += gp[0] + g.R.IntN(gp[1]-gp[0]+1)
		s.courtNo = fmt.Sprintf("（%d）%s%d号", y, s.court, g.court[key])
	})
}

func filed(s *lawsuit) calendar.Date { return s.filed }

// generateLawsuits builds the ledger from r (the suits from 2023's last quarter on), r2023 (the
// earlier ones) and the reconsideration cases, in order of filing.
func generateLawsuits(r, r2023 *rand.Rand, cal *calendar.Calendar, cs []*reconCase) ([]*lawsuit, error) {
	l, err := lawsuitLedger(r, r2023, cal, cs)
	return l.suits, err
}

// litLedger is the litigation ledger as it stood at histEnd, with what a later demo continues:
// the suits planned to be filed after histEnd, and the generator whose heads and numbering the
// continuation keeps.
type litLedger struct {
	suits, pending []*lawsuit
	g              *litGen
}

func lawsuitLedger(r, r2023 *rand.Rand, cal *calendar.Calendar, cs []*reconCase) (l litLedger, err error) {
	defer kit.Recovered("行政应诉案件", &err)
	later, early := splitCases(cs)
	g := &litGen{days: days{R: r, Cal: cal}, leaders: map[string]*leaders{}, staffOnly: 0.25}
	g.fromReconsideration(later)
	g.direct(calendar.MustParseDate("2023-10-09"), calendar.MustParseDate("2023-12-29"), direct2023Q4)
	g.direct(jan2024, dec2024, direct2024)
	g.direct(calendar.MustParseDate("2025-01-02"), calendar.MustParseDate("2025-03-14"), direct2025Q1)
	first := slices.Clone(g.out)
	for _, s := range first {
		g.firstInstance(s)
	}
	for _, s := range first {
		if a := g.appeal(s, 0.25); a != nil {
			g.out = append(g.out, a)
			if rt := g.retrial(a, 0.2); rt != nil {
				g.out = append(g.out, rt)
			}
		}
	}
	g.older("二审", olderAppeals2024, jan2024, calendar.MustParseDate("2024-04-30"))
	g.older("再审", olderRetrials2024, jan2024, calendar.MustParseDate("2024-06-28"))
	// Keep what was filed by histEnd, as it stood then.
	for _, s := range g.out {
		if s.filed.After(histEnd) {
			l.pending = append(l.pending, s)
		}
	}
	g.out = slices.DeleteFunc(g.out, func(s *lawsuit) bool { return s.filed.After(histEnd) })
	for _, s := range g.out {
		s.cut(histEnd)
	}
	g.number(g.out)
	for _, s := range g.out {
		g.appear(s)
	}

	// The rest of 2023, with the same agencies' heads; then 2023 numbered afresh, since its
	// earlier suits come before those of the last quarter.
	e := &litGen{days: days{R: r2023, Cal: cal}, leaders: g.leaders}
	e.year2023(early)
	n := kit.Leading(g.out, func(s *lawsuit) bool { return s.filed.Year() == 2023 })
	y2023 := append(slices.Clone(g.out[:n]), e.out...)
	e.number(y2023)
	return litLedger{suits: append(y2023, g.out[n:]...), pending: l.pending, g: g}, nil
}

// splitCases separates the reconsideration cases drawn with 2024 from those drawn on
// streamRecon2023, each in the ledger's order.
func splitCases(cs []*reconCase) (later, early []*reconCase) {
	return kit.Partition(cs, func(c *reconCase) bool { return c.early })
}

// last2023 is the last day a 2023 suit drawn on streamLitig2023 may reach; lastAppeal2023 the
// last day an appeal of one may be filed, to leave the appeal court time within the year.
var (
	last2023       = calendar.MustParseDate("2023-12-29")
	lastAppeal2023 = calendar.MustParseDate("2023-10-31")
)

// year2023 generates the 2023 suits before the last quarter: those after the 2023 decisions cs,
// the direct ones, their appeals and appeals and retrials of older cases, each course ending
// within 2023. An appeal that would not be decided in the year is not brought.
func (g *litGen) year2023(cs []*reconCase) {
	g.fromReconsideration(cs)
	g.direct(calendar.MustParseDate("2023-01-03"), calendar.MustParseDate("2023-09-29"), direct2023)
	first := slices.Clone(g.out)
	for _, s := range first {
		g.within(s, g.firstInstance)
	}
	for _, s := range first {
		if a := g.appeal(s, 0.25); a != nil && !a.filed.After(lastAppeal2023) {
			g.within(a, g.secondInstance)
			g.out = append(g.out, a)
		}
	}
	n := len(g.out)
	g.older("二审", olderAppeals2023, calendar.MustParseDate("2023-01-03"), calendar.MustParseDate("2023-06-30"))
	g.older("再审", olderRetrials2023, calendar.MustParseDate("2023-01-03"), calendar.MustParseDate("2023-06-30"))
	for _, s := range g.out[n:] {
		if s.instance == "二审" {
			g.within(s, g.secondInstance)
		} else {
			g.within(s, g.retrialCourse)
		}
	}
	slices.SortStableFunc(g.out, func(a, b *lawsuit) int { return a.filed.Compare(b.filed) })
	for _, s := range g.out {
		s.early = true
		g.appear(s)
	}
}

// within draws s's course (again, if it has one that ends too late) until it ends by last2023.
func (g *litGen) within(s *lawsuit, course func(*lawsuit)) {
	for range 100 {
		if !s.closed.IsZero() && !s.closed.After(last2023) {
			return
		}
		s.hearing, s.closed, s.judgment = calendar.Date{}, calendar.Date{}, ""
		course(s)
	}
	if s.closed.After(last2023) {
		panic(fmt.Sprintf("demo: the suit filed %s cannot end in 2023", s.filed))
	}
}

// values is the 行政应诉 ledger line.
func (s *lawsuit) values(org string) law.Values {
	v := kit.Fill(law.Values{"code": s.code, "org": org, "court_case_no": s.courtNo, "plaintiffs": slices.Clone(s.plaintiffs),
		"defendant": s.defendant, "instance": s.instance, "filed_on": s.filed.String()},
		"complaint_received_on", s.received, "answer_filed_on", s.answered)
	if !s.hearing.IsZero() {
		v["hearing_on"], v["head_title"] = s.hearing.String(), s.headTitle
		if s.head != "" {
			v["head"], v["head_spoke"] = s.head, map[bool]string{true: "是", false: "否"}[s.spoke]
		}
	}
	if !s.closed.IsZero() {
		v["closed_on"], v["judgment"] = s.closed.String(), s.judgment
	}
	return v
}

// letter is a 督办函件 ledger line.
type letter struct {
	org        string
	sent       calendar.Date
	typ, title string
	recipients []string
	code       string
}

// generateLetters writes the office's letters from r (those about the cases and suits drawn with
// 2024) and r2023 (those about the earlier 2023 ones), and numbers 2023's afresh, its earlier
// letters before those of the last quarter.
func generateLetters(r, r2023 *rand.Rand, cal *calendar.Calendar, cs []*reconCase, suits []*lawsuit) (out []*letter, err error) {
	defer kit.Recovered("督办函件", &err)
	laterCases, earlyCases := splitCases(cs)
	laterSuits, earlySuits := kit.Partition(suits, func(s *lawsuit) bool { return s.early })
	out = lettersFrom(r, cal, laterCases, laterSuits)
	n := kit.Leading(out, func(l *letter) bool { return l.sent.Year() == 2023 })
	y2023 := append(slices.Clone(out[:n]), letters2023Early(r2023, cal, earlyCases, earlySuits, letters2023-letters2023Q4)...)
	numberLetters(r2023, y2023)
	return append(y2023, out[n:]...), nil
}

// lettersFrom writes exactly letters2024 应诉督办 letters in 2024 to agencies facing a hearing (and
// a few in 2023 and 2025), 复议意见书 after some corrected acts (行政复议法第76条), two 复议建议书,
// the supervision office's 执法监督 letters and a request for the year's figures.
func lettersFrom(r *rand.Rand, cal *calendar.Calendar, cs []*reconCase, suits []*lawsuit) (out []*letter) {
	g := days{R: r, Cal: cal}
	// 应诉督办: to an agency whose suit is going to a hearing, a few days after filing.
	byYear := map[int][]*lawsuit{}
	for _, s := range suits {
		y := s.filed.Year()
		switch {
		case len(s.units) == 0: // the city government is sued: nobody to write to
		case y == 2025 && !s.filed.After(calendar.MustParseDate("2025-03-14")),
			y < 2025 && !s.hearing.IsZero() && !s.filed.After(calendar.MustParseDate(fmt.Sprintf("%d-12-15", y))):
			byYear[y] = append(byYear[y], s)
		}
	}
	want := map[int]int{2023: letters2023Q4, 2024: letters2024, 2025: 4}
	for _, y := range []int{2023, 2024, 2025} {
		out = append(out, suitLetters(g, byYear[y], want[y], y)...)
	}
	out = append(out, sentBy(opinionLetters(g, cs), histEnd)...)
	var towns []string
	for _, c := range cs {
		if c.resp.typ == "乡镇街道" && c.act == "政府信息公开" && !slices.Contains(towns, c.resp.name) && len(towns) < 4 {
			towns = append(towns, c.resp.name)
		}
	}
	out = append(out,
		&letter{org: reconOffice, sent: g.Day("2024-07-01", "2024-07-19"), typ: "复议建议书", recipients: []string{"兴宁市市场监督管理局"},
			title: "关于进一步规范投诉举报处理工作的行政复议建议书"},
		&letter{org: reconOffice, sent: g.Day("2024-11-04", "2024-11-22"), typ: "复议建议书", recipients: towns,
			title: "关于规范政府信息公开申请答复工作的行政复议建议书"},
		&letter{org: supervisionOffice, sent: g.Day("2024-04-08", "2024-04-26"), typ: "执法监督",
			recipients: []string{"兴宁市城市管理和综合执法局", "兴宁市交通运输局"}, title: "关于规范行政处罚案件办理程序的执法监督函"},
		&letter{org: supervisionOffice, sent: g.Day("2024-08-12", "2024-08-30"), typ: "执法监督",
			recipients: []string{"兴宁市市场监督管理局", "兴宁市应急管理局", "兴宁市卫生健康局"}, title: "关于涉企行政检查问题整改的执法监督函"},
		&letter{org: supervisionOffice, sent: g.Day("2024-10-14", "2024-10-25"), typ: "执法监督",
			recipients: []string{"兴宁市自然资源局"}, title: "关于行政执法公示工作的执法监督函"},
		&letter{org: reconOffice, sent: g.Day("2024-12-02", "2024-12-13"), typ: "其他", recipients: allDepartments(),
			title: "关于报送2024年度行政复议行政应诉工作情况的函"},
	)
	numberLetters(r, out)
	return out
}

// numberLetters sorts letters by date and numbers them 兴司函〔2024〕N号: the bureau numbers all its
// letters in one series, most of them not in these ledgers.
func numberLetters(r *rand.Rand, letters []*letter) { numberLettersAfter(r, letters, map[int]int{}) }

// numberLettersAfter numbers letters on from the last number of each year in seq.
func numberLettersAfter(r *rand.Rand, letters []*letter, seq map[int]int) {
	slices.SortStableFunc(letters, func(a, b *letter) int { return a.sent.Compare(b.sent) })
	for _, l := range letters {
		y := l.sent.Year()
		seq[y] += 1 + r.IntN(4)
		l.code = fmt.Sprintf("兴司函〔%d〕%d号", y, seq[y])
	}
}

// letters2023Early writes the 2023 letters about the cases and suits drawn on their own 2023
// streams: n 应诉督办 letters to agencies facing a hearing, 复议意见书 after some corrected acts
// (those that went out within the year), a 复议建议书, an 执法监督 letter and the request for
// 2023's figures.
func letters2023Early(r *rand.Rand, cal *calendar.Calendar, cs []*reconCase, suits []*lawsuit, n int) (out []*letter) {
	g := days{R: r, Cal: cal}
	heard := slices.DeleteFunc(slices.Clone(suits), func(s *lawsuit) bool { return len(s.units) == 0 || s.hearing.IsZero() })
	out = append(suitLetters(g, heard, n, 2023), sentBy(opinionLetters(g, cs), last2023)...)
	return append(out,
		&letter{org: reconOffice, sent: g.Day("2023-06-05", "2023-06-21"), typ: "复议建议书",
			recipients: []string{"兴宁市人力资源和社会保障局"}, title: "关于规范工伤认定调查核实工作的行政复议建议书"},
		&letter{org: supervisionOffice, sent: g.Day("2023-09-04", "2023-09-22"), typ: "执法监督",
			recipients: []string{"兴宁市公安局", "兴宁市自然资源局"}, title: "关于行政执法案卷评查发现问题整改的执法监督函"},
		&letter{org: reconOffice, sent: g.Day("2023-12-04", "2023-12-15"), typ: "其他", recipients: allDepartments(),
			title: "关于报送2023年度行政复议行政应诉工作情况的函"},
	)
}

func (l *letter) values() law.Values {
	return law.Values{"code": l.code, "org": l.org, "sent_on": l.sent.String(), "letter_type": l.typ,
		"recipients": slices.Clone(l.recipients), "title": l.title}
}

// suitLetter is the 应诉督办 letter to the agencies of a suit going to a hearing, a few working
// days after filing.
func suitLetter(g days, s *lawsuit) *letter {
	return &letter{org: reconOffice, sent: g.WD(s.filed, 2+g.R.IntN(7)), typ: "应诉督办", recipients: slices.Clone(s.units),
		title: "关于严格落实行政机关依法应诉工作的函"}
}

// suitLetters are suitLetter of n suits of the year drawn from pool (one Shuffle).
func suitLetters(g days, pool []*lawsuit, n, year int) (out []*letter) {
	if len(pool) < n {
		panic(fmt.Sprintf("demo: %d suits for %d 应诉督办 letters in %d", len(pool), n, year))
	}
	for _, s := range kit.Shuffled(g.R, pool)[:n] {
		out = append(out, suitLetter(g, s))
	}
	return out
}

// opinionLetters are the 行政复议意见书 (第76条) to the respondent after about a third of the
// corrected acts among cs, some working days after the decision.
func opinionLetters(g days, cs []*reconCase) (out []*letter) {
	for _, c := range cs {
		if !c.closed.IsZero() && slices.Contains(law.CorrectionOutcomes, c.outcome) && g.R.Float64() < 0.35 {
			out = append(out, &letter{org: reconOffice, sent: g.WD(c.closed, 5+g.R.IntN(10)), typ: "复议意见书",
				recipients: []string{c.resp.name}, title: "行政复议意见书（" + c.code + "）"})
		}
	}
	return out
}

// sentBy keeps the letters sent by last.
func sentBy(ls []*letter, last calendar.Date) []*letter {
	return slices.DeleteFunc(ls, func(l *letter) bool { return l.sent.After(last) })
}

// allDepartments names every department, the addressees of the year's request for figures.
func allDepartments() (all []string) {
	for _, d := range departments {
		all = append(all, d.name)
	}
	return all
}

// lateAnswers is how many answers go out after the 15 days (行政诉讼法第67条) across each new
// year's holidays: the office's lapses that the year-end stock deadlines.open_overdue counts
// (indicators.md; issue 8 item 10) — one in 2024, two in 2025.
var lateAnswers = map[int]int{2024: 1, 2025: 2}

// answerDates dates each suit's 收到起诉状副本 and 答辩 (行政诉讼法第67条: the court sends the copy
// within 5 days of 立案, the agency answers within 15 days of receiving it). The copy arrives 3–5
// days after 立案 and the office answers 7–13 days later, both drawn from the suit's 编号 so that
// no random stream moves and no figure changes; nothing is dated after asOf. Then, per
// lateAnswers, the suits received earliest in 1–16 December (then the latest of November) answer on the new year's first
// working day after 5 January, past their due date.
func answerDates(cal *calendar.Calendar, suits []*lawsuit, asOf calendar.Date) (err error) {
	defer kit.Recovered("行政应诉案件", &err)
	for _, s := range suits {
		h := fnv.New32a()
		h.Write([]byte(s.code + s.courtNo))
		n := int(h.Sum32())
		s.received, s.answered = s.filed.AddDays(3+n%3), calendar.Date{}
		if s.received.After(asOf) || (!s.closed.IsZero() && s.received.After(s.closed)) {
			s.received = calendar.Date{}
			continue
		}
		if a := s.received.AddDays(7 + n/3%7); !a.After(asOf) && !s.before(a) {
			s.answered = a
		}
	}
	for year, n := range lateAnswers {
		on := days{Cal: cal}.NextWorkday(calendar.NewDate(year+1, 1, 6))
		if on.After(asOf) {
			continue
		}
		// The suits received in 1–16 December, earliest first; should the year's live
		// continuation (drawn up to today) leave too few there, those received in November,
		// latest first: answered on the same day, they are as late and open at the year's end.
		from, to, early := calendar.NewDate(year, 12, 1), calendar.NewDate(year, 12, 16), calendar.NewDate(year, 11, 1)
		var picked, november []*lawsuit
		for _, s := range suits {
			if s.received.IsZero() || s.received.After(to) || s.received.Before(early) || s.before(on) {
				continue
			}
			if s.received.Before(from) {
				november = append(november, s)
			} else {
				picked = append(picked, s)
			}
		}
		slices.SortStableFunc(picked, func(a, b *lawsuit) int { return a.received.Compare(b.received) })
		slices.SortStableFunc(november, func(a, b *lawsuit) int { return b.received.Compare(a.received) })
		picked = append(picked, november...)
		if len(picked) < n {
			return fmt.Errorf("演示数据：%d年11月1日至12月16日收到起诉状副本的应诉案件只有%d件，不够安排%d件逾期答辩", year, len(picked), n)
		}
		for _, s := range picked[:n] {
			s.answered = on
		}
	}
	return nil
}

// before reports whether the suit was heard or closed before d (an answer dated d would follow
// the hearing).
func (s *lawsuit) before(d calendar.Date) bool {
	return !s.hearing.IsZero() && s.hearing.Before(d) || !s.closed.IsZero() && s.closed.Before(d)
}
