package law

// OrgTypes are the organisation types of the org ledger (ledgers.md "Organisations").
var OrgTypes = []string{"县级市", "区", "县", "镇", "街道", "村", "社区", "司法局", "司法所", "人民调解委员会",
	"行政执法单位", "律师事务所", "公证处", "法律援助中心", "公共法律服务中心", "公共法律服务工作站",
	"公共法律服务工作室", "法院", "检察院", "企事业单位", "其他"}

// OrgFields are the columns of the org ledger. The org tree is not a record kind (it lives in its
// own table) but it is imported, exported and templated like one.
var OrgFields = []Field{
	{Key: "code", Label: "编码", Type: Text, Required: true, Help: "行政区划代码（如 441481、441481100、441481100201）或其他唯一编码"},
	{Key: "name", Label: "名称", Type: Text, Required: true},
	{Key: "type", Label: "类型", Type: Enum, Required: true, Values: OrgTypes},
	{Key: "parent", Label: "上级编码", Type: Text, Help: "上级组织的编码；根组织留空"},
	{Key: "credit_code", Label: "统一社会信用代码", Type: Text, Help: "18位，按 GB 32100 校验"},
	{Key: "founded_on", Label: "设立日期", Type: Date, Help: "组织（如公共法律服务工作站、工作室）设立之日"},
}

// Villages are the org types that count as a 村(社区) for quotas such as 法律明白人.
var Villages = []string{"村", "社区"}

// Government is the people's government (or, for a 街道, the 办事处) of an administrative
// division in the org tree, "" for any other org. A 行政复议机关 is the government the 行政复议机构
// serves (行政复议法第4条第2款): its documents are issued in that government's name.
func Government(name, typ string) string {
	switch typ {
	case "县级市", "区", "县", "镇":
		return name + "人民政府"
	case "街道":
		return name + "办事处"
	}
	return ""
}
