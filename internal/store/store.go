// Package store is the only package that speaks SQL. It keeps organisations, records, their
// events and clocks, users and sessions, settings and the audit trail, on embedded SQLite or on
// PostgreSQL. Every read takes a Scope and every write an Actor; the audit entry of a write is
// appended in the same transaction as the write.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"

	"github.com/fazhi/fazhi/internal/calendar"
)

// Options configure Open.
type Options struct {
	// Key is the 32-byte secret that encrypts 身份证号 and phone numbers at rest.
	Key []byte
	// AuditKey keys the audit chain (issue 9 item 5); nil writes the unkeyed chain of old.
	AuditKey *AuditKey
	// SealAudit closes an unkeyed chain under AuditKey on open: set it when the audit key was
	// made just now, the one moment an unkeyed tail is the old version's and not a rewrite.
	SealAudit bool
	// Now is the clock; tests inject a fixed one.
	Now func() time.Time
}

// Store is an open database.
type Store struct {
	// tally is the measures the tallies keep (tally.go).
	tally tallyState
	db    *sql.DB
	d     dialect
	crypt *crypter
	keyFP string // fingerprint of Key, which a backup records
	// auditKey keys new audit entries and verifies keyed ones.
	auditKey *AuditKey
	now      func() time.Time
	cal      atomic.Pointer[calendar.Calendar]
	version  int
	// group commits concurrent single-record writes together (commit.go).
	group *committer
	// importRowByRow makes imports write each row alone, the path before batching (tests compare the two).
	importRowByRow bool
	// SQLite only (nil on PostgreSQL): writeGate and prepared, see writes.go.
	writeGate chan struct{}
	prepared  *stmtCache
}

// DefaultURL is where the database lives when neither --db nor FAZHI_DB says (cli.md).
const DefaultURL = "sqlite:./fazhi-data/fazhi.db"

// Open opens (creating if need be) the database named by url and migrates it.
func Open(ctx context.Context, url string, opt Options) (*Store, error) {
	s := &Store{now: opt.Now}
	if s.now == nil {
		s.now = time.Now
	}
	c, err := newCrypter(opt.Key)
	if err != nil {
		return nil, err
	}
	s.crypt = c
	s.keyFP = KeyFingerprint(opt.Key)
	s.auditKey = opt.AuditKey
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		s.d = postgresDialect{}
		s.db, err = sql.Open("pgx", url)
		if err != nil {
			return nil, err
		}
		s.db.SetMaxOpenConns(16)
		s.db.SetMaxIdleConns(16) // not database/sql's 2: under load each new connection forks a backend
	case strings.HasPrefix(url, "sqlite:"), strings.HasSuffix(url, ".db"):
		path := strings.TrimPrefix(url, "sqlite:")
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, fmt.Errorf("无法创建数据目录 %s: %w", dir, err)
			}
		}
		if err := createPrivate(path); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("无法创建数据库文件 %s: %w", path, err)
		}
		// WAL for concurrent readers; synchronous(FULL) so that a commit that returned survives a
		// power cut as well as a crash; immediate transactions so that two writers queue on the
		// busy timeout instead of failing on a lock upgrade.
		dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
			"&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_txlock=immediate"
		s.d = sqliteDialect{}
		s.db, err = sql.Open("sqlite", dsn)
		if err != nil {
			return nil, err
		}
		s.db.SetMaxOpenConns(8)
		s.db.SetMaxIdleConns(8) // not database/sql's 2: each new connection opens the file and runs the pragmas
		s.writeGate, s.prepared = make(chan struct{}, 1), &stmtCache{}
	default:
		return nil, fmt.Errorf("无法识别的数据库地址 %q：应为 sqlite:路径、以 .db 结尾的路径或 postgres://…", url)
	}
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("无法连接数据库: %w", err)
	}
	if s.version, err = s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if err := s.loadCalendar(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if err := s.loadTallies(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if opt.SealAudit && s.auditKey != nil {
		if _, err := s.sealIfLegacy(ctx, Actor{Name: "system:audit-key", RequestID: "seal"}); err != nil {
			s.db.Close()
			return nil, fmt.Errorf("无法以新的审计密钥封存旧审计链: %w", err)
		}
	}
	s.startCommitter()
	return s, nil
}

// Close releases the database.
func (s *Store) Close() error {
	if s.group != nil {
		s.group.close()
	}
	s.prepared.close()
	return s.db.Close()
}

// Dialect names the database engine ("sqlite" or "postgres").
func (s *Store) Dialect() string { return s.d.name() }

// Version is the schema version after migration.
func (s *Store) Version() int { return s.version }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// Today is the store's civil date in China Standard Time, the date statutory periods count in.
func (s *Store) Today() calendar.Date { return calendar.FromTime(s.now().In(cst)) }

var cst = time.FixedZone("CST", 8*3600)

func (s *Store) stamp() string { return s.now().UTC().Format(time.RFC3339Nano) }

// tx wraps the queries of one transaction, rebinding placeholders for the dialect.
type tx struct {
	*sql.Tx
	s *Store
	// orgs caches org lookups by code for the transaction: an import resolves the same few
	// committees thousands of times. Any write to the tree clears it.
	orgs map[string]Org
	// dict caches a kind's dictionary words for the transaction (one query per kind, not per row).
	dict map[string]map[string][]string
	// stmts holds the transaction's prepared statements by query text (SQLite only: pgx keeps its
	// own per-connection cache). An import runs the same dozen statements per row; SQLite would
	// otherwise parse and plan each one again, a fifth of an import's time. Closed with the tx.
	stmts map[string]*sql.Stmt
	// deferAudit holds the transaction's audit entries in pendingAudit until it commits, when
	// they are chained in one go (a group commit, commit.go: the chain's head is then held
	// from that moment to the commit, not from each write's entry).
	deferAudit   bool
	pendingAudit []AuditEntry
	// tallies is what the transaction wrote that the tallies count, added to them before it
	// commits (tally_write.go).
	tallies tallyWrites
	// holders are the officers whose certificate spans the transaction's writes changed
	// (holder_spans.go).
	holders map[string]bool
}

const maxTxStmts = 200

// stmt is the prepared form of q for this transaction, or nil where the driver caches itself
// or q does not prepare: then the plain call runs it and reports the same error.
func (t *tx) stmt(ctx context.Context, q string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	if st, ok := t.stmts[q]; ok {
		return st
	}
	if len(t.stmts) >= maxTxStmts { // a query built per row (an IN list) is not worth keeping
		return nil
	}
	shared := t.s.prepared.get(ctx, t.s.db, q)
	if shared == nil {
		return nil
	}
	st := t.StmtContext(ctx, shared) // the connection's own prepared form, once it has one
	t.stmts[q] = st
	return st
}

func (t *tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	q = t.s.d.rebind(q)
	if st := t.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.ExecContext(ctx, q, args...)
}
func (t *tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q = t.s.d.rebind(q)
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.QueryContext(ctx, q, args...)
}
func (t *tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	q = t.s.d.rebind(q)
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.QueryRowContext(ctx, q, args...)
}

// insert runs an INSERT … RETURNING id.
func (t *tx) insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := t.queryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// inTx runs fn in one transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(*tx) error) error {
	if s.writeGate != nil {
		select {
		case s.writeGate <- struct{}{}:
			defer func() { <-s.writeGate }()
		case <-ctx.Done():
			return fmt.Errorf("等待写入时请求已取消，未保存: %w", ctx.Err())
		}
	}
	return s.inTxOn(ctx, s.db, fn)
}

// inTxOn is inTx on a given pool or connection (migrations run on the one holding their lock).
func (s *Store) inTxOn(ctx context.Context, db interface {
	BeginTx(context.Context, *sql.TxOptions) (*sql.Tx, error)
}, fn func(*tx) error) error {
	sqlTx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("无法开始事务: %w", err)
	}
	t := &tx{Tx: sqlTx, s: s}
	if s.d.name() == "sqlite" {
		t.stmts = map[string]*sql.Stmt{}
	}
	if err := fn(t); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := t.flushHolders(ctx); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := t.flushTallies(ctx); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("提交失败，未保存: %w", err)
	}
	return nil
}

// query and queryRow run a read outside a transaction, prepared once for the store on SQLite
// (stmtCache, writes.go): every request reads its session, user and settings, which SQLite
// would otherwise parse and plan again each time.
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q = s.d.rebind(q)
	if st := s.prepared.get(ctx, s.db, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.db.QueryContext(ctx, q, args...)
}
func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	q = s.d.rebind(q)
	if st := s.prepared.get(ctx, s.db, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.db.QueryRowContext(ctx, q, args...)
}
