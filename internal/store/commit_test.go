package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// One batch of the group commit (issue 15 item 4) holding writes that stand, writes refused
// (a 编号 taken by an earlier write of the same batch, a value the law refuses) and one that
// panics: each refused one rolls back alone with its own error, the others are stored with
// their events and audit entries, and the chain is one unbroken chain.
func TestGroupCommitRefusedWriteRollsBackAlone(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		before := auditCount(t, s)
		bad := mediation("G-3", "441481100201-T", "2024-13-45") // no such date
		late := mediation("G-4", "441481100201-T", "2024-03-08")
		late["_then_fail"] = true // written in full, then refused
		ids, errs := s.CreateTogether(ctx, admin, all(), "mediation", []law.Values{
			mediation("G-1", "441481100201-T", "2024-03-05"),
			mediation("G-1", "441481100201-T", "2024-03-06"), // the same 编号 again
			bad,
			nil, // panics
			late,
			mediation("G-2", "441481100201-T", "2024-03-07"),
		})
		for i, want := range []bool{true, false, false, false, false, true} {
			if (errs[i] == nil) != want {
				t.Fatalf("write %d: error %v, want stood=%v", i, errs[i], want)
			}
		}
		if e, ok := errs[1].(error); !ok || store.ErrorCode(e) != store.EINVALID {
			t.Fatalf("the duplicate 编号 got %v, want its own refusal", errs[1])
		}
		if e, ok := errs[2].(error); !ok || store.ErrorCode(e) != store.EINVALID {
			t.Fatalf("the bad date got %v, want its own refusal", errs[2])
		}
		if errs[3] != "a write that panics" {
			t.Fatalf("the panic came back as %v", errs[3])
		}
		if e, ok := errs[4].(error); !ok || e.Error() != "refused after writing" {
			t.Fatalf("the write refused after writing got %v", errs[4])
		}
		for _, i := range []int{0, 5} {
			r, err := s.Record(ctx, all(), ids[i])
			if err != nil {
				t.Fatal(err)
			}
			ev, err := s.Events(ctx, all(), ids[i])
			if err != nil || len(ev) != 1 || ev[0].Action != "create" {
				t.Fatalf("record %s: events %v %v", r.Code, ev, err)
			}
		}
		if _, total, _ := s.List(ctx, all(), store.Filter{Query: store.Query{Kind: "mediation"}}); total != 2 {
			t.Fatalf("%d records stored, want the 2 that stood", total)
		}
		// (SQLite gives its id to the next record: the rollback took back the sequence too.)
		if r, err := s.Record(ctx, all(), ids[4]); err == nil && r.Code == "G-4" {
			t.Fatal("the record written then refused is there")
		}
		if got := auditCount(t, s) - before; got != 2 {
			t.Fatalf("%d audit entries for the batch, want 2", got)
		}
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// Many writers at once: every create that returned is stored once, each audit entry is the
// one its own transaction would have written (action, target, actor), the chain verifies.
func TestGroupCommitConcurrentWriters(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		before := auditCount(t, s)
		const writers, each = 20, 10
		var wg sync.WaitGroup
		ids := make(chan int64, writers*each)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					code := fmt.Sprintf("C-%d-%d", w, i)
					if i == 3 { // a refusal in the middle of the load
						if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation(code, "nowhere", "2024-03-05")); err == nil {
							t.Error("a create naming no org stood")
						}
						continue
					}
					r, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation(code, "441481100201-T", "2024-03-05"))
					if err != nil {
						t.Error(err)
						return
					}
					ids <- r.ID
				}
			}()
		}
		wg.Wait()
		close(ids)
		n := 0
		for id := range ids {
			n++
			entries, _, err := s.Audit(ctx, store.SystemAll(), store.AuditFilter{Target: fmt.Sprint(id), Action: "record.create"})
			if err != nil || len(entries) != 1 || entries[0].Actor != admin.Name || entries[0].Kind != "mediation" {
				t.Fatalf("record %d: audit %v %v", id, entries, err)
			}
		}
		if want := writers * (each - 1); n != want {
			t.Fatalf("%d creates stood, want %d", n, want)
		}
		if got := auditCount(t, s) - before; got != n {
			t.Fatalf("%d audit entries, want %d", got, n)
		}
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func auditCount(t *testing.T, s *store.Store) int {
	t.Helper()
	n, err := s.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}
