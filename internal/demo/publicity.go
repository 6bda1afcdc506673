package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 兴宁市's 普法: the publicity events of the bureau, the 司法所 and the enforcement units, the
// 谁执法谁普法 lists, reports and reviews, the honours, and the 法律明白人 of every 村(社区).
// Every part has its own stream (70–76), so nothing here moves another kind's records; 2024 is
// the seed report's (三(六): 180余场次, 3万多份, 6家单位, 2127名 with at least 4 in every village,
// a national and a provincial honour; 三(一): 5 joint articles; 三(四): the 行政复议法 lectures).
const (
	streamMeeting    = 70 // meetings and study sessions
	streamPlan       = 71 // 工作要点 tasks
	streamEvents     = 72 // publicity events
	streamDuty       = 73 // 谁执法谁普法 lists
	streamAwards     = 74 // honours
	streamNavigators = 75 // 法律明白人
	streamReviews    = 76 // 谁执法谁普法 reviews
)

// navigatorQuota is the county's 配备标准 (the seed: 所有村(社区)已确定培育至少4名).
const navigatorQuota = 4

var publicityTargets = []kit.Target{
	{Year: 2024, ID: "study.party_group_meetings", Value: 43},
	{Year: 2024, ID: "study.central_group_sessions", Value: 18},
	{Year: 2024, ID: "governance.committee_meetings", Value: 1},
	{Year: 2024, ID: "publicity.joint_articles", Value: 5},
	{Year: 2024, ID: "publicity.events", Value: 184},
	{Year: 2024, ID: "publicity.materials", Value: 33860},
	{Year: 2024, ID: "publicity.reconsideration_lectures", Value: 4},
	{Year: 2024, ID: "publicity.responsibility_reviews", Value: 6},
	{Year: 2024, ID: "navigators.total", Value: 2127},
	{Year: 2024, ID: "navigators.quota", Value: navigatorQuota},
	{Year: 2024, ID: "navigators.villages_below_quota", Value: 0},
	{Year: 2024, ID: "navigators.coverage_rate", Value: 100},
	{Year: 2024, ID: "awards.national", Value: 1},
	{Year: 2024, ID: "awards.provincial", Value: 1},
}

// loadPublicity sets the county's quota and writes the ledgers of this file and meeting.go.
func loadPublicity(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, sum *Summary, t *tree, asOf calendar.Date) error {
	if err := st.SaveSetting(ctx, a, sc, indicators.SettingQuotaPfx+"navigators", fmt.Sprint(navigatorQuota)); err != nil {
		return err
	}
	w := officeDay(st.Calendar())
	for _, l := range []struct {
		kind string
		rows []law.Values
	}{
		{"meeting", meetings(rand.New(rand.NewPCG(seed, streamMeeting)), w, asOf)},
		{"plan_task", planTasks(rand.New(rand.NewPCG(seed, streamPlan)), asOf)},
		{"publicity_event", publicityEvents(rand.New(rand.NewPCG(seed, streamEvents)), t, w, asOf)},
		{"responsibility_list", responsibilityLists(rand.New(rand.NewPCG(seed, streamDuty)), asOf)},
		{"responsibility_review", responsibilityReviews(rand.New(rand.NewPCG(seed, streamReviews)), asOf)},
		{"award", awards(rand.New(rand.NewPCG(seed, streamAwards)), asOf)},
		{"navigator", navigators(rand.New(rand.NewPCG(seed, streamNavigators)), demoVillages(t), asOf)},
	} {
		if err := sum.write(ctx, st, a, sc, l.kind, imported(l.rows)); err != nil {
			return err
		}
	}
	return nil
}

// publicityYear is one year of events: how many, the materials handed out in all, and how many
// were joint articles with the paired 天河区司法局, 行政复议法 lectures and 宪法宣传周 events.
type publicityYear struct {
	events, materials, joint, lectures, constitution int
}

var publicityYears = map[int]publicityYear{
	2023: {events: 172, materials: 31420, joint: 3, lectures: 2, constitution: 8},
	2024: {events: 184, materials: 33860, joint: 5, lectures: 4, constitution: 9},
}

func (p publicityYear) scaled(f func(int) int) publicityYear {
	return publicityYear{events: f(p.events), materials: f(p.materials), joint: f(p.joint), lectures: 0, constitution: 0}
}

// The 2024 lectures of the seed (三(四)) and the forms of the other events.
var (
	lecturePlaces = []string{"宁中镇人民政府", "坭陂中心小学", "东莞石碣（兴宁）产业转移工业园区", "兴宁兴盛玩具有限公司"}
	eventForms    = []weighted{{"现场活动", 60}, {"讲座", 16}, {"线上", 9}, {"短视频", 7}, {"专栏文章", 4}, {"其他", 4}}
	eventThemes   = []weighted{{"民法典宣传", 18}, {"习近平法治思想", 14}, {"青少年普法", 16}, {"乡村振兴", 14}, {"反诈宣传", 16}, {"其他", 22}}
	solarTerms    = []string{"立春", "雨水", "惊蛰", "春分", "清明", "谷雨", "立夏", "小满", "芒种", "夏至", "小暑", "大暑",
		"立秋", "处暑", "白露", "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至", "小寒", "大寒"}
)

const partnerBureau = "广州市天河区司法局"

// publicityEvents draws every year's events: the themed ones first (宪法宣传周 on 1–7 December,
// the lectures, the joint 二十四节气 articles), then the rest by form and theme; the year's
// materials are split over the events held in person, exactly.
func publicityEvents(r *rand.Rand, t *tree, w kit.DayWeight, asOf calendar.Date) []law.Values {
	office := officeCode("普法与依法治理股")
	hosts := []string{office}
	for _, tw := range towns {
		hosts = append(hosts, tw.code+"-SFS")
	}
	for _, u := range enforcementUnits[:8] {
		hosts = append(hosts, cityCode+"-"+u.code)
	}
	var out []law.Values
	for y := 2023; y <= asOf.Year(); y++ {
		p := yearOf(publicityYears, y, publicityYear.scaled, asOf, w)
		from, to := yearSpan(y, asOf)
		var year []law.Values
		add := func(d calendar.Date, name, host, form, theme string) law.Values {
			v := law.Values{"held_on": d.String(), "name": name, "host": host, "form": form, "theme": theme}
			year = append(year, v)
			return v
		}
		for _, d := range kit.Days(r, calendar.NewDate(y, 12, 1), calendar.NewDate(y, 12, 7), p.constitution, func(calendar.Date) float64 { return 1 }) {
			add(d, "宪法宣传周“法治+非遗”版画制作活动", kit.OneOf(r, hosts), "现场活动", "宪法宣传周")
		}
		for i, d := range kit.Days(r, calendar.NewDate(y, 3, 1), calendar.NewDate(y, 6, 30), p.lectures, w) {
			add(d, "行政复议法宣讲（"+lecturePlaces[i%len(lecturePlaces)]+"）", reconOffice, "讲座", "行政复议法宣讲")
		}
		for i, d := range kit.Days(r, from, to, p.joint, w) {
			add(d, "《二十四节气专栏》普法文章："+solarTerms[(i*5+y)%len(solarTerms)], office, "专栏文章", "其他")["partner"] = partnerBureau
		}
		rest := p.events - len(year)
		for _, d := range kit.Days(r, from, to, rest, w) {
			form := pickWeighted(r, eventForms)
			name := map[string]string{"现场活动": "法治宣传进村居", "讲座": "法治讲座", "线上": "线上普法有奖答题",
				"短视频": "“小小普法员”普法短视频", "专栏文章": "《向日葵青少年普法宣传》专栏", "其他": "普法文艺演出"}[form]
			add(d, name, kit.OneOf(r, hosts), form, pickWeighted(r, eventThemes))
		}
		// Keep only what happened by the load day, then share the materials among the events
		// held in person.
		year = slices.DeleteFunc(year, func(v law.Values) bool { return v.Str("held_on") > asOf.String() })
		var inPerson []int
		var weights []float64
		for i, v := range year {
			switch v.Str("form") {
			case "现场活动", "讲座", "其他":
				inPerson = append(inPerson, i)
				weights = append(weights, map[string]float64{"现场活动": 3, "讲座": 1.5, "其他": 1}[v.Str("form")]*(0.5+r.Float64()))
			}
			v["participants"] = fmt.Sprint(30 + r.IntN(400))
		}
		for k, n := range apportion(p.materials, weights) {
			v := year[inPerson[k]]
			v["handed"] = fmt.Sprint(n)
			v["made"] = fmt.Sprint(n + r.IntN(n/8+1))
		}
		out = append(out, year...)
	}
	kit.Number(len(out), func(i int) (string, calendar.Date) {
		return out[i].Str("host"), calendar.MustParseDate(out[i].Str("held_on"))
	}, func(i, year, seq int) { out[i]["code"] = fmt.Sprintf("PF%d-%03d", year, seq) })
	return out
}

// apportion splits total into parts proportional to weights (largest remainders), exactly.
func apportion(total int, weights []float64) []int {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	out := make([]int, len(weights))
	if sum == 0 {
		return out
	}
	left := total
	for i, w := range weights {
		out[i] = int(float64(total) * w / sum)
		left -= out[i]
	}
	for i := 0; left > 0; i = (i + 1) % len(out) {
		out[i]++
		left--
	}
	return out
}

// dutyUnits are the units under 谁执法谁普法: the enforcement departments and the towns.
func dutyUnits() []string {
	var out []string
	for _, u := range enforcementUnits {
		out = append(out, cityCode+"-"+u.code)
	}
	for _, tw := range towns {
		out = append(out, tw.code)
	}
	return out
}

// dutyGaps are the units whose 履职报告 of the year never came (the seed's 不足(二)).
var dutyGaps = map[int][]string{2023: {cityCode + "-QXJ"}, 2024: {cityCode + "-QXJ", cityCode + "-YCJ"}}

// responsibilityLists: each unit publishes its list early in the year and reports on it in
// November or December.
func responsibilityLists(r *rand.Rand, asOf calendar.Date) []law.Values {
	var out []law.Values
	for y := 2023; y <= asOf.Year(); y++ {
		for _, u := range dutyUnits() {
			published := calendar.NewDate(y, 1, 8).AddDays(r.IntN(60))
			reported := calendar.NewDate(y, 11, 10).AddDays(r.IntN(30))
			if published.After(asOf) {
				continue
			}
			v := law.Values{"code": fmt.Sprintf("QD%d", y), "unit": u, "year": fmt.Sprint(y), "published_on": published.String()}
			if !reported.After(asOf) && !slices.Contains(dutyGaps[y], u) {
				v["reported_on"] = reported.String()
			}
			out = append(out, v)
		}
	}
	return out
}

// reviewedUnits are the units whose reports are reviewed each year (2024: the seed's 石马镇、市公安局等6家).
var reviewedUnits = map[int][]string{
	2023: {cityCode + "-SCJG", cityCode + "-ZJJ", cityCode + "-NYJ", "441481100", "441481002"},
	2024: {"441481106", cityCode + "-GAJ", cityCode + "-SCJG", cityCode + "-ZRZY", cityCode + "-JTJ", "441481003"},
}

func responsibilityReviews(r *rand.Rand, asOf calendar.Date) []law.Values {
	var out []law.Values
	results := []string{"优秀", "良好", "良好", "一般"}
	for y := 2023; y <= asOf.Year(); y++ {
		units, ok := reviewedUnits[y]
		if !ok {
			units = reviewedUnits[2024]
		}
		day := calendar.NewDate(y, 12, 12).AddDays(r.IntN(10))
		for i, u := range units {
			if day.After(asOf) {
				break
			}
			out = append(out, law.Values{"code": fmt.Sprintf("PY%d", y), "reviewed_on": day.String(), "reviewed": u,
				"result": results[(i+y)%len(results)]})
		}
	}
	return out
}

// awards: 2024's national honour to one of the bureau's staff and its provincial project (三(六)),
// and the city's and county's honours of other years.
func awards(r *rand.Rand, asOf calendar.Date) []law.Values {
	office := officeCode("普法与依法治理股")
	list := []law.Values{
		{"awarded_on": "2023-06-16", "name": "梅州市法治宣传教育先进集体", "level": "市级", "award_type": "集体", "winner": "兴宁市司法局普法与依法治理股"},
		{"awarded_on": "2023-12-20", "name": "兴宁市优秀普法志愿者", "level": "县级", "award_type": "个人", "winner": personName(r)},
		{"awarded_on": "2024-09-12", "name": "全国“八五”普法中期表现突出个人", "level": "国家级", "award_type": "个人", "winner": personName(r)},
		{"awarded_on": "2024-11-26", "name": "全省优秀普法工作项目", "level": "省级", "award_type": "项目",
			"winner": "《“法润禾苗 护蕾成长”小小普法员志愿活动项目》"},
		{"awarded_on": "2024-12-18", "name": "梅州市“谁执法谁普法”优秀普法项目", "level": "市级", "award_type": "项目", "winner": "“司法蓝”护航“生态绿”"},
	}
	for y := 2025; y <= asOf.Year(); y++ {
		list = append(list, law.Values{"awarded_on": fmt.Sprintf("%d-11-20", y), "name": "梅州市法治宣传教育先进个人",
			"level": "市级", "award_type": "个人", "winner": personName(r)})
	}
	var out []law.Values
	for i, v := range list {
		if v.Str("awarded_on") > asOf.String() {
			continue
		}
		v["org"], v["code"] = office, fmt.Sprintf("RY%s-%02d", v.Str("awarded_on")[:4], i+1)
		out = append(out, v)
	}
	return out
}
