package indicators

// Figures indicators.md promises for kinds of work not built yet: the report's default outline
// keeps a paragraph for each (left out of a report until its figures compute), and the report
// checks their part-of relations once they do. When a kind lands, its paragraphs and relations
// move from here into its own file, onto the indicators that lead them.
func init() {
	promised.paragraphs = []Paragraph{
		{Section: SectionStudy, Order: 10, Text: "严格落实“第一议题”制度，把习近平总书记重要讲话重要指示精神、习近平法治思想列为党组会议第一议题、" +
			"理论学习中心组学习内容，在党组会及时传达学习贯彻。{year}年，共召开党组会议{study.party_group_meetings}次，" +
			"开展党组理论学习中心组学习{study.central_group_sessions}期。领导班子带头学，党员干部共同学，" +
			"结合司法行政实际，带动干部职工专题学习习近平总书记关于依法治国、法治建设的重要论述。"},
		{Section: SectionGovernance, Order: 10, Text: "加强统筹协调。提请召开全面依法治市委员会会议{governance.committee_meetings}次，" +
			"全年共召开法治建设相关会议{governance.meetings}次，扎实做好法治建设考评迎检和整改工作，深入推进全面依法治市。"},
		{Section: SectionGovernance, Order: 20, Text: "做好年度法治政府建设工作部署。印发年度法治政府建设工作要点，细化重点任务{plan.tasks}项，压实部门责任，" +
			"截至年底任务完成率为{plan.completion_rate}，让法治建设落到实处。"},
		{Section: SectionGovernance, Order: 30, Text: "提升法治建设结对效能。与结对单位共享法治和普法信息资源，联合推出普法文章{publicity.joint_articles}篇，" +
			"推动两地普法宣传协作。"},
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
		{Section: SectionPublicity, Order: 10, Text: "深入推进“八五”普法工作。结合重要时间节点开展普法活动，{year}年累计开展各类法治宣传活动{publicity.events}场次，" +
			"发放法治宣传资料{publicity.materials}份。"},
		{Section: SectionPublicity, Order: 20, Text: "落实“谁执法谁普法”普法责任制，组织{publicity.responsibility_reviews}家单位开展国家机关" +
			"“谁执法谁普法”履职报告评议活动。"},
		{Section: SectionPublicity, Order: 30, Text: "深入推进“法律明白人”培养工程。截至{year}年底，共有“法律明白人”{navigators.total}名，" +
			"村（社区）“法律明白人”配备达标率{navigators.coverage_rate}，" +
			"未达配备标准的村（社区）{navigators.villages_below_quota}个。"},
		{Section: SectionPublicity, Order: 40, Text: "普法工作获得上级肯定，{year}年获得国家级荣誉{awards.national}项、省级荣誉{awards.provincial}项。"},
	}
	promised.nests = []Nest{
		{[]string{"study.party_group_meetings", "study.central_group_sessions", "governance.committee_meetings"}, []string{"governance.meetings"}, true},
		// 一般政策性文件和重大行政决策 and 行政规范性文件 are disjoint categories of one ledger.
		{[]string{"review.legality_closed", "review.normative_closed"}, []string{"review.legality_closed_all"}, true},
		{[]string{"normative.expiring"}, []string{"normative.in_force"}, true},
		// Late filings are counted over the documents published in the period, mostly.
		{[]string{"normative.filed_late"}, []string{"normative.city_gov", "normative.department"}, false},
		{[]string{"normative.filed_late"}, []string{"normative.filed"}, false},
		{[]string{"publicity.joint_articles"}, []string{"publicity.events"}, false},
	}
}
