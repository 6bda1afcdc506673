package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// 设立日期 of the org ledger: kept, changed by a re-import, and refused when it is no date.
func TestOrgFoundedOn(t *testing.T) {
	ctx := context.Background()
	each(t, func(t *testing.T, s *store.Store) {
		seedOrgs(t, s)
		point := store.OrgInput{Code: "441481100-GZZ", Name: "甲镇公共法律服务工作站", Type: "公共法律服务工作站",
			ParentCode: "441481100", FoundedOn: "2024-06-18"}
		if _, err := s.ImportOrgs(ctx, admin, all(), []store.OrgInput{point}); err != nil {
			t.Fatal(err)
		}
		if o, err := s.Org(ctx, all(), point.Code); err != nil || o.FoundedOn != "2024-06-18" {
			t.Fatalf("设立日期 %q, %v", o.FoundedOn, err)
		}
		point.FoundedOn = "2024-07-01"
		if r, err := s.ImportOrgs(ctx, admin, all(), []store.OrgInput{point}); err != nil || r.Updated != 1 {
			t.Fatalf("re-import with a new 设立日期: %+v %v", r, err)
		}
		point.FoundedOn = "2024-02-30"
		if _, err := s.ImportOrgs(ctx, admin, all(), []store.OrgInput{point}); err == nil || !strings.Contains(err.Error(), "设立日期") {
			t.Fatalf("an impossible 设立日期 is accepted: %v", err)
		}
	})
}
