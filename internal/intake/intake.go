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

// Outcome is an import's result: the counts of what was written and the row errors — the
// first ones (ledger.DefaultMaxErrors, values clipped for display) and how many in all.
type Outcome struct {
	store.ImportResult
	// Source is the other system whose export the file was (its headers mapped), or "".
	Source string
	// exported is the export's header by our label (the errors name both).
	exported map[string]string
	Errors   []ledger.RowError
	Total    int
}

// Records imports a sheet of kind. With errors and no SkipInvalid the counts are zero and
// nothing was written; the error return is for failures that are not about rows.
func Records(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, kind *law.Kind, sheet *ledger.Sheet, opts Options) (Outcome, error) {
	words, err := st.Words(ctx, kind)
	if err != nil {
		return Outcome{}, err
	}
	source, exported, err := fromSource(ctx, st, kind, sheet)
	if err != nil {
		return Outcome{}, err
	}
	p := ledger.ParseKindReport(kind, sheet, ledger.ParseOptions{
		DefaultOrg: opts.DefaultOrg,
		Words:      words,
		ResolveOrg: func(s string) (string, error) {
			o, err := st.ResolveOrg(ctx, sc, s)
			return o.Code, err
		},
	})
	out := Outcome{Errors: p.Errors, Total: p.Total, Source: source, exported: exported}
	if p.Total > 0 && !opts.SkipInvalid {
		return out.clipped(), nil
	}
	in := make([]store.ImportRow, len(p.Rows))
	for i, r := range p.Rows {
		in[i] = store.ImportRow{Line: r.Line, Values: r.Values, Given: r.Given}
	}
	res, refused, err := st.ImportRecords(ctx, a, sc, kind.Name, in, opts.SkipInvalid)
	var byLine map[int]law.Values
	if len(refused) > 0 {
		byLine = make(map[int]law.Values, len(p.Rows))
		for _, r := range p.Rows {
			byLine[r.Line] = r.Values
		}
	}
	for _, r := range refused {
		f, _ := kind.Field(r.Field)
		out.add(ledger.RowError{Line: r.Line, Column: f.Label, Value: cellText(byLine[r.Line][r.Field]), Reason: r.Message})
	}
	var ie *store.ImportError
	if errors.As(err, &ie) {
		return out.clipped(), nil
	}
	out.ImportResult = res
	return out.clipped(), err
}

// Orgs imports a sheet of the org tree (ledgers.md, "Organisations").
func Orgs(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, sheet *ledger.Sheet, skip bool) (Outcome, error) {
	p := ledger.ParseReport(law.OrgFields, sheet, ledger.ParseOptions{})
	out := Outcome{Errors: p.Errors, Total: p.Total}
	if p.Total > 0 && !skip {
		return out.clipped(), nil
	}
	in := make([]store.OrgInput, len(p.Rows))
	for i, r := range p.Rows {
		v := r.Values
		in[i] = store.OrgInput{Code: v.Str("code"), Name: v.Str("name"), Type: v.Str("type"),
			ParentCode: v.Str("parent"), CreditCode: v.Str("credit_code"), FoundedOn: v.Str("founded_on"), Line: r.Line}
	}
	res, err := st.ImportOrgs(ctx, a, sc, in)
	out.ImportResult = res
	return out.clipped(), err
}

// add lists an error while under the cap and counts it always.
func (o *Outcome) add(e ledger.RowError) {
	o.Total++
	if len(o.Errors) < ledger.DefaultMaxErrors {
		o.Errors = append(o.Errors, e)
	}
}

// maxShownValue is how much of a cell an error repeats: enough to find it, not a page of it.
const maxShownValue = 100

// clipped shortens the values the errors repeat and names an export's column as the export does.
func (o Outcome) clipped() Outcome {
	for i, e := range o.Errors {
		if h, ok := o.exported[e.Column]; ok {
			o.Errors[i].Column = h + "（" + e.Column + "）"
		}
		if r := []rune(e.Value); len(r) > maxShownValue {
			o.Errors[i].Value = string(r[:maxShownValue]) + "…"
		}
	}
	return o
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
