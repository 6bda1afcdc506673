// Package intake takes a ledger sheet into the store: it parses the rows with the deployment's
// dictionary words, resolves 所属单位 within the importer's scope, and imports them in one
// transaction, reporting every problem, the parser's or the database's (an org outside the
// scope, a duplicate 编号, a cross-field rule), as a row error with its row and column. The
// command line and the web page import through here, so that a file is judged the same way
// wherever it is brought in.
package intake

import (
	"context"
	"errors"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
)

// Options are the importer's choices.
type Options struct {
	// DefaultOrg is the org code rows are recorded under when the sheet has no org column.
	DefaultOrg string
	// SkipInvalid imports the good rows and reports the others; without it any error means
	// nothing is written (ledgers.md, "Import").
	SkipInvalid bool
}

// Records imports a sheet of kind. With errors and no SkipInvalid the result is zero and
// nothing was written; the error return is for failures that are not about rows.
func Records(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, kind *law.Kind, sheet *ledger.Sheet, opts Options) (store.ImportResult, []ledger.RowError, error) {
	words, err := st.Words(ctx, kind)
	if err != nil {
		return store.ImportResult{}, nil, err
	}
	rows, errs, _ := ledger.ParseKind(kind, sheet, ledger.ParseOptions{
		DefaultOrg: opts.DefaultOrg,
		Words:      words,
		ResolveOrg: func(s string) (string, error) {
			o, err := st.ResolveOrg(ctx, sc, s)
			return o.Code, err
		},
	})
	if len(errs) > 0 && !opts.SkipInvalid {
		return store.ImportResult{}, errs, nil
	}
	in := make([]store.ImportRow, len(rows))
	for i, r := range rows {
		in[i] = store.ImportRow{Line: r.Line, Values: r.Values, Given: r.Given}
	}
	res, refused, err := st.ImportRecords(ctx, a, sc, kind.Name, in, opts.SkipInvalid)
	for _, r := range refused {
		f, _ := kind.Field(r.Field)
		errs = append(errs, ledger.RowError{Line: r.Line, Column: f.Label, Value: cellText(valueOf(rows, r.Line, r.Field)), Reason: r.Message})
	}
	var ie *store.ImportError
	if errors.As(err, &ie) {
		return store.ImportResult{}, errs, nil
	}
	return res, errs, err
}

// Orgs imports a sheet of the org tree (ledgers.md, "Organisations").
func Orgs(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, sheet *ledger.Sheet, skip bool) (store.ImportResult, []ledger.RowError, error) {
	rows, errs, _ := ledger.Parse(law.OrgFields, sheet, ledger.ParseOptions{})
	if len(errs) > 0 && !skip {
		return store.ImportResult{}, errs, nil
	}
	in := make([]store.OrgInput, len(rows))
	for i, r := range rows {
		v := r.Values
		in[i] = store.OrgInput{Code: v.Str("code"), Name: v.Str("name"), Type: v.Str("type"),
			ParentCode: v.Str("parent"), CreditCode: v.Str("credit_code"), FoundedOn: v.Str("founded_on"), Line: r.Line}
	}
	res, err := st.ImportOrgs(ctx, a, sc, in)
	return res, errs, err
}

func valueOf(rows []ledger.Row, line int, key string) any {
	for _, r := range rows {
		if r.Line == line {
			return r.Values[key]
		}
	}
	return nil
}

func cellText(x any) string {
	switch t := x.(type) {
	case string:
		return t
	case []string:
		return strings.Join(t, "；")
	}
	return ""
}
