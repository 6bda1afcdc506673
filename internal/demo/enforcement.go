package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 行政执法监督 (三(三) of the seed report): the county's 47 enforcement units — the 27
// departments and the 20 towns and streets — their officers and certificates, the trainings,
// the bureau's inspections and case-file reviews, the problems rectified and 6,089 cases of
// 粤执法. Every part has its own stream (40–49), so nothing here moves another kind's records.
// 2024 is the seed's (399 获得申领资格, 363 办理执法证, 47 units / 62 officers in the 专题培训班,
// 15 units inspected, 31 files all qualified, 32 + 55 problems all rectified).
const (
	streamOfficers    = 40 // officers and their certificate events
	streamTraining    = 41
	streamInspection  = 42 // inspections and case-file reviews
	streamRectify     = 43
	streamEnforcement = 44 // 粤执法 cases
)

var enforcementTargets = []kit.Target{
	{Year: 2024, ID: "certification.qualified", Value: 399},
	{Year: 2024, ID: "certification.issued", Value: 363},
	{Year: 2024, ID: "training.units", Value: 47},
	{Year: 2024, ID: "training.officers", Value: 62},
	{Year: 2024, ID: "supervision.units_inspected", Value: 15},
	{Year: 2024, ID: "supervision.case_files_reviewed", Value: 31},
	{Year: 2024, ID: "supervision.case_files_qualified_rate", Value: 100},
	{Year: 2024, ID: "rectification.public_issues", Value: 32},
	{Year: 2024, ID: "rectification.department_issues", Value: 55},
	{Year: 2024, ID: "rectification.completion_rate", Value: 100},
	{Year: 2024, ID: "enforcement.cases", Value: 6089},
	{Year: 2024, ID: "enforcement.overdue", Value: float64(caseYears[2024].lateDecisions)},
	{Year: 2024, ID: "enforcement.publicity_late", Value: float64(caseYears[2024].latePublications)},
	{Year: 2024, ID: "enforcement.too_few_officers", Value: float64(caseYears[2024].singleOfficer)},
	{Year: 2024, ID: "enforcement.uncertified", Value: float64(caseYears[2024].singleOfficer + caseYears[2024].uncertified)},
}

// enforcementUnit is one of the 47 with its officers.
type enforcementUnit struct {
	code, name string
	size       float64 // relative headcount (and caseload)
	officers   []*officer
}

// officer is one enforcement officer and the certificates held.
type officer struct {
	code, name, unit string
	legal            bool
	passed, left     calendar.Date // the exam; zero while serving
	certs            []certSpan    // each certificate's validity, in order
}

type certSpan struct{ from, until calendar.Date }

// certifiedOn reports whether the officer held a valid certificate on d (the demo's own view,
// which law.CertificateHolder confirms from the events).
func (o *officer) certifiedOn(d calendar.Date) bool {
	if !o.left.IsZero() && d.After(o.left) {
		return false
	}
	for _, c := range o.certs {
		if !d.Before(c.from) && !d.After(c.until) {
			return true
		}
	}
	return false
}

// unitSizes weights the departments' headcounts: 公安, 市场监管 and 综合执法 are the largest.
var unitSizes = map[string]float64{"GAJ": 9, "SCJG": 7, "CGJ": 5, "ZRZY": 4, "ZJJ": 3, "JTJ": 3, "NYJ": 3, "WJJ": 3,
	"STHJ": 3, "YJJ": 2, "WGLT": 2, "SWJ": 2, "LYJ": 2, "RSJ": 2}

func demoEnforcementUnits() []*enforcementUnit {
	var out []*enforcementUnit
	for _, u := range enforcementUnits {
		out = append(out, &enforcementUnit{code: cityCode + "-" + u.code, name: u.name, size: max(unitSizes[u.code], 1)})
	}
	for _, tw := range towns {
		out = append(out, &enforcementUnit{code: tw.code, name: tw.name, size: 1.5})
	}
	return out
}

// cohorts: the officers who passed the exam each year; 2024's 399 are the seed's. Of 2024's,
// the first 300 got their certificate within the year and the rest early in 2025; 63 of the
// 2019 certificates were renewed in 2024 (300 + 63 = 363).
var cohorts = []struct{ year, passed int }{{2019, 70}, {2020, 210}, {2021, 240}, {2022, 230}, {2023, 360}, {2024, 399}, {2025, 60}}

const (
	issued2024   = 300
	renewed2024  = 63
	leavers2019  = 70 - renewed2024
	specialUnits = 47
	specialExtra = 62 - specialUnits
)

// loadEnforcementSupervision writes the officers, certificates, trainings, inspections,
// reviews, rectifications and cases.
func loadEnforcementSupervision(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, sum *Summary, asOf calendar.Date) error {
	cal := st.Calendar()
	units := demoEnforcementUnits()
	officers, events := officersAndCertificates(rand.New(rand.NewPCG(seed, streamOfficers)), cal, units, asOf)
	if err := sum.write(ctx, st, a, sc, "officer", imported(officers)); err != nil {
		return err
	}
	if err := sum.write(ctx, st, a, sc, "certificate_event", imported(events)); err != nil {
		return err
	}
	if err := sum.write(ctx, st, a, sc, "training", imported(trainings(rand.New(rand.NewPCG(seed, streamTraining)), cal, units, asOf))); err != nil {
		return err
	}
	insp, reviews := inspections(rand.New(rand.NewPCG(seed, streamInspection)), cal, units, asOf)
	if err := sum.write(ctx, st, a, sc, "inspection", imported(insp)); err != nil {
		return err
	}
	if err := sum.write(ctx, st, a, sc, "case_file_review", imported(reviews)); err != nil {
		return err
	}
	if err := sum.write(ctx, st, a, sc, "rectification", imported(rectifications(rand.New(rand.NewPCG(seed, streamRectify)), cal, units, insp, asOf))); err != nil {
		return err
	}
	cases, err := enforcementCases(rand.New(rand.NewPCG(seed, streamEnforcement)), cal, units, asOf)
	if err != nil {
		return err
	}
	return sum.write(ctx, st, a, sc, "enforcement_case", imported(cases))
}

// officersAndCertificates draws the cohorts: each officer passes, gets a certificate (5 years,
// the local term), and renews it before it runs out or surrenders it on leaving.
func officersAndCertificates(r *rand.Rand, cal *calendar.Calendar, units []*enforcementUnit, asOf calendar.Date) (officers, events []law.Values) {
	w := weekdays(cal)
	seq := map[string]int{}
	var evs []law.Values
	event := func(o *officer, kind string, on calendar.Date, extra law.Values) law.Values {
		v := law.Values{"officer": o.code, "org": o.unit, "event": kind, "on": on.String()}
		for k, x := range extra {
			v[k] = x
		}
		evs = append(evs, v)
		return v
	}
	issue := func(o *officer, kind string, on calendar.Date) law.Values {
		until := on.AddDays(365*law.CertificateYears - 1)
		o.certs = append(o.certs, certSpan{on, until})
		return event(o, kind, on, law.Values{"cert_no": fmt.Sprintf("粤执%06d", len(o.certs)*100000+len(evs)), "valid_until": until.String()})
	}
	for _, c := range cohorts {
		from, to := yearSpan(c.year, calendar.NewDate(2025, 6, 30))
		days := kit.Days(r, from, to, c.passed, w)
		for i, day := range days {
			u := units[kit.PickIndex(r, len(units), func(j int) float64 { return units[j].size })]
			seq[u.code]++
			o := &officer{code: fmt.Sprintf("%s-ZF%04d", u.code, seq[u.code]), name: personName(r), unit: u.code, legal: r.Float64() < 0.15, passed: day}
			u.officers = append(u.officers, o)
			event(o, law.EventPassed, day, nil)
			issueOn := day.AddDays(14 + r.IntN(27))
			if yearEnd := calendar.NewDate(c.year, 12, 28); issueOn.After(yearEnd) {
				issueOn = maxDate(day, yearEnd) // certificates of a year's exam are issued within it
			}
			if c.year == 2024 && i >= issued2024 {
				issueOn = calendar.NewDate(2025, 1, 6).AddDays(r.IntN(60))
			}
			cert := issue(o, law.EventIssued, issueOn)
			// 2019: leavers first (by 2023), the others renew within 2024; the later cohorts
			// renew from the year their certificates run out.
			if c.year == 2019 && i < leavers2019 {
				o.left = calendar.NewDate(2022, 3, 1).AddDays(r.IntN(600))
				cert["replaced_on"] = o.left.String()
				o.certs[0].until = o.left
				event(o, law.EventRevoked, o.left, nil)
				continue
			}
			renewOn := maxDate(o.certs[0].until.AddDays(-30-r.IntN(120)), calendar.NewDate(c.year+5, 1, 2))
			cert["replaced_on"] = renewOn.String()
			if renewOn.Before(o.certs[0].until) {
				o.certs[0].until = renewOn.AddDays(-1)
			}
			issue(o, law.EventRenewed, renewOn)
		}
	}
	// Three certificates suspended after a failed review and restored in 2024.
	suspended, restored := calendar.NewDate(2024, 5, 6), calendar.NewDate(2024, 6, 17)
	for _, u := range units[:3] {
		i := slices.IndexFunc(u.officers, func(o *officer) bool {
			c := o.certs[len(o.certs)-1]
			return o.left.IsZero() && c.from.Before(suspended) && c.until.After(calendar.NewDate(2025, 12, 31))
		})
		o := u.officers[i]
		event(o, law.EventSuspended, suspended, nil)
		event(o, law.EventRestored, restored, nil)
		// the certificate is not valid meanwhile
		c := o.certs[len(o.certs)-1]
		o.certs = append(o.certs[:len(o.certs)-1], certSpan{c.from, suspended.AddDays(-1)}, certSpan{restored, c.until})
	}
	for _, u := range units {
		for _, o := range u.officers {
			v := law.Values{"code": o.code, "name": o.name, "org": o.unit, "staffed": "是", "legal_qualification": yesNo(o.legal), "service": "在职"}
			if !o.left.IsZero() {
				v["service"], v["left_on"] = "调离", o.left.String()
			}
			officers = append(officers, v)
		}
	}
	// Events after the load day have not happened; a replacement after it is not known yet.
	seqs := map[string]int{}
	for _, e := range evs {
		if e.Str("on") > asOf.String() {
			continue
		}
		if e.Str("replaced_on") > asOf.String() {
			e = e.Clone()
			delete(e, "replaced_on")
		}
		seqs[e.Str("org")]++
		e["code"] = fmt.Sprintf("ZJ-%s-%05d", e.Str("org"), seqs[e.Str("org")])
		events = append(events, e)
	}
	return officers, events
}

// demoYears are the years of the supervision ledgers: 2023 (the comparison year) to the load day's.
func demoYears(asOf calendar.Date) []int {
	var out []int
	for y := 2023; y <= asOf.Year(); y++ {
		out = append(out, y)
	}
	return out
}

// ofYear is a year's row of a table, 2024's for years the table does not list.
func ofYear[T any](table map[int]T, y int) T {
	if v, ok := table[y]; ok {
		return v
	}
	return table[2024]
}

// weekdays is officeDay where the calendar has the year, Monday to Friday before it (the
// certificates of 2019–2022 predate the calendar the county entered).
func weekdays(cal *calendar.Calendar) kit.DayWeight {
	office := officeDay(cal)
	first := cal.Years()[0]
	return func(d calendar.Date) float64 {
		if d.Year() >= first {
			return office(d)
		}
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			return 0
		}
		return 1
	}
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// serving are the unit's officers serving on d.
func (u *enforcementUnit) serving(d calendar.Date) []*officer {
	var out []*officer
	for _, o := range u.officers {
		if o.left.IsZero() || o.left.After(d) {
			out = append(out, o)
		}
	}
	return out
}

// trainings: the year's 专题培训班 (one officer of each of the 47 units, a second from 15 of
// them) and each serving officer's ordinary courses (通用法律知识网络培训, the unit's own).
func trainings(r *rand.Rand, cal *calendar.Calendar, units []*enforcementUnit, asOf calendar.Date) []law.Values {
	var out []law.Values
	n := 0
	add := func(course string, on calendar.Date, hours int, o *officer, special bool, organizer string) {
		if on.After(asOf) {
			return
		}
		n++
		out = append(out, law.Values{"code": fmt.Sprintf("PX%d-%05d", on.Year(), n), "course": course, "started_on": on.String(),
			"hours": fmt.Sprint(hours), "person": o.code, "org": o.unit, "special": yesNo(special), "organizer": organizer})
	}
	special := map[int]calendar.Date{2023: calendar.NewDate(2023, 7, 11), 2024: calendar.NewDate(2024, 6, 18)}
	for _, y := range demoYears(asOf) {
		day, ok := special[y]
		if !ok {
			day = calendar.NewDate(y, 6, 16)
		}
		if !day.After(asOf) {
			extra, _ := kit.Exactly(keys(r, len(units)), specialExtra)
			for i, u := range units {
				on := u.serving(day)
				if len(on) == 0 {
					continue
				}
				take := 1
				if extra[i] && len(on) > 1 {
					take = 2
				}
				for _, o := range pick(r, on, take) {
					add(fmt.Sprintf("%d年全市行政执法能力提升专题培训班", y), day, 16, o, true, "兴宁市司法局")
				}
			}
		}
		from, to := yearSpan(y, asOf)
		for _, u := range units {
			for _, o := range u.serving(to) {
				on := from.AddDays(r.IntN(to.Sub(from) + 1))
				add(fmt.Sprintf("%d年行政执法人员通用法律知识网络培训", y), on, 20+4*r.IntN(6), o, false, "广东省司法厅")
			}
		}
	}
	return out
}

func keys(r *rand.Rand, n int) []float64 {
	k := make([]float64, n)
	for i := range k {
		k[i] = kit.Key(r, 1)
	}
	return k
}

// pick draws k distinct items.
func pick[T any](r *rand.Rand, items []T, k int) []T {
	idx := r.Perm(len(items))[:min(k, len(items))]
	out := make([]T, len(idx))
	for i, j := range idx {
		out[i] = items[j]
	}
	return out
}
