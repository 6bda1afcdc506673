package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
)

// supervisionYear is one year of the bureau's inspections and reviews: inspections of how many
// distinct units (some visited twice), and the case files reviewed with how many failed.
type supervisionYear struct {
	inspections, units, files, failed int
}

var supervisionYears = map[int]supervisionYear{
	2023: {inspections: 14, units: 12, files: 26, failed: 1},
	2024: {inspections: 18, units: 15, files: 31, failed: 0},
}

var inspectionForms = []weighted{{"联合检察院", 5}, {"专项检查", 3}, {"日常检查", 2}, {"考评检查", 1}}

// inspections and the case-file reviews of each year, dated on working days up to asOf.
func inspections(r *rand.Rand, cal *calendar.Calendar, units []*enforcementUnit, asOf calendar.Date) (insp, reviews []law.Values) {
	w := officeDay(cal)
	for _, y := range demoYears(asOf) {
		sy := ofYear(supervisionYears, y)
		from, to := yearSpan(y, calendar.NewDate(y, 11, 30))
		chosen := pick(r, units, sy.units)
		days := kit.Days(r, from, to, sy.inspections, w)
		for i, day := range days {
			u := chosen[i%len(chosen)]
			if i >= len(chosen) {
				u = chosen[r.IntN(len(chosen))]
			}
			if day.After(asOf) {
				continue
			}
			insp = append(insp, law.Values{"code": fmt.Sprintf("JDJC%d-%03d", y, i+1), "inspected_on": day.String(), "unit": u.code,
				"form": pickWeighted(r, inspectionForms), "problems": fmt.Sprint(r.IntN(5))})
		}
		days = kit.Days(r, from, to, sy.files, w)
		for i, day := range days {
			u := units[r.IntN(len(units))]
			score := 72 + r.IntN(26)
			if i < sy.failed {
				score = 50 + r.IntN(9)
			}
			if day.After(asOf) {
				continue
			}
			reviews = append(reviews, law.Values{"code": fmt.Sprintf("AJPC%d-%03d", y, i+1), "reviewed_on": day.String(), "unit": u.code,
				"file_no": fmt.Sprintf("兴%s罚〔%d〕%d号", u.name[len("兴宁市"):min(len(u.name), len("兴宁市")+6)], y, 10+r.IntN(300)),
				"score":   fmt.Sprint(score), "grade": law.Grade(score), "standard": "广东省行政处罚案卷评查标准（2022年版）"})
		}
	}
	return insp, reviews
}

// rectificationYear: the 专项整治 problems of a year (群众急难愁盼 / 职能部门) and those carried
// from the last year's report, and how many were done after their 整改期限.
var rectificationYears = map[int]struct{ public, department, report, late int }{
	2023: {public: 24, department: 41, report: 3, late: 3},
	2024: {public: 32, department: 55, report: 4, late: 4},
}

var departmentProblems = []string{"行政处罚裁量基准未及时更新", "执法全过程记录不完整", "行政检查计划未公示", "涉企检查频次过高",
	"执法文书送达不规范", "法制审核意见未附卷", "执法公示信息不全"}
var publicProblems = []string{"群众反映违建查处久拖未决", "占道经营整治不到位", "噪音扰民投诉处理不及时", "农贸市场缺斤短两",
	"校外培训机构违规收费", "餐饮油烟扰民"}

// rectifications: the 专项整治 problems and last year's report's, each rectified within its
// period (a few late) by the year's end, and one per problem an inspection found (来源 执法监督);
// 2025's still open where the load day comes first.
func rectifications(r *rand.Rand, cal *calendar.Calendar, units []*enforcementUnit, insp []law.Values, asOf calendar.Date) []law.Values {
	names := map[string]string{}
	for _, u := range units {
		names[u.code] = u.name
	}
	var out []law.Values
	n := 0
	// A problem is held by the unit that must rectify it (the bureau's own, by the bureau's
	// office), so that each unit's supervision profile lists its open rectifications.
	add := func(source, problem, org, responsible string, found calendar.Date, late bool, origin string) {
		if found.After(asOf) {
			return
		}
		n++
		due := found.AddDays(30 + 15*r.IntN(3))
		done := found.AddDays(7 + r.IntN(due.Sub(found)-7))
		if late {
			done = due.AddDays(3 + r.IntN(12))
		}
		if yearEnd := calendar.NewDate(found.Year(), 12, 31); done.After(yearEnd) && found.Year() < asOf.Year() {
			done = yearEnd
		}
		v := law.Values{"code": fmt.Sprintf("ZG%d-%03d", found.Year(), n), "org": org, "source": source,
			"problem": problem, "responsible": responsible, "found_on": found.String(), "due_on": due.String(), "origin": origin}
		if !done.After(asOf) {
			v["done_on"] = done.String()
		}
		out = append(out, v)
	}
	w := officeDay(cal)
	for _, y := range demoYears(asOf) {
		ry := ofYear(rectificationYears, y)
		from, to := calendar.NewDate(y, 3, 1), calendar.NewDate(y, 10, 31)
		for i, day := range kit.Days(r, from, to, ry.public+ry.department, w) {
			u := enforcementUnits[r.IntN(len(enforcementUnits))]
			org := cityCode + "-" + u.code
			if i < ry.public {
				add("专项整治-群众急难愁盼", kit.OneOf(r, publicProblems), org, u.name, day, i < ry.late/2, "")
			} else {
				add("专项整治-职能部门", kit.OneOf(r, departmentProblems), org, u.name, day, i-ry.public < ry.late-ry.late/2, "")
			}
		}
		for i := range ry.report {
			problem := fmt.Sprintf("%d年度法治政府建设报告所列问题（%d）", y-1, i+1)
			if i == 0 && y == 2024 {
				problem = "执法人员专业素质和能力不足（2023年度法治政府建设年度报告）" // the seed's 四
			}
			add(law.SourceLastReport, problem, supervisionOffice, "兴宁市司法局",
				calendar.NewDate(y, 2, 5+i), false, "")
		}
	}
	for _, v := range insp {
		var k int
		fmt.Sscan(v.Str("problems"), &k)
		for i := range k {
			found, _ := calendar.ParseDate(v.Str("inspected_on"))
			add("执法监督", fmt.Sprintf("%s（第%d项）", kit.OneOf(r, departmentProblems), i+1), v.Str("unit"), names[v.Str("unit")], found, false, v.Str("code"))
		}
	}
	return out
}
