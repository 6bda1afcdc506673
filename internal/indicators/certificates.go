package indicators

import (
	"context"
	"slices"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// Who held a valid enforcement certificate on a day (law.CertificateHolder) is a question about
// named officers: the figures read the events and the officers they ask about, never the whole
// scope's certificate ledger, so that a county's figures cost the same on a province's database
// as on its own (issue 15: a county read 1M records' worth of events for a dozen officers).

// refChunk bounds the 编号 one query names; a figure naming more reads the whole ledger once.
const refChunk = 500

// certificateEvents gathers the certificate events of the named officers over the whole scope
// (an officer may have moved between units), keyed by the officer's 编号. Each officer's events
// come in the store's list order (updated_at, then id), as one read of the whole ledger gave them.
func certificateEvents(ctx context.Context, st *store.Store, sc store.Scope, officers []string) (map[string][]law.Values, error) {
	recs, err := recordsByRef(ctx, st, sc, "certificate_event", "officer", officers)
	out := make(map[string][]law.Values, len(recs))
	for code, rs := range recs {
		for _, r := range rs {
			out[code] = append(out[code], r.Values)
		}
	}
	return out, err
}

// recordsByRef reads the records of kind whose field names one of codes, over the whole scope,
// keyed by that field, each code's records in the store's list order.
func recordsByRef(ctx context.Context, st *store.Store, sc store.Scope, kind, field string, codes []string) (map[string][]store.Record, error) {
	out := map[string][]store.Record{}
	err := inChunks(codes, func(chunk []string) error {
		recs, err := st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: kind, Conds: named(field, chunk)}})
		for _, r := range recs {
			out[r.Values.Str(field)] = append(out[r.Values.Str(field)], r)
		}
		return err
	})
	return out, err
}

// leftOn is the 离岗日期 of the named officers over the whole scope ("" while serving); of two
// officers sharing a 编号, the later listed, as a read of the whole ledger into a map gave.
func leftOn(ctx context.Context, st *store.Store, sc store.Scope, officers []string) (map[string]string, error) {
	out := map[string]string{}
	err := inChunks(officers, func(codes []string) error {
		recs, err := st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: "officer", Conds: named("code", codes)}})
		for _, r := range recs {
			out[r.Values.Str("code")] = r.Values.Str("left_on")
		}
		return err
	})
	return out, err
}

// inChunks calls fn with the distinct codes, or with nil (read them all) when they are more than
// refChunk: past that, one read of the whole ledger is the cheaper (PostgreSQL planned repeated
// 500-value IN lists as scans of every record, 50 s at a province root of 1M records).
func inChunks(codes []string, fn func([]string) error) error {
	codes = slices.Compact(slices.Sorted(slices.Values(codes)))
	if len(codes) > refChunk {
		return fn(nil)
	}
	if len(codes) == 0 {
		return nil
	}
	return fn(codes)
}

// named is the condition that the field is one of codes, or none when codes is nil (all).
func named(field string, codes []string) []store.Cond {
	if codes == nil {
		return nil
	}
	return []store.Cond{{Field: field, Op: store.OpIn, Values: codes}}
}
