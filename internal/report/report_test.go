package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
)

func TestDefaultOutlineCoversCatalog(t *testing.T) {
	ids := specIDs()
	for _, d := range indicators.Catalog() {
		if !ids[d.ID] {
			t.Errorf("indicator %s (%s) has no paragraph in the default outline", d.ID, d.Label)
		}
	}
	if err := DefaultOutline().Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestDefaultOutlineCoversSpec holds the default outline to indicators.md: a paragraph for every
// id of its table and no id it does not define. The spec lies in ../shared beside the repository.
func TestDefaultOutlineCoversSpec(t *testing.T) {
	var spec []byte
	for dir, _ := os.Getwd(); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if b, err := os.ReadFile(filepath.Join(dir, "..", "shared", "spec", "indicators.md")); err == nil {
			spec = b
			break
		}
	}
	if spec == nil {
		t.Skip("shared/spec/indicators.md not found beside the repository")
	}
	row := regexp.MustCompile(`(?m)^\| ([a-z_]+\.[a-z_]+) \|`)
	want := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(spec), -1) {
		want[m[1]] = true
	}
	if len(want) < 70 {
		t.Fatalf("read only %d ids from indicators.md", len(want))
	}
	got := specIDs()
	for id := range want {
		if !got[id] {
			t.Errorf("indicators.md defines %s but the default outline has no paragraph for it", id)
		}
	}
	for id := range got {
		if _, inCatalog := indicators.Lookup(id); !want[id] && !inCatalog {
			t.Errorf("the default outline references %s, which neither indicators.md nor the catalog defines", id)
		}
	}
}

func TestTextKeys(t *testing.T) {
	want := []string{TextLeaders, TextImprovements, TextShortcomings, TextPlans, TextOther}
	if got := DefaultOutline().TextKeys(); !reflect.DeepEqual(got, want) {
		t.Errorf("TextKeys = %v, want %v", got, want)
	}
}

func TestNestingNamesKnownIDs(t *testing.T) {
	for _, n := range nesting {
		for _, id := range append(append([]string{}, n.Parts...), n.Whole...) {
			if !specIDs()[id] {
				t.Errorf("nesting names %s, not an indicator of indicators.md", id)
			}
		}
	}
}

func TestParseTemplate(t *testing.T) {
	refs, err := ParseTemplate("{year}年全市共调解矛盾纠纷{mediation.cases}件，成功率{ mediation.success_rate }，{{字面}}")
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 3 || !refs[0].Var || refs[1].ID != "mediation.cases" || refs[1].Var || refs[2].ID != "mediation.success_rate" {
		t.Fatalf("refs = %+v", refs)
	}
	if refs[1].Start != len("{year}年全市共调解矛盾纠纷") || refs[1].End != refs[1].Start+len("{mediation.cases}") {
		t.Errorf("offsets %d..%d", refs[1].Start, refs[1].End)
	}

	_, err = ParseTemplate("调解{mediation.casez}件，{nosuch.figure}")
	var te *TemplateError
	if !errors.As(err, &te) || !reflect.DeepEqual(te.Unknown, []string{"mediation.casez", "nosuch.figure"}) {
		t.Fatalf("unknown ids: err = %v", err)
	}
	if !strings.Contains(err.Error(), "mediation.casez") || !strings.Contains(err.Error(), "nosuch.figure") {
		t.Errorf("the error must name the ids: %v", err)
	}
	for _, bad := range []string{"未闭合{mediation.cases", "多余}", "空{}", "嵌套{a{b}}"} {
		if _, err := ParseTemplate(bad); !errors.As(err, &te) || te.Syntax == "" {
			t.Errorf("ParseTemplate(%q) = %v, want a syntax error", bad, err)
		}
	}
	if id := pendingID(); id != "" {
		refs, err := ParseTemplate("{" + id + "}")
		if err != nil || !refs[0].Pending {
			t.Errorf("%s: refs %+v, err %v; want pending, no error", id, refs, err)
		}
	}
}

func TestOutlineJSONRoundTrip(t *testing.T) {
	data, err := json.MarshalIndent(DefaultOutline(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	o, err := ParseOutline(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(o, DefaultOutline()) {
		t.Error("outline changed through JSON")
	}
	if _, err := ParseOutline([]byte(`{"title":"x","sections":[{"heading":"一","blocks":[{"template":"{bad.id}"}]}]}`)); err == nil ||
		!strings.Contains(err.Error(), "bad.id") || !strings.Contains(err.Error(), "一、") {
		t.Errorf("invalid outline: err = %v", err)
	}
	if _, err := ParseOutline([]byte(`{"title":"x","sections":[{"heading":"{mediation.cases}"}]}`)); err == nil {
		t.Error("a figure in a heading must be rejected")
	}
	if _, err := ParseOutline([]byte(`{"title":"x","sections":[{"heading":"h","blocks":[{"template":"t","key":"k"}]}]}`)); err == nil {
		t.Error("a block with both template and key must be rejected")
	}
}

func build(t testing.TB, o Outline, cur, prev *indicators.Result) *Report {
	t.Helper()
	r, err := Build(o, cur, prev, texts, meta)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func render(t testing.TB, r *Report) (html, md string, docx []byte) {
	t.Helper()
	var h, m, d bytes.Buffer
	if err := r.HTML(&h); err != nil {
		t.Fatal(err)
	}
	if err := r.Markdown(&m); err != nil {
		t.Fatal(err)
	}
	if err := r.DOCX(&d); err != nil {
		t.Fatal(err)
	}
	return h.String(), m.String(), d.Bytes()
}

func TestDefaultOutlineRendersEverywhere(t *testing.T) {
	prev := synth(2023, 0.9) // 2631 cases
	set(prev, "mediation.successful", func(v *indicators.Value) { v.Value = 2500 })
	rates(prev)
	r := build(t, DefaultOutline(), synth(2024, 1), prev)
	html, md, doc := render(t, r)

	if r.Title != "兴宁市司法局2024年法治政府建设年度报告" {
		t.Errorf("title %q", r.Title)
	}
	var heads []string
	for _, p := range r.Parts {
		heads = append(heads, p.Number+p.Heading)
	}
	want := []string{
		"一、深入学习贯彻习近平总书记重要讲话重要指示精神，深入贯彻落实党的二十大精神",
		"二、深入学习贯彻习近平法治思想，履行党政主要负责人法治建设第一责任人职责",
		"三、2024年推进法治政府建设的主要举措和成效",
		"四、2023年度法治政府建设中存在问题的改进情况",
		"五、2024年推进法治政府建设存在不足和原因",
		"六、2025年度法治政府建设主要安排",
	}
	// Every section keeps its place and number, whether or not its lines of work are built
	// (issue 8 item 11): a missing line shows as a gap, never as a renumbered outline.
	if !reflect.DeepEqual(heads, want) {
		t.Errorf("sections:\n%s", strings.Join(heads, "\n"))
	}
	if last := heads[len(heads)-1]; !strings.HasSuffix(last, "2025年度法治政府建设主要安排") {
		t.Errorf("last section %q (其他 is empty and must be left out)", last)
	}

	sentence := "全市共调解矛盾纠纷2923件，调解成功2807件，调解成功率达96.0%"
	if !strings.Contains(md, sentence) {
		t.Errorf("Markdown lacks %q:\n%s", sentence, md)
	}
	for _, s := range []string{"# 兴宁市司法局2024年法治政府建设年度报告", "## 附表：主要指标",
		"| 调解成功率 | 96.0% | 95.0% | 增 1.0个百分点 | 调解成功 ÷ 调解矛盾纠纷 = 2807 ÷ 2923 |",
		"| 调解矛盾纠纷 | 2923件 | 2631件 | 增 292件 |", "**（一）法治政府建设不均衡发展现象依然存在。**少数领导干部", "2025年1月3日"} {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown lacks %q", s)
		}
	}
	if strings.Contains(md, "（上年") || strings.Contains(md, "<a") {
		t.Error("Markdown text must stay clean: no inline comparison or links")
	}

	for _, s := range []string{`<html lang="zh-CN">`, "@page", "size: A4", "margin: 37mm 26mm 35mm 28mm",
		`<a class="fig" href="/indicators/mediation.success_rate/records?year=2024"`,
		"title=\"调解成功率：调解成功 ÷ 调解矛盾纠纷 = 2807 ÷ 2923\n统计期：2024-01-01 至 2024-12-31\n上年 95.0%，增 1.0个百分点\"",
		`>96.0%</a><span class="yoy">（上年 95.0%，增 1.0个百分点）</span>`,
		`<span class="lead2">（一）法治政府建设不均衡发展现象依然存在。</span>`,
		`data-id="mediation.cases">2923</a>件<span class="yoy">（上年 2631件，增 292件）</span>`,
		"持续健全矛盾纠纷调处化解体系</h3>"} {
		if !strings.Contains(html, s) {
			t.Errorf("HTML lacks %s", s)
		}
	}

	zr, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	var body string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			body = b.String()
		}
	}
	for _, s := range []string{"调解成功率达96.0%", "持续健全矛盾纠纷调处化解体系", "附表：主要指标", "2025年1月3日", "兴宁市司法局"} {
		if !strings.Contains(body, s) {
			t.Errorf("document.xml lacks %q", s)
		}
	}
}

// TestPendingParagraphsAreGaps: a paragraph whose indicator the catalog lacks (its line of work
// not built) stays in its place as a visible gap with the reason, is recorded in Omitted, and is
// an error that blocks publishing until accepted with a reason — a user's paragraph as much as a
// shipped one (issue 8 item 11; 法治政府建设与责任落实督察工作规定第24条).
func TestPendingParagraphsAreGaps(t *testing.T) {
	id := pendingID()
	if id == "" {
		t.Skip("the catalog computes every indicator of indicators.md")
	}
	r := build(t, DefaultOutline(), synth(2024, 1), nil)
	found := false
	for _, o := range r.Omitted {
		for _, p := range o.Pending {
			found = found || p == id
		}
	}
	if !found {
		t.Errorf("%s not reported as omitted: %+v", id, r.Omitted)
	}
	_, md, _ := render(t, r)
	if strings.Contains(md, "{") {
		t.Errorf("a reference leaked into the output:\n%s", md)
	}
	if !strings.Contains(md, "【待补：本段的指标「") || r.Gaps == 0 {
		t.Errorf("no gap shown for %s (gaps %d):\n%s", id, r.Gaps, md)
	}
	gaps := 0
	for _, i := range Check(DefaultOutline(), synth(2024, 1), nil, texts) {
		switch {
		case i.Code == CodeGap:
			gaps++
			if i.Severity != SeverityError || !i.Acceptable() || !strings.Contains(i.Message, "待补") {
				t.Errorf("gap issue: %+v", i)
			}
		case i.Severity == SeverityError:
			t.Errorf("default outline on good data: %+v", i)
		}
	}
	if gaps != r.Gaps {
		t.Errorf("%d gaps checked, %d printed", gaps, r.Gaps)
	}
	o := DefaultOutline()
	o.Sections[0].Blocks = append(o.Sections[0].Blocks, Block{Template: "自写段落{" + id + "}。"})
	var mine []Issue
	for _, i := range Check(o, synth(2024, 1), nil, texts) {
		if i.Code == CodeGap && i.IndicatorID == id && i.Where == "一、" {
			mine = append(mine, i)
		}
	}
	if len(mine) == 0 {
		t.Errorf("user paragraph with a pending id is not a gap")
	}
}

// TestNumberingKept: the outline's numbers stay; only a section of optional text left empty is
// not printed (其他), and a section whose line of work has no records shows its gap in place.
func TestNumberingKept(t *testing.T) {
	o := Outline{Title: "t", Sections: []Section{
		{Heading: "甲", Blocks: []Block{{Template: "调解{mediation.cases}件。"}}, Sections: []Section{
			{Heading: "空", Blocks: []Block{{Key: "none", Optional: true}}},
			{Heading: "乙", Blocks: []Block{{Template: "成功{mediation.successful}件。"}}},
		}},
		{Heading: "丙", Blocks: []Block{{Template: "受理{reconsideration.received}件。"}}},
		{Heading: "其他", Blocks: []Block{{Key: TextOther, Optional: true}}},
	}}
	cur := synth(2024, 1)
	for i := range cur.List {
		if cur.List[i].Kind == "reconsideration" && cur.List[i].Unit != "%" {
			cur.List[i].Value = 0
		}
	}
	r := build(t, o, cur, nil)
	if len(r.Parts) != 2 || r.Parts[0].Number != "一、" || len(r.Parts[0].Parts) != 1 ||
		r.Parts[0].Parts[0].Number != "（二）" || r.Parts[1].Number != "二、" {
		t.Fatalf("numbering: %+v", r.Parts)
	}
	if g := r.Parts[1].Paras; len(g) != 1 || !strings.Contains(g[0].Gap, "本年度没有「行政复议」的记录") {
		t.Errorf("丙 without records: %+v", g)
	}
	var gaps []Issue
	for _, i := range Check(o, cur, nil, texts) {
		if i.Code == CodeGap {
			gaps = append(gaps, i)
		}
	}
	if len(gaps) != 1 || gaps[0].Where != "二、" || gaps[0].Severity != SeverityError || !strings.Contains(gaps[0].Message, "行政复议") {
		t.Errorf("gaps: %+v", gaps)
	}
}

func TestYearOverYear(t *testing.T) {
	cur, prev := synth(2024, 1), synth(2023, 1)
	set(prev, "mediation.cases", func(v *indicators.Value) { v.Value = 3000 })
	r := build(t, DefaultOutline(), cur, prev)
	fig := map[string]*Figure{}
	for _, f := range r.Figures {
		fig[f.ID] = f
	}
	if f := fig["mediation.cases"]; f.Change != "减 77件" || f.PrevText != "3000件" {
		t.Errorf("cases: %+v", f)
	}
	if f := fig["mediation.successful"]; f.Change != "持平" {
		t.Errorf("successful: %+v", f)
	}
	// No last year at all, or a kind with no records last year: no comparison.
	r = build(t, DefaultOutline(), cur, nil)
	if f := r.Figures[0]; f.Prev != nil || f.YoY() != "" {
		t.Errorf("no prev: %+v", f)
	}
	empty := synth(2023, 0)
	r = build(t, DefaultOutline(), cur, empty)
	for _, f := range r.Figures {
		if f.ID == "mediation.cases" && f.Prev != nil {
			t.Errorf("kind without records last year compared: %+v", f)
		}
	}
}

func TestUnknownReferenceIsAnError(t *testing.T) {
	o := DefaultOutline()
	o.Sections[0].Blocks = []Block{{Template: "共召开{study.party_meetingz}次。"}}
	if _, err := Build(o, synth(2024, 1), nil, texts, meta); err == nil || !strings.Contains(err.Error(), "study.party_meetingz") {
		t.Errorf("Build: err = %v", err)
	}
	issues := Check(o, synth(2024, 1), nil, texts)
	if !Blocking(issues) || issues[0].Code != CodeTemplate || issues[0].IndicatorID != "study.party_meetingz" || issues[0].Where != "一、" {
		t.Errorf("Check: %+v", issues)
	}
	o = DefaultOutline()
	o.Sections[1].Heading = "{yeer}年"
	o.Sections[2].Blocks = []Block{{Template: "x", Key: "y"}}
	got := errorsOf(Check(o, synth(2024, 1), nil, texts), CodeTemplate)
	if len(got) != 2 || !strings.Contains(got[0].Message, "yeer") || got[1].Where != "三、" {
		t.Errorf("heading and block shape: %+v", got)
	}
}

func errorsOf(issues []Issue, code string) []Issue {
	var out []Issue
	for _, i := range issues {
		if i.Code == code {
			out = append(out, i)
		}
	}
	return out
}

func TestCheckCleanData(t *testing.T) {
	issues := Check(DefaultOutline(), synth(2024, 1), synth(2023, 0.9), texts)
	for _, i := range issues {
		if i.Severity == SeverityError && !(i.Code == CodeGap && strings.Contains(i.Message, "尚不能计算")) {
			t.Errorf("good data blocks publishing: %+v", i)
		}
	}
	if len(errorsOf(issues, CodeEmptyText)) != 0 {
		t.Errorf("texts given, yet: %+v", issues)
	}
}

func TestCheckRateDisagreesWithParts(t *testing.T) {
	cur := synth(2024, 1)
	set(cur, "mediation.success_rate", func(v *indicators.Value) { v.Value = 95.0 })
	got := errorsOf(Check(DefaultOutline(), cur, nil, texts), CodeRateMismatch)
	if len(got) != 1 || got[0].Severity != SeverityError || got[0].IndicatorID != "mediation.success_rate" ||
		!strings.Contains(got[0].Message, "2807 ÷ 2923 应为96.0%") {
		t.Errorf("rate mismatch: %+v", got)
	}

	cur = synth(2024, 1)
	set(cur, "mediation.success_rate", func(v *indicators.Value) {
		n, d := 2800.0, 2923.0
		v.Numerator, v.Denominator, v.Value = &n, &d, 95.8
	})
	got = errorsOf(Check(DefaultOutline(), cur, nil, texts), CodeRateParts)
	if len(got) != 1 || !strings.Contains(got[0].Message, "分子是2800") {
		t.Errorf("rate parts: %+v", got)
	}
}

func TestCheckNesting(t *testing.T) {
	cur := synth(2024, 1)
	set(cur, "mediation.successful", func(v *indicators.Value) { v.Value = 3000 })
	got := errorsOf(Check(DefaultOutline(), cur, nil, texts), CodeNesting)
	if len(got) == 0 || got[0].Severity != SeverityError || got[0].IndicatorID != "mediation.successful" {
		t.Errorf("nesting: %+v", got)
	}
}

func TestCheckNoRecordsAndUnavailable(t *testing.T) {
	// A year without any record: every built line of work is a gap, and the measures section
	// (第24条) prints nothing, which cannot be accepted away.
	issues := Check(DefaultOutline(), synth(2024, 0), nil, texts)
	var gaps []string
	for _, i := range errorsOf(issues, CodeGap) {
		gaps = append(gaps, i.Message)
	}
	if !strings.Contains(strings.Join(gaps, "\n"), "本年度没有「人民调解」的记录") {
		t.Errorf("no gap for 人民调解: %q", gaps)
	}
	measures := Outline{Title: "t", Sections: []Section{{Heading: "举措", Contents: ContentsMeasures,
		Sections: []Section{{Heading: "调解", Blocks: []Block{{Template: "调解{mediation.cases}件。"}}}}}}}
	if e := errorsOf(Check(measures, synth(2024, 0), nil, texts), CodeEmptyContents); len(e) != 1 || e[0].Acceptable() || e[0].Where != "一、" {
		t.Errorf("empty measures: %+v", e)
	}
	if e := errorsOf(Check(measures, synth(2024, 1), nil, texts), CodeEmptyContents); len(e) != 0 {
		t.Errorf("measures with records: %+v", e)
	}

	cur := synth(2024, 1)
	set(cur, "mediation.success_rate", func(v *indicators.Value) { v.Unavailable = "分母为零，无法计算" })
	un := errorsOf(Check(DefaultOutline(), cur, nil, texts), CodeUnavailable)
	if len(un) != 1 || un[0].Severity != SeverityError || !strings.Contains(un[0].Message, "分母为零") {
		t.Errorf("unavailable: %+v", un)
	}
	// Printed as a dash, not a number.
	r := build(t, DefaultOutline(), cur, nil)
	_, md, _ := render(t, r)
	if !strings.Contains(md, "调解成功率达—") {
		t.Errorf("unavailable figure not printed as —")
	}
}

// TestCheckEmptyTexts: 第24条's required contents block publishing while empty and cannot be
// accepted; the other free texts warn.
func TestCheckEmptyTexts(t *testing.T) {
	got := errorsOf(Check(DefaultOutline(), synth(2024, 1), nil, map[string]string{TextPlans: "  \n"}), CodeEmptyText)
	var keys []string
	for _, i := range got {
		keys = append(keys, i.TextKey)
		wantErr := i.TextKey != TextImprovements
		if (i.Severity == SeverityError) != wantErr || i.Acceptable() == wantErr {
			t.Errorf("%+v", i)
		}
		if wantErr && !strings.Contains(i.Message, "第24条") {
			t.Errorf("no article: %s", i.Message)
		}
	}
	slices.Sort(keys)
	if want := []string{TextImprovements, TextLeaders, TextPlans, TextShortcomings}; !reflect.DeepEqual(keys, want) {
		t.Errorf("empty texts %v, want %v (其他 is optional)", keys, want)
	}
	r, err := Build(DefaultOutline(), synth(2024, 1), nil, map[string]string{}, meta)
	if err != nil {
		t.Fatal(err)
	}
	_, md, _ := render(t, r)
	if !strings.Contains(md, "【待补：「存在的不足和原因」尚未填写】") {
		t.Errorf("empty text not shown as a gap")
	}
}

func TestCheckPrevPeriod(t *testing.T) {
	if got := errorsOf(Check(DefaultOutline(), synth(2024, 1), synth(2022, 1), texts), CodePrevPeriod); len(got) != 1 {
		t.Errorf("prev of 2022 for 2024: %+v", got)
	}
}

func BenchmarkBuildAndRender(b *testing.B) {
	o, cur, prev := DefaultOutline(), synth(2024, 1), synth(2023, 0.9)
	var buf bytes.Buffer
	for b.Loop() {
		r, err := Build(o, cur, prev, texts, meta)
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := r.HTML(&buf); err != nil {
			b.Fatal(err)
		}
		if err := r.Markdown(&buf); err != nil {
			b.Fatal(err)
		}
		if err := r.DOCX(&buf); err != nil {
			b.Fatal(err)
		}
		_ = Check(o, cur, prev, texts)
	}
}

// The default outline built from the indicators' declarations is valid, and places every
// declared paragraph (a section missing from the frame would drop them silently).
func TestValidateDefaults(t *testing.T) {
	if err := ValidateDefaults(); err != nil {
		t.Fatal(err)
	}
	for _, s := range indicators.Sections {
		for _, p := range indicators.Paragraphs(s) {
			if !defaultTemplates()[p.Text] {
				t.Errorf("paragraph of section %s is not in the default outline: %.40s…", s, p.Text)
			}
		}
	}
}
