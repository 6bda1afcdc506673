package kit

import (
	"context"
	"fmt"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// Row is one record of a demo ledger. A row marked Stepwise is entered as a clerk would, one
// transition at a time (so its history shows each step); the others are imported together, as
// a bureau imports its Excel ledger. Steps, when set, are the stepwise record's own steps from
// First; otherwise Steps derives them from the kind.
type Row struct {
	Values   law.Values
	Stepwise bool
	First    law.Values
	Steps    []Step
}

// Write puts a demo ledger into the store through its public write path: the imported rows in
// one transaction, then each stepwise row with CreateRecord and Transition. A refused row is a
// bug in the demo, not a clerk's typo: the error names the ledger, the rows and the reasons.
func Write(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, kind string, rows []Row) (stepwise int, err error) {
	k, ok := law.Lookup(kind)
	if !ok {
		return 0, fmt.Errorf("演示数据：没有「%s」这类记录", kind)
	}
	var imports []store.ImportRow
	for _, r := range rows {
		if !r.Stepwise {
			imports = append(imports, store.ImportRow{Line: len(imports) + 2, Values: r.Values})
		}
	}
	if err := importAll(ctx, st, a, sc, k, imports); err != nil {
		return 0, err
	}
	for _, r := range rows {
		if !r.Stepwise {
			continue
		}
		if err := enter(ctx, st, a, sc, k, r); err != nil {
			return stepwise, fmt.Errorf("载入演示%s「%s」失败：%w", k.Label, r.Values.Str("code"), err)
		}
		stepwise++
	}
	return stepwise, nil
}

// enter registers a row and takes its steps, each on the version the last one left.
func enter(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, k *law.Kind, r Row) error {
	first, steps := r.First, r.Steps
	if first == nil {
		var err error
		if first, steps, err = Steps(k, r.Values); err != nil {
			return err
		}
	}
	rec, err := st.CreateRecord(ctx, a, sc, k.Name, first)
	if err != nil {
		return err
	}
	for _, s := range steps {
		if rec, err = st.Transition(ctx, a, sc, rec.ID, rec.Version, s.Name, s.In); err != nil {
			return fmt.Errorf("「%s」：%w", s.Name, err)
		}
	}
	return nil
}

// importAll imports rows in one transaction, naming the first refused rows and their reasons.
func importAll(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, k *law.Kind, rows []store.ImportRow) error {
	if len(rows) == 0 {
		return nil
	}
	_, bad, err := st.ImportRecords(ctx, a, sc, k.Name, rows, false)
	if err == nil {
		return nil
	}
	var msgs []string
	for i, b := range bad {
		if i == 3 {
			msgs = append(msgs, fmt.Sprintf("等共%d行", len(bad)))
			break
		}
		msgs = append(msgs, fmt.Sprintf("第%d行「%s」：%s", b.Line, b.Field, b.Message))
	}
	return fmt.Errorf("载入演示数据「%s」失败：%w %s", k.Name, err, strings.Join(msgs, "；"))
}
