package notices

import "github.com/fazhi/fazhi/internal/law"

// The 清理结果 notice of a 规范性文件清理 campaign (国办发〔2018〕37号: 清理结果向社会公布): the
// documents the campaign concluded, grouped by conclusion (继续有效 / 修改 / 废止 / 宣布失效),
// each with its reason. The documents are the campaign's members (law.Members).
func init() { defaults = append(defaults, cleanupNotice) }

var cleanupNotice = Notice{Name: "normative_cleanup_result", Kind: "normative_cleanup", Title: "清理结果公告",
	Article: "国办发〔2018〕37号（清理结果向社会公布）",
	Template: `关于公布{{v "name"}}结果的通知

文号：{{blank (v "notice_no")}}

各镇人民政府、街道办事处，市政府各部门、各直属机构：

根据《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）关于定期清理行政规范性文件的要求，{{.Org}}自{{date "started_on"}}起组织开展了{{v "name"}}，清理范围为{{blank (v "scope")}}。经清理，共清理文件{{len .Members}}件，现将清理结果公布如下：

{{range groups "cleanup_conclusion"}}{{.Number}}、{{.Value}}的文件（{{len .Members}}件）
{{range $i, $m := .Members}}{{add $i 1}}．《{{index $m "title"}}》（{{index $m "code"}}，{{index $m "issuer"}}）。理由：{{index $m "cleanup_reason"}}
{{end}}
{{end}}决定废止、宣布失效的文件，自本通知公布之日起停止执行；决定修改的文件，由起草单位按程序修改后重新公布，修改前继续执行。

落款：{{.Authority}}
{{if v "published_on"}}{{date "published_on"}}{{else}}{{date .Today}}{{end}}`}

// Group is one group of members sharing a value.
type Group struct {
	Number  string // 一, 二, …
	Value   string
	Members []law.Values
}

var numerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

func groups(kindName string, members []law.Values, key string) []Group {
	var order []string
	if k, ok := law.Lookup(kindName); ok {
		if f, ok := k.Field(key); ok {
			order = f.Values
		}
	}
	var out []Group
	for _, value := range order {
		g := Group{Value: value}
		for _, m := range members {
			if m.Str(key) == value {
				g.Members = append(g.Members, m)
			}
		}
		if len(g.Members) > 0 {
			g.Number = numerals[min(len(out), len(numerals)-1)]
			out = append(out, g)
		}
	}
	return out
}
