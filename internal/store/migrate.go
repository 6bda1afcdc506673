package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrations are applied in order, each once, each in its own transaction, and counted in
// schema_version. Never edit one that has shipped: append a new one. An entry is either SQL
// text (a string; types in {{…}} are filled in by the dialect) or a Go data migration (a
// dataMigration) for what SQL cannot do well, such as rewriting values inside the JSON
// attributes. The list is []any so that an SQL migration stays a bare string literal and
// appending one is a one-line change. See docs/architecture.md, "Migrations".
var migrations = []any{
	// 1: the core
	`CREATE TABLE orgs (
		id {{id}},
		code TEXT NOT NULL UNIQUE,
		name TEXT NOT NULL,
		type TEXT NOT NULL,
		parent_id BIGINT REFERENCES orgs(id),
		path TEXT NOT NULL,
		credit_code TEXT NOT NULL DEFAULT '',
		version INTEGER NOT NULL DEFAULT 1,
		created_at TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);
	CREATE INDEX orgs_parent ON orgs(parent_id);
	CREATE INDEX orgs_path ON orgs(path);
	CREATE INDEX orgs_name ON orgs(name);

	CREATE TABLE users (
		id {{id}},
		username TEXT NOT NULL UNIQUE,
		display_name TEXT NOT NULL DEFAULT '',
		password_hash TEXT NOT NULL,
		role TEXT NOT NULL,
		org_id BIGINT REFERENCES orgs(id),
		kinds TEXT NOT NULL DEFAULT '',
		failed_logins INTEGER NOT NULL DEFAULT 0,
		locked_until TEXT NOT NULL DEFAULT '',
		must_change_password {{bool}} NOT NULL DEFAULT 0,
		disabled {{bool}} NOT NULL DEFAULT 0,
		version INTEGER NOT NULL DEFAULT 1,
		created_at TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);

	CREATE TABLE sessions (
		token_hash TEXT PRIMARY KEY,
		user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		csrf TEXT NOT NULL,
		created_at TEXT NOT NULL,
		expires_at TEXT NOT NULL
	);
	CREATE INDEX sessions_user ON sessions(user_id);

	CREATE TABLE records (
		id {{id}},
		kind TEXT NOT NULL,
		org_id BIGINT NOT NULL REFERENCES orgs(id),
		code TEXT NOT NULL,
		status TEXT NOT NULL DEFAULT '',
		opened_on TEXT,
		closed_on TEXT,
		category TEXT,
		attrs {{json}} NOT NULL,
		version INTEGER NOT NULL DEFAULT 1,
		created_at TEXT NOT NULL,
		created_by TEXT NOT NULL,
		updated_at TEXT NOT NULL,
		updated_by TEXT NOT NULL,
		UNIQUE (kind, org_id, code)
	);
	CREATE INDEX records_kind_opened ON records(kind, opened_on);
	CREATE INDEX records_kind_closed ON records(kind, closed_on);
	CREATE INDEX records_org_kind ON records(org_id, kind);

	CREATE TABLE events (
		id {{id}},
		record_id BIGINT NOT NULL REFERENCES records(id),
		at TEXT NOT NULL,
		action TEXT NOT NULL,
		label TEXT NOT NULL,
		from_status TEXT NOT NULL DEFAULT '',
		to_status TEXT NOT NULL DEFAULT '',
		actor TEXT NOT NULL,
		data {{json}} NOT NULL
	);
	CREATE INDEX events_record ON events(record_id);

	CREATE TABLE clocks (
		id {{id}},
		record_id BIGINT NOT NULL REFERENCES records(id),
		kind TEXT NOT NULL,
		rule TEXT NOT NULL,
		start_on TEXT NOT NULL,
		due_on TEXT,
		stopped_on TEXT,
		state TEXT NOT NULL,
		problem TEXT NOT NULL DEFAULT '',
		UNIQUE (record_id, rule)
	);
	CREATE INDEX clocks_due ON clocks(state, due_on);

	CREATE TABLE attachments (
		id {{id}},
		record_id BIGINT NOT NULL REFERENCES records(id),
		name TEXT NOT NULL,
		content_type TEXT NOT NULL,
		size BIGINT NOT NULL,
		sha256 TEXT NOT NULL,
		data {{blob}} NOT NULL,
		created_at TEXT NOT NULL,
		created_by TEXT NOT NULL
	);
	CREATE INDEX attachments_record ON attachments(record_id);

	CREATE TABLE audit (
		seq BIGINT PRIMARY KEY,
		at TEXT NOT NULL,
		actor TEXT NOT NULL,
		action TEXT NOT NULL,
		kind TEXT NOT NULL DEFAULT '',
		target TEXT NOT NULL DEFAULT '',
		org_path TEXT NOT NULL DEFAULT '',
		before_data TEXT NOT NULL DEFAULT '',
		after_data TEXT NOT NULL DEFAULT '',
		request_id TEXT NOT NULL DEFAULT '',
		client_addr TEXT NOT NULL DEFAULT '',
		prev_hash TEXT NOT NULL,
		hash TEXT NOT NULL
	);
	CREATE INDEX audit_kind ON audit(kind, target);
	CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL);
	INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

	CREATE TABLE calendar_days (
		day TEXT PRIMARY KEY,
		day_kind TEXT NOT NULL,
		name TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);
	CREATE TABLE calendar_years (year INTEGER PRIMARY KEY, updated_at TEXT NOT NULL);

	CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);`,

	// 2: the annual report — free-text blocks per org and year, an org's edited outline, and the
	// frozen published versions.
	`CREATE TABLE report_texts (
		org_id BIGINT NOT NULL REFERENCES orgs(id),
		year INTEGER NOT NULL,
		block TEXT NOT NULL,
		body TEXT NOT NULL,
		updated_at TEXT NOT NULL,
		updated_by TEXT NOT NULL,
		PRIMARY KEY (org_id, year, block)
	);
	CREATE TABLE report_outlines (
		org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
		outline TEXT NOT NULL,
		updated_at TEXT NOT NULL,
		updated_by TEXT NOT NULL
	);
	CREATE TABLE published_reports (
		id {{id}},
		org_id BIGINT NOT NULL REFERENCES orgs(id),
		year INTEGER NOT NULL,
		version INTEGER NOT NULL,
		title TEXT NOT NULL,
		period_from TEXT NOT NULL,
		period_to TEXT NOT NULL,
		published_at TEXT NOT NULL,
		published_by TEXT NOT NULL,
		html TEXT NOT NULL,
		markdown TEXT NOT NULL,
		figures TEXT NOT NULL,
		accepted TEXT NOT NULL,
		sha256 TEXT NOT NULL,
		UNIQUE (org_id, year, version)
	);`,

	// 3: an account's data scope (数据范围): its org and below (the default, what every account
	// had before), its org alone, the whole tree, or chosen orgs (codes, comma-separated).
	`ALTER TABLE users ADD COLUMN data_scope TEXT NOT NULL DEFAULT 'subtree';
	ALTER TABLE users ADD COLUMN scope_orgs TEXT NOT NULL DEFAULT '';`,

	// 4: the keyed hashes of protected values, out of the records' JSON (record_keys.go).
	keyedHashesSchema,
	// 5: the hashes records written before 4 kept inside their JSON, moved into record_keys.
	dataMigration(func(ctx context.Context, t *tx) error { _, err := t.moveKeyedHashes(ctx); return err }),
	// 6: hardening (issue 9). Sessions note when they were last used (idle timeout); failed
	// logins are counted per user name *and* address (login_failures, names that do not exist
	// too), so that a stranger's guesses lock only the stranger's address; changes that would
	// give an account case access wait in access_requests for the 安全保密管理员 (三员分立).
	`ALTER TABLE sessions ADD COLUMN last_seen TEXT NOT NULL DEFAULT '';
	CREATE TABLE login_failures (
		username TEXT NOT NULL,
		client_addr TEXT NOT NULL,
		failures INTEGER NOT NULL DEFAULT 0,
		locked_until TEXT NOT NULL DEFAULT '',
		PRIMARY KEY (username, client_addr)
	);
	CREATE TABLE access_requests (
		id {{id}},
		username TEXT NOT NULL,
		action TEXT NOT NULL,
		input {{json}} NOT NULL,
		half TEXT NOT NULL DEFAULT '',
		requested_by TEXT NOT NULL,
		requested_at TEXT NOT NULL,
		status TEXT NOT NULL DEFAULT 'pending',
		decided_by TEXT NOT NULL DEFAULT '',
		decided_at TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX access_requests_pending ON access_requests(status, username);`,
	// 7: each case's 承办人 (assign.go), and the index behind 我的待办.
	`ALTER TABLE records ADD COLUMN assignee TEXT NOT NULL DEFAULT '';
	CREATE INDEX records_assignee ON records (assignee, kind);`,
	// 8: a clock's provisional due date while the calendar lacks a year (待日历确认).
	`ALTER TABLE clocks ADD COLUMN provisional_on TEXT;`,
	// 9: an org's 设立日期 (ledgers.md, org ledger), for the service points set up in a period.
	`ALTER TABLE orgs ADD COLUMN founded_on TEXT NOT NULL DEFAULT '';`,
	// 10: public comments on a draft put out for comment (comments.go) — the contact sealed like a phone field — and the
	// publication of each draft's 意见采纳情况反馈.
	`CREATE TABLE public_comments (
		id {{id}},
		record_id BIGINT NOT NULL REFERENCES records(id),
		submitted_at TEXT NOT NULL,
		name TEXT NOT NULL DEFAULT '',
		contact TEXT NOT NULL DEFAULT '',
		body TEXT NOT NULL,
		disposition TEXT NOT NULL DEFAULT '',
		reason TEXT NOT NULL DEFAULT '',
		disposed_by TEXT NOT NULL DEFAULT '',
		disposed_at TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX public_comments_record ON public_comments(record_id, id);
	CREATE TABLE comment_feedback (
		record_id BIGINT PRIMARY KEY REFERENCES records(id),
		published_at TEXT NOT NULL,
		published_by TEXT NOT NULL
	);`,
	// 11: the indexes the figures read (issue 15): a count of a kind over a period of its opening
	// or closing date finds the owning org in the index too (the subtree is a join on org_id),
	// and the stock of clocks open on a day is found from the clocks index alone.
	`DROP INDEX records_kind_opened;
	CREATE INDEX records_kind_opened ON records(kind, opened_on, org_id);
	DROP INDEX records_kind_closed;
	CREATE INDEX records_kind_closed ON records(kind, closed_on, org_id);
	CREATE INDEX clocks_open ON clocks(kind, rule, stopped_on, start_on, record_id);`,
	// 12: a list's first page in its default order (the latest changed first) is read from the
	// index's end, not by sorting every record of the kind (PostgreSQL sorted the province's
	// 100,000 mediations for each list page: 0.6 s).
	`CREATE INDEX records_kind_updated ON records(kind, updated_at, id);`,
	// 13: a subtree is a range of org paths compared byte by byte (store.pathUnder). SQLite's
	// orgs_path already orders them so; PostgreSQL's orders them by the database's collation,
	// so it gets an index in the byte order ("C") beside it.
	onPostgres(`CREATE INDEX orgs_path_bytes ON orgs (path COLLATE "C")`),
	// 14: a list's first page in the web's default order (the opening date, latest first, the
	// undated last: page.go nullsLow) is read from an index's end on PostgreSQL too, whose
	// records_kind_opened keeps NULLs high and so cannot give that order: it sorted the
	// province's 104,323 mediations for each list page (2.7 s under load at 1M; 1 ms with this).
	// SQLite's indexes already keep NULLs low.
	onPostgres(`CREATE INDEX records_kind_opened_low ON records (kind, opened_on NULLS FIRST, id)`),
	// 15: the figures' indexes of 11 carry the status and category too, the columns a count
	// most often tests or breaks down by (调解成功, 纠纷类型, 复议决定类型): such a figure is
	// then read from the index alone, as its hand-written COUNT is (mediation.cases by type at
	// the 1M province root on SQLite: 2.4× the COUNT → 1.0×).
	`DROP INDEX records_kind_opened;
	CREATE INDEX records_kind_opened ON records(kind, opened_on, org_id, status, category);
	DROP INDEX records_kind_closed;
	CREATE INDEX records_kind_closed ON records(kind, closed_on, org_id, status, category);`,
	// 16: the tallies (tally.go): counts kept per measure, org of the top levels, month and
	// breakdown group, and the measures kept. Filled by UseTallies at the next start.
	`CREATE TABLE tally_measures (
		id TEXT PRIMARY KEY,
		kind TEXT NOT NULL,
		spec TEXT NOT NULL
	);
	CREATE TABLE tallies (
		measure TEXT NOT NULL,
		org_id BIGINT NOT NULL,
		month TEXT NOT NULL,
		grp TEXT NOT NULL,
		n BIGINT NOT NULL,
		PRIMARY KEY (measure, org_id, month, grp)
	);`,
	// 17: the spans of days each officer held a valid certificate (holder_spans.go), counted
	// from the certificate events and officers already recorded — by 19, with the flags and exits.
	`CREATE TABLE holder_spans (
		officer TEXT NOT NULL,
		from_on TEXT NOT NULL,
		until_on TEXT NOT NULL,
		left_on TEXT NOT NULL
	);
	CREATE INDEX holder_spans_officer ON holder_spans (officer, from_on, until_on);`,
	// 18: the rules of a certificate's life each certificate event breaks (holder_spans.go,
	// law.History), kept like the spans; computed by 19, with them.
	`CREATE TABLE certificate_flags (
		event_id BIGINT NOT NULL,
		officer TEXT NOT NULL,
		flag TEXT NOT NULL
	);
	CREATE INDEX certificate_flags_event ON certificate_flags (event_id);
	CREATE INDEX certificate_flags_officer ON certificate_flags (officer);`,
	// 19: what each officer record who left kept of a certificate (holder_spans.go,
	// law.CertificateAtExit), kept like the spans; the spans, flags and exits all computed from
	// the events and officers recorded.
	dataMigration(func(ctx context.Context, t *tx) error {
		if _, err := t.exec(ctx, `CREATE TABLE officer_exits (
			record_id BIGINT NOT NULL,
			officer TEXT NOT NULL,
			held_on TEXT NOT NULL,
			revoked_on TEXT NOT NULL
		)`); err != nil {
			return err
		}
		for _, ix := range []string{`CREATE INDEX officer_exits_record ON officer_exits (record_id)`,
			`CREATE INDEX officer_exits_officer ON officer_exits (officer)`} {
			if _, err := t.exec(ctx, ix); err != nil {
				return err
			}
		}
		return t.respan(ctx, nil)
	}),
}

// onPostgres is a migration of SQL that PostgreSQL alone needs (an index SQLite's own already
// serves); on SQLite it is a step that changes nothing but the version.
func onPostgres(sql string) dataMigration {
	return func(ctx context.Context, t *tx) error {
		if t.s.d.name() != "postgres" {
			return nil
		}
		_, err := t.exec(ctx, sql)
		return err
	}
}

// dataMigration is a migration written in Go. It runs inside the migration's transaction
// through the store's wrapper (placeholders rebound, the dialect and the keys at hand); an error
// rolls the whole step back and stops the start-up.
type dataMigration func(ctx context.Context, t *tx) error

// migrate brings the schema up to date, then the per-kind indexes of hot JSON fields, and
// returns the schema version.
func (s *Store) migrate(ctx context.Context) (int, error) { return s.migrateWith(ctx, migrations) }

// migrateWith applies list. It runs on one connection that holds the dialect's migration lock
// throughout (on PostgreSQL an advisory lock, so that two servers starting on one database do
// not both migrate); each step re-reads the version inside its own transaction, so a step that
// another process applied meanwhile is skipped, not repeated.
func (s *Store) migrateWith(ctx context.Context, list []any) (int, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("无法连接数据库: %w", err)
	}
	defer conn.Close()
	unlock, err := s.d.lockMigrations(ctx, conn)
	if err != nil {
		return 0, fmt.Errorf("无法取得数据库迁移锁: %w", err)
	}
	defer unlock()
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return 0, fmt.Errorf("创建版本表失败: %w", err)
	}
	if err := s.inTxOn(ctx, conn, func(t *tx) error {
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM schema_version`).Scan(&n); err != nil || n > 0 {
			return err
		}
		_, err := t.exec(ctx, `INSERT INTO schema_version (version) VALUES (0)`)
		return err
	}); err != nil {
		return 0, err
	}
	for {
		v, done, err := s.migrateStep(ctx, conn, list)
		if err != nil {
			return v, err
		}
		if done {
			return v, s.syncHotIndexes(ctx, conn)
		}
	}
}

// migrateStep applies the first migration of list the database lacks, in one transaction with
// the version bump. done reports that there was none left.
func (s *Store) migrateStep(ctx context.Context, conn *sql.Conn, list []any) (v int, done bool, err error) {
	err = s.inTxOn(ctx, conn, func(t *tx) error {
		if err := t.queryRow(ctx, `SELECT version FROM schema_version`).Scan(&v); err != nil {
			return err
		}
		if v > len(list) {
			return fmt.Errorf("数据库结构版本 %d 高于本程序支持的 %d，请使用更新版本的 fazhi", v, len(list))
		}
		if done = v == len(list); done {
			return nil
		}
		if err := t.apply(ctx, list[v]); err != nil {
			return fmt.Errorf("数据库迁移 %d 失败: %w", v+1, err)
		}
		_, err := t.exec(ctx, `UPDATE schema_version SET version = ?`, v+1)
		return err
	})
	if err == nil && !done {
		v++
	}
	return v, done, err
}

// apply runs one migration: its SQL statements in order, or its Go function.
func (t *tx) apply(ctx context.Context, m any) error {
	switch m := m.(type) {
	case string:
		for k, typ := range t.s.d.types() {
			m = strings.ReplaceAll(m, k, typ)
		}
		for _, stmt := range strings.Split(m, ";") {
			if strings.TrimSpace(stmt) == "" {
				continue
			}
			if _, err := t.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return nil
	case dataMigration:
		return m(ctx, t)
	default:
		return fmt.Errorf("迁移的类型 %T 既不是 SQL 也不是 Go 数据迁移", m)
	}
}

// SchemaVersion is the number of migrations the code knows.
func SchemaVersion() int { return len(migrations) }
