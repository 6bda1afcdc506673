package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrations are applied in order, each once, each in its own transaction. Never edit one that
// has shipped: append a new one. Types in {{…}} are filled in by the dialect.
var migrations = []string{
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
}

// migrate brings the schema up to date and returns its version.
func (s *Store) migrate(ctx context.Context) (int, error) {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return 0, fmt.Errorf("创建版本表失败: %w", err)
	}
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	if err == sql.ErrNoRows {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`); err != nil {
			return 0, err
		}
	} else if err != nil {
		return 0, err
	}
	for i := v; i < len(migrations); i++ {
		text := migrations[i]
		for k, t := range s.d.types() {
			text = strings.ReplaceAll(text, k, t)
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return i, err
		}
		for _, stmt := range strings.Split(text, ";") {
			if strings.TrimSpace(stmt) == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				tx.Rollback()
				return i, fmt.Errorf("数据库迁移 %d 失败: %w", i+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE schema_version SET version = ?`), i+1); err != nil {
			tx.Rollback()
			return i, err
		}
		if err := tx.Commit(); err != nil {
			return i, err
		}
	}
	return len(migrations), nil
}

// SchemaVersion is the number of migrations the code knows.
func SchemaVersion() int { return len(migrations) }
