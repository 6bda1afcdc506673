package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// Tampering with the keyed audit chain (issue 9 item 5), as someone with write access to the
// database but not to audit.key would, and as an insider holding the key would; the checkpoint
// an auditor keeps outside catches what the key alone cannot.

// chainWith writes n audited changes (new orgs, codes from prefix) so that the chain has
// entries to tamper with.
func chainWith(t *testing.T, s *store.Store, prefix string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		in := store.OrgInput{Code: fmt.Sprintf("%s%03d", prefix, i), Name: fmt.Sprintf("单位%s%d", prefix, i), Type: "县级市"}
		if _, err := s.SaveOrg(context.Background(), admin, all(), in, 0); err != nil {
			t.Fatal(err)
		}
	}
}

// exec runs raw SQL on the store's database with ? placeholders, as a tamperer would.
func exec(t *testing.T, s *store.Store, q string, args ...any) {
	t.Helper()
	if s.Dialect() == "postgres" {
		for i := 1; strings.Contains(q, "?"); i++ {
			q = strings.Replace(q, "?", fmt.Sprintf("$%d", i), 1)
		}
	}
	if _, err := s.DB().Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// rechain recomputes every hash from seq from on with key (nil: unkeyed) and moves audit_head
// to the new tail: the rewrite that an unkeyed chain could not detect.
func rechain(t *testing.T, s *store.Store, from int64, key *store.AuditKey) {
	t.Helper()
	rechainUpTo(t, s, from, 1<<62, key)
}

// rechainUpTo recomputes the hashes of entries from..to only, relinking the entry after them.
func rechainUpTo(t *testing.T, s *store.Store, from, to int64, key *store.AuditKey) {
	t.Helper()
	entries, _, err := s.Audit(context.Background(), store.SystemAll(), store.AuditFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for i := len(entries) - 1; i >= 0; i-- { // oldest first
		e := entries[i]
		switch {
		case e.Seq >= from && e.Seq <= to:
			e.PrevHash = prev
			e.Hash = store.ForgeAuditHash(key, withOrgPath(t, s, e))
			exec(t, s, `UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?`, e.PrevHash, e.Hash, e.Seq)
		case e.Seq == to+1:
			exec(t, s, `UPDATE audit SET prev_hash = ? WHERE seq = ?`, prev, e.Seq)
		}
		prev = e.Hash
	}
	exec(t, s, `UPDATE audit_head SET seq = (SELECT MAX(seq) FROM audit), hash = ? WHERE id = 1`, prev)
}

// withOrgPath fills the org path, which the listing leaves out of its JSON but the hash covers.
func withOrgPath(t *testing.T, s *store.Store, e store.AuditEntry) store.AuditEntry {
	var p sql.NullString
	q := `SELECT org_path FROM audit WHERE seq = ?`
	if s.Dialect() == "postgres" {
		q = `SELECT org_path FROM audit WHERE seq = $1`
	}
	if err := s.DB().QueryRow(q, e.Seq).Scan(&p); err != nil {
		t.Fatal(err)
	}
	e.OrgPath = p.String
	return e
}

func mustFail(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("want an error with %q, got %v", want, err)
	}
}

func TestAuditChainIsKeyed(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		chainWith(t, s, "9", 6)
		r, err := s.VerifyAuditChain(ctx)
		if err != nil || r.Entries != 6 || r.Legacy != 0 {
			t.Fatalf("verify: %+v %v", r, err)
		}
		entries, _, _ := s.Audit(ctx, all(), store.AuditFilter{})
		if !strings.HasPrefix(entries[0].Hash, "hmac-sha256:") {
			t.Fatalf("entry not keyed: %s", entries[0].Hash)
		}

		// A row changed in place: its keyed hash no longer matches.
		exec(t, s, `UPDATE audit SET actor = 'someone-else' WHERE seq = 3`)
		_, err = s.VerifyAudit(ctx)
		mustFail(t, err, "第3条")

		// Changed and the chain recomputed without the key: as the old SHA-256 it is refused
		// after keyed entries, and under a guessed key the hash does not match.
		rechain(t, s, 3, nil)
		_, err = s.VerifyAudit(ctx)
		mustFail(t, err, "第3条没有审计密钥签名")
		guess, _ := store.NewAuditKey(store.AuditHMACSHA256, []byte(strings.Repeat("g", 32)))
		rechain(t, s, 3, guess)
		_, err = s.VerifyAudit(ctx)
		mustFail(t, err, "第3条")

		// The whole chain recomputed as the unkeyed chain of old: with a key in place an
		// unkeyed chain must have been sealed, and this one was not.
		rechain(t, s, 1, nil)
		_, err = s.VerifyAudit(ctx)
		mustFail(t, err, "都没有审计密钥签名")
		// … and no write continues it.
		if _, err := s.SaveOrg(ctx, admin, all(), store.OrgInput{Code: "8000", Name: "新单位", Type: "县级市"}, 0); store.ErrorCode(err) != store.ECONFLICT {
			t.Fatalf("a write onto an unsealed unkeyed tail: %v", err)
		}
	})
}

func TestAuditCheckpoint(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		chainWith(t, s, "9", 4)
		cp, err := s.AuditCheckpoint(ctx, admin)
		if err != nil || cp.Seq != 5 || !strings.HasPrefix(cp.Sig, "hmac-sha256:") {
			t.Fatalf("checkpoint: %+v %v", cp, err)
		}
		chainWith(t, s, "8", 3) // entries after the checkpoint
		if r, err := s.VerifyAuditCheckpoint(ctx, cp); err != nil || r.Entries != 8 {
			t.Fatalf("verify with the checkpoint: %+v %v", r, err)
		}

		// The checkpoint itself changed, or cut with another key.
		forged := cp
		forged.Seq = 2
		_, err = s.VerifyAuditCheckpoint(ctx, forged)
		mustFail(t, err, "签名无效")
		other, _ := store.NewAuditKey(store.AuditHMACSM3, make([]byte, 32))
		forged = cp
		forged.Key, forged.Alg = other.Fingerprint(), other.Alg()
		_, err = s.VerifyAuditCheckpoint(ctx, forged)
		mustFail(t, err, "另一把审计密钥")

		// An insider with the key rewrites entry 2 and recomputes the chain: the chain verifies,
		// the checkpoint does not.
		exec(t, s, `UPDATE audit SET actor = 'someone-else' WHERE seq = 2`)
		rechain(t, s, 2, storetest.AuditKey)
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Fatalf("the rewrite with the key should verify on its own: %v", err)
		}
		_, err = s.VerifyAuditCheckpoint(ctx, cp)
		mustFail(t, err, "第5条与检查点")
	})
}

func TestAuditCheckpointTruncation(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		chainWith(t, s, "9", 9)
		cp, err := s.AuditCheckpoint(ctx, admin) // seq 10
		if err != nil {
			t.Fatal(err)
		}
		// The last 5 entries deleted and the head moved back: a shorter chain that verifies.
		exec(t, s, `DELETE FROM audit WHERE seq > 5`)
		rechain(t, s, 6, storetest.AuditKey) // only moves the head
		if n, err := s.VerifyAudit(ctx); err != nil || n != 5 {
			t.Fatalf("truncated chain alone: %d %v", n, err)
		}
		_, err = s.VerifyAuditCheckpoint(ctx, cp)
		mustFail(t, err, "被截断")

		// Truncated and re-chained to the same length with the key: the entry the checkpoint
		// names is another one.
		exec(t, s, `DELETE FROM audit`)
		exec(t, s, `UPDATE audit_head SET seq = 0, hash = '' WHERE id = 1`)
		chainWith(t, s, "7", 12)
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
		_, err = s.VerifyAuditCheckpoint(ctx, cp)
		mustFail(t, err, "第10条与检查点")
	})
}

// A chain written before the key (the old version's, unkeyed) keeps verifying: the first open
// under a newly made key seals it, and the seal then guards its entries too.
func TestAuditLegacyChainSealed(t *testing.T) {
	for engine, url := range freshDatabases(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			open := func(o store.Options) *store.Store {
				t.Helper()
				s, err := store.Open(ctx, url, o)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
			old := open(store.Options{Key: storetest.Key}) // no audit key: the old version
			chainWith(t, old, "9", 4)
			if n, err := old.VerifyAudit(ctx); err != nil || n != 4 {
				t.Fatalf("old chain: %d %v", n, err)
			}
			old.Close()

			// A key already in place did not seal it: indistinguishable from a chain replaced by
			// an unkeyed one, so verify says so and writes wait for an explicit seal.
			s := open(storetest.Options())
			_, err := s.VerifyAudit(ctx)
			mustFail(t, err, "fazhi audit seal")
			if _, err := s.SaveOrg(ctx, admin, all(), store.OrgInput{Code: "8999", Name: "新", Type: "县级市"}, 0); store.ErrorCode(err) != store.ECONFLICT {
				t.Fatalf("write onto an unsealed chain: %v", err)
			}
			s.Close()

			o := storetest.Options()
			o.SealAudit = true
			s = open(o)
			chainWith(t, s, "8", 2)
			if r, err := s.VerifyAuditChain(ctx); err != nil || r.Entries != 7 || r.Legacy != 4 {
				t.Fatalf("sealed chain: %+v %v", r, err)
			}
			if _, err := s.SealAudit(ctx, admin); store.ErrorCode(err) != store.ECONFLICT {
				t.Fatalf("sealing a keyed chain: %v", err)
			}
			entries, _, _ := s.Audit(ctx, all(), store.AuditFilter{Action: store.ActionAuditSeal})
			if len(entries) != 1 || entries[0].Seq != 5 {
				t.Fatalf("seal entry: %+v", entries)
			}

			// Without the key the store may not write onto the keyed chain, nor verify it.
			nokey := open(store.Options{Key: storetest.Key})
			if _, err := nokey.SaveOrg(ctx, admin, all(), store.OrgInput{Code: "8998", Name: "新", Type: "县级市"}, 0); store.ErrorCode(err) != store.ECONFLICT {
				t.Fatalf("unkeyed write onto a keyed chain: %v", err)
			}
			_, err = nokey.VerifyAudit(ctx)
			mustFail(t, err, "需要审计密钥")

			// An old entry rewritten and the unkeyed prefix recomputed: the seal covers the old head.
			exec(t, s, `UPDATE audit SET actor = 'someone-else' WHERE seq = 2`)
			rechainUpTo(t, s, 2, 4, nil)
			_, err = s.VerifyAudit(ctx)
			mustFail(t, err, "第5条")
		})
	}
}

// HMAC-SM3 (国密) for 密评 deployments: the same chain, its hashes naming the algorithm, and a
// key of the other algorithm refused by name.
func TestAuditChainSM3(t *testing.T) {
	for engine, url := range freshDatabases(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			sm3, err := store.NewAuditKey(store.AuditHMACSM3, make([]byte, 32))
			if err != nil {
				t.Fatal(err)
			}
			s, err := store.Open(ctx, url, store.Options{Key: storetest.Key, AuditKey: sm3})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			chainWith(t, s, "9", 3)
			cp, err := s.AuditCheckpoint(ctx, admin)
			if err != nil || !strings.HasPrefix(cp.Hash, "hmac-sm3:") || !strings.HasPrefix(cp.Sig, "hmac-sm3:") {
				t.Fatalf("sm3 checkpoint: %+v %v", cp, err)
			}
			if _, err := s.VerifyAuditCheckpoint(ctx, cp); err != nil {
				t.Fatal(err)
			}
			// The same secret under SHA-256 is another key.
			sha, err := store.Open(ctx, url, storetest.Options())
			if err != nil {
				t.Fatal(err)
			}
			defer sha.Close()
			_, err = sha.VerifyAudit(ctx)
			mustFail(t, err, "签名算法为 hmac-sm3")
		})
	}
}
