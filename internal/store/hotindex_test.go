package store_test

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// declaredHot lists the kind and field of every law.Field marked Index.
func declaredHot() (names []string, fields [][2]string) {
	for _, k := range law.Kinds() {
		for _, f := range k.Fields {
			if f.Index {
				names = append(names, store.HotIndexName(k.Name, f.Key))
				fields = append(fields, [2]string{k.Name, f.Key})
			}
		}
	}
	sort.Strings(names)
	return names, fields
}

// The database has exactly the indexes the kinds declare: missing ones are made at start and
// one no declaration names any more is dropped.
func TestHotIndexesFollowDeclarations(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		want, _ := declaredHot()
		if len(want) == 0 {
			t.Fatal("no kind declares an indexed field; the test has nothing to check")
		}
		if got, err := s.HotIndexes(ctx); err != nil || !slices.Equal(got, want) {
			t.Fatalf("indexes after open %v (%v), want %v", got, err, want)
		}
		stale := store.HotIndexName("retired", "old_field")
		if _, err := s.DB().Exec(`CREATE INDEX ` + stale + ` ON records (code)`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB().Exec(`DROP INDEX ` + want[0]); err != nil {
			t.Fatal(err)
		}
		if err := s.SyncHotIndexes(ctx); err != nil {
			t.Fatal(err)
		}
		if got, err := s.HotIndexes(ctx); err != nil || !slices.Equal(got, want) {
			t.Fatalf("indexes after sync %v (%v), want %v", got, err, want)
		}
	})
}

// The engine's plan for a list filtered on a hot field reads that field's index — the query
// the store writes and the index it makes agree on the expression and the kind.
func TestHotIndexServesFilter(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		_, fields := declaredHot()
		for _, kf := range fields {
			kind, key := kf[0], kf[1]
			for _, conds := range [][]store.Cond{
				{{Field: key, Op: store.OpEq, Value: "2024-03-01"}},
				{{Field: key, Op: store.OpGE, Value: "2024-01-01"}, {Field: key, Op: store.OpLE, Value: "2024-12-31"}},
			} {
				plan, err := s.ExplainList(ctx, all(), store.Query{Kind: kind, Conds: conds})
				if err != nil {
					t.Fatal(err)
				}
				if !searchesIndexOnField(plan, store.HotIndexName(kind, key), key) {
					t.Errorf("%s.%s %v: plan does not search %s on the field:\n%s", kind, key, conds[0].Op, store.HotIndexName(kind, key), plan)
				}
			}
		}
	})
}

// searchesIndexOnField reports whether a plan reads index with the field's condition in the
// index search itself, not merely as a filter over rows found another way. SQLite: "SEARCH r
// USING INDEX name (kind=? AND <expr>>? …)"; PostgreSQL: the scan's "Index Cond" names the key.
func searchesIndexOnField(plan, index, key string) bool {
	lines := strings.Split(plan, "\n")
	for i, l := range lines {
		if !strings.Contains(l, "INDEX "+index+" ") && !strings.Contains(l, "using "+index+" ") {
			continue
		}
		if strings.Contains(l, "<expr>") {
			return true
		}
		if i+1 < len(lines) && strings.Contains(lines[i+1], "Index Cond:") && strings.Contains(lines[i+1], "'"+key+"'") {
			return true
		}
	}
	return false
}
