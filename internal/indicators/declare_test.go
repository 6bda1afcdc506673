package indicators

import (
	"reflect"
	"testing"
)

// The dashboard's lines as the placements declare them: the kinds in their declared order, the
// tiles and series in their places, 应诉督办函 (a letter) shown in the line of 行政应诉.
func TestLines(t *testing.T) {
	want := []Line{
		{Kind: "mediation", Tiles: []string{"mediation.cases", "mediation.successful", "mediation.success_rate"},
			Trend: []string{"mediation.cases", "mediation.successful"}, By: "mediation.cases", Rank: []string{"mediation.success_rate"}},
		{Kind: "reconsideration", Tiles: []string{"reconsideration.received", "reconsideration.concluded", "reconsideration.correction_rate"},
			Trend: []string{"reconsideration.received", "reconsideration.concluded"}, By: "reconsideration.received", AlsoBy: []string{"respondent"}},
		{Kind: "litigation", Tiles: []string{"litigation.cases", "litigation.head_appearance_rate", "litigation.letters"},
			Trend: []string{"litigation.cases", "litigation.concluded"}, By: "litigation.cases"},
		{Kind: "legal_aid", Tiles: []string{"legal_aid.cases", "legal_aid.overdue_reviews"},
			Trend: []string{"legal_aid.cases"}, By: "legal_aid.cases"},
		{Kind: "consultation", Tiles: []string{"pls.services", "pls.workroom_services", "legal_aid.consultations"},
			Trend: []string{"pls.services", "pls.workroom_services"}, By: "pls.services"},
		{Kind: "volunteer_service", Tiles: []string{"volunteers.cases", "volunteers.duty_shifts"},
			Trend: []string{"volunteers.cases", "volunteers.duty_shifts"}, By: "volunteers.duty_shifts"},
		{Kind: "notarization", Tiles: []string{"notary.certificates", "notary.home_visits", "notary.lenient", "notary.overdue"},
			Trend: []string{"notary.certificates", "notary.overdue"}, By: "notary.certificates"},
		// 常年法律顾问 are shown with the firms' cases, 一村一顾问 with the village contracts.
		{Kind: "lawyer_case", Tiles: []string{"lawyer.cases", "lawyer.advisory_clients"},
			Trend: []string{"lawyer.cases"}, By: "lawyer.cases"},
		{Kind: "contract_review", Tiles: []string{"village_counsel.contracts_reviewed", "village_counsel.coverage"},
			Trend: []string{"village_counsel.contracts_reviewed"}, By: "village_counsel.contracts_reviewed"},
	}
	// Only the lines named here: kinds built in parallel add lines of their own.
	var got []Line
	for _, l := range Lines() {
		for _, w := range want {
			if w.Kind == l.Kind {
				got = append(got, l)
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Lines() =\n%+v\nwant\n%+v", got, want)
	}
}

// Paragraphs come in their declared order within a section, whichever file declares them.
func TestParagraphsInOrder(t *testing.T) {
	for _, s := range Sections {
		ps := Paragraphs(s)
		if len(ps) == 0 {
			t.Errorf("section %s has no paragraph", s)
		}
		for i := 1; i < len(ps); i++ {
			if ps[i-1].Order >= ps[i].Order {
				t.Errorf("section %s: orders %d and %d are not increasing", s, ps[i-1].Order, ps[i].Order)
			}
		}
	}
	ps := Paragraphs(SectionDisputes)
	if refs := paragraphRefs(ps[len(ps)-1].Text); refs[0] != "mediation.cases" {
		t.Errorf("the disputes section ends with %v, want the mediation paragraph", refs)
	}
}

// A rate drills down to its numerator, a count to itself; Drill follows the declaration.
func TestDrillFollowsDeclaration(t *testing.T) {
	rate, _ := Lookup("mediation.success_rate")
	count, _ := Lookup("mediation.cases")
	if rate.drillTarget() != "mediation.successful" || count.drillTarget() != "mediation.cases" {
		t.Errorf("drill targets: %s, %s", rate.drillTarget(), count.drillTarget())
	}
	q, ok := Drill("mediation.success_rate", "2024-01-01", "2024-12-31")
	want, _ := Drill("mediation.successful", "2024-01-01", "2024-12-31")
	if !ok || !reflect.DeepEqual(q, want) || len(q.Conds) != 3 {
		t.Errorf("Drill(rate) = %+v, want %+v", q, want)
	}
	if _, ok := Drill("deadlines.open_overdue", "2024-01-01", "2024-12-31"); ok {
		t.Error("a custom figure has no record query")
	}
}
