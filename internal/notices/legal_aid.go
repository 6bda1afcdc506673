package notices

// The notices of 法律援助法 (2022): the request for missing materials (第43条第2款), the decisions
// to grant or refuse (第43条第1款, a refusal with written reasons and the objection of 第49条),
// and the assignment notice to the helper (第43条第1款、第36条). Addressees are the applicant
// (受援人) unless said otherwise.
func init() { defaults = append(defaults, legalAidNotices...) }

var legalAidNotices = []Notice{
	{Name: "legal_aid_supplement", Kind: "legal_aid", Title: "补充材料通知书", Stages: []string{"补正中"},
		Needs: []string{"supplement_requested_on", "supplement_items"}, Article: "法律援助法第43条第2款",
		Template: `法律援助申请补充材料通知书

文号：{{.Code}}

{{v "client"}}：

本机构于{{date "applied_on"}}收到你提出的法律援助申请。经审查，你提交的申请材料不齐全。依照《中华人民共和国法律援助法》第四十三条第二款的规定，现一次性告知你补充以下材料：

{{v "supplement_items"}}

请及时补充上述材料。补充材料所需的时间不计入审查期限；未按要求补充材料的，视为撤回申请。

特此通知。

落款：{{.Org}}
{{date "supplement_requested_on"}}`},

	{Name: "legal_aid_grant", Kind: "legal_aid", Title: "给予法律援助决定书", Stages: []string{"给予", "已指派", "办理中", "已结案"},
		Needs: []string{"decided_on"}, Article: "法律援助法第43条第1款",
		Template: `给予法律援助决定书

文号：{{.Code}}

{{v "client"}}：

你于{{date "applied_on"}}提出的法律援助申请（案件类别：{{v "case_type"}}；援助形式：{{v "form"}}），经审查，符合法律援助条件{{if v "first_aid_ground"}}，并属于《中华人民共和国法律援助法》第四十四条规定可以先行提供法律援助的情形（{{v "first_aid_ground"}}）{{end}}。依照《中华人民共和国法律援助法》第四十三条第一款的规定，本机构决定给予法律援助。

本机构将自作出本决定之日起三日内指派律师、基层法律服务工作者、法律援助志愿者或者本机构工作人员为你提供法律援助。受援人应当向法律援助人员如实陈述与法律援助事项有关的情况，及时提供证据材料，协助、配合办理法律援助事项。

特此决定。

落款：{{.Org}}
{{date "decided_on"}}`},

	{Name: "legal_aid_refusal", Kind: "legal_aid", Title: "不予法律援助决定书", Stages: []string{"不予"},
		Needs: []string{"decided_on", "refusal_reason"}, Article: "法律援助法第43条第1款、第49条",
		Template: `不予法律援助决定书

文号：{{.Code}}

{{v "client"}}：

你于{{date "applied_on"}}提出的法律援助申请，经审查，{{v "refusal_reason"}}。依照《中华人民共和国法律援助法》第四十三条第一款的规定，本机构决定不予法律援助。

你如对本决定有异议，可以向设立本机构的司法行政部门提出。司法行政部门应当自收到异议之日起五日内进行审查，作出维持决定或者责令本机构改正的决定（《中华人民共和国法律援助法》第四十九条）。

特此决定。

落款：{{.Org}}
{{date "decided_on"}}`},

	{Name: "legal_aid_assignment", Kind: "legal_aid", Title: "指派通知书", Stages: []string{"已指派", "办理中", "已结案"},
		Needs: []string{"assigned_on", "handler"}, Article: "法律援助法第43条第1款、第36条",
		Template: `法律援助指派通知书

文号：{{.Code}}

{{v "handler"}}：

{{if eq (v "source") "通知辩护"}}本机构于{{date "notice_received_on"}}收到{{v "notifying_body"}}的通知，{{v "client"}}属于《中华人民共和国法律援助法》第二十五条规定的情形（{{v "defence_ground"}}），依照该法第三十六条的规定，现指派你担任其辩护人。{{else}}本机构已于{{date "decided_on"}}决定给予{{v "client"}}法律援助（案件类别：{{v "case_type"}}；援助形式：{{v "form"}}），依照《中华人民共和国法律援助法》第四十三条第一款的规定，现指派你承办该法律援助事项。{{end}}

请你自接受指派之日起及时与受援人联系，依法履行职责，无正当理由不得拒绝、拖延或者终止提供法律援助服务（《中华人民共和国法律援助法》第四十六条），并按规定报告办理情况、提交结案材料。

特此通知。

落款：{{.Org}}
{{date "assigned_on"}}`},
}
