package indicators_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// What 粤执法 does not show of the officers, on both engines: the officers short of the yearly
// training hours (a local target, 60 学时 by default), the units that trained nobody (named, on
// the coverage table), the certificate events that break a rule of the certificate's life
// (imported as they are: 发证 with no pass before it, 年审 after leaving) and the leavers whose
// certificate was never 注销.
func TestOfficerFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, sc := store.Actor{Name: "test"}, store.SystemAll()
		rows := enforcementWorld(t, st,
			store.OrgInput{Code: "U1", Name: "市自然资源局", Type: "行政执法单位", ParentCode: "C"},
			store.OrgInput{Code: "U2", Name: "市林业局", Type: "行政执法单位", ParentCode: "C"})
		rows("officer",
			law.Values{"code": "A", "name": "甲", "org": "U1"},
			law.Values{"code": "B", "name": "乙", "org": "U1"},
			law.Values{"code": "E", "name": "戊", "org": "U2"},
			law.Values{"code": "L", "name": "丙", "org": "U2", "service": "调离", "left_on": "2024-03-01"},
			law.Values{"code": "R", "name": "丁", "org": "U2", "service": "退休", "left_on": "2024-04-01"})
		rows("training",
			law.Values{"code": "T1", "course": "执法能力专题培训", "started_on": "2024-05-10", "hours": "40", "person": "A", "org": "U1"},
			law.Values{"code": "T2", "course": "行政处罚法培训", "started_on": "2024-09-02", "hours": "24", "person": "A", "org": "U1"},
			law.Values{"code": "T3", "course": "行政处罚法培训", "started_on": "2024-09-02", "hours": "8", "person": "乙", "org": "U1"}, // by name
			law.Values{"code": "T4", "course": "上年培训", "started_on": "2023-09-02", "hours": "60", "person": "E", "org": "U1"})
		issued := func(code, officer, org, on string) law.Values {
			return law.Values{"code": code, "officer": officer, "org": org, "event": "发证", "on": on, "cert_no": "粤" + code, "valid_until": "2028-01-31"}
		}
		rows("certificate_event",
			issued("A2", "A", "U1", "2024-02-01"), // no 考试通过 recorded: kept, flagged
			law.Values{"code": "L1", "officer": "L", "org": "U2", "event": "考试通过", "on": "2023-01-05"},
			issued("L2", "L", "U2", "2023-02-01"),
			law.Values{"code": "L3", "officer": "L", "org": "U2", "event": "年审", "on": "2024-06-01"}, // after leaving
			law.Values{"code": "R1", "officer": "R", "org": "U2", "event": "考试通过", "on": "2023-01-05"},
			issued("R2", "R", "U2", "2023-02-01"),
			law.Values{"code": "R3", "officer": "R", "org": "U2", "event": "注销", "on": "2024-04-02"})

		ids := []string{"training.officers_below_target", "training.units_untrained", "training.attendances",
			"certification.flagged", "certification.not_revoked"}
		get := func(year string) *indicators.Result {
			t.Helper()
			res, err := indicators.ComputeIDs(ctx, st, sc, "C", year+"-01-01", year+"-12-31", ids)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		res := get("2024")
		for _, c := range []struct {
			id   string
			want float64
			by   map[string]float64
		}{
			// A trained 64 学时, 乙 8 (named), 戊 none in 2024; the leavers are not counted.
			{"training.officers_below_target", 2, map[string]float64{"市自然资源局": 1, "市林业局": 1}},
			// U2's officers trained nobody in 2024 (T4 is 2023's).
			{"training.units_untrained", 1, map[string]float64{"市林业局（培训登记0人次）": 1}},
			{"training.attendances", 3, map[string]float64{"U1": 3}},
			{"certification.flagged", 2, map[string]float64{"发证前无考试通过记录": 1, "持证人已离岗": 1}},
			{"certification.not_revoked", 1, map[string]float64{"市林业局": 1}},
		} {
			v, _ := res.Get(c.id)
			if v.Value != c.want || v.Unavailable != "" || !maps.Equal(v.By, c.by) {
				t.Errorf("%s = %v %v %s, want %v %v", c.id, v.Value, v.By, v.Unavailable, c.want, c.by)
			}
		}
		if v, _ := res.Get("training.officers_below_target"); v.Formula == "" || !strings.Contains(v.Formula, "60学时（默认值，国办发〔2023〕27号）") {
			t.Errorf("the target in force is not stated: %q", v.Formula)
		}
		// 2023: L had not left, A's line is not of the year.
		if v, _ := get("2023").Get("certification.not_revoked"); v.Value != 0 {
			t.Errorf("2023 not revoked = %v, want 0", v.Value)
		}
		// A county that asks 8 学时 a year: 乙 meets it, 戊 does not.
		if err := st.SaveSetting(ctx, a, sc, indicators.SettingTargetPfx+"training_hours", "8"); err != nil {
			t.Fatal(err)
		}
		if v, _ := get("2024").Get("training.officers_below_target"); v.Value != 1 || !strings.Contains(v.Formula, "8学时（本地设置，默认60学时）") {
			t.Errorf("below a local target of 8: %v %q", v.Value, v.Formula)
		}
		flagged, err := indicators.FlaggedCertificateEvents(ctx, st, sc, "C", indicators.Period{From: "2024-01-01", To: "2024-12-31"})
		if err != nil || len(flagged) != 2 {
			t.Fatalf("flagged events: %v %v", flagged, err)
		}
	})
	for key, ok := range map[string]bool{indicators.SettingTargetPfx + "training_hours": true, indicators.SettingTargetPfx + "nosuch": false} {
		if err := indicators.CheckLocal(key, "40"); (err == nil) != ok {
			t.Errorf("CheckLocal(%s) = %v", key, err)
		}
	}
	if err := indicators.CheckLocal(indicators.SettingTargetPfx+"training_hours", "0"); err == nil {
		t.Error("a target of 0 学时 is taken")
	}
}
