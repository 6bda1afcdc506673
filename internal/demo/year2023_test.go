package demo

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// figures2024 are the 2024 figures of the ledgers the demo writes, as they were before the rest
// of 2023 was added: completing the year the report compares with must not move any of them.
var figures2024 = map[string]float64{
	"reconsideration.received":                   240,
	"reconsideration.accepted":                   212,
	"reconsideration.concluded":                  209,
	"reconsideration.corrected":                  34,
	"reconsideration.correction_rate":            16.3,
	"reconsideration.mediated":                   36,
	"reconsideration.mediation_rate":             17.2,
	"reconsideration.resolved_before_acceptance": 10,
	"reconsideration.sued_after":                 20,
	"reconsideration.sued_after_rate":            9.6,
	"reconsideration.overdue":                    2,
	"reconsideration.observer_units":             8,
	"litigation.letters":                         34,
	"litigation.cases":                           71,
	"litigation.concluded":                       71,
	"litigation.lost":                            6,
	"litigation.hearings":                        53,
	"litigation.head_appearances":                53,
	"litigation.head_appearance_rate":            100,
	"litigation.head_spoke":                      48,
	"litigation.head_spoke_rate":                 90.6,
	"mediation.cases":                            2923,
	"mediation.successful":                       2807,
	"mediation.success_rate":                     96,
	"mediation.judicial_confirmations":           151,
}

// figures computes every indicator for 兴宁市 over [from, to]; get fails the test on a figure
// that is missing or unavailable.
func figures(t *testing.T, s *store.Store, from, to string) func(id string) indicators.Value {
	t.Helper()
	res, err := indicators.Compute(context.Background(), s, system(), cityCode, from, to)
	if err != nil {
		t.Fatal(err)
	}
	return func(id string) indicators.Value {
		t.Helper()
		v, ok := res.Get(id)
		if !ok || v.Unavailable != "" {
			t.Fatalf("indicator %s %s–%s: %+v", id, from, to, v)
		}
		return v
	}
}

// check2024Unchanged: every 2024 figure of the demo's ledgers is what it was.
func check2024Unchanged(t *testing.T, s *store.Store) {
	t.Helper()
	get := figures(t, s, "2024-01-01", "2024-12-31")
	for id, want := range figures2024 {
		if v := get(id); v.Value != want {
			t.Errorf("2024 %s = %v, want %v as before 2023 was completed", id, v.Value, want)
		}
	}
}

// check2023Figures computes 2023 through the indicators catalog: a full year, near 2024 but not
// equal to it, so that the report's year-over-year comparisons read as a county's do.
func check2023Figures(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	y23 := figures(t, s, "2023-01-01", "2023-12-31")
	y24 := figures(t, s, "2024-01-01", "2024-12-31")
	for id, want := range map[string]float64{
		"mediation.cases":           cases2023,
		"mediation.successful":      success2023,
		"mediation.success_rate":    95.0,
		"reconsideration.received":  received2023,
		"reconsideration.concluded": concluded2023,
		"litigation.letters":        letters2023,
	} {
		if v := y23(id); v.Value != want {
			t.Errorf("2023 %s = %v, want %v", id, v.Value, want)
		}
	}
	// The ranges of the brief, and 2024 within a few per cent of 2023 (never a jump).
	for id, r := range map[string]struct{ lo, hi, rise float64 }{
		"mediation.cases":                  {2700, 2850, 0.08},
		"mediation.success_rate":           {94.5, 95.5, 0.02},
		"mediation.judicial_confirmations": {90, 180, 0.3},
		"reconsideration.received":         {200, 225, 0.12},
		"reconsideration.concluded":        {190, 215, 0.12},
		"reconsideration.accepted":         {180, 225, 0.12},
		"litigation.cases":                 {60, 75, 0.15},
		"litigation.letters":               {25, 32, 0.25},
		"litigation.head_appearance_rate":  {97, 99.9, 0.03},
	} {
		v, w := y23(id).Value, y24(id).Value
		if v < r.lo || v > r.hi || v == w || math.Abs(w/v-1) > r.rise {
			t.Errorf("%s: 2023 %v (want %v–%v), 2024 %v (want a change of at most %.0f%%)", id, v, r.lo, r.hi, w, r.rise*100)
		}
	}
	// Rates that differ from 2024 by a few points, not more.
	for _, id := range []string{"reconsideration.correction_rate", "reconsideration.mediation_rate",
		"reconsideration.sued_after_rate", "litigation.head_spoke_rate"} {
		if v, w := y23(id).Value, y24(id).Value; v == 0 || math.Abs(v-w) > 6 {
			t.Errorf("%s: 2023 %v, 2024 %v", id, v, w)
		}
	}
	if v := y23("reconsideration.observer_units").Value; v == 0 || v >= 8 {
		t.Errorf("2023 observer units %v", v)
	}
	if v := y23("reconsideration.accepted"); v.By["简易"] != 0 {
		t.Errorf("simplified procedure in 2023, before the 2023 law was in force: %v", v.By)
	}
	for _, id := range []string{"reconsideration.corrected", "reconsideration.mediated", "reconsideration.sued_after",
		"reconsideration.resolved_before_acceptance", "litigation.lost"} {
		if y23(id).Value == 0 {
			t.Errorf("2023 %s is 0", id)
		}
	}
	cases := y23("litigation.cases")
	if cases.By["一审"] == 0 || cases.By["二审"] == 0 || cases.By["再审"] == 0 {
		t.Errorf("2023 suits %v", cases.By)
	}
	// 2024's 审结 still counts the cases received in late 2023, and 2023's hearings are held.
	carried, _, err := s.Aggregate(ctx, system(), store.Query{Kind: "reconsideration", Conds: []store.Cond{
		{Field: "closed_on", Op: store.OpGE, Value: "2024-01-01"}, {Field: "closed_on", Op: store.OpLE, Value: "2024-12-31"},
		{Field: "received_on", Op: store.OpLT, Value: "2024-01-01"}}}, store.Agg{})
	if err != nil || carried != carried2023 {
		t.Errorf("2024 concluded %v cases received in 2023, want %d: %v", carried, carried2023, err)
	}
	heard, _, err := s.Aggregate(ctx, system(), store.Query{Kind: "hearing", Conds: []store.Cond{
		{Field: "held_on", Op: store.OpGE, Value: "2023-01-01"}, {Field: "held_on", Op: store.OpLE, Value: "2023-12-31"}}}, store.Agg{})
	if err != nil || heard != hearings2023 {
		t.Errorf("%v hearings in 2023: %v", heard, err)
	}
	t.Logf("2023: 调解 %v/%v (%v%%); 复议 received %v, concluded %v %v, 纠错率 %v%%; 应诉 %v %v, 出庭率 %v%%, 督办函 %v",
		y23("mediation.cases").Value, y23("mediation.successful").Value, y23("mediation.success_rate").Value,
		y23("reconsideration.received").Value, y23("reconsideration.concluded").Value, y23("reconsideration.concluded").By,
		y23("reconsideration.correction_rate").Value, cases.Value, cases.By, y23("litigation.head_appearance_rate").Value,
		y23("litigation.letters").Value)
}

// carried2023 is how many of 2024's 审结 were received in 2023 (its last quarter).
const carried2023 = 28

// TestGenerated2023 checks the 2023 of the generated ledgers without a database: exact counts,
// every row valid, nothing of the added 2023 reaching into 2024, and every generator giving the
// same ledgers on every run.
func TestGenerated2023(t *testing.T) {
	// Mediation: the year has 2024's shape, quarter by quarter.
	tr, ds := generated()
	var quarters [2][4]int
	ok2023 := 0
	for _, d := range ds {
		if probs := law.Mediation.Validate(d.values(&tr)); len(probs) > 0 {
			t.Fatalf("%s: %v", d.code, probs)
		}
		y, m, _ := d.accepted.YMD()
		if y == 2023 || y == 2024 {
			quarters[y-2023][(m-1)/3]++
		}
		if y == 2023 && d.result == "成功" {
			ok2023++
		}
	}
	if n := quarters[0][0] + quarters[0][1] + quarters[0][2] + quarters[0][3]; n != cases2023 || ok2023 != success2023 {
		t.Fatalf("2023: %d disputes, %d successful", n, ok2023)
	}
	for q := range 4 {
		if r := float64(quarters[0][q]) / float64(quarters[1][q]); r < 0.85 || r > 1.05 {
			t.Errorf("2023 by quarter %v, 2024 %v", quarters[0], quarters[1])
		}
	}

	// Reconsideration: the cases received before the last quarter are all concluded in 2023,
	// under the former law; 28 of the last quarter's are carried into 2024.
	cs := generatedReconsiderations(t)
	received, concluded, carried, heard := 0, 0, 0, 0
	for _, c := range cs {
		valid(t, law.Reconsideration, c.values(reconOffice))
		if c.received.Year() != 2023 {
			continue
		}
		received++
		if c.received.Before(calendar.MustParseDate("2023-01-03")) {
			t.Errorf("%s received %s", c.code, c.received)
		}
		if c.closed.Year() == 2023 {
			concluded++
		} else if c.closed.Year() == 2024 {
			carried++
			if c.early {
				t.Errorf("%s, received %s, concluded in 2024", c.code, c.received)
			}
		}
		if c.early && (c.open() || c.procedure == "简易" || c.timeline || c.sued && c.closed.After(lastSued2023)) {
			t.Errorf("%s: open %v, procedure %s, timeline %v, sued %v after %s", c.code, c.open(), c.procedure, c.timeline, c.sued, c.closed)
		}
		if !c.hearingOn.IsZero() {
			heard++
		}
	}
	if received != received2023 || concluded != concluded2023 || carried != carried2023 || heard != hearings2023 {
		t.Errorf("2023: received %d, concluded %d, carried into 2024 %d, heard %d", received, concluded, carried, heard)
	}

	// Suits and letters of the added 2023 run their course within it.
	suits, err := generateLawsuits(rand.New(rand.NewPCG(seed, streamLitig)), rand.New(rand.NewPCG(seed, streamLitig2023)), calendar.Default(), cs)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, s := range suits {
		valid(t, law.Litigation, s.values(reconOffice))
		if codes[s.code] || codes[s.courtNo] {
			t.Fatalf("duplicate %s %s", s.code, s.courtNo)
		}
		codes[s.code], codes[s.courtNo] = true, true
		if s.early && (s.filed.Year() != 2023 || s.closed.IsZero() || s.closed.Year() != 2023 || s.headTitle == "工作人员") {
			t.Errorf("%s filed %s, closed %s, %s", s.code, s.filed, s.closed, s.headTitle)
		}
	}
	letters, err := generateLetters(rand.New(rand.NewPCG(seed, streamMail)), rand.New(rand.NewPCG(seed, streamMail2023)), calendar.Default(), cs, suits)
	if err != nil {
		t.Fatal(err)
	}
	urged := 0
	for _, l := range letters {
		valid(t, law.Letter, l.values())
		if codes[l.code] {
			t.Fatalf("duplicate %s", l.code)
		}
		codes[l.code] = true
		if l.sent.Year() == 2023 && l.typ == "应诉督办" {
			urged++
		}
	}
	if urged != letters2023 {
		t.Errorf("%d 应诉督办 letters in 2023", urged)
	}

	// Determinism: the same streams give the same ledgers.
	_, ds2 := generated()
	cs2 := generatedReconsiderations(t)
	suits2, _ := generateLawsuits(rand.New(rand.NewPCG(seed, streamLitig)), rand.New(rand.NewPCG(seed, streamLitig2023)), calendar.Default(), cs2)
	letters2, _ := generateLetters(rand.New(rand.NewPCG(seed, streamMail)), rand.New(rand.NewPCG(seed, streamMail2023)), calendar.Default(), cs2, suits2)
	same := func(what string, n int, a, b func(i int) law.Values, m int) {
		if n != m {
			t.Fatalf("%s: %d then %d", what, n, m)
		}
		for i := range n {
			if !reflect.DeepEqual(a(i), b(i)) {
				t.Fatalf("%s %d differs between runs: %v vs %v", what, i, a(i), b(i))
			}
		}
	}
	same("dispute", len(ds), func(i int) law.Values { return ds[i].values(&tr) }, func(i int) law.Values { return ds2[i].values(&tr) }, len(ds2))
	same("case", len(cs), func(i int) law.Values { return cs[i].values(reconOffice) }, func(i int) law.Values { return cs2[i].values(reconOffice) }, len(cs2))
	same("suit", len(suits), func(i int) law.Values { return suits[i].values(reconOffice) }, func(i int) law.Values { return suits2[i].values(reconOffice) }, len(suits2))
	same("letter", len(letters), func(i int) law.Values { return letters[i].values() }, func(i int) law.Values { return letters2[i].values() }, len(letters2))
	t.Logf("2023 mediation by quarter %v (2024 %v); 复议 received %d, concluded %d, carried %d, heard %d; 督办函 %d",
		quarters[0], quarters[1], received, concluded, carried, heard, urged)
}
