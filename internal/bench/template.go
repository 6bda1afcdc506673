package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/fazhi/fazhi/internal/demo"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// A province is many counties, and the best county we have is the demo's: 兴宁市 with every
// built kind drawn to the seed report's figures (2023 to 2025-03-31), its clocks, open and
// overdue cases included. The generator loads that demo once into a scratch SQLite database,
// reads back its organisations and records exactly as the public write path stored them, and
// replicates them into each county of the province (province.go) — so every record passes its
// kind's checks because the same record passed them in the demo, and no kind needs a generator
// of its own here.

// templateCity is the demo county's division code: it is part of every org code and of many
// 编号 (officers, enforcement cases), and each replica puts its own code in its place.
const templateCity = "441481"

// Template is the demo county as stored: its org tree (parents first) and its ledgers in the
// order the demo wrote them (a hearing after the case it names).
type Template struct {
	Orgs    []store.OrgInput
	Ledgers []Ledger
}

// Ledger is one kind's records, in the order they were written.
type Ledger struct {
	Kind *law.Kind
	Rows []law.Values
}

// Records counts the template's records.
func (t *Template) Records() int {
	n := 0
	for _, l := range t.Ledgers {
		n += len(l.Rows)
	}
	return n
}

// LoadTemplate loads the demo into a throwaway SQLite database under dir and reads it back.
func LoadTemplate(ctx context.Context) (*Template, error) {
	dir, err := os.MkdirTemp("", "fazhi-bench-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	key := make([]byte, 32)
	auditKey, err := store.NewAuditKey(store.AuditHMACSHA256, key)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(dir, "template.db"), store.Options{Key: key, AuditKey: auditKey})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	sc := store.SystemAll()
	if _, err := demo.Load(ctx, st, store.Actor{Name: "system:bench"}, sc); err != nil {
		return nil, fmt.Errorf("载入演示数据作为模板失败：%w", err)
	}
	return readTemplate(ctx, st, sc)
}

func readTemplate(ctx context.Context, st *store.Store, sc store.Scope) (*Template, error) {
	orgs, err := st.Orgs(ctx, sc)
	if err != nil {
		return nil, err
	}
	t := &Template{}
	for _, o := range orgs { // in path order: a parent before its children
		t.Orgs = append(t.Orgs, store.OrgInput{Code: o.Code, Name: o.Name, Type: o.Type, ParentCode: o.ParentCode,
			CreditCode: o.CreditCode, FoundedOn: o.FoundedOn})
	}
	first := map[string]int64{} // each kind's first record id: the demo's write order
	for _, k := range law.Kinds() {
		recs, err := st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: k.Name}})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			continue
		}
		sort.Slice(recs, func(i, j int) bool { return recs[i].ID < recs[j].ID })
		l := Ledger{Kind: k}
		for _, r := range recs {
			l.Rows = append(l.Rows, entered(k, r.Values))
		}
		first[k.Name] = recs[0].ID
		t.Ledgers = append(t.Ledgers, l)
	}
	slices.SortFunc(t.Ledgers, func(a, b Ledger) int { return int(first[a.Kind.Name] - first[b.Kind.Name]) })
	return t, nil
}

// entered is what a clerk types for a stored record: its values without the derived ones,
// which the store computes again on the way in.
func entered(k *law.Kind, v law.Values) law.Values {
	out := v.Clone()
	for _, f := range k.Fields {
		if f.Derived {
			delete(out, f.Key)
		}
	}
	return out
}
