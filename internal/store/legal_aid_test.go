package store_test

import (
	"context"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// The acceptance vector of 法律援助法第43条 on both engines, through the store's write path: an
// application of Fri 2025-09-26, materials requested Mon 09-29 and supplied Mon 10-13. Working
// days under the 2025 calendar (国庆 10-01…10-08; Sun 09-28 and Sat 10-11 are working days):
// 09-28 (1), 09-29 (2, the notice day); the applicant's time 09-30…10-13 is not counted; then
// 10-14 (3), 10-15 (4), 10-16 (5), 10-17 (6), 10-20 (7). While the materials are awaited the
// clock is paused; the grant stops it and counts the case on its 决定日期.
func TestLegalAidReviewClock(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedBureau(t, s)
		if _, err := s.ImportOrgs(ctx, admin, all(), []store.OrgInput{
			{Code: "441481-FLYZ", Name: "兴宁市法律援助中心", Type: "法律援助中心", ParentCode: "441481-SFJ"}}); err != nil {
			t.Fatal(err)
		}
		r, err := s.CreateRecord(ctx, admin, all(), "legal_aid", law.Values{"code": "FY-1", "org": "441481-FLYZ",
			"applied_on": "2025-09-26", "client": "李四", "source": "申请", "case_type": "民事", "form": "民事代理"})
		if err != nil {
			t.Fatal(err)
		}
		if c := clockDue(t, s, r.ID, "legal_aid.review"); c.Due != "2025-10-13" {
			t.Errorf("review due %s, want 2025-10-13 (seven working days over 国庆)", c.Due)
		}
		steps := []struct {
			name string
			in   law.Values
			want string // the review clock's state, and its due date when running
		}{
			{"request_materials", law.Values{"supplement_requested_on": "2025-09-29", "supplement_items": "收入状况证明"}, store.ClockPaused},
			{"materials_received", law.Values{"supplement_received_on": "2025-10-13"}, "2025-10-20"},
			{"grant", law.Values{"decided_on": "2025-10-15", "means_test": "核查"}, store.ClockStopped},
		}
		for _, st := range steps {
			if r, err = s.Transition(ctx, admin, all(), r.ID, r.Version, st.name, st.in); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			c := clockDue(t, s, r.ID, "legal_aid.review")
			if got := c.State; got != st.want && c.Due != st.want {
				t.Errorf("after %s: review clock %s due %s, want %s", st.name, c.State, c.Due, st.want)
			}
		}
		if got := r.Values.Str("counted_on"); got != "2025-10-15" {
			t.Errorf("受理日期 %q, want the grant's 2025-10-15", got)
		}
		if c := clockDue(t, s, r.ID, "legal_aid.assign"); c.Due != "2025-10-20" {
			t.Errorf("assignment due %s, want 2025-10-20 (three days from 10-15 end on Saturday 10-18)", c.Due)
		}
	})
}
