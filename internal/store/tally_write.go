package store

import (
	"context"
	"slices"
	"strings"
)

// tallyWrites is what a transaction wrote that the tallies count: the records of kinds with
// kept measures, and what those it changed counted before their first change in it. At the
// commit (flushTallies) their counts now less their counts before go into the tallies, in the
// same transaction: a write that is rolled back — the whole transaction, or one write of a
// group commit to its savepoint — leaves the tallies as it found them, because its records
// then count at the commit what they counted before.
type tallyWrites struct {
	set    *tallySet
	seen   map[int64]bool
	ids    map[string][]int64            // by kind, in the order first written
	before map[string]map[tallyKey]int64 // by kind: the changed records' counts before
}

// tallyTouch notes that the record id of kind is about to be written: existing says it is there
// already (an update), so that its counts before the write are taken now, once per transaction.
func (t *tx) tallyTouch(ctx context.Context, kind string, id int64, existing bool) error {
	w := &t.tallies
	if w.set == nil {
		w.set = t.s.keptTallies()
	}
	groups := w.set.byKind[kind]
	if len(groups) == 0 || w.seen[id] {
		return nil
	}
	if w.seen == nil {
		w.seen, w.ids, w.before = map[int64]bool{}, map[string][]int64{}, map[string]map[tallyKey]int64{}
	}
	w.seen[id] = true
	w.ids[kind] = append(w.ids[kind], id)
	if !existing {
		return nil
	}
	if w.before[kind] == nil {
		w.before[kind] = map[tallyKey]int64{}
	}
	counts, err := t.recordTallies(ctx, groups, []int64{id})
	for k, n := range counts {
		w.before[kind][k] += n
	}
	return err
}

// tallyChunk is how many records one counting query names.
const tallyChunk = 500

// flushTallies adds what the transaction's writes changed to the tallies, before it commits.
func (t *tx) flushTallies(ctx context.Context) error {
	w := &t.tallies
	if len(w.ids) == 0 {
		return nil
	}
	kinds := make([]string, 0, len(w.ids))
	for k := range w.ids {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, strings.Compare)
	for _, kind := range kinds {
		delta := map[tallyKey]int64{}
		for k, n := range w.before[kind] {
			delta[k] -= n
		}
		for ids := range slices.Chunk(w.ids[kind], tallyChunk) {
			counts, err := t.recordTallies(ctx, w.set.byKind[kind], ids)
			if err != nil {
				return err
			}
			for k, n := range counts {
				delta[k] += n
			}
		}
		if err := t.addTallies(ctx, delta, 1); err != nil {
			return err
		}
	}
	t.tallies = tallyWrites{}
	return nil
}
