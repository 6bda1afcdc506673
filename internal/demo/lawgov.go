package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 兴宁市's lawful-government ledgers (seed report 三(二)), kept by the bureau's 法治调研督察股:
// the 行政规范性文件 and their 清理, the 重大行政决策 and the year's 目录, the 合法性审查 of
// documents and decisions, and the 法律事务审查. 2024 comes out at the report's figures
// (审查办结一般政策性文件和重大行政决策117件、市政府规范性文件5件、部门规范性文件1件; 重大行政决策14件;
// 法律事务251件); 2023 a little lower; 2025 runs to the load day at 2024's pace, with one decision
// open for public comment on the load day. Streams 130–135 are this file's alone.
const (
	streamNormative = 130
	streamDecision  = 131
	streamLegality  = 132
	streamAffair    = 133
)

var lawOffice = officeCode("法治调研督察股")

// The years' counts. reviewsPolicy are the 一般政策性文件 reviews; the 重大行政决策 reviews are one
// per decision, the normative ones one per document published.
var (
	decisionsMade  = map[int]int{2023: 12, 2024: 14}
	reviewsPolicy  = map[int]int{2023: 96, 2024: 103}
	reviewsOther   = map[int]int{2023: 24, 2024: 27} // 行政协议合同 and 其他: not among the 117
	legalAffairs   = map[int]int{2023: 236, 2024: 251}
	normCity       = map[int]int{2023: 4, 2024: 5}
	normDepartment = map[int]int{2023: 2, 2024: 1}
)

var lawGovTargets = []kit.Target{
	{Year: 2024, ID: "review.legality_closed", Value: 117},
	{Year: 2024, ID: "review.normative_closed_city", Value: 5},
	{Year: 2024, ID: "review.normative_closed_department", Value: 1},
	{Year: 2024, ID: "decision.made", Value: 14},
	{Year: 2024, ID: "legal_affairs.reviewed", Value: 251},
	{Year: 2024, ID: "decision.catalogs", Value: 1},
}

// lawGov is what the ledgers share while they are drawn: the calendar and the load day.
type lawGov struct {
	cal  *calendar.Calendar
	asOf calendar.Date
	day  kit.DayWeight
}

// workdays is d moved n working days on (d itself when the calendar lacks the year).
func (g lawGov) workdays(d calendar.Date, n int) calendar.Date {
	out, err := g.cal.AddWorkdays(d, n)
	if err != nil {
		return d.AddDays(n * 7 / 5)
	}
	return out
}

// loadLawfulGovernment writes the ledgers of this file, documents and decisions before the
// reviews that name them.
func loadLawfulGovernment(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, sum *Summary, asOf calendar.Date) error {
	g := lawGov{cal: st.Calendar(), asOf: asOf, day: officeDay(st.Calendar())}
	docs, docReviews, cleanup := g.normativeDocs(rand.New(rand.NewPCG(seed, streamNormative)))
	if err := sum.write(ctx, st, a, sc, "normative_cleanup", imported(cleanup)); err != nil {
		return err
	}
	if err := sum.write(ctx, st, a, sc, "normative_doc", docs); err != nil {
		return err
	}
	catalogs, decisions, decisionReviews := g.decisions(rand.New(rand.NewPCG(seed, streamDecision)))
	if err := sum.write(ctx, st, a, sc, "decision_catalog", imported(catalogs)); err != nil {
		return err
	}
	if err := sum.write(ctx, st, a, sc, "major_decision", decisions); err != nil {
		return err
	}
	if err := commentOnOpenDecision(ctx, st, a, sc, asOf); err != nil {
		return err
	}
	reviews := g.reviews(rand.New(rand.NewPCG(seed, streamLegality)), append(docReviews, decisionReviews...))
	if err := sum.write(ctx, st, a, sc, "legality_review", reviews); err != nil {
		return err
	}
	return sum.write(ctx, st, a, sc, "legal_affair", imported(g.affairs(rand.New(rand.NewPCG(seed, streamAffair)))))
}

// yearsTo lists the demo's years up to the load day, each with its last day.
func (g lawGov) yearsTo() []calendar.Date {
	var out []calendar.Date
	for y := 2023; y <= g.asOf.Year(); y++ {
		_, to := yearSpan(y, g.asOf)
		out = append(out, to)
	}
	return out
}

// count is a year's number: the table's, or 2024's scaled to the part of the year reached.
func (g lawGov) count(table map[int]int, y int) int {
	if n, ok := table[y]; ok {
		return n
	}
	return scaled(table[2024], y, g.asOf, g.day)
}

var affairCategories = []weighted{{"招商引资", 22}, {"化解隐性债务", 9}, {"违法建设", 15}, {"合同审查", 32}, {"信访矛盾", 12}, {"其他", 10}}

var affairTitles = map[string][]string{
	"招商引资":   {"产业转移工业园区项目投资协议", "新能源项目招商合作框架协议", "农产品加工项目投资补充协议"},
	"化解隐性债务": {"城投公司债务重组方案", "政府购买服务协议清理意见", "融资平台债务化解协议"},
	"违法建设":   {"违法建设强制拆除决定", "违法用地整治处置方案", "历史遗留违建分类处置意见"},
	"合同审查":   {"物业服务采购合同", "道路工程施工合同", "政府购买法律服务合同", "国有资产租赁合同"},
	"信访矛盾":   {"征地补偿信访事项处理意见", "劳资纠纷信访化解方案"},
	"其他":     {"政府信息公开答复", "行政应诉答辩意见"},
}

// affairs draws the 法律事务审查 ledger: each year's count spread over the office's working days.
func (g lawGov) affairs(r *rand.Rand) []law.Values {
	var out []law.Values
	for _, to := range g.yearsTo() {
		y := to.Year()
		for i, d := range kit.Days(r, calendar.NewDate(y, 1, 1), to, g.count(legalAffairs, y), g.day) {
			cat := pickWeighted(r, affairCategories)
			v := law.Values{"code": fmt.Sprintf("FW%d-%03d", y, i+1), "org": lawOffice, "received_on": d.String(),
				"category": cat, "title": kit.OneOf(r, affairTitles[cat]), "requester": kit.OneOf(r, departments).name}
			if done := g.workdays(d, 2+r.IntN(8)); !done.After(g.asOf) {
				v["closed_on"] = done.String()
			}
			out = append(out, v)
		}
	}
	return out
}
