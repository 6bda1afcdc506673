package store

import (
	"context"
	"database/sql"
	"sync"
)

// How writes queue on SQLite (issue 15 item 4, 50 API clients writing at once).
//
// SQLite has one writer, and every transaction here begins IMMEDIATE (it takes the write lock
// at BEGIN). Left to SQLite, the writers waiting for the lock poll it: the busy handler sleeps
// and retries, up to 100 ms a sleep, so a write that came second could wait a whole sleep after
// the lock was free (p99 ≈ 1 s under 50 clients). writeGate queues them in this process
// instead: a channel of one slot, whose waiting senders Go serves in arrival order, so the next
// writer begins the moment the last one committed. Another process (a CLI import beside the
// server) still meets the busy timeout, as before. Durability is unchanged: each transaction
// still commits, with synchronous=FULL, before its caller hears of success.
//
// stmtCache keeps each query's prepared statement for the life of the store: a transaction's
// statement (tx.stmt) is the connection's own prepared form of it (sql.Tx.StmtContext reuses a
// connection's statement once prepared there), so a single-record write no longer parses and
// plans its dozen statements again in every transaction (a fifth of an API create's CPU).

// maxSharedStmts bounds the cache: queries built per call (an IN list of n values) are not kept
// past it.
const maxSharedStmts = 500

type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// get is q prepared on db, or nil when q does not prepare or the cache is full (the caller then
// runs q unprepared and reports the driver's own error).
func (c *stmtCache) get(ctx context.Context, db *sql.DB, q string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[q]; ok {
		return st
	}
	if len(c.m) >= maxSharedStmts {
		return nil
	}
	st, err := db.PrepareContext(context.WithoutCancel(ctx), q)
	if err != nil {
		return nil
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[q] = st
	return st
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}
