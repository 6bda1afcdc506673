package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// The dictionary (字典) of a field: words are checked as a whole list, and a word records use
// cannot be taken away (they would no longer validate), while an unused one can.
func TestSaveWords(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		save := func(words ...string) error {
			return s.SaveWords(ctx, admin, all(), "mediation", "dispute_type", words)
		}
		stored := func() []string {
			v, _, err := s.Setting(ctx, store.DictionaryKey("mediation", "dispute_type"))
			if err != nil {
				t.Fatal(err)
			}
			return store.SplitWords(v)
		}
		if err := save(" 电信诈骗 ", "", "网络购物"); err != nil {
			t.Fatal(err)
		}
		if got := stored(); strings.Join(got, "|") != "电信诈骗|网络购物" {
			t.Fatalf("stored %q", got)
		}
		for _, c := range []struct {
			words []string
			want  string
		}{
			{[]string{"电信诈骗", "邻里"}, "第2个词「邻里」已是内置选项"},
			{[]string{"电信诈骗", "电信诈骗"}, "第2个词「电信诈骗」重复"},
			{[]string{strings.Repeat("长", 21)}, "太长"},
			{[]string{"甲，乙"}, "逗号"},
		} {
			if err := save(c.words...); store.ErrorCode(err) != store.EINVALID || !strings.Contains(err.Error(), c.want) {
				t.Errorf("SaveWords(%q): %v, want %q", c.words, err, c.want)
			}
		}
		v := mediation("D-1", "441481100201-T", "2024-03-05")
		v["dispute_type"] = "电信诈骗"
		if _, err := s.CreateRecord(ctx, admin, all(), "mediation", v); err != nil {
			t.Fatal(err)
		}
		if err := save("网络购物"); store.ErrorCode(err) != store.EINVALID || !strings.Contains(err.Error(), "「电信诈骗」已被 1 件记录使用") {
			t.Fatalf("removing a used word: %v", err)
		}
		if err := save("电信诈骗"); err != nil {
			t.Fatalf("removing an unused word: %v", err)
		}
		if got := stored(); strings.Join(got, "|") != "电信诈骗" {
			t.Fatalf("after the refusals and the removal: %q", got)
		}
		if err := s.SaveWords(ctx, admin, all(), "mediation", "parties", []string{"甲"}); store.ErrorCode(err) != store.EINVALID {
			t.Errorf("a field that is not an enumeration: %v", err)
		}
		if err := s.SaveWords(ctx, admin, store.Scope{}, "mediation", "dispute_type", nil); store.ErrorCode(err) != store.EFORBIDDEN {
			t.Errorf("without the administrator's role: %v", err)
		}
	})
}
