package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

// TestLegalAidDemo: the 2024 figures of the seed's 三(五) come out of the records, the 叶塘园区
// workroom is quoted apart in pls.services' breakdown by 服务机构 (169, not the sum), and on the
// load day some legal-aid clocks run close to their due date or past it.
func TestLegalAidDemo(t *testing.T) {
	s := openSQLite(t)
	sum, err := LoadAsOf(context.Background(), s, loader, system(), liveDay)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"legal_aid", "consultation", "volunteer_service"} {
		if sum.Records[k] == 0 {
			t.Errorf("no %s records: %v", k, sum.Records)
		}
	}
	res, err := indicators.Compute(context.Background(), s, system(), cityCode, "2024-01-01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"legal_aid.cases": 459, "legal_aid.consultations": 911, "volunteers.cases": 561,
		"volunteers.duty_shifts": 238, "pls.workroom_services": 169}
	for id, w := range want {
		if v, ok := res.Get(id); !ok || v.Value != w {
			t.Errorf("2024 %s = %v, want %v", id, v.Value, w)
		}
	}
	pls, _ := res.Get("pls.services")
	if pls.By[workroom] != 169 || pls.By[aidCentre] != 911 || pls.Value <= 911+169 {
		t.Errorf("pls.services %v by 服务机构 %v: want 169 at the 叶塘 workroom, 911 at the centre, and more elsewhere", pls.Value, pls.By)
	}
	cases, _ := res.Get("legal_aid.cases")
	if cases.By["刑事"] == 0 || cases.By["民事"] == 0 {
		t.Errorf("legal_aid.cases by 案件类别 %v", cases.By)
	}
	clocks, err := s.OpenClocks(context.Background(), system(), cityCode, liveDay, 0)
	if err != nil {
		t.Fatal(err)
	}
	var soon, overdue int
	for _, c := range clocks {
		if c.Kind != "legal_aid" {
			continue
		}
		switch {
		case c.Overdue:
			overdue++
		case c.State == store.ClockRunning && c.DaysLeft <= 3:
			soon++
		}
	}
	if soon < 3 || overdue < 1 {
		t.Errorf("legal-aid clocks on %s: %d due within 3 days, %d overdue; want some of each", liveDay, soon, overdue)
	}
}

// TestLegalAidDemoKeepsItsPast: the cases of 2023 and 2024 are the same whether the demo is
// loaded on the first ledgers' day or later (each case draws from its own generator).
func TestLegalAidDemoKeepsItsPast(t *testing.T) {
	g := aidDays{calendar.Default()}
	past := func(asOf calendar.Date) map[string]string {
		out := map[string]string{}
		for _, c := range generateAid(rand.New(rand.NewPCG(seed, streamAid)), g, asOf) {
			if c.v.Str("applied_on") < "2024-07-01" {
				out[c.v.Str("code")] = fmt.Sprint(c.v)
			}
		}
		return out
	}
	early, late := past(histEnd), past(liveDay)
	if len(early) < 600 || len(early) != len(late) {
		t.Fatalf("%d and %d cases applied before 2024-07", len(early), len(late))
	}
	for code, v := range early {
		if late[code] != v {
			t.Fatalf("%s differs with the load day:\n%s\n%s", code, v, late[code])
		}
	}
}
