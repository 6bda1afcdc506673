package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// Issue 8 through the store on both engines: what procedure computes is what is kept, on the
// page's path (Transition), the API's (CreateRecord/UpdateRecord) and the import's alike.

func mustTransition(t *testing.T, s *store.Store, r store.Record, name string, in law.Values) store.Record {
	t.Helper()
	r, err := s.Transition(context.Background(), admin, all(), r.ID, r.Version, name, in)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

func openClock(t *testing.T, s *store.Store, on, code, rule string) (store.ClockView, bool) {
	t.Helper()
	open, err := s.OpenClocks(context.Background(), all(), "", calendar.MustParseDate(on), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range open {
		if c.RecordCode == code && c.Rule == rule {
			return c, true
		}
	}
	return store.ClockView{}, false
}

// 行政复议法第30条第3款: received 2024-09-27, unrefused ⇒ accepted from 2024-10-10, and the copy
// (7 WD ⇒ 10-18) and decision (60 ND ⇒ 12-09) periods run from there.
func TestStatuteDeemedAcceptanceFromTheLastDay(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		r, err := s.CreateRecord(ctx, admin, all(), "reconsideration", application("D-30", "2024-09-27"))
		if err != nil {
			t.Fatal(err)
		}
		if n, err := s.ApplyDeemed(ctx, calendar.MustParseDate("2024-10-11")); err != nil || n != 1 {
			t.Fatalf("ApplyDeemed: %d %v", n, err)
		}
		r, _ = s.Record(ctx, all(), r.ID)
		if r.Values.Str("accepted_on") != "2024-10-10" {
			t.Fatalf("第30条第3款: accepted_on %s, want 2024-10-10", r.Values.Str("accepted_on"))
		}
		for rule, due := range map[string]string{"reconsideration.copy": "2024-10-18", "reconsideration.decision": "2024-12-09"} {
			if c := clockDue(t, s, r.ID, rule); c.Due != due {
				t.Errorf("%s due %s, want %s", rule, c.Due, due)
			}
		}
	})
}

// 第31条第2款: ten working days from the receipt of the notice (waiting while it is unknown);
// the lapse is proposed and ApplyDeemed never withdraws; the clerk's confirmation does.
func TestStatuteAbandonmentIsConfirmedByAClerk(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		r, err := s.CreateRecord(ctx, admin, all(), "reconsideration", application("S-31", "2025-09-26"))
		if err != nil {
			t.Fatal(err)
		}
		r = mustTransition(t, s, r, "request_supplement", law.Values{"supplement_requested_on": "2025-10-09", "supplement_items": "申请人身份证明材料"})
		c, listed := openClock(t, s, "2025-10-20", "S-31", "reconsideration.supplement")
		if !listed || c.State != "waiting" || c.Due != "" || !strings.Contains(c.Problem, "收到补正通知日期") {
			t.Fatalf("第31条第2款: an unknown receipt is not shown as waiting: %+v (listed %v)", c, listed)
		}
		if _, err := s.Transition(ctx, admin, all(), r.ID, r.Version, "deem_withdrawn", nil); err == nil || !strings.Contains(err.Error(), "收到补正通知日期") {
			t.Fatalf("视为放弃 before the period could start: %v", err)
		}
		r = mustTransition(t, s, r, "record_notice_receipt", law.Values{"supplement_notice_received_on": "2025-10-10"})
		if c := clockDue(t, s, r.ID, "reconsideration.supplement"); c.Due != "2025-10-23" {
			t.Errorf("补正期限 due %s, want 2025-10-23", c.Due)
		}
		if n, err := s.ApplyDeemed(ctx, calendar.MustParseDate("2025-11-03")); err != nil || n != 0 {
			t.Fatalf("ApplyDeemed took %d steps (%v): the system must not withdraw an application unattended", n, err)
		}
		if r, _ = s.Record(ctx, all(), r.ID); r.Status != "补正中" {
			t.Fatalf("stage %s after ApplyDeemed, want 补正中", r.Status)
		}
		if c, ok := openClock(t, s, "2025-11-03", "S-31", "reconsideration.supplement"); !ok || !c.Overdue {
			t.Errorf("the lapsed period is not on the deadlines list for a clerk: %+v %v", c, ok)
		}
		r = mustTransition(t, s, r, "deem_withdrawn", nil)
		if r.Status != "视为撤回" || r.Values.Str("acceptance_closed_on") != "2025-10-24" {
			t.Errorf("after the confirmation: %s %v", r.Status, r.Values)
		}
		events, _ := s.Events(ctx, all(), r.ID)
		if last := events[len(events)-1]; last.Actor != admin.Name || !strings.Contains(last.Label, "视为放弃") {
			t.Errorf("the confirmation is not the clerk's: %+v", last)
		}
	})
}

// 第62条第1款: an extension after the decision period ended is refused on the page, the API and
// the import alike; the case stays overdue.
func TestStatuteExtensionAfterExpiryRefused(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		r, _ := s.CreateRecord(ctx, admin, all(), "reconsideration", application("E-62", "2025-07-31"))
		r = mustTransition(t, s, r, "accept", law.Values{"accepted_on": "2025-08-04", "procedure": "普通"}) // due 10-09
		if _, err := s.Transition(ctx, admin, all(), r.ID, r.Version, "extend", law.Values{"extension_days": "30", "extension_approved_on": "2025-10-10"}); err == nil || !strings.Contains(err.Error(), "期限届满后不能延期") {
			t.Fatalf("第62条 on the page: %v", err)
		}
		late := r.Values.Clone()
		late["extended"], late["extension_days"], late["extension_approved_on"] = "是", "30", "2025-10-10"
		if _, err := s.UpdateRecord(ctx, admin, all(), r.ID, r.Version, late); err == nil || store.Problems(err)[0].Field != "extension_approved_on" {
			t.Fatalf("第62条 through the API: %v", err)
		}
		imp := application("E-62-IMP", "2025-07-31")
		for k, x := range map[string]string{"acceptance": "受理", "accepted_on": "2025-08-04", "extended": "是", "extension_approved_on": "2025-10-10"} {
			imp[k] = x
		}
		if _, bad, err := s.ImportRecords(ctx, admin, all(), "reconsideration", []store.ImportRow{{Line: 2, Values: imp}}, false); err == nil && len(bad) == 0 {
			t.Fatal("第62条 on import: a late extension imported")
		}
		if c, ok := openClock(t, s, "2025-10-20", "E-62", "reconsideration.decision"); !ok || !c.Overdue || c.Due != "2025-10-09" {
			t.Errorf("the case should stay overdue from 10-09: %+v %v", c, ok)
		}
	})
}

// law.md "Refuse or flag" on import: a late hearing notice (第51条) and a late 补正 notice
// (第31条第1款) are imported and flagged 程序瑕疵; a 第41条(五) termination before sixty days of
// suspension is refused.
func TestStatuteImportRefusesOrFlags(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		heard := application("F-51", "2025-07-31")
		for k, x := range map[string]string{"acceptance": "受理", "accepted_on": "2025-08-04", "hearing": "是", "hearing_on": "2025-10-17", "hearing_notice_on": "2025-10-13"} {
			heard[k] = x
		}
		asked := application("F-31", "2025-09-26")
		for k, x := range map[string]string{"acceptance": "补正中", "supplement_requested_on": "2025-10-11", "supplement_items": "身份证明"} {
			asked[k] = x
		}
		res, bad, err := s.ImportRecords(ctx, admin, all(), "reconsideration", []store.ImportRow{{Line: 2, Values: heard}, {Line: 3, Values: asked}}, false)
		if err != nil || len(bad) != 0 {
			t.Fatalf("defects of the past refused a ledger: %v %v", err, bad)
		}
		_ = res
		recs, _, _ := s.List(ctx, all(), store.Filter{Query: store.Query{Kind: "reconsideration", Conds: []store.Cond{{Field: "defects", Op: store.OpNotEmpty}}}})
		got := map[string]string{}
		for _, r := range recs {
			d, _ := r.Values["defects"].([]string)
			got[r.Code] = strings.Join(d, "；")
		}
		if !strings.Contains(got["F-51"], "第51条") || !strings.Contains(got["F-31"], "第31条第1款") || len(got) != 2 {
			t.Errorf("程序瑕疵 stored: %v", got)
		}

		term := application("F-41", "2025-07-31")
		for k, x := range map[string]string{"acceptance": "受理", "accepted_on": "2025-08-04", "suspended_on": "2025-08-10",
			"suspension_ground": law.SuspensionGrounds[0], "closed_on": "2025-09-09", "outcome": "终止", "termination_ground": law.TerminationGrounds[4]} {
			term[k] = x
		}
		term["suspensions"] = []string{"2025-08-10~2025-09-08"}
		if _, bad, err := s.ImportRecords(ctx, admin, all(), "reconsideration", []store.ImportRow{{Line: 2, Values: term}}, false); (err == nil && len(bad) == 0) || !strings.Contains(errText(err, bad), "第41条第5项") {
			t.Errorf("第41条(五) on import: %v %v", err, bad)
		}
	})
}

func errText(err error, bad []store.RowError) string {
	var b strings.Builder
	if err != nil {
		b.WriteString(err.Error())
	}
	for _, e := range bad {
		b.WriteString(e.Message)
	}
	return b.String()
}

// 人民调解法第33条, 行政诉讼法第67、85条, 行政复议法第76条: the new clocks are kept in the store.
func TestStatuteMediationLitigationLetterClocks(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		seedOrgs(t, s)
		m := mediation("M-33", "441481100201-T", "2024-03-05")
		m["result"], m["closed_on"], m["agreement_form"] = "成功", "2024-03-20", "口头"
		m["confirmation_applied"], m["confirmation_applied_on"] = "是", "2024-04-22"
		mr, err := s.CreateRecord(ctx, admin, all(), "mediation", m)
		if err != nil {
			t.Fatal(err)
		}
		if w, _ := mr.Values["warnings"].([]string); len(w) != 1 || w[0] != law.LateConfirmation {
			t.Errorf("第33条: an oral agreement's application after 04-19: %v", mr.Values["warnings"])
		}
		if c := clockDue(t, s, mr.ID, "mediation.judicial_confirmation"); c.Due != "2024-04-19" || c.Stopped != "2024-04-22" {
			t.Errorf("第33条: %+v", c)
		}

		l := law.Values{"code": "A-67", "org": "441481-SFJ", "defendant": "兴宁市公安局", "instance": "一审", "filed_on": "2025-03-03",
			"complaint_received_on": "2025-03-07", "status": "已审结", "closed_on": "2025-06-09", "judgment": "驳回起诉", "judgment_received_on": "2025-06-10"}
		lr, err := s.CreateRecord(ctx, admin, all(), "litigation", l)
		if err != nil {
			t.Fatal(err)
		}
		if c := clockDue(t, s, lr.ID, "litigation.answer"); c.Due != "2025-03-24" || c.State != store.ClockStopped {
			t.Errorf("第67条: %+v", c)
		}
		if c := clockDue(t, s, lr.ID, "litigation.appeal"); c.Due != "2025-06-20" {
			t.Errorf("第85条: a ruling's ten days: %+v", c)
		}

		letter := law.Values{"code": "L-76", "org": "441481-SFJ", "sent_on": "2025-03-03", "letter_type": "复议意见书",
			"recipients": []string{"兴宁市市场监督管理局"}, "opinion_received_on": "2025-03-05"}
		lt, err := s.CreateRecord(ctx, admin, all(), "letter", letter)
		if err != nil {
			t.Fatal(err)
		}
		if c := clockDue(t, s, lt.ID, "letter.opinion_report"); c.Due != "2025-05-06" {
			t.Errorf("第76条: %+v", c)
		}
	})
}
