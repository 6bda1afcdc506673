package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// seedPaged makes 45 mediation records over 4 acceptance dates (so every page boundary falls
// inside a run of equal sort keys) in two towns; every third is closed, so a sort by 结案日期
// has a NULL segment.
func seedPaged(t *testing.T, s *store.Store) {
	t.Helper()
	seedOrgs(t, s)
	var rows []store.ImportRow
	for i := range 45 {
		comm := "441481100201-T"
		if i%2 == 1 {
			comm = "441481101201-T"
		}
		v := mediation(fmt.Sprintf("P-%02d", i), comm, fmt.Sprintf("2024-03-%02d", 1+i%4))
		if i%3 == 0 {
			v["result"], v["closed_on"], v["agreement_form"] = "成功", fmt.Sprintf("2024-04-%02d", 1+i%2), "书面"
		}
		rows = append(rows, store.ImportRow{Line: i + 2, Values: v})
	}
	if _, _, err := s.ImportRecords(context.Background(), admin, all(), "mediation", rows, false); err != nil {
		t.Fatal(err)
	}
}

func ids(recs []store.Record) []int64 {
	out := make([]int64, len(recs))
	for i, r := range recs {
		out[i] = r.ID
	}
	return out
}

// TestKeysetPaging: walking a list page by page through Next, then back through Prev, visits
// exactly the rows of the whole ordered list, once each, in order — with ties on the sort key
// at the page boundaries, NULL keys, both directions, on both engines.
func TestKeysetPaging(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedPaged(t, s)
		for _, sort := range []string{"accepted_on", "closed_on", "updated_at", "code"} {
			for _, desc := range []bool{true, false} {
				t.Run(fmt.Sprintf("%s desc=%v", sort, desc), func(t *testing.T) {
					f := store.Filter{Query: store.Query{Kind: "mediation"}, Sort: sort, Desc: desc, Limit: 7}
					whole, err := s.ListAll(ctx, all(), f)
					if err != nil || len(whole) != 45 {
						t.Fatalf("whole list: %d %v", len(whole), err)
					}
					var pages [][]int64
					for {
						p, err := s.Page(ctx, all(), f)
						if err != nil {
							t.Fatal(err)
						}
						if p.Total != 45 || !p.TotalExact {
							t.Fatalf("total %d exact %v", p.Total, p.TotalExact)
						}
						if (len(pages) == 0) != (p.Prev == "") {
							t.Fatalf("page %d: prev %q", len(pages)+1, p.Prev)
						}
						pages = append(pages, ids(p.Records))
						if p.Next == "" {
							break
						}
						f.After, f.Before = p.Next, ""
						if len(pages) > 10 {
							t.Fatal("no end")
						}
					}
					if got := slices.Concat(pages...); !slices.Equal(got, ids(whole)) {
						t.Fatalf("forward:\n got %v\nwant %v", got, ids(whole))
					}
					// Back from the last page, through Prev, to the first.
					last, _ := s.Page(ctx, all(), f)
					for i := len(pages) - 2; i >= 0; i-- {
						f.After, f.Before = "", last.Prev
						if last, err = s.Page(ctx, all(), f); err != nil {
							t.Fatal(err)
						}
						if !slices.Equal(ids(last.Records), pages[i]) {
							t.Fatalf("back to page %d: %v, want %v", i+1, ids(last.Records), pages[i])
						}
					}
					if last.Prev != "" {
						t.Fatalf("the first page reached going back offers a previous one")
					}
				})
			}
		}
	})
}

// TestCursorScopeAndTampering: a cursor only positions the reader's own scoped query — one
// taken from a county-wide list yields a town's reader nothing outside the town — and a
// changed cursor, or one of another order, is refused with a Chinese message naming it.
func TestCursorScopeAndTampering(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedPaged(t, s)
		f := store.Filter{Query: store.Query{Kind: "mediation"}, Sort: "accepted_on", Desc: true, Limit: 5}
		p, err := s.Page(ctx, all(), f)
		if err != nil {
			t.Fatal(err)
		}
		town, _ := s.Org(ctx, all(), "441481101")
		sc := store.ScopeOf(store.Grant{OrgPaths: []string{town.Path}, Read: []string{"mediation"}})
		f.After = p.Next
		for n := 0; f.After != ""; n++ {
			tp, err := s.Page(ctx, sc, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range tp.Records {
				if r.OrgCode != "441481101201-T" {
					t.Fatalf("a town's reader got %s of %s through a cursor", r.Code, r.OrgCode)
				}
			}
			if tp.Total != 22 {
				t.Fatalf("town total %d", tp.Total)
			}
			f.After = tp.Next
		}
		payload, mac, _ := strings.Cut(p.Next, ".")
		for name, token := range map[string]string{
			"changed":   payload[:len(payload)-2] + "xx." + mac,
			"unsigned":  payload,
			"forged":    payload + ".AAAAAAAAAAAAAAAAAAAAAA",
			"not token": "%%%",
		} {
			f.After = token
			_, err := s.Page(ctx, all(), f)
			var se *store.Error
			if !asStoreError(err, &se) || se.Code != store.EINVALID || se.Field != "after" || !strings.Contains(se.Message, "翻页参数") {
				t.Errorf("%s cursor: %v", name, err)
			}
		}
		f.After, f.Sort = p.Next, "closed_on"
		if _, err := s.Page(ctx, all(), f); err == nil || !strings.Contains(err.Error(), "另一种排序") {
			t.Errorf("a cursor of another order: %v", err)
		}
	})
}

func asStoreError(err error, se **store.Error) bool {
	e, ok := err.(*store.Error)
	*se = e
	return ok
}

// TestFirstPageReadsAnIndex: the web's default order of a list (the opening date, latest first,
// undated last) is read off an index's end on both engines, never a sort of every record of
// the kind (PostgreSQL sorted a province's mediations for each list page; migration 14).
func TestFirstPageReadsAnIndex(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		seedPaged(t, s)
		plan, err := s.ExplainFirstPage(context.Background(), all(), store.Query{Kind: "mediation"}, "accepted_on", true)
		if err != nil {
			t.Fatal(err)
		}
		sorted := map[string]string{"sqlite": "TEMP B-TREE FOR ORDER BY", "postgres": "Sort Key"}[s.Dialect()]
		if strings.Contains(plan, sorted) {
			t.Errorf("the first page sorts the kind's records:\n%s", plan)
		}
	})
}
