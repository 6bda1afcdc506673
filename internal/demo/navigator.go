package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
)

// The 法律明白人 of every 村(社区): a first cohort of navigatorQuota per village chosen in the
// winter of 2021–22 after the national work norm; those who leave are replaced within two
// months (before the year's end up to 2024, so every village keeps the quota at the end of
// 2023 and 2024); a few villages train more (2024: 2,127 in all).
var navigatorCategories = []weighted{{"村干部", 30}, {"人民调解员", 15}, {"网格员", 14}, {"妇联执委", 6}, {"儿童主任", 4},
	{"辅警", 3}, {"村民小组长", 12}, {"中共党员", 9}, {"五老人员", 5}, {"其他", 2}}

// navigatorYears: the extra navigators trained in a year and how many left (each replaced).
var navigatorYears = map[int]struct{ extra, left int }{2023: {20, 12}, 2024: {27, 18}}

func navigators(r *rand.Rand, villages []village, asOf calendar.Date) []law.Values {
	var out []law.Values
	person := func(code string, trained calendar.Date) law.Values {
		v := law.Values{"village": code, "name": personName(r), "category": pickWeighted(r, navigatorCategories),
			"trained_on": trained.String(), "selection": "村两委推荐"}
		if r.Float64() < 0.2 {
			v["selection"] = "自荐"
		}
		if assessed := trained.AddDays(15 + r.IntN(30)); !assessed.After(asOf) {
			v["assessed_on"] = assessed.String()
		}
		out = append(out, v)
		return v
	}
	first := calendar.NewDate(2021, 12, 1)
	for _, vl := range villages {
		for range navigatorQuota {
			person(vl.code, first.AddDays(r.IntN(200)))
		}
	}
	for y := 2023; y <= asOf.Year(); y++ {
		plan, ok := navigatorYears[y]
		if !ok {
			plan.extra, plan.left = 8, 10
		}
		// Leavers are drawn among those serving, each replaced in their village.
		for range plan.left {
			v := out[r.IntN(len(out))]
			left := calendar.NewDate(y, 2, 1).AddDays(r.IntN(250))
			if v.Str("left_on") != "" || left.After(asOf) || v.Str("trained_on") >= left.String() {
				continue
			}
			v["left_on"] = left.String()
			if next := left.AddDays(10 + r.IntN(50)); !next.After(asOf) {
				person(v.Str("village"), next)
			}
		}
		from, to := yearSpan(y, asOf)
		for _, d := range kit.Days(r, from, to, plan.extra, func(calendar.Date) float64 { return 1 }) {
			person(kit.OneOf(r, villages).code, d)
		}
	}
	kit.Number(len(out), func(i int) (string, calendar.Date) {
		return out[i].Str("village"), calendar.MustParseDate(out[i].Str("trained_on"))
	}, func(i, year, seq int) { out[i]["code"] = fmt.Sprintf("MB%d-%02d", year, seq) })
	return out
}
