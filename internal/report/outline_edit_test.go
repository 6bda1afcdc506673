package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// editFixture is a small outline: three sections, the second with two subsections, every
// section with paragraphs so that Build prints it.
func editFixture() Outline {
	p := func(t string) Block { return Block{Template: t} }
	return Outline{Title: "{org}{year}年报告", Blocks: []Block{p("开头一。"), p("开头二。")},
		Sections: []Section{
			{Heading: "甲", Blocks: []Block{p("甲一{mediation.cases}件。"), p("甲二。"), p("甲三。")}},
			{Heading: "乙", Blocks: []Block{p("乙一。")}, Sections: []Section{
				{Heading: "乙子一", Blocks: []Block{p("子一。")}},
				{Heading: "乙子二", Blocks: []Block{p("子二。")}},
			}},
			{Heading: "丙{year}", Blocks: []Block{p("丙一。")}},
		}}
}

// printed is the built report as lines "number heading：paragraph/paragraph", the opening
// first: the numbering and order the HTML, Markdown and DOCX outputs print.
func printed(t *testing.T, o Outline) []string {
	t.Helper()
	r := build(t, o, synth(2024, 1), nil)
	paras := func(list []Para) string {
		var s []string
		for _, p := range list {
			s = append(s, p.Text())
		}
		return strings.Join(s, "/")
	}
	out := []string{"开头：" + paras(r.Intro)}
	var rec func([]Part)
	rec = func(list []Part) {
		for _, p := range list {
			out = append(out, p.Number+p.Heading+"："+paras(p.Paras))
			rec(p.Parts)
		}
	}
	rec(r.Parts)
	return out
}

// addPrinted adds a section and gives it a paragraph, so that Build prints it.
func addPrinted(o *Outline, parent SectionPath, heading string) error {
	p, err := o.AddSection(parent, heading)
	if err != nil {
		return err
	}
	s, err := o.SectionAt(p)
	if err != nil {
		return err
	}
	s.Blocks = append(s.Blocks, Block{Template: "新段。"})
	return nil
}

func TestOutlineEdits(t *testing.T) {
	unchanged := []string{"开头：开头一。/开头二。", "一、甲：甲一2923件。/甲二。/甲三。", "二、乙：乙一。",
		"（一）乙子一：子一。", "（二）乙子二：子二。", "三、丙2024：丙一。"}
	one := Outline{Title: "t", Sections: []Section{{Heading: "唯一", Blocks: []Block{{Template: "段。"}}}}}
	tests := []struct {
		name    string
		from    *Outline // editFixture() when nil
		edit    func(o *Outline) error
		want    []string // printed after the edit; the printed outline when the edit is refused
		wantErr error
	}{
		{name: "move a section up", edit: func(o *Outline) error { return moved(o.MoveSection(SectionPath{2}, -1)) },
			want: []string{"开头：开头一。/开头二。", "一、甲：甲一2923件。/甲二。/甲三。", "二、丙2024：丙一。", "三、乙：乙一。",
				"（一）乙子一：子一。", "（二）乙子二：子二。"}},
		{name: "move a section down with its subsections", edit: func(o *Outline) error { return moved(o.MoveSection(SectionPath{1}, 1)) },
			want: []string{"开头：开头一。/开头二。", "一、甲：甲一2923件。/甲二。/甲三。", "二、丙2024：丙一。", "三、乙：乙一。",
				"（一）乙子一：子一。", "（二）乙子二：子二。"}},
		{name: "move the first section down", edit: func(o *Outline) error { return moved(o.MoveSection(SectionPath{0}, 1)) },
			want: []string{"开头：开头一。/开头二。", "一、乙：乙一。", "（一）乙子一：子一。", "（二）乙子二：子二。",
				"二、甲：甲一2923件。/甲二。/甲三。", "三、丙2024：丙一。"}},
		{name: "move a subsection up", edit: func(o *Outline) error { return moved(o.MoveSection(SectionPath{1, 1}, -1)) },
			want: []string{"开头：开头一。/开头二。", "一、甲：甲一2923件。/甲二。/甲三。", "二、乙：乙一。",
				"（一）乙子二：子二。", "（二）乙子一：子一。", "三、丙2024：丙一。"}},
		{name: "move the first section up", edit: func(o *Outline) error { return moved(o.MoveSection(SectionPath{0}, -1)) },
			want: unchanged, wantErr: ErrAtFirst},
		{name: "move the last section down", edit: func(o *Outline) error { return moved(o.MoveSection(SectionPath{2}, 1)) },
			want: unchanged, wantErr: ErrAtLast},
		{name: "move the last subsection down", edit: func(o *Outline) error { return moved(o.MoveSection(SectionPath{1, 1}, 1)) },
			want: unchanged, wantErr: ErrAtLast},
		{name: "move an unknown section", edit: func(o *Outline) error { return moved(o.MoveSection(SectionPath{3}, -1)) },
			want: unchanged, wantErr: ErrNoSection},
		{name: "move an unknown subsection", edit: func(o *Outline) error { return moved(o.MoveSection(SectionPath{1, 2}, -1)) },
			want: unchanged, wantErr: ErrNoSection},
		{name: "move the outline itself", edit: func(o *Outline) error { return moved(o.MoveSection(SectionPath{}, 1)) },
			want: unchanged, wantErr: ErrNoSection},

		{name: "remove a section: the numbering closes up", edit: func(o *Outline) error { return removed(o.RemoveSection(SectionPath{0})) },
			want: []string{"开头：开头一。/开头二。", "一、乙：乙一。", "（一）乙子一：子一。", "（二）乙子二：子二。", "二、丙2024：丙一。"}},
		{name: "remove a section with its subsections", edit: func(o *Outline) error { return removed(o.RemoveSection(SectionPath{1})) },
			want: []string{"开头：开头一。/开头二。", "一、甲：甲一2923件。/甲二。/甲三。", "二、丙2024：丙一。"}},
		{name: "remove a subsection", edit: func(o *Outline) error { return removed(o.RemoveSection(SectionPath{1, 0})) },
			want: []string{"开头：开头一。/开头二。", "一、甲：甲一2923件。/甲二。/甲三。", "二、乙：乙一。",
				"（一）乙子二：子二。", "三、丙2024：丙一。"}},
		{name: "remove an unknown section", edit: func(o *Outline) error { return removed(o.RemoveSection(SectionPath{7})) },
			want: unchanged, wantErr: ErrNoSection},
		{name: "remove the outline itself", edit: func(o *Outline) error { return removed(o.RemoveSection(SectionPath{})) },
			want: unchanged, wantErr: ErrNoSection},
		{name: "remove the only section", from: &one, edit: func(o *Outline) error { return removed(o.RemoveSection(SectionPath{0})) },
			want: []string{"开头：", "一、唯一：段。"}, wantErr: ErrLastSection},

		{name: "add a top-level section", edit: func(o *Outline) error { return addPrinted(o, nil, "丁") },
			want: append(slices.Clone(unchanged), "四、丁：新段。")},
		{name: "add a subsection", edit: func(o *Outline) error { return addPrinted(o, SectionPath{2}, "  丙子{year}  ") },
			want: append(slices.Clone(unchanged), "（一）丙子2024：新段。")},
		{name: "add a subsection after the others", edit: func(o *Outline) error { return addPrinted(o, SectionPath{1}, "乙子三") },
			want: []string{"开头：开头一。/开头二。", "一、甲：甲一2923件。/甲二。/甲三。", "二、乙：乙一。",
				"（一）乙子一：子一。", "（二）乙子二：子二。", "（三）乙子三：新段。", "三、丙2024：丙一。"}},
		{name: "a new section without paragraphs is not printed", edit: func(o *Outline) error { return added(o.AddSection(nil, "戊")) },
			want: unchanged},
		{name: "add an empty heading", edit: func(o *Outline) error { return added(o.AddSection(nil, " \t")) },
			want: unchanged, wantErr: ErrEmptyHeading},
		{name: "add a heading with a figure", edit: func(o *Outline) error { return added(o.AddSection(nil, "调解{mediation.cases}件")) },
			want: unchanged, wantErr: ErrBadHeading},
		{name: "add a heading with a stray brace", edit: func(o *Outline) error { return added(o.AddSection(nil, "丁{year")) },
			want: unchanged, wantErr: ErrBadHeading},
		{name: "add under an unknown section", edit: func(o *Outline) error { return added(o.AddSection(SectionPath{1, 5}, "丁")) },
			want: unchanged, wantErr: ErrNoSection},

		{name: "move a paragraph down", edit: func(o *Outline) error { return o.MoveBlock(SectionPath{0}, 0, 1) },
			want: []string{"开头：开头一。/开头二。", "一、甲：甲二。/甲一2923件。/甲三。", "二、乙：乙一。",
				"（一）乙子一：子一。", "（二）乙子二：子二。", "三、丙2024：丙一。"}},
		{name: "move a paragraph up", edit: func(o *Outline) error { return o.MoveBlock(SectionPath{0}, 2, -1) },
			want: []string{"开头：开头一。/开头二。", "一、甲：甲一2923件。/甲三。/甲二。", "二、乙：乙一。",
				"（一）乙子一：子一。", "（二）乙子二：子二。", "三、丙2024：丙一。"}},
		{name: "move an opening paragraph", edit: func(o *Outline) error { return o.MoveBlock(SectionPath{}, 1, -1) },
			want: append([]string{"开头：开头二。/开头一。"}, unchanged[1:]...)},
		{name: "move the first paragraph up", edit: func(o *Outline) error { return o.MoveBlock(SectionPath{0}, 0, -1) },
			want: unchanged, wantErr: ErrAtFirst},
		{name: "move the last paragraph down", edit: func(o *Outline) error { return o.MoveBlock(SectionPath{1, 0}, 0, 1) },
			want: unchanged, wantErr: ErrAtLast},
		{name: "move an unknown paragraph", edit: func(o *Outline) error { return o.MoveBlock(SectionPath{0}, 3, -1) },
			want: unchanged, wantErr: ErrNoBlock},
		{name: "move a paragraph of an unknown section", edit: func(o *Outline) error { return o.MoveBlock(SectionPath{4}, 0, 1) },
			want: unchanged, wantErr: ErrNoSection},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := editFixture()
			if tt.from != nil {
				o = *tt.from
			}
			before := cloneOutline(t, o)
			copyBefore := o // a copy sharing the slices: no edit may reach it
			err := tt.edit(&o)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil && !reflect.DeepEqual(o, before) {
				t.Errorf("a refused edit changed the outline:\n%+v", o)
			}
			if !reflect.DeepEqual(copyBefore, before) {
				t.Errorf("the edit reached a copy made before it:\n%+v", copyBefore)
			}
			if err := o.Validate(); err != nil {
				t.Errorf("edited outline invalid: %v", err)
			}
			if got := printed(t, o); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("printed:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// moved, added and removed keep the error of an edit, for the table.
func moved(_ SectionPath, err error) error { return err }
func added(_ SectionPath, err error) error { return err }
func removed(_ Section, err error) error   { return err }

// cloneOutline is a deep copy, through JSON, to compare an outline with its earlier self.
func cloneOutline(t *testing.T, o Outline) Outline {
	t.Helper()
	data, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseOutline(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The paths the edits return name the section where it now is, and messages name the place.
func TestOutlineEditPathsAndMessages(t *testing.T) {
	o := editFixture()
	p, err := o.MoveSection(SectionPath{1, 0}, 1)
	if err != nil || p.String() != "1.1" || o.Place(p) != "二、（二）" {
		t.Fatalf("moved to %v (%s), %v", p, o.Place(p), err)
	}
	if s, _ := o.SectionAt(p); s.Heading != "乙子一" {
		t.Errorf("section at the new path: %q", s.Heading)
	}
	p, err = o.AddSection(SectionPath{2}, "丙子")
	if err != nil || p.String() != "2.0" {
		t.Fatalf("added at %v, %v", p, err)
	}
	_, err = o.MoveSection(SectionPath{0}, -1)
	if err == nil || err.Error() != "「一、甲」已在最前，不能再上移" {
		t.Errorf("message: %v", err)
	}
	if err := o.MoveBlock(SectionPath{1, 1}, 0, 1); err == nil || err.Error() != "「二、（二）第1段」已在最后，不能再下移" {
		t.Errorf("message: %v", err)
	}
	if got := o.Place(SectionPath{9}); got != "" {
		t.Errorf("place of nothing: %q", got)
	}
	if got := o.Place(SectionPath{}); got != "开头" {
		t.Errorf("place of the opening: %q", got)
	}
}

// Headings go four levels deep (一、（一）1.（1）), no deeper.
func TestOutlineAddSectionDepth(t *testing.T) {
	o := editFixture()
	p := SectionPath{0}
	for depth := 2; depth <= MaxDepth; depth++ {
		var err error
		if p, err = o.AddSection(p, "第"+chineseNumeral(depth)+"级"); err != nil {
			t.Fatalf("depth %d: %v", depth, err)
		}
	}
	if got := o.Place(p); got != "一、（一）1.（1）" {
		t.Errorf("place of the deepest: %q", got)
	}
	before := cloneOutline(t, o)
	if _, err := o.AddSection(p, "第五级"); !errors.Is(err, ErrTooDeep) || !strings.Contains(err.Error(), "最多4级") {
		t.Errorf("fifth level: %v", err)
	}
	if !reflect.DeepEqual(o, before) {
		t.Error("a refused addition changed the outline")
	}
}

func TestParseSectionPath(t *testing.T) {
	tests := []struct {
		in   string
		want SectionPath
		ok   bool
	}{
		{"", SectionPath{}, true},
		{"0", SectionPath{0}, true},
		{"2.0.11", SectionPath{2, 0, 11}, true},
		{"-1", nil, false},
		{"01", nil, false},
		{"+1", nil, false},
		{"1..2", nil, false},
		{"1.", nil, false},
		{"a", nil, false},
		{"99999999999999999999", nil, false},
	}
	for _, tt := range tests {
		got, err := ParseSectionPath(tt.in)
		if (err == nil) != tt.ok || (tt.ok && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("ParseSectionPath(%q) = %v, %v", tt.in, got, err)
			continue
		}
		if tt.ok && got.String() != tt.in {
			t.Errorf("String(%v) = %q, want %q", got, got.String(), tt.in)
		}
		if !tt.ok && !errors.Is(err, ErrNoSection) {
			t.Errorf("ParseSectionPath(%q): error %v", tt.in, err)
		}
	}
}

// An edited outline prints in its new order in every output, not only in the built model.
func TestEditedOutlineRendersInOrder(t *testing.T) {
	o := editFixture()
	if _, err := o.MoveSection(SectionPath{2}, -2); err != nil {
		t.Fatal(err)
	}
	if err := addPrinted(&o, SectionPath{0}, "丙子"); err != nil {
		t.Fatal(err)
	}
	html, md, doc := render(t, build(t, o, synth(2024, 1), nil))
	xml := documentXML(t, doc)
	for name, out := range map[string]string{"html": html, "md": md, "docx": xml} {
		last := -1
		for _, h := range []string{"一、丙2024", "（一）丙子", "二、甲", "三、乙", "（一）乙子一", "（二）乙子二"} {
			i := strings.Index(out, h)
			if i < 0 || i < last {
				t.Errorf("%s: %q missing or out of order", name, h)
				break
			}
			last = i
		}
	}
}

// documentXML is word/document.xml of a .docx.
func documentXML(t *testing.T, doc []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatal("no word/document.xml in the .docx")
	return ""
}
