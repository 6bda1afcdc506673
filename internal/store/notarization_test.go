package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// 公证法第30条 through the store on both engines (the vectors of procedure's
// TestNotarizationClocks): accepted Tue 2025-09-30, fifteen working days after 国庆 end on
// 10-28; verification 10-13 … 10-17 (resumed 10-18, five natural days holding five working
// days) is not counted, so the certificate is due 11-04; a 容缺办 certificate issued before its
// documents is refused, naming the field and the rule.
func TestNotarizationClock(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.ImportOrgs(ctx, admin, all(), []store.OrgInput{
			{Code: "441481", Name: "兴宁市", Type: "县级市"},
			{Code: "441481-GZC", Name: "兴宁市公证处", Type: "公证处", ParentCode: "441481"},
		}); err != nil {
			t.Fatal(err)
		}
		r, err := s.CreateRecord(ctx, admin, all(), "notarization", law.Values{"code": "N-1", "org": "441481-GZC",
			"accepted_on": "2025-09-30", "matter": "继承", "modes": []string{"容缺办"}, "missing_docs": "死亡证明"})
		if err != nil {
			t.Fatal(err)
		}
		if c := clockDue(t, s, r.ID, "notary.issue"); c.Due != "2025-10-28" {
			t.Errorf("due %s, want 2025-10-28", c.Due)
		}
		for _, m := range []struct {
			name string
			in   law.Values
		}{{"start_review", nil}, {"suspend", law.Values{"suspended_on": "2025-10-13", "suspension_reason": "核实有关情况"}},
			{"resume", law.Values{"resumed_on": "2025-10-18"}}} {
			if r, err = s.Transition(ctx, admin, all(), r.ID, r.Version, m.name, m.in); err != nil {
				t.Fatalf("%s: %v", m.name, err)
			}
		}
		if c := clockDue(t, s, r.ID, "notary.issue"); c.Due != "2025-11-04" || c.State != store.ClockRunning {
			t.Errorf("after 5 ND of verification: %s due %s, want running to 2025-11-04", c.State, c.Due)
		}
		_, err = s.Transition(ctx, admin, all(), r.ID, r.Version, "issue", law.Values{"issued_on": "2025-11-03", "docs_completed_on": "2025-11-04"})
		if err == nil || !strings.Contains(err.Error(), "补齐日期") {
			t.Fatalf("lenient certificate issued before its documents: %v", err)
		}
		if r, err = s.Transition(ctx, admin, all(), r.ID, r.Version, "issue", law.Values{"issued_on": "2025-11-03", "docs_completed_on": "2025-10-20"}); err != nil {
			t.Fatal(err)
		}
		if c := clockDue(t, s, r.ID, "notary.issue"); c.State != store.ClockStopped || c.Stopped != "2025-11-03" {
			t.Errorf("issued: %s stopped %s", c.State, c.Stopped)
		}
		if r.Values.Str("state") != "已出证" || r.Status != "已出证" {
			t.Errorf("状态 %s, stage %s", r.Values.Str("state"), r.Status)
		}
	})
}
