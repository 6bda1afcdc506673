package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
)

// The bureau's Party-group meetings and study sessions, the city's 法治建设 meetings, and the
// tasks of each year's 法治政府建设工作要点 (the seed's 一 and 三(一): 43 次党组会议, 18 期中心组
// 学习, 市委全面依法治市委员会第八次会议, the 推进会 and the 考评推进会).

// meetingYear is how many meetings of each type a year holds.
type meetingYear struct {
	party, central, committee, progress, review, lawStudy, reports, training int
}

var meetingYears = map[int]meetingYear{
	2023: {party: 40, central: 16, committee: 1, progress: 1, review: 1, lawStudy: 10, reports: 2, training: 2},
	2024: {party: 43, central: 18, committee: 1, progress: 1, review: 1, lawStudy: 12, reports: 3, training: 3},
}

// yearOf is a year's plan, 2024's scaled to the part of a later year up to last.
func yearOf[T any](plans map[int]T, y int, scale func(T, func(int) int) T, last calendar.Date, w kit.DayWeight) T {
	if p, ok := plans[y]; ok {
		return p
	}
	return scale(plans[2024], func(n int) int { return scaled(n, y, last, w) })
}

func (m meetingYear) scaled(f func(int) int) meetingYear {
	return meetingYear{party: f(m.party), central: f(m.central), committee: f(m.committee), progress: f(m.progress),
		review: f(m.review), lawStudy: f(m.lawStudy), reports: f(m.reports), training: f(m.training)}
}

// committeeSession numbers the 市委全面依法治市委员会's meetings: the eighth in 2024.
func committeeSession(y, i int) string {
	n := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"}
	k := 8 + (y - 2024) + i
	if k < 1 || k > len(n) {
		return fmt.Sprint(k)
	}
	return n[k-1]
}

// meetings draws every year's meetings from 2023 to asOf on working days.
func meetings(r *rand.Rand, w kit.DayWeight, asOf calendar.Date) []law.Values {
	var out []law.Values
	type kind struct {
		typ, org  string
		n         int
		from, to  string // MM-DD span of the year they fall in
		name      func(y, i int) string
		firstOdds float64
		lawStudy  float64
	}
	for y := 2023; y <= asOf.Year(); y++ {
		m := yearOf(meetingYears, y, meetingYear.scaled, asOf, w)
		kinds := []kind{
			{typ: "党组会议", org: bureauCode, n: m.party, from: "01-01", to: "12-31", firstOdds: 1, lawStudy: 0.25},
			{typ: "理论学习中心组学习", org: bureauCode, n: m.central, from: "01-01", to: "12-31", firstOdds: 1},
			{typ: "全面依法治市委员会会议", org: cityCode, n: m.committee, from: "03-01", to: "04-30",
				name: func(y, i int) string {
					return "市委全面依法治市委员会第" + committeeSession(y, i) + "次会议"
				}},
			{typ: "工作推进会", org: cityCode, n: m.progress, from: "05-06", to: "06-28",
				name: func(y, _ int) string { return fmt.Sprintf("%d年兴宁市全面依法治市工作推进会", y) }},
			{typ: "考评推进会", org: cityCode, n: m.review, from: "02-19", to: "03-29",
				name: func(y, _ int) string { return fmt.Sprintf("兴宁市%d年度法治广东建设考评推进会", y-1) }},
			{typ: "常务会议学法", org: cityCode, n: m.lawStudy, from: "01-01", to: "12-31", lawStudy: 1,
				name: func(_, i int) string { return "市政府常务会议学法：" + kit.OneOf(r, studiedLaws) }},
			{typ: "述法", org: bureauCode, n: m.reports, from: "12-01", to: "12-31",
				name: func(_, i int) string { return []string{"年终述法", "专题述法", "会议述法"}[i%3] }},
			{typ: "培训班", org: bureauCode, n: m.training, from: "04-01", to: "11-30",
				name: func(_, _ int) string { return "习近平法治思想研讨培训班" }},
		}
		for _, k := range kinds {
			from, to := calendar.MustParseDate(fmt.Sprintf("%d-%s", y, k.from)), calendar.MustParseDate(fmt.Sprintf("%d-%s", y, k.to))
			if to.After(asOf) {
				to = asOf
			}
			if from.After(to) {
				continue
			}
			for i, d := range kit.Days(r, from, to, k.n, w) {
				v := law.Values{"held_on": d.String(), "org": k.org, "meeting_type": k.typ}
				if k.name != nil {
					v["name"] = k.name(y, i)
				}
				if k.firstOdds > 0 {
					v["first_topic"] = "是"
					v["topics"] = "传达学习习近平总书记重要讲话重要指示精神；" + kit.OneOf(r, partyTopics)
				}
				if k.lawStudy > 0 && r.Float64() < k.lawStudy {
					v["law_study"] = "是"
				}
				out = append(out, v)
			}
		}
	}
	kit.Number(len(out), func(i int) (string, calendar.Date) {
		return out[i].Str("org"), calendar.MustParseDate(out[i].Str("held_on"))
	}, func(i, year, seq int) { out[i]["code"] = fmt.Sprintf("HY%d-%03d", year, seq) })
	return out
}

var (
	studiedLaws = []string{"《中华人民共和国行政复议法》", "《中华人民共和国民法典》", "《中华人民共和国行政处罚法》",
		"《优化营商环境条例》", "《中华人民共和国安全生产法》", "《信访工作条例》"}
	partyTopics = []string{"研究全面依法治市工作", "研究法治政府建设年度工作要点", "研究人民调解和矛盾纠纷化解工作",
		"研究行政复议应诉工作", "研究普法依法治理工作", "研究公共法律服务体系建设", "研究党风廉政建设工作"}
)

// planYears: the tasks of each year's 工作要点 and how many were done after their time limit
// within the year (late) or not by its end (open).
var planYears = map[int]struct{ tasks, late, open int }{
	2023: {28, 1, 0},
	2024: {30, 2, 1},
}

var planTaskTexts = []string{"健全依法行政制度体系", "严格落实重大行政决策程序", "加强行政规范性文件合法性审核", "深化行政执法体制改革",
	"全面推行行政执法三项制度", "加强行政执法监督", "推进行政复议体制改革", "做好行政机关负责人出庭应诉", "健全矛盾纠纷多元化解机制",
	"推进公共法律服务体系建设", "深入实施“八五”普法规划", "落实“谁执法谁普法”普法责任制", "推进法治乡村建设", "加强法治督察",
	"开展法治政府建设示范创建", "提升基层综合行政执法能力"}

// planTasks draws each year's 工作要点: time limits at the quarters' ends, most tasks done
// before them; in the years after 2024, two tasks past their time limit stay open on the load
// day, so the deadlines page shows them.
func planTasks(r *rand.Rand, asOf calendar.Date) []law.Values {
	leads := []string{"市司法局"}
	for _, u := range enforcementUnits {
		leads = append(leads, u.name)
	}
	var out []law.Values
	for y := 2023; y <= asOf.Year(); y++ {
		p, ok := planYears[y]
		if !ok {
			p = planYears[2024]
			p.late, p.open = 1, 2
		}
		issued := calendar.NewDate(y, 2, 20)
		if issued.After(asOf) {
			break
		}
		ends := []calendar.Date{calendar.NewDate(y, 3, 31), calendar.NewDate(y, 6, 30), calendar.NewDate(y, 9, 30),
			calendar.NewDate(y, 11, 30), calendar.NewDate(y, 12, 31)}
		keys := make([]float64, p.tasks)
		dues := make([]calendar.Date, p.tasks)
		for i := range dues {
			dues[i] = ends[1+r.IntN(len(ends)-1)]
			if i < 3 {
				dues[i] = ends[0]
			}
			keys[i] = kit.Key(r, 1)
		}
		late, _ := kit.Exactly(keys, p.late+p.open)
		n := 0
		for i, due := range dues {
			v := law.Values{"year": fmt.Sprint(y), "org": bureauCode, "due_on": due.String(),
				"task": planTaskTexts[i%len(planTaskTexts)] + fmt.Sprintf("（第%d项）", i+1),
				"lead": kit.OneOf(r, leads), "code": fmt.Sprintf("YD%d-%02d", y, i+1)}
			done := due.AddDays(-5 - r.IntN(40))
			if late[i] {
				if n++; n <= p.late {
					done = due.AddDays(5 + r.IntN(20)) // late, still within the year
				} else {
					done = calendar.NewDate(y+1, 2, 1).AddDays(r.IntN(20)) // still open at the year's end
					if y > 2024 {
						done = calendar.Date{} // open on the load day
					}
				}
			}
			if done.Before(issued) {
				done = issued.AddDays(r.IntN(10))
			}
			if !done.IsZero() && !done.After(asOf) {
				v["done_on"] = done.String()
			}
			out = append(out, v)
		}
	}
	return out
}
