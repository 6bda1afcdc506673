package store

import (
	"context"
	"strconv"
)

// 承办人: every case has one user who handles it. The clerk who registers a case is its first
// 承办人; a case can be assigned (or reassigned) to any enabled account whose own scope can
// read it, by someone who may write the kind — a step on the case's timeline, audited like
// every change. 我的待办 (MyRecords) lists an account's open cases.

// Assign makes u the 承办人 of record id (version as read), or clears it with nil. The new
// 承办人 must be an enabled account that can read the record: theirs is its scope, which the
// caller derives from its role (auth.ScopeFor), as a login would.
func (s *Store) Assign(ctx context.Context, a Actor, sc Scope, id int64, version int, u *User, theirs Scope) (Record, error) {
	var out Record
	username := ""
	if u != nil {
		username = u.Username
	}
	err := s.inTx(ctx, func(t *tx) error {
		old, kind, err := t.lockRecord(ctx, a, sc, id, version)
		if err != nil {
			return err
		}
		if u != nil {
			if u.Disabled {
				return fieldError("assignee", "账号「%s」已停用，不能承办", username)
			}
			if !theirs.CanRead(kind.Name) || !theirs.coversPath(old.OrgPath) {
				return fieldError("assignee", "账号「%s」无权查看这件%s，不能承办", username, kind.Label)
			}
		}
		if username == old.Assignee {
			out = old
			return nil
		}
		if _, err := t.exec(ctx, `UPDATE records SET assignee = ?, version = version + 1, updated_at = ?, updated_by = ?
			WHERE id = ? AND version = ?`, username, t.s.stamp(), a.Name, id, old.Version); err != nil {
			return err
		}
		label := "指定承办人"
		if old.Assignee != "" {
			label = "更换承办人"
		}
		data := map[string]any{"from": old.Assignee, "to": username}
		if err := t.event(ctx, a, id, "assign", label, old.Status, old.Status, data); err != nil {
			return err
		}
		out = old
		out.Assignee, out.Version = username, old.Version+1
		return t.audit(ctx, a, "record.assign", kind.Name, strconv.FormatInt(id, 10), old.OrgPath,
			map[string]any{"assignee": old.Assignee}, map[string]any{"assignee": username})
	})
	return out, err
}
