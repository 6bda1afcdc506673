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

// The 行政复议 ledger of 兴宁市, 2023 to 2025-Q1. Since the 2023 revision (in force
// 2024-01-01) the city government is the 行政复议机关 for the acts of its departments and
// towns, and the bureau's 行政复议与应诉股 is its 行政复议机构 (行政复议法第4条、第24条): the
// cases are that office's records.
//
// 2024 is generated to the seed report's figures: exactly received2024 applications received in
// 2024 and exactly concluded2024 cases concluded in 2024, counting the cases carried over from
// late 2023. Which cases those are, and everything about them, is drawn at random under the
// clocks of the statute: acceptance within 5 WD (第30条), 补正 within 5 WD and 10 WD to answer
// (第31条), the copy and the answer (第48条、第54条), hearings with 5 WD notice (第51条),
// suspensions (第39条), one extension of at most 30 days (第62条), and the decision within 60 ND
// (30 ND in the simplified procedure of 第53条). A handful are decided late, as in life.
//
// 2023, the year the report compares with, has exactly received2023 applications. Those from 9
// October (received2023Q4) were drawn first, with 2024, and are the cases carried over into it;
// the earlier ones, from the first working day of 2023, are drawn on their own stream
// (streamRecon2023) and all concluded within 2023 under the former law (no simplified procedure),
// so that 2024's figures are what they were. The working calendar starts in 2023, so no case is
// carried over from 2022: 2023's 审结 are its own applications' (concluded2023).

const (
	received2024  = 240 // 2024年新收行政复议案件240件 (seed report, 四(四))
	concluded2024 = 209 // 审结案件209件, carried-over cases included

	received2023 = 225 // 2023: 15 fewer than 2024
	// concluded2023 follows from the draw: received2023 less the cases carried over into 2024
	// (28) and those never accepted (4 of the last quarter, 2 of the rest of the year).
	concluded2023 = 191
	refused2023   = 1 // 不予受理 and 受理前化解 before 9 October 2023
	resolved2023  = 1
	hearings2023  = 3 // heard under the former law (第22条, 实施条例第33条)

	received2023Q4 = 50 // late-2023 applications: the cases carried over into 2024
	received2025Q1 = 20 // early-2025 applications concluded by histEnd (the open ones come on top)

	refused2024   = 15 // 不予受理
	resolved2024  = 10 // 受理前化解
	withdrawn2024 = 2  // 视为撤回 (no 补正 in time)
)

// reconTargets are the figures the 行政复议 ledgers must produce (seed report, 四(四); 2023 for
// its comparisons); LoadAsOf checks them from the records.
var reconTargets = []kit.Target{
	{Year: 2024, ID: "reconsideration.received", Value: received2024},
	{Year: 2024, ID: "reconsideration.concluded", Value: concluded2024},
	{Year: 2024, ID: "reconsideration.resolved_before_acceptance", Value: resolved2024},
	{Year: 2024, ID: "reconsideration.observer_units", Value: float64(len(observerUnits))},
	{Year: 2024, ID: "litigation.letters", Value: letters2024},
	{Year: 2024, ID: "litigation.head_appearance_rate", Value: 100},
	{Year: 2023, ID: "reconsideration.received", Value: received2023},
	{Year: 2023, ID: "reconsideration.concluded", Value: concluded2023},
	{Year: 2023, ID: "litigation.letters", Value: letters2023},
}

// observedHearing is the hearing that 8 units' enforcement officers attended
// (于6月24日组织8个单位开展执法人员旁听行政复议听证活动).
var observedHearing = calendar.MustParseDate("2024-06-24")

// observerUnits are the 8 units of that hearing, named as in the org tree.
var observerUnits = []string{"兴宁市市场监督管理局", "兴宁市公安局", "兴宁市自然资源局", "兴宁市人力资源和社会保障局",
	"兴宁市住房和城乡建设局", "兴宁市城市管理和综合执法局", "兴宁市交通运输局", "兴宁市农业农村局"}

// respondent is a body whose acts are reviewed, with the acts it is most often challenged on.
type respondent struct {
	name, typ, field string
	w                float64
	acts             []weighted
}

// departments are the city's departments as respondents. 市场监管's 举报投诉处理 (complaints by
// professional claimants), 公安's 治安处罚 and 人社's 工伤认定 dominate a county's docket.
var departments = []respondent{
	{"兴宁市市场监督管理局", "县级政府部门", "市场监管", 22, []weighted{{"举报投诉处理", 12}, {"行政处罚", 9}, {"政府信息公开", 4}, {"不履行法定职责", 3}, {"行政许可", 1}, {"其他", 1}}},
	{"兴宁市公安局", "县级政府部门", "公安", 18, []weighted{{"行政处罚", 14}, {"不履行法定职责", 3}, {"政府信息公开", 2}, {"行政强制", 1.5}, {"行政赔偿", 0.8}, {"举报投诉处理", 1}}},
	{"兴宁市自然资源局", "县级政府部门", "自然资源", 11, []weighted{{"政府信息公开", 4}, {"行政确认", 4}, {"行政处罚", 2}, {"不履行法定职责", 2}, {"行政许可", 1}, {"其他", 0.5}}},
	{"兴宁市人力资源和社会保障局", "县级政府部门", "人力资源社会保障", 13, []weighted{{"工伤认定", 10}, {"不履行法定职责", 3}, {"行政确认", 1.5}, {"政府信息公开", 1}}},
	{"兴宁市住房和城乡建设局", "县级政府部门", "住房城乡建设", 5, []weighted{{"政府信息公开", 2}, {"举报投诉处理", 2}, {"行政处罚", 1}, {"行政许可", 1}, {"不履行法定职责", 1}}},
	{"兴宁市城市管理和综合执法局", "县级政府部门", "住房城乡建设", 4, []weighted{{"行政处罚", 3}, {"行政强制", 2}, {"举报投诉处理", 1}}},
	{"兴宁市交通运输局", "县级政府部门", "交通运输", 3, []weighted{{"行政处罚", 3}, {"举报投诉处理", 1}}},
	{"兴宁市农业农村局", "县级政府部门", "农业农村", 2, []weighted{{"不履行法定职责", 1}, {"行政确认", 1}, {"政府信息公开", 1}}},
	{"兴宁市卫生健康局", "县级政府部门", "卫生健康", 2, []weighted{{"举报投诉处理", 1.5}, {"行政处罚", 1}, {"政府信息公开", 0.5}}},
	{"兴宁市教育局", "县级政府部门", "教育", 1.5, []weighted{{"政府信息公开", 1}, {"举报投诉处理", 1}}},
	{"兴宁市医疗保障局", "县级政府部门", "其他", 1, []weighted{{"行政处罚", 1}, {"行政确认", 0.5}}},
	{"兴宁市应急管理局", "县级政府部门", "其他", 1, []weighted{{"行政处罚", 1}}},
}

// townActs are what towns and streets are challenged on: 综合行政执法 penalties and demolitions,
// requisition agreements, information requests.
var townActs = []weighted{{"政府信息公开", 3}, {"行政强制", 2}, {"行政处罚", 2}, {"不履行法定职责", 2}, {"行政协议", 2}, {"行政赔偿", 0.8}, {"其他", 1}}

// townShare is the weight of all towns together against the departments above.
const townShare = 14.0

// townRespondent is a town's government (镇人民政府) or a street's office (街道办事处).
func townRespondent(tw town) respondent {
	name := cityName + tw.name + "人民政府"
	if tw.typ == "街道" {
		name = cityName + tw.name + "办事处"
	}
	return respondent{name: name, typ: "乡镇街道", field: "乡镇街道", acts: townActs}
}

// fineRange is the 罚款 range (元) of a respondent's penalties.
var fineRange = map[string][2]float64{
	"市场监管": {2000, 300000}, "交通运输": {1000, 30000}, "自然资源": {10000, 500000}, "住房城乡建设": {500, 200000},
	"卫生健康": {2000, 50000}, "乡镇街道": {1000, 50000}, "其他": {5000, 200000},
}

var (
	supplementItems = []string{"申请人身份证明材料", "被申请行政复议的行政行为的相关材料", "明确的行政复议请求和事实理由",
		"委托代理人的授权委托书"}
	// omissionItem is asked of an applicant who says an agency failed to act (第44条第2款).
	omissionItem   = "曾经要求被申请人履行法定职责的证明材料"
	refusalReasons = []string{"超过法定申请期限（行政复议法第20条）", "申请人与被申请行政复议的行政行为不具有利害关系（第30条第1款第2项）",
		"申请人已就同一行政行为向人民法院提起行政诉讼并已被受理（第29条第2款）", "重复申请：同一申请人就同一事项已申请行政复议并已被受理"}
	// petitionReason is refused for complaints and claims of omission that are really 信访.
	petitionReason = "不属于行政复议范围：对信访事项处理意见不服（第12条）"
	// complainants are the professional claimants whose 举报 reappear in the 市场监管 docket.
	complainants = []string{"吴志强", "古伟明", "赖丽娟"}
	shops        = []string{"兴宁市宁江副食商行", "兴宁市福兴五金店", "兴宁市新城餐饮店", "兴宁市兴田日用品商行",
		"兴宁市和山食品店", "兴宁市永和农资店", "兴宁市城东烟酒商行", "兴宁市神光药店"}
)

// Outcomes in the order weights are given.
var outcomes = []string{"维持", "驳回复议请求", "驳回申请", "撤销", "部分撤销", "变更", "确认违法", "责令履行", "确认无效",
	"调解", "和解撤回", "撤回", "终止"}

// reconCase is one application and what became of it.
type reconCase struct {
	code               string
	received           calendar.Date
	form               string
	applicants         []string
	phone              string
	resp               respondent
	act, amount        string
	onTheSpot, warning bool
	suppRequested      calendar.Date
	// suppNoticed and copyReceived are the receipts the periods of 第31条 and 第48条 run from:
	// the applicant's of the 补正 notice, the respondent's of the copy (fitStatute).
	suppNoticed, copyReceived calendar.Date
	suppExtDays               int // 延长补正期限 (第31条第2款), with suppExtReason
	suppExtReason             string
	suppReceived              calendar.Date
	suppItems                 string
	acceptance                string // 受理, 不予受理, 受理前化解, 视为撤回, 审查中, 补正中
	acceptanceClosed          calendar.Date
	refusal                   string
	accepted                  calendar.Date
	procedure, simpleGround   string
	copySent, answered        calendar.Date
	hearingOn, hearingNote    calendar.Date
	consultGround, opinion    string        // 第52条: why the 行政复议委员会 was consulted, and its opinion
	opinionOn                 calendar.Date // when the opinion was given
	observers, panel          []string
	suspended, resumed        calendar.Date // resumed zero: still suspended
	suspGround                string
	mediationPause            bool // suspended to mediate (第39条第1款第6项) and concluded while suspended
	extDays                   int
	extApproved               calendar.Date
	late                      bool // planned to be decided after the decision period
	closed                    calendar.Date
	outcome, termGround       string
	sued                      bool
	timeline                  bool
	early                     bool // drawn on streamRecon2023: received before 9 October 2023
}

// open reports whether the case is unfinished: still under review, awaiting 补正, or accepted
// and not concluded.
func (c *reconCase) open() bool {
	switch c.acceptance {
	case "审查中", "补正中":
		return true
	case "受理":
		return c.closed.IsZero()
	}
	return false
}

func isDecision(outcome string) bool { return slices.Contains(law.DecisionOutcomes, outcome) }

// days is date arithmetic on the working-day calendar with a random stream.
type days = kit.Cal

type reconGen struct {
	days
	staff []string // the office's 行政复议人员
	// admitted and simplified count the cases planned since the simplified procedure exists.
	admitted, simplified int
}

// due is the last day of the decision period as the store's clock computes it, read from the
// kind's declaration (第62条; 中止 days not counted, 第39条; extension added).
func (g *reconGen) due(c *reconCase, withExtension bool) calendar.Date {
	v := law.Values{"accepted_on": c.accepted.String(), "acceptance": "受理", "procedure": c.procedure}
	if withExtension && c.extDays > 0 {
		v["extended"], v["extension_days"] = "是", strconv.Itoa(c.extDays)
	}
	if !c.suspended.IsZero() && !c.resumed.IsZero() {
		v["suspensions"] = []string{c.suspended.String() + "~" + c.resumed.AddDays(-1).String()}
	}
	return g.Due("reconsideration", "reconsideration.decision", v)
}

func pickRespondent(r *rand.Rand) respondent {
	total := townShare
	for _, d := range departments {
		total += d.w
	}
	x := r.Float64() * total
	for _, d := range departments {
		if x < d.w {
			return d
		}
		x -= d.w
	}
	ti := kit.PickIndex(r, len(towns), func(i int) float64 { return float64(towns[i].pop) })
	return townRespondent(towns[ti])
}

// logUniform draws a sum in [lo, hi] (元), rounded as a decision states it.
func (g *reconGen) logUniform(lo, hi float64) string {
	x := lo * math.Pow(hi/lo, g.R.Float64())
	step := 100.0
	if x >= 20000 {
		step = 1000
	}
	return strconv.Itoa(int(math.Round(x/step) * step))
}

// newCase draws an application received on day: who applies, against whom, about what.
func (g *reconGen) newCase(day calendar.Date) *reconCase {
	c := &reconCase{received: day, acceptance: "审查中"}
	c.resp = pickRespondent(g.R)
	c.act = pickWeighted(g.R, c.resp.acts)
	c.form = pickWeighted(g.R, []weighted{{"书面", 55}, {"网上", 35}, {"口头", 10}})
	if c.act == "行政处罚" {
		switch {
		case c.resp.field == "公安":
			switch u := g.R.Float64(); {
			case u < 0.35: // 行政拘留: no sum
			case u < 0.45:
				c.warning = true
			case u < 0.57:
				c.onTheSpot, c.amount = true, "200"
			default:
				c.amount = g.logUniform(200, 3000)
			}
		case c.resp.field == "市场监管" && g.R.Float64() < 0.12:
			c.amount = g.logUniform(500, 3000) // a stall's fine
		default:
			rg := fineRange[c.resp.field]
			c.amount = g.logUniform(rg[0], rg[1])
		}
	}
	switch c.act {
	case "行政赔偿":
		c.amount = g.logUniform(5000, 300000)
	case "行政协议":
		c.amount = g.logUniform(80000, 2000000)
	}
	// Applicants: the punished business, the injured worker or the employer, a complainant, the
	// family whose house was pulled down.
	switch {
	case c.act == "举报投诉处理" && c.resp.field == "市场监管" && g.R.Float64() < 0.4:
		c.applicants = []string{kit.OneOf(g.R, complainants)}
	case c.act == "行政处罚" && c.resp.field != "公安" && g.R.Float64() < 0.6:
		if g.R.Float64() < 0.5 {
			c.applicants = []string{kit.OneOf(g.R, shops)}
		} else {
			c.applicants = []string{kit.OneOf(g.R, firmNames)}
		}
	case c.act == "工伤认定" && g.R.Float64() < 0.45:
		c.applicants = []string{kit.OneOf(g.R, firmNames)}
	case c.act == "行政强制" || c.act == "行政协议" || c.act == "行政赔偿":
		c.applicants = distinctNames(g.R, 1+g.R.IntN(3))
	default:
		n := 1
		if g.R.Float64() < 0.1 {
			n = 2
		}
		c.applicants = distinctNames(g.R, n)
	}
	if g.R.Float64() < 0.7 {
		c.phone = phone(g.R)
	}
	return c
}

// eligibleGround is the 第53条 ground the case could be heard under in the simplified procedure,
// or "" when only the parties' consent would allow it.
func (c *reconCase) eligibleGround() string {
	switch {
	case c.act == "政府信息公开":
		return "政府信息公开"
	case c.onTheSpot:
		return "当场作出"
	case c.warning:
		return "警告或者通报批评"
	case c.act == "行政处罚" && c.amount != "":
		if amt, _ := strconv.Atoi(c.amount); amt <= 3000 {
			return "涉案款额三千元以下"
		}
	}
	return ""
}

// outcomeWeight is how likely an outcome is for an act: acts of omission are not 维持ed but
// their claims rejected or the duty ordered; information requests and injury findings are
// often sent back; fines are reduced or settled; compensation is mediated.
func outcomeWeight(act, outcome string) float64 {
	w := map[string]float64{"维持": 40, "驳回复议请求": 8, "驳回申请": 3, "撤销": 5, "部分撤销": 0.6, "变更": 0.6,
		"确认违法": 3, "责令履行": 1, "确认无效": 0.2, "调解": 3, "和解撤回": 8, "撤回": 6, "终止": 1.2}
	switch act {
	case "不履行法定职责":
		w["驳回复议请求"], w["维持"], w["责令履行"], w["确认违法"] = 36, 0, 9, 4
	case "举报投诉处理":
		w["驳回复议请求"], w["维持"], w["责令履行"], w["确认违法"] = 14, 26, 5, 3
	case "政府信息公开":
		w["撤销"], w["确认违法"], w["责令履行"] = 5, 5, 3
	case "行政处罚":
		w["变更"], w["和解撤回"], w["调解"] = 3, 11, 4
	case "工伤认定":
		w["撤销"] = 6
	case "行政赔偿", "行政协议":
		w["调解"], w["和解撤回"] = 14, 12
	}
	return w[outcome]
}

func (g *reconGen) pickOutcome(c *reconCase) string {
	for {
		o := outcomes[kit.PickIndex(g.R, len(outcomes), func(i int) float64 { return outcomeWeight(c.act, outcomes[i]) })]
		if o != "终止" {
			return o
		}
		// 第41条: a business wound up with no successor, or the same conduct taken up as a crime.
		switch {
		case c.resp.field == "公安" && c.act == "行政处罚":
			c.termGround = law.TerminationGrounds[3]
		case slices.Contains(firmNames, c.applicants[0]) || slices.Contains(shops, c.applicants[0]):
			c.termGround = law.TerminationGrounds[2]
		default:
			continue
		}
		return o
	}
}

var suspensionGrounds = []weighted{
	{law.SuspensionGrounds[7], 5}, // 需要以其他案件的审理结果为依据
	{law.SuspensionGrounds[4], 3}, // 不可抗力或者其他正当理由
	{law.SuspensionGrounds[6], 1}, // 法律适用问题需要有权机关解释或者确认
	{law.SuspensionGrounds[9], 1},
}

// admit plans an accepted case up to, not including, its conclusion: the acceptance (after a 补正
// sometimes), the procedure, the copy and the answer, a hearing, a suspension, an extension, and
// what the case will end in. simpleOK is false before 2024 (the simplified procedure is new in
// the 2023 law).
func (g *reconGen) admit(c *reconCase, simpleOK bool) {
	base := c.received
	if g.R.Float64() < 0.08 {
		c.suppRequested = g.WD(c.received, 1+g.R.IntN(4))
		c.suppItems = g.supplementItem(c)
		c.suppReceived = g.WD(c.suppRequested, 1+g.R.IntN(7))
		base = c.suppReceived
	}
	c.acceptance = "受理"
	c.accepted = g.WD(base, 1+kit.PickIndex(g.R, 5, func(i int) float64 { return []float64{35, 30, 20, 10, 5}[i] }))
	c.procedure = "普通"
	if simpleOK {
		// Most eligible cases go the simplified way; the office keeps it to about a quarter of
		// its cases, whatever the mix of acts.
		share := float64(g.simplified+1) / float64(g.admitted+1)
		if ground := c.eligibleGround(); ground != "" && share <= 0.27 && g.R.Float64() < 0.9 {
			c.procedure, c.simpleGround = "简易", ground
		} else if share < 0.22 && g.R.Float64() < 0.1 {
			c.procedure, c.simpleGround = "简易", "各方当事人同意"
		}
	}
	simple := c.procedure == "简易"
	// 第48条 (七日、十日), 第54条 (简易程序三日、五日), as the kind declares them.
	proc := law.Values{"procedure": c.procedure}
	copyMax, answerMax := kit.Budget("reconsideration", "reconsideration.copy", proc), kit.Budget("reconsideration", "reconsideration.answer", proc)
	c.copySent = g.WD(c.accepted, 1+g.R.IntN(copyMax))
	c.answered = g.WD(c.copySent, 3+g.R.IntN(answerMax-2))
	c.outcome = g.pickOutcome(c)
	period := g.due(c, false)
	switch {
	case isDecision(c.outcome):
		switch u := g.R.Float64(); {
		case !simple && simpleOK && u < 0.04:
			// 第50条: major or complex cases are heard; notice 5 WD ahead (第51条).
			c.hearingNote = g.WD(c.answered, 1+g.R.IntN(4))
			c.hearingOn = g.WD(c.hearingNote, 5+g.R.IntN(6))
		case u < 0.11:
			c.suspGround = pickWeighted(g.R, suspensionGrounds)
			c.suspended = g.WD(c.answered, 1+g.R.IntN(8))
			c.resumed = g.NextWorkday(c.suspended.AddDays(10 + g.R.IntN(50)))
		}
		if !simple && g.R.Float64() < 0.07 {
			c.extDays = 30
			if g.R.Float64() < 0.3 {
				c.extDays = 15 + 5*g.R.IntN(3)
			}
			period = g.due(c, false)
			c.extApproved, _ = g.PickDay(period.AddDays(-10), period.AddDays(-1), 1)
		}
		c.late = g.R.Float64() < 0.015
	case (c.outcome == "调解" || c.outcome == "和解撤回") && g.R.Float64() < 0.45:
		// 第39条第1款第6项: suspended while the parties settle, concluded by 调解书 or withdrawal.
		c.mediationPause = true
		c.suspGround = law.SuspensionGrounds[5]
		c.suspended = g.WD(c.answered, 1+g.R.IntN(6))
	}
}

// window is the span the case's conclusion may fall in under its plan; lo > hi means the plan
// does not work and is drawn again.
func (g *reconGen) window(c *reconCase) (lo, hi calendar.Date) {
	period := g.due(c, true)
	switch {
	case c.mediationPause:
		lo, hi = c.suspended.AddDays(7), c.suspended.AddDays(50)
		if c.suspended.After(g.due(c, false).AddDays(-5)) {
			return hi, lo
		}
	case isDecision(c.outcome):
		lo, hi = g.WD(c.answered, 3), period
		if !c.hearingOn.IsZero() {
			lo = kit.Later(lo, g.WD(c.hearingOn, 2))
		}
		if !c.resumed.IsZero() {
			lo = kit.Later(lo, g.WD(c.resumed, 3))
		}
		if c.extDays > 0 {
			// Extended because the case could not be decided in time.
			lo = kit.Later(lo, kit.Later(c.extApproved.AddDays(1), g.due(c, false).AddDays(-3)))
		}
		if c.late {
			lo, hi = period.AddDays(1), period.AddDays(8)
		}
	default: // 调解、和解撤回、撤回、终止 at any point after the copy went out
		lo, hi = c.copySent.AddDays(1), period
	}
	return lo, hi
}

// conclude draws the conclusion day in [lo, hi] and settles what depends on it.
func (g *reconGen) conclude(c *reconCase, lo, hi calendar.Date) bool {
	skew := 1.0
	if isDecision(c.outcome) {
		skew = 0.6
	}
	d, ok := g.PickDay(lo, hi, skew)
	if !ok {
		return false
	}
	c.closed = d
	if c.mediationPause {
		c.resumed = d // the open suspension ends with the case (closeOpenSuspension)
	}
	if c.closed.Before(c.answered) || c.closed.Equal(c.answered) {
		c.answered = calendar.Date{} // withdrawn before the respondent answered
	}
	return true
}

// screen ends an application without acceptance: refused (第30条), resolved before acceptance
// (第5条), or treated as withdrawn when the 补正 did not come (第31条第2款).
func (g *reconGen) screen(c *reconCase, fate string) {
	c.acceptance = fate
	switch fate {
	case "不予受理":
		c.refusal = kit.OneOf(g.R, refusalReasons)
		if (c.act == "举报投诉处理" || c.act == "不履行法定职责" || c.act == "其他") && g.R.Float64() < 0.5 {
			c.refusal = petitionReason
		}
		c.acceptanceClosed = g.WD(c.received, 2+g.R.IntN(4))
	case "受理前化解":
		c.acceptanceClosed = g.WD(c.received, 1+g.R.IntN(5))
	case "视为撤回":
		c.suppRequested = g.WD(c.received, 1+g.R.IntN(4))
		c.suppItems = g.supplementItem(c)
		c.suppNoticed = g.WD(c.suppRequested, 1)
		c.acceptanceClosed = g.lapsed(c)
	}
}

// lapsed is the day after the 补正 period ran out: ten working days from the applicant's receipt
// of the notice, any extension added (第31条第2款), as the kind's clock computes it.
func (g *reconGen) lapsed(c *reconCase) calendar.Date {
	v := law.Values{"supplement_requested_on": c.suppRequested.String(), "supplement_notice_received_on": c.suppNoticed.String()}
	if c.suppExtDays > 0 {
		v["supplement_extension_days"] = strconv.Itoa(c.suppExtDays)
	}
	return g.Due("reconsideration", "reconsideration.supplement", v).AddDays(1)
}

// fitStatute settles, without a draw, what the statute asks of every case as it stands on asOf
// (so that no other record moves): the receipts the periods run from (the notice and the copy
// reach their addressee the next working day, the copy by hand when the answer came sooner),
// and decisions that fit the case — 驳回复议请求 (第69条) and 责令履行 (第66条) are for a failure
// of duty only: on another act the office upholds it (维持, 第68条) or sets it aside (撤销, 第64条),
// which leaves every count of concluded and corrected cases as it was.
func (g *reconGen) fitStatute(cs []*reconCase, asOf calendar.Date) {
	for _, c := range cs {
		if c.act != "不履行法定职责" && !c.closed.IsZero() {
			switch c.outcome {
			case "驳回复议请求":
				c.outcome = "维持"
			case "责令履行":
				c.outcome = "撤销"
			}
		}
		c.suppNoticed, c.copyReceived = calendar.Date{}, calendar.Date{}
		if !c.suppRequested.IsZero() {
			if n := g.WD(c.suppRequested, 1); !n.After(asOf) && (c.suppReceived.IsZero() || !n.After(c.suppReceived)) {
				c.suppNoticed = n
			} else if !c.suppReceived.IsZero() {
				c.suppNoticed = c.suppRequested // handed over when the office asked
			}
		}
		if !c.copySent.IsZero() {
			n := g.WD(c.copySent, 1)
			if !c.answered.IsZero() && !c.answered.After(n) {
				n = c.copySent
			}
			if !n.After(asOf) {
				c.copyReceived = n
			}
		}
	}
	// One application shows the whole 补正 course of 第31条第2款 lapsing: the period extended
	// for a reason, then the lapse confirmed by a clerk (视为放弃, 记录在案).
	for _, c := range cs {
		if c.acceptance == "视为撤回" && c.received.Year() == 2024 && c.received.Before(calendar.MustParseDate("2024-11-01")) {
			c.suppExtDays, c.suppExtReason = 5, "申请人在外地务工，申请延长补正期限"
			c.acceptanceClosed = g.lapsed(c)
			break
		}
	}
}

// supplementItem is what an incomplete application lacks (第31条).
func (g *reconGen) supplementItem(c *reconCase) string {
	if c.act == "不履行法定职责" && g.R.Float64() < 0.6 {
		return omissionItem
	}
	return kit.OneOf(g.R, supplementItems)
}

// fates assigns n applications their screening fate by position: "" for accepted.
func (g *reconGen) fates(n int, counts map[string]int) []string {
	return kit.Place(g.R, n, []string{"不予受理", "受理前化解", "视为撤回"}, counts)
}

// plan admits c, redrawing the plan until its conclusion window within [from, to] is not empty.
func (g *reconGen) plan(c *reconCase, simpleOK bool, from, to calendar.Date) (lo, hi calendar.Date) {
	app := *c
	for range 100 {
		*c = app
		g.admit(c, simpleOK)
		lo, hi = g.window(c)
		lo, hi = kit.Later(lo, from), kit.Earlier(hi, to)
		if !lo.After(hi.AddDays(-2)) {
			if simpleOK {
				g.admitted++
				if c.procedure == "简易" {
					g.simplified++
				}
			}
			return lo, hi
		}
	}
	panic(fmt.Sprintf("demo: no workable plan for the case received %s", c.received))
}

// cohort generates the applications received in [from, to] and concludes every accepted one
// within [from, last].
func (g *reconGen) cohort(from, to, last calendar.Date, n int, counts map[string]int, simpleOK bool) []*reconCase {
	return g.receive(g.Workdays(from, to, n), counts, simpleOK, from, last, func(c *reconCase, lo, hi calendar.Date) {
		if !g.conclude(c, lo, hi) {
			panic("demo: empty conclusion window")
		}
	})
}

// receive draws the applications received on days, screens as many as counts says (fates) and
// plans the others within [from, last], handing each to planned.
func (g *reconGen) receive(days []calendar.Date, counts map[string]int, simpleOK bool, from, last calendar.Date,
	planned func(c *reconCase, lo, hi calendar.Date)) []*reconCase {
	fates := g.fates(len(days), counts)
	cs := make([]*reconCase, len(days))
	for i, day := range days {
		c := g.newCase(day)
		if cs[i] = c; fates[i] != "" {
			g.screen(c, fates[i])
		} else {
			lo, hi := g.plan(c, simpleOK, from, last)
			planned(c, lo, hi)
		}
	}
	return cs
}

var (
	jan2024 = calendar.MustParseDate("2024-01-01")
	dec2024 = calendar.MustParseDate("2024-12-31")
	jan2025 = calendar.MustParseDate("2025-01-01")
)

// year2024 generates exactly received2024 applications of which exactly target are concluded
// in 2024; the rest are concluded in 2025 by histEnd, except one still suspended.
//
// Each accepted case is planned first; its plan gives the span its conclusion can fall in.
// Cases whose span lies within 2024 conclude in 2024, those whose span lies after it in 2025;
// of the cases that could go either way, the ones concluded in 2024 are a draw weighted by how
// much of their span is in 2024, so that the total is exact.
func (g *reconGen) year2024(target int) []*reconCase {
	var planned []*reconCase
	cs := g.receive(g.Workdays(jan2024, dec2024, received2024), map[string]int{"不予受理": refused2024, "受理前化解": resolved2024,
		"视为撤回": withdrawn2024}, true, jan2024, histEnd, func(c *reconCase, _, _ calendar.Date) { planned = append(planned, c) })

	// The hearing of 24 June; one case both suspended and extended; and the case received last in
	// the year among those accepted and heard ordinarily, still suspended at histEnd, waiting for
	// another case (第39条第1款第8项).
	hc := g.observedHearingCase(cs)
	g.suspendAndExtend(cs, hc)
	plain := func(c *reconCase) bool {
		return c != hc && isDecision(c.outcome) && c.hearingOn.IsZero() && !c.late && c.extDays == 0 && c.suspended.IsZero()
	}
	// A handful decided late, as in any office's year, and a termination (第41条) among them.
	g.ensure(planned, 2, func(c *reconCase) bool { return c.late }, func(c *reconCase) bool {
		return plain(c) && g.due(c, true).Before(calendar.MustParseDate("2024-11-15"))
	}, func(c *reconCase) { c.late = true })
	g.ensure(planned, 1, func(c *reconCase) bool { return c.outcome == "终止" }, func(c *reconCase) bool {
		return plain(c) && c.resp.field == "公安" && c.act == "行政处罚"
	}, func(c *reconCase) { c.outcome, c.termGround = "终止", law.TerminationGrounds[3] })
	stuck := -1
	for i, c := range slices.Backward(planned) {
		if c != hc && c.procedure == "普通" && isDecision(c.outcome) && c.hearingOn.IsZero() && c.extDays == 0 {
			stuck = i
			c.resumed, c.late, c.outcome, c.suspGround = calendar.Date{}, false, "", law.SuspensionGrounds[7]
			c.suspended = g.WD(kit.Later(c.answered, jan2025), 3+g.R.IntN(4))
			c.timeline = true
			break
		}
	}
	if stuck < 0 {
		panic("demo: no case to leave suspended")
	}
	planned = slices.Delete(planned, stuck, stuck+1)
	spans := make([]kit.Span, len(planned))
	for i, c := range planned {
		lo, hi := g.window(c)
		spans[i] = kit.Span{Lo: kit.Later(lo, jan2024), Hi: kit.Earlier(hi, histEnd)}
	}
	// At least two days of a span in 2024 to conclude in it, three in 2025 (so that no case
	// straddles the new year's holiday).
	by2024, err := kit.Split(g.R, spans, dec2024, target, 2, 3)
	if err != nil {
		panic(err)
	}
	for i, c := range planned {
		lo, hi := spans[i].Lo, spans[i].Hi
		if by2024[i] {
			hi = kit.Earlier(hi, dec2024)
		} else {
			lo = kit.Later(lo, jan2025)
		}
		if !g.conclude(c, lo, hi) {
			panic(fmt.Sprintf("demo: case received %s cannot conclude in [%s, %s]", c.received, lo, hi))
		}
	}
	return cs
}

// ensure makes at least n of the planned cases satisfy has (kit.Ensure); too few eligible is a
// bug in the generator, said by kit.Recovered.
func (g *reconGen) ensure(cs []*reconCase, n int, has, eligible func(*reconCase) bool, set func(*reconCase)) {
	if err := kit.Ensure(g.R, cs, n, has, eligible, set); err != nil {
		panic(err)
	}
}

// observedHearingCase makes the 24 June hearing: an accepted ordinary case decided on the merits,
// with nothing else planned, whose answer was in before the notice had to go out.
func (g *reconGen) observedHearingCase(cs []*reconCase) *reconCase {
	lastNotice := g.WD(observedHearing, -5) // 第51条: notice at least 5 WD before
	best, ok := kit.Nearest(cs, calendar.MustParseDate("2024-05-08"), received, func(c *reconCase) bool {
		return c.acceptance == "受理" && c.procedure == "普通" && isDecision(c.outcome) && c.outcome != "驳回申请" &&
			c.suspended.IsZero() && c.extDays == 0 && c.hearingOn.IsZero() && !c.late &&
			c.answered.Before(lastNotice.AddDays(-3)) && !g.due(c, false).Before(g.WD(observedHearing, 5))
	})
	if !ok {
		panic("demo: no case for the 24 June hearing")
	}
	best.hearingOn = observedHearing
	best.hearingNote, _ = g.PickDay(g.WD(best.answered, 1), lastNotice, 1)
	best.observers = observerUnits
	return best
}

func received(c *reconCase) calendar.Date { return c.received }

// suspendAndExtend makes sure one 2024 case shows the whole course of 第39条 and 第62条: suspended,
// resumed, then extended, then decided. It takes the ordinary case received nearest 1 August
// that is decided on the merits with nothing else planned, and plans a suspension and an
// extension for it.
func (g *reconGen) suspendAndExtend(cs []*reconCase, not *reconCase) {
	c, ok := kit.Nearest(cs, calendar.MustParseDate("2024-08-01"), received, func(c *reconCase) bool {
		return c != not && c.acceptance == "受理" && c.procedure == "普通" && isDecision(c.outcome) && !c.mediationPause &&
			c.hearingOn.IsZero() && !c.late && c.received.Year() == 2024
	})
	if !ok {
		panic("demo: no case to suspend and extend")
	}
	if c.suspended.IsZero() {
		c.suspGround = law.SuspensionGrounds[7]
		c.suspended = g.WD(c.answered, 2)
		c.resumed = g.NextWorkday(c.suspended.AddDays(21))
	}
	c.extDays = 30
	period := g.due(c, false)
	c.extApproved, _ = g.PickDay(period.AddDays(-10), period.AddDays(-1), 1)
}

// openCases are the applications still being handled at histEnd, one or more in each stage, so
// that the deadlines page has reconsideration clocks running.
func (g *reconGen) openCases() []*reconCase {
	d := calendar.MustParseDate
	var cs []*reconCase
	add := func(received string) *reconCase {
		c := g.newCase(d(received))
		cs = append(cs, c)
		return c
	}
	// 审查中: received in the last days, the 5-WD review running.
	add("2025-03-26")
	add("2025-03-28")
	// 补正中: the applicant has 10 WD from the notice.
	c := add("2025-03-17")
	c.acceptance, c.suppRequested, c.suppItems = "补正中", d("2025-03-20"), supplementItems[1]
	// 审理中: answered and awaiting decision; copy sent and answer awaited; just accepted.
	c = add("2025-02-24")
	c.acceptance, c.accepted, c.procedure = "受理", d("2025-02-26"), "普通"
	c.copySent, c.answered = d("2025-03-04"), d("2025-03-14")
	// A technical case (第52条第2款第2项): the committee's opinion is in, the decision not yet.
	c.consultGround, c.opinionOn = law.ConsultationGrounds[1], d("2025-03-27")
	c.opinion = "委员会多数意见：检测报告的采样程序符合技术规范，被申请人认定事实清楚，建议维持"
	c = add("2025-03-19")
	c.act, c.resp, c.amount, c.onTheSpot, c.warning = "政府信息公开", departments[2], "", false, false
	c.acceptance, c.accepted, c.procedure, c.simpleGround = "受理", d("2025-03-21"), "简易", "政府信息公开"
	c.copySent = d("2025-03-25")
	c = add("2025-03-24")
	c.acceptance, c.accepted, c.procedure = "受理", d("2025-03-27"), "普通"
	// 中止: the parties are negotiating (第39条第1款第6项).
	c = add("2025-02-10")
	c.acceptance, c.accepted, c.procedure = "受理", d("2025-02-12"), "普通"
	c.copySent, c.answered = d("2025-02-18"), d("2025-02-28")
	c.suspended, c.suspGround = d("2025-03-10"), law.SuspensionGrounds[5]
	for _, c := range cs {
		c.timeline = true
	}
	return cs
}

// number gives each application its 编号 in order of receipt within its year, as the office's
// register does: 兴府复〔2024〕12号.
func numberCases(cs []*reconCase) {
	kit.Sequence(cs, received, nil, func(c *reconCase, y, n int) { c.code = fmt.Sprintf("兴府复〔%d〕%d号", y, n) })
}

// generateReconsiderations builds the whole ledger from r (from 9 October 2023 on) and r2023 (the
// applications received before), in order of receipt.
func generateReconsiderations(r, r2023 *rand.Rand, cal *calendar.Calendar) (cs []*reconCase, err error) {
	defer kit.Recovered("行政复议案件", &err)
	g := &reconGen{days: days{R: r, Cal: cal}, staff: distinctNames(r, 6)}
	// Late 2023, under the former law: no simplified procedure. Cases concluded in 2024 are the
	// carried-over part of 2024's 审结.
	old := g.cohort(calendar.MustParseDate("2023-10-09"), calendar.MustParseDate("2023-12-29"), dec2024,
		received2023Q4, map[string]int{"不予受理": 2, "受理前化解": 2}, false)
	carried := 0
	for _, c := range old {
		if c.closed.Year() == 2024 {
			carried++
		}
	}
	cs = append(old, g.year2024(concluded2024-carried)...)
	cs = append(cs, g.cohort(calendar.MustParseDate("2025-01-02"), calendar.MustParseDate("2025-02-14"), histEnd.AddDays(-3),
		received2025Q1, map[string]int{"不予受理": 1, "受理前化解": 1}, true)...)
	cs = append(cs, g.openCases()...)
	for _, c := range cs {
		g.finish(c)
	}
	early := &reconGen{days: days{R: r2023, Cal: cal}, staff: g.staff}
	cs = append(early.year2023(received2023-received2023Q4), cs...)
	numberCases(cs)
	g.fitStatute(cs, histEnd)
	g.pickTimelines(cs)
	return cs, nil
}

// lastSued2023 is the last day a case received before 9 October 2023 may be concluded and still
// be taken to court: a suit after a later decision would still be before the court in 2024, and
// 2024's suits are those of the seed scenario.
var lastSued2023 = calendar.MustParseDate("2023-08-31")

// year2023 generates the n applications received from the first working day of 2023 to 8
// October, all concluded within 2023 under the former law: no simplified procedure, a few
// hearings (第22条: the office may hear the parties), one of them before observers.
func (g *reconGen) year2023(n int) []*reconCase {
	from, to := calendar.MustParseDate("2023-01-03"), calendar.MustParseDate("2023-10-08")
	cs := g.cohort(from, to, calendar.MustParseDate("2023-12-29"), n,
		map[string]int{"不予受理": refused2023, "受理前化解": resolved2023}, false)
	// 实施条例第33条: major or complex cases may be heard. A hearing fits a case decided on the
	// merits with nothing else planned, whose decision came late enough after the answer for the
	// notice (5 WD, as the office gave before 第51条 required it) and two working days after.
	var fit []*reconCase
	for _, c := range cs {
		if c.acceptance == "受理" && isDecision(c.outcome) && c.outcome != "驳回申请" && c.suspended.IsZero() &&
			c.extDays == 0 && !c.late && !g.WD(g.WD(c.answered, 9), 2).After(c.closed) {
			fit = append(fit, c)
		}
	}
	if len(fit) < hearings2023 {
		panic("demo: too few 2023 cases to hear")
	}
	for k := range hearings2023 {
		i := g.R.IntN(len(fit))
		c := fit[i]
		fit = slices.Delete(fit, i, i+1)
		c.hearingNote = g.WD(c.answered, 1+g.R.IntN(3))
		c.hearingOn, _ = g.PickDay(g.WD(c.hearingNote, 5), g.WD(c.closed, -2), 2)
		if k == 0 {
			c.observers = kit.Shuffled(g.R, observerUnits)[:3]
		}
	}
	for _, c := range cs {
		c.early = true
		g.finish(c)
		if c.closed.After(lastSued2023) {
			c.sued = false
		}
	}
	return cs
}

// finish draws what follows the conclusion: a suit after the decision (第34条), and the hearing
// panels and observers.
func (g *reconGen) finish(c *reconCase) { g.finishBy(c, histEnd) }

// finishBy is finish for a ledger standing on asOf: only a decision some weeks old can have been
// taken to court by then.
func (g *reconGen) finishBy(c *reconCase, asOf calendar.Date) {
	if !c.closed.IsZero() && c.closed.Before(asOf.AddDays(-20)) {
		p := 0.0
		switch {
		case c.outcome == "维持" || c.outcome == "驳回复议请求" || c.outcome == "驳回申请":
			p = 0.17
		case slices.Contains(law.CorrectionOutcomes, c.outcome):
			p = 0.05
		}
		c.sued = g.R.Float64() < p
	}
	if !c.hearingOn.IsZero() {
		// 第51条: one presiding officer, two or more officers, one clerk.
		p := kit.Shuffled(g.R, g.staff)
		c.panel = []string{p[0] + "（主持人）", p[1] + "（听证员）", p[2] + "（听证员）", p[3] + "（记录员）"}
		if c.observers == nil && c.hearingOn.Year() == 2024 && g.R.Float64() < 0.5 {
			// Other 2024 hearings drew observers from the same units.
			c.observers = kit.Shuffled(g.R, observerUnits)[:1+g.R.IntN(3)]
		}
	}
}

// pickTimelines marks the 2024 cases entered step by step: one of each path through the
// statute, so that the timelines page shows each kind of step.
func (g *reconGen) pickTimelines(cs []*reconCase) {
	spring := calendar.MustParseDate("2024-03-01")
	paths := []func(c *reconCase) bool{
		func(c *reconCase) bool { return c.hearingOn.Equal(observedHearing) },
		func(c *reconCase) bool {
			return !c.resumed.IsZero() && !c.mediationPause && c.extDays > 0 && isDecision(c.outcome)
		},
		func(c *reconCase) bool { return c.extDays > 0 && c.suspended.IsZero() },
		func(c *reconCase) bool {
			return !c.resumed.IsZero() && !c.mediationPause && c.extDays == 0 && isDecision(c.outcome)
		},
		func(c *reconCase) bool { return !c.suppReceived.IsZero() && isDecision(c.outcome) },
		func(c *reconCase) bool { return c.procedure == "简易" && isDecision(c.outcome) && c.sued },
		func(c *reconCase) bool { return c.mediationPause && c.outcome == "调解" },
		func(c *reconCase) bool { return c.outcome == "和解撤回" && !c.mediationPause },
		func(c *reconCase) bool { return c.outcome == "撤回" },
		func(c *reconCase) bool { return c.outcome == "终止" },
		func(c *reconCase) bool { return c.acceptance == "不予受理" },
		func(c *reconCase) bool { return c.acceptance == "受理前化解" },
		func(c *reconCase) bool { return c.acceptance == "视为撤回" && c.suppExtDays > 0 },
		func(c *reconCase) bool { return c.closed.Year() == 2025 && isDecision(c.outcome) },
	}
	for _, path := range paths {
		// The first such case from March, else from January.
		var found *reconCase
		for _, c := range cs {
			if c.received.Year() == 2024 && !c.timeline && path(c) && (found == nil || found.received.Before(spring)) {
				found = c
				if !c.received.Before(spring) {
					break
				}
			}
		}
		if found != nil {
			found.timeline = true
		}
	}
}

// values is the record as the ledger holds it in the case's present state.
func (c *reconCase) values(org string) law.Values {
	v := kit.Fill(c.application(org), "acceptance", c.acceptance,
		"supplement_requested_on", c.suppRequested, "supplement_notice_received_on", c.suppNoticed,
		"supplement_extension_days", c.suppExtDays, "supplement_items", c.suppItems, "supplement_received_on", c.suppReceived,
		"acceptance_closed_on", c.acceptanceClosed, "refusal_reason", c.refusal, "accepted_on", c.accepted,
		"procedure", c.procedure, "simple_ground", c.simpleGround, "copy_sent_on", c.copySent,
		"copy_received_on", c.copyReceived, "answer_received_on", c.answered, "hearing_on", c.hearingOn,
		"hearing_notice_on", c.hearingNote, "consultation_ground", c.consultGround, "committee_opinion_on", c.opinionOn,
		"committee_opinion", c.opinion, "suspended_on", c.suspended, "extension_days", c.extDays,
		"extension_approved_on", c.extApproved, "closed_on", c.closed)
	if c.suppExtDays > 0 {
		v["supplement_extension_reason"] = c.suppExtReason
	}
	if !c.hearingOn.IsZero() {
		v["hearing"] = "是"
	}
	if !c.suspended.IsZero() {
		v["suspension_ground"] = c.suspGround
		kit.Fill(v, "resumed_on", c.resumed)
		v["suspensions"] = []string{c.suspended.String() + "~"}
		if !c.resumed.IsZero() {
			v["suspensions"] = []string{c.suspended.String() + "~" + c.resumed.AddDays(-1).String()}
		}
	}
	if c.extDays > 0 {
		v["extended"] = "是"
	}
	if !c.closed.IsZero() {
		kit.Fill(v, "outcome", c.outcome, "termination_ground", c.termGround)
		if c.outcome == "确认无效" {
			v["request_type"] = "确认无效" // 第67条: only on the applicant's request
		}
	}
	if c.sued {
		v["sued_after"] = "是"
	}
	return v
}

// application is the record as registered on receipt.
func (c *reconCase) application(org string) law.Values {
	return kit.Fill(law.Values{"code": c.code, "org": org, "received_on": c.received.String(), "application_form": c.form,
		"applicants": slices.Clone(c.applicants), "respondent": c.resp.name, "respondent_type": c.resp.typ,
		"act_type": c.act, "field": c.resp.field, "acceptance": "审查中"}, "applicant_phone", c.phone, "amount", c.amount)
}

// steps are the transitions that take a registered application to the case's present state, in
// the order of their dates.
func (c *reconCase) steps() []kit.Step {
	var t kit.Timeline
	t.Add(c.suppRequested, 0, "request_supplement", "supplement_requested_on", c.suppRequested, "supplement_items", c.suppItems)
	t.Add(c.suppNoticed, 0, "record_notice_receipt", "supplement_notice_received_on", c.suppNoticed)
	if c.suppExtDays > 0 {
		t.Add(c.suppNoticed.AddDays(3), 0, "extend_supplement", "supplement_extension_days", c.suppExtDays,
			"supplement_extension_reason", c.suppExtReason)
	}
	t.Add(c.suppReceived, 1, "supplement_received", "supplement_received_on", c.suppReceived)
	switch c.acceptance {
	case "不予受理":
		t.Add(c.acceptanceClosed, 2, "refuse", "acceptance_closed_on", c.acceptanceClosed, "refusal_reason", c.refusal)
	case "受理前化解":
		t.Add(c.acceptanceClosed, 2, "resolve_early", "acceptance_closed_on", c.acceptanceClosed)
	case "视为撤回":
		t.Add(c.acceptanceClosed, 2, "deem_withdrawn")
	}
	t.Add(c.accepted, 2, "accept", "accepted_on", c.accepted, "procedure", c.procedure, "simple_ground", c.simpleGround)
	t.Add(c.copySent, 3, "send_copy", "copy_sent_on", c.copySent)
	t.Add(c.copyReceived, 3, "record_copy_receipt", "copy_received_on", c.copyReceived)
	t.Add(c.answered, 4, "receive_answer", "answer_received_on", c.answered)
	t.Add(c.hearingNote, 5, "schedule_hearing", "hearing_on", c.hearingOn, "hearing_notice_on", c.hearingNote)
	t.Add(c.opinionOn, 6, "record_consultation", "consultation_ground", c.consultGround, "committee_opinion_on", c.opinionOn,
		"committee_opinion", c.opinion)
	t.Add(c.suspended, 6, "suspend", "suspended_on", c.suspended, "suspension_ground", c.suspGround)
	if !c.mediationPause {
		t.Add(c.resumed, 7, "resume", "resumed_on", c.resumed)
	}
	t.Add(c.extApproved, 8, "extend", "extension_days", c.extDays, "extension_approved_on", c.extApproved)
	ending := map[string]string{"调解": "mediate", "和解撤回": "settle", "撤回": "withdraw", "终止": "terminate"}[c.outcome]
	switch {
	case ending != "":
		t.Add(c.closed, 9, ending, "closed_on", c.closed, "termination_ground", c.termGround)
	default:
		t.Add(c.closed, 9, "decide", "closed_on", c.closed, "outcome", c.outcome)
	}
	if c.sued {
		// Registered when the court's summons arrives, some weeks after the decision.
		t.Add(c.closed.AddDays(20), 10, "record_suit")
	}
	return t.Sorted()
}

// hearingValues is the 复议听证 ledger line of a heard case.
func (c *reconCase) hearingValues(org, code string) law.Values {
	return kit.Fill(law.Values{"code": code, "org": org, "case": c.code, "held_on": c.hearingOn.String(),
		"panel": slices.Clone(c.panel)}, "observers", c.observers)
}

// hearings lists the heard cases whose hearing was held by asOf, numbered per year:
// 兴府复听〔2024〕3号.
func hearings(cs []*reconCase, org string, asOf calendar.Date) (out []law.Values) {
	heard := slices.DeleteFunc(slices.Clone(cs), func(c *reconCase) bool { return c.hearingOn.IsZero() || c.hearingOn.After(asOf) })
	kit.Sequence(heard, func(c *reconCase) calendar.Date { return c.hearingOn }, nil, func(c *reconCase, y, n int) {
		out = append(out, c.hearingValues(org, fmt.Sprintf("兴府复听〔%d〕%d号", y, n)))
	})
	return out
}

// row is the case's line for kit.Write: imported as it stands, or registered and taken through
// its steps.
func (c *reconCase) row(org string) kit.Row {
	row := kit.Row{Values: c.values(org), Stepwise: c.timeline}
	if c.timeline {
		row.First, row.Steps = c.application(org), c.steps()
	}
	return row
}
