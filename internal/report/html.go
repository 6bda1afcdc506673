package report

import (
	"html/template"
	"io"
)

// HTML writes the report as one standalone page: on screen an A4 sheet with every figure a
// link to its records (hover for the formula, numerator ÷ denominator and last year), and a
// print stylesheet with the GB/T 9704 page (A4, margins 37/26/35/28 mm, "— N —" page numbers
// where the browser supports page-margin boxes). The inline year-over-year notes are for the
// screen; on paper, as in the .docx, the comparison is the appendix table.
func (r *Report) HTML(w io.Writer) error {
	return htmlTmpl.Execute(w, r)
}

var htmlTmpl = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-right { content: "— " counter(page) " —"; font: 14pt "宋体", SimSun, "Noto Serif CJK SC", serif; } }
html { background: #e8e8e8; }
body { margin: 0; }
.page { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 37mm 26mm 35mm 28mm;
  background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.25); color: #000;
  font: 16pt/28pt "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", serif;
  text-align: justify; letter-spacing: -0.25pt; /* 28 characters a line, as in the .docx */ }
h1 { font: 22pt/35pt "方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", STZhongsong, "Noto Serif CJK SC", "Source Han Serif SC", serif;
  text-align: center; margin: 0 0 28pt; }
h2, h3, h4 { font-size: 16pt; line-height: 28pt; margin: 0; text-indent: 2em; }
h2, .lead1 { font-family: "黑体", SimHei, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-weight: normal; }
h3, .lead2 { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, "Noto Serif CJK SC", serif; font-weight: normal; }
h4, .lead3 { font-weight: bold; }
p { margin: 0; text-indent: 2em; }
a.fig { color: #0645ad; text-decoration: none; border-bottom: 1px dotted #0645ad; }
span.fig { border-bottom: 1px dotted #999; }
.fig.na { color: #b00; border-bottom-color: #b00; }
p.gap { color: #b00; border: 1px dashed #b00; padding: 2pt 4pt; text-indent: 0; }
.manual-mark { font-size: 10.5pt; line-height: 1; color: #a15c00; }
.yoy { font-size: 10.5pt; line-height: 1; color: #888; }
.signature { margin-top: 28pt; text-align: right; padding-right: 2em; }
.signature p { text-indent: 0; }
.appendix { margin-top: 56pt; }
.appendix h2 { text-indent: 0; }
table { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 1.5; margin-top: 14pt; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
th { font-weight: bold; text-align: center; }
td.num { text-align: right; white-space: nowrap; }
@media print {
  html { background: none; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  a.fig, span.fig { color: inherit; border: 0; }
  .yoy, .manual-mark { display: none; }
  .appendix { break-before: page; margin-top: 0; }
  tr { break-inside: avoid; }
}
</style>
</head>
<body>
<main class="page">
<h1>{{.Title}}</h1>
{{range .Intro}}{{template "para" .}}{{end}}
{{range .Parts}}{{template "part" .}}{{end}}
<div class="signature">{{with .Issuer}}<p>{{.}}</p>{{end}}{{with .IssuedOn}}<p>{{.}}</p>{{end}}</div>
{{if .Figures}}<section class="appendix">
<h2>附表：主要指标</h2>
<table>
<thead><tr><th>指标</th><th>本年</th><th>上年</th><th>变化</th><th>{{.BasisHeader}}</th></tr></thead>
<tbody>
{{range .Figures}}<tr><td>{{.Label}}</td><td class="num">{{.ValueText}}</td><td class="num">{{or .PrevText "—"}}</td><td class="num">{{or .Change "—"}}</td><td>{{.Basis}}</td></tr>
{{end}}</tbody>
</table>
</section>{{end}}
</main>
</body>
</html>
{{define "part"}}<section>
{{if eq .Level 1}}<h2>{{.Number}}{{.Heading}}</h2>{{else if eq .Level 2}}<h3>{{.Number}}{{.Heading}}</h3>{{else}}<h4>{{.Number}}{{.Heading}}</h4>{{end}}
{{range .Paras}}{{template "para" .}}{{end}}{{range .Parts}}{{template "part" .}}{{end}}</section>
{{end}}
{{define "para"}}{{if .Gap}}<p class="gap" data-gap>【待补：{{.Gap}}】</p>
{{else}}<p>{{with .Lead}}<span class="lead{{$.LeadLevel}}">{{.}}</span>{{end}}{{range .Spans}}{{if .Fig}}{{template "fig" .}}{{else}}{{.Text}}{{end}}{{end}}</p>
{{end}}{{end}}
{{define "fig"}}{{$s := .}}{{with .Fig}}{{if .Link}}<a class="fig{{if .Unavailable}} na{{end}}" href="{{.Link}}" title="{{.Tooltip}}" data-id="{{.ID}}">{{.Text}}</a>{{else}}<span class="fig{{if .Unavailable}} na{{end}}" title="{{.Tooltip}}" data-id="{{.ID}}">{{.Text}}</span>{{end}}{{$s.Suffix}}{{if .Manual}}<span class="manual-mark" title="手工填报：{{.Manual}}">（手工填报）</span>{{end}}{{with .YoY}}<span class="yoy">（{{.}}）</span>{{end}}{{end}}{{end}}
`))
