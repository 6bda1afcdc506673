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
	p := ledger.NewKindParser(kind, sheet, ledger.ParseOptions{
		DefaultOrg: opts.DefaultOrg,
		Words:      words,
		ResolveOrg: func(s string) (string, error) {
			o, err := st.ResolveOrg(ctx, sc, s)
			return o.Code, err
		},
	})
	// The sheet is parsed and written a chunk at a time, in one transaction: only a chunk's
	// parsed values are held. A parse error without SkipInvalid stops the writing (and rolls
	// back what was written) but not the parsing, so that every error of the file is counted.
	var chunk []store.ImportRow
	var refused Outcome // the store's refusals, listed after the parser's
	next := func() ([]store.ImportRow, error) {
		for !p.Done() {
			rows := p.Next(store.ImportChunk)
			if p.Result().Total > 0 && !opts.SkipInvalid {
				continue
			}
			chunk = chunk[:0]
			for _, r := range rows {
				chunk = append(chunk, store.ImportRow{Line: r.Line, Values: r.Values, Given: r.Given})
			}
			if len(chunk) > 0 {
				return chunk, nil
			}
		}
		if p.Result().Total > 0 && !opts.SkipInvalid {
			return nil, errParseRefused
		}
		return nil, nil
	}
	refuse := func(r store.RowError) {
		// The refused row is one of the chunk being written.
		var value any
		for _, row := range chunk {
			if row.Line == r.Line {
				value = row.Values[r.Field]
			}
		}
		f, _ := kind.Field(r.Field)
		refused.add(ledger.RowError{Line: r.Line, Column: f.Label, Value: cellText(value), Reason: r.Message})
	}
	res, err := st.ImportStream(ctx, a, sc, kind.Name, next, refuse, opts.SkipInvalid)
	pr := p.Result()
	out := Outcome{Errors: pr.Errors, Total: pr.Total, Source: source, exported: exported}
	if errors.Is(err, errParseRefused) {
		return out.clipped(), nil
	}
	for _, e := range refused.Errors {
		out.add(e)
	}
	out.Total += refused.Total - len(refused.Errors)
	var ie *store.ImportError
	if errors.As(err, &ie) {
		return out.clipped(), nil
	}
	out.ImportResult = res
	return out.clipped(), err
}

// errParseRefused ends an import whose file has errors the parser found: nothing is written.
var errParseRefused = errors.New("台账有错误，未写入任何数据")

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
