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
		{[]string{"enforcement.publicity_late"}, []string{"enforcement.cases"}, false},
		{[]string{"enforcement.overdue"}, []string{"enforcement.cases"}, false},
		{[]string{"training.units"}, []string{"training.officers"}, false},
		{[]string{"publicity.joint_articles"}, []string{"publicity.events"}, false},
	}
}
