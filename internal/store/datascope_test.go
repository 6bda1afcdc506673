package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// Data scopes (数据范围) are kept with the account and read back as org paths; a scope of
// single orgs sees records of those orgs and nothing below them, and may write only there.
func TestDataScopes(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedOrgs(t, s)
		town, _ := s.Org(ctx, all(), "441481100")
		village, _ := s.Org(ctx, all(), "441481100201")
		other, _ := s.Org(ctx, all(), "441481101")
		save := func(in store.UserInput) (store.User, error) {
			in.PasswordHash, in.Role, in.OrgCode = "x", "leader", "441481100"
			if _, err := s.SaveUser(ctx, admin, all(), in); err != nil {
				return store.User{}, err
			}
			return s.UserByName(ctx, in.Username)
		}
		u, err := save(store.UserInput{Username: "plain"})
		if err != nil || u.DataScope != store.DataSubtree || len(u.ScopePaths) != 0 {
			t.Fatalf("default data scope: %+v %v", u, err)
		}
		u, err = save(store.UserInput{Username: "custom", DataScope: store.DataCustom, ScopeOrgs: []string{"441481101", " 441481100201 ", "441481101"}})
		if err != nil || !slices.Equal(u.ScopeOrgs, []string{"441481101", "441481100201"}) ||
			!slices.Equal(u.ScopePaths, []string{village.Path, other.Path}) {
			t.Fatalf("custom data scope: %+v %v", u, err)
		}
		for _, bad := range []struct {
			in   store.UserInput
			want string
		}{
			{store.UserInput{Username: "b1", DataScope: "department"}, "未知的数据范围"},
			{store.UserInput{Username: "b2", DataScope: store.DataCustom}, "至少要选择一个单位"},
			{store.UserInput{Username: "b3", DataScope: store.DataCustom, ScopeOrgs: []string{"999"}}, "「999」不存在"},
		} {
			if _, err := save(bad.in); store.ErrorCode(err) != store.EINVALID || !strings.Contains(err.Error(), bad.want) {
				t.Errorf("%+v: %v, want %q", bad.in, err, bad.want)
			}
		}

		// 仅本单位 on the town: a record of the town itself, not of its village's committee.
		if _, err := s.CreateRecord(ctx, admin, all(), "mediation", mediation("V-1", "441481100201-T", "2024-03-05")); err != nil {
			t.Fatal(err)
		}
		only := store.ScopeOf(store.Grant{OrgsOnly: []string{town.Path}, Read: []string{"mediation"}, Write: []string{"mediation"}})
		if _, n, err := s.List(ctx, only, store.Filter{Query: store.Query{Kind: "mediation"}}); err != nil || n != 0 {
			t.Fatalf("the town alone sees %d records of its village (%v)", n, err)
		}
		if _, err := s.CreateRecord(ctx, admin, only, "mediation", mediation("V-2", "441481100201-T", "2024-03-06")); err == nil {
			t.Fatal("the town alone wrote a record of its village's committee")
		}
		orgs, err := s.Orgs(ctx, only)
		if err != nil || len(orgs) != 1 || orgs[0].Code != "441481100" {
			t.Fatalf("orgs of the town alone: %+v %v", orgs, err)
		}
		below := store.ScopeOf(store.Grant{OrgPaths: []string{town.Path}, Read: []string{"mediation"}})
		if _, n, err := s.List(ctx, below, store.Filter{Query: store.Query{Kind: "mediation"}}); err != nil || n != 1 {
			t.Fatalf("the town and below sees %d records (%v)", n, err)
		}
	})
}

// A backup made before the data-scope columns existed still restores: its accounts get the
// default scope (本单位及下级), which is what they had.
func TestRestoreBackupWithoutDataScopes(t *testing.T) {
	ctx := context.Background()
	s := storetest.SQLite(t)
	seedOrgs(t, s)
	if _, err := s.SaveUser(ctx, admin, all(), store.UserInput{Username: "old", PasswordHash: "x", Role: "leader",
		OrgCode: "441481100", DataScope: store.DataOwn}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "old.db")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", out)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`ALTER TABLE users DROP COLUMN data_scope`, `ALTER TABLE users DROP COLUMN scope_orgs`, `UPDATE schema_version SET version = 2`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	for _, target := range storetest.Open(t) {
		if _, err := target.Restore(ctx, out); err != nil {
			t.Fatalf("%s: %v", target.Dialect(), err)
		}
		u, err := target.UserByName(ctx, "old")
		if err != nil || u.DataScope != store.DataSubtree {
			t.Fatalf("%s: restored account %+v %v", target.Dialect(), u, err)
		}
	}
}
