package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/report"
)

// The paragraph template editor: every heading and paragraph template of an org's outline (its
// own, an ancestor's, or report.DefaultOutline) in a textarea, each with a live preview filled
// with the year's figures. Saving validates with report.ParseOutline; a template that names an
// unknown indicator is shown with its position and is never stored from here.
//
// The structure is edited from the same form: buttons move a section or a paragraph up or down,
// remove a section (after a confirmation) or add a section. They submit the whole editor, so
// what the user has typed is saved with the edit instead of being lost to it.

type outlinePage struct {
	T             reportTarget
	Title         string
	TitleProblem  string
	Intro         []outlineBlock
	IntroAdd      outlineBlock
	Sections      []outlineSection
	NewTop        string          // a new top-level heading typed but refused, shown again
	Confirm       *outlineConfirm // a removal waiting for confirmation
	Notice        string
	Base          string // the outline's structure as JSON: the save applies the edits to it
	Problems      []string
	ProblemsTitle string
	Stored        bool // the org or an ancestor has an outline of its own
	IDs           []outlineRef
	Vars          []outlineRef
	PreviewURL    string
	TextsURL      string
}

type outlineSection struct {
	Path    string // indices from the top, "2.0": names the heading field and the new-paragraph field
	Number  string // "三、（一）", as the checks name the place
	Depth   int
	Heading string
	Problem string
	Blocks  []outlineBlock
	Add     outlineBlock
	// The structural edits: the ops of the buttons, and whether they apply here.
	UpOp, DownOp, RemoveOp, AddOp string
	First, Last, Only             bool // Only: the only top-level section, which cannot be removed
	CanAddSub                     bool // not at the deepest heading level
	NewHeading                    string
	Confirming                    bool // the section the confirmation at the top is about
	Empty                         bool // no paragraphs and no subsections: the report leaves it out
}

// outlineConfirm asks before a section is removed with all it holds.
type outlineConfirm struct {
	Op, Label, Detail string
}

type outlineBlock struct {
	Field      string // tpl.N for a template (N counts every block in outline order), new.PATH for a new one
	Template   string
	Key        string // a free-text block
	KeyLabel   string
	Optional   bool
	Preview    paraPreview
	Rows       int    // the textarea's height, by the template's length
	PreviewURL string // htmx posts the field here as the user types
	TextsURL   string // where a free-text block is written
	// Moving the paragraph within its section (not offered on a new paragraph's field).
	UpOp, DownOp string
	Number       int // the paragraph's place in its section, from 1
	First, Last  bool
}

type outlineRef struct {
	ID, Label, Unit, Formula string
	Pending                  bool
}

// paraPreview is one paragraph as the report would print it, or why it cannot be printed.
type paraPreview struct {
	Year     int
	Empty    bool
	Problems []string
	Marked   []templateMark // the template, with the faulty references marked
	Pending  []string       // indicators this version cannot compute yet: the paragraph is left out
	Para     *report.Para
}

type templateMark struct {
	Text string
	Bad  bool
}

// previewer fills single paragraphs with one year's figures of the org's subtree.
type previewer struct {
	year int
	cur  *indicators.Result
	meta report.Meta
}

func (s *Server) previewer(r *http.Request, t reportTarget) (previewer, error) {
	sc := state(r).scope
	cur, err := indicators.Compute(r.Context(), s.st, sc, t.Org.Code, t.From(), t.To())
	if err != nil {
		return previewer{}, err
	}
	return previewer{year: t.Year, cur: cur, meta: report.Meta{OrgName: issuerName(t.Org, t.Orgs), Region: t.Org.Name,
		Year: strconv.Itoa(t.Year), LinkFor: figureLink(sc, t.Org.Code, t.Year, "")}}, nil
}

func (pv previewer) render(tpl string) paraPreview {
	out := paraPreview{Year: pv.year}
	if strings.TrimSpace(tpl) == "" {
		out.Empty = true
		return out
	}
	refs, err := report.ParseTemplate(tpl)
	if err != nil {
		out.Problems, out.Marked = templateProblems(tpl, refs, err)
		return out
	}
	for _, ref := range refs {
		if ref.Pending {
			out.Pending = append(out.Pending, ref.ID)
		}
	}
	if out.Pending != nil {
		return out
	}
	rep, err := report.Build(report.Outline{Title: "预览", Blocks: []report.Block{{Template: tpl}}}, pv.cur, nil, nil, pv.meta)
	if err != nil {
		out.Problems = []string{err.Error()}
		return out
	}
	if len(rep.Intro) > 0 {
		p := rep.Intro[0]
		out.Para = &p
	} else {
		out.Empty = true
	}
	return out
}

var byteOffsetRe = regexp.MustCompile(`^第\d+个字节处的?`)

// templateProblems words ParseTemplate's error for the editor: each unknown indicator and each
// malformed brace with its position in characters (the parser counts bytes), and the template
// split so that those references can be marked.
func templateProblems(tpl string, refs []report.Ref, err error) ([]string, []templateMark) {
	var te *report.TemplateError
	if !errors.As(err, &te) {
		return []string{err.Error()}, nil
	}
	type span struct{ start, end int }
	var probs []string
	var bad []span
	charAt := func(off int) int { return utf8.RuneCountInString(tpl[:min(max(off, 0), len(tpl))]) + 1 }
	if te.Syntax != "" {
		probs = append(probs, fmt.Sprintf("第 %d 个字符处：%s", charAt(te.Offset), byteOffsetRe.ReplaceAllString(te.Syntax, "")))
		if te.Offset >= 0 && te.Offset < len(tpl) {
			bad = append(bad, span{te.Offset, te.Offset + 1})
		}
	}
	unknown := map[string]bool{}
	for _, id := range te.Unknown {
		unknown[id] = true
	}
	for _, ref := range refs {
		if unknown[ref.ID] {
			probs = append(probs, fmt.Sprintf("第 %d 个字符处的「{%s}」：未知的指标，请对照“可引用的指标”核对编号", charAt(ref.Start), ref.ID))
			bad = append(bad, span{ref.Start, ref.End})
		}
	}
	sort.Slice(bad, func(i, j int) bool { return bad[i].start < bad[j].start })
	var segs []templateMark
	last := 0
	for _, b := range bad {
		if b.start < last || b.end > len(tpl) {
			continue
		}
		segs = append(segs, templateMark{Text: tpl[last:b.start]}, templateMark{Text: tpl[b.start:b.end], Bad: true})
		last = b.end
	}
	segs = append(segs, templateMark{Text: tpl[last:]})
	return probs, segs
}

// emptyHeadings names the title and headings left empty (the outline's validation allows them,
// but a report cannot print "一、" alone).
func emptyHeadings(o report.Outline) []string {
	var out []string
	if strings.TrimSpace(o.Title) == "" {
		out = append(out, "报告标题不能为空")
	}
	var rec func(list []report.Section, where string, depth int)
	rec = func(list []report.Section, where string, depth int) {
		for i, s := range list {
			level := s.Level
			if level == 0 {
				level = depth
			}
			w := where + outlineNumber(level, i+1)
			if strings.TrimSpace(s.Heading) == "" {
				out = append(out, w+"：标题不能为空")
			}
			rec(s.Sections, w, depth+1)
		}
	}
	rec(o.Sections, "", 1)
	return out
}

// headingProblem checks a title or heading: variables only, no figures.
func headingProblem(text string) string {
	refs, err := report.ParseTemplate(text)
	if err != nil {
		return err.Error()
	}
	for _, ref := range refs {
		if !ref.Var {
			return fmt.Sprintf("标题中不能引用指标「%s」，只能使用 {year}、{org} 等变量", ref.ID)
		}
	}
	if strings.TrimSpace(text) == "" {
		return "标题不能为空"
	}
	return ""
}

// loadOutline is the outline the org's report uses, and whether it is a stored one; a stored
// outline that cannot be read is reported and the default shown in its place.
func (s *Server) loadOutline(r *http.Request, org string) (o report.Outline, stored bool, problem string, err error) {
	raw, err := s.st.ReportOutline(r.Context(), state(r).scope, org)
	if err != nil {
		return o, false, "", err
	}
	if raw == "" {
		return report.DefaultOutline(), false, "", nil
	}
	// Decoded without validation, as report.Assemble does, so that the faults can be shown.
	if err := json.Unmarshal([]byte(raw), &o); err != nil {
		return report.DefaultOutline(), true, "已保存的提纲无法读取（" + err.Error() + "），下面显示默认提纲，保存后即替换。", nil
	}
	return o, true, "", nil
}

func (s *Server) reportOutline(w http.ResponseWriter, r *http.Request) error {
	t, err := s.reportTarget(r)
	if err != nil {
		return err
	}
	o, stored, problem, err := s.loadOutline(r, t.Org.Code)
	if err != nil {
		return err
	}
	pv, err := s.previewer(r, t)
	if err != nil {
		return err
	}
	p := outlineEditor(t, o, pv)
	p.Stored = stored
	if problem != "" {
		p.Problems, p.ProblemsTitle = []string{problem}, "提纲有误："
	} else {
		p.currentProblems(o)
	}
	s.render(w, r, http.StatusOK, "report_outline", "段落模板", p)
	return nil
}

// currentProblems lists what is wrong with the outline as it stands, as the report would refuse it.
func (p *outlinePage) currentProblems(o report.Outline) {
	if err := o.Validate(); err != nil {
		p.Problems = strings.Split(err.Error(), "\n")
		p.ProblemsTitle = "当前提纲有误，报告无法生成，也不能发布。请修正标红的段落后保存："
	}
}

// reportOutlineSave applies the edited texts to the outline's structure, then the structural
// edit of the button pressed (outlineOp), validates the result (report.ParseOutline) and stores
// it. An emptied paragraph is removed; a filled "new paragraph" or "new heading" field is
// appended to its section. Nothing is stored when anything is refused, nor while a removal
// waits for its confirmation.
func (s *Server) reportOutlineSave(w http.ResponseWriter, r *http.Request) error {
	t, err := s.reportTarget(r)
	if err != nil {
		return err
	}
	var o report.Outline
	if err := json.Unmarshal([]byte(r.PostFormValue("base")), &o); err != nil {
		return badRequest("提纲数据无法读取，请刷新页面后重新编辑")
	}
	op, err := parseOutlineOp(r.PostFormValue("op"))
	if err != nil {
		return err
	}
	base := outlineJSON(o)
	form := applyOutlineForm(&o, r.PostForm)
	typed := outlineJSON(withoutEmptyBlocks(o)) != base // the page carried edits of its own
	var done outlineDone
	var opErr error
	if len(form.problems) == 0 {
		done, opErr = applyOutlineOp(&o, op, form.added)
	}
	o = withoutEmptyBlocks(o)
	show := func(status int, set func(p *outlinePage)) error {
		return s.showOutline(w, r, t, o, status, func(p *outlinePage) {
			p.keepNewHeadings(form.kept)
			set(p)
		})
	}
	switch {
	case len(form.problems) == 0 && opErr == nil && done.confirm != nil:
		return show(http.StatusOK, func(p *outlinePage) { p.askConfirm(done.confirm, typed) })
	case len(form.problems) == 0 && op.verb == "cancel":
		if !typed {
			redirect(w, r, "/reports/outline?"+t.Query(), "未删除任何内容。")
			return nil
		}
		return show(http.StatusOK, func(p *outlinePage) {
			p.Notice = "未删除任何内容。页面上的修改尚未保存，请点击“保存段落模板”。"
		})
	}
	raw, err := json.Marshal(o)
	if err != nil {
		return err
	}
	if problems := saveProblems(o, raw, form.problems, opErr); len(problems) > 0 {
		title := "提纲有误，未保存。请修正以下问题："
		if opErr != nil {
			title = "操作未执行，提纲未保存："
		}
		return show(http.StatusUnprocessableEntity, func(p *outlinePage) { p.Problems, p.ProblemsTitle = problems, title })
	}
	rs := state(r)
	if err := s.st.SaveReportOutline(r.Context(), rs.actor(), rs.scope, t.Org.Code, string(raw)); err != nil {
		return err
	}
	flash := done.flash
	switch {
	case flash == "":
		flash = "段落模板已保存，" + t.Org.Name + "的年度报告将按此模板生成。"
	case typed:
		flash += "页面上的其他修改已一并保存。"
	}
	redirect(w, r, "/reports/outline?"+t.Query()+done.anchor, flash)
	return nil
}

// saveProblems lists why an outline cannot be stored: the edit refused first, then the new
// headings refused, then what report.ParseOutline and emptyHeadings find in the result.
func saveProblems(o report.Outline, raw []byte, formProblems []string, opErr error) []string {
	var problems []string
	if opErr != nil {
		problems = append(problems, opErr.Error())
	}
	problems = append(problems, formProblems...)
	if _, err := report.ParseOutline(raw); err != nil {
		problems = append(problems, strings.Split(err.Error(), "\n")...)
	}
	return append(problems, emptyHeadings(o)...)
}

// showOutline renders the editor for an outline that is not (or not yet) stored as shown.
func (s *Server) showOutline(w http.ResponseWriter, r *http.Request, t reportTarget, o report.Outline, status int, set func(p *outlinePage)) error {
	pv, err := s.previewer(r, t)
	if err != nil {
		return err
	}
	_, stored, _, err := s.loadOutline(r, t.Org.Code)
	if err != nil {
		return err
	}
	p := outlineEditor(t, o, pv)
	p.Stored = stored
	p.currentProblems(o)
	set(&p)
	s.render(w, r, status, "report_outline", "段落模板", p)
	return nil
}

// askConfirm puts the confirmation of a removal at the top of the editor and marks the section.
func (p *outlinePage) askConfirm(c *outlineConfirm, typed bool) {
	if typed {
		c.Detail += "页面上的其他修改将随删除一并保存。"
	}
	p.Confirm = c
	for i := range p.Sections {
		if "remove-confirmed:"+p.Sections[i].Path == c.Op {
			p.Sections[i].Confirming = true
		}
	}
}

// keepNewHeadings shows again the new headings that were refused, so they can be corrected.
func (p *outlinePage) keepNewHeadings(kept map[string]string) {
	p.NewTop = kept[newSectionField(nil)]
	for i := range p.Sections {
		p.Sections[i].NewHeading = kept["newsec."+p.Sections[i].Path]
	}
}

func outlineJSON(o report.Outline) string {
	b, _ := json.Marshal(o)
	return string(b)
}

// reportOutlineReset deletes the org's own outline: its report uses the default again (or the
// outline of an ancestor that has one).
func (s *Server) reportOutlineReset(w http.ResponseWriter, r *http.Request) error {
	t, err := s.reportTarget(r)
	if err != nil {
		return err
	}
	rs := state(r)
	if err := s.st.SaveReportOutline(r.Context(), rs.actor(), rs.scope, t.Org.Code, ""); err != nil {
		return err
	}
	redirect(w, r, "/reports/outline?"+t.Query(), "已恢复默认段落模板（上级单位有自定义模板的，沿用上级单位的模板）。")
	return nil
}

// reportOutlinePreview renders one paragraph (htmx, as the user types).
func (s *Server) reportOutlinePreview(w http.ResponseWriter, r *http.Request) error {
	t, err := s.reportTarget(r)
	if err != nil {
		return err
	}
	field := r.URL.Query().Get("field")
	if !strings.HasPrefix(field, "tpl.") && !strings.HasPrefix(field, "new.") {
		return badRequest("预览字段「%s」无效", field)
	}
	pv, err := s.previewer(r, t)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.tmpl.pages["report_outline"].ExecuteTemplate(&buf, "preview", pv.render(cleanTemplate(r.PostFormValue(field)))); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
	return nil
}

// cleanTemplate: a template is one paragraph, so line breaks typed into it are dropped.
func cleanTemplate(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\r", "", "\n", "").Replace(s))
}

// outlineEditor lays the outline out as fields, in the order applyOutlineForm reads them, with
// the buttons of the structural edits.
func outlineEditor(t reportTarget, o report.Outline, pv previewer) outlinePage {
	p := outlinePage{T: t, Title: o.Title, TitleProblem: headingProblem(o.Title),
		PreviewURL: "/reports/outline/preview?" + t.Query(), TextsURL: "/reports/texts?" + t.Query()}
	base, _ := json.Marshal(o)
	p.Base = string(base)
	n := 0
	field := func(name string) outlineBlock {
		return outlineBlock{Field: name, PreviewURL: p.PreviewURL + "&" + url.Values{"field": {name}}.Encode(),
			TextsURL: p.TextsURL, Rows: 3}
	}
	blocks := func(list []report.Block, path string) []outlineBlock {
		var out []outlineBlock
		for i, b := range list {
			ob := field("tpl." + strconv.Itoa(n))
			n++
			ob.Number, ob.First, ob.Last = i+1, i == 0, i == len(list)-1
			at := path + "/" + strconv.Itoa(i)
			ob.UpOp, ob.DownOp = "para-up:"+at, "para-down:"+at
			if b.Key != "" {
				ob.Key, ob.KeyLabel, ob.Optional = b.Key, report.TextLabel(b.Key), b.Optional
			} else {
				ob.Template, ob.Preview = b.Template, pv.render(b.Template)
				ob.Rows = min(max(utf8.RuneCountInString(b.Template)/40+1, 2), 8)
			}
			out = append(out, ob)
		}
		return out
	}
	newBlock := func(path string) outlineBlock {
		b := field("new." + path)
		b.Preview = paraPreview{Year: t.Year, Empty: true}
		return b
	}
	p.Intro, p.IntroAdd = blocks(o.Blocks, "intro"), newBlock("intro")
	var sections func(list []report.Section, prefix, where string, depth int)
	sections = func(list []report.Section, prefix, where string, depth int) {
		for i := range list {
			s := list[i]
			level := s.Level
			if level == 0 {
				level = depth
			}
			path := prefix + strconv.Itoa(i)
			number := where + outlineNumber(level, i+1)
			sec := outlineSection{Path: path, Number: number, Depth: depth, Heading: s.Heading,
				Problem: headingProblem(s.Heading), Add: newBlock(path),
				UpOp: "up:" + path, DownOp: "down:" + path, RemoveOp: "remove:" + path, AddOp: "add:" + path,
				First: i == 0, Last: i == len(list)-1, Only: depth == 1 && len(list) == 1,
				CanAddSub: depth < report.MaxDepth, Empty: len(s.Blocks) == 0 && len(s.Sections) == 0}
			sec.Blocks = blocks(s.Blocks, path)
			p.Sections = append(p.Sections, sec)
			sections(s.Sections, path+".", number, depth+1)
		}
	}
	sections(o.Sections, "", "", 1)
	for _, id := range report.SpecIDs() {
		row := outlineRef{ID: id, Pending: true}
		if d, ok := indicators.Lookup(id); ok {
			row = outlineRef{ID: id, Label: d.Label, Unit: d.Unit, Formula: d.Formula}
		}
		p.IDs = append(p.IDs, row)
	}
	p.Vars = []outlineRef{{ID: "org", Label: "报告机关名称"}, {ID: "region", Label: "地区简称（如“兴宁市”）"},
		{ID: "year", Label: "报告年度"}, {ID: "prev_year", Label: "上一年度"}, {ID: "next_year", Label: "下一年度"}}
	return p
}

// outlineNumber is the 公文 sequence number the report prints for the n-th heading at a level
// (一、 （一） 1. （1）), so that the editor names places as the checks do.
func outlineNumber(level, n int) string {
	switch level {
	case 1:
		return outlineNumeral(n) + "、"
	case 2:
		return "（" + outlineNumeral(n) + "）"
	case 3:
		return strconv.Itoa(n) + "."
	}
	return "（" + strconv.Itoa(n) + "）"
}

func outlineNumeral(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}
