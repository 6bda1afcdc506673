// Package demo loads the 兴宁市 scenario behind `fazhi demo` and `fazhi serve --demo`: the org
// tree of the city and records from which the figures of the seed report (兴宁市司法局 2024年
// 法治政府建设年度报告) come out by computation, with a full 2023 for its year-over-year
// comparisons.
//
// The data is generated, not stored: a fixed-seed PCG drives every choice, so every run writes
// the same organisations and the same records in the same order. Everything goes through the
// store's ordinary write path (ImportOrgs, ImportRecords, CreateRecord, Transition), so the demo
// is validated, scoped and audited like any clerk's work.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// Each part of the scenario has its own random stream, so that changing how one part is drawn
// does not reshuffle the others. The ledgers first covered 2023-Q4 to 2025-Q1; the rest of 2023,
// the year the report compares 2024 with, was added later on streams of its own, so that every
// record of 2024 and 2025 stayed as it was.
const (
	seed        = 441481 // the city's division code
	streamOrgs  = 1
	streamMedia = 2
	streamRecon = 3 // reconsideration and hearing
	streamLitig = 4 // litigation
	streamMail  = 5 // letter

	streamMedia2023 = 6 // mediation, January to September 2023 and the rest of its last quarter
	streamRecon2023 = 7 // reconsideration and hearing, applications received January to 8 October 2023
	streamLitig2023 = 8 // litigation, 2023 suits other than those of the last quarter
	streamMail2023  = 9 // letters of 2023 about those suits and cases

	accountTown = "441481100" // 宁中镇, where the demo's town-level accounts work
)

// Summary says what Load wrote and where demo accounts may be bound.
type Summary struct {
	City   string `json:"city"`   // 兴宁市: a city-wide account
	Bureau string `json:"bureau"` // 兴宁市司法局: the bureau's staff
	// Reconsideration is the bureau's 行政复议与应诉股, the 行政复议机构 that keeps the
	// reconsideration, hearing, litigation and letter ledgers.
	Reconsideration string `json:"reconsideration"`
	Town            string `json:"town"`      // 宁中镇: a town's 司法所 staff
	Committee       string `json:"committee"` // a village committee in Town: a mediator
	// AsOf is the day the data stands on: the load day for `fazhi serve --demo`, or the day
	// given to `fazhi demo --as-of` (2025-03-31, the first ledgers' last day, for Load).
	AsOf string `json:"as_of"`
	// Capped says why AsOf is earlier than the day asked for ("" when it is not).
	Capped  string         `json:"capped,omitempty"`
	Orgs    int            `json:"orgs"`
	Records map[string]int `json:"records"` // by kind
	// Timelines counts the records entered step by step (CreateRecord, then Transition), whose
	// history shows each step rather than a single import.
	Timelines int `json:"timelines"`
}

// Load writes the scenario as the first ledgers stood, on 2025-03-31 (the fixed demo the tests
// and benchmarks measure); LoadAsOf continues it to a later day.
func Load(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope) (Summary, error) {
	return LoadAsOf(ctx, st, a, sc, histEnd)
}

// First is the earliest day a demo can stand on: the first ledgers' last day.
func First() calendar.Date { return histEnd }

// LoadAsOf writes the scenario into st as it stands on asOf (deterministic for a given day).
// It refuses a database that already holds the city, so that it never mixes demo records into
// real ones; sc must be allowed to manage orgs and write every kind it loads (store.System).
// A day in the last year the working calendar covers is taken up to 15 December, so that the
// periods running at the load day stay within the calendar; later days stand on that one.
func LoadAsOf(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, asOf calendar.Date) (Summary, error) {
	if asOf.Before(histEnd) {
		return Summary{}, &store.Error{Code: store.EINVALID,
			Message: fmt.Sprintf("演示数据最早截至 %s（首批台账的最后一天），不能截至 %s", histEnd, asOf)}
	}
	var capped string
	years := st.Calendar().Years()
	if last := calendar.NewDate(years[len(years)-1], 12, 15); asOf.After(last) {
		capped = fmt.Sprintf("工作日历只到 %d 年，演示数据截至 %s（而非 %s）；导入新一年的节假日安排后可重新载入", last.Year(), last, asOf)
		asOf = last
	}
	if _, err := st.Org(ctx, sc, cityCode); err == nil {
		return Summary{}, &store.Error{Code: store.ECONFLICT,
			Message: "数据库中已有「" + cityName + "」的组织架构：演示数据只能载入空数据库（可用 fazhi demo --reset 清空后重新载入）"}
	} else if store.ErrorCode(err) != store.ENOTFOUND {
		return Summary{}, err
	}
	t := buildTree(rand.New(rand.NewPCG(seed, streamOrgs)))
	if _, err := st.ImportOrgs(ctx, a, sc, t.orgs); err != nil {
		return Summary{}, fmt.Errorf("载入演示组织架构失败：%w", err)
	}
	sum := Summary{City: cityCode, Bureau: bureauCode, Reconsideration: reconOffice, Town: accountTown, AsOf: asOf.String(),
		Capped: capped, Orgs: len(t.orgs), Records: map[string]int{}}
	for _, c := range t.committees {
		if c.village && towns[c.town].code == accountTown {
			sum.Committee = c.code
			break
		}
	}

	ds := generateDisputes(rand.New(rand.NewPCG(seed, streamMedia)), rand.New(rand.NewPCG(seed, streamMedia2023)), &t)
	if asOf.After(histEnd) {
		ds = liveDisputes(rand.New(rand.NewPCG(seed, streamMediaLive)), &t, ds, asOf)
	}
	var rows []store.ImportRow
	var stepwise []law.Values
	for _, d := range ds {
		if d.timeline {
			stepwise = append(stepwise, d.values(&t))
		} else {
			rows = append(rows, store.ImportRow{Line: len(rows) + 2, Values: d.values(&t)})
		}
	}
	if err := importAll(ctx, st, a, sc, "mediation", rows); err != nil {
		return sum, err
	}
	for _, v := range stepwise {
		if err := mediateStepwise(ctx, st, a, sc, v); err != nil {
			return sum, fmt.Errorf("载入演示调解案件「%s」失败：%w", v.Str("code"), err)
		}
	}
	sum.Records["mediation"] = len(ds)
	sum.Timelines += len(stepwise)

	if err := loadReconsideration(ctx, st, a, sc, &sum, asOf); err != nil {
		return sum, err
	}
	return sum, nil
}

// loadReconsideration writes the 行政复议 office's ledgers: the cases (most imported, some entered
// step by step), the hearings, the suits and the letters.
func loadReconsideration(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, sum *Summary, asOf calendar.Date) error {
	cal := st.Calendar()
	cs, err := generateReconsiderations(rand.New(rand.NewPCG(seed, streamRecon)), rand.New(rand.NewPCG(seed, streamRecon2023)), cal)
	if err != nil {
		return err
	}
	live := asOf.After(histEnd)
	// The first ledgers' suits and letters follow the first ledger's cases, in its order; the
	// continuation's follow the cases it added.
	hist := slices.Clone(cs)
	var added []*reconCase
	var plan *calendar.Calendar
	if live {
		if plan, err = planning(cal); err != nil {
			return err
		}
		if cs, added, err = liveReconsiderations(rand.New(rand.NewPCG(seed, streamReconLive)), plan, cs, asOf); err != nil {
			return err
		}
	}
	var rows []store.ImportRow
	var stepwise []*reconCase
	for _, c := range cs {
		if c.timeline {
			stepwise = append(stepwise, c)
		} else {
			rows = append(rows, store.ImportRow{Line: len(rows) + 2, Values: c.values(reconOffice)})
		}
	}
	if err := importAll(ctx, st, a, sc, "reconsideration", rows); err != nil {
		return err
	}
	for _, c := range stepwise {
		if err := reviewStepwise(ctx, st, a, sc, c); err != nil {
			return fmt.Errorf("载入演示行政复议案件「%s」失败：%w", c.code, err)
		}
	}
	sum.Records["reconsideration"] = len(cs)
	sum.Timelines += len(stepwise)

	// Hearings refer to their cases, so they come after them.
	rows = nil
	for _, v := range hearings(cs, reconOffice, asOf) {
		rows = append(rows, store.ImportRow{Line: len(rows) + 2, Values: v})
	}
	if err := importAll(ctx, st, a, sc, "hearing", rows); err != nil {
		return err
	}
	sum.Records["hearing"] = len(rows)

	lit, err := lawsuitLedger(rand.New(rand.NewPCG(seed, streamLitig)), rand.New(rand.NewPCG(seed, streamLitig2023)), cal, hist)
	if err != nil {
		return err
	}
	suits := lit.suits
	var newSuits []*lawsuit
	if live {
		if newSuits, err = liveLawsuits(rand.New(rand.NewPCG(seed, streamLitigLive)), plan, lit, added, asOf); err != nil {
			return err
		}
		suits = append(suits, newSuits...)
	}
	rows = nil
	for _, s := range suits {
		rows = append(rows, store.ImportRow{Line: len(rows) + 2, Values: s.values(reconOffice)})
	}
	if err := importAll(ctx, st, a, sc, "litigation", rows); err != nil {
		return err
	}
	sum.Records["litigation"] = len(rows)

	letters, err := generateLetters(rand.New(rand.NewPCG(seed, streamMail)), rand.New(rand.NewPCG(seed, streamMail2023)), cal, hist, lit.suits)
	if err != nil {
		return err
	}
	if live {
		more, err := liveLetters(rand.New(rand.NewPCG(seed, streamMailLive)), plan, letters, added, newSuits, asOf)
		if err != nil {
			return err
		}
		letters = append(letters, more...)
	}
	rows = nil
	for _, l := range letters {
		rows = append(rows, store.ImportRow{Line: len(rows) + 2, Values: l.values()})
	}
	if err := importAll(ctx, st, a, sc, "letter", rows); err != nil {
		return err
	}
	sum.Records["letter"] = len(rows)
	return nil
}

// reviewStepwise enters a case as the office handles it: registered on receipt, then each step
// (补正, 受理, 副本, 答复, 听证, 中止, 恢复, 延期, 决定, 起诉) as a Transition on its day. The final
// values equal what an import of the same case would hold.
func reviewStepwise(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, c *reconCase) error {
	rec, err := st.CreateRecord(ctx, a, sc, "reconsideration", c.application(reconOffice))
	if err != nil {
		return err
	}
	for _, s := range c.steps() {
		if rec, err = st.Transition(ctx, a, sc, rec.ID, rec.Version, s.name, s.in); err != nil {
			return fmt.Errorf("%s「%s」：%w", s.on, s.name, err)
		}
	}
	return nil
}

// importAll imports rows in one transaction; on refusal it names the first rows and reasons,
// since a refused demo row is a bug in the generator, not a clerk's typo.
func importAll(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, kind string, rows []store.ImportRow) error {
	_, bad, err := st.ImportRecords(ctx, a, sc, kind, rows, false)
	if err == nil {
		return nil
	}
	var msgs []string
	for i, b := range bad {
		if i == 3 {
			msgs = append(msgs, fmt.Sprintf("等共%d行", len(bad)))
			break
		}
		msgs = append(msgs, fmt.Sprintf("第%d行「%s」：%s", b.Line, b.Field, b.Message))
	}
	return fmt.Errorf("载入演示数据「%s」失败：%w %s", kind, err, strings.Join(msgs, "；"))
}

// mediateStepwise enters a dispute as a clerk would: registered (受理), mediation begun, then its
// result and any 司法确认, each a Transition with its own event. The final values equal what an
// import of the same dispute would hold.
func mediateStepwise(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, v law.Values) error {
	later := []string{"closed_on", "agreement_form", "confirmation_applied", "confirmation_applied_on", "confirmation_result"}
	first := law.Values{}
	for k, x := range v {
		first[k] = x
	}
	for _, k := range later {
		delete(first, k)
	}
	first["result"] = "受理"
	rec, err := st.CreateRecord(ctx, a, sc, "mediation", first)
	if err != nil {
		return err
	}
	// step takes a transition with v's values for keys; once a step has failed it does nothing,
	// so a sequence of steps ends with one check of err.
	step := func(name string, keys ...string) error {
		if err != nil {
			return err
		}
		in := law.Values{}
		for _, k := range keys {
			in[k] = v[k]
		}
		rec, err = st.Transition(ctx, a, sc, rec.ID, rec.Version, name, in)
		return err
	}
	switch v.Str("result") {
	case "受理":
		return nil
	case "调解中":
		return step("start")
	case "成功":
		step("start")
		step("succeed", "closed_on", "agreement_form")
		if v.Str("confirmation_applied") == "是" {
			step("apply_confirmation", "confirmation_applied_on")
			step("record_confirmation", "confirmation_result")
		}
		return err
	case "不成功":
		step("start")
		return step("fail", "closed_on")
	case "终止":
		step("start")
		return step("terminate", "closed_on")
	}
	return fmt.Errorf("未知的调解结果「%s」", v.Str("result"))
}
