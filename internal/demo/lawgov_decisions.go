package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
)

var decisionMatters = []struct{ matter, kind string }{
	{"兴宁市城区停车设施建设三年行动方案", "（四）决定在本行政区域实施的重大公共建设项目"},
	{"兴宁市国土空间总体规划（2021—2035年）实施方案", "（二）经济和社会发展等方面的重要规划"},
	{"兴宁市城乡供水一体化工程建设方案", "（四）决定在本行政区域实施的重大公共建设项目"},
	{"兴宁市义务教育阶段学位供给保障方案", "（一）公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施"},
	{"兴宁市宁江河流域生态保护修复方案", "（三）开发利用、保护重要自然资源和文化资源的重大公共政策和措施"},
	{"兴宁市城市生活垃圾分类实施方案", "（一）公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施"},
	{"兴宁市客家围龙屋保护利用规划", "（三）开发利用、保护重要自然资源和文化资源的重大公共政策和措施"},
	{"兴宁市产业转移工业园区扩园方案", "（二）经济和社会发展等方面的重要规划"},
	{"兴宁市公共租赁住房租金标准调整", "（五）对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项"},
	{"兴宁市养老服务体系建设规划", "（二）经济和社会发展等方面的重要规划"},
	{"兴宁市城区公交线网优化方案", "（一）公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施"},
	{"兴宁市农村人居环境整治提升方案", "（一）公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施"},
	{"兴宁市管道燃气价格调整", "（五）对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项"},
	{"兴宁市医疗卫生服务体系规划", "（二）经济和社会发展等方面的重要规划"},
	{"兴宁市城市更新专项规划", "（二）经济和社会发展等方面的重要规划"},
	{"兴宁市粮食储备管理办法", "（一）公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施"},
}

var assessors = []string{"嘉应学院", "广东省城乡规划设计研究院", "梅州市社会风险评估中心", "广东宁江律师事务所", "华南理工大学建筑设计研究院"}

// catalogYears: each year's catalog (items, Party committee agreement, publication).
var catalogYears = map[int]struct {
	items          int
	agreed, public calendar.Date
}{
	2023: {13, calendar.NewDate(2023, 3, 10), calendar.NewDate(2023, 3, 20)},
	2024: {16, calendar.NewDate(2024, 3, 8), calendar.NewDate(2024, 3, 15)},
	2025: {15, calendar.NewDate(2025, 3, 7), calendar.NewDate(2025, 3, 14)},
}

// decisions draws each year's catalog and decisions, decided from February (their reviews fall
// in the same year), and on the load day one decision out for public comment, one at its
// legality review and one just started.
func (g lawGov) decisions(r *rand.Rand) (catalogs []law.Values, rows []kit.Row, reviews []review) {
	n := 0
	for _, to := range g.yearsTo() {
		y := to.Year()
		if c, ok := catalogYears[y]; ok && !c.public.After(g.asOf) {
			catalogs = append(catalogs, law.Values{"code": fmt.Sprintf("兴市府〔%d〕8号", y), "org": lawOffice, "year": fmt.Sprint(y),
				"title": fmt.Sprintf("《兴宁市%d年重大行政决策目录》", y), "items": fmt.Sprint(c.items),
				"party_agreed_on": c.agreed.String(), "published_on": c.public.String(), "publish_route": "兴宁市人民政府门户网站"})
		}
		count := g.count(decisionsMade, y)
		last := to.AddDays(-25)
		if !last.After(calendar.NewDate(y, 2, 1)) {
			continue
		}
		for i, day := range kit.Days(r, calendar.NewDate(y, 2, 1), last, count, g.day) {
			n++
			v, rv := g.decision(r, y, n, day, i < count-2)
			// One 2024 decision shortened its comment period for flood-season urgency (第15条).
			if y == 2024 && i == 3 {
				to := calendar.MustParseDate(v.Str("comment_to"))
				v["comment_from"], v["shorten_reason"] = to.AddDays(-19).String(), "防汛工程须在汛期前开工，情况紧急，经批准缩短征求意见期限"
			}
			// Post-decision evaluations (第36条) of the year before, late in each year.
			if y == 2023 && i%2 == 0 {
				if on := calendar.NewDate(2024, 9, 10).AddDays(7 * i); !on.After(g.asOf) {
					v["post_evaluated_on"], v["evaluator"] = on.String(), "梅州市决策咨询研究中心"
					v["evaluation_conclusion"] = "决策目标基本实现，执行情况良好，建议继续实施"
				}
			}
			reviews = append(reviews, rv)
			if i%4 == 1 {
				rows = append(rows, g.stepwiseDecision(v))
				continue
			}
			rows = append(rows, kit.Row{Values: v})
		}
	}
	rows = append(rows, g.openDecisions(r, &n, &reviews)...)
	return catalogs, rows, reviews
}

// decision is one decision made on day with its five procedures before it, and its review.
func (g lawGov) decision(r *rand.Rand, y, n int, day calendar.Date, inCatalog bool) (law.Values, review) {
	m := decisionMatters[(n-1)%len(decisionMatters)]
	undertaker := kit.OneOf(r, enforcementUnits).name
	reviewed := g.workdays(day, -(3 + r.IntN(8)))
	submitted := g.workdays(reviewed, -(7 + r.IntN(6)))
	conclusion := "同意"
	if r.Float64() < 0.3 {
		conclusion = "修改后同意"
	}
	v := law.Values{"code": fmt.Sprintf("JC%d-%02d", y, n), "org": lawOffice, "matter": fmt.Sprintf("%s（%d）", m.matter, y), "undertaker": undertaker,
		"matter_type": m.kind, "catalog_year": fmt.Sprint(y), "review_submitted_on": submitted.String(), "review_on": reviewed.String(),
		"review_conclusion": conclusion, "counsel_opinion": "经市政府法律顾问审查，决策草案符合法律法规规定，建议按程序提交审议",
		"meeting_type": "常务会议", "discussed_on": day.String(), "decided_on": day.String(), "stage": "已决定"}
	if inCatalog {
		v["in_catalog"] = "是"
	}
	before := submitted.AddDays(-(3 + r.IntN(5)))
	if r.Float64() < 0.6 {
		v["risk_required"], v["risk_on"], v["assessor"] = "是", before.String(), kit.OneOf(r, assessors)
		before = before.AddDays(-(5 + r.IntN(10)))
	}
	if r.Float64() < 0.5 {
		v["expert_required"], v["expert_on"], v["assessor"] = "是", before.String(), kit.OneOf(r, assessors)
		before = before.AddDays(-(5 + r.IntN(10)))
	}
	commentTo := before
	commentFrom := commentTo.AddDays(-(law.DecisionCommentDays - 1 + r.IntN(8)))
	v["comment_from"], v["comment_to"], v["started_on"] = commentFrom.String(), commentTo.String(), commentFrom.AddDays(-(15 + r.IntN(40))).String()
	if r.Float64() < 0.15 {
		v["dissent"] = "个别会议组成人员建议分步实施"
	}
	if published := g.workdays(day, 3+r.IntN(6)); !published.After(g.asOf) {
		v["party_reported_on"] = day.AddDays(-(5 + r.IntN(10))).String()
		v["published_on"], v["publish_route"], v["stage"] = published.String(), "政府网站", "已公布"
		if archived := published.AddDays(10 + r.IntN(20)); !archived.After(g.asOf) {
			v["archived_on"] = archived.String()
		}
	}
	return v, review{docType: "重大行政决策", title: v.Str("matter"), submitter: undertaker, refField: "decision", ref: v.Str("code"),
		received: submitted, closed: reviewed, opinion: conclusion}
}

// stepwiseDecision enters a decision as the office would have, one procedure at a time.
func (g lawGov) stepwiseDecision(v law.Values) kit.Row {
	steps := []string{"public_participation"}
	if v.Str("expert_on") != "" {
		steps = append(steps, "expert_argument")
	}
	if v.Str("risk_on") != "" {
		steps = append(steps, "risk_assessment")
	}
	steps = append(steps, "submit_review", "record_review", "discuss", "decide")
	if v.Str("published_on") != "" {
		steps = append(steps, "publish")
	}
	if v.Str("archived_on") != "" {
		steps = append(steps, "archive")
	}
	if v.Str("post_evaluated_on") != "" {
		steps = append(steps, "post_evaluate")
	}
	return kit.Along("major_decision", v, steps...)
}

// openDecisions are the decisions under way on the load day: one out for public comment (the
// demo's consultation), one waiting for its legality review, one just started.
func (g lawGov) openDecisions(r *rand.Rand, n *int, reviews *[]review) []kit.Row {
	y := g.asOf.Year()
	next := func() string { *n++; return fmt.Sprintf("JC%d-%02d", y, *n) }
	base := func(i int) law.Values {
		m := decisionMatters[(*n+i)%len(decisionMatters)]
		return law.Values{"org": lawOffice, "matter": fmt.Sprintf("%s（%d）", m.matter, y), "matter_type": m.kind,
			"undertaker": kit.OneOf(r, enforcementUnits).name, "catalog_year": fmt.Sprint(y), "in_catalog": "是"}
	}
	from := g.asOf.AddDays(-8)
	comment := base(1)
	comment["code"], comment["started_on"], comment["stage"] = next(), from.AddDays(-20).String(), "公众参与"
	comment["comment_from"], comment["comment_to"] = from.String(), from.AddDays(law.DecisionCommentDays).String()
	comment["draft_text"] = draftText(comment.Str("matter"), comment.Str("undertaker"))
	inReview := base(2)
	submitted := g.workdays(g.asOf, -3)
	inReview["code"], inReview["started_on"], inReview["stage"] = next(), submitted.AddDays(-75).String(), "合法性审查"
	inReview["comment_from"], inReview["comment_to"] = submitted.AddDays(-50).String(), submitted.AddDays(-15).String()
	inReview["review_submitted_on"] = submitted.String()
	*reviews = append(*reviews, review{docType: "重大行政决策", title: inReview.Str("matter"), submitter: inReview.Str("undertaker"),
		refField: "decision", ref: inReview.Str("code"), received: submitted})
	started := base(3)
	started["code"], started["started_on"], started["stage"] = next(), g.asOf.AddDays(-2).String(), "启动"
	return []kit.Row{
		kit.Along("major_decision", comment, "public_participation"),
		kit.Along("major_decision", inReview, "public_participation", "submit_review"),
		{Values: started},
	}
}

// draftText is the 决策草案及其说明 a decision puts out for comment (第15条).
func draftText(matter, undertaker string) string {
	return "《" + matter + "》（征求意见稿）\n\n一、决策事项\n" + matter + "。\n\n二、主要内容\n明确实施范围、实施步骤、保障措施和责任分工，由" + undertaker +
		"牵头组织实施。\n\n三、起草说明\n本草案依据有关法律、法规和政策制定，起草过程中开展了调研论证。欢迎社会各界在征求意见期限内提出意见和建议。"
}

var policyTitles = []string{"关于进一步优化营商环境的若干措施", "关于促进房地产市场平稳健康发展的通知", "关于加强耕地保护的实施意见",
	"关于做好春耕生产工作的通知", "关于推进乡村振兴示范带建设的工作方案", "关于加快发展数字经济的实施意见", "关于做好稳就业工作的通知",
	"关于开展安全生产专项整治的工作方案", "关于支持中小企业发展的若干措施", "关于推进义务教育优质均衡发展的实施方案"}

var contractTitles = []string{"政府和社会资本合作项目协议", "土地出让补充协议", "政府购买服务合同", "招商引资项目投资协议", "国有资产转让合同"}

// reviews is the review ledger: the documents' and decisions' reviews, and each year's 一般政策性
// 文件, 行政协议 and other reviews, closed within the year; on the load day a few still open.
func (g lawGov) reviews(r *rand.Rand, linked []review) []kit.Row {
	all := append([]review{}, linked...)
	for _, to := range g.yearsTo() {
		y := to.Year()
		last := to.AddDays(-3)
		for _, c := range []struct {
			docType string
			n       int
			titles  []string
		}{{"一般政策性文件", g.count(reviewsPolicy, y), policyTitles}, {"行政协议合同", g.count(reviewsOther, y), contractTitles}} {
			for _, closed := range kit.Days(r, calendar.NewDate(y, 1, 2), last, c.n, g.day) {
				docType := c.docType
				if docType == "行政协议合同" && r.Float64() < 0.3 {
					docType = "其他"
				}
				opinion := pickWeighted(r, []weighted{{"同意", 70}, {"修改后同意", 26}, {"不同意", 4}})
				received := g.workdays(closed, -(3 + r.IntN(10)))
				if received.Year() < y {
					received = calendar.NewDate(y, 1, 2)
				}
				all = append(all, review{docType: docType, title: "兴宁市" + kit.OneOf(r, c.titles), submitter: kit.OneOf(r, enforcementUnits).name,
					received: received, closed: closed, opinion: opinion})
			}
		}
	}
	for i := range 3 {
		all = append(all, review{docType: "一般政策性文件", title: "兴宁市" + kit.OneOf(r, policyTitles), submitter: kit.OneOf(r, enforcementUnits).name,
			received: g.workdays(g.asOf, -(1 + 2*i))})
	}
	slices.SortStableFunc(all, func(a, b review) int { return a.received.Compare(b.received) })
	seq := map[int]int{}
	rows := make([]kit.Row, len(all))
	for i, rv := range all {
		y := rv.received.Year()
		seq[y]++
		v := law.Values{"code": fmt.Sprintf("HF%d-%03d", y, seq[y]), "org": lawOffice, "received_on": rv.received.String(),
			"submitter": rv.submitter, "title": rv.title, "doc_type": rv.docType, "stage": "审查中"}
		set := func(k, s string) {
			if s != "" {
				v[k] = s
			}
		}
		set("issuer_type", rv.issuerType)
		set(rv.refField, rv.ref)
		if !rv.closed.IsZero() {
			v["closed_on"], v["opinion"], v["stage"], v["reviewer"] = rv.closed.String(), rv.opinion, "办结", "法治调研督察股"
		}
		switch {
		case rv.closed.IsZero() && i == len(all)-1:
			v["stage"] = "收文"
			rows[i] = kit.Row{Values: v}
		case rv.closed.IsZero():
			rows[i] = kit.Along("legality_review", v, "start")
		case i%25 == 7:
			rows[i] = kit.Along("legality_review", v, "start", "conclude")
		default:
			rows[i] = kit.Row{Values: v}
		}
	}
	return rows
}
