package report

import (
	"bufio"
	"io"
	"strings"
)

// Markdown writes the report as Markdown: the text as printed (no links or inline
// comparisons, which belong to the screen), then the appendix table with last year's figures.
func (r *Report) Markdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	line := func(s string) { bw.WriteString(s + "\n\n") }
	line("# " + mdEscape(r.Title))
	for _, p := range r.Intro {
		line(mdPara(p))
	}
	var parts func([]Part)
	parts = func(list []Part) {
		for _, p := range list {
			line(strings.Repeat("#", min(p.Level+1, 6)) + " " + mdEscape(p.Number+p.Heading))
			for _, para := range p.Paras {
				line(mdPara(para))
			}
			parts(p.Parts)
		}
	}
	parts(r.Parts)
	for _, s := range []string{r.Issuer, r.IssuedOn} {
		if s != "" {
			line(mdEscape(s))
		}
	}
	if len(r.Figures) > 0 {
		line("## 附表：主要指标")
		bw.WriteString("| 指标 | 本年 | 上年 | 变化 | " + r.BasisHeader() + " |\n|---|--:|--:|--:|---|\n")
		for _, f := range r.Figures {
			cells := []string{f.Label, f.ValueText(), or(f.PrevText, "—"), or(f.Change, "—"), f.Basis()}
			for i, c := range cells {
				cells[i] = strings.ReplaceAll(mdEscape(c), "|", `\|`)
			}
			bw.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
	}
	return bw.Flush()
}

func mdPara(p Para) string {
	s := mdEscape(strings.TrimPrefix(p.Text(), p.Lead))
	if p.Lead != "" {
		s = "**" + mdEscape(p.Lead) + "**" + s
	}
	return s
}

// mdEscape keeps Markdown from reading report text as markup.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "\n", " ")

func mdEscape(s string) string { return mdEscaper.Replace(s) }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
