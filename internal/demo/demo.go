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
	"github.com/fazhi/fazhi/internal/demo/kit"
	"math/rand/v2"
	"slices"

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
func LoadAsOf(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, asOf calendar.Date) (_ Summary, err error) {
	// A plan the statute's clocks do not allow is a bug in a generator: said as an error naming
	// it, never a panic out of `fazhi demo`.
	defer kit.Recovered("数据", &err)
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

	ds, err := generateDisputes(rand.New(rand.NewPCG(seed, streamMedia)), &t)
	if err == nil && asOf.After(histEnd) {
		ds, err = liveDisputes(rand.New(rand.NewPCG(seed, streamMediaLive)), &t, ds, asOf)
	}
	if err != nil {
		return sum, err
	}
	if err := sum.write(ctx, st, a, sc, "mediation", disputeRows(&t, ds)); err != nil {
		return sum, err
	}
	if err := loadReconsideration(ctx, st, a, sc, &sum, asOf); err != nil {
		return sum, err
	}
	if err := loadLegalAid(ctx, st, a, sc, &sum, asOf); err != nil {
		return sum, err
	}
	if err := loadPublicServices(ctx, st, a, sc, &sum, &t, asOf); err != nil {
		return sum, err
	}
	if err := loadPublicity(ctx, st, a, sc, &sum, &t, asOf); err != nil {
		return sum, err
	}
	if err := loadEnforcementSupervision(ctx, st, a, sc, &sum, asOf); err != nil {
		return sum, err
	}
	if err := loadLawfulGovernment(ctx, st, a, sc, &sum, asOf); err != nil {
		return sum, err
	}
	return sum, kit.Verify(ctx, st, sc, cityCode, slices.Concat(mediationTargets, reconTargets, aidTargets, publicServiceTargets,
		publicityTargets, enforcementTargets, lawGovTargets))
}

// write puts one kind's rows into the store (kit.Write) and counts them.
func (sum *Summary) write(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, kind string, rows []kit.Row) error {
	n, err := kit.Write(ctx, st, a, sc, kind, rows)
	sum.Records[kind] += len(rows)
	sum.Timelines += n
	return err
}

// imported are rows of a ledger imported as it stands.
func imported(values []law.Values) []kit.Row {
	rows := make([]kit.Row, len(values))
	for i, v := range values {
		rows[i] = kit.Row{Values: v}
	}
	return rows
}

// loadReconsideration writes the 行政复议 office's ledgers: the cases (most imported, some entered
// step by step), the hearings (they refer to their cases, so they come after them), the suits
// and the letters.
func loadReconsideration(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, sum *Summary, asOf calendar.Date) error {
	l, err := reconLedgers(st.Calendar(), asOf)
	if err != nil {
		return err
	}
	for i, kind := range []string{"reconsideration", "hearing", "litigation", "letter"} {
		if err := sum.write(ctx, st, a, sc, kind, l[i]); err != nil {
			return err
		}
	}
	return nil
}

// reconLedgers draws the office's four ledgers as they stand on asOf, in the order they are
// written.
func reconLedgers(cal *calendar.Calendar, asOf calendar.Date) (l [4][]kit.Row, err error) {
	cs, err := generateReconsiderations(rand.New(rand.NewPCG(seed, streamRecon)), rand.New(rand.NewPCG(seed, streamRecon2023)), cal)
	if err != nil {
		return l, err
	}
	live := asOf.After(histEnd)
	// The first ledgers' suits and letters follow the first ledger's cases, in its order; the
	// continuation's follow the cases it added.
	hist := slices.Clone(cs)
	var added []*reconCase
	var plan *calendar.Calendar
	if live {
		if plan, err = planning(cal); err != nil {
			return l, err
		}
		if cs, added, err = liveReconsiderations(rand.New(rand.NewPCG(seed, streamReconLive)), plan, cs, asOf); err != nil {
			return l, err
		}
	}
	for _, c := range cs {
		l[0] = append(l[0], c.row(reconOffice))
	}
	l[1] = imported(hearings(cs, reconOffice, asOf))

	lit, err := lawsuitLedger(rand.New(rand.NewPCG(seed, streamLitig)), rand.New(rand.NewPCG(seed, streamLitig2023)), cal, hist)
	if err != nil {
		return l, err
	}
	suits := lit.suits
	var newSuits []*lawsuit
	if live {
		if newSuits, err = liveLawsuits(rand.New(rand.NewPCG(seed, streamLitigLive)), plan, lit, added, asOf); err != nil {
			return l, err
		}
		suits = append(suits, newSuits...)
	}
	if err := answerDates(cal, suits, asOf); err != nil {
		return l, err
	}
	for _, s := range suits {
		l[2] = append(l[2], kit.Row{Values: s.values(reconOffice)})
	}

	letters, err := generateLetters(rand.New(rand.NewPCG(seed, streamMail)), rand.New(rand.NewPCG(seed, streamMail2023)), cal, hist, lit.suits)
	if err != nil {
		return l, err
	}
	if live {
		more, err := liveLetters(rand.New(rand.NewPCG(seed, streamMailLive)), plan, letters, added, newSuits, asOf)
		if err != nil {
			return l, err
		}
		letters = append(letters, more...)
	}
	for _, x := range letters {
		l[3] = append(l[3], kit.Row{Values: x.values()})
	}
	return l, nil
}
