package store

import (
	"context"
	"strconv"

	"github.com/fazhi/fazhi/internal/law"
)

// amend writes corrected values over a locked record, keeping the reason with the change.
func (t *tx) amend(ctx context.Context, a Actor, sc Scope, kind *law.Kind, old Record, nv law.Values, reason string) error {
	v, org, err := t.prepare(ctx, sc, kind, nv, &old)
	if err != nil {
		return err
	}
	changed := changedKeys(kind, old.Values, v)
	if len(changed) == 0 {
		return errorf(EINVALID, "没有改动任何内容")
	}
	code, status, opened, closed, category := hot(kind, v)
	if _, err := t.exec(ctx, `UPDATE records SET org_id = ?, code = ?, status = ?, opened_on = ?, closed_on = ?,
		category = ?, attrs = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
		org.ID, code, status, opened, closed, category, jsonText(v), t.s.stamp(), a.Name, old.ID, old.Version); err != nil {
		return err
	}
	before := law.Values{}
	for _, k := range changed {
		before[k] = auditView(kind, old.Values)[k]
	}
	if err := t.event(ctx, a, old.ID, "amend", "更正", old.Status, status,
		map[string]any{"changed": changed, "reason": reason, "before": before}); err != nil {
		return err
	}
	rec := Record{ID: old.ID, Kind: kind.Name, OrgID: org.ID, OrgCode: org.Code, OrgPath: org.Path, Code: code, Status: status, Values: v}
	if err := t.projectClocks(ctx, kind, rec); err != nil {
		return err
	}
	return t.audit(ctx, a, "record.amend", kind.Name, strconv.FormatInt(old.ID, 10), org.Path,
		auditView(kind, old.Values), map[string]any{"values": auditView(kind, v), "reason": reason})
}
