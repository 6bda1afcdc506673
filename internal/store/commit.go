package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Group commit (issue 15 item 4). Every write appends to the one audit chain, so writers
// serialise through the chain's head from their audit entry to their commit: on SQLite the
// write lock (and the busy handler's sleeps of up to 100 ms for whoever waits), on PostgreSQL
// the audit_head row lock held across the commit's flush. Under load the single-record writes
// therefore queue here instead, and the committer runs the writes waiting at that moment in
// ONE transaction: each in its own SAVEPOINT, so that a refused write rolls back alone and
// gets its own error; then one COMMIT (one flush of the log for all of them); and only after
// that commit succeeded is any of them acknowledged. Each write's records, events, clocks and
// audit entry are exactly what its own transaction would have written, in the order the
// writes ran; the chain stays one chain.
//
// Nothing waits for company: the committer takes whatever is queued when it is free, so a
// lone write commits at once and a busy server commits in batches as large as the queue.

// maxGroup bounds a batch: past it a batch holds the chain long enough to delay the next one.
const maxGroup = 64

// writeFn is one write: it runs on the batch's transaction with its caller's context values
// but without its cancellation (a caller giving up mid-statement must not break the batch's
// connection; a caller who has given up before its turn is skipped).
type writeFn func(ctx context.Context, t *tx) error

type groupWrite struct {
	ctx  context.Context
	fn   writeFn
	done chan groupResult
}

type groupResult struct {
	err   error
	panic any // re-raised in the caller's goroutine, where the server's recovery handles it
}

var errClosed = errors.New("数据库已关闭，未保存")

type committer struct {
	s       *Store
	queue   chan *groupWrite
	stop    chan struct{}
	stopped sync.WaitGroup
	once    sync.Once
}

// committers is how many batches run at once. SQLite has one writer, so one; on PostgreSQL
// the writes of a batch run their statements one after another, each a round trip, so a few
// batches run side by side and meet only at the chain's head, which each takes at its end.
func committers(d dialect) int {
	if d.name() == "sqlite" {
		return 1
	}
	return 4
}

func (s *Store) startCommitter() {
	c := &committer{s: s, queue: make(chan *groupWrite, maxGroup), stop: make(chan struct{})}
	for range committers(s.d) {
		c.stopped.Add(1)
		go c.run()
	}
	s.group = c
}

// close stops the committer after the batch it is running; writes still queued fail.
func (c *committer) close() {
	c.once.Do(func() { close(c.stop) })
	c.stopped.Wait()
	for {
		select {
		case w := <-c.queue:
			w.done <- groupResult{err: errClosed}
		default:
			return
		}
	}
}

// write runs fn in a group-committed transaction and returns once that transaction has
// committed (nil) or fn's own error, or the commit's.
func (s *Store) write(ctx context.Context, fn writeFn) error {
	w := &groupWrite{ctx: ctx, fn: fn, done: make(chan groupResult, 1)}
	select {
	case s.group.queue <- w:
	case <-s.group.stop:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued the caller waits for the outcome, so that what it is told is what happened.
	r := <-w.done
	if r.panic != nil {
		panic(r.panic)
	}
	return r.err
}

func (c *committer) run() {
	defer c.stopped.Done()
	for {
		var batch []*groupWrite
		select {
		case w := <-c.queue:
			batch = append(batch, w)
		case <-c.stop:
			return
		}
	gather:
		for len(batch) < maxGroup {
			select {
			case w := <-c.queue:
				batch = append(batch, w)
			default:
				break gather
			}
		}
		c.commit(batch)
	}
}

// commit runs one batch and answers each of its writes.
func (c *committer) commit(batch []*groupWrite) {
	results := make([]groupResult, len(batch))
	err := c.s.inTx(context.Background(), func(t *tx) error {
		t.deferAudit = true
		sp := savepoints{t: t}
		for i, w := range batch {
			if err := w.ctx.Err(); err != nil {
				results[i].err = err // the caller is gone: nothing of theirs is written
				continue
			}
			if err := sp.begin(); err != nil {
				return err
			}
			if err := sp.run(w, &results[i]); err != nil {
				return err
			}
		}
		return t.chainPending(context.Background())
	})
	for i, w := range batch {
		if err != nil && results[i].err == nil && results[i].panic == nil {
			results[i].err = err // the batch's transaction did not commit: not saved
		}
		w.done <- results[i]
	}
}

// savepoints keeps one savepoint open before each write, in one statement per write: after a
// write that stood, RELEASE and a new SAVEPOINT go together; after one that was refused, the
// ROLLBACK TO leaves the savepoint in place for the next. (On PostgreSQL each statement is a
// round trip; a batch's writes run one after another, so these count.)
type savepoints struct {
	t     *tx
	open  bool // a savepoint is set at the state the next write starts from
	stood bool // the last write kept its changes, after the savepoint
}

func (sp *savepoints) begin() error {
	q := `SAVEPOINT group_write`
	switch {
	case sp.open && !sp.stood:
		return nil
	case sp.open:
		q = `RELEASE SAVEPOINT group_write; SAVEPOINT group_write`
	}
	if _, err := sp.t.ExecContext(context.Background(), q); err != nil {
		return fmt.Errorf("无法设置保存点: %w", err)
	}
	sp.open, sp.stood = true, false
	return nil
}

// run runs a write after begin; an error it returns (or a panic) rolls back that write alone.
// Only a failing savepoint statement fails the batch.
func (sp *savepoints) run(w *groupWrite, res *groupResult) error {
	t := sp.t
	mark := len(t.pendingAudit)
	func() {
		defer func() {
			if p := recover(); p != nil {
				res.panic = p
			}
		}()
		res.err = w.fn(context.WithoutCancel(w.ctx), t)
	}()
	if res.err == nil && res.panic == nil {
		sp.stood = true
		return nil
	}
	t.pendingAudit = t.pendingAudit[:mark]
	t.orgs, t.dict = nil, nil // the caches may hold what the rollback undoes
	if _, err := t.ExecContext(context.Background(), `ROLLBACK TO SAVEPOINT group_write`); err != nil {
		return fmt.Errorf("无法回滚保存点: %w", err)
	}
	return nil
}

// chainPending appends the batch's audit entries to the chain, in the order their writes ran,
// as one stretch (appendAudits): each entry is what appendAudit would have written in the
// write's own transaction. Each entry's actor was checked when it was deferred.
func (t *tx) chainPending(ctx context.Context) error {
	if len(t.pendingAudit) == 0 {
		return nil
	}
	return t.appendAudits(ctx, Actor{Name: t.pendingAudit[0].Actor}, t.pendingAudit, false)
}
