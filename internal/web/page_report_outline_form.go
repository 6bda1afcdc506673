package web

// The outline editor's form, read back: the typed headings and paragraph templates, the new
// sections, and the one structural edit (move, add, remove) a button asked for.

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/report"
)

// outlineForm is what applyOutlineForm did besides writing the texts.
type outlineForm struct {
	added    map[string]report.SectionPath // new sections by the field that named them
	kept     map[string]string             // new headings refused, by field
	problems []string
}

// applyOutlineForm writes the posted title, headings and templates into o, and appends the
// filled new paragraphs and new sections. Blocks are numbered in outline order (the opening
// blocks, then each section's blocks before its subsections), the order outlineEditor gives
// the fields.
//
// An emptied paragraph is kept, empty, for withoutEmptyBlocks to drop: a structural edit posted
// with the texts names paragraphs and sections by their place in the posted base, which
// appending keeps and removing would not.
func applyOutlineForm(o *report.Outline, form url.Values) outlineForm {
	if v, ok := form["title"]; ok {
		o.Title = strings.TrimSpace(v[0])
	}
	n := 0
	blocks := func(list []report.Block, path string) []report.Block {
		out := make([]report.Block, 0, len(list)+1)
		for _, b := range list {
			field := "tpl." + strconv.Itoa(n)
			n++
			if b.Key != "" {
				b.Template = ""
			} else if v, ok := form[field]; ok {
				b.Template = cleanTemplate(v[0])
			}
			out = append(out, b)
		}
		if v := cleanTemplate(form.Get("new." + path)); v != "" {
			out = append(out, report.Block{Template: v})
		}
		return out
	}
	o.Blocks = blocks(o.Blocks, "intro")
	parents := []report.SectionPath{{}} // where a new section may be added, as the editor offers it
	var sections func(list []report.Section, parent report.SectionPath)
	sections = func(list []report.Section, parent report.SectionPath) {
		for i := range list {
			p := append(slices.Clone(parent), i)
			path := p.String()
			if v, ok := form["h."+path]; ok {
				list[i].Heading = strings.TrimSpace(v[0])
			}
			list[i].Blocks = blocks(list[i].Blocks, path)
			if len(p) < report.MaxDepth {
				parents = append(parents, p)
			}
			sections(list[i].Sections, p)
		}
	}
	sections(o.Sections, nil)
	return addSections(o, form, parents)
}

// addSections appends the sections whose new-heading fields are filled, after the texts are
// written: each goes last under its parent, so no section of the base moves.
func addSections(o *report.Outline, form url.Values, parents []report.SectionPath) outlineForm {
	res := outlineForm{added: map[string]report.SectionPath{}, kept: map[string]string{}}
	for _, parent := range parents {
		field := newSectionField(parent)
		heading := strings.TrimSpace(form.Get(field))
		if heading == "" {
			continue
		}
		where := "新增的一级标题「" + heading + "」"
		if len(parent) > 0 {
			where = "在「" + o.Place(parent) + "」下新增的标题「" + heading + "」"
		}
		p, err := o.AddSection(parent, heading)
		if err != nil {
			res.kept[field] = heading
			res.problems = append(res.problems, where+"："+err.Error())
			continue
		}
		res.added[field] = p
	}
	return res
}

// newSectionField names the field of a new heading under a section ("newsec.2"), or at the
// top level ("newsec.top").
func newSectionField(parent report.SectionPath) string {
	if len(parent) == 0 {
		return "newsec.top"
	}
	return "newsec." + parent.String()
}

// withoutEmptyBlocks drops the paragraphs left with neither template nor key (emptied in the
// editor). It builds new lists: o's may be shared with the outline the edits started from.
func withoutEmptyBlocks(o report.Outline) report.Outline {
	keep := func(list []report.Block) []report.Block {
		var out []report.Block
		for _, b := range list {
			if b.Template != "" || b.Key != "" {
				out = append(out, b)
			}
		}
		return out
	}
	var sections func(list []report.Section) []report.Section
	sections = func(list []report.Section) []report.Section {
		if list == nil {
			return nil
		}
		out := make([]report.Section, len(list))
		for i, s := range list {
			s.Blocks = keep(s.Blocks)
			s.Sections = sections(s.Sections)
			out[i] = s
		}
		return out
	}
	o.Blocks = keep(o.Blocks)
	o.Sections = sections(o.Sections)
	return o
}

// outlineOp is the structural edit asked for by the button that submitted the editor (its
// name="op"), on a section or paragraph named by its place in the posted base:
//
//	up:2.0 / down:2.0            move the section among its siblings
//	remove:2.0                   ask to confirm the removal of the section
//	remove-confirmed:2.0         remove it
//	add:top / add:2.0            add the heading typed in newsec.top / newsec.2.0
//	para-up:2.0/3 / para-down:intro/0   move the paragraph within its section
//	cancel                       do not remove after all
//
// Without one, the editor is saved as it is.
type outlineOp struct {
	verb  string
	path  report.SectionPath
	block int
	err   error // the place named does not parse: reported as the place not found
}

func parseOutlineOp(v string) (outlineOp, error) {
	verb, arg, _ := strings.Cut(v, ":")
	op := outlineOp{verb: verb}
	switch verb {
	case "", "cancel":
	case "up", "down", "remove", "remove-confirmed":
		op.path, op.err = sectionArg(arg)
	case "add":
		if arg != "top" {
			op.path, op.err = sectionArg(arg)
		}
	case "para-up", "para-down":
		sec, idx, _ := strings.Cut(arg, "/")
		if sec != "intro" {
			op.path, op.err = sectionArg(sec)
		}
		var err error
		if op.block, err = strconv.Atoi(idx); err != nil && op.err == nil {
			op.err = report.ErrNoBlock
		}
	default:
		return op, badRequest("提纲操作「%s」无效，请刷新页面后重试", v)
	}
	return op, nil
}

// sectionArg reads the path of a section (not the outline itself).
func sectionArg(s string) (report.SectionPath, error) {
	p, err := report.ParseSectionPath(s)
	if err == nil && len(p) == 0 {
		err = report.ErrNoSection
	}
	return p, err
}

// outlineDone is what a structural edit did: the message after saving, the anchor of the
// place to show, or a removal that waits for confirmation (nothing is saved then).
type outlineDone struct {
	flash, anchor string
	confirm       *outlineConfirm
}

// applyOutlineOp performs the edit on o; added names the sections applyOutlineForm added. A
// refused edit leaves o as it was.
func applyOutlineOp(o *report.Outline, op outlineOp, added map[string]report.SectionPath) (outlineDone, error) {
	if op.err != nil {
		return outlineDone{}, op.err
	}
	switch op.verb {
	case "up", "down":
		return moveSection(o, op)
	case "remove":
		return confirmRemoval(o, op.path)
	case "remove-confirmed":
		return removeSection(o, op.path)
	case "add":
		p, ok := added[newSectionField(op.path)]
		if !ok {
			// Nothing was added: say why, as AddSection would.
			if _, err := o.SectionAt(op.path); err != nil {
				return outlineDone{}, err
			}
			if len(op.path) >= report.MaxDepth {
				return outlineDone{}, report.ErrTooDeep
			}
			return outlineDone{}, report.ErrEmptyHeading
		}
		return outlineDone{anchor: sectionAnchor(p), flash: "已新增标题「" + sectionLabel(*o, p) +
			"」。请在其下新增段落：没有段落的标题不出现在报告中。"}, nil
	case "para-up", "para-down":
		delta, dir := -1, "上移"
		if op.verb == "para-down" {
			delta, dir = 1, "下移"
		}
		if err := o.MoveBlock(op.path, op.block, delta); err != nil {
			return outlineDone{}, err
		}
		return outlineDone{anchor: sectionAnchor(op.path),
			flash: fmt.Sprintf("已将「%s」第%d段%s。", o.Place(op.path), op.block+1, dir)}, nil
	}
	return outlineDone{}, nil
}

func moveSection(o *report.Outline, op outlineOp) (outlineDone, error) {
	delta, dir := -1, "上移"
	if op.verb == "down" {
		delta, dir = 1, "下移"
	}
	heading := ""
	if s, err := o.SectionAt(op.path); err == nil && s != nil {
		heading = s.Heading
	}
	p, err := o.MoveSection(op.path, delta)
	if err != nil {
		return outlineDone{}, err
	}
	return outlineDone{anchor: sectionAnchor(p),
		flash: fmt.Sprintf("已将「%s」%s，现为「%s」。", heading, dir, o.Place(p))}, nil
}

// confirmRemoval tries the removal on a copy (the edits never reach a copy's sections) and, if
// it may be done, asks for confirmation, saying what goes with the section.
func confirmRemoval(o *report.Outline, p report.SectionPath) (outlineDone, error) {
	trial := *o
	s, err := trial.RemoveSection(p)
	if err != nil {
		return outlineDone{}, err
	}
	return outlineDone{confirm: &outlineConfirm{Op: "remove-confirmed:" + p.String(),
		Label: sectionLabel(*o, p), Detail: removalDetail(s)}}, nil
}

func removeSection(o *report.Outline, p report.SectionPath) (outlineDone, error) {
	label := sectionLabel(*o, p)
	s, err := o.RemoveSection(p)
	if err != nil {
		return outlineDone{}, err
	}
	anchor := ""
	if len(p) > 1 {
		anchor = sectionAnchor(p[:len(p)-1])
	}
	return outlineDone{anchor: anchor, flash: "已删除「" + label + "」" + removalCount(s) + "，其后各节已重新编号。"}, nil
}

// removalDetail says what a removal takes with it.
func removalDetail(s report.Section) string {
	d := "删除后，本节" + removalCount(s) + "不再出现在报告中，其后各节重新编号。"
	var texts []string
	var rec func(s report.Section)
	rec = func(s report.Section) {
		for _, b := range s.Blocks {
			if b.Key != "" {
				texts = append(texts, "「"+report.TextLabel(b.Key)+"」")
			}
		}
		for _, sub := range s.Sections {
			rec(sub)
		}
	}
	rec(s)
	if texts != nil {
		d += "其中的自由文本" + strings.Join(texts, "、") + "已填写的内容仍然保留，恢复默认提纲即可找回。"
	}
	return d
}

// removalCount is "（含3段、2个小节）": the paragraphs and subsections of a section, all levels.
func removalCount(s report.Section) string {
	paras, subs := 0, 0
	var rec func(s report.Section)
	rec = func(s report.Section) {
		paras += len(s.Blocks)
		subs += len(s.Sections)
		for _, sub := range s.Sections {
			rec(sub)
		}
	}
	rec(s)
	switch {
	case subs > 0:
		return fmt.Sprintf("（含%d段、%d个小节）", paras, subs)
	case paras > 0:
		return fmt.Sprintf("（含%d段）", paras)
	}
	return ""
}

// sectionLabel is "三、（一）加强……", the place and heading of a section.
func sectionLabel(o report.Outline, p report.SectionPath) string {
	s, err := o.SectionAt(p)
	if err != nil || s == nil {
		return o.Place(p)
	}
	return o.Place(p) + s.Heading
}

// sectionAnchor is the fragment that scrolls the editor to a section (the opening for the
// empty path).
func sectionAnchor(p report.SectionPath) string {
	if len(p) == 0 {
		return "#sec-intro"
	}
	return "#sec-" + p.String()
}
