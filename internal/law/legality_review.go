package law

// 合法性审查 — the 司法局's review of the documents and decisions a government takes: 重大行政
// 决策 under 国务院令第713号 第24–28条 (the reviewer is given no less than seven working days,
// 第26条; materials may be returned or completed, 第26条第1款), 行政规范性文件 under 国办发
// 〔2018〕37号 and 〔2018〕115号 (合法性审核, a local period of 5 to 15 working days), and the
// 一般政策性文件 and 行政协议 the office reviews under its own rules. The review is its own
// record; the document or decision reviewed keeps the review's date and conclusion, which gate
// its collective step (normative_doc, major_decision).

// ReviewOpinions are the conclusions a review ends in.
var ReviewOpinions = []string{"同意", "修改后同意", "不同意"}

// ReviewRefused is the opinion that blocks the collective step (第25条第2款; 37号).
const ReviewRefused = "不同意"

// IssuerTypes are the issuers of 行政规范性文件 (ledgers.md 制定机关类别).
var IssuerTypes = []string{"市政府", "县政府", "区政府", "政府部门", "镇街"}

var LegalityReview = register(&Kind{
	Name:      "legality_review",
	Uploads:   "送审函、送审稿及起草说明、合法性审查意见书",
	Label:     "合法性审查",
	Order:     3,
	Law:       "重大行政决策程序暂行条例（国务院令第713号）第24–28条；国办发〔2018〕37号、〔2018〕115号",
	OrgField:  "org",
	States:    []string{"收文", "审查中", "补充材料", "办结"},
	Final:     []string{"办结"},
	LockFinal: true,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "承担合法性审查的机构（司法局）"},
		{Key: "received_on", Label: "收文日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "submitter", Label: "送审单位", Type: Text, Required: true},
		{Key: "title", Label: "文件名称", Type: Text, Required: true},
		{Key: "doc_type", Label: "文件类别", Type: Enum, Required: true, Column: ColCategory,
			Values: []string{"行政规范性文件", "重大行政决策", "一般政策性文件", "行政协议合同", "其他"}},
		{Key: "issuer_type", Label: "制定机关类别", Type: Enum, Values: IssuerTypes,
			Help: "文件类别为行政规范性文件时必填：被审查文件的制定机关类别（按此统计审查办结的市政府、部门规范性文件）"},
		{Key: "normative_doc", Label: "审查的规范性文件", Type: Ref, RefKind: "normative_doc", Help: "行政规范性文件台账中的文号"},
		{Key: "decision", Label: "审查的重大行政决策", Type: Ref, RefKind: "major_decision", Help: "重大行政决策台账中的编号"},
		{Key: "stage", Label: "办理阶段", Type: Enum, Column: ColStatus, Values: []string{"收文", "审查中", "补充材料", "办结"},
			Help: "留空时按办结日期推定"},
		{Key: "suspended_on", Label: "要求补充材料日期", Type: Date, Help: "第26条第1款：送审材料不符合要求的，可以退回或者要求补充"},
		{Key: "resumed_on", Label: "材料补齐日期", Type: Date},
		{Key: "suspensions", Label: "补充材料期间", Type: Intervals, Help: "起日~止日；补充材料的时间不计入审查期限"},
		{Key: "closed_on", Label: "办结日期", Type: Date, Column: ColClosed, RequiredUnlessStatus: []string{"收文", "审查中", "补充材料"}},
		{Key: "opinion", Label: "审查意见", Type: Enum, Values: ReviewOpinions, RequiredUnlessStatus: []string{"收文", "审查中", "补充材料"}},
		{Key: "reviewer", Label: "审查人", Type: Text, Help: "第28条：可以组织法律顾问、公职律师提出意见"},
	},
	Normalize: func(v Values) {
		if v.Str("stage") == "" {
			switch {
			case v.Str("closed_on") != "":
				v["stage"] = "办结"
			case hasOpenInterval(v):
				v["stage"] = "补充材料"
			}
		}
	},
	Transitions: []Transition{
		{Name: "start", Label: "开始审查", From: []string{"收文"}, To: "审查中", Article: "国务院令第713号第26条"},
		{Name: "request_materials", Label: "要求补充材料", From: []string{"收文", "审查中"}, To: "补充材料",
			Inputs: []string{"suspended_on"}, Needs: []string{"suspended_on"},
			Article: "国务院令第713号第26条第1款（可以退回或者要求补充）", Apply: onValues(openSuspension)},
		{Name: "materials_received", Label: "材料补齐", From: []string{"补充材料"}, To: "审查中",
			Inputs: []string{"resumed_on"}, Needs: []string{"resumed_on"}, Article: "国务院令第713号第26条第1款", Apply: onValues(closeSuspension)},
		{Name: "conclude", Label: "出具审查意见", From: []string{"收文", "审查中"}, To: "办结",
			Inputs: []string{"closed_on", "opinion", "reviewer"}, Needs: []string{"closed_on", "opinion"},
			Article: "国务院令第713号第27条（出具合法性审查意见）"},
	},
	Clocks: []ClockRule{
		// The period is local (law.md): 15 WD for a 行政规范性文件 (115号), and as practice the
		// office's own 15 WD for the rest; the decision's 7 WD is the reviewer's minimum
		// (第26条), checked on the decision, not a deadline here.
		{ID: "legality_review.review", Label: "合法性审查期限", Budget: 15, Unit: WorkingDays, Soft: true,
			Article:    "国办发〔2018〕115号（审核时间一般不少于5个工作日、最长不超过15个工作日；地方可另定）",
			StartField: "received_on", StopField: "closed_on", SuspensionsField: "suspensions"},
	},
	Checks: []Check{
		{Article: "收文在先", Test: func(v Values) (string, string) {
			for _, d := range []struct{ key, label string }{{"closed_on", "办结日期"}, {"suspended_on", "要求补充材料日期"}} {
				if day := v.Str(d.key); day != "" && day < v.Str("received_on") {
					return d.key, d.label + "早于收文日期"
				}
			}
			return "", ""
		}},
		{Article: "制定机关类别", Test: func(v Values) (string, string) {
			if v.Str("doc_type") == "行政规范性文件" && v.Str("issuer_type") == "" {
				return "issuer_type", "审查行政规范性文件须填写制定机关类别"
			}
			if v.Str("normative_doc") != "" && v.Str("doc_type") != "行政规范性文件" {
				return "normative_doc", "文件类别不是行政规范性文件，不能关联规范性文件台账"
			}
			if v.Str("decision") != "" && v.Str("doc_type") != "重大行政决策" {
				return "decision", "文件类别不是重大行政决策，不能关联重大行政决策台账"
			}
			return "", ""
		}},
	},
})
