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
		{Section: SectionEnforcement, Order: 10, Text: "深化行政执法突出问题专项整治。累计梳理群众急难愁盼问题{rectification.public_issues}件、" +
			"职能部门问题{rectification.department_issues}件，整改完成率{rectification.completion_rate}。"},
		{Section: SectionEnforcement, Order: 20, Text: "完善行政执法程序，提升行政执法质量和效能。督促各行政执法单位使用“粤执法”平台办案，" +
			"{year}年全市通过平台办理行政执法案件{enforcement.cases}宗。严格落实行政执法公示制度，" +
			"逾期公示执法决定{enforcement.publicity_late}宗，超期办结行政处罚案件{enforcement.overdue}宗。"},
		{Section: SectionEnforcement, Order: 30, Text: "加强行政执法监督。联合开展行政执法监督检查，检查行政执法单位{supervision.units_inspected}个，" +
			"评查行政处罚案卷{supervision.case_files_reviewed}份，案卷合格率{supervision.case_files_qualified_rate}。"},
		{Section: SectionEnforcement, Order: 40, Text: "加强执法队伍建设。建立健全行政执法标准化、制度化培训机制，组织{training.units}个行政执法单位" +
			"{training.officers}名行政执法人员参加执法能力专题培训。"},
		// 人均学时 divides the trainings by the officers in service: a paragraph of its own, as
		// the two ledgers may land apart.
		{Section: SectionEnforcement, Order: 45, Text: "全年行政执法人员人均参加培训{training.hours_per_officer}学时。"},
		{Section: SectionEnforcement, Order: 50, Text: "严格落实行政执法人员资格管理和持证上岗制度，{year}年{certification.qualified}名行政执法人员获得行政执法证申领资格，" +
			"累计办理执法证{certification.issued}张；半年内到期的执法证{certification.expiring}张，将督促及时换证。"},
	}
	promised.nests = []Nest{
		// 一般政策性文件和重大行政决策 and 行政规范性文件 are disjoint categories of one ledger.
		{[]string{"review.legality_closed", "review.normative_closed"}, []string{"review.legality_closed_all"}, true},
		{[]string{"normative.expiring"}, []string{"normative.in_force"}, true},
		// Late filings are counted over the documents published in the period, mostly.
		{[]string{"normative.filed_late"}, []string{"normative.city_gov", "normative.department"}, false},
		{[]string{"normative.filed_late"}, []string{"normative.filed"}, false},
		{[]string{"enforcement.publicity_late"}, []string{"enforcement.cases"}, false},
		{[]string{"enforcement.overdue"}, []string{"enforcement.cases"}, false},
		{[]string{"training.units"}, []string{"training.officers"}, false},
	}
}
