package report

// DefaultOutline is the outline of the 兴宁市司法局 2024 report (shared/seed), which follows the
// statutory contents: its six sections, the six subsections of section 三, and a paragraph for
// every indicator of indicators.md and of the catalog, placed where the seed reports that line
// of work.
//
// Paragraphs group the figures of one record kind, because a paragraph is printed only when all
// its figures are computable: a kind whose indicators are not in the catalog yet drops out
// whole instead of leaving half a sentence. For the same reason no paragraph counts itself
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
			{Heading: "深入学习贯彻习近平总书记重要讲话重要指示精神，深入贯彻落实党的二十大精神", Blocks: []Block{
				p("严格落实“第一议题”制度，把习近平总书记重要讲话重要指示精神、习近平法治思想列为党组会议第一议题、" +
					"理论学习中心组学习内容，在党组会及时传达学习贯彻。{year}年，共召开党组会议{study.party_group_meetings}次，" +
					"开展党组理论学习中心组学习{study.central_group_sessions}期。领导班子带头学，党员干部共同学，" +
					"结合司法行政实际，带动干部职工专题学习习近平总书记关于依法治国、法治建设的重要论述。"),
			}},
			{Heading: "深入学习贯彻习近平法治思想，履行党政主要负责人法治建设第一责任人职责", Blocks: []Block{
				{Key: TextLeaders},
			}},
			{Heading: "{year}年推进法治政府建设的主要举措和成效", Sections: []Section{
				{Heading: "深入推进全面依法治市，不断擦亮{region}高质量发展的法治名片", Blocks: []Block{
					p("加强统筹协调。提请召开全面依法治市委员会会议{governance.committee_meetings}次，" +
						"全年共召开法治建设相关会议{governance.meetings}次，扎实做好法治建设考评迎检和整改工作，深入推进全面依法治市。"),
					p("做好年度法治政府建设工作部署。印发年度法治政府建设工作要点，细化重点任务{plan.tasks}项，压实部门责任，" +
						"截至年底任务完成率为{plan.completion_rate}，让法治建设落到实处。"),
					p("提升法治建设结对效能。与结对单位共享法治和普法信息资源，联合推出普法文章{publicity.joint_articles}篇，" +
						"推动两地普法宣传协作。"),
				}},
				{Heading: "加强规范性文件管理，强化依法决策制度保障", Blocks: []Block{
					p("严格合法性审查。坚持有件必审、有错必纠，{year}年审查办结一般政策性文件和重大行政决策" +
						"{review.legality_closed}件，各类合法性审查事项共办结{review.legality_closed_all}件。"),
					p("加强行政规范性文件管理。严格落实行政规范性文件管理规定，有件必备、有备必审、有错必纠，" +
						"{year}年公布市政府规范性文件{normative.city_gov}件、部门规范性文件{normative.department}件，" +
						"逾期报送备案{normative.filed_late}件。"),
					p("建立文件动态清理长效机制，全年清理规范性文件{normative.cleaned}件，清理结果向社会公布。" +
						"截至年底，现行有效规范性文件{normative.in_force}件，其中半年内到期{normative.expiring}件，将按规定提前开展评估。"),
					p("落实重大行政决策法定程序。{year}年共作出重大行政决策{decision.made}件，公众参与、专家论证、风险评估、" +
						"合法性审查、集体讨论决定等法定程序完备率为{decision.procedure_complete_rate}；" +
						"组织开展重大行政决策后评估{decision.post_evaluated}件。"),
					p("充分发挥法律参谋助手职能作用。履职尽责、建言献策，在招商引资、化解债务风险、重大项目建设等方面提供法律服务，" +
						"全年共审查各类法律事务{legal_affairs.reviewed}件。"),
				}},
				{Heading: "坚持严格规范公正文明执法", Blocks: []Block{
					p("深化行政执法突出问题专项整治。累计梳理群众急难愁盼问题{rectification.public_issues}件、" +
						"职能部门问题{rectification.department_issues}件，整改完成率{rectification.completion_rate}。"),
					p("完善行政执法程序，提升行政执法质量和效能。督促各行政执法单位使用“粤执法”平台办案，" +
						"{year}年全市通过平台办理行政执法案件{enforcement.cases}宗。严格落实行政执法公示制度，" +
						"逾期公示执法决定{enforcement.publicity_late}宗，超期办结行政处罚案件{enforcement.overdue}宗。"),
					p("加强行政执法监督。联合开展行政执法监督检查，检查行政执法单位{supervision.units_inspected}个，" +
						"评查行政处罚案卷{supervision.case_files_reviewed}份，案卷合格率{supervision.case_files_qualified_rate}。"),
					p("加强执法队伍建设。建立健全行政执法标准化、制度化培训机制，组织{training.units}个行政执法单位" +
						"{training.officers}名行政执法人员参加执法能力专题培训。"),
					p("严格落实行政执法人员资格管理和持证上岗制度，{year}年{certification.qualified}名行政执法人员获得行政执法证申领资格，" +
						"累计办理执法证{certification.issued}张；半年内到期的执法证{certification.expiring}张，将督促及时换证。"),
					p("严格落实法定办理期限，对各类事项的法定期限实行全程提醒，截至{year}年底，逾期未办结事项{deadlines.open_overdue}件。"),
				}},
				{Heading: "持续健全矛盾纠纷调处化解体系", Blocks: []Block{
					p("做好行政复议工作。畅通行政复议渠道，践行“复议为民”宗旨，实质性化解行政争议。" +
						"{year}年新收行政复议案件{reconsideration.received}件，受理{reconsideration.accepted}件，" +
						"审结{reconsideration.concluded}件（含上年结转），受理前化解{reconsideration.resolved_before_acceptance}件。"),
					p("审结的行政复议案件中，依法纠错{reconsideration.corrected}件，纠错率{reconsideration.correction_rate}；" +
						"以调解、和解方式结案{reconsideration.mediated}件，调解和解率{reconsideration.mediation_rate}；" +
						"超期审结{reconsideration.overdue}件。"),
					p("复议后起诉{reconsideration.sued_after}件，复议后起诉率{reconsideration.sued_after_rate}，行政复议化解行政争议的主渠道作用进一步发挥。"),
					p("规范行政复议听证，组织{reconsideration.observer_units}个单位的执法人员旁听行政复议听证活动。"),
					p("做好行政应诉工作。发出督促行政机关依法应诉的函件{litigation.letters}份。"),
					p("{year}年新增行政应诉案件{litigation.cases}件，审结{litigation.concluded}件，其中败诉{litigation.lost}件。" +
						"开庭审理的{litigation.hearings}件案件中，行政机关负责人出庭应诉{litigation.head_appearances}件，" +
						"出庭应诉率{litigation.head_appearance_rate}；出庭负责人当庭发言{litigation.head_spoke}件，" +
						"出庭出声率{litigation.head_spoke_rate}，实现行政机关负责人“出庭出声”常态化。"),
					p("强化社会矛盾纠纷多元化解。坚持织密人民调解“安全网”，{year}年，全市共调解矛盾纠纷{mediation.cases}件，" +
						"调解成功{mediation.successful}件，调解成功率达{mediation.success_rate}；" +
						"当事人申请司法确认{mediation.judicial_confirmations}件。"),
				}},
				{Heading: "强化公共法律服务保障", Blocks: []Block{
					p("优化公共法律服务体系。推进市、镇、村三级公共法律服务实体平台建设，" +
						"{year}年各公共法律服务平台共提供法律服务{pls.services}人次。"),
					p("组建法律援助志愿者队伍，指派法律援助志愿者处理各类案件{volunteers.cases}宗，" +
						"到检察院、法院和园区工作室值班{volunteers.duty_shifts}次。"),
					p("持续优化法律援助工作。落实刑事案件律师辩护全覆盖和法律援助值班律师制度，畅通困难群众绿色通道，" +
						"{year}年累计受理法律援助案件{legal_aid.cases}宗，解答法律咨询{legal_aid.consultations}人次，" +
						"超期审查{legal_aid.overdue_reviews}宗。"),
					p("提升公证服务能力和水平。全面落实“一次办”“容缺办”“免费办”“上门办”，{year}年共办理公证{notary.certificates}件，" +
						"其中上门办证{notary.home_visits}件、容缺办证{notary.lenient}件，超期出证{notary.overdue}件。"),
					p("加强律师队伍管理工作。组织律师围绕党委政府中心工作发挥专业优势，{year}年律师事务所为" +
						"{lawyer.advisory_clients}家企事业单位提供常年法律顾问服务，办理各类案件{lawyer.cases}件。"),
					p("持续深化一村（社区）一法律顾问工作，村（社区）法律顾问累计审核村（社区）集体“三资”经营性合同" +
						"{village_counsel.contracts_reviewed}份。"),
				}},
				{Heading: "深入推进全民普法教育", Blocks: []Block{
					p("深入推进“八五”普法工作。结合重要时间节点开展普法活动，{year}年累计开展各类法治宣传活动{publicity.events}场次，" +
						"发放法治宣传资料{publicity.materials}份。"),
					p("落实“谁执法谁普法”普法责任制，组织{publicity.responsibility_reviews}家单位开展国家机关" +
						"“谁执法谁普法”履职报告评议活动。"),
					p("深入推进“法律明白人”培养工程。截至{year}年底，共有“法律明白人”{navigators.total}名，" +
						"村（社区）“法律明白人”配备达标率{navigators.coverage_rate}，" +
						"未达配备标准的村（社区）{navigators.villages_below_quota}个。"),
					p("普法工作获得上级肯定，{year}年获得国家级荣誉{awards.national}项、省级荣誉{awards.provincial}项。"),
				}},
			}},
			{Heading: "{prev_year}年度法治政府建设中存在问题的改进情况", Blocks: []Block{{Key: TextImprovements}}},
			{Heading: "{year}年推进法治政府建设存在不足和原因", Blocks: []Block{{Key: TextShortcomings}}},
			{Heading: "{next_year}年度法治政府建设主要安排", Blocks: []Block{{Key: TextPlans}}},
			// 第24条's "其他": printed only when the bureau has something to say.
			{Heading: "其他需要报告的事项", Blocks: []Block{{Key: TextOther, Optional: true}}},
		},
	}
}
