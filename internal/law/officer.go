package law

import (
	"slices"
	"strconv"
)

// 行政执法人员 and their 行政执法证 — 行政处罚法（2021）第42条 (penalties are enforced by officers
// holding an enforcement certificate, at least two of them); 广东省行政执法证件管理办法 第4、6条
// (certificates issued in the province's name to serving staff who passed the general-law and
// specialised exams). A certificate's life is a series of events of its holder (law.md
// "Certificates"): 考试通过 → 发证 → 年审 → 换证 → 暂扣 ⇄ 恢复 → 注销.

// EnforcementOrgs are the org types that hold enforcement powers: the departments and the towns
// and streets (综合行政执法, 广东省乡镇街道综合行政执法).
var EnforcementOrgs = []string{"行政执法单位", "镇", "街道"}

// CertificateYears is the validity of a certificate (local: law.md gives 5 years by default).
var CertificateYears = 5

// RenewalLeadDays is how long before 有效期至 the renewal falls due (local: half a year).
var RenewalLeadDays = 183

// The certificate events (ledgers.md, with 恢复 added so that a suspension can end).
const (
	EventPassed    = "考试通过"
	EventIssued    = "发证"
	EventReviewed  = "年审"
	EventRenewed   = "换证"
	EventSuspended = "暂扣"
	EventRestored  = "恢复"
	EventRevoked   = "注销"
)

var Officer = register(&Kind{
	Name:     "officer",
	Uploads:  "任职文件、考试成绩单、执法证照片页",
	Label:    "行政执法人员",
	Order:    40,
	Law:      "行政处罚法（2021）第42条；广东省行政执法证件管理办法",
	OrgField: "org",
	OrgTypes: EnforcementOrgs,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode, Help: "工号或其他在本单位内唯一的编号"},
		{Key: "name", Label: "姓名", Type: Text, Required: true},
		{Key: "idno", Label: "身份证号", Type: IDNo},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "行政执法单位或镇（街道）"},
		{Key: "staffed", Label: "在编", Type: Bool},
		{Key: "legal_qualification", Label: "法律职业资格", Type: Bool,
			Help: "行政处罚法第58条第2款：初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格"},
		{Key: "service", Label: "在职状态", Type: Enum, Column: ColCategory, Default: "在职", Values: []string{"在职", "调离", "退休"},
			Help: "广东省行政执法证件管理办法第6条：执法证只发给在职人员；调离、退休的应注销执法证"},
		{Key: "left_on", Label: "离岗日期", Type: Date, Help: "调离或退休之日"},
	},
	Checks: []Check{{Article: "广东省行政执法证件管理办法第6条", Test: func(v Values) (string, string) {
		serving := v.Str("service") == "" || v.Str("service") == "在职"
		switch {
		case serving && v.Str("left_on") != "":
			return "left_on", "在职人员不填写离岗日期"
		case !serving && v.Str("left_on") == "":
			return "left_on", "调离或退休的须填写离岗日期"
		}
		return "", ""
	}}},
})

var CertificateEvent = register(&Kind{
	Name:     "certificate_event",
	Uploads:  "考试成绩单、执法证（正反面）、年审或注销材料",
	Label:    "执法资格与证件",
	Order:    41,
	Law:      "广东省行政执法证件管理办法第4、6条",
	OrgField: "org",
	OrgTypes: EnforcementOrgs,
	Fields: []Field{
		{Key: "code", Label: "编号", Type: Text, Required: true, Column: ColCode},
		{Key: "officer", Label: "人员", Type: Ref, RefKind: "officer", Required: true, Index: true, Help: "行政执法人员的编号"},
		{Key: "org", Label: "所属单位", Type: Org, Required: true, Column: ColOrg, Help: "持证人所在单位"},
		{Key: "event", Label: "事件", Type: Enum, Required: true, Column: ColCategory,
			// 发证 and 换证 first: the events a new line most often records. The conformance suite
			// synthesises the first that stands alone — 换证, as 发证 needs an earlier 考试通过
			// (law.History) — so that the renewal reminder is exercised.
			Values: []string{EventIssued, EventRenewed, EventPassed, EventReviewed, EventSuspended, EventRestored, EventRevoked}},
		{Key: "on", Label: "日期", Type: Date, Required: true, Column: ColOpened},
		{Key: "cert_no", Label: "证号", Type: Text},
		{Key: "valid_until", Label: "有效期至", Type: Date},
		{Key: "replaced_on", Label: "换证或注销日期", Type: Date,
			Help: "发证、换证的记录：该证换发新证或注销之日；填写后不再提醒换证"},
		{Key: "warnings", Label: "提示", Type: List, Derived: true, Values: FlagLabels(certificateFlags, "warnings"),
			Help: "系统自动标注需要核实的情形，不影响保存，无需填写"},
	},
	Flags:   certificateFlags,
	History: certificateHistory,
	Checks: []Check{
		{Article: "广东省行政执法证件管理办法（发证、换证载明证号和有效期）", Test: certificateDates},
		dateOrder("on", "日期", "replaced_on", "换证或注销日期"),
	},
	Clocks: []ClockRule{
		// The certificate must be renewed before it runs out; the figure certification.expiring
		// and the deadlines page's coming list show it from RenewalLeadDays before.
		{ID: "certificate.renewal", Label: "执法证换证期限", Unit: NaturalDays, Soft: true, Fixed: true, Lead: RenewalLeadDays,
			Budget:     365 * 5, // the default term; BudgetFor reads the certificate's own
			Article:    "行政执法证有效期届满前换证（广东省行政执法证件管理办法；有效期本地规定）",
			StartField: "on",
			When:       issuesCertificate,
			BudgetFor:  func(v Values) int { return DaysBetween(v.Str("on"), v.Str("valid_until")) },
			StopField:  "replaced_on"},
	},
})

// certificateFlags: a 发证 or 换证 line that lacks the certificate's number or validity is kept
// (an old ledger may not have them) and marked.
var certificateFlags = []Flag{
	{Field: "warnings", Label: "发证或换证未载明证号或有效期", Test: func(v Values, _ Env) bool {
		e := v.Str("event")
		return (e == EventIssued || e == EventRenewed) && (v.Str("cert_no") == "" || v.Str("valid_until") == "")
	}},
}

// certificateHistory: the rules of a certificate's life that one event's line cannot tell,
// checked against the holder's record and other events (history.go: refused on the form and the
// API, flagged in an imported ledger).
var certificateHistory = &History{Of: "officer",
	Rules: []HistoryRule{
		{Article: "广东省行政执法证件管理办法第4、6条", Label: "发证前无考试通过记录", Test: passedBefore},
		{Article: "广东省行政执法证件管理办法第6条", Label: "持证人已离岗", Test: servingOn},
	},
	HolderRules: []HolderRule{{Article: "广东省行政执法证件管理办法第6条", Label: "离岗未注销执法证", Test: LeftWithCertificate}},
}

// passedBefore: a certificate is issued to one who passed the general-law and specialised exams
// (第4、6条): a 发证 needs a 考试通过 of the holder on or before its date.
func passedBefore(ev, _ Values, others []Values) (string, string) {
	if ev.Str("event") != EventIssued {
		return "", ""
	}
	for _, o := range others {
		if o.Str("event") == EventPassed && o.Str("on") != "" && o.Str("on") <= ev.Str("on") {
			return "", ""
		}
	}
	return "event", "发证须在考试通过之后：该人员没有日期不晚于" + ev.Str("on") + "的考试通过记录，请先登记其考试通过"
}

// servingOn: certificates are for serving staff (第6条): no 发证, 换证, 年审 or 恢复 after the
// holder's 离岗日期.
func servingOn(ev, holder Values, _ []Values) (string, string) {
	left := holder.Str("left_on")
	switch ev.Str("event") {
	case EventIssued, EventRenewed, EventReviewed, EventRestored:
		if left != "" && ev.Str("on") > left {
			return "on", "晚于该人员的离岗日期" + left + "（" + holder.Str("service") + "）：执法证只发给在职人员，离岗的应注销"
		}
	}
	return "", ""
}

// LeftWithCertificate reports whether an officer who left (调离, 退休: 离岗日期 set) had a
// certificate in hand that day — issued or renewed by then, valid then — that no later 注销
// surrendered (第6条: the certificate of one who leaves is cancelled). events are the officer's
// up to the day asked about.
func LeftWithCertificate(holder Values, events []Values) bool {
	held, revoked := CertificateAtExit(holder, events)
	return held != "" && revoked == ""
}

// CertificateAtExit is, for an officer who left, the day of the certificate in hand on the
// 离岗日期 (the latest 发证 or 换证 by then still valid then; "" when none, or the officer has not
// left) and the day of the first 注销 on or after it ("" when none): what LeftWithCertificate
// decides from (广东省行政执法证件管理办法第6条: the certificate of one who leaves is cancelled),
// kept by the store for the figure (an officer still holds it on a day d if the 注销 is none or
// after d).
func CertificateAtExit(holder Values, events []Values) (held, revoked string) {
	left := holder.Str("left_on")
	if left == "" {
		return "", ""
	}
	for _, e := range events {
		switch e.Str("event") {
		case EventIssued, EventRenewed:
			if on := e.Str("on"); on <= left && e.Str("valid_until") >= left && on > held {
				held = on
			}
		}
	}
	if held == "" {
		return "", ""
	}
	for _, e := range events {
		if on := e.Str("on"); e.Str("event") == EventRevoked && on >= held && (revoked == "" || on < revoked) {
			revoked = on
		}
	}
	return held, revoked
}

// issuesCertificate reports whether the event puts a certificate in the holder's hands.
func issuesCertificate(v Values) bool {
	e := v.Str("event")
	return (e == EventIssued || e == EventRenewed) && v.Str("valid_until") != ""
}

// certificateDates: a 发证 or 换证 names the certificate and its validity, within the local
// term; the other events carry neither a new number's validity nor a replacement date.
func certificateDates(v Values) (string, string) {
	e, on, until := v.Str("event"), v.Str("on"), v.Str("valid_until")
	if e == EventIssued || e == EventRenewed {
		switch {
		case until == "":
			return "", "" // flagged: certificateFlags
		case until < on:
			return "valid_until", "有效期至早于" + e + "日期"
		case until > AddDays(on, 366*CertificateYears):
			return "valid_until", "执法证有效期不超过" + strconv.Itoa(CertificateYears) + "年（本地规定）"
		}
		return "", ""
	}
	if until != "" {
		return "valid_until", "只有发证、换证填写有效期至"
	}
	if v.Str("replaced_on") != "" {
		return "replaced_on", "只有发证、换证填写换证或注销日期"
	}
	return "", ""
}

// CertificateHolder answers, from one officer's certificate events in any order, whether the
// officer held a valid certificate on a day: the latest 发证 or 换证 on or before the day covers
// it (有效期至 not passed), issued after an earlier 考试通过, and no 暂扣 without a later 恢复, or
// 注销, came between it and the day. left is the officer's 离岗日期 ("" while serving): no
// certificate is valid after it (第6条: only serving staff hold one).
func CertificateHolder(events []Values, left, day string) bool {
	if left != "" && day > left {
		return false
	}
	sorted := slices.Clone(events)
	slices.SortStableFunc(sorted, func(a, b Values) int {
		if a.Str("on") < b.Str("on") {
			return -1
		}
		if a.Str("on") > b.Str("on") {
			return 1
		}
		return 0
	})
	passed, valid, suspended := false, "", false
	for _, e := range sorted {
		if e.Str("on") > day {
			break
		}
		switch e.Str("event") {
		case EventPassed:
			passed = true
		case EventIssued, EventRenewed:
			if passed || e.Str("event") == EventRenewed {
				valid, suspended = e.Str("valid_until"), false
			}
		case EventSuspended:
			suspended = true
		case EventRestored:
			suspended = false
		case EventRevoked:
			valid = ""
		}
	}
	return valid != "" && valid >= day && !suspended
}
