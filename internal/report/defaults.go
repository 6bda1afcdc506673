package report

import (
	"fmt"

	"github.com/fazhi/fazhi/internal/indicators"
)

// DefaultOutline is the outline of the 兴宁市司法局 2024 report (shared/seed), which follows the
// statutory contents: its six sections, the six subsections of section 三, and a paragraph for
// every indicator of indicators.md and of the catalog, placed where the seed reports that line
// of work. The paragraphs are declared with the indicators (indicators.Paragraph, each in its
// section and order); this is only the frame they go in.
//
// Paragraphs group the figures of one record kind, because a paragraph whose figures cannot be
// stated is shown as one gap (gaps.go) instead of half a sentence. For the same reason no paragraph counts itself
// ("一是", "二是"): any of them may be absent. Counts carry their unit in the text (件, 次);
// a reference prints the bare number, or a rate with its % sign.
func DefaultOutline() Outline {
	p := func(t string) Block { return Block{Template: t} }
	return Outline{
		Title: "{org}{year}年法治政府建设年度报告",
		Blocks: []Block{p("{year}年，{org}在党委、政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，" +
			"全面深入学习贯彻党的二十大精神，深入践行习近平法治思想，立足司法行政职能，深化法治政府建设、推动依法行政、" +
			"完善公共法律服务、维护社会和谐稳定，为经济社会高质量发展提供有力法治保障。现将有关情况报告如下。")},
		Sections: []Section{
			{Heading: "深入学习贯彻习近平总书记重要讲话重要指示精神，深入贯彻落实党的二十大精神",
				Blocks: declared(indicators.SectionStudy)},
			{Heading: "深入学习贯彻习近平法治思想，履行党政主要负责人法治建设第一责任人职责", Blocks: []Block{
				{Key: TextLeaders},
			}},
			{Heading: "{year}年推进法治政府建设的主要举措和成效", Contents: ContentsMeasures, Sections: []Section{
				{Heading: "深入推进全面依法治市，不断擦亮{region}高质量发展的法治名片", Blocks: declared(indicators.SectionGovernance)},
				{Heading: "加强规范性文件管理，强化依法决策制度保障", Blocks: declared(indicators.SectionRules)},
				{Heading: "坚持严格规范公正文明执法", Blocks: declared(indicators.SectionEnforcement)},
				{Heading: "持续健全矛盾纠纷调处化解体系", Blocks: declared(indicators.SectionDisputes)},
				{Heading: "强化公共法律服务保障", Blocks: declared(indicators.SectionServices)},
				{Heading: "深入推进全民普法教育", Blocks: declared(indicators.SectionPublicity)},
			}},
			{Heading: "{prev_year}年度法治政府建设中存在问题的改进情况",
				Blocks: append(declared(indicators.SectionImprovements), Block{Key: TextImprovements})},
			{Heading: "{year}年推进法治政府建设存在不足和原因", Blocks: []Block{{Key: TextShortcomings}}},
			{Heading: "{next_year}年度法治政府建设主要安排", Blocks: []Block{{Key: TextPlans}}},
			// 第24条's "其他": printed only when the bureau has something to say.
			{Heading: "其他需要报告的事项", Blocks: []Block{{Key: TextOther, Optional: true}}},
		},
	}
}

// declared is a section's paragraphs as the indicators declare them.
func declared(s indicators.Section) []Block {
	var out []Block
	for _, p := range indicators.Paragraphs(s) {
		out = append(out, Block{Template: p.Text})
	}
	return out
}

// ValidateDefaults checks the default outline built from the declarations: every section the
// indicators declare paragraphs into has its place in the frame, and every paragraph parses.
func ValidateDefaults() error {
	o := DefaultOutline()
	n := 0
	o.walk(func(_ string, _ *Section, b Block) {
		if b.Template != "" {
			n++
		}
	})
	want := len(o.Blocks)
	for _, s := range indicators.Sections {
		want += len(indicators.Paragraphs(s))
	}
	if n != want {
		return fmt.Errorf("默认报告提纲有 %d 个模板段落，而指标声明了 %d 个：有章节没有放入提纲", n, want)
	}
	if err := o.Validate(); err != nil {
		return fmt.Errorf("默认报告提纲有误：%w", err)
	}
	return nil
}
