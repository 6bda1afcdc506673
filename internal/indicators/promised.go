package indicators

// Figures indicators.md promises for kinds of work not built yet: the report's default outline
// keeps a paragraph for each (left out of a report until its figures compute), and the report
// checks their part-of relations once they do. When a kind lands, its paragraphs and relations
// move from here into its own file, onto the indicators that lead them.
func init() {
	promised.paragraphs = []Paragraph{
		{Section: SectionRules, Order: 10, Text: "严格合法性审查。坚持有件必审、有错必纠，{year}年审查办结一般政策性文件和重大行政决策" +
			"{review.legality_closed}件、行政规范性文件{review.normative_closed}件，各类合法性审查事项共办结{review.legality_closed_all}件。"},
		{Section: SectionRules, Order: 20, Text: "加强行政规范性文件管理。严格落实行政规范性文件管理规定，有件必备、有备必审、有错必纠，" +
			"{year}年公布市政府规范性文件{normative.city_gov}件、部门规范性文件{normative.department}件，" +
			"报送备案{normative.filed}件，逾期报送备案{normative.filed_late}件。"},
		{Section: SectionRules, Order: 30, Text: "建立文件动态清理长效机制，全年清理规范性文件{normative.cleaned}件，清理结果向社会公布。" +
			"截至年底，现行有效规范性文件{normative.in_force}件，其中半年内到期{normative.expiring}件，将按规定提前开展评估。"},
		{Section: SectionRules, Order: 40, Text: "落实重大行政决策法定程序。{year}年共作出重大行政决策{decision.made}件，公众参与、专家论证、风险评估、" +
			"合法性审查、集体讨论决定等法定程序完备率为{decision.procedure_complete_rate}；" +
			"组织开展重大行政决策后评估{decision.post_evaluated}件。"},
		{Section: SectionRules, Order: 50, Text: "充分发挥法律参谋助手职能作用。履职尽责、建言献策，在招商引资、化解债务风险、重大项目建设等方面提供法律服务，" +
			"全年共审查各类法律事务{legal_affairs.reviewed}件。"},
	}
	promised.nests = []Nest{
		// 一般政策性文件和重大行政决策 and 行政规范性文件 are disjoint categories of one ledger.
		{[]string{"review.legality_closed", "review.normative_closed"}, []string{"review.legality_closed_all"}, true},
		{[]string{"normative.expiring"}, []string{"normative.in_force"}, true},
		// Late filings are counted over the documents published in the period, mostly.
		{[]string{"normative.filed_late"}, []string{"normative.city_gov", "normative.department"}, false},
		{[]string{"normative.filed_late"}, []string{"normative.filed"}, false},
	}
}
