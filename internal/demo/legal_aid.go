package demo

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
	"github.com/fazhi/fazhi/internal/store"
)

// The 兴宁市法律援助中心's ledgers and the consultations of the public legal service platforms,
// 2023 to the load day: legal-aid cases (法律援助法), consultations by 服务机构 and the legal-aid
// volunteers' cases and duty shifts (seed report 三(五)).
//
// Each year is drawn to exact totals: the cases taken on (a grant's 决定日期, a notified
// defence's 指派日期) of 2024 are the seed's 459, the centre's consultations 911 人次, the 叶塘园区
// workroom's 169, the volunteers' cases 561 and duty shifts 238; 2023, the comparison year, a
// little lower; 2025 on at 2024's rate up to the load day. Every period (the seven working days
// of review, three days to assign) is read from internal/law. On the load day a few
// applications are still under review — one a day past its seven working days —, one awaits
// materials, two granted cases and one notified defence await their lawyer.
//
// The three ledgers draw from streams of their own (streamAid…), so nothing else moves.
const (
	streamAid       = 20 // legal_aid
	streamConsult   = 21 // consultation
	streamVolunteer = 22 // volunteer_service

	aidCentre = bureauCode + "-FLYZ" // 兴宁市法律援助中心
	plsCentre = bureauCode + "-GGFW" // 兴宁市公共法律服务中心
	workroom  = "441481103-GFZ-YT"   // 叶塘工业园区公共法律服务工作室 (set up in 2024)
)

// workroomOpened is when the 叶塘 workroom took its first consultation (seed: 设立 in 2024).
var workroomOpened = calendar.MustParseDate("2024-03-18")

// aidYear is what a year of the ledgers holds: cases taken on, the centre's and the workroom's
// consultations (人次), the volunteers' cases and shifts, the reviews decided late.
type aidYear struct {
	cases, centre, room, volCases, shifts, lateReviews int
}

var (
	aid2023 = aidYear{cases: 428, centre: 868, volCases: 512, shifts: 221, lateReviews: 2}
	aid2024 = aidYear{cases: 459, centre: 911, room: 169, volCases: 561, shifts: 238, lateReviews: 3} // seed 三(五)
)

// aidTargets are the figures the seed report states, and the comparison year's.
var aidTargets = []kit.Target{
	{Year: 2024, ID: "legal_aid.cases", Value: float64(aid2024.cases)},
	{Year: 2024, ID: "legal_aid.consultations", Value: float64(aid2024.centre)},
	{Year: 2024, ID: "pls.workroom_services", Value: float64(aid2024.room)},
	{Year: 2024, ID: "volunteers.cases", Value: float64(aid2024.volCases)},
	{Year: 2024, ID: "volunteers.duty_shifts", Value: float64(aid2024.shifts)},
	{Year: 2024, ID: "legal_aid.overdue_reviews", Value: float64(aid2024.lateReviews)},
	{Year: 2023, ID: "legal_aid.cases", Value: float64(aid2023.cases)},
	{Year: 2023, ID: "legal_aid.consultations", Value: float64(aid2023.centre)},
	{Year: 2023, ID: "volunteers.cases", Value: float64(aid2023.volCases)},
	{Year: 2023, ID: "volunteers.duty_shifts", Value: float64(aid2023.shifts)},
}

// aidSpan is one stretch of the ledgers: a year, or the last one up to the load day.
type aidSpan struct {
	from, to calendar.Date
	n        aidYear
}

// aidSpans are 2023, 2024 and each later year up to asOf, at 2024's rate by its share of days.
func aidSpans(asOf calendar.Date) []aidSpan {
	out := []aidSpan{
		{calendar.NewDate(2023, 1, 1), calendar.NewDate(2023, 12, 31), aid2023},
		{calendar.NewDate(2024, 1, 1), calendar.NewDate(2024, 12, 31), aid2024},
	}
	for y := 2025; y <= asOf.Year(); y++ {
		from, to := calendar.NewDate(y, 1, 1), calendar.NewDate(y, 12, 31)
		if to.After(asOf) {
			to = asOf
		}
		share := func(n int) int { return int(math.Round(float64(n) * float64(to.Sub(from)+1) / 366)) }
		out = append(out, aidSpan{from, to, aidYear{cases: share(aid2024.cases), centre: share(aid2024.centre),
			room: share(aid2024.room * 366 / 289), volCases: share(aid2024.volCases), shifts: share(aid2024.shifts),
			lateReviews: share(aid2024.lateReviews)}})
	}
	return out
}

// aidDays is the working-day arithmetic of the demo: the calendar where it has the year, else
// Monday to Friday minus the first ledgers' holidays (2023 precedes the shipped calendar).
type aidDays struct{ cal *calendar.Calendar }

func (g aidDays) workday(d calendar.Date) bool {
	if ok, _, err := g.cal.IsWorkday(d); err == nil {
		return ok
	}
	wd := d.Weekday()
	return wd != 0 && wd != 6 && !isHoliday(d)
}

// add moves n working days (n < 0: back), d itself not counted.
func (g aidDays) add(d calendar.Date, n int) calendar.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if g.workday(d) {
			n--
		}
	}
	return d
}

func (g aidDays) onOrBefore(d calendar.Date) calendar.Date {
	for !g.workday(d) {
		d = d.AddDays(-1)
	}
	return d
}

// weight: the centre and the platforms work on working days; the 12348 line and duty lawyers
// take a little at weekends.
func (g aidDays) weight(d calendar.Date) float64 {
	if g.workday(d) {
		return 1
	}
	return 0.08
}

// shiftWeight: duty shifts are kept on working days only.
func (g aidDays) shiftWeight(d calendar.Date) float64 {
	if g.workday(d) {
		return 1
	}
	return 0
}

// aidCase is one legal-aid case as the ledger keeps it.
type aidCase struct {
	v        law.Values
	stepwise bool
}

var (
	aidCivil = []weighted{{"民事", 52}, {"劳动争议仲裁", 27}, {"刑事", 9}, {"行政", 4}, {"国家赔偿", 1}, {"其他", 7}}
	aidForm  = map[string]string{"民事": "民事代理", "劳动争议仲裁": "劳动仲裁代理", "刑事": "刑事代理", "行政": "行政代理",
		"国家赔偿": "国家赔偿代理", "其他": "代拟法律文书"}
	aidBodies  = []weighted{{"人民法院", 50}, {"人民检察院", 35}, {"公安机关", 15}}
	aidGrounds = []weighted{{law.DefenceGrounds[0], 22}, {law.DefenceGrounds[1], 4}, {law.DefenceGrounds[2], 3},
		{law.DefenceGrounds[3], 7}, {law.DefenceGrounds[7], 64}}
	aidEnds = []weighted{{"判决", 50}, {"调解", 20}, {"和解", 10}, {"撤诉", 8}, {"其他", 7}, {"终止援助", 5}}
	refusal = []string{"申请人经济状况不符合本市法律援助经济困难标准", "申请事项不属于法律援助范围",
		"申请人的请求明显缺乏事实和法律依据", "申请事项已经人民法院生效裁判处理完毕"}
	aidMissing = []string{"家庭经济困难状况说明表", "劳动关系证明材料", "身份证明复印件", "与所申请事项有关的证据材料"}
	aidGroups  = []weighted{{"", 50}, {"农民工", 18}, {"老年人", 10}, {"妇女", 10}, {"未成年人", 5}, {"残疾人", 5}, {"军人军属", 2}}
)

// generateAid draws the cases of every span: those taken on (granted or notified, exactly the
// span's count, by the day they count), a few refused and withdrawn applications, and on the
// load day the cases still open.
func generateAid(r *rand.Rand, g aidDays, asOf calendar.Date) []aidCase {
	lawyers := distinctNames(r, 24)
	var out []aidCase
	for _, s := range aidSpans(asOf) {
		last := s.to
		if last.After(asOf.AddDays(-1)) {
			last = asOf.AddDays(-1) // the load day's own cases are drawn apart (aidOpen)
		}
		// Decisions and assignments are made on working days.
		days := kit.Days(r, s.from, last, s.n.cases, g.shiftWeight)
		// The late reviews are decided between February and November, so that none is open at
		// a year's end.
		late := map[int]bool{}
		for len(late) < s.n.lateReviews {
			i := r.IntN(len(days))
			if m := days[i].Time().Month(); m >= 2 && m <= 11 {
				late[i] = true
			}
		}
		for i, d := range days {
			out = append(out, aidTaken(child(r), g, d, late[i], lawyers, asOf))
		}
		for _, d := range kit.Days(r, s.from, last, s.n.cases/30, g.weight) {
			out = append(out, aidRefused(child(r), g, d, asOf))
		}
		for _, d := range kit.Days(r, s.from, last, s.n.cases/70, g.weight) {
			if c, ok := aidWithdrawn(child(r), g, d, asOf); ok {
				out = append(out, c)
			}
		}
	}
	out = append(out, aidOpen(r, g, asOf)...)
	for _, c := range out {
		aidFinish(c.v)
	}
	slices.SortStableFunc(out, func(a, b aidCase) int { return cmp.Compare(a.v.Str("applied_on"), b.v.Str("applied_on")) })
	kit.Number(len(out), func(i int) (string, calendar.Date) {
		return "", calendar.MustParseDate(out[i].v.Str("applied_on"))
	}, func(i, year, seq int) { out[i].v["code"] = fmt.Sprintf("兴法援〔%d〕%d号", year, seq) })
	return out
}

// child is a case's own generator, seeded by two draws of the ledger's: what a case draws (more
// when it has closed by the load day) never moves the cases after it, so 2023 and 2024 are the
// same whatever day the demo is loaded on.
func child(r *rand.Rand) *rand.Rand { return rand.New(rand.NewPCG(r.Uint64(), r.Uint64())) }

// aidFinish writes the stage and decision the kind reads from the dates, as a ledger would
// hold them (kit.Steps walks to the stage), leaving the values the kind derives itself (受理日期,
// 补充材料期间) to it.
func aidFinish(v law.Values) {
	n := v.Clone()
	procedure.Settle(law.LegalAid, n)
	for _, key := range []string{"stage", "decision", "means_test"} {
		if x := n.Str(key); x != "" {
			v[key] = x
		}
	}
}

func aidBase(r *rand.Rand) law.Values {
	v := law.Values{"org": aidCentre, "client": personName(r)}
	if grp := pickWeighted(r, aidGroups); grp != "" {
		v["client_groups"] = []string{grp}
	}
	return v
}

// aidTaken is a case that counts on day d: an application granted that day, or a notified
// defence assigned that day.
func aidTaken(r *rand.Rand, g aidDays, d calendar.Date, late bool, lawyers []string, asOf calendar.Date) aidCase {
	v := aidBase(r)
	criminal := r.Float64() < 0.40
	switch {
	case criminal && r.Float64() < 0.9 && !late: // a late review is an application's
		// 第25条、第36条: notified by the court, procuratorate or police; assigned on d, within
		// the three days from the notice.
		notice := d.AddDays(-r.IntN(3))
		ground := pickWeighted(r, aidGrounds)
		v["source"], v["notifying_body"], v["defence_ground"] = "通知辩护", pickWeighted(r, aidBodies), ground
		v["notice_received_on"], v["applied_on"] = notice.String(), notice.String()
		v["case_type"], v["form"] = "刑事", "刑事辩护"
		if ground == law.DefenceGrounds[0] {
			v["client_groups"] = []string{"未成年人"}
		}
		years := 1 + r.IntN(15)
		if slices.Contains(law.SeniorDefenceGrounds, ground) {
			years = 3 + r.IntN(15) // 第26条
		}
		v["handler"], v["handler_type"], v["handler_years"] = kit.OneOf(r, lawyers)+"律师", "律师", fmt.Sprint(years)
		v["assigned_on"] = d.String()
		aidClose(r, v, d, 30, 180, asOf)
		return aidCase{v: v}
	case criminal:
		// 第39条: forwarded by the detention centre within 24 hours.
		v["source"], v["case_type"], v["form"] = "转交申请", "刑事", "刑事辩护"
	default:
		v["source"] = "申请"
		v["case_type"] = pickWeighted(r, aidCivil)
		v["form"] = aidForm[v.Str("case_type")]
	}
	aidMeans(r, v)
	// Back from the decision on d: the review took one to six working days (eight or nine for a
	// late one); one in ten waited for materials, which the review does not count.
	var applied calendar.Date
	switch {
	case late:
		applied = g.add(d, -(8 + r.IntN(2)))
	case r.Float64() < 0.10:
		got := g.add(d, -(1 + r.IntN(3)))
		asked := g.onOrBefore(got.AddDays(-(3 + r.IntN(10))))
		applied = g.add(asked, -r.IntN(3))
		v["supplement_requested_on"], v["supplement_received_on"] = asked.String(), got.String()
		v["supplement_items"] = kit.OneOf(r, aidMissing)
	default:
		applied = g.add(d, -(1 + r.IntN(6)))
	}
	v["applied_on"], v["decided_on"], v["decision"] = applied.String(), d.String(), "给予"
	if v.Str("source") == "转交申请" {
		v["raised_on"] = applied.AddDays(-r.IntN(2)).String()
	}
	assigned := d.AddDays(r.IntN(3)) // 第43条: within three days of the grant
	if assigned.After(asOf) {
		return aidCase{v: v}
	}
	v["assigned_on"] = assigned.String()
	v["handler"], v["handler_type"] = kit.OneOf(r, lawyers)+"律师", "律师"
	if r.Float64() < 0.25 {
		v["handler"], v["handler_type"] = personName(r), "基层法律服务工作者"
	}
	aidClose(r, v, assigned, 25, 200, asOf)
	// Cases with a plain course are entered step by step, as a clerk works.
	return aidCase{v: v, stepwise: v.Str("source") == "申请" && v.Str("supplement_requested_on") == "" && r.Float64() < 0.04}
}

// aidMeans is the means test: checked, waived on a 第42条 ground, or not needed (第32条).
func aidMeans(r *rand.Rand, v law.Values) {
	switch x := r.Float64(); {
	case v.Str("case_type") == "劳动争议仲裁" && x < 0.6:
		v["means_test"], v["waiver_ground"] = "免予核查", law.WaiverGrounds[2]
		v["client_groups"] = []string{"农民工"}
	case x < 0.22:
		v["means_test"], v["waiver_ground"] = "免予核查", law.WaiverGrounds[r.IntN(2)]
	case x < 0.27 && v.Str("case_type") == "民事":
		v["means_test"], v["exempt_ground"] = "无需审查", law.ExemptGrounds[3]
		v["client_groups"] = []string{"妇女"}
	default:
		v["means_test"] = "核查"
	}
}

// aidClose ends a case some weeks after assignment, if that is before the load day.
func aidClose(r *rand.Rand, v law.Values, from calendar.Date, min, max int, asOf calendar.Date) {
	closed := from.AddDays(min + r.IntN(max-min))
	if !closed.Before(asOf) {
		v["stage"] = "办理中"
		return
	}
	v["closed_on"] = closed.String()
	v["outcome"] = pickWeighted(r, aidEnds)
	if v.Str("outcome") == "终止援助" {
		v["termination_ground"] = law.LegalAidTerminationGrounds[5+r.IntN(2)]
	}
}

// aidRefused is an application refused in writing with reasons (第43条第1款); now and then the
// applicant objects and the bureau upholds the refusal within five days (第49条).
func aidRefused(r *rand.Rand, g aidDays, d calendar.Date, asOf calendar.Date) aidCase {
	v := aidBase(r)
	v["source"], v["case_type"] = "申请", pickWeighted(r, aidCivil)
	v["form"] = aidForm[v.Str("case_type")]
	v["means_test"] = "核查"
	applied := g.onOrBefore(d)
	decided := g.add(applied, 2+r.IntN(4))
	if decided.After(asOf) {
		decided = asOf
	}
	v["applied_on"], v["decided_on"], v["decision"], v["refusal_reason"] = applied.String(), decided.String(), "不予", kit.OneOf(r, refusal)
	if obj := decided.AddDays(3 + r.IntN(8)); r.Float64() < 0.15 && obj.AddDays(4).Before(asOf) {
		v["objection_on"], v["objection_decided_on"], v["objection_result"] = obj.String(), obj.AddDays(1+r.IntN(3)).String(), "维持"
	}
	return aidCase{v: v}
}

// aidWithdrawn is an application whose materials never came: after a month the clerk records
// it as withdrawn (第43条第2款).
func aidWithdrawn(r *rand.Rand, g aidDays, d calendar.Date, asOf calendar.Date) (aidCase, bool) {
	v := aidBase(r)
	v["source"], v["case_type"] = "申请", pickWeighted(r, aidCivil)
	v["form"] = aidForm[v.Str("case_type")]
	applied := g.onOrBefore(d)
	asked := g.add(applied, 1+r.IntN(2))
	closed := g.add(asked, 22)
	if !closed.Before(asOf) {
		return aidCase{}, false
	}
	v["applied_on"], v["supplement_requested_on"], v["supplement_items"] = applied.String(), asked.String(), kit.OneOf(r, aidMissing)
	v["decision"], v["decided_on"] = "视为撤回", closed.String()
	return aidCase{v: v}, true
}

// aidOpen are the cases open on the load day, entered step by step: applications under review
// (the last of them a working day past the seven of 第43条), one awaiting materials, two granted
// and waiting for a lawyer, a notified defence received the day before.
func aidOpen(r *rand.Rand, g aidDays, asOf calendar.Date) []aidCase {
	review := kit.Budget("legal_aid", "legal_aid.review", nil)
	var out []aidCase
	for _, back := range []int{1, 3, 5, review + 1} {
		v := aidBase(r)
		v["source"], v["case_type"] = "申请", pickWeighted(r, aidCivil)
		v["form"] = aidForm[v.Str("case_type")]
		v["applied_on"] = g.add(asOf, -back).String()
		out = append(out, aidCase{v: v, stepwise: true})
	}
	v := aidBase(r)
	v["source"], v["case_type"], v["form"] = "申请", "劳动争议仲裁", "劳动仲裁代理"
	asked := g.add(asOf, -2)
	v["applied_on"], v["supplement_requested_on"], v["supplement_items"] = g.add(asked, -1).String(), asked.String(), aidMissing[1]
	v["stage"] = "补正中"
	out = append(out, aidCase{v: v, stepwise: true})
	for _, back := range []int{0, 1} {
		v := aidBase(r)
		v["source"], v["case_type"], v["form"], v["means_test"] = "申请", "民事", "民事代理", "核查"
		decided := g.onOrBefore(asOf.AddDays(-back))
		v["applied_on"], v["decided_on"], v["decision"] = g.add(decided, -3).String(), decided.String(), "给予"
		out = append(out, aidCase{v: v, stepwise: true})
	}
	v = aidBase(r)
	notice := asOf.AddDays(-1)
	v["source"], v["notifying_body"], v["defence_ground"] = "通知辩护", "人民检察院", law.DefenceGrounds[7]
	v["notice_received_on"], v["applied_on"], v["case_type"], v["form"] = notice.String(), notice.String(), "刑事", "刑事辩护"
	out = append(out, aidCase{v: v})
	return out
}

// consultations draws each span's consultations at the centre, the workroom (from its opening),
// the city's public legal service centre and the towns' stations, to exact 人次 per 服务机构.
func consultations(r *rand.Rand, g aidDays, asOf calendar.Date) []law.Values {
	answerers := distinctNames(r, 12)
	var out []law.Values
	type agency struct {
		code     string
		visits   int
		channels []weighted
		tally    bool // one line a day with the day's 人次, as a busy front desk keeps its ledger
	}
	for _, s := range aidSpans(asOf) {
		agencies := []agency{
			{aidCentre, s.n.centre, []weighted{{"来访", 45}, {"12348热线", 35}, {"网络", 10}, {"值班", 10}}, false},
			{plsCentre, s.n.centre * 7 / 5, []weighted{{"来访", 100}}, true},
		}
		if s.n.room > 0 {
			agencies = append(agencies, agency{workroom, s.n.room, []weighted{{"来访", 70}, {"上门", 20}, {"值班", 10}}, false})
		}
		for _, t := range towns {
			agencies = append(agencies, agency{t.code + "-GFZ", s.n.centre / 30, []weighted{{"来访", 80}, {"上门", 20}}, false})
		}
		for _, a := range agencies {
			from := s.from
			if a.code == workroom && from.Before(workroomOpened) {
				from = workroomOpened
			}
			// One line a consultation; a family or a group of workers comes together now and then.
			var sizes []int
			for left := a.visits; left > 0; {
				n := 1
				if x := r.Float64(); x < 0.03 {
					n = 3
				} else if x < 0.15 {
					n = 2
				}
				n = min(n, left)
				sizes = append(sizes, n)
				left -= n
			}
			first := len(out)
			for i, d := range kit.Days(r, from, s.to, len(sizes), g.weight) {
				if a.tally && len(out) > first && out[len(out)-1].Str("served_on") == d.String() {
					n, _ := strconv.Atoi(out[len(out)-1].Str("visits"))
					out[len(out)-1]["visits"] = fmt.Sprint(n + sizes[i])
					continue
				}
				out = append(out, law.Values{"served_on": d.String(), "agency": a.code, "channel": pickWeighted(r, a.channels),
					"topic": pickWeighted(r, aidCivil) + "法律问题", "answerer": kit.OneOf(r, answerers), "visits": fmt.Sprint(sizes[i])})
			}
		}
	}
	kit.Number(len(out), func(i int) (string, calendar.Date) {
		return out[i].Str("agency"), calendar.MustParseDate(out[i].Str("served_on"))
	}, func(i, year, seq int) { out[i]["code"] = fmt.Sprintf("ZX%d-%05d", year, seq) })
	return out
}

// volunteerServices draws the volunteers' cases and their duty shifts at the procuratorate,
// the court and the 叶塘 workroom.
func volunteerServices(r *rand.Rand, g aidDays, asOf calendar.Date) []law.Values {
	volunteers := distinctNames(r, 28)
	places := []weighted{{"兴宁市人民检察院", 40}, {"兴宁市人民法院", 40}, {"叶塘工业园区公共法律服务工作室", 20}}
	var out []law.Values
	for _, s := range aidSpans(asOf) {
		for _, d := range kit.Days(r, s.from, s.to, s.n.volCases, g.weight) {
			out = append(out, law.Values{"org": aidCentre, "served_on": d.String(), "volunteer": kit.OneOf(r, volunteers), "service_type": "办案"})
		}
		for _, d := range kit.Days(r, s.from, s.to, s.n.shifts, g.shiftWeight) {
			place := pickWeighted(r, places)
			if place == places[2].s && d.Before(workroomOpened) {
				place = places[0].s
			}
			out = append(out, law.Values{"org": aidCentre, "served_on": d.String(), "volunteer": kit.OneOf(r, volunteers),
				"service_type": "值班", "place": place})
		}
	}
	kit.Number(len(out), func(i int) (string, calendar.Date) {
		return out[i].Str("service_type"), calendar.MustParseDate(out[i].Str("served_on"))
	}, func(i, year, seq int) {
		prefix := map[string]string{"办案": "ZYB", "值班": "ZYZ"}[out[i].Str("service_type")]
		out[i]["code"] = fmt.Sprintf("%s%d-%04d", prefix, year, seq)
	})
	return out
}

// loadLegalAid writes the three ledgers.
func loadLegalAid(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, sum *Summary, asOf calendar.Date) error {
	g := aidDays{st.Calendar()}
	var rows []kit.Row
	for _, c := range generateAid(rand.New(rand.NewPCG(seed, streamAid)), g, asOf) {
		rows = append(rows, kit.Row{Values: c.v, Stepwise: c.stepwise})
	}
	if err := sum.write(ctx, st, a, sc, "legal_aid", rows); err != nil {
		return err
	}
	if err := sum.write(ctx, st, a, sc, "consultation", imported(consultations(rand.New(rand.NewPCG(seed, streamConsult)), g, asOf))); err != nil {
		return err
	}
	return sum.write(ctx, st, a, sc, "volunteer_service", imported(volunteerServices(rand.New(rand.NewPCG(seed, streamVolunteer)), g, asOf)))
}
