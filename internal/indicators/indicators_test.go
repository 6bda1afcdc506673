package indicators_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

func TestRoundHalfUp(t *testing.T) {
	for _, c := range []struct {
		x      float64
		places int
		want   float64
	}{
		{96.03, 1, 96.0}, {96.05, 1, 96.1}, {96.049999, 1, 96.0}, {100 * 2807.0 / 2923.0, 1, 96.0},
		{100 * 1.0 / 8.0, 1, 12.5}, {100 * 1.0 / 16.0, 1, 6.3}, {0, 1, 0}, {-2.25, 1, -2.3},
	} {
		if got := indicators.RoundHalfUp(c.x, c.places); got != c.want {
			t.Errorf("RoundHalfUp(%v, %d) = %v, want %v", c.x, c.places, got, c.want)
		}
	}
}

func TestComputeMediation(t *testing.T) {
	ctx := context.Background()
	st, a, sys := mediationStore(t)
	// 8 cases in 2024 under T1 (7 successful), 2 under T2 (1 successful), 1 in 2023.
	var rows []store.ImportRow
	add := func(org, accepted, result string) {
		v := law.Values{"code": fmt.Sprintf("M%d", len(rows)), "committee": org, "accepted_on": accepted,
			"dispute_type": "邻里", "result": result}
		if result != "调解中" {
			v["closed_on"] = accepted
		}
		rows = append(rows, store.ImportRow{Line: len(rows) + 2, Values: v})
	}
	for i := 0; i < 7; i++ {
		add("T1", "2024-03-01", "成功")
	}
	add("T1", "2024-12-31", "不成功")
	add("T2", "2024-01-01", "成功")
	add("T2", "2024-06-01", "终止")
	add("T1", "2023-12-31", "成功")
	if _, _, err := st.ImportRecords(ctx, a, sys, "mediation", rows, false); err != nil {
		t.Fatal(err)
	}
	res, err := indicators.Compute(ctx, st, sys, "C", "2024-01-01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	check := func(id string, want float64) {
		t.Helper()
		v, ok := res.Get(id)
		if !ok || v.Value != want {
			t.Errorf("%s = %+v, want %v", id, v, want)
		}
	}
	check("mediation.cases", 10)
	check("mediation.successful", 8)
	check("mediation.success_rate", 80.0)
	rate, _ := res.Get("mediation.success_rate")
	if *rate.Numerator != 8 || *rate.Denominator != 10 || rate.Formula != "调解成功 ÷ 调解矛盾纠纷" {
		t.Errorf("rate parts: %+v", rate)
	}
	// The drill-down query lists exactly the records counted.
	q, _ := indicators.Drill("mediation.successful", "2024-01-01", "2024-12-31")
	q.OrgCode = "C"
	if _, total, _ := st.List(ctx, sys, store.Filter{Query: q}); total != 8 {
		t.Errorf("drill-down lists %d records, figure says 8", total)
	}
	// A scope over T2 only counts T2; a scope without the kind gets no figure at all.
	t2, _ := st.Org(ctx, sys, "T2")
	narrow := store.ScopeOf(store.Grant{OrgPaths: []string{t2.Path}, Read: []string{"mediation"}})
	res2, err := indicators.Compute(ctx, st, narrow, "", "2024-01-01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := res2.Get("mediation.cases"); v.Value != 2 {
		t.Errorf("narrow scope counts %v", v.Value)
	}
	none := store.ScopeOf(store.Grant{AllOrgs: true})
	res3, _ := indicators.Compute(ctx, st, none, "", "2024-01-01", "2024-12-31")
	if v, _ := res3.Get("mediation.cases"); v.Unavailable == "" || v.Value != 0 {
		t.Errorf("no-permission figure: %+v", v)
	}
	// The JSON shape of indicators.md.
	b, _ := json.Marshal(res)
	var doc struct {
		Org        map[string]string
		From, To   string
		Indicators map[string]map[string]any
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Org["code"] != "C" || doc.Indicators["mediation.cases"]["value"].(float64) != 10 ||
		doc.Indicators["mediation.success_rate"]["denominator"].(float64) != 10 {
		t.Errorf("json: %s", b)
	}
}

// mediationStore opens an empty SQLite store with a city C and its two committees T1, T2, and
// the actor and scope that import mediation cases into it.
func mediationStore(t *testing.T) (*store.Store, store.Actor, store.Scope) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "i.db"), store.Options{Key: make([]byte, 32)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := store.Actor{Name: "test"}
	sys := store.System([]string{"mediation"})
	if _, err := st.ImportOrgs(ctx, a, sys, []store.OrgInput{
		{Code: "C", Name: "市", Type: "县级市"},
		{Code: "T1", Name: "一镇调委会", Type: "人民调解委员会", ParentCode: "C"},
		{Code: "T2", Name: "二镇调委会", Type: "人民调解委员会", ParentCode: "C"},
	}); err != nil {
		t.Fatal(err)
	}
	return st, a, sys
}

// A deployment may divide by another count and truncate instead of rounding; the formula says so.
func TestLocalRateChoices(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "l.db"), store.Options{Key: make([]byte, 32)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := store.Actor{Name: "test"}
	sys := store.System([]string{"mediation"})
	st.ImportOrgs(ctx, a, sys, []store.OrgInput{{Code: "C", Name: "市", Type: "县级市"}, {Code: "T", Name: "调委会", Type: "人民调解委员会", ParentCode: "C"}})
	var rows []store.ImportRow
	for i, result := range []string{"成功", "成功", "不成功"} {
		rows = append(rows, store.ImportRow{Line: i + 2, Values: law.Values{"code": fmt.Sprint(i), "committee": "T",
			"accepted_on": "2024-02-01", "dispute_type": "邻里", "result": result, "closed_on": "2024-02-02"}})
	}
	if _, _, err := st.ImportRecords(ctx, a, sys, "mediation", rows, false); err != nil {
		t.Fatal(err)
	}
	rate := func() indicators.Value {
		res, err := indicators.Compute(ctx, st, sys, "C", "2024-01-01", "2024-12-31")
		if err != nil {
			t.Fatal(err)
		}
		v, _ := res.Get("mediation.success_rate")
		return v
	}
	if v := rate(); v.Value != 66.7 {
		t.Fatalf("half-up 2/3 = %v", v.Value)
	}
	if err := indicators.CheckLocal(indicators.SettingRounding, "floor"); err == nil {
		t.Error("an unknown rounding accepted")
	}
	if err := st.SaveSetting(ctx, a, sys, indicators.SettingRounding, "truncate"); err != nil {
		t.Fatal(err)
	}
	if v := rate(); v.Value != 66.6 || !strings.Contains(v.Formula, "截断") {
		t.Fatalf("truncated: %+v", v)
	}
	if err := indicators.CheckLocal(indicators.SettingDenominatorPfx+"mediation.success_rate", "reconsideration.received"); err == nil {
		t.Error("a denominator of another line of work accepted")
	}
	if err := st.SaveSetting(ctx, a, sys, indicators.SettingDenominatorPfx+"mediation.success_rate", "mediation.successful"); err != nil {
		t.Fatal(err)
	}
	if v := rate(); v.Value != 100 || *v.Denominator != 2 || !strings.Contains(v.Formula, "本地口径") {
		t.Fatalf("local denominator: %+v", v)
	}
}
