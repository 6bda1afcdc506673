package store

import (
	"context"
	"crypto/hmac"
	"fmt"
)

// The chain's own entries: the seal that closes an unkeyed chain, and a checkpoint cut.
const (
	ActionAuditSeal       = "audit.seal"
	ActionAuditCheckpoint = "audit.checkpoint"
)

// ChainReport is what a walk of the audit chain found intact.
type ChainReport struct {
	Entries int64 // entries verified
	Legacy  int64 // of them, unkeyed ones from before the chain was keyed (closed by a seal)
}

// VerifyAudit walks the whole chain. It returns the number of entries, or an error naming the
// first entry whose hash, link or sequence is broken.
func (s *Store) VerifyAudit(ctx context.Context) (int64, error) {
	r, err := s.VerifyAuditChain(ctx)
	return r.Entries, err
}

// VerifyAuditChain is VerifyAudit with the count of unkeyed entries. With an audit key, every
// entry must carry its keyed hash, except an unkeyed prefix (a chain written before the key)
// closed by a keyed seal entry: rewriting that prefix changes the hash the seal covers.
func (s *Store) VerifyAuditChain(ctx context.Context) (ChainReport, error) {
	var r ChainReport
	rows, err := s.query(ctx, `SELECT `+auditColumns+` FROM audit ORDER BY seq`)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	prev := ""
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return r, err
		}
		if err := s.checkEntry(e, r, prev); err != nil {
			return r, err
		}
		if keyedAlg(e.Hash) == "" {
			r.Legacy++
		}
		prev = e.Hash
		r.Entries++
	}
	if err := rows.Err(); err != nil {
		return r, err
	}
	if s.auditKey != nil && r.Legacy > 0 && r.Legacy == r.Entries {
		return r, fmt.Errorf("审计链的%d条记录都没有审计密钥签名：旧版本留下的链尚未封存（核对后运行 fazhi audit seal），"+
			"或整条链已被替换为无密钥的链", r.Entries)
	}
	var headSeq int64
	var headHash string
	if err := s.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return r, err
	}
	if headSeq != r.Entries || headHash != prev {
		return r, fmt.Errorf("审计链断裂：链尾记录缺失（应有%d条，实有%d条）", headSeq, r.Entries)
	}
	return r, nil
}

// checkEntry checks one entry against the walk so far (r) and the previous entry's hash.
func (s *Store) checkEntry(e AuditEntry, r ChainReport, prev string) error {
	n := r.Entries
	switch {
	case e.Seq != n+1:
		return fmt.Errorf("审计链断裂：第%d条之后缺少记录（下一条序号为%d）", n, e.Seq)
	case e.PrevHash != prev:
		return fmt.Errorf("审计链断裂：第%d条的前序哈希与第%d条不符", e.Seq, n)
	}
	changed := fmt.Errorf("审计链断裂：第%d条（%s %s %s）的内容已被改动", e.Seq, e.At, e.Actor, e.Action)
	alg := keyedAlg(e.Hash)
	if alg == "" {
		if r.Legacy < n {
			return fmt.Errorf("审计链断裂：第%d条没有审计密钥签名，而此前的记录已签名（链被改写）", e.Seq)
		}
		if legacyHash(e) != e.Hash {
			return changed
		}
		return nil
	}
	k := s.auditKey
	switch {
	case k == nil:
		return fmt.Errorf("第%d条以审计密钥（%s）签名，校验需要审计密钥文件 audit.key", e.Seq, alg)
	case alg != k.alg:
		return fmt.Errorf("审计链断裂：第%d条的签名算法为 %s，本部署的审计密钥为 %s", e.Seq, alg, k.alg)
	case r.Legacy == n && n > 0 && e.Action != ActionAuditSeal:
		return fmt.Errorf("审计链断裂：第%d条是第一条签名记录，却不是封存旧链的记录（%s）：旧链未经封存即被接续", e.Seq, ActionAuditSeal)
	case !hmac.Equal([]byte(k.mac(k.entry, entryFields(e)...)), []byte(e.Hash)):
		return fmt.Errorf("%w，或它的签名不是用本部署的审计密钥（指纹 %s）生成的", changed, k.fp)
	}
	return nil
}

// SealAudit closes an unkeyed chain (written before the chain was keyed) with a keyed entry
// that covers its last hash, so that its entries keep verifying and none of them can be
// rewritten unnoticed. It returns how many unkeyed entries it sealed.
func (s *Store) SealAudit(ctx context.Context, a Actor) (int64, error) {
	k := s.auditKey
	if k == nil {
		return 0, errorf(EINVALID, "封存审计链需要审计密钥（audit.key）")
	}
	var legacy int64
	err := s.inTx(ctx, func(t *tx) error {
		var hash string
		if err := t.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&legacy, &hash); err != nil {
			return err
		}
		switch {
		case legacy == 0:
			return errorf(ECONFLICT, "审计链为空，无需封存")
		case keyedAlg(hash) != "":
			return errorf(ECONFLICT, "审计链尾部已有审计密钥签名，无需封存")
		}
		return t.appendAudit(ctx, a, ActionAuditSeal, "", "", "", nil,
			map[string]any{"legacy": legacy, "legacy_head": hash, "alg": k.alg, "key": k.fp}, true)
	})
	return legacy, err
}

// sealIfLegacy seals an unkeyed chain (SealAudit), if the chain is one: for the first open
// under a newly made audit key, and after restoring an older version's backup.
func (s *Store) sealIfLegacy(ctx context.Context, a Actor) (int64, error) {
	var seq int64
	var hash string
	if err := s.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash); err != nil {
		return 0, err
	}
	if seq == 0 || keyedAlg(hash) != "" {
		return 0, nil
	}
	return s.SealAudit(ctx, a)
}
