package web

import (
	"context"
	"slices"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// The rules between an event and the other events of its holder (law.History: 发证 needs an
// earlier 考试通过). The form and the API refuse a record entered now that breaks one; a ledger
// import does not come here (it keeps the past as it was), and the record's page flags what
// breaks one, whichever way it came in. Generic: the kind declares the rules.

// maxHistory bounds the events read for one holder (an officer has dozens).
const maxHistory = 500

// holderOf reads the record an event names (the first in scope with that 编号, as the store's
// reference check finds it) and the holder's events of kind; nil holder when it is not found.
func (s *Server) holderOf(ctx context.Context, sc store.Scope, kind *law.Kind, code string) (law.Values, []store.Record, error) {
	ref, _ := kind.Field(kind.History.Of)
	var holder law.Values
	if sc.CanRead(ref.RefKind) {
		hs, _, err := s.st.List(ctx, sc, store.Filter{Query: store.Query{Kind: ref.RefKind,
			Conds: []store.Cond{{Field: "code", Op: store.OpEq, Value: code}}}, Limit: 1})
		if err != nil {
			return nil, nil, err
		}
		if len(hs) > 0 {
			holder = hs[0].Values
		}
	}
	// List, not ListAll: ListAll drops the limit, and the bound is the point here.
	events, _, err := s.st.List(ctx, sc, store.Filter{Query: store.Query{Kind: kind.Name,
		Conds: []store.Cond{{Field: kind.History.Of, Op: store.OpEq, Value: code}}}, Limit: maxHistory})
	return holder, events, err
}

// historyBreaches are the rules values break against the holder's record and other events; self
// is the record's own id (0 for a new one), left out of the others.
func (s *Server) historyBreaches(ctx context.Context, sc store.Scope, kind *law.Kind, v law.Values, self int64) ([]law.Breach, error) {
	if kind.History == nil || v.Str(kind.History.Of) == "" {
		return nil, nil
	}
	holder, events, err := s.holderOf(ctx, sc, kind, v.Str(kind.History.Of))
	if err != nil {
		return nil, err
	}
	var others []law.Values
	for _, e := range events {
		if e.ID != self {
			others = append(others, e.Values)
		}
	}
	return kind.History.Breaches(kind, v, holder, others), nil
}

// refuseHistory returns, by field, the rules a record entered or edited now breaks. An edit is
// refused only for a rule the record did not already break (old): a ledger line of the past
// stays editable while it waits for the event it lacks.
func (s *Server) refuseHistory(ctx context.Context, sc store.Scope, kind *law.Kind, v law.Values, old *store.Record) (map[string]string, error) {
	var self int64
	if old != nil {
		self = old.ID
	}
	breaches, err := s.historyBreaches(ctx, sc, kind, v, self)
	if err != nil || len(breaches) == 0 {
		return nil, err
	}
	var before []string
	if old != nil {
		was, err := s.historyBreaches(ctx, sc, kind, old.Values, self)
		if err != nil {
			return nil, err
		}
		for _, b := range was {
			before = append(before, b.Flag)
		}
	}
	out := map[string]string{}
	for _, b := range breaches {
		if slices.Contains(before, b.Flag) {
			continue
		}
		if out[b.Field] != "" {
			out[b.Field] += "；"
		}
		out[b.Field] += b.Message
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// historyFlags are what a record's page warns of: the rules the record breaks as an event, and
// the duties it leaves undone as the holder of events of other kinds (离岗未注销执法证).
func (s *Server) historyFlags(ctx context.Context, sc store.Scope, kind *law.Kind, rec store.Record) ([]string, error) {
	var out []string
	breaches, err := s.historyBreaches(ctx, sc, kind, rec.Values, rec.ID)
	if err != nil {
		return nil, err
	}
	for _, b := range breaches {
		out = append(out, b.String())
	}
	for _, k := range law.Histories(kind.Name) {
		if !sc.CanRead(k.Name) {
			continue
		}
		_, events, err := s.holderOf(ctx, sc, k, rec.Code)
		if err != nil {
			return nil, err
		}
		vs := make([]law.Values, len(events))
		for i, e := range events {
			vs[i] = e.Values
		}
		out = append(out, k.History.HolderFlags(rec.Values, vs)...)
	}
	return out, nil
}
