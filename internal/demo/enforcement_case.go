package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
)

// The 粤执法 cases: 6,089 filed in 2024 (the seed's 通过平台办理行政执法案件6089宗), 2023 a
// little fewer, 2025 at 2024's pace up to the load day. Most are decided, served and published
// in time; a few units (lateUnits) decide and publish late, a few penalties are decided without
// the 法制审核 第58条 requires first, and a few by one officer or with an officer whose
// certificate was not valid that day.
type caseYear struct {
	cases, lateDecisions, latePublications, unreviewed, singleOfficer, uncertified int
}

var caseYears = map[int]caseYear{
	2023: {cases: 5712, lateDecisions: 14, latePublications: 31, unreviewed: 4, singleOfficer: 6, uncertified: 5},
	2024: {cases: 6089, lateDecisions: 9, latePublications: 17, unreviewed: 2, singleOfficer: 3, uncertified: 4},
}

// lateUnits are the units whose cases take the late caseOutcomes far more often: the ones the
// bureau chief should visit.
var lateUnits = []string{cityCode + "-ZRZY", cityCode + "-ZJJ", "441481109"}

var enforcementCaseTypes = []weighted{{"行政处罚", 56}, {"行政检查", 24}, {"行政许可", 11}, {"行政强制", 5}, {"行政征收", 2}, {"其他", 2}}

// enfCase is one case as it is drawn, before it becomes a ledger row.
type enfCase struct {
	unit     *enforcementUnit
	typ      string
	sector   string
	filed    calendar.Date
	officers []*officer
}

// enforcementCases draws every year's cases (stream 44).
func enforcementCases(r *rand.Rand, cal *calendar.Calendar, units []*enforcementUnit, asOf calendar.Date) ([]law.Values, error) {
	w := officeDay(cal)
	var out []law.Values
	for _, y := range demoYears(asOf) {
		cy := ofYear(caseYears, y)
		from, to := yearSpan(y, asOf)
		n := cy.cases
		if to.Year() == y && to.Before(calendar.NewDate(y, 12, 31)) {
			n = scaled(cy.cases, y, asOf, w)
		}
		days := kit.Days(r, from, to, n, w)
		cases := make([]*enfCase, len(days))
		for i, day := range days {
			u := units[kit.PickIndex(r, len(units), func(j int) float64 { return units[j].size })]
			c := &enfCase{unit: u, typ: pickWeighted(r, enforcementCaseTypes), filed: day}
			if u.code == cityCode+"-GAJ" && c.typ == law.CasePenalty && r.IntN(2) == 0 {
				c.sector = "治安管理"
			}
			cases[i] = c
		}
		// Each late outcome goes to exactly its count of cases, most in the late units.
		odds := func(c *enfCase) float64 {
			if slices.Contains(lateUnits, c.unit.code) {
				return 40
			}
			return 1
		}
		lateDecide := choose(r, cases, cy.lateDecisions, func(c *enfCase) float64 {
			if c.typ != law.CasePenalty || c.filed.After(asOf.AddDays(-150)) {
				return 0
			}
			return odds(c)
		})
		latePublish := choose(r, cases, cy.latePublications, func(c *enfCase) float64 {
			if c.filed.After(asOf.AddDays(-150)) {
				return 0
			}
			return odds(c)
		})
		penalty := func(c *enfCase) float64 {
			if c.typ != law.CasePenalty || c.filed.After(asOf.AddDays(-150)) {
				return 0
			}
			return odds(c)
		}
		unreviewed := choose(r, cases, cy.unreviewed, penalty)
		single := choose(r, cases, cy.singleOfficer, penalty)
		uncertified := choose(r, cases, cy.uncertified, func(c *enfCase) float64 {
			if !slices.ContainsFunc(c.unit.officers, func(o *officer) bool { return o.passed.After(c.filed.AddDays(150)) }) {
				return 0
			}
			return penalty(c)
		})
		for i, c := range cases {
			v, err := c.values(r, cal, asOf, caseOutcomes{lateDecide[i], latePublish[i], unreviewed[i], single[i], uncertified[i]})
			if err != nil {
				return nil, err
			}
			v["code"] = fmt.Sprintf("YZF-%s-%d-%05d", c.unit.code, y, i+1)
			out = append(out, v)
		}
	}
	return out, nil
}

// choose marks exactly k of the cases, weighted by odds (0: never) — fewer in a year the load
// day cuts short, when fewer can take the outcome yet.
func choose(r *rand.Rand, cases []*enfCase, k int, odds func(*enfCase) float64) []bool {
	keys := make([]float64, len(cases))
	eligible := 0
	for i, c := range cases {
		if o := odds(c); o > 0 {
			keys[i] = kit.Key(r, o)
			eligible++
		} else {
			keys[i] = -1
		}
	}
	k = min(k, eligible)
	chosen, err := kit.Exactly(keys, k)
	if err != nil {
		panic(err) // a demo table asking for more than it draws
	}
	return chosen
}

type caseOutcomes struct{ lateDecide, latePublish, unreviewed, single, uncertified bool }

// values are the case's ledger row: its dates after the statute's periods (kit.Due), late only
// where the outcome says so; a date after the load day has not happened yet.
func (c *enfCase) values(r *rand.Rand, cal *calendar.Calendar, asOf calendar.Date, o caseOutcomes) (law.Values, error) {
	v := law.Values{"unit": c.unit.code, "case_type": c.typ, "filed_on": c.filed.String()}
	if c.sector != "" {
		v["sector"] = c.sector
	}
	var decided calendar.Date
	switch c.typ {
	case law.CasePenalty:
		v["occurred_on"] = c.filed.AddDays(-1 - r.IntN(60)).String()
		due, err := kit.Due(cal, "enforcement_case", "enforcement.decide", v)
		if err != nil {
			return nil, err
		}
		budget := due.Sub(c.filed)
		decided = c.filed.AddDays(5 + r.IntN(max(budget/2, 1)))
		if o.lateDecide {
			decided = due.AddDays(1 + r.IntN(20))
		}
	case law.CasePermit:
		decided = c.filed.AddDays(r.IntN(20)) // within 行政许可法第42条's 20 WD
	default:
		decided = c.filed.AddDays(r.IntN(15))
	}
	if decided.After(asOf) {
		c.officers = c.pickOfficers(r, c.filed, 2)
		v["officers"] = codes(c.officers)
		return v, nil
	}
	decidedOn, _ := cal.WorkdayOnOrAfter(decided)
	if !decidedOn.After(asOf) {
		decided = decidedOn
	}
	v["decided_on"] = decided.String()
	switch {
	case o.single:
		c.officers = c.pickOfficers(r, decided, 1)
	case o.uncertified:
		c.officers = append(c.pickOfficers(r, decided, 1), c.uncertifiedOfficer(r, decided))
	default:
		c.officers = c.pickOfficers(r, decided, 2)
	}
	v["officers"] = codes(c.officers)
	pub, err := kit.Due(cal, "enforcement_case", "enforcement.publicity", v)
	if err != nil {
		return nil, err
	}
	published := decided.AddDays(r.IntN(max(pub.Sub(decided), 1)))
	if o.latePublish {
		published, _ = cal.AddWorkdays(pub, 1+r.IntN(8))
	}
	if !published.After(asOf) {
		v["published_on"] = published.String()
	}
	if c.typ == law.CasePenalty {
		serve, err := kit.Due(cal, "enforcement_case", "enforcement.serve", v)
		if err != nil {
			return nil, err
		}
		served := decided.AddDays(r.IntN(max(serve.Sub(decided), 1)))
		if !served.After(asOf) {
			v["served_on"] = served.String()
			if closed := served.AddDays(r.IntN(30)); !closed.After(asOf) {
				v["closed_on"] = closed.String()
			}
		}
		v["amount"] = fmt.Sprint(200 * (1 + r.IntN(100)))
		if r.IntN(12) == 0 || o.unreviewed {
			v["major"] = "是"
			if !o.unreviewed {
				v["legal_review"], v["legal_review_on"] = "是", decided.AddDays(-1-r.IntN(5)).String()
			}
		}
	} else if !decided.After(asOf) {
		v["closed_on"] = decided.String()
	}
	return v, nil
}

// pickOfficers draws k of the unit's officers certified on d (fewer when it has fewer).
func (c *enfCase) pickOfficers(r *rand.Rand, d calendar.Date, k int) []*officer {
	var ok []*officer
	for _, o := range c.unit.officers {
		if o.certifiedOn(d) {
			ok = append(ok, o)
		}
	}
	return pick(r, ok, k)
}

// uncertifiedOfficer is one of the unit's officers without a valid certificate on d: one who
// passed the exam and awaits the certificate, or whose certificate lapsed; else one who was
// still to pass it.
func (c *enfCase) uncertifiedOfficer(r *rand.Rand, d calendar.Date) *officer {
	var out []*officer
	for _, o := range c.unit.serving(d) {
		if !o.certifiedOn(d) && !o.passed.After(d) {
			out = append(out, o)
		}
	}
	if len(out) == 0 {
		// staff who had not yet passed the exam (they are on the roll; it shows who acted unqualified)
		for _, o := range c.unit.officers {
			if o.passed.After(d) {
				out = append(out, o)
			}
		}
	}
	return kit.OneOf(r, out)
}

func codes(os []*officer) []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.code
	}
	return out
}
