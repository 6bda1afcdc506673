package notices

// The notices of 行政复议法 (2023). Addressees are the applicants unless said otherwise; each
// notice tells the addressee the article it rests on and, where the law gives one, the remedy.
var defaults = []Notice{
	{Name: "acceptance", Kind: "reconsideration", Title: "受理通知书", Stages: []string{"审理中", "中止", "已审结"},
		Needs: []string{"accepted_on"}, Article: "行政复议法第30条",
		Template: `行政复议受理通知书

文号：{{.Code}}

{{v "applicants"}}：

{{you "applicants"}}不服{{v "respondent"}}作出的行政行为，于{{date "received_on"}}向本机关提出行政复议申请。经审查，该申请符合《中华人民共和国行政复议法》第三十条规定的受理条件，本机关决定自{{date "accepted_on"}}起受理，适用{{v "procedure"}}程序。

本机关将依照《中华人民共和国行政复议法》第四十八条{{if eq (v "procedure") "简易"}}、第五十四条{{end}}的规定，将行政复议申请书副本发送被申请人，被申请人应当依法提出书面答复并提交作出行政行为的证据、依据和其他有关材料。

特此通知。

落款：{{.Authority}}
{{date "accepted_on"}}`},

	{Name: "supplement", Kind: "reconsideration", Title: "补正通知书", Stages: []string{"补正中"},
		Needs: []string{"supplement_requested_on", "supplement_items"}, Article: "行政复议法第31条",
		Template: `行政复议申请补正通知书

文号：{{.Code}}

{{v "applicants"}}：

本机关于{{date "received_on"}}收到{{you "applicants"}}提出的行政复议申请。经审查，申请材料不齐全或者表述不清楚，无法判断是否符合受理条件。依照《中华人民共和国行政复议法》第三十一条第一款的规定，请{{you "applicants"}}自收到本通知之日起十日内补正以下材料：

{{v "supplement_items"}}

补正申请材料所用时间不计入行政复议审理期限。无正当理由逾期不补正的，视为{{you "applicants"}}放弃行政复议申请，并记录在案。

特此通知。

落款：{{.Authority}}
{{date "supplement_requested_on"}}`},

	{Name: "refusal", Kind: "reconsideration", Title: "不予受理决定书", Stages: []string{"不予受理"},
		Needs: []string{"refusal_reason"}, Article: "行政复议法第30条",
		Template: `不予受理行政复议申请决定书

文号：{{.Code}}

申请人：{{v "applicants"}}

被申请人：{{v "respondent"}}

申请人不服被申请人作出的行政行为，于{{date "received_on"}}向本机关提出行政复议申请。

经审查，{{v "refusal_reason"}}。该申请不符合《中华人民共和国行政复议法》第三十条第一款规定的受理条件。依照《中华人民共和国行政复议法》第三十条第一款的规定，本机关决定不予受理。

申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。

落款：{{.Authority}}
{{date "acceptance_closed_on"}}`},

	{Name: "suspension", Kind: "reconsideration", Title: "中止审理通知书", Stages: []string{"中止"},
		Needs: []string{"suspended_on", "suspension_ground"}, Article: "行政复议法第39条",
		Template: `行政复议中止审理通知书

文号：{{.Code}}

{{v "applicants"}}、{{v "respondent"}}：

申请人{{v "applicants"}}不服被申请人{{v "respondent"}}作出的行政行为申请行政复议一案，本机关已于{{date "accepted_on"}}依法受理。因存在《中华人民共和国行政复议法》第三十九条第一款规定的情形：{{v "suspension_ground"}}，本机关决定自{{date "suspended_on"}}起中止对本案的审理。中止期间不计入行政复议审理期限。

中止审理的原因消除后，本机关将及时恢复审理，并书面告知当事人。

特此通知。

落款：{{.Authority}}
{{date "suspended_on"}}`},

	{Name: "resumption", Kind: "reconsideration", Title: "恢复审理通知书", Stages: []string{"审理中", "已审结"},
		Needs: []string{"resumed_on"}, Article: "行政复议法第39条第2款",
		Template: `行政复议恢复审理通知书

文号：{{.Code}}

{{v "applicants"}}、{{v "respondent"}}：

申请人{{v "applicants"}}不服被申请人{{v "respondent"}}作出的行政行为申请行政复议一案，本机关曾于{{date "suspended_on"}}中止审理。现中止审理的原因已经消除，依照《中华人民共和国行政复议法》第三十九条第二款的规定，本机关决定自{{date "resumed_on"}}起恢复审理。

特此通知。

落款：{{.Authority}}
{{date "resumed_on"}}`},

	{Name: "extension", Kind: "reconsideration", Title: "延期审理通知书", Stages: []string{"审理中", "中止", "已审结"},
		Needs: []string{"extension_approved_on", "extension_days"}, Article: "行政复议法第62条第1款",
		Template: `行政复议延期审理通知书

文号：{{.Code}}

{{v "applicants"}}、{{v "respondent"}}：

申请人{{v "applicants"}}不服被申请人{{v "respondent"}}作出的行政行为申请行政复议一案，本机关已于{{date "accepted_on"}}依法受理。因案情复杂，不能在规定期限内作出行政复议决定，经本机关负责人批准，依照《中华人民共和国行政复议法》第六十二条第一款的规定，审理期限延长{{v "extension_days"}}日，本机关将于{{due "reconsideration.decision"}}前作出行政复议决定。

特此通知。

落款：{{.Authority}}
{{date "extension_approved_on"}}`},

	{Name: "hearing", Kind: "reconsideration", Title: "听证通知书", Stages: []string{"审理中"},
		Needs: []string{"hearing_on", "hearing_notice_on"}, Article: "行政复议法第50–51条",
		Template: `行政复议听证通知书

文号：{{.Code}}

{{v "applicants"}}、{{v "respondent"}}：

申请人{{v "applicants"}}不服被申请人{{v "respondent"}}作出的行政行为申请行政复议一案，本机关决定依照《中华人民共和国行政复议法》第五十条、第五十一条的规定组织听证。现将有关事项通知如下：

一、听证时间：{{date "hearing_on"}}

二、听证地点：{{blank ""}}

三、请当事人按时参加听证。被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加。申请人无正当理由拒不参加听证的，视为放弃听证权利。

特此通知。

落款：{{.Authority}}
{{date "hearing_notice_on"}}`},

	{Name: "decision", Kind: "reconsideration", Title: "行政复议决定书（稿）", Stages: []string{"审理中", "中止", "已审结"},
		Article: "行政复议法第63–75条",
		Template: `行政复议决定书

文号：{{.Code}}

申请人：{{v "applicants"}}

被申请人：{{v "respondent"}}

申请人不服被申请人作出的{{v "act_type"}}行为，于{{date "received_on"}}向本机关申请行政复议，本机关于{{date "accepted_on"}}依法受理，适用{{v "procedure"}}程序审理。{{if eq (v "extended") "是"}}经批准，审理期限延长{{v "extension_days"}}日。{{end}}本案现已审理终结。

申请人请求：{{blank ""}}

被申请人答复称：{{blank ""}}

经审理查明：{{blank ""}}

本机关认为：{{blank ""}}

依照《中华人民共和国行政复议法》第{{blank ""}}条的规定，本机关决定：{{if v "outcome"}}{{v "outcome"}}{{else}}{{blank ""}}{{end}}。

申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。

落款：{{.Authority}}
{{date "closed_on"}}`},
}
