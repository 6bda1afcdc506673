package store

import (
	"context"
	"fmt"
)

// appendAudits appends entries (made by auditEntry) as one stretch of the chain, in order: the
// head is taken once (the same row lock or write lock a single entry takes), each entry's seq,
// prev_hash and hash are computed here exactly as appendAudit computes them, the entries go in
// multi-row INSERTs and the head is set once. The chain stays one unbroken chain in the
// caller's transaction. sealing says the (one) entry is the seal that closes an unkeyed chain:
// an unsealed unkeyed tail refuses anything else (checkAuditTail). A single write's entry is
// a stretch of one (appendAudit).
func (t *tx) appendAudits(ctx context.Context, a Actor, entries []AuditEntry, sealing bool) error {
	if len(entries) == 0 {
		return nil
	}
	if err := a.valid(); err != nil {
		return err
	}
	var last int64
	var prev string
	if err := t.queryRow(ctx, `UPDATE audit_head SET seq = seq + ? WHERE id = 1 RETURNING seq, hash`, len(entries)).
		Scan(&last, &prev); err != nil {
		return fmt.Errorf("审计链写入失败: %w", err)
	}
	first := last - int64(len(entries)) + 1
	if err := t.s.checkAuditTail(first, prev, sealing); err != nil {
		return err
	}
	rows := make([][]any, len(entries))
	for i := range entries {
		e := &entries[i]
		e.Seq, e.PrevHash = first+int64(i), prev
		e.Hash = t.s.entryHash(*e)
		prev = e.Hash
		rows[i] = auditRow(*e)
	}
	if err := t.insertRows(ctx, "audit", columnList(auditColumns), rows, "", nil); err != nil {
		return fmt.Errorf("审计记录写入失败: %w", err)
	}
	_, err := t.exec(ctx, `UPDATE audit_head SET hash = ? WHERE id = 1`, prev)
	return err
}
