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
	before := law.Values{}
	for _, k := range changed {
		before[k] = auditView(kind, old.Values)[k]
	}
	if err := t.rewrite(ctx, a, kind, old, org, v, "amend", "更正",
		map[string]any{"changed": changed, "reason": reason, "before": before}); err != nil {
		return err
	}
	return t.audit(ctx, a, "record.amend", kind.Name, strconv.FormatInt(old.ID, 10), org.Path,
		auditView(kind, old.Values), map[string]any{"values": auditView(kind, v), "reason": reason})
}
