package store

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// addedColumns are the columns later migrations added, with the value a backup made before
// them restores as (the migration's default), so that an older backup still restores.
var addedColumns = map[string]any{"data_scope": "subtree", "scope_orgs": "", "assignee": "", "provisional_on": nil, "founded_on": ""}

// notBackedUp are the tables a backup leaves out on purpose, with the reason. Every other table
// of the schema must be in tables (a test compares both with the live schema, on each engine).
var notBackedUp = map[string]string{
	"schema_version":    "the restoring database has its own, from its own migrations",
	"sessions":          "a restore signs everyone out; a copied login would outlive its password",
	"login_failures":    "lockout counters are transient: a restore starts them afresh",
	"tallies":           "counts derived from the records: a restore counts them afresh (tally.go)",
	"holder_spans":      "derived from the certificate events and officers: a restore computes them afresh (holder_spans.go)",
	"certificate_flags": "derived from the certificate events and officers, as the spans are (holder_spans.go)",
	"officer_exits":     "derived from the certificate events and officers, as the spans are (holder_spans.go)",
	"tally_measures":    "which counts the tallies keep: the restoring binary's own, set at its start (UseTallies)",
	"access_requests":   "a pending request holds half a one-time password sealed with the key; after a restore it is filed again (decided ones are in the audit trail)",
}

// tables in the order a restore must insert them (parents first), with their JSON columns.
var tables = []struct {
	name string
	cols []string
	json map[string]bool
	seq  bool // has a generated id whose sequence must follow the restored rows
}{
	{"orgs", []string{"id", "code", "name", "type", "parent_id", "path", "credit_code", "version", "created_at", "updated_at", "founded_on"}, nil, true},
	{"users", []string{"id", "username", "display_name", "password_hash", "role", "org_id", "kinds", "failed_logins", "locked_until", "must_change_password", "disabled", "version", "created_at", "updated_at", "data_scope", "scope_orgs"}, nil, true},
	{"records", []string{"id", "kind", "org_id", "code", "status", "opened_on", "closed_on", "category", "attrs", "version", "created_at", "created_by", "updated_at", "updated_by", "assignee"}, map[string]bool{"attrs": true}, true},
	{"events", []string{"id", "record_id", "at", "action", "label", "from_status", "to_status", "actor", "data"}, map[string]bool{"data": true}, true},
	{"clocks", []string{"id", "record_id", "kind", "rule", "start_on", "due_on", "stopped_on", "state", "problem", "provisional_on"}, nil, true},
	{"record_keys", []string{"record_id", "field", "mac"}, nil, false},
	{"public_comments", []string{"id", "record_id", "submitted_at", "name", "contact", "body", "disposition", "reason", "disposed_by", "disposed_at"}, nil, true},
	{"comment_feedback", []string{"record_id", "published_at", "published_by"}, nil, false},
	{"attachments", []string{"id", "record_id", "name", "content_type", "size", "sha256", "data", "created_at", "created_by"}, nil, true},
	{"audit", []string{"seq", "at", "actor", "action", "kind", "target", "org_path", "before_data", "after_data", "request_id", "client_addr", "prev_hash", "hash"}, nil, false},
	{"audit_head", []string{"id", "seq", "hash"}, nil, false},
	{"calendar_days", []string{"day", "day_kind", "name", "updated_at"}, nil, false},
	{"calendar_years", []string{"year", "updated_at"}, nil, false},
	{"settings", []string{"key", "value", "updated_at"}, nil, false},
	{"report_texts", []string{"org_id", "year", "block", "body", "updated_at", "updated_by"}, nil, false},
	{"report_outlines", []string{"org_id", "outline", "updated_at", "updated_by"}, nil, false},
	{"published_reports", []string{"id", "org_id", "year", "version", "title", "period_from", "period_to", "published_at",
		"published_by", "html", "markdown", "figures", "accepted", "sha256"}, nil, true},
}

// dumpLine is one line of a portable dump: a table's row as column → value.
type dumpLine struct {
	Table string         `json:"t"`
	Row   map[string]any `json:"r,omitempty"`
	// The first line names the format, schema version and the keys' fingerprints instead.
	Format string `json:"format,omitempty"`
	Schema int    `json:"schema,omitempty"`
	backupKeys
}

const dumpFormat = "fazhi-dump-v1"

// Backup writes a consistent copy of the whole database to path while the application runs.
// SQLite: VACUUM INTO, a single ordinary database file. PostgreSQL: a portable gzip'd JSON-lines
// dump taken in one repeatable-read snapshot, restorable into either engine.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("备份文件 %s 已存在，不会覆盖", path)
	}
	if s.d.name() == "sqlite" {
		if err := createPrivate(path); err != nil { // VACUUM INTO fills an empty file, keeping its mode
			return err
		}
		if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
			return err
		}
		return writeCopyKeys(ctx, path, s.keys())
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(f)
	err = s.dump(ctx, zw)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

func (s *Store) dump(ctx context.Context, w io.Writer) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	if err := enc.Encode(dumpLine{Format: dumpFormat, Schema: s.version, backupKeys: s.keys()}); err != nil {
		return err
	}
	for _, t := range tables {
		if err := eachRow(ctx, tx, s.d, t.name, t.cols, t.json, func(row map[string]any) error {
			return enc.Encode(dumpLine{Table: t.name, Row: row})
		}); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// eachRow streams a table's rows as column → value, JSON columns as text and bytes as base64.
func eachRow(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, d dialect, table string, cols []string, jsonCols map[string]bool, fn func(map[string]any) error) error {
	sel := make([]string, len(cols))
	for i, c := range cols {
		sel[i] = c
		if jsonCols[c] {
			sel[i] = "CAST(" + c + " AS TEXT)"
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(sel, ", ")+` FROM `+table+` ORDER BY 1`)
	if err != nil {
		return fmt.Errorf("读取 %s 失败: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row := make(map[string]any, len(cols))
		for i, c := range cols {
			if b, ok := vals[i].([]byte); ok && c != "data" {
				vals[i] = string(b) // text returned as bytes by the driver
			}
			row[c] = vals[i]
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Restore loads a backup (either format) into this database, which must be empty, in one
// transaction; on any error nothing is restored. A backup made under other keys is refused.
func (s *Store) Restore(ctx context.Context, path string) (int, error) {
	res, err := s.RestoreWith(ctx, path, RestoreOptions{})
	return res.Rows, err
}

// RestoreWith is Restore with options. After it, an older version's unkeyed audit chain is
// sealed under this deployment's audit key (the operator vouches for the file).
func (s *Store) RestoreWith(ctx context.Context, path string, opt RestoreOptions) (RestoreResult, error) {
	var res RestoreResult
	if err := s.mustBeEmpty(ctx); err != nil {
		return res, err
	}
	head := make([]byte, 16)
	f, err := os.Open(path)
	if err != nil {
		return res, err
	}
	defer f.Close()
	if _, err := io.ReadFull(f, head); err != nil {
		return res, fmt.Errorf("备份文件 %s 太短或无法读取", path)
	}
	var recorded bool // the backup names its keys' fingerprints
	err = s.inTx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `DELETE FROM audit_head`); err != nil {
			return err
		}
		put := func(table string, row map[string]any) error {
			res.Rows++
			if table == "records" {
				s.probeSealed(row, &res)
			}
			return t.restoreRow(ctx, table, row)
		}
		if bytes.HasPrefix(head, []byte("SQLite format 3")) {
			src, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
			if err != nil {
				return err
			}
			defer src.Close()
			var k backupKeys
			if k, recorded, err = readCopyKeys(ctx, src); err != nil {
				return err
			}
			if err := s.checkKeys(k, recorded, opt, &res); err != nil {
				return err
			}
			for _, tb := range tables {
				cols, err := sqliteColumns(ctx, src, tb.name, tb.cols)
				if err != nil {
					return err
				}
				if len(cols) == 0 {
					continue // a table the backup's version did not have yet
				}
				if err := eachRow(ctx, src, sqliteDialect{}, tb.name, cols, tb.json, func(r map[string]any) error {
					return put(tb.name, r)
				}); err != nil {
					return err
				}
			}
		} else {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return err
			}
			zr, err := gzip.NewReader(f)
			if err != nil {
				return fmt.Errorf("无法识别的备份文件格式: %w", err)
			}
			dec := json.NewDecoder(zr)
			dec.UseNumber()
			var first dumpLine
			if err := dec.Decode(&first); err != nil || first.Format != dumpFormat {
				return fmt.Errorf("无法识别的备份文件格式")
			}
			if first.Schema > SchemaVersion() {
				return fmt.Errorf("备份来自更新版本的 fazhi（结构版本 %d），请先升级", first.Schema)
			}
			recorded = first.Key != ""
			if err := s.checkKeys(first.backupKeys, recorded, opt, &res); err != nil {
				return err
			}
			for {
				var l dumpLine
				if err := dec.Decode(&l); err == io.EOF {
					break
				} else if err != nil {
					return fmt.Errorf("备份文件损坏: %w", err)
				}
				if err := put(l.Table, l.Row); err != nil {
					return err
				}
			}
		}
		if err := refuseUnreadable(recorded, opt, res); err != nil {
			return err
		}
		// A backup made before record_keys carries the hashes inside the records' attributes.
		if _, err := t.moveKeyedHashes(ctx); err != nil {
			return err
		}
		if err := t.resetSequences(ctx); err != nil {
			return err
		}
		// The restored records went in as rows, not writes: the kept counts and the certificate
		// spans and flags are made afresh.
		if err := t.respan(ctx, nil); err != nil {
			return err
		}
		return t.recountTallies(ctx, nil)
	})
	if err != nil {
		return res, err
	}
	if err := s.loadCalendar(ctx); err != nil {
		return res, err
	}
	if s.auditKey != nil {
		res.SealedLegacy, err = s.sealIfLegacy(ctx, Actor{Name: "system:restore", RequestID: "restore"})
	}
	return res, err
}

// sqliteColumns is cols less those a SQLite backup's table lacks (it was made before the
// migration that added them).
func sqliteColumns(ctx context.Context, src *sql.DB, table string, cols []string) ([]string, error) {
	rows, err := src.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	has := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		has[name] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	for _, c := range cols {
		if has[c] {
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *Store) mustBeEmpty(ctx context.Context) error {
	for _, t := range []string{"orgs", "users", "records", "audit"} {
		var n int
		if err := s.queryRow(ctx, `SELECT COUNT(*) FROM `+t).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errorf(ECONFLICT, "目标数据库不是空的（%s 表有 %d 行），恢复只能写入空数据库", t, n)
		}
	}
	return nil
}

func (t *tx) restoreRow(ctx context.Context, table string, row map[string]any) error {
	for _, tb := range tables {
		if tb.name != table {
			continue
		}
		args := make([]any, len(tb.cols))
		for i, c := range tb.cols {
			v, ok := row[c]
			if def, added := addedColumns[c]; added && !ok {
				v = def
			}
			if n, ok := v.(json.Number); ok {
				v, _ = n.Int64()
			}
			if c == "data" && table == "attachments" {
				if s, ok := v.(string); ok { // JSON carries bytes as base64
					var b []byte
					_ = json.Unmarshal([]byte(`"`+s+`"`), &b)
					v = b
				}
			}
			args[i] = v
		}
		_, err := t.exec(ctx, `INSERT INTO `+table+` (`+strings.Join(tb.cols, ", ")+`) VALUES (`+placeholders(len(tb.cols))+`)`, args...)
		if err != nil {
			return fmt.Errorf("恢复 %s 失败: %w", table, err)
		}
		return nil
	}
	return fmt.Errorf("备份中有未知的表 %s", table)
}

// resetSequences moves PostgreSQL's id sequences past the restored ids.
func (t *tx) resetSequences(ctx context.Context) error {
	if t.s.d.name() != "postgres" {
		return nil
	}
	for _, tb := range tables {
		if !tb.seq {
			continue
		}
		if _, err := t.exec(ctx, `SELECT setval(pg_get_serial_sequence('`+tb.name+`', 'id'),
			COALESCE((SELECT MAX(id) FROM `+tb.name+`), 0) + 1, false)`); err != nil {
			return err
		}
	}
	return nil
}

// Wipe empties the database — every record, account and the audit trail — for `fazhi demo
// --reset`. It is the one operation that does not append to the audit trail, because it
// removes the trail too; it is offered only at the shell.
func (s *Store) Wipe(ctx context.Context) error {
	err := s.inTx(ctx, func(t *tx) error {
		for _, tb := range []string{"sessions", "login_failures", "access_requests", "attachments", "clocks", "events", "record_keys", "records", "users", "audit",
			"calendar_days", "calendar_years", "settings", "report_texts", "report_outlines", "published_reports", "tallies", "holder_spans", "certificate_flags", "officer_exits"} {
			if _, err := t.exec(ctx, `DELETE FROM `+tb); err != nil {
				return err
			}
		}
		// Children before parents in the tree.
		if _, err := t.exec(ctx, `UPDATE orgs SET parent_id = NULL`); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `DELETE FROM orgs`); err != nil {
			return err
		}
		_, err := t.exec(ctx, `UPDATE audit_head SET seq = 0, hash = '' WHERE id = 1`)
		return err
	})
	if err != nil {
		return err
	}
	return s.loadCalendar(ctx)
}
