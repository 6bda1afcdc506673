package demo

import (
	"fmt"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
)

// The live demo. The ledgers were first drawn up to histEnd (2025-03-31); a demo loaded on a
// later day continues them to that day, so that a newcomer meets a working bureau: most cases
// running, a few due this week, a handful overdue — not every case 600 days late.
//
// Nothing drawn up to histEnd changes: the continuation draws on streams of its own, after the
// historical ledgers are complete. It moves the cases that stood open at histEnd to the same
// distance before the load day (they are the hand-placed stories of each stage), fills the days
// between at 2024's rates, and leaves the last weeks' matters in whatever stage their planned
// course has reached by the load day. 2023 and 2024 — every record and every figure — are what
// they were; so is the whole demo loaded as of histEnd.
const (
	streamMediaLive = 10
	streamReconLive = 11
	streamLitigLive = 12
	streamMailLive  = 13
)

// liveFrom is where the continuation's new reconsideration applications start: the day after the
// last 2025 cohort of the first ledgers.
var liveFrom = calendar.MustParseDate("2025-02-17")

// perDay scales a 2024 count to the span [from, to] by the weight of its days.
func perDay(n2024 int, from, to calendar.Date, weight kit.DayWeight) int {
	return kit.PerDay(n2024, jan2024, dec2024, from, to, weight)
}

// liveDisputes continues the mediation ledger to asOf. The disputes open at histEnd move forward
// by the days between; disputes accepted since are drawn at 2024's rates (its row of the table,
// scaled to the days), planned up to 60 days past asOf, and those whose course runs past asOf
// are still being mediated (or just registered) on the load day.
func liveDisputes(r *rand.Rand, t *tree, ds []dispute, asOf calendar.Date) ([]dispute, error) {
	shift := asOf.Sub(histEnd)
	for i := range ds {
		if d := &ds[i]; d.closed.IsZero() {
			d.accepted = d.accepted.AddDays(shift)
		}
	}
	more, err := newGenerator(r, t).year(mediationTable[1].scaled(histEnd.AddDays(-6), asOf, asOf.AddDays(60)))
	for i := range more {
		switch d := &more[i]; {
		case d.closed.After(asOf):
			d.closed, d.form, d.confirmedOn, d.confirmResult = calendar.Date{}, "", calendar.Date{}, ""
			d.result = "调解中"
			if asOf.Sub(d.accepted) < 2 {
				d.result = "受理"
			}
			d.timeline = r.Float64() < 0.3
		case d.confirmedOn.After(asOf):
			d.confirmedOn, d.confirmResult = calendar.Date{}, ""
		}
	}
	ds = append(ds, more...)
	numberDisputes(ds)
	return ds, err
}

// liveReconsiderations continues the 行政复议 ledger to asOf on r: the hand-placed open cases move
// forward by the working days between histEnd and asOf, the months between are filled at 2024's
// rate, and the last three months' applications stand where their planned course has reached.
// It returns the new cases (the ones the continuation of the other ledgers follows) after adding
// them to cs and numbering the whole ledger again.
func liveReconsiderations(r *rand.Rand, cal *calendar.Calendar, cs []*reconCase, asOf calendar.Date) (all, added []*reconCase, err error) {
	defer kit.Recovered("行政复议案件", &err)
	g := &reconGen{days: days{R: r, Cal: cal}, staff: officeStaff(), admitted: 100, simplified: 25}
	shift, err := cal.WorkdaysBetween(histEnd, asOf)
	if err != nil {
		return nil, nil, fmt.Errorf("生成演示行政复议案件需要工作日历：%w", err)
	}
	for _, c := range cs {
		switch {
		case c.open() && !c.received.Before(liveFrom.AddDays(-14)):
			c.moveWorkdays(g.days, shift)
		case c.open() && !c.suspended.IsZero() && c.resumed.IsZero():
			// The 2024 case suspended while another case was pending (第39条第1款第8项) resumes
			// once that one is decided, and is decided in its turn.
			c.resumed = g.WD(c.suspended, 60+g.R.IntN(40))
			c.outcome = g.pickOutcome(c)
			if lo, hi := g.window(c); !g.conclude(c, lo, hi) {
				c.closed, c.outcome = calendar.Date{}, ""
			}
			c.cut(asOf)
		}
	}
	recent := kit.Later(liveFrom, asOf.AddDays(-90))
	if to := g.WD(recent, -1); !to.Before(liveFrom) {
		n := perDay(received2024, liveFrom, to, g.WorkdayWeight)
		added = g.cohort(liveFrom, to, asOf.AddDays(-3), n, map[string]int{
			"不予受理": n * refused2024 / received2024, "受理前化解": n * resolved2024 / received2024, "视为撤回": n * withdrawn2024 / received2024}, true)
	}
	for _, day := range g.Workdays(recent, asOf, perDay(received2024, recent, asOf, g.WorkdayWeight)) {
		added = append(added, g.underway(day, asOf))
	}
	added = append(added, g.overdueCases(asOf)...)
	for _, c := range added {
		g.finishBy(c, asOf.AddDays(-10))
	}
	all = append(slices.Clone(cs), added...)
	numberCases(all)
	g.fitStatute(all, asOf)
	return all, added, nil
}

// officeStaff are the office's 行政复议人员: the first names drawn on the ledger's stream, as
// generateReconsiderations draws them.
func officeStaff() []string { return distinctNames(rand.New(rand.NewPCG(seed, streamRecon)), 6) }

// underway draws an application received on day and takes its planned course up to asOf only;
// a few in a hundred of its decisions are late (the office's overdue cases).
func (g *reconGen) underway(day, asOf calendar.Date) *reconCase {
	c := g.newCase(day)
	switch u := g.R.Float64(); {
	case u < float64(refused2024)/received2024:
		g.screen(c, "不予受理")
	case u < float64(refused2024+resolved2024)/received2024:
		g.screen(c, "受理前化解")
	case u < float64(refused2024+resolved2024+withdrawn2024)/received2024:
		g.screen(c, "视为撤回")
	default:
		lo, hi := g.plan(c, true, c.received, asOf.AddDays(400))
		if isDecision(c.outcome) && !c.late && c.extDays == 0 && g.R.Float64() < 0.06 {
			c.late = true
			lo, hi = g.window(c)
		}
		if !g.conclude(c, lo, hi) {
			panic("demo: empty conclusion window")
		}
	}
	c.cut(asOf)
	c.timeline = c.open() && g.R.Float64() < 0.3
	return c
}

// overdueCases are the office's lapses on the load day, as the deadlines page must show them:
// a decision two days past its 60 days (第62条), and a copy not sent to the respondent within
// seven working days of acceptance (第48条).
func (g *reconGen) overdueCases(asOf calendar.Date) []*reconCase {
	late := g.newCase(g.WD(asOf.AddDays(-62), -3))
	late.acceptance, late.accepted, late.procedure = "受理", g.WD(late.received, 3), "普通"
	for g.due(late, false).After(asOf.AddDays(-2)) {
		late.accepted = g.WD(late.accepted, -1)
	}
	late.received = g.WD(late.accepted, -3)
	late.copySent = g.WD(late.accepted, 2)
	late.answered = g.WD(late.copySent, 8)
	unsent := g.newCase(g.WD(asOf, -12))
	unsent.acceptance, unsent.accepted, unsent.procedure = "受理", g.WD(asOf, -9), "普通"
	late.timeline, unsent.timeline = true, true
	return []*reconCase{late, unsent}
}

// planning is the calendar the continuation plans with: the working calendar and, after its last
// year, plain weekdays. A course planned at the end of the calendar's last year runs into the
// next; every day of it past the load day is cut, so no guessed day reaches a record.
func planning(cal *calendar.Calendar) (*calendar.Calendar, error) {
	years := cal.Years()
	return calendar.New(cal.Days(), append(years, years[len(years)-1]+1))
}

// cut leaves undone what c's plan puts after asOf, latest step first: the conclusion, the
// extension, the suspension's end and start, the committee's opinion, the hearing, the answer,
// the copy, the acceptance and the 补正.
func (c *reconCase) cut(asOf calendar.Date) {
	var zero calendar.Date
	hearing := c.hearingNote
	if hearing.IsZero() {
		hearing = c.hearingOn
	}
	for _, step := range []struct {
		on   calendar.Date
		undo func()
	}{
		{c.closed, func() {
			c.closed, c.outcome, c.termGround, c.sued = zero, "", "", false
			if c.mediationPause {
				c.resumed = zero // still suspended while the parties settle
			}
		}},
		{c.extApproved, func() { c.extDays, c.extApproved = 0, zero }},
		{c.resumed, func() { c.resumed = zero }},
		{c.suspended, func() { c.suspended, c.resumed, c.suspGround, c.mediationPause = zero, zero, "", false }},
		{c.opinionOn, func() { c.opinionOn, c.opinion, c.consultGround = zero, "", "" }},
		{hearing, func() { c.hearingNote, c.hearingOn, c.panel, c.observers = zero, zero, nil, nil }},
		{c.answered, func() { c.answered = zero }},
		{c.copySent, func() { c.copySent = zero }},
		{c.accepted, func() { c.accepted, c.procedure, c.simpleGround, c.acceptance = zero, "", "", "审查中" }},
		{c.acceptanceClosed, func() { c.acceptanceClosed, c.refusal, c.acceptance = zero, "", "审查中" }},
		{c.suppReceived, func() { c.suppReceived = zero }},
		{c.suppRequested, func() { c.suppRequested, c.suppItems = zero, "" }},
	} {
		if step.on.After(asOf) {
			step.undo()
		}
	}
	if c.acceptance == "审查中" && !c.suppRequested.IsZero() && c.suppReceived.IsZero() {
		c.acceptance = "补正中"
	}
}

// moveWorkdays moves every date of c by n working days (each of them is one).
func (c *reconCase) moveWorkdays(g days, n int) {
	for _, d := range []*calendar.Date{&c.received, &c.suppRequested, &c.suppReceived, &c.acceptanceClosed, &c.accepted,
		&c.copySent, &c.answered, &c.hearingOn, &c.hearingNote, &c.opinionOn, &c.suspended, &c.resumed, &c.extApproved, &c.closed} {
		if !d.IsZero() {
			*d = g.WD(*d, n)
		}
	}
}

// liveLawsuits continues the 行政应诉 ledger to asOf on r: the courses planned for the suits of
// the first ledger go on as their days pass (hearings held, judgments given, appeals filed), and
// new suits come from the continuation's decisions and, directly, at 2024's rate.
func liveLawsuits(r *rand.Rand, cal *calendar.Calendar, l litLedger, cases []*reconCase, asOf calendar.Date) (added []*lawsuit, err error) {
	defer kit.Recovered("行政应诉案件", &err)
	g := &litGen{days: days{R: r, Cal: cal}, leaders: l.g.leaders, seq: l.g.seq, court: l.g.court}
	for _, s := range l.suits {
		p := s.planned
		if s.hearing.IsZero() && !p.hearing.IsZero() && !p.hearing.After(asOf) {
			s.hearing = p.hearing
			g.appear(s)
		}
		if s.closed.IsZero() && !p.closed.IsZero() && !p.closed.After(asOf) {
			s.closed, s.judgment = p.closed, p.judgment
		}
	}
	g.fromReconsideration(cases)
	from := calendar.MustParseDate("2025-03-17") // after the first ledger's last direct suit
	g.direct(from, asOf, perDay(direct2024, from, asOf, g.WorkdayWeight))
	first := slices.Clone(g.out)
	for _, s := range first {
		g.firstInstance(s)
		if a := g.appeal(s, 0.25); a != nil {
			g.out = append(g.out, a)
		}
	}
	g.out = append(g.out, l.pending...)
	g.out = slices.DeleteFunc(g.out, func(s *lawsuit) bool { return s.filed.After(asOf) })
	for _, s := range g.out {
		s.cut(asOf)
	}
	g.number(g.out)
	for _, s := range g.out {
		g.appear(s)
	}
	return g.out, nil
}

// liveLetters continues the office's letters to asOf on r: 应诉督办 to most agencies facing a new
// suit, 复议意见书 after some corrected acts (行政复议法第76条), and each December the request for
// the year's figures; numbered on from the first ledger's series of each year.
func liveLetters(r *rand.Rand, cal *calendar.Calendar, old []*letter, cases []*reconCase, suits []*lawsuit, asOf calendar.Date) (added []*letter, err error) {
	defer kit.Recovered("督办函件", &err)
	g := days{R: r, Cal: cal}
	send := func(l *letter) {
		if l.sent.After(histEnd) && !l.sent.After(asOf) {
			added = append(added, l)
		}
	}
	for _, s := range suits {
		if len(s.units) > 0 && s.instance == "一审" && r.Float64() < 0.85 {
			send(suitLetter(g, s))
		}
	}
	for _, l := range opinionLetters(g, cases) {
		send(l)
	}
	for y := 2025; y <= asOf.Year(); y++ {
		day, _ := g.PickDay(calendar.NewDate(y, 12, 1), calendar.NewDate(y, 12, 12), 1)
		send(&letter{org: reconOffice, sent: day, typ: "其他", recipients: allDepartments(),
			title: fmt.Sprintf("关于报送%d年度行政复议行政应诉工作情况的函", y)})
	}
	seq := map[int]int{}
	for _, l := range old {
		_, rest, _ := strings.Cut(l.code, "〕")
		n, _ := strconv.Atoi(strings.TrimSuffix(rest, "号"))
		seq[l.sent.Year()] = max(seq[l.sent.Year()], n)
	}
	numberLettersAfter(r, added, seq)
	return added, nil
}
