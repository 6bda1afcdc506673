package law

import (
	"strconv"
	"strings"
)

// 行政规范性文件 — 国办发〔2018〕37号 (制定和监督管理) and 〔2018〕115号 (合法性审核机制); in
// Guangdong 粤府令第277号 (行政规范性文件管理规定), which covers the organs 县级以上 (第2–3条);
// 法规规章备案审查条例 (in force 2024-11-01) 第25条 leaves the filing of these documents to the
// provinces. The periods marked local are the deployment's to set (law.md).
var (
	normativeStates = []string{"起草中", "征求意见", "合法性审核", "集体审议", "有效", "已修改", "已废止", "已失效"}
	// CleanupConclusions are the outcomes of 清理 (37号: 定期清理、动态清理).
	CleanupConclusions = []string{"继续有效", "修改", "废止", "宣布失效"}
	filingResults      = []string{"审查中", "予以备案", "要求纠正", "不予备案"}
)

// NormativeFilingDays is the local default for 报送备案 after publication (law.md: 30 ND).
const NormativeFilingDays = 30

// TownIssuer is the flag of a document whose issuer is a 镇街: 粤府令第277号 covers 县级以上.
const TownIssuer = "制定机关为镇街（粤府令第277号第3条适用于县级以上人民政府及其部门）"

var normativeFlags = []Flag{
	{Field: "warnings", Label: TownIssuer, Test: func(v Values, _ Env) bool { return v.Str("issuer_type") == "镇街" }},
}

func cleanup(name, label, conclusion, to string) Transition {
	return Transition{Name: name, Label: label, From: []string{"有效"}, To: to,
		Inputs: []string{"cleanup_on", "cleanup_reason", "cleanup_campaign"}, Needs: []string{"cleanup_on", "cleanup_reason"},
		Sets: map[string]string{"cleanup_conclusion": conclusion}, Article: "国办发〔2018〕37号（定期清理、动态清理，清理结果向社会公布）"}
}

var NormativeDoc = register(&Kind{
	Name:     "normative_doc",
	Uploads:  "文件正文、起草说明、征求意见及采纳情况、合法性审核意见、集体审议纪要、备案报告",
	Label:    "行政规范性文件",
	Order:    4,
	Law:      "国办发〔2018〕37号；国办发〔2018〕115号；广东省行政规范性文件管理规定（粤府令第277号）",
	OrgField: "org",
	States:   normativeStates,
	Final:    []string{"已修改", "已废止", "已失效"},
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode, Help: "文号，如 兴市府规〔2024〕1号；起草中可填内部编号"},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "登记文件的单位（制定机关或其法制机构）"},
		{Key: "title", Label: "文件名称", Type: Text, Required: true},
		{Key: "issuer", Label: "制定机关", Type: Text, Required: true},
		{Key: "issuer_type", Label: "制定机关类别", Type: Enum, Required: true, Column: ColCategory, Values: IssuerTypes},
		{Key: "drafter", Label: "起草单位", Type: Text},
		{Key: "comment_from", Label: "征求意见开始", Type: Date},
		{Key: "comment_to", Label: "征求意见结束", Type: Date},
		{Key: "draft_text", Label: "征求意见稿", Type: Text, MaxLen: LongTextMaxLen, Help: "公开征求意见的文件草案全文，在公众意见页面公布"},
		{Key: "market", Label: "涉及市场主体", Type: Bool, Help: "涉及市场主体经济活动的，征求意见不少于30日"},
		{Key: "review_submitted_on", Label: "送审日期", Type: Date, Help: "送合法性审核之日"},
		{Key: "review_on", Label: "合法性审核日期", Type: Date},
		{Key: "review_opinion", Label: "审核意见", Type: Enum, Values: ReviewOpinions},
		{Key: "meeting", Label: "集体审议会议", Type: Text, Help: "如 市政府常务会议第25次"},
		{Key: "deliberated_on", Label: "集体审议日期", Type: Date},
		{Key: "published_on", Label: "公布日期", Type: Date, Column: ColOpened},
		{Key: "effective_on", Label: "施行日期", Type: Date},
		{Key: "filed_on", Label: "报送备案日期", Type: Date},
		{Key: "filing_result", Label: "备案审查结果", Type: Enum, Values: filingResults},
		{Key: "filing_result_on", Label: "备案审查结果日期", Type: Date},
		{Key: "valid_until", Label: "有效期至", Type: Date, Help: "一般不超过5年；暂行、试行的不超过2年"},
		{Key: "evaluated_on", Label: "到期评估日期", Type: Date, Help: "有效期届满前6个月内开展评估"},
		{Key: "status", Label: "状态", Type: Enum, Required: true, Column: ColStatus, Default: "起草中", Values: normativeStates},
		{Key: "cleanup_conclusion", Label: "清理结论", Type: Enum, Values: CleanupConclusions},
		{Key: "cleanup_on", Label: "清理日期", Type: Date, Column: ColClosed},
		{Key: "cleanup_reason", Label: "清理理由", Type: Text, MaxLen: LongTextMaxLen},
		{Key: "cleanup_campaign", Label: "清理活动", Type: Ref, RefKind: "normative_cleanup", Help: "所属的清理活动编号"},
		{Key: "warnings", Label: "办理提示", Type: List, Derived: true, Values: FlagLabels(normativeFlags, "warnings"),
			Help: "系统自动标注需要核实的情形，不影响保存，无需填写"},
	},
	Flags: normativeFlags,
	Comment: &PublicComment{States: []string{"征求意见"}, Title: "title", Draft: "draft_text", From: "comment_from", To: "comment_to",
		Article: "国办发〔2018〕37号（公开征求意见，及时反馈意见采纳情况）"},
	Transitions: []Transition{
		{Name: "open_comment", Label: "公开征求意见", From: []string{"起草中"}, To: "征求意见",
			Inputs: []string{"comment_from", "comment_to", "market", "draft_text"}, Needs: []string{"comment_from", "comment_to"},
			Article: "国办发〔2018〕37号（公开征求意见）"},
		{Name: "submit_review", Label: "送合法性审核", From: []string{"起草中", "征求意见"}, To: "合法性审核",
			Inputs: []string{"review_submitted_on"}, Needs: []string{"review_submitted_on"}, Article: "国办发〔2018〕115号"},
		{Name: "record_review", Label: "登记审核意见", From: []string{"合法性审核"},
			Inputs: []string{"review_on", "review_opinion"}, Needs: []string{"review_on", "review_opinion"}, Article: "国办发〔2018〕115号"},
		{Name: "deliberate", Label: "集体审议", From: []string{"合法性审核"}, To: "集体审议",
			Inputs: []string{"meeting", "deliberated_on"}, Needs: []string{"deliberated_on"},
			Article: "国办发〔2018〕37号（未经合法性审核或者经审核不合法的，不得提交集体审议）"},
		{Name: "publish", Label: "公布", From: []string{"集体审议"}, To: "有效",
			Inputs: []string{"published_on", "effective_on", "valid_until"}, Needs: []string{"published_on"},
			Article: "国办发〔2018〕37号（统一登记、统一编号、统一印发）"},
		{Name: "file", Label: "报送备案", From: []string{"有效"}, Inputs: []string{"filed_on"}, Needs: []string{"filed_on"},
			Sets: map[string]string{"filing_result": "审查中"}, Article: "粤府令第277号（公布后报送备案）"},
		{Name: "filing_decision", Label: "登记备案审查结果", From: []string{"有效"},
			Inputs: []string{"filing_result", "filing_result_on"}, Needs: []string{"filing_result", "filing_result_on"},
			Offers:  map[string][]string{"filing_result": {"予以备案", "要求纠正", "不予备案"}},
			Article: "国办发〔2018〕37号（有件必备、有备必审、有错必纠）"},
		{Name: "evaluate", Label: "到期前评估", From: []string{"有效"}, Inputs: []string{"evaluated_on"}, Needs: []string{"evaluated_on"},
			Article: "国办发〔2018〕37号（有效期届满前评估）"},
		cleanup("keep", "清理：继续有效", "继续有效", ""),
		cleanup("amend", "清理：修改", "修改", "已修改"),
		cleanup("repeal", "清理：废止", "废止", "已废止"),
		cleanup("declare_void", "清理：宣布失效", "宣布失效", "已失效"),
	},
	Clocks: []ClockRule{
		{ID: "normative.legality_review", Label: "合法性审核期限", Budget: 15, Unit: WorkingDays,
			Article:    "国办发〔2018〕115号（审核时间最长不超过15个工作日；地方可另定）",
			StartField: "review_submitted_on", StopField: "review_on"},
		{ID: "normative.filing", Label: "报送备案期限", Budget: NormativeFilingDays, Unit: NaturalDays,
			Article:    "粤府令第277号（公布之日起30日内报送备案；地方可另定）",
			StartField: "published_on", StopField: "filed_on"},
		// The reminder falls six months (183 days) before expiry: a period from publication that
		// ends there, stopped by the evaluation or by the document leaving force.
		{ID: "normative.expiry", Label: "到期评估提醒", Budget: 5*365 - 183, Unit: NaturalDays, Soft: true, Fixed: true, Lead: 90,
			Article:    "国办发〔2018〕37号（有效期届满前6个月评估；地方可另定）",
			StartField: "published_on", StopField: "evaluated_on",
			When:      func(v Values) bool { return v.Str("valid_until") > v.Str("published_on") },
			BudgetFor: func(v Values) int { return max(0, DaysBetween(v.Str("published_on"), v.Str("valid_until"))-183) },
			StopWhen:  func(v Values) bool { return v.Str("status") != "有效" }},
	},
	Checks: []Check{
		{Article: "日期先后", Test: normativeDateOrder},
		{Article: "国办发〔2018〕37号、115号（未经合法性审核或者经审核不合法的，不得提交集体审议）", Test: func(v Values) (string, string) {
			return collectiveGate(v, "deliberated_on", "集体审议日期", "review_on", "review_opinion")
		}},
		{Article: "征求意见期限（一般不少于7个工作日，涉及市场主体的不少于30日；地方可另定）", TestEnv: normativeCommentPeriod},
		{Article: "有效期（一般不超过5年，暂行、试行的不超过2年；地方可另定）", Test: normativeValidity},
		{Article: "清理结论", Test: normativeCleanup},
		{Article: "备案审查", Test: func(v Values) (string, string) {
			if v.Str("filing_result") != "" && v.Str("filed_on") == "" {
				return "filing_result", "尚未报送备案，不能填写备案审查结果"
			}
			if d := v.Str("filing_result_on"); d != "" && (v.Str("filing_result") == "" || v.Str("filing_result") == "审查中") {
				return "filing_result", "已填写备案审查结果日期，须选择予以备案、要求纠正或不予备案"
			}
			return "", ""
		}},
	},
})

// collectiveGate refuses a collective step (集体审议, 集体讨论) taken before a legality review,
// on the day of it, or after one that refused.
func collectiveGate(v Values, stepKey, stepLabel, reviewKey, opinionKey string) (string, string) {
	step := v.Str(stepKey)
	if step == "" {
		return "", ""
	}
	switch review := v.Str(reviewKey); {
	case review == "":
		return reviewKey, "未经合法性审查（审核），不得" + strings.TrimSuffix(stepLabel, "日期") + "：请先登记审查日期和意见"
	case review > step:
		return stepKey, stepLabel + "早于合法性审查（审核）日期"
	case v.Str(opinionKey) == "":
		return opinionKey, "合法性审查（审核）尚无意见，不得" + strings.TrimSuffix(stepLabel, "日期")
	case v.Str(opinionKey) == ReviewRefused:
		return opinionKey, "合法性审查（审核）意见为不同意，不得" + strings.TrimSuffix(stepLabel, "日期")
	}
	return "", ""
}

func normativeDateOrder(v Values) (string, string) {
	for _, o := range []DateOrder{
		{"comment_from", "comment_to", "征求意见结束早于开始"},
		{"review_submitted_on", "review_on", "合法性审核日期早于送审日期"},
		{"deliberated_on", "published_on", "公布日期早于集体审议日期"},
		{"published_on", "filed_on", "报送备案日期早于公布日期"},
		{"filed_on", "filing_result_on", "备案审查结果日期早于报送备案日期"},
		{"published_on", "valid_until", "有效期至早于公布日期"},
		{"published_on", "cleanup_on", "清理日期早于公布日期"},
	} {
		if a, b := v.Str(o.Before), v.Str(o.After); a != "" && b != "" && b < a {
			return o.After, o.Message
		}
	}
	return "", ""
}

func normativeCommentPeriod(v Values, env Env) (string, string) {
	from, to := v.Str("comment_from"), v.Str("comment_to")
	if from == "" || to == "" {
		return "", ""
	}
	if v.Str("market") == "是" {
		if DaysBetween(from, to)+1 < 30 {
			return "comment_to", "涉及市场主体的文件征求意见期限不少于30日"
		}
		return "", ""
	}
	if env.AddWorkdays == nil {
		return "", ""
	}
	// Seven working days counted from the first day: the last of them must not be after 结束.
	last, err := env.AddWorkdays(from, 6)
	if err == nil && to < last {
		return "comment_to", "征求意见期限不少于7个工作日"
	}
	return "", ""
}

func normativeValidity(v Values) (string, string) {
	until := v.Str("valid_until")
	start := v.Str("effective_on")
	if start == "" {
		start = v.Str("published_on")
	}
	if until == "" || start == "" {
		return "", ""
	}
	years := 5
	if title := v.Str("title"); strings.Contains(title, "暂行") || strings.Contains(title, "试行") {
		years = 2
	}
	// The same day n years on, compared as text (a 29 February start bounds at "…-02-29").
	y, err := strconv.Atoi(start[:4])
	if err != nil {
		return "", ""
	}
	if limit := strconv.Itoa(y+years) + start[4:]; until > limit {
		return "valid_until", "有效期超过" + strconv.Itoa(years) + "年"
	}
	return "", ""
}

func normativeCleanup(v Values) (string, string) {
	c := v.Str("cleanup_conclusion")
	if c == "" {
		if v.Str("cleanup_on") != "" {
			return "cleanup_conclusion", "已填写清理日期，须填写清理结论"
		}
		return "", ""
	}
	if v.Str("cleanup_on") == "" {
		return "cleanup_on", "已有清理结论，须填写清理日期"
	}
	want := map[string]string{"修改": "已修改", "废止": "已废止", "宣布失效": "已失效"}[c]
	if s := v.Str("status"); want != "" && s != want {
		return "status", "清理结论为" + c + "，状态应为" + want
	}
	return "", ""
}
