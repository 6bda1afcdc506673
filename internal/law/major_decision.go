package law

import "strconv"

// 重大行政决策 — 重大行政决策程序暂行条例 (国务院令第713号, in force 2019-09-01). Before a
// decision: 公众参与 (第14–18条), 专家论证 where the matter is 专业性、技术性较强 (第19条), 风险
// 评估 where it may harm 社会稳定、公共安全 (第22条), 合法性审查 (第24–28条) and 集体讨论决定
// (第30条). The rules that gate 集体讨论 are Checks, so the form, the API and a ledger import
// refuse alike, naming the article. Township governments and departments follow it "参照"
// (第42条).
var (
	decisionStates = []string{"启动", "公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论", "已决定", "已公布", "停止执行"}
	// DecisionMeetings are the meetings 第30条 allows (a department's 领导班子会议 when it
	// follows the 条例, 第42条).
	DecisionMeetings = []string{"常务会议", "全体会议", "部门领导班子会议"}
	decisionTypes    = []string{
		"（一）公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施",
		"（二）经济和社会发展等方面的重要规划",
		"（三）开发利用、保护重要自然资源和文化资源的重大公共政策和措施",
		"（四）决定在本行政区域实施的重大公共建设项目",
		"（五）对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项",
	}
)

// DecisionCommentDays is 第15条's minimum: 公开征求意见的期限一般不少于30日.
const DecisionCommentDays = 30

// Flags of a decision kept with it (law.md "Refuse or flag").
const (
	ShortReview   = "合法性审查时间少于7个工作日（第26条：一般不少于7个工作日）"
	NoCounsel     = "合法性审查未记录法律顾问或者公职律师意见（第28条）"
	LateParty     = "党委请示报告晚于公布（第31条）"
	NotArchived   = "已公布未登记归档（第33条）"
	decisionFlagF = "warnings"
)

var decisionFlags = []Flag{
	{Field: decisionFlagF, Label: ShortReview, Test: func(v Values, env Env) bool {
		from, to := v.Str("review_submitted_on"), v.Str("review_on")
		if from == "" || to == "" || env.AddWorkdays == nil {
			return false
		}
		last, err := env.AddWorkdays(from, 7)
		return err == nil && to < last
	}},
	{Field: decisionFlagF, Label: NoCounsel, Test: func(v Values, _ Env) bool {
		return v.Str("review_on") != "" && v.Str("counsel_opinion") == ""
	}},
	{Field: decisionFlagF, Label: LateParty, Test: func(v Values, _ Env) bool {
		p, pub := v.Str("party_reported_on"), v.Str("published_on")
		return p != "" && pub != "" && p > pub
	}},
	{Field: decisionFlagF, Label: NotArchived, Test: func(v Values, _ Env) bool {
		return v.Str("published_on") != "" && v.Str("archived_on") == ""
	}},
}

var MajorDecision = register(&Kind{
	Name:     "major_decision",
	Uploads:  "决策草案、公众参与和专家论证材料、风险评估报告、合法性审查意见、集体讨论纪要、后评估报告",
	Label:    "重大行政决策",
	Order:    5,
	Law:      "重大行政决策程序暂行条例（国务院令第713号）",
	OrgField: "org",
	States:   decisionStates,
	Final:    []string{"已公布", "停止执行"},
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "决策机关（或登记决策的单位）"},
		{Key: "matter", Label: "决策事项", Type: Text, Required: true},
		{Key: "undertaker", Label: "承办单位", Type: Text, Required: true},
		{Key: "matter_type", Label: "事项类型", Type: Enum, Column: ColCategory, Values: decisionTypes, Help: "第3条第1款"},
		{Key: "catalog_year", Label: "目录年度", Type: Int},
		{Key: "in_catalog", Label: "是否目录事项", Type: Bool},
		{Key: "started_on", Label: "启动日期", Type: Date, Column: ColOpened, Help: "第10条"},
		{Key: "draft_text", Label: "决策草案", Type: Text, MaxLen: LongTextMaxLen, Help: "公开征求意见的决策草案及其说明（第15条），在公众意见页面公布"},
		{Key: "comment_from", Label: "公众参与开始", Type: Date, Help: "公开征求意见的开始日期（第15条）"},
		{Key: "comment_to", Label: "公众参与结束", Type: Date},
		{Key: "shorten_reason", Label: "缩短理由", Type: Text, Help: "第15条：因情况紧急等原因缩短征求意见期限的，应当予以说明"},
		{Key: "hearing_on", Label: "听证会日期", Type: Date},
		{Key: "hearing_materials_on", Label: "听证材料送达日期", Type: Date, Help: "第16条：至少在听证会召开7日前送达"},
		{Key: "expert_required", Label: "需专家论证", Type: Bool, Help: "第19条：专业性、技术性较强的决策事项"},
		{Key: "expert_on", Label: "专家论证日期", Type: Date},
		{Key: "risk_required", Label: "需风险评估", Type: Bool, Help: "第22条：可能对社会稳定、公共安全等方面造成不利影响的"},
		{Key: "risk_on", Label: "风险评估日期", Type: Date},
		{Key: "assessor", Label: "论证评估单位", Type: Text, Help: "决策前承担主要论证评估工作的单位（第36条：不得承担后评估）"},
		{Key: "review_submitted_on", Label: "合法性审查送审日期", Type: Date},
		{Key: "review_on", Label: "合法性审查日期", Type: Date, Help: "合法性审查意见出具之日"},
		{Key: "review_conclusion", Label: "合法性审查结论", Type: Enum, Values: ReviewOpinions},
		{Key: "counsel_opinion", Label: "法律顾问意见", Type: Text, MaxLen: LongTextMaxLen, Help: "第28条：法律顾问、公职律师的意见"},
		{Key: "meeting_type", Label: "会议类型", Type: Enum, Values: DecisionMeetings, Help: "第30条"},
		{Key: "discussed_on", Label: "集体讨论日期", Type: Date, RequiredUnlessStatus: decisionStates[:5]},
		{Key: "dissent", Label: "不同意见", Type: Text, MaxLen: LongTextMaxLen, Help: "第30条：集体讨论情况和决定应当如实记录，不同意见应当如实载明"},
		{Key: "against_majority", Label: "首长决定与多数意见不一致", Type: Bool},
		{Key: "head_reason", Label: "首长说明理由", Type: Text, MaxLen: LongTextMaxLen, Help: "第30条：行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当在会上说明理由"},
		{Key: "party_reported_on", Label: "党委请示日期", Type: Date, Help: "第31条"},
		{Key: "decided_on", Label: "决定日期", Type: Date, Column: ColClosed, RequiredUnlessStatus: decisionStates[:6]},
		{Key: "published_on", Label: "公布日期", Type: Date},
		{Key: "publish_route", Label: "公布途径", Type: Enum, Values: []string{"政府公报", "政府网站", "本地报纸"}, Help: "第32条"},
		{Key: "archived_on", Label: "归档日期", Type: Date, Help: "第33条"},
		{Key: "stopped_on", Label: "停止执行日期", Type: Date, Help: "第37条"},
		{Key: "post_evaluated_on", Label: "后评估日期", Type: Date},
		{Key: "evaluator", Label: "后评估单位", Type: Text},
		{Key: "evaluation_conclusion", Label: "后评估结论", Type: Text, MaxLen: LongTextMaxLen},
		{Key: "stage", Label: "办理阶段", Type: Enum, Column: ColStatus, Values: decisionStates, Help: "留空时按已填写的日期推定"},
		{Key: "warnings", Label: "程序提示", Type: List, Derived: true, Values: FlagLabels(decisionFlags, decisionFlagF),
			Help: "系统自动标注需要核实的情形，不影响保存，无需填写"},
	},
	Flags:     decisionFlags,
	Normalize: normalizeDecision,
	// 第15条: 公布决策草案及其说明等材料，明确提出意见的方式和期限; 第17条: 对社会各方面提出的
	// 意见进行归纳整理、研究论证，充分采纳合理意见.
	Comment: &PublicComment{States: []string{"公众参与"}, Title: "matter", Draft: "draft_text", From: "comment_from", To: "comment_to",
		Article: "国务院令第713号第15条、第17条"},
	Transitions: []Transition{
		{Name: "public_participation", Label: "公开征求意见", From: []string{"启动"}, To: "公众参与",
			Inputs: []string{"comment_from", "comment_to", "shorten_reason", "hearing_on", "hearing_materials_on", "draft_text"},
			Needs:  []string{"comment_from", "comment_to"}, Article: "国务院令第713号第14–16条"},
		// The procedures follow 第9条's order here: public participation first, which every
		// decision needs (第14条), then expert argument and risk assessment where required.
		{Name: "expert_argument", Label: "专家论证", From: []string{"公众参与"}, To: "专家论证",
			Inputs: []string{"expert_on", "assessor"}, Needs: []string{"expert_on"}, Sets: map[string]string{"expert_required": "是"},
			Article: "国务院令第713号第19条"},
		{Name: "risk_assessment", Label: "风险评估", From: []string{"公众参与", "专家论证"}, To: "风险评估",
			Inputs: []string{"risk_on", "assessor"}, Needs: []string{"risk_on"}, Sets: map[string]string{"risk_required": "是"},
			Article: "国务院令第713号第22条"},
		{Name: "submit_review", Label: "送合法性审查", From: []string{"公众参与", "专家论证", "风险评估"}, To: "合法性审查",
			Inputs: []string{"review_submitted_on"}, Needs: []string{"review_submitted_on"}, Article: "国务院令第713号第24条"},
		{Name: "record_review", Label: "登记合法性审查意见", From: []string{"合法性审查"},
			Inputs: []string{"review_on", "review_conclusion", "counsel_opinion"}, Needs: []string{"review_on", "review_conclusion"},
			Article: "国务院令第713号第27–28条"},
		{Name: "discuss", Label: "提交集体讨论", From: []string{"合法性审查"}, To: "集体讨论",
			Inputs: []string{"discussed_on", "meeting_type", "dissent", "against_majority", "head_reason"},
			Needs:  []string{"discussed_on", "meeting_type"}, Article: "国务院令第713号第25条、第30条"},
		{Name: "decide", Label: "作出决定", From: []string{"集体讨论"}, To: "已决定",
			Inputs: []string{"decided_on", "party_reported_on"}, Needs: []string{"decided_on"}, Article: "国务院令第713号第30–31条"},
		{Name: "publish", Label: "公布决策", From: []string{"已决定"}, To: "已公布",
			Inputs: []string{"published_on", "publish_route"}, Needs: []string{"published_on", "publish_route"}, Article: "国务院令第713号第32条"},
		{Name: "archive", Label: "归档", From: []string{"已决定", "已公布"}, Inputs: []string{"archived_on"}, Needs: []string{"archived_on"},
			Article: "国务院令第713号第33条"},
		{Name: "post_evaluate", Label: "决策后评估", From: []string{"已公布"},
			Inputs: []string{"post_evaluated_on", "evaluator", "evaluation_conclusion"}, Needs: []string{"post_evaluated_on", "evaluator"},
			Article: "国务院令第713号第36条"},
		{Name: "stop", Label: "停止执行", From: []string{"已公布"}, To: "停止执行",
			Inputs: []string{"stopped_on"}, Needs: []string{"stopped_on"}, Article: "国务院令第713号第37条"},
	},
	Checks: []Check{
		{Article: "国务院令第713号第15条", Test: decisionPublicComment},
		{Article: "国务院令第713号第19条", Test: func(v Values) (string, string) {
			return requiredBefore(v, "expert_required", "expert_on", "专业性、技术性较强的决策事项，集体讨论前须完成专家论证")
		}},
		{Article: "国务院令第713号第22条", Test: func(v Values) (string, string) {
			return requiredBefore(v, "risk_required", "risk_on", "可能影响社会稳定、公共安全的决策事项，集体讨论前须完成风险评估")
		}},
		{Article: "国务院令第713号第25条", Test: func(v Values) (string, string) {
			return collectiveGate(v, "discussed_on", "集体讨论日期", "review_on", "review_conclusion")
		}},
		{Article: "国务院令第713号第30条", Test: decisionMeeting},
		{Article: "国务院令第713号第36条", Test: func(v Values) (string, string) {
			if e := v.Str("evaluator"); e != "" && e == v.Str("assessor") {
				return "evaluator", "决策作出前承担主要论证评估工作的单位不得承担后评估"
			}
			return "", ""
		}},
		{Article: "日期先后", Test: decisionDateOrder},
	},
})

// decisionPublicComment: the comment period is complete before 集体讨论 and runs at least
// thirty days, unless a reason for shortening it is recorded (第15条).
func decisionPublicComment(v Values) (string, string) {
	from, to := v.Str("comment_from"), v.Str("comment_to")
	if from != "" && to != "" && to < from {
		return "comment_to", "公众参与结束早于开始"
	}
	if v.Str("discussed_on") == "" {
		return "", ""
	}
	if from == "" {
		return "comment_from", "集体讨论前须登记公众参与（公开征求意见）的开始日期"
	}
	if to == "" {
		return "comment_to", "集体讨论前须登记公众参与（公开征求意见）的结束日期"
	}
	if days := DaysBetween(from, to) + 1; days < DecisionCommentDays && v.Str("shorten_reason") == "" {
		return "shorten_reason", "公开征求意见期限为" + strconv.Itoa(days) + "日，少于30日，须填写缩短理由"
	}
	if to > v.Str("discussed_on") {
		return "comment_to", "公众参与结束晚于集体讨论日期"
	}
	return "", ""
}

// requiredBefore: where the matter needs a procedure, its date is set and not after 集体讨论.
func requiredBefore(v Values, flag, date, message string) (string, string) {
	d := v.Str("discussed_on")
	if d == "" || v.Str(flag) != "是" {
		return "", ""
	}
	if on := v.Str(date); on == "" || on > d {
		return date, message
	}
	return "", ""
}

func decisionMeeting(v Values) (string, string) {
	if v.Str("discussed_on") != "" && v.Str("meeting_type") == "" {
		return "meeting_type", "集体讨论须记录会议类型（常务会议或者全体会议）"
	}
	if v.Str("against_majority") == "是" && v.Str("head_reason") == "" {
		return "head_reason", "行政首长的决定与多数人意见不一致的，须记录其说明的理由"
	}
	return "", ""
}

func decisionDateOrder(v Values) (string, string) {
	for _, o := range []DateOrder{
		{"review_submitted_on", "review_on", "合法性审查日期早于送审日期"},
		{"discussed_on", "decided_on", "决定日期早于集体讨论日期"},
		{"decided_on", "published_on", "公布日期早于决定日期"},
		{"decided_on", "post_evaluated_on", "后评估日期早于决定日期"},
		{"published_on", "stopped_on", "停止执行日期早于公布日期"},
	} {
		if a, b := v.Str(o.Before), v.Str(o.After); a != "" && b != "" && b < a {
			return o.After, o.Message
		}
	}
	if v.Str("decided_on") != "" && v.Str("discussed_on") == "" {
		return "discussed_on", "重大行政决策须经集体讨论决定（第30条），请填写集体讨论日期"
	}
	return "", ""
}

// normalizeDecision gives a ledger row without a stage the one its dates reach.
func normalizeDecision(v Values) {
	if v.Str("stage") != "" {
		return
	}
	stage := "启动"
	for _, s := range []struct{ key, stage string }{
		{"comment_from", "公众参与"}, {"expert_on", "专家论证"}, {"risk_on", "风险评估"}, {"review_submitted_on", "合法性审查"},
		{"review_on", "合法性审查"}, {"discussed_on", "集体讨论"}, {"decided_on", "已决定"}, {"published_on", "已公布"}, {"stopped_on", "停止执行"},
	} {
		if v.Str(s.key) != "" {
			stage = s.stage
		}
	}
	v["stage"] = stage
}

// 重大行政决策事项目录 — 第3条第3款: 决策机关应当根据本条第一款的规定，结合职责权限和本地实际，
// 确定决策事项目录、标准，经同级党委同意后向社会公布，并根据实际情况调整.
var DecisionCatalog = register(&Kind{
	Name:     "decision_catalog",
	Uploads:  "决策事项目录、党委同意的文件、公布截图",
	Label:    "重大行政决策事项目录",
	Order:    6,
	Law:      "重大行政决策程序暂行条例（国务院令第713号）第3条第3款",
	OrgField: "org",
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode, Help: "目录的文号"},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "决策机关"},
		{Key: "year", Label: "年度", Type: Int, Required: true},
		{Key: "title", Label: "目录名称", Type: Text, Help: "如《兴宁市2024年重大行政决策目录》"},
		{Key: "items", Label: "事项数", Type: Int, Required: true},
		{Key: "party_agreed_on", Label: "党委同意日期", Type: Date},
		{Key: "published_on", Label: "公布日期", Type: Date, Column: ColOpened},
		{Key: "publish_route", Label: "公布途径", Type: Text, Help: "如 市政府门户网站"},
	},
	Checks: []Check{
		{Article: "国务院令第713号第3条第3款（经同级党委同意后向社会公布）", Test: func(v Values) (string, string) {
			if p := v.Str("published_on"); p != "" {
				if a := v.Str("party_agreed_on"); a == "" || a > p {
					return "published_on", "目录须经同级党委同意后公布：请填写不晚于公布日期的党委同意日期"
				}
			}
			return "", ""
		}},
		{Article: "事项数为正整数", Test: func(v Values) (string, string) {
			if n := v.Str("items"); n != "" && (n == "0" || n[0] == '-') {
				return "items", "事项数应为正整数"
			}
			return "", ""
		}},
	},
})
