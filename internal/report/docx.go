package report

import (
	"io"

	"github.com/fazhi/fazhi/internal/docx"
)

// DOCX writes the report as a .docx laid out after GB/T 9704-2012 (see package docx): title,
// body, numbered headings, the issuing body and date at the end, and on a new page the
// appendix table of the figures with last year's values and the change.
func (r *Report) DOCX(w io.Writer) error {
	return r.Document().Write(w)
}

// Document is the report as a docx.Document, for callers that add to it before writing.
func (r *Report) Document() *docx.Document {
	d := docx.New()
	d.Creator = r.OrgName
	d.TitleParagraph(r.Title)
	d.Blank()
	para := func(p Para) {
		if p.Lead != "" {
			d.Text(p.Text()) // the run-in heading in its level's font
		} else {
			d.Body(p.Text())
		}
	}
	for _, p := range r.Intro {
		para(p)
	}
	var parts func([]Part)
	parts = func(list []Part) {
		for _, p := range list {
			d.Heading(p.Level, p.Number+p.Heading)
			for _, x := range p.Paras {
				para(x)
			}
			parts(p.Parts)
		}
	}
	parts(r.Parts)
	d.Signature(r.Issuer, r.IssuedOn)
	if len(r.Figures) > 0 {
		d.PageBreak()
		h := d.Heading(1, "附表：主要指标")
		h.Indent = 0
		rows := make([][]string, 0, len(r.Figures))
		for _, f := range r.Figures {
			rows = append(rows, []string{f.Label, f.ValueText(), or(f.PrevText, "—"), or(f.Change, "—"), f.Basis()})
		}
		right := docx.AlignRight
		d.AddTable(docx.Table{Header: []string{"指标", "本年", "上年", "变化", r.BasisHeader()}, Rows: rows,
			Widths: []int{95, 52, 52, 92, 151}, Align: []docx.Align{"", right, right, right, ""}})
	}
	return d
}
