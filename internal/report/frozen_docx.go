package report

import (
	"regexp"
	"strings"

	"github.com/fazhi/fazhi/internal/docx"
)

// FrozenDocument lays a published version's frozen Markdown (as Markdown wrote it) out as the
// GB/T 9704 .docx, so that the public page offers Word from exactly the text that was published
// (its SHA-256 covers the Markdown), not from a new computation.
func FrozenDocument(md, creator string) *docx.Document {
	d := docx.New()
	d.Creator = creator
	paras := strings.Split(strings.TrimSpace(md), "\n\n")
	appendix := len(paras)
	for i, p := range paras {
		if strings.HasPrefix(p, "## 附表") {
			appendix = i
			break
		}
	}
	// The issuing body and the date close the text (Markdown writes them last, before the table).
	sig := appendix
	if sig >= 2 && dateLine.MatchString(unescapeMD(paras[sig-1])) {
		sig -= 2
	}
	for i, p := range paras[:sig] {
		switch level := strings.IndexFunc(p, func(r rune) bool { return r != '#' }); {
		case level == 1 && i == 0:
			d.TitleParagraph(unescapeMD(p[2:]))
			d.Blank()
		case level >= 2 && strings.HasPrefix(p[level:], " "):
			d.Heading(level-1, unescapeMD(p[level+1:]))
		case strings.HasPrefix(p, "**"):
			d.Text(unescapeMD(strings.Replace(strings.TrimPrefix(p, "**"), "**", "", 1)))
		default:
			d.Body(unescapeMD(p))
		}
	}
	if sig < appendix {
		d.Signature(unescapeMD(paras[sig]), unescapeMD(paras[sig+1]))
	}
	if appendix < len(paras) {
		d.PageBreak()
		h := d.Heading(1, unescapeMD(strings.TrimPrefix(paras[appendix], "## ")))
		h.Indent = 0
		var header []string
		var rows [][]string
		for _, table := range paras[appendix+1:] {
			for _, line := range strings.Split(table, "\n") {
				cells := tableCells(line)
				switch {
				case cells == nil || strings.HasPrefix(line, "|---"):
				case header == nil:
					header = cells
				default:
					rows = append(rows, cells)
				}
			}
		}
		right := docx.AlignRight
		d.AddTable(docx.Table{Header: header, Rows: rows, Widths: []int{95, 52, 52, 92, 151},
			Align: []docx.Align{"", right, right, right, ""}})
	}
	return d
}

var dateLine = regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日$`)

// tableCells splits a Markdown table row ("| a | b \| c |"), or nil when line is not one.
func tableCells(line string) []string {
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "|") || !strings.HasSuffix(line, "|") {
		return nil
	}
	var cells []string
	var cur strings.Builder
	body := line[1 : len(line)-1]
	for i := 0; i < len(body); i++ {
		switch {
		case body[i] == '\\' && i+1 < len(body):
			cur.WriteByte(body[i])
			cur.WriteByte(body[i+1])
			i++
		case body[i] == '|':
			cells = append(cells, unescapeMD(strings.TrimSpace(cur.String())))
			cur.Reset()
		default:
			cur.WriteByte(body[i])
		}
	}
	return append(cells, unescapeMD(strings.TrimSpace(cur.String())))
}

// unescapeMD undoes mdEscape.
func unescapeMD(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\*_`[]<>#|", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
