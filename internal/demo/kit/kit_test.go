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

// TestExactCounts: Exact gives exactly the rare count, and more of the likelier records; an
// impossible count is an error, not a panic.
func TestExactCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	type rec struct {
		hard bool
		rare bool
	}
	i := 0
	p := Plan[rec]{
		Draw: func(calendar.Date) rec { i++; return rec{hard: i%4 == 0} },
		Odds: func(x rec) float64 {
			if x.hard {
				return 8
			}
			return 1
		},
		End: func(x *rec, rare bool, _ calendar.Date) { x.rare = rare },
	}
	days := Days(r, day("2024-01-01"), day("2024-12-31"), 400, func(calendar.Date) float64 { return 1 })
	if !slices.IsSortedFunc(days, calendar.Date.Compare) {
		t.Fatal("days not in order")
	}
	out, err := p.Exact(r, days, 50, day("2024-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	var rare, hardRare int
	for _, x := range out {
		if x.rare {
			rare++
			if x.hard {
				hardRare++
			}
		}
	}
	if rare != 50 || hardRare <= 50/4 {
		t.Errorf("rare %d (want 50), of which hard %d (want well above a quarter)", rare, hardRare)
	}
	if _, err := p.Exact(r, days[:10], 11, day("2024-12-31")); err == nil {
		t.Error("11 rare of 10 records accepted")
	}
	_, err = p.Complete(r, Year{Year: 2023, Records: 100, Rare: 5, Tail: 90, TailRare: 1, TailFrom: day("2023-12-01"),
		Weight: func(calendar.Date) float64 { return 1 }})
	if err == nil || !strings.Contains(err.Error(), "2023年无法容纳") {
		t.Errorf("a tail of 90 in December of a 100-record year: %v", err)
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
