package law

import (
	"strconv"
	"strings"
)

// 公证 — 公证法 (2017年修正) 第25–34、39条; 公证程序规则 (司法部令第103号, 2020年修正); the
// ministry's 《公证办理提速清单（2024年版）》 for the shorter budgets of simple matters.

// NotaryRefusalGrounds are the grounds of 公证法第31条 on which a notary office refuses a matter.
var NotaryRefusalGrounds = []string{
	"（一）无民事行为能力人或者限制民事行为能力人没有监护人代理申请办理公证",
	"（二）当事人与申请公证的事项没有利害关系",
	"（三）申请公证的事项属专业技术鉴定、评估事项",
	"（四）当事人之间对申请公证的事项有争议",
	"（五）当事人虚构、隐瞒事实，或者提供虚假证明材料",
	"（六）当事人提供的证明材料不充分或者拒绝补充证明材料",
	"（七）申请公证的事项不真实、不合法",
	"（八）申请公证的事项违背社会公德",
	"（九）当事人拒绝按照规定支付公证费",
}

// NotarySuspensionReasons are the spans 公证法第30条 leaves out of the fifteen working days.
var NotarySuspensionReasons = []string{"补充证明材料", "核实有关情况", "不可抗力"}

// NotaryModes are the service modes of the seed report and the 提速清单.
var NotaryModes = []string{"一次办", "容缺办", "免费办", "上门办", "加急"}

var (
	notaryStages = []string{"已受理", "审查中", "中止", "已出证", "复查中", "不予办理", "终止"}
	notaryFinal  = []string{"已出证", "不予办理", "终止"}
)

var Notarization = register(&Kind{
	Name:      "notarization",
	Label:     "公证",
	Uploads:   "申请表、当事人身份证明、公证书的扫描件",
	Order:     60,
	Law:       "公证法（2017年修正）",
	OrgField:  "org",
	OrgTypes:  []string{"公证处"},
	States:    notaryStages,
	Final:     notaryFinal,
	LockFinal: true,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode, Help: "公证书编号，如（2024）粤梅兴宁第1234号；出证前可填受理编号"},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "公证机构（公证处）"},
		{Key: "accepted_on", Label: "受理日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "matter", Label: "公证事项", Type: Text, Required: true, Column: ColCategory, Help: "如 继承、委托、声明、学历、亲属关系、合同"},
		{Key: "applicants", Label: "申请人", Type: List},
		{Key: "foreign", Label: "涉外", Type: Bool},
		{Key: "use_place", Label: "使用地", Type: Text, Help: "涉外公证书的使用国家或地区"},
		{Key: "modes", Label: "办理方式", Type: List, Values: NotaryModes, Help: "可多选：一次办、容缺办、免费办、上门办、加急"},
		{Key: "speedup_days", Label: "提速时限", Type: Int,
			Help: "《公证办理提速清单（2024年版）》对该事项承诺的办结时限（工作日，如5或10）；空则只按法定15个工作日"},
		{Key: "notary", Label: "承办公证员", Type: Text},
		{Key: "state", Label: "状态", Type: Enum, Required: true, Default: "办理中", Values: []string{"办理中", "已出证", "不予办理", "终止"}},
		{Key: "stage", Label: "办理阶段", Type: Enum, Column: ColStatus, Values: notaryStages, Help: "留空时按状态、中止期间和复查情况推定"},
		{Key: "suspensions", Label: "中止期间", Type: Intervals, Help: "起日~止日，多段用；分隔；尚未恢复的写 起日~（公证法第30条：不计入办证期限）"},
		{Key: "suspension_reason", Label: "中止原因", Type: Enum, Values: NotarySuspensionReasons, Help: "公证法第30条"},
		{Key: "suspended_on", Label: "中止日期", Type: Date},
		{Key: "resumed_on", Label: "恢复办理日期", Type: Date},
		{Key: "missing_docs", Label: "容缺材料", Type: Text, Help: "容缺办：受理时暂缺、承诺补齐的材料"},
		{Key: "docs_completed_on", Label: "补齐日期", Type: Date, Help: "容缺材料补齐之日，不得晚于出证日期"},
		{Key: "visit_place", Label: "办理地点", Type: Text, Help: "上门办：上门办理的地点（医院、养老院、住所等）"},
		{Key: "fee", Label: "收费", Type: Money, Help: "元"},
		{Key: "waiver_basis", Label: "减免依据", Type: Text, Help: "免费办或减免公证费的依据（公证法第34条第2款：符合法律援助条件的当事人）"},
		{Key: "issued_on", Label: "出证日期", Type: Date, Column: ColClosed},
		{Key: "ended_on", Label: "办结日期", Type: Date, Help: "不予办理或终止公证之日"},
		{Key: "refusal_ground", Label: "不予办理事由", Type: Enum, Values: NotaryRefusalGrounds, Help: "公证法第31条"},
		{Key: "termination_reason", Label: "终止事由", Type: Text, Help: "如 当事人撤回公证申请、公证事项的利害关系人消亡"},
		{Key: "review_applied_on", Label: "复查申请日期", Type: Date, Help: "公证法第39条：认为公证书有错误的，可以向出具该公证书的公证机构提出复查"},
		{Key: "review_result", Label: "复查结果", Type: Enum, Values: []string{"维持", "更正", "撤销"}, Help: "公证法第39条：有错误的予以撤销或者更正"},
		{Key: "review_decided_on", Label: "复查决定日期", Type: Date},
	},
	Normalize: normalizeNotarization,
	Transitions: []Transition{
		{Name: "start_review", Label: "开始审查", From: []string{"已受理"}, To: "审查中", Article: "公证法第28条（根据不同公证事项的办证规则分别审查）"},
		{Name: "suspend", Label: "中止办理", From: []string{"已受理", "审查中"}, To: "中止",
			Inputs: []string{"suspended_on", "suspension_reason"}, Needs: []string{"suspended_on", "suspension_reason"},
			Article: "公证法第30条（补充证明材料、核实有关情况或者不可抗力所需时间不计算在期限内）", Apply: onValues(openSuspension)},
		{Name: "resume", Label: "恢复办理", From: []string{"中止"}, To: "审查中",
			Inputs: []string{"resumed_on"}, Needs: []string{"resumed_on"}, Article: "公证法第30条", Apply: onValues(closeSuspension)},
		{Name: "issue", Label: "出具公证书", From: []string{"已受理", "审查中"}, To: "已出证",
			Inputs: []string{"issued_on", "docs_completed_on"}, Needs: []string{"issued_on"},
			Article: "公证法第30条（受理之日起十五个工作日内出具公证书）"},
		{Name: "refuse", Label: "不予办理", From: []string{"已受理", "审查中", "中止"}, To: "不予办理",
			Inputs: []string{"ended_on", "refusal_ground"}, Needs: []string{"ended_on", "refusal_ground"},
			Article: "公证法第31条", Apply: onValues(endNotarySuspension)},
		{Name: "terminate", Label: "终止公证", From: []string{"已受理", "审查中", "中止"}, To: "终止",
			Inputs: []string{"ended_on", "termination_reason"}, Needs: []string{"ended_on", "termination_reason"},
			Article: "公证程序规则（终止公证的情形）", Apply: onValues(endNotarySuspension)},
		{Name: "apply_review", Label: "受理复查申请", From: []string{"已出证"}, To: "复查中",
			Inputs: []string{"review_applied_on"}, Needs: []string{"review_applied_on"}, Article: "公证法第39条"},
		{Name: "decide_review", Label: "作出复查决定", From: []string{"复查中"}, To: "已出证",
			Inputs: []string{"review_decided_on", "review_result"}, Needs: []string{"review_decided_on", "review_result"},
			Article: "公证法第39条（公证书有错误的，公证机构应当撤销或者更正）"},
	},
	Clocks: []ClockRule{
		{ID: "notary.issue", Label: "出证期限", Budget: 15, Unit: WorkingDays,
			Article:    "公证法第30条（受理之日起十五个工作日内；因不可抗力、补充证明材料或者需要核实有关情况的，所需时间不计算在期限内）",
			StartField: "accepted_on", StopAt: notaryEnded, SuspensionsField: "suspensions"},
		// The speed-up list promises 5 or 10 WD for simple matters. It is practice, not statute
		// (Soft), and each office's list is its own: the record carries the promise it made.
		{ID: "notary.speedup", Label: "提速承诺时限", Budget: 10, Unit: WorkingDays, Soft: true,
			Article:    "《公证办理提速清单（2024年版）》（简易事项5或10个工作日内出证）",
			StartField: "accepted_on", StopAt: notaryEnded, SuspensionsField: "suspensions",
			When: func(v Values) bool { return speedupDays(v) > 0 }, BudgetFor: speedupDays},
	},
	Checks: []Check{
		{Article: "受理在先", Test: func(v Values) (string, string) {
			for _, d := range []struct{ key, label string }{{"issued_on", "出证日期"}, {"ended_on", "办结日期"},
				{"docs_completed_on", "补齐日期"}, {"suspended_on", "中止日期"}} {
				if day := v.Str(d.key); day != "" && day < v.Str("accepted_on") {
					return d.key, d.label + "早于受理日期"
				}
			}
			return "", ""
		}},
		{Article: "公证法第31条", Test: func(v Values) (string, string) {
			if v.Str("stage") == "不予办理" && v.Str("refusal_ground") == "" {
				return "refusal_ground", "不予办理须写明第31条规定的事由"
			}
			return "", ""
		}},
		{Article: "公证程序规则（终止公证）", Test: func(v Values) (string, string) {
			if v.Str("stage") == "终止" && v.Str("termination_reason") == "" {
				return "termination_reason", "终止公证须写明终止事由"
			}
			return "", ""
		}},
		{Article: "《公证办理提速清单（2024年版）》容缺受理", Test: func(v Values) (string, string) {
			if !hasMode(v, "容缺办") {
				return "", ""
			}
			if v.Str("missing_docs") == "" {
				return "missing_docs", "办理方式含容缺办，须写明容缺材料"
			}
			issued, done := v.Str("issued_on"), v.Str("docs_completed_on")
			if issued != "" && done == "" {
				return "docs_completed_on", "容缺办已出证，须填写容缺材料的补齐日期"
			}
			if issued != "" && done > issued {
				return "docs_completed_on", "补齐日期晚于出证日期：容缺材料应在出证前补齐"
			}
			return "", ""
		}},
		{Article: "《公证办理提速清单（2024年版）》上门办", Test: func(v Values) (string, string) {
			if hasMode(v, "上门办") && v.Str("visit_place") == "" {
				return "visit_place", "办理方式含上门办，须填写办理地点"
			}
			return "", ""
		}},
		{Article: "公证法第34条第2款", Test: func(v Values) (string, string) {
			if hasMode(v, "免费办") && v.Str("waiver_basis") == "" {
				return "waiver_basis", "办理方式含免费办，须写明减免依据"
			}
			return "", ""
		}},
		{Article: "公证法第39条", Test: func(v Values) (string, string) {
			if v.Str("review_applied_on") != "" && v.Str("issued_on") == "" {
				return "review_applied_on", "尚未出具公证书，不能申请复查"
			}
			if v.Str("review_result") != "" && v.Str("review_applied_on") == "" {
				return "review_result", "没有复查申请日期，不能填写复查结果"
			}
			return "", ""
		}},
		{Article: "提速清单时限", Test: func(v Values) (string, string) {
			if s := v.Str("speedup_days"); s != "" && (speedupDays(v) < 1 || speedupDays(v) > 15) {
				return "speedup_days", "提速时限应为1至15个工作日（法定期限为15个工作日）"
			}
			return "", ""
		}},
	},
})

// notaryEnded is the day the office finished with the matter: the certificate, or the refusal
// or termination.
func notaryEnded(v Values) string {
	if d := v.Str("issued_on"); d != "" {
		return d
	}
	return v.Str("ended_on")
}

func speedupDays(v Values) int {
	n, err := strconv.Atoi(strings.TrimSpace(v.Str("speedup_days")))
	if err != nil {
		return 0
	}
	return n
}

func hasMode(v Values, mode string) bool {
	modes, _ := v["modes"].([]string)
	return contains(modes, mode)
}

// endNotarySuspension closes a suspension still open when the matter is refused or terminated.
func endNotarySuspension(v Values) string {
	if !hasOpenInterval(v) {
		return ""
	}
	if v.Str("ended_on") <= openIntervalStart(v) {
		return "办结日期应晚于中止日期"
	}
	v["resumed_on"] = v.Str("ended_on")
	return closeSuspension(v)
}

func openIntervalStart(v Values) string {
	for _, it := range intervals(v) {
		if from, ok := strings.CutSuffix(it, "~"); ok {
			return from
		}
	}
	return ""
}

// normalizeNotarization keeps the ledger's 状态 and the stage in step: a stage given wins (the
// record was moved by its steps); a ledger that has only 状态 gets the stage it implies.
func normalizeNotarization(v Values) {
	stage := v.Str("stage")
	if stage == "" {
		switch state := v.Str("state"); state {
		case "", "办理中":
			stage = "已受理"
			if hasOpenInterval(v) {
				stage = "中止"
			}
		case "已出证":
			stage = "已出证"
			if v.Str("review_applied_on") != "" && v.Str("review_result") == "" {
				stage = "复查中"
			}
		default:
			stage = state
		}
		v["stage"] = stage
	}
	switch stage {
	case "已出证", "复查中":
		v["state"] = "已出证"
	case "不予办理", "终止":
		v["state"] = stage
	default:
		v["state"] = "办理中"
	}
}
