package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

func TestImportIsAllOrNothing(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		good := mediation("I-1", "441481100201-T", "2024-05-01")
		outside := mediation("I-2", "no-such-org", "2024-05-02")
		_, bad, err := s.ImportRecords(ctx, admin, all(), "mediation",
			[]store.ImportRow{{Line: 2, Values: good}, {Line: 3, Values: outside}}, false)
		var ie *store.ImportError
		if err == nil || !asImport(err, &ie) || len(bad) != 1 || bad[0].Line != 3 {
			t.Fatalf("want refusal of line 3, got %v %v", bad, err)
		}
		if _, total, _ := s.List(ctx, all(), store.Filter{Query: store.Query{Kind: "mediation"}}); total != 0 {
			t.Fatalf("refused import wrote %d records", total)
		}
		// The same file twice: the second changes nothing.
		for i, want := range []store.ImportResult{{Created: 1}, {Unchanged: 1}} {
			res, _, err := s.ImportRecords(ctx, admin, all(), "mediation", []store.ImportRow{{Line: 2, Values: good}}, false)
			if err != nil || res != want {
				t.Fatalf("import %d: %+v %v", i, res, err)
			}
		}
	})
}

func asImport(err error, target **store.ImportError) bool {
	ie, ok := err.(*store.ImportError)
	*target = ie
	return ok
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	key := make([]byte, 32)
	path := filepath.Join(dir, "a.db")
	s, err := store.Open(ctx, "sqlite:"+path, store.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	seedOrgs(t, s)
	if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("A-1", "441481100201-T", "2024-01-02")); err != nil {
		t.Fatal(err)
	}
	n, err := s.VerifyAudit(ctx)
	if err != nil || n != 7 {
		t.Fatalf("verify before: %d %v", n, err)
	}
	s.Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE audit SET actor = 'someone-else' WHERE seq = 3`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	s, err = store.Open(ctx, "sqlite:"+path, store.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "第3条") {
		t.Fatalf("tampering not detected: %v", err)
	}
}

func TestCalendarUpdateReprojectsClocks(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		// Accepted 2027-12-10: the 30-ND settle clock ends 2028-01-09, a year with no data.
		r, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("C-1", "441481100201-T", "2027-12-10"))
		if err != nil {
			t.Fatal(err)
		}
		clocks, _ := s.Clocks(ctx, all(), store.ClockFilter{RecordID: r.ID})
		if len(clocks) != 1 || clocks[0].State != store.ClockNoCalendar || !strings.Contains(clocks[0].Problem, "2028") ||
			clocks[0].Provisional != "2028-01-10" || clocks[0].Due != "" {
			t.Fatalf("want a loud no-calendar clock, got %+v", clocks)
		}
		days, err := calendar.ParseDays("2028-01-01 放假 元旦\n2028-01-10 放假 测试假日\n")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveCalendarDays(ctx, admin, all(), days); err != nil {
			t.Fatal(err)
		}
		clocks, _ = s.Clocks(ctx, all(), store.ClockFilter{RecordID: r.ID})
		// 2028-01-09 is a Sunday; Monday 01-10 is (in this test) a holiday: due 2028-01-11.
		if clocks[0].State != store.ClockRunning || clocks[0].Due != "2028-01-11" || clocks[0].Provisional != "" {
			t.Fatalf("after calendar update: %+v", clocks[0])
		}
	})
}

// 取消 removes an entry typed by mistake: the clocks are re-projected without it, and the
// correction is kept as an override, so that the calendar rebuilt from the stored overrides
// (what Open does) has it too.
func TestCalendarCancelEntry(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		// Accepted 2026-12-10: 30 ND end on Saturday 2027-01-09, which moves to Monday 01-11.
		r, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("C-1", "441481100201-T", "2026-12-10"))
		if err != nil {
			t.Fatal(err)
		}
		due := func() string {
			t.Helper()
			clocks, err := s.Clocks(ctx, all(), store.ClockFilter{RecordID: r.ID})
			if err != nil || len(clocks) != 1 {
				t.Fatalf("clocks: %+v %v", clocks, err)
			}
			return clocks[0].Due
		}
		typo, _ := calendar.ParseDays("2027-01-01 放假 元旦\n2027-01-11 放假 元旦\n")
		if _, err := s.SaveCalendarDays(ctx, admin, all(), typo); err != nil {
			t.Fatal(err)
		}
		if got := due(); got != "2027-01-12" {
			t.Fatalf("with the mistaken 01-11 holiday: due %s", got)
		}
		fix, _ := calendar.ParseDays("2027-01-11 取消\n")
		if _, err := s.SaveCalendarDays(ctx, admin, all(), fix); err != nil {
			t.Fatal(err)
		}
		if got := due(); got != "2027-01-11" {
			t.Fatalf("after 取消: due %s", got)
		}
		if ok, _, _ := s.Calendar().IsWorkday(calendar.NewDate(2027, time.January, 11)); !ok {
			t.Fatal("2027-01-11 is still a holiday")
		}
		over, err := s.CalendarOverrides(ctx)
		if err != nil || len(over) != 2 {
			t.Fatalf("overrides: %+v %v", over, err)
		}
		kinds := map[string]calendar.Kind{}
		for _, o := range over {
			kinds[o.Date.String()] = o.Kind
		}
		if kinds["2027-01-11"] != calendar.Cancelled || kinds["2027-01-01"] != calendar.Holiday {
			t.Fatalf("overrides: %+v", over)
		}
		var stored []calendar.Day
		for _, o := range over {
			stored = append(stored, o.Day)
		}
		rebuilt, err := calendar.Default().With(stored)
		if err != nil {
			t.Fatal(err)
		}
		if ok, _, _ := rebuilt.IsWorkday(calendar.NewDate(2027, time.January, 11)); !ok {
			t.Fatal("the calendar rebuilt from the stored overrides lost the 取消")
		}
		// 取消 in a year with no data is refused, and changes nothing.
		bad, _ := calendar.ParseDays("2031-01-02 取消\n")
		if _, err := s.SaveCalendarDays(ctx, admin, all(), bad); store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("取消 in 2031: %v", err)
		}
		if again, _ := s.CalendarOverrides(ctx); len(again) != 2 {
			t.Fatalf("a refused save wrote %d overrides", len(again))
		}
	})
}

func TestBackupRestore(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		for i := 0; i < 5; i++ {
			if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation(fmt.Sprintf("B-%d", i), "441481100201-T", "2024-02-01")); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(t.TempDir(), "backup")
		if err := s.Backup(ctx, out); err != nil {
			t.Fatal(err)
		}
		// Restore into a fresh store of each engine available.
		for _, target := range storetest.Open(t) {
			n, err := target.Restore(ctx, out)
			if err != nil {
				t.Fatalf("%s → %s: %v", s.Dialect(), target.Dialect(), err)
			}
			if _, err := target.VerifyAudit(ctx); err != nil {
				t.Fatalf("restored audit: %v (%d rows)", err, n)
			}
			recs, total, err := target.List(ctx, all(), store.Filter{Query: store.Query{Kind: "mediation"}})
			if err != nil || total != 5 || recs[0].Values.Str("party_phone") != "13812345678" {
				t.Fatalf("restored records: %d %v", total, err)
			}
			// New writes continue the sequences and the chain.
			if _, err := target.CreateRecord(ctx, admin, all(), "mediation", mediation("B-new", "441481100201-T", "2024-02-01")); err != nil {
				t.Fatal(err)
			}
			if _, err := target.VerifyAudit(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := target.Restore(ctx, out); store.ErrorCode(err) != store.ECONFLICT {
				t.Fatalf("restore into non-empty: %v", err)
			}
		}
	})
}

func TestOrgMoveKeepsSubtree(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		if _, err := s.SaveOrg(ctx, admin, all(), store.OrgInput{Code: "441481100201", Name: "甲村", Type: "村", ParentCode: "441481101"}, 0); err != nil {
			t.Fatal(err)
		}
		town, _ := s.Org(ctx, all(), "441481101")
		committee, _ := s.Org(ctx, all(), "441481100201-T")
		if !strings.HasPrefix(committee.Path, town.Path) {
			t.Fatalf("committee %s not under town %s after move", committee.Path, town.Path)
		}
		if _, err := s.SaveOrg(ctx, admin, all(), store.OrgInput{Code: "441481", Name: "兴宁市", Type: "县级市", ParentCode: "441481100201-T"}, 0); err == nil {
			t.Fatal("moving an org under its own descendant was allowed")
		}
		clerk := store.ScopeOf(store.Grant{AllOrgs: true, Read: []string{"mediation"}})
		if _, err := s.SaveOrg(ctx, admin, clerk, store.OrgInput{Code: "X", Name: "X", Type: "其他"}, 0); store.ErrorCode(err) != store.EFORBIDDEN {
			t.Fatalf("non-admin edited the tree: %v", err)
		}
	})
}

func TestTransitionRules(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		v := mediation("R-1", "441481100201-T", "2024-03-01")
		v["result"] = "受理"
		r, err := s.CreateRecord(ctx, admin, all(), "mediation", v)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Transition(ctx, admin, all(), r.ID, r.Version, "apply_confirmation", law.Values{"confirmation_applied_on": "2024-03-02"}); store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("confirmation before success allowed: %v", err)
		}
		if _, err := s.Transition(ctx, admin, all(), r.ID, r.Version, "succeed", law.Values{"closed_on": "2024-02-01", "agreement_form": "书面"}); err == nil || !strings.Contains(err.Error(), "结案日期早于受理日期") {
			t.Fatalf("closing before acceptance: %v", err)
		}
		if _, err := s.Transition(ctx, admin, all(), r.ID, r.Version, "fail", nil); err == nil || !strings.Contains(err.Error(), "结案日期") {
			t.Fatalf("fail without a date: %v", err)
		}
		events, _ := s.Events(ctx, all(), r.ID)
		if len(events) != 1 {
			t.Fatalf("refused transitions left events: %+v", events)
		}
	})
}

// A deployment's dictionary adds words to an enumeration; the listed ones keep working.
func TestDictionaryWords(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		v := mediation("W-1", "441481100201-T", "2024-03-05")
		v["dispute_type"] = "电信诈骗"
		if _, err := s.CreateRecord(ctx, admin, all(), "mediation", v); err == nil || !strings.Contains(err.Error(), "不在允许的值中") {
			t.Fatalf("unlisted word accepted: %v", err)
		}
		if err := s.SaveSetting(ctx, admin, all(), store.DictionaryKey("mediation", "dispute_type"), "电信诈骗\n校园纠纷"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateRecord(ctx, admin, all(), "mediation", v); err != nil {
			t.Fatalf("dictionary word refused: %v", err)
		}
		v = mediation("W-2", "441481100201-T", "2024-03-05")
		if _, err := s.CreateRecord(ctx, admin, all(), "mediation", v); err != nil {
			t.Fatalf("listed word refused: %v", err)
		}
	})
}
