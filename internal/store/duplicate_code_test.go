package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// A taken 编号 — on create and on an edit that renames a record onto it — is refused with the
// Chinese message naming the 编号 and the org, recognised from the driver's error code.
func TestDuplicateCodeRefused(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		const committee = "441481100201-T"
		if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("兴调〔2024〕7号", committee, "2024-03-05")); err != nil {
			t.Fatal(err)
		}
		want := "编号「兴调〔2024〕7号」在「甲村人民调解委员会」已存在"
		_, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("兴调〔2024〕7号", committee, "2024-04-01"))
		if store.ErrorMessage(err) != want || store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("duplicate create: %v (code %q), want %q", err, store.ErrorCode(err), want)
		}
		// The same 编号 in another committee is another matter.
		if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("兴调〔2024〕7号", "441481101201-T", "2024-04-01")); err != nil {
			t.Fatalf("same 编号 in another org: %v", err)
		}
		r, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("兴调〔2024〕8号", committee, "2024-04-02"))
		if err != nil {
			t.Fatal(err)
		}
		v := r.Values
		v["code"] = "兴调〔2024〕7号"
		if _, err := s.UpdateRecord(ctx, admin, all(), r.ID, r.Version, v); store.ErrorMessage(err) != want {
			t.Fatalf("renaming onto a taken 编号: %v, want %q", err, want)
		}
		if _, n, err := s.List(ctx, all(), store.Filter{Query: store.Query{Kind: "mediation", OrgCode: committee}}); err != nil || n != 2 {
			t.Fatalf("%d records after the refusals, want 2 (%v)", n, err)
		}
	})
}

// The driver names which unique constraint failed on PostgreSQL, but not on SQLite: there the
// store can read a unique violation on records as a taken 编号 only while records has no other
// unique constraint. This keeps it so, and keeps the PostgreSQL name the store matches.
func TestRecordsHaveOneUniqueKey(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		q := `SELECT group_concat(ii.name, ',') FROM pragma_index_list('records') il, pragma_index_info(il.name) ii
			WHERE il."unique" = 1 AND il.origin <> 'pk' GROUP BY il.name`
		want := []string{"kind,org_id,code"}
		if s.Dialect() == "postgres" {
			q = `SELECT conname FROM pg_constraint WHERE conrelid = 'records'::regclass AND contype = 'u'`
			want = []string{"records_kind_org_id_code_key"}
		}
		rows, err := s.DB().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				t.Fatal(err)
			}
			got = append(got, k)
		}
		if err := rows.Err(); err != nil || !slices.Equal(got, want) {
			t.Fatalf("unique keys of records %v (%v), want %v", got, err, want)
		}
	})
}
