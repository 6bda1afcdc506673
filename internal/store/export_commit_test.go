package store

import (
	"context"

	"github.com/fazhi/fazhi/internal/law"
)

// CreateTogether runs the creates as ONE group-committed batch, in order (commit.go), as the
// committer does with the writes queued at one moment, and returns each one's id and error.
// A write whose values are nil panics inside the batch; one whose values hold "_then_fail"
// is created in full (record, events, clocks, audit entry) and then refused.
func (s *Store) CreateTogether(ctx context.Context, a Actor, sc Scope, kind string, vs []law.Values) ([]int64, []any) {
	ids := make([]int64, len(vs))
	batch := make([]*groupWrite, len(vs))
	for i, v := range vs {
		fn := creation(a, sc, kind, v, &ids[i])
		switch {
		case v == nil:
			fn = func(context.Context, *tx) error { panic("a write that panics") }
		case v["_then_fail"] != nil:
			create := fn
			fn = func(ctx context.Context, t *tx) error {
				if err := create(ctx, t); err != nil {
					return err
				}
				return errorf(ECONFLICT, "refused after writing")
			}
		}
		batch[i] = &groupWrite{ctx: ctx, fn: fn, done: make(chan groupResult, 1)}
	}
	s.group.commit(batch)
	out := make([]any, len(vs))
	for i, w := range batch {
		r := <-w.done
		if r.panic != nil {
			out[i] = r.panic
		} else if r.err != nil {
			out[i] = r.err
		}
	}
	return ids, out
}
