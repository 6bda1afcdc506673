package store_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// A GB 11643-valid 身份证号 (check character X) and a mobile number, as a clerk might paste them.
const (
	pastedID     = "44148119850312104X"
	pastedMobile = "13912345678"
)

// Free text carrying an ID or a mobile number is refused on every write path — create, update,
// import — with the field named; nothing is written (issue 9, item 10).
func TestNumbersInFreeTextRefusedOnEveryWritePath(t *testing.T) {
	if id, _ := law.FindIDOrMobile(pastedID); id != pastedID {
		t.Fatalf("test ID %s is not valid", pastedID)
	}
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		withID := mediation("PII-1", "441481100201-T", "2024-03-05")
		withID["summary"] = "张三（身份证 " + pastedID + "）与李四宅基地纠纷"
		_, err := s.CreateRecord(ctx, admin, all(), "mediation", withID)
		wantRefusal(t, "create", err, "「纠纷简要情况」中含有身份证号")

		r, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("PII-2", "441481100201-T", "2024-03-05"))
		if err != nil {
			t.Fatal(err)
		}
		v := r.Values.Clone()
		v["parties"] = []string{"张三", "李四 " + pastedMobile}
		_, err = s.UpdateRecord(ctx, admin, all(), r.ID, r.Version, v)
		wantRefusal(t, "update", err, "「当事人」中含有手机号「139****5678」")
		wantRefusal(t, "update", err, "请填入「当事人联系电话」字段")

		_, refused, err := s.ImportRecords(ctx, admin, all(), "mediation", []store.ImportRow{{Line: 2, Values: withID}}, false)
		if err == nil || len(refused) != 1 || refused[0].Field != "summary" || !strings.Contains(refused[0].Message, "含有身份证号") {
			t.Errorf("import: %v %+v", err, refused)
		}
		n, _, err := s.Aggregate(ctx, all(), store.Query{Kind: "mediation"}, store.Agg{Func: "count"})
		if err != nil || n != 1 {
			t.Errorf("%v records after the refusals (want the one clean record), %v", n, err)
		}
	})
}

// A value past its field's limit is refused naming the field (issue 9, item 11).
func TestFieldLengthLimitsEnforced(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		v := mediation("LEN-1", "441481100201-T", "2024-03-05")
		v["mediator"] = strings.Repeat("王", law.DefaultMaxLen+1)
		_, err := s.CreateRecord(ctx, admin, all(), "mediation", v)
		wantRefusal(t, "long mediator", err, "「调解员」过长：最多 200 个字")
		v = mediation("LEN-2", "441481100201-T", "2024-03-05")
		v["parties"] = strings.Fields(strings.Repeat("甲 ", law.DefaultMaxItems+1))
		_, err = s.CreateRecord(ctx, admin, all(), "mediation", v)
		wantRefusal(t, "many parties", err, "「当事人」项数过多")
		v["parties"] = []string{"甲"}
		v["summary"] = strings.Repeat("争", law.LongTextMaxLen)
		if _, err := s.CreateRecord(ctx, admin, all(), "mediation", v); err != nil {
			t.Errorf("a summary of %d characters: %v", law.LongTextMaxLen, err)
		}
	})
}

// The list search never matches inside a sealed value: neither the ciphertext's prefix nor a
// piece of its base64 finds the record, while plain text and the exact number do (item 11).
func TestSearchDoesNotMatchCiphertext(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("S-1", "441481100201-T", "2024-03-05")); err != nil {
			t.Fatal(err)
		}
		var raw string
		if err := s.DB().QueryRowContext(ctx, `SELECT CAST(attrs AS TEXT) FROM records`).Scan(&raw); err != nil {
			t.Fatal(err)
		}
		var attrs map[string]any
		if err := json.Unmarshal([]byte(raw), &attrs); err != nil {
			t.Fatal(err)
		}
		sealed, _ := attrs["party_phone"].(string)
		if !strings.HasPrefix(sealed, "enc:") || len(sealed) < 30 {
			t.Fatalf("party_phone is stored as %q", sealed)
		}
		count := func(q string) int {
			_, n, err := s.List(ctx, all(), store.Filter{Query: store.Query{Kind: "mediation", Text: q}})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		for _, q := range []string{"enc:", sealed[len(sealed)-12:], sealed[10:20]} {
			if n := count(q); n != 0 {
				t.Errorf("search %q matched %d records through the ciphertext", q, n)
			}
		}
		if count("李四") != 1 || count("13812345678") != 1 {
			t.Errorf("plain text or exact number no longer found")
		}
	})
}

func wantRefusal(t *testing.T, what string, err error, msg string) {
	t.Helper()
	if store.ErrorCode(err) != store.EINVALID || !strings.Contains(err.Error(), msg) {
		t.Errorf("%s: got %v, want a refusal saying %q", what, err, msg)
	}
}

// A new SQLite database, its WAL and a backup are readable by their owner only (item 11).
func TestFilesArePrivate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "f.db")
	s, err := store.Open(ctx, "sqlite:"+db, store.Options{Key: make([]byte, 32)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	seedOrgs(t, s) // a write, so that the WAL exists
	out := filepath.Join(dir, "backup.db")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{db, db + "-wal", out} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := st.Mode().Perm(); m&0o077 != 0 {
			t.Errorf("%s has mode %o", filepath.Base(p), m)
		}
	}
}
