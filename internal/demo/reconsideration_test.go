package demo

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

func generatedReconsiderations(t *testing.T) []*reconCase {
	t.Helper()
	cs, err := generateReconsiderations(rand.New(rand.NewPCG(seed, streamRecon)), rand.New(rand.NewPCG(seed, streamRecon2023)), calendar.Default())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// valid normalizes and validates v as the store does before writing it.
func valid(t *testing.T, kind *law.Kind, v law.Values) law.Values {
	t.Helper()
	if kind.Normalize != nil {
		kind.Normalize(v)
	}
	if sf, ok := kind.FieldByColumn(law.ColStatus); ok && v.Str(sf.Key) == "" && len(kind.States) > 0 {
		v[sf.Key] = kind.States[0]
	}
	if probs := kind.Validate(v); len(probs) > 0 {
		t.Fatalf("%s %s: %v", kind.Name, v.Str("code"), probs)
	}
	return v
}

// TestGeneratedReconsiderations checks the 复议 ledger without a database: every row valid, the
// 2024 counts exact, the dates within the statute's clocks, and the spread the brief asks for.
func TestGeneratedReconsiderations(t *testing.T) {
	cs := generatedReconsiderations(t)
	cal := calendar.Default()
	g := &reconGen{days: days{Cal: cal}}
	wd := func(d calendar.Date, n int) calendar.Date { return g.WD(d, n) }
	var (
		received, concluded, carried, accepted, simple int
		corrected, mediated, late, open, sued          int
		outcomes                                       = map[string]int{}
		acts                                           = map[string]int{}
		stages                                         = map[string]int{}
		timelines                                      int
	)
	codes := map[string]bool{}
	for _, c := range cs {
		v := valid(t, law.Reconsideration, c.values(reconOffice))
		if codes[c.code] {
			t.Fatalf("duplicate 编号 %s", c.code)
		}
		codes[c.code] = true
		if c.timeline {
			timelines++
		}
		if c.open() {
			open++
			stages[v.Str("stage")]++
		}
		if c.received.Year() == 2024 {
			received++
			acts[c.act]++
		}
		if c.closed.Year() == 2024 {
			concluded++
			outcomes[c.outcome]++
			if c.received.Year() == 2023 {
				carried++
			}
			if slices.Contains(law.CorrectionOutcomes, c.outcome) {
				corrected++
			}
			if c.outcome == "调解" || c.outcome == "和解撤回" {
				mediated++
			}
			if c.sued {
				sued++
			}
		}
		// 第30条: accepted within 5 WD of receipt, or of the 补正 materials.
		if !c.accepted.IsZero() {
			base := c.received
			if !c.suppReceived.IsZero() {
				base = c.suppReceived
				if c.suppRequested.After(wd(c.received, 5)) || c.suppReceived.After(wd(c.suppRequested, 10)) {
					t.Errorf("%s: 补正 %s→%s after receipt %s", c.code, c.suppRequested, c.suppReceived, c.received)
				}
			}
			if c.accepted.After(wd(base, 5)) || !c.accepted.After(base) {
				t.Errorf("%s: accepted %s, received %s", c.code, c.accepted, base)
			}
			if c.received.Year() == 2024 {
				accepted++
				if c.procedure == "简易" {
					simple++
				}
			}
			if c.received.Year() < 2024 && c.procedure == "简易" {
				t.Errorf("%s: simplified procedure before the 2023 law was in force", c.code)
			}
			copyMax, answerMax := 7, 10
			if c.procedure == "简易" {
				copyMax, answerMax = 3, 5
			}
			if !c.copySent.IsZero() && c.copySent.After(wd(c.accepted, copyMax)) {
				t.Errorf("%s: copy sent %s, accepted %s", c.code, c.copySent, c.accepted)
			}
			if !c.answered.IsZero() && c.answered.After(wd(c.copySent, answerMax)) {
				t.Errorf("%s: answered %s, copy %s", c.code, c.answered, c.copySent)
			}
		}
		if !c.closed.IsZero() {
			if due := g.due(c, true); c.closed.After(due) {
				late++
			}
			if c.closed.After(histEnd) {
				t.Errorf("%s concluded after the demo's date: %s", c.code, c.closed)
			}
		}
		if !c.hearingOn.IsZero() && c.hearingNote.After(wd(c.hearingOn, -5)) {
			t.Errorf("%s: hearing %s notified %s", c.code, c.hearingOn, c.hearingNote)
		}
		if c.extDays > 30 || (c.extDays > 0 && c.procedure != "普通") {
			t.Errorf("%s: extension %d under %s", c.code, c.extDays, c.procedure)
		}
	}
	if received != received2024 || concluded != concluded2024 {
		t.Fatalf("2024: received %d, concluded %d", received, concluded)
	}
	if carried != carried2023 || open < 7 || open > 10 {
		t.Errorf("carried over %d, open %d", carried, open)
	}
	for _, st := range []string{"审查中", "补正中", "审理中", "中止"} {
		if stages[st] == 0 {
			t.Errorf("no open case in stage %s: %v", st, stages)
		}
	}
	share := func(n, of int) float64 { return float64(n) / float64(of) }
	if s := share(simple, accepted); s < 0.2 || s > 0.3 {
		t.Errorf("simplified procedure in %.0f%% of 2024 acceptances", s*100)
	}
	if s := share(corrected, concluded); s < 0.1 || s > 0.2 {
		t.Errorf("纠错 %.1f%%", s*100)
	}
	if mediated < 15 || late == 0 || late > 6 || sued < 10 {
		t.Errorf("mediated %d, late %d, sued %d", mediated, late, sued)
	}
	if outcomes["维持"] < outcomes["撤销"]*3 || outcomes["撤回"] == 0 || outcomes["终止"] == 0 {
		t.Errorf("outcomes %v", outcomes)
	}
	if timelines < 15 {
		t.Errorf("only %d timelines", timelines)
	}
	hs := hearings(cs, reconOffice, histEnd)
	observers := map[string]bool{}
	for _, h := range hs {
		valid(t, law.Hearing, h)
		if strings.HasPrefix(h.Str("held_on"), "2024") {
			obs, _ := h["observers"].([]string)
			for _, o := range obs {
				observers[o] = true
			}
		}
	}
	if len(observers) != 8 {
		t.Errorf("observer units %v", observers)
	}
	t.Logf("2024: %d received (%v), %d concluded (%d carried over) %v; simplified %d/%d; 纠错 %d, 调解和解 %d, late %d, sued %d; open %v; %d hearings; %d timelines",
		received, acts, concluded, carried, outcomes, simple, accepted, corrected, mediated, late, sued, stages, len(hs), timelines)
}

// TestReconsiderationSteps: each stepwise case's steps are in date order and allowed from the
// stage the previous step left (the store checks the rest when Load takes them).
func TestReconsiderationSteps(t *testing.T) {
	cs := generatedReconsiderations(t)
	paths := map[string]bool{}
	for _, c := range cs {
		if !c.timeline {
			continue
		}
		stage := "审查中"
		var names []string
		for i, s := range c.steps() {
			tr, ok := law.Reconsideration.Transition(s.Name)
			if !ok || !slices.Contains(tr.From, stage) {
				t.Fatalf("%s: %s from %s", c.code, s.Name, stage)
			}
			if i > 0 && s.On.Before(c.steps()[i-1].On) {
				t.Errorf("%s: steps out of order", c.code)
			}
			if tr.To != "" {
				stage = tr.To
			}
			names = append(names, s.Name)
			paths[s.Name] = true
		}
		want := c.values(reconOffice)
		law.Reconsideration.Normalize(want)
		if stage != want.Str("stage") {
			t.Errorf("%s: steps end in %s, the ledger says %s", c.code, stage, want.Str("stage"))
		}
		t.Logf("%s: %s", c.code, strings.Join(names, " → "))
	}
	for _, tr := range law.Reconsideration.Transitions {
		if !tr.Auto && !paths[tr.Name] && tr.Name != "switch_ordinary" {
			t.Errorf("no stepwise case takes %s", tr.Name)
		}
	}
}

// TestGeneratedLawsuits checks the 行政应诉 and 督办函件 ledgers without a database.
func TestGeneratedLawsuits(t *testing.T) {
	cs := generatedReconsiderations(t)
	suits, err := generateLawsuits(rand.New(rand.NewPCG(seed, streamLitig)), rand.New(rand.NewPCG(seed, streamLitig2023)), calendar.Default(), cs)
	if err != nil {
		t.Fatal(err)
	}
	codes, courtNos := map[string]bool{}, map[string]bool{}
	filed, heard, spoke, fromRecon := map[string]int{}, 0, 0, 0
	for _, s := range suits {
		v := valid(t, law.Litigation, s.values(reconOffice))
		if codes[s.code] || courtNos[s.courtNo] {
			t.Fatalf("duplicate %s %s", s.code, s.courtNo)
		}
		codes[s.code], courtNos[s.courtNo] = true, true
		if s.filed.After(histEnd) || s.hearing.After(histEnd) || s.closed.After(histEnd) {
			t.Errorf("%s after the demo's date", s.code)
		}
		if s.filed.Year() == 2024 {
			filed[s.instance]++
			if strings.Contains(s.defendant, "、"+cityGov) {
				fromRecon++
			}
		}
		if s.hearing.Year() == 2024 {
			heard++
			if !slices.Contains(law.HeadTitles, v.Str("head_title")) || v.Str("head") == "" {
				t.Errorf("%s heard %s without a head: %v", s.code, s.hearing, v)
			}
			if s.spoke {
				spoke++
			}
		}
	}
	if filed["一审"] < 40 || filed["二审"] == 0 || filed["再审"] == 0 || fromRecon == 0 || spoke == heard {
		t.Errorf("2024 filed %v (%d after 复议), %d heard, %d spoke", filed, fromRecon, heard, spoke)
	}
	letters, err := generateLetters(rand.New(rand.NewPCG(seed, streamMail)), rand.New(rand.NewPCG(seed, streamMail2023)), calendar.Default(), cs, suits)
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	for _, l := range letters {
		valid(t, law.Letter, l.values())
		if l.sent.Year() == 2024 {
			types[l.typ]++
		}
		if l.sent.After(histEnd) {
			t.Errorf("%s sent after the demo's date", l.code)
		}
	}
	if types["应诉督办"] != letters2024 || types["复议意见书"] == 0 || types["复议建议书"] == 0 || types["执法监督"] == 0 {
		t.Errorf("2024 letters %v", types)
	}
	t.Logf("2024 suits filed %v (%d after 复议), %d heard, %d heads spoke; letters %v", filed, fromRecon, heard, spoke, types)
}

// checkReconsiderationFigures computes the seed report's 行政复议 and 行政应诉 figures for 兴宁市,
// 2024, through the indicators catalog (indicators.md), and the shape around them.
func checkReconsiderationFigures(t *testing.T, s *store.Store) {
	t.Helper()
	res, err := indicators.Compute(context.Background(), s, system(), cityCode, "2024-01-01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	get := func(id string) indicators.Value {
		v, ok := res.Get(id)
		if !ok || v.Unavailable != "" {
			t.Fatalf("indicator %s: %+v", id, v)
		}
		return v
	}
	for id, want := range map[string]float64{
		"reconsideration.received":                   240,
		"reconsideration.concluded":                  209,
		"reconsideration.observer_units":             8,
		"litigation.letters":                         34,
		"litigation.head_appearance_rate":            100.0,
		"reconsideration.resolved_before_acceptance": resolved2024,
	} {
		if v := get(id); v.Value != want {
			t.Errorf("%s = %v, want %v", id, v.Value, want)
		}
	}
	if v := get("reconsideration.correction_rate"); v.Value < 10 || v.Value > 20 {
		t.Errorf("纠错率 %v", v.Value)
	}
	if v := get("reconsideration.overdue"); v.Value == 0 || v.Value > 6 {
		t.Errorf("超期审结 %v", v.Value)
	}
	if v := get("reconsideration.mediated"); v.Value == 0 {
		t.Error("no 调解和解")
	}
	if v := get("reconsideration.sued_after"); v.Value == 0 {
		t.Error("no 复议后起诉")
	}
	if v := get("reconsideration.accepted"); v.By["简易"] < 0.2*v.Value || v.By["简易"] > 0.3*v.Value {
		t.Errorf("simplified procedure: %v", v.By)
	}
	cases := get("litigation.cases")
	if cases.Value < 60 || cases.Value > 90 || cases.By["一审"] == 0 || cases.By["二审"] == 0 || cases.By["再审"] == 0 {
		t.Errorf("litigation cases 2024: %v %v", cases.Value, cases.By)
	}
	if v := get("litigation.head_spoke_rate"); v.Value < 80 || v.Value >= 100 {
		t.Errorf("出庭出声率 %v", v.Value)
	}
	done := get("litigation.concluded")
	if won := done.By["胜诉"] + done.By["驳回起诉"]; won < 0.7*done.Value || done.By["败诉"] == 0 || done.By["原告撤诉"] == 0 ||
		get("litigation.lost").Value > 0.15*done.Value {
		t.Errorf("litigation outcomes: %v", done.By)
	}
	t.Logf("2024 复议: concluded %v; 应诉: %v cases %v, hearings %v, heads %v",
		get("reconsideration.concluded").By, cases.Value, cases.By, get("litigation.hearings").Value, get("litigation.head_appearances").By)
}

// checkReconsiderationClocks: at AsOf the open cases have their clocks running (or paused while
// suspended), none overdue, so the deadlines page has reconsideration work.
func checkReconsiderationClocks(t *testing.T, s *store.Store) {
	t.Helper()
	clocks, err := s.OpenClocks(context.Background(), system(), cityCode, histEnd, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range clocks {
		if c.Kind != "reconsideration" {
			continue
		}
		if c.Overdue || c.Problem != "" {
			t.Errorf("%s %s: due %s, overdue %v %s", c.RecordCode, c.Rule, c.Due, c.Overdue, c.Problem)
		}
		got[c.Rule+"/"+c.State]++
	}
	for _, rule := range []string{"acceptance_review/running", "supplement/running", "copy/running", "answer/running",
		"decision/running", "decision/paused"} {
		if got["reconsideration."+rule] == 0 {
			t.Errorf("no clock %s at %s: %v", rule, histEnd, got)
		}
	}
}

// checkReconsiderationSteps: the cases entered step by step hold the values an import of the same
// case writes, and their history shows each step.
func checkReconsiderationSteps(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	cs, err := generateReconsiderations(rand.New(rand.NewPCG(seed, streamRecon)), rand.New(rand.NewPCG(seed, streamRecon2023)), s.Calendar())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cs {
		if !c.timeline {
			continue
		}
		n++
		recs, _, err := s.List(ctx, system(), store.Filter{Query: store.Query{Kind: "reconsideration",
			Conds: []store.Cond{{Field: "code", Op: store.OpEq, Value: c.code}}}})
		if err != nil || len(recs) != 1 {
			t.Fatalf("%s: %v %v", c.code, recs, err)
		}
		rec := recs[0]
		want := c.values(reconOffice)
		law.Reconsideration.Normalize(want)
		for _, f := range law.Reconsideration.Fields {
			if f.Derived {
				continue // computed by the store from the others (程序瑕疵, 办案提示), not a ledger column's input
			}
			a, _ := json.Marshal(rec.Values[f.Key])
			b, _ := json.Marshal(want[f.Key])
			if string(a) != string(b) {
				t.Errorf("%s %s: stored %s, ledger %s", c.code, f.Label, a, b)
			}
		}
		evs, err := s.Events(ctx, system(), rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1+len(c.steps()) {
			t.Errorf("%s: %d events for %d steps", c.code, len(evs), len(c.steps()))
		}
		if c.hearingOn.Equal(observedHearing) {
			var steps []string
			for _, e := range evs {
				steps = append(steps, e.Action)
			}
			if got := strings.Join(steps, ","); got != "create,accept,send_copy,record_copy_receipt,receive_answer,schedule_hearing,decide" {
				t.Errorf("timeline of the 24 June case %s: %s", c.code, got)
			}
		}
	}
	if n < 15 {
		t.Errorf("%d stepwise cases", n)
	}
}
