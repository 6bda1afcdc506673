package report

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The structural edits of the outline editor: add, remove and move sections, move paragraphs.
// Each edit either succeeds or returns an error and leaves the outline as it was. Sections are
// named by their SectionPath, the indices a rendered editor page was built with; numbers
// ("三、（一）") are never stored, so after any edit Build numbers the sections in their new order.

// MaxDepth is the deepest heading level: 公文 has four (一、 （一） 1. （1）), and a fifth
// would print like the fourth.
const MaxDepth = 4

// The reasons an edit is refused. The messages are for the people editing the outline; the
// editor shows them as they are, prefixed with the place when there is one.
var (
	ErrNoSection    = errors.New("提纲中没有要操作的标题（提纲可能已被修改），请刷新页面后重试")
	ErrNoBlock      = errors.New("本节没有要移动的段落（提纲可能已被修改），请刷新页面后重试")
	ErrEmptyHeading = errors.New("新增标题不能为空，请先填写标题")
	ErrBadHeading   = errors.New("标题有误")
	ErrTooDeep      = fmt.Errorf("标题最多%d级（一、（一）1.（1）），不能在第%d级标题下再新增小节", MaxDepth, MaxDepth)
	ErrLastSection  = errors.New("提纲至少要保留一个一级标题，不能删除唯一的一节；如需改写，请直接修改该节的标题和段落")
	ErrAtFirst      = errors.New("已在最前，不能再上移")
	ErrAtLast       = errors.New("已在最后，不能再下移")
)

// SectionPath names a section by its index among its siblings at each level, from the top:
// {2, 0} is the first subsection of the third section (“三、（一）”). The empty path is the
// outline itself: its opening blocks, and the parent of the top-level sections.
type SectionPath []int

// String writes a path as the editor's forms carry it: "2.0"; "" for the outline itself.
func (p SectionPath) String() string {
	parts := make([]string, len(p))
	for i, n := range p {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ".")
}

// ParseSectionPath reads a path written by String. It checks only the form, not that the
// section exists: the edits do that.
func ParseSectionPath(s string) (SectionPath, error) {
	if s == "" {
		return SectionPath{}, nil
	}
	var p SectionPath
	for _, part := range strings.Split(s, ".") {
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 || strconv.Itoa(n) != part {
			return nil, ErrNoSection
		}
		p = append(p, n)
	}
	return p, nil
}

// parent is the path of the section's parent; the outline itself for a top-level section.
func (p SectionPath) parent() SectionPath { return p[:len(p)-1] }

// last is the section's index among its siblings.
func (p SectionPath) last() int { return p[len(p)-1] }

// with is the path of the sibling at index i.
func (p SectionPath) with(i int) SectionPath {
	return append(slices.Clone(p.parent()), i)
}

// Place is the number the report gives a section in the outline's order ("三、（一）"), the way
// Validate and Check name places. It is "开头" for the outline itself and "" for a path that
// names no section.
func (o Outline) Place(p SectionPath) string {
	if len(p) == 0 {
		return "开头"
	}
	var b strings.Builder
	list := o.Sections
	for depth, i := range p {
		if i < 0 || i >= len(list) {
			return ""
		}
		b.WriteString(number(levelOf(&list[i], depth+1), i+1))
		list = list[i].Sections
	}
	return b.String()
}

// label names a section for a message: its place and heading, “三、（一）加强……”.
func (o Outline) label(p SectionPath) string {
	s, err := o.SectionAt(p)
	if err != nil || s == nil {
		return o.Place(p)
	}
	return o.Place(p) + s.Heading
}

// SectionAt returns the section a path names, or nil for the outline itself.
func (o Outline) SectionAt(p SectionPath) (*Section, error) {
	var s *Section
	list := o.Sections
	for _, i := range p {
		if i < 0 || i >= len(list) {
			return nil, ErrNoSection
		}
		s = &list[i]
		list = s.Sections
	}
	return s, nil
}

// children returns the list that holds the sections under parent, ready to be changed: every
// list on the way is copied first, because an Outline is a value whose copies share their
// slices, and an edit must not reach a copy made before it (the editor tries an edit on a copy
// before asking for confirmation).
func (o *Outline) children(parent SectionPath) (*[]Section, error) {
	list := &o.Sections
	for _, i := range parent {
		if i < 0 || i >= len(*list) {
			return nil, ErrNoSection
		}
		*list = slices.Clone(*list)
		list = &(*list)[i].Sections
	}
	*list = slices.Clone(*list)
	return list, nil
}

// blocksOf returns the blocks of a section (the opening blocks for the empty path), copied
// like children.
func (o *Outline) blocksOf(p SectionPath) (*[]Block, error) {
	if len(p) == 0 {
		o.Blocks = slices.Clone(o.Blocks)
		return &o.Blocks, nil
	}
	list, err := o.children(p.parent())
	if err != nil {
		return nil, err
	}
	if p.last() < 0 || p.last() >= len(*list) {
		return nil, ErrNoSection
	}
	s := &(*list)[p.last()]
	s.Blocks = slices.Clone(s.Blocks)
	return &s.Blocks, nil
}

// AddSection appends a section with the heading under parent (the empty path: a top-level
// section) and returns its path. A new section has no paragraphs, so the report leaves it out
// until one is added.
func (o *Outline) AddSection(parent SectionPath, heading string) (SectionPath, error) {
	heading = strings.TrimSpace(heading)
	if heading == "" {
		return nil, ErrEmptyHeading
	}
	if err := checkHeading(heading); err != nil {
		return nil, err
	}
	if len(parent) >= MaxDepth {
		return nil, ErrTooDeep
	}
	list, err := o.children(parent)
	if err != nil {
		return nil, err
	}
	*list = append(*list, Section{Heading: heading})
	return append(slices.Clone(parent), len(*list)-1), nil
}

// checkHeading refuses a heading that does not parse or that quotes a figure, as Validate does.
func checkHeading(text string) error {
	refs, err := ParseTemplate(text)
	if err != nil {
		return fmt.Errorf("%w：%v", ErrBadHeading, err)
	}
	for _, r := range refs {
		if !r.Var {
			return fmt.Errorf("%w：标题中不能引用指标「%s」，只能使用 {year}、{org} 等变量", ErrBadHeading, r.ID)
		}
	}
	return nil
}

// RemoveSection removes a section with its paragraphs and subsections and returns it. The last
// top-level section is kept: an outline without sections is not a report.
func (o *Outline) RemoveSection(p SectionPath) (Section, error) {
	s, err := o.SectionAt(p)
	if err != nil || s == nil {
		return Section{}, ErrNoSection
	}
	if len(p) == 1 && len(o.Sections) == 1 {
		return Section{}, ErrLastSection
	}
	removed := *s
	list, err := o.children(p.parent())
	if err != nil {
		return Section{}, err
	}
	*list = slices.Delete(*list, p.last(), p.last()+1)
	return removed, nil
}

// MoveSection moves a section by delta places among its siblings (-1: up, 1: down), with its
// paragraphs and subsections, and returns its new path.
func (o *Outline) MoveSection(p SectionPath, delta int) (SectionPath, error) {
	s, err := o.SectionAt(p)
	if err != nil || s == nil {
		return nil, ErrNoSection
	}
	siblings, _ := o.SectionAt(p.parent())
	n := len(o.Sections)
	if siblings != nil {
		n = len(siblings.Sections)
	}
	to, err := moveTarget(p.last(), delta, n)
	if err != nil {
		return nil, fmt.Errorf("「%s」%w", o.label(p), err)
	}
	list, err := o.children(p.parent())
	if err != nil {
		return nil, err
	}
	move(*list, p.last(), to)
	return p.with(to), nil
}

// MoveBlock moves the i-th paragraph of a section (the opening for the empty path) by delta
// places within that section.
func (o *Outline) MoveBlock(p SectionPath, i, delta int) error {
	s, err := o.SectionAt(p)
	if err != nil {
		return err
	}
	n := len(o.Blocks)
	if s != nil {
		n = len(s.Blocks)
	}
	if i < 0 || i >= n {
		return ErrNoBlock
	}
	to, err := moveTarget(i, delta, n)
	if err != nil {
		return fmt.Errorf("「%s第%d段」%w", o.Place(p), i+1, err)
	}
	blocks, err := o.blocksOf(p)
	if err != nil {
		return err
	}
	move(*blocks, i, to)
	return nil
}

// moveTarget is where the item at index i of n lands when moved by delta.
func moveTarget(i, delta, n int) (int, error) {
	to := i + delta
	switch {
	case to < 0:
		return 0, ErrAtFirst
	case to >= n:
		return 0, ErrAtLast
	}
	return to, nil
}

// move takes the item at index from and puts it at index to, shifting those in between.
func move[T any](list []T, from, to int) {
	item := list[from]
	if from < to {
		copy(list[from:to], list[from+1:to+1])
	} else {
		copy(list[to+1:from+1], list[to:from])
	}
	list[to] = item
}
