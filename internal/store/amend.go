package store

import (
	"context"
	"strconv"

	"github.com/fazhi/fazhi/internal/law"
)

// amend writes corrected values over a locked record, keeping the reason with the change.
func (t *tx) amend(ctx context.Context, a Actor, sc Scope, kind *law.Kind, old Record, nv law.Values, reason string) error {
	v, keys, org, err := t.prepare(ctx, sc, kind, nv, &old)
	if err != nil {
		return err
	}
	oldKeys := t.s.keyedHashes(kind, old.Values)
	changed := changedKeys(kind, old.Values, oldKeys, v, keys)
	if len(changed) == 0 {
		return errorf(EINVALID, "没有改动任何内容")
	}
	oldView := auditView(kind, old.Values, oldKeys)
	before := law.Values{}
	for _, k := range changed {
		before[k] = oldView[k]
	}
	if err := t.rewrite(ctx, a, kind, old, org, v, keys, "amend", "更正",
		map[string]any{"changed": changed, "reason": reason, "before": before}); err != nil {
		return err
	}
	return t.audit(ctx, a, "record.amend", kind.Name, strconv.FormatInt(old.ID, 10), org.Path,
		oldView, map[string]any{"values": auditView(kind, v, keys), "reason": reason})
}
