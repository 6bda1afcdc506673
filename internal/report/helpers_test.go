package report

import (
	"fmt"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

// seed holds the figures the 兴宁 2024 report gives (indicators.md, last column); ids without
// one get 3, small enough to nest in every whole of the nesting table.
var seed = map[string]float64{
	"study.party_group_meetings": 43, "study.central_group_sessions": 18, "governance.committee_meetings": 2,
	"governance.meetings": 120, "publicity.joint_articles": 5, "review.legality_closed": 117,
	"review.legality_closed_all": 130, "review.normative_closed": 6, "review.normative_closed_city": 5, "review.normative_closed_department": 1, "normative.city_gov": 5, "normative.department": 1, "decision.made": 14,
	"legal_affairs.reviewed": 251, "rectification.public_issues": 32, "rectification.department_issues": 55, "rectification.found": 87,
	"enforcement.cases": 6089, "supervision.units_inspected": 15, "supervision.case_files_reviewed": 31,
	"training.units": 47, "training.officers": 62, "certification.qualified": 399, "certification.issued": 363,
	"reconsideration.received": 240, "reconsideration.concluded": 209, "reconsideration.observer_units": 8,
	"litigation.letters": 34, "mediation.cases": 2923, "mediation.successful": 2807, "pls.services": 1400, "pls.workroom_services": 169,
	"legal_aid.cases": 459, "legal_aid.consultations": 911, "volunteers.cases": 561, "volunteers.duty_shifts": 238,
	"notary.certificates": 1946, "notary.home_visits": 35, "notary.lenient": 55, "lawyer.advisory_clients": 66,
	"lawyer.cases": 1806, "village_counsel.contracts_reviewed": 2143, "publicity.events": 185,
	"publicity.materials": 35000, "publicity.responsibility_reviews": 6, "navigators.total": 2127,
	"navigators.villages_below_quota": 0, "awards.national": 1, "awards.provincial": 1, "normative.in_force": 40,
	"deadlines.open_overdue": 0, "plan.tasks": 30, "plan.done": 27, "navigators.quota": 4, "publicity.responsibility_gaps": 0,
}

// synth builds, by hand, the Result Compute would return for every catalog indicator:
// counts from seed scaled by scale, rates from their parts (a rate without parts of its own
// gets 10 ÷ 10).
func synth(year int, scale float64) *indicators.Result {
	r := &indicators.Result{Org: store.Org{Code: "441481", Name: "兴宁市司法局"},
		From: fmt.Sprintf("%d-01-01", year), To: fmt.Sprintf("%d-12-31", year)}
	vals := map[string]float64{}
	for _, d := range indicators.Catalog() {
		if d.Unit == "%" {
			continue
		}
		x, ok := seed[d.ID]
		if !ok {
			x = 3
		}
		vals[d.ID] = float64(int(x*scale + 0.5))
	}
	for _, d := range indicators.Catalog() {
		v := indicators.Value{ID: d.ID, Label: d.Label, Unit: d.Unit, Kind: d.Kind, Formula: d.Formula}
		switch {
		case d.IsRate():
			num, den := vals[d.Numerator], vals[d.Denominator]
			v.Numerator, v.Denominator = &num, &den
			v.Value = indicators.RoundHalfUp(100*num/den, d.Places)
		case d.Unit == "%":
			num, den := 10.0, 10.0
			v.Numerator, v.Denominator, v.Value = &num, &den, 100
		default:
			v.Value = vals[d.ID]
		}
		r.List = append(r.List, v)
	}
	return r
}

// rates recomputes every rate of a result from its parts, after set changed them.
func rates(r *indicators.Result) {
	for i, v := range r.List {
		d, _ := indicators.Lookup(v.ID)
		if !d.IsRate() {
			continue
		}
		num, _ := r.Get(d.Numerator)
		den, _ := r.Get(d.Denominator)
		n, m := num.Value, den.Value
		r.List[i].Numerator, r.List[i].Denominator = &n, &m
		r.List[i].Value = indicators.RoundHalfUp(100*n/m, d.Places)
	}
}

// set changes a figure of a result in place.
func set(r *indicators.Result, id string, fn func(v *indicators.Value)) {
	for i := range r.List {
		if r.List[i].ID == id {
			fn(&r.List[i])
			return
		}
	}
	panic("no figure " + id)
}

var texts = map[string]string{
	TextLeaders:      "我局党政主要负责人切实履行法治建设第一责任人职责，对法治建设重要工作亲自部署、重大问题亲自过问。",
	TextImprovements: "针对执法人员专业素质和能力不足的问题，印发行政执法人员培训通知，现已基本整改完成。",
	TextShortcomings: "法治政府建设取得了一定成效，但仍存在一些差距不足和薄弱环节。主要表现在：\n" +
		"（一）法治政府建设不均衡发展现象依然存在。少数领导干部运用法治思维方式科学依法决策的意识不强。\n" +
		"（二）落实“谁执法谁普法”责任制的主动性和积极性不够。个别部门对普法工作的长期性认识不够。",
	TextPlans: "（一）加强思想政治引领，以更高站位坚定正确政治方向。认真落实“第一议题”制度。\n" +
		"（二）创新社会基层治理，以更硬实招赋能社会和谐稳定。坚持发展新时代“枫桥经验”。",
}

var meta = Meta{OrgName: "兴宁市司法局", Region: "兴宁", Issuer: "兴宁市司法局", IssuedOn: "2025-01-03",
	LinkFor: func(id string) string { return "/indicators/" + id + "/records?year=2024" }}

// pendingID is an indicator of indicators.md the catalog does not have yet, or "" once it has
// them all.
func pendingID() string {
	for _, id := range sortedSpecIDs() {
		if _, ok := indicators.Lookup(id); !ok {
			return id
		}
	}
	return ""
}
