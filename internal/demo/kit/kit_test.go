package kit

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
)

func day(s string) calendar.Date { return calendar.MustParseDate(s) }

// TestDealCounts: Deal gives each label exactly its count, leans each item to the labels that
// fit it better, never gives an item a label that does not fit it, and says so when a table
// cannot be dealt — an error, not a panic.
func TestDealCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	counts := map[string]int{"甲": 300, "乙": 100, "丙": 50}
	// Even items lean to 乙 eightfold; the first ten may only be 丙.
	fit := func(i int, label string) float64 {
		switch {
		case i < 10:
			return map[string]float64{"丙": 1}[label]
		case label == "乙" && i%2 == 0:
			return 8
		}
		return 1
	}
	out, err := Deal(r, 450, counts, fit)
	if err != nil {
		t.Fatal(err)
	}
	got, evenB := map[string]int{}, 0
	for i, l := range out {
		got[l]++
		if i < 10 && l != "丙" {
			t.Errorf("item %d dealt %s", i, l)
		}
		if l == "乙" && i%2 == 0 {
			evenB++
		}
	}
	if got["甲"] != 300 || got["乙"] != 100 || got["丙"] != 50 || evenB < 70 {
		t.Errorf("dealt %v, 乙 on even items %d (want well above half)", got, evenB)
	}
	if _, err := Deal(r, 449, counts, fit); err == nil || !strings.Contains(err.Error(), "表中共 450 条") {
		t.Errorf("a table of 450 for 449 items: %v", err)
	}
	if _, err := Deal(r, 450, map[string]int{"甲": 450}, fit); err == nil || !strings.Contains(err.Error(), "第 1 条记录") {
		t.Errorf("a label no item of the first ten fits: %v", err)
	}
}

// TestStepsFromTheKind: a record's steps are the kind's own transitions, through the states in
// their order, with the actions its values show, and the registration holds the rest.
func TestStepsFromTheKind(t *testing.T) {
	final := law.Values{"code": "TJ2024-001", "result": "成功", "accepted_on": "2024-03-01", "closed_on": "2024-03-09",
		"agreement_form": "书面", "confirmation_applied": "是", "confirmation_applied_on": "2024-03-20", "confirmation_result": "确认有效"}
	first, steps, err := Steps(law.Mediation, final)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range steps {
		names = append(names, s.Name)
	}
	if want := []string{"start", "succeed", "apply_confirmation", "record_confirmation"}; !slices.Equal(names, want) {
		t.Errorf("steps %v, want %v", names, want)
	}
	if first.Str("result") != "受理" || first.Str("closed_on") != "" || first.Str("confirmation_applied") != "" || first.Str("accepted_on") == "" {
		t.Errorf("registration %v", first)
	}
	if steps[1].In.Str("closed_on") != "2024-03-09" {
		t.Errorf("succeed gets %v", steps[1].In)
	}
	if _, _, err := Steps(law.Mediation, law.Values{"result": "不存在"}); err == nil {
		t.Error("a state no step leads to was accepted")
	}
}

// TestDueFromTheLaw: periods come from the kind's declaration: 60 ND under the ordinary
// procedure and 30 under the simplified one (行政复议法第62条), suspension days not counted.
func TestDueFromTheLaw(t *testing.T) {
	cal := calendar.Default()
	v := law.Values{"accepted_on": "2024-03-01", "acceptance": "受理", "procedure": "普通"}
	for _, c := range []struct {
		proc, susp, want string
	}{{"普通", "", "2024-04-30"}, {"简易", "", "2024-04-01"}, {"普通", "2024-03-10~2024-03-19", "2024-05-10"}} {
		v["procedure"] = c.proc
		delete(v, "suspensions")
		if c.susp != "" {
			v["suspensions"] = []string{c.susp}
		}
		got, err := Due(cal, "reconsideration", "reconsideration.decision", v)
		if err != nil || got.String() != c.want {
			t.Errorf("%s %s: due %s, %v; want %s", c.proc, c.susp, got, err, c.want)
		}
	}
	if n := Budget("reconsideration", "reconsideration.copy", law.Values{"procedure": "简易"}); n != 3 {
		t.Errorf("copy budget under the simplified procedure %d, want 3 (第54条)", n)
	}
}

func TestSequence(t *testing.T) {
	type rec struct {
		on   calendar.Date
		code string
	}
	rs := []*rec{{on: day("2024-03-01")}, {on: day("2023-12-01")}, {on: day("2024-01-05")}}
	seq := map[int]int{2024: 7}
	Sequence(rs, func(r *rec) calendar.Date { return r.on }, seq, func(r *rec, y, n int) { r.code = fmt.Sprint(y, "-", n) })
	var got []string
	for _, r := range rs {
		got = append(got, r.code)
	}
	if want := []string{"2023-1", "2024-8", "2024-9"}; !slices.Equal(got, want) || seq[2024] != 9 {
		t.Errorf("numbered %v (seq %v), want %v", got, seq, want)
	}
}
