package store

import (
	"context"
	"database/sql"
)

// Settings are a deployment's local parameters and editable texts (notice templates, local
// legal periods), keyed by name. Reading them needs no scope: they hold no case data.

// Setting returns a setting's value, or "" and false when unset.
func (s *Store) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	return v, err == nil, err
}

// SaveSetting stores a setting (administrators only, audited); "" removes it, restoring the
// default.
func (s *Store) SaveSetting(ctx context.Context, a Actor, sc Scope, key, value string) error {
	if !sc.CanAdmin() {
		return errorf(EFORBIDDEN, "只有系统管理员可以修改参数和模板")
	}
	return s.inTx(ctx, func(t *tx) error { return t.saveSetting(ctx, a, key, value) })
}

func (t *tx) saveSetting(ctx context.Context, a Actor, key, value string) error {
	var old string
	_ = t.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&old)
	if _, err := t.exec(ctx, `DELETE FROM settings WHERE key = ?`, key); err != nil {
		return err
	}
	if value != "" {
		if _, err := t.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?,?,?)`, key, value, t.s.stamp()); err != nil {
			return err
		}
	}
	return t.audit(ctx, a, "setting.save", "setting", key, "", old, value)
}
