// Package notices writes the documents a procedure requires — 受理通知书, 补正通知书, 不予受理
// 决定书, 中止/恢复审理通知书, 延期审理通知书, 听证通知书 and the decision's skeleton — from a
// case's data, as .docx files laid out as 公文 (internal/docx). Each template is text an
// administrator may edit (stored as a setting); the defaults below follow 行政复议法 (2023) and
// cite the article that requires the notice.
package notices

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"text/template"
	"time"

	"github.com/fazhi/fazhi/internal/docx"
	"github.com/fazhi/fazhi/internal/law"
)

// Notice is one kind of document.
type Notice struct {
	Name    string   // stable key, used in URLs and the setting "notice.<Name>"
	Kind    string   // the record kind it belongs to
	Title   string   // 受理通知书 …
	Stages  []string // the stages in which it can be issued
	Needs   []string // field keys that must be set (e.g. 补正事项)
	Article string
	// Template: the first line is the document's title; paragraphs are separated by blank
	// lines; a paragraph starting with "落款：" is the issuer and date block at the end.
	Template string
}

// Data is what a template sees.
type Data struct {
	Org string // the record's owning organisation (the office that handles it)
	// Authority is the body the document is issued in the name of: for a 行政复议 case the
	// 复议机关, the government the office serves (行政复议法第4条), not the office (a 股) itself.
	Authority string
	Code      string     // 编号
	Values    law.Values // every field of the record
	Today     string     // YYYY-MM-DD
	// Due gives the due date of a clock of the record by rule id ("" when none), for notices that
	// state a period (延期审理通知书).
	Due func(rule string) string
	// Members are the records of MemberKind naming this one (law.Members: a campaign's
	// documents), for a notice that lists them (清理结果).
	Members    []law.Values
	MemberKind string
}

// SettingKey is where an administrator's version of a template is kept.
func SettingKey(name string) string { return "notice." + name }

// ForKind lists the notices of a kind.
func ForKind(kind string) []Notice {
	var out []Notice
	for _, n := range defaults {
		if n.Kind == kind {
			out = append(out, n)
		}
	}
	return out
}

// Lookup finds a notice by name.
func Lookup(name string) (Notice, bool) {
	for _, n := range defaults {
		if n.Name == name {
			return n, true
		}
	}
	return Notice{}, false
}

// Available reports whether the notice can be issued for a record in this state, and if not, why.
func (n Notice) Available(status string, v law.Values) (bool, string) {
	if len(n.Stages) > 0 && !contains(n.Stages, status) {
		return false, "只能在" + strings.Join(n.Stages, "、") + "时出具"
	}
	kind, _ := law.Lookup(n.Kind)
	for _, key := range n.Needs {
		if law.IsEmpty(v[key]) {
			f, _ := kind.Field(key)
			return false, "需要先填写「" + f.Label + "」"
		}
	}
	return true, ""
}

// Parse checks a template (for the administrator's editor): it must parse and render against an
// empty record.
func Parse(text string) error {
	_, err := render(text, Data{Values: law.Values{}, Due: func(string) string { return "" }})
	return err
}

// Render fills a template and lays it out as a 公文 document.
func Render(text string, d Data) (*docx.Document, error) {
	out, err := render(text, d)
	if err != nil {
		return nil, err
	}
	blocks := strings.Split(strings.ReplaceAll(strings.TrimSpace(out), "\r\n", "\n"), "\n\n")
	title, first, _ := strings.Cut(blocks[0], "\n")
	doc := docx.New()
	doc.TitleParagraph(strings.TrimSpace(title))
	var body []string
	if strings.TrimSpace(first) != "" {
		body = append(body, first)
	}
	body = append(body, blocks[1:]...)
	for _, b := range body {
		b = strings.TrimSpace(b)
		switch {
		case b == "":
		case strings.HasPrefix(b, "落款："):
			issuer, date, _ := strings.Cut(strings.TrimPrefix(b, "落款："), "\n")
			doc.Signature(strings.TrimSpace(issuer), strings.TrimSpace(date))
		case strings.HasPrefix(b, "文号："):
			doc.Text(strings.TrimPrefix(b, "文号："))
		case !strings.Contains(b, "\n") && strings.HasSuffix(b, "：") && len([]rune(b)) < 60:
			doc.Text(b) // the addressee line (主送机关) stands flush left
		default:
			for _, line := range strings.Split(b, "\n") {
				doc.Body(strings.TrimSpace(line))
			}
		}
	}
	return doc, nil
}

func render(text string, d Data) (string, error) {
	if d.Authority == "" {
		d.Authority = d.Org
	}
	if d.Due == nil {
		d.Due = func(string) string { return "" }
	}
	t, err := template.New("notice").Funcs(funcs(d)).Option("missingkey=zero").Parse(text)
	if err != nil {
		return "", fmt.Errorf("模板有误：%w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return "", fmt.Errorf("模板有误：%w", err)
	}
	return b.String(), nil
}

// funcs are the functions a template may call, over the case's data.
func funcs(d Data) template.FuncMap {
	return template.FuncMap{
		// v is a field's value as text; lists joined with 、.
		"v": func(key string) string {
			switch x := d.Values[key].(type) {
			case string:
				return x
			case []string:
				return strings.Join(x, "、")
			}
			return ""
		},
		// date writes a field's date (or a literal YYYY-MM-DD) the way documents do: 2025年9月26日.
		"date": func(keyOrDate string) string {
			s := d.Values.Str(keyOrDate)
			if s == "" && law.ValidDate(keyOrDate) {
				s = keyOrDate
			}
			return chineseDate(s)
		},
		"due": func(rule string) string { return chineseDate(d.Due(rule)) },
		// groups splits the members by an enum field, in the order of its values, leaving out the
		// empty groups and numbering the others 一、二、….
		"groups": func(key string) []Group { return groups(d.MemberKind, d.Members, key) },
		"add":    func(a, b int) int { return a + b },
		// you addresses the parties named in a field: 你 (one person), 你们 (several), 你单位 (an
		// organisation), instead of the form's "你（单位）".
		"you": func(key string) string { return address(d.Values[key]) },
		"blank": func(s string) string {
			if strings.TrimSpace(s) == "" {
				return "________"
			}
			return s
		},
	}
}

func chineseDate(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return "____年__月__日"
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// orgSuffixes end the names of organisations rather than persons.
// (Single characters that also end given names, such as 会 or 华, are left out.)
var orgSuffixes = []string{"公司", "厂", "局", "院", "所", "中心", "委员会", "协会", "学校", "医院", "政府", "办事处",
	"合作社", "商店", "商行", "经营部", "门市部", "大队", "工作站", "银行", "农场", "酒店", "宾馆", "事务所"}

func isOrgName(name string) bool {
	for _, s := range orgSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// address is how a notice speaks to the parties in x (a name or a list of names).
func address(x any) string {
	var names []string
	switch v := x.(type) {
	case string:
		names = []string{v}
	case []string:
		names = v
	}
	switch {
	case len(names) == 1 && isOrgName(names[0]):
		return "你单位"
	case len(names) > 1:
		return "你们"
	}
	return "你"
}

var fieldRef = regexp.MustCompile(`\b(?:v|date|you) "([a-z_]+)"`)

// Fields lists the record's fields a template uses, in order of first use, for the editor.
func Fields(text string) []string {
	var out []string
	for _, m := range fieldRef.FindAllStringSubmatch(text, -1) {
		if !contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}
