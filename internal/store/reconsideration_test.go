package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

func seedBureau(t *testing.T, s *store.Store) {
	t.Helper()
	if _, err := s.ImportOrgs(context.Background(), admin, all(), []store.OrgInput{
		{Code: "441481", Name: "兴宁市", Type: "县级市"},
		{Code: "441481-SFJ", Name: "兴宁市司法局", Type: "司法局", ParentCode: "441481"},
	}); err != nil {
		t.Fatal(err)
	}
}

func application(code, received string) law.Values {
	return law.Values{"code": code, "org": "441481-SFJ", "received_on": received, "applicants": []string{"王五"},
		"respondent": "兴宁市市场监督管理局", "act_type": "行政处罚"}
}

func clockDue(t *testing.T, s *store.Store, id int64, rule string) store.ClockView {
	t.Helper()
	clocks, err := s.Clocks(context.Background(), all(), store.ClockFilter{RecordID: id})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range clocks {
		if c.Rule == rule {
			return c
		}
	}
	t.Fatalf("no clock %s in %+v", rule, clocks)
	return store.ClockView{}
}

// The clock rules of 行政复议法 across the 2025 holidays (issue acceptance list).
func TestReconsiderationClocks(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		// Received 2025-09-26: the 5-WD review (第30条) runs over 国庆 to 2025-10-10.
		r, err := s.CreateRecord(ctx, admin, all(), "reconsideration", application("R-1", "2025-09-26"))
		if err != nil {
			t.Fatal(err)
		}
		if c := clockDue(t, s, r.ID, "reconsideration.acceptance_review"); c.Due != "2025-10-10" {
			t.Errorf("acceptance review due %s, want 2025-10-10", c.Due)
		}
		// A decision before acceptance is refused.
		if _, err := s.Transition(ctx, admin, all(), r.ID, r.Version, "decide", law.Values{"closed_on": "2025-10-01", "outcome": "维持"}); err == nil {
			t.Error("decision before acceptance allowed")
		}

		// Accepted 2025-08-04, ordinary: 60 ND ⇒ 2025-10-03 is in the holiday ⇒ 2025-10-09.
		r2, _ := s.CreateRecord(ctx, admin, all(), "reconsideration", application("R-2", "2025-07-31"))
		r2, err = s.Transition(ctx, admin, all(), r2.ID, r2.Version, "accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"})
		if err != nil {
			t.Fatal(err)
		}
		if c := clockDue(t, s, r2.ID, "reconsideration.decision"); c.Due != "2025-10-09" {
			t.Errorf("ordinary decision due %s, want 2025-10-09", c.Due)
		}
		// The 7-WD copy period (第48条) starts at acceptance.
		if c := clockDue(t, s, r2.ID, "reconsideration.copy"); c.Due != "2025-08-13" {
			t.Errorf("copy due %s, want 2025-08-13", c.Due)
		}
		// A suspension of 20 ND (2025-08-10 … 08-29, resumed 08-30) moves the raw end 10-03 by 20 to
		// 10-23, a Thursday.
		r2, err = s.Transition(ctx, admin, all(), r2.ID, r2.Version, "suspend", law.Values{"suspended_on": "2025-08-10", "suspension_ground": law.SuspensionGrounds[4]})
		if err != nil {
			t.Fatal(err)
		}
		if c := clockDue(t, s, r2.ID, "reconsideration.decision"); c.State != store.ClockPaused {
			t.Errorf("suspended clock state %s", c.State)
		}
		r2, err = s.Transition(ctx, admin, all(), r2.ID, r2.Version, "resume", law.Values{"resumed_on": "2025-08-30"})
		if err != nil {
			t.Fatal(err)
		}
		if got := r2.Values["suspensions"]; strings.Join(got.([]string), ",") != "2025-08-10~2025-08-29" {
			t.Errorf("suspensions %v", got)
		}
		if c := clockDue(t, s, r2.ID, "reconsideration.decision"); c.Due != "2025-10-23" {
			t.Errorf("after a 20-ND suspension due %s, want 2025-10-23", c.Due)
		}
		// The hearing notice goes out five working days before (第51条): 2025-10-13 is too late for
		// a hearing on 10-17 (counting back five working days, 10-11 being a 调休 Saturday, the last
		// day is 10-11): recorded and flagged 程序瑕疵, not refused (law.md "Refuse or flag").
		r2, err = s.Transition(ctx, admin, all(), r2.ID, r2.Version, "schedule_hearing", law.Values{"hearing_on": "2025-10-17", "hearing_notice_on": "2025-10-13"})
		if err != nil {
			t.Fatalf("late hearing notice: %v", err)
		}
		if d, _ := r2.Values["defects"].([]string); len(d) != 1 || !strings.Contains(d[0], "第51条") {
			t.Errorf("late hearing notice not flagged: %v", r2.Values["defects"])
		}
		// One extension of at most 30 ND (第62条); a second is refused.
		r2, err = s.Transition(ctx, admin, all(), r2.ID, r2.Version, "extend", law.Values{"extension_days": "30", "extension_approved_on": "2025-10-20"})
		if err != nil {
			t.Fatal(err)
		}
		if c := clockDue(t, s, r2.ID, "reconsideration.decision"); c.Due != "2025-11-24" { // 11-22 is a Saturday
			t.Errorf("extended due %s, want 2025-11-24", c.Due)
		}
		if _, err := s.Transition(ctx, admin, all(), r2.ID, r2.Version, "extend", law.Values{"extension_days": "10", "extension_approved_on": "2025-11-01"}); err == nil || !strings.Contains(err.Error(), "只允许延长一次") {
			t.Errorf("second extension: %v", err)
		}
		// The decision locks the case; corrections are amendments with a reason.
		r2, err = s.Transition(ctx, admin, all(), r2.ID, r2.Version, "decide", law.Values{"closed_on": "2025-11-20", "outcome": "维持"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateRecord(ctx, admin, all(), r2.ID, r2.Version, r2.Values); err == nil || !strings.Contains(err.Error(), "更正") {
			t.Errorf("edit after decision: %v", err)
		}
		fixed := r2.Values
		fixed["respondent"] = "兴宁市市场监督管理局（更正）"
		if _, err := s.Amend(ctx, admin, all(), r2.ID, r2.Version, fixed, "被申请人名称笔误"); err != nil {
			t.Fatal(err)
		}

		// Accepted 2025-03-06, simplified: 30 ND ⇒ 04-05 (清明) ⇒ 2025-04-07.
		v := application("R-3", "2025-03-03")
		v["act_type"], v["amount"] = "行政处罚", "2000"
		r3, _ := s.CreateRecord(ctx, admin, all(), "reconsideration", v)
		if _, err := s.Transition(ctx, admin, all(), r3.ID, r3.Version, "accept", law.Values{"accepted_on": "2025-03-06", "procedure": "简易"}); err == nil || !strings.Contains(err.Error(), "第53条") {
			t.Errorf("simplified without a ground: %v", err)
		}
		r3, err = s.Transition(ctx, admin, all(), r3.ID, r3.Version, "accept", law.Values{"accepted_on": "2025-03-06", "procedure": "简易", "simple_ground": "涉案款额三千元以下"})
		if err != nil {
			t.Fatal(err)
		}
		if c := clockDue(t, s, r3.ID, "reconsideration.decision"); c.Due != "2025-04-07" {
			t.Errorf("simplified decision due %s, want 2025-04-07", c.Due)
		}
		if _, err := s.Transition(ctx, admin, all(), r3.ID, r3.Version, "extend", law.Values{"extension_days": "10", "extension_approved_on": "2025-03-20"}); err == nil {
			t.Error("simplified procedure extended")
		}
		// 政府信息公开 as a ground for an act that is not one is refused.
		v = application("R-4", "2025-03-03")
		v["acceptance"], v["accepted_on"], v["procedure"], v["simple_ground"] = "受理", "2025-03-05", "简易", "政府信息公开"
		if _, err := s.CreateRecord(ctx, admin, all(), "reconsideration", v); err == nil || !strings.Contains(err.Error(), "不是政府信息公开案件") {
			t.Errorf("simplified for an excluded act: %v", err)
		}
	})
}

// A case imported from a ledger gets the same clocks as one entered step by step.
// 通知补正 (第31条第1款): within five working days of receipt (here across 国庆: 2025-09-26 ⇒
// 2025-10-10 at the latest), and only once.
func TestSupplementRequest(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		r, err := s.CreateRecord(ctx, admin, all(), "reconsideration", application("R-S", "2025-09-26"))
		if err != nil {
			t.Fatal(err)
		}
		ask := func(on string) (store.Record, error) {
			return s.Transition(ctx, admin, all(), r.ID, r.Version, "request_supplement",
				law.Values{"supplement_requested_on": on, "supplement_items": "申请人身份证明材料"})
		}
		if _, err := ask("2025-09-25"); err == nil || !strings.Contains(err.Error(), "补正通知日期早于收到申请日期") {
			t.Fatalf("a request before the application: %v", err)
		}
		if r, err = ask("2025-10-10"); err != nil {
			t.Fatalf("a request on the last day: %v", err)
		}
		if r, err = s.Transition(ctx, admin, all(), r.ID, r.Version, "supplement_received", law.Values{"supplement_received_on": "2025-10-15"}); err != nil {
			t.Fatal(err)
		}
		if c := clockDue(t, s, r.ID, "reconsideration.acceptance_review"); c.Due != "2025-10-22" {
			t.Errorf("the review restarts from the materials: due %s, want 2025-10-22", c.Due)
		}
		if _, err := ask("2025-10-16"); err == nil || !strings.Contains(err.Error(), "一次性") {
			t.Fatalf("a second request: %v", err)
		}
	})
}

// A case of 第52条第2款 is decided only after the 行政复议委员会's opinion is recorded, and a
// major, difficult or complex one only after a hearing as well (第50条第1款).
func TestConsultationBeforeDecision(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		v := application("R-C", "2025-03-03")
		v["consultation_ground"] = law.ConsultationGrounds[0]
		r, err := s.CreateRecord(ctx, admin, all(), "reconsideration", v)
		if err != nil {
			t.Fatal(err)
		}
		if r, err = s.Transition(ctx, admin, all(), r.ID, r.Version, "accept", law.Values{"accepted_on": "2025-03-05", "procedure": "普通"}); err != nil {
			t.Fatal(err)
		}
		decide := func() error {
			_, err := s.Transition(ctx, admin, all(), r.ID, r.Version, "decide", law.Values{"closed_on": "2025-04-20", "outcome": "维持"})
			return err
		}
		if err := decide(); err == nil || !strings.Contains(err.Error(), "应当先提请行政复议委员会提出咨询意见") {
			t.Fatalf("a decision without the committee's opinion: %v", err)
		}
		if _, err := s.Transition(ctx, admin, all(), r.ID, r.Version, "record_consultation", law.Values{"consultation_ground": law.ConsultationGrounds[0],
			"committee_opinion_on": "2025-03-01", "committee_opinion": "建议维持"}); err == nil || !strings.Contains(err.Error(), "早于受理日期") {
			t.Fatalf("an opinion dated before acceptance: %v", err)
		}
		if r, err = s.Transition(ctx, admin, all(), r.ID, r.Version, "record_consultation", law.Values{"consultation_ground": law.ConsultationGrounds[0],
			"committee_opinion_on": "2025-04-01", "committee_opinion": "建议维持"}); err != nil {
			t.Fatal(err)
		}
		if err := decide(); err == nil || !strings.Contains(err.Error(), "第50条第1款") {
			t.Fatalf("a major case decided without a hearing: %v", err)
		}
		if r, err = s.Transition(ctx, admin, all(), r.ID, r.Version, "schedule_hearing", law.Values{"hearing_on": "2025-04-10", "hearing_notice_on": "2025-04-02"}); err != nil {
			t.Fatal(err)
		}
		if err := decide(); err != nil {
			t.Fatalf("consulted and heard: %v", err)
		}
	})
}

func TestReconsiderationImportedClocks(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		v := application("IMP-1", "2025-07-31")
		v["acceptance"], v["accepted_on"], v["procedure"] = "受理", "2025-08-04", "普通"
		v["suspensions"], v["extended"] = []string{"2025-08-10~2025-08-29"}, "是"
		if _, _, err := s.ImportRecords(ctx, admin, all(), "reconsideration", []store.ImportRow{{Line: 2, Values: v}}, false); err != nil {
			t.Fatal(err)
		}
		recs, _, _ := s.List(ctx, all(), store.Filter{Query: store.Query{Kind: "reconsideration"}})
		r := recs[0]
		if r.Status != "审理中" || r.Values.Str("extension_days") != "30" {
			t.Fatalf("imported stage %s, values %v", r.Status, r.Values)
		}
		if c := clockDue(t, s, r.ID, "reconsideration.decision"); c.Due != "2025-11-24" {
			t.Errorf("imported case due %s, want 2025-11-24 (same as entered through the pages)", c.Due)
		}
		open, err := s.OpenClocks(ctx, all(), "", calendar.MustParseDate("2025-11-01"), 0)
		if err != nil || len(open) == 0 {
			t.Fatalf("open clocks %v %v", open, err)
		}
	})
}

// 视为受理 (第30条第3款): no refusal within the review period ⇒ the case counts as accepted from
// the day the period ends.
func TestDeemedAcceptance(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		r, _ := s.CreateRecord(ctx, admin, all(), "reconsideration", application("D-1", "2025-09-26"))
		if n, err := s.ApplyDeemed(ctx, calendar.MustParseDate("2025-10-10")); err != nil || n != 0 {
			t.Fatalf("deemed on the last day: %d %v", n, err)
		}
		n, err := s.ApplyDeemed(ctx, calendar.MustParseDate("2025-10-13"))
		if err != nil || n != 1 {
			t.Fatalf("deemed after the period: %d %v", n, err)
		}
		r, _ = s.Record(ctx, all(), r.ID)
		if r.Status != "审理中" || r.Values.Str("acceptance") != "受理" || r.Values.Str("accepted_on") != "2025-10-10" {
			t.Fatalf("after 视为受理: %s %v", r.Status, r.Values)
		}
		events, _ := s.Events(ctx, all(), r.ID)
		if last := events[len(events)-1]; !strings.Contains(last.Label, "视为受理") || !strings.Contains(last.Label, "第30条") {
			t.Errorf("event does not say so: %+v", last)
		}
		// Users cannot take the automatic step themselves.
		r2, _ := s.CreateRecord(ctx, admin, all(), "reconsideration", application("D-2", "2025-09-26"))
		if _, err := s.Transition(ctx, admin, all(), r2.ID, r2.Version, "deem_accept", nil); err == nil {
			t.Error("a user took an automatic step")
		}
	})
}
