package store

import (
	"bytes"
	"context"
	"crypto/hmac"
	"encoding/json"
	"fmt"
	"strconv"
)

// Checkpoint is a signed head of the audit chain (sequence, hash, time) that an auditor keeps
// outside the server. The chain keyed alone cannot show that its tail was deleted (the rows
// and audit_head rolled back together) or that someone holding the key rebuilt it; compared
// with a checkpoint it can: the entry at Seq must still exist and still have Hash, and since
// every hash covers the one before, that proves every entry up to Seq unchanged.
type Checkpoint struct {
	Format string `json:"format"`
	Seq    int64  `json:"seq"`
	Hash   string `json:"hash"`
	At     string `json:"at"`  // when it was cut (UTC)
	Alg    string `json:"alg"` // the audit key's algorithm
	Key    string `json:"key"` // the audit key's fingerprint
	Sig    string `json:"sig"`
}

const checkpointFormat = "fazhi-audit-checkpoint-v1"

func (k *AuditKey) signCheckpoint(c Checkpoint) string {
	return k.mac(k.sign, c.Format, strconv.FormatInt(c.Seq, 10), c.Hash, c.At, c.Alg, c.Key)
}

// AuditCheckpoint verifies the chain, appends an entry recording that a checkpoint was cut, and
// returns the checkpoint of the head that entry makes.
func (s *Store) AuditCheckpoint(ctx context.Context, a Actor) (Checkpoint, error) {
	k := s.auditKey
	if k == nil {
		return Checkpoint{}, errorf(EINVALID, "签发检查点需要审计密钥（audit.key）")
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		return Checkpoint{}, fmt.Errorf("审计链校验未通过，不签发检查点：%w", err)
	}
	c := Checkpoint{Format: checkpointFormat, Alg: k.alg, Key: k.fp}
	err := s.inTx(ctx, func(t *tx) error {
		if err := t.audit(ctx, a, ActionAuditCheckpoint, "", "", "", nil, map[string]any{"key": k.fp}); err != nil {
			return err
		}
		return t.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&c.Seq, &c.Hash)
	})
	if err != nil {
		return Checkpoint{}, err
	}
	c.At = s.stamp()
	c.Sig = k.signCheckpoint(c)
	return c, nil
}

// ParseCheckpoint reads a checkpoint file.
func ParseCheckpoint(b []byte) (Checkpoint, error) {
	var c Checkpoint
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil || c.Format != checkpointFormat {
		return Checkpoint{}, errorf(EINVALID, "不是审计检查点文件（应为 fazhi audit checkpoint 的输出）")
	}
	return c, nil
}

// VerifyAuditCheckpoint verifies the chain and that it still holds the checkpoint's head.
func (s *Store) VerifyAuditCheckpoint(ctx context.Context, c Checkpoint) (ChainReport, error) {
	k := s.auditKey
	switch {
	case k == nil:
		return ChainReport{}, errorf(EINVALID, "核对检查点需要审计密钥（audit.key）")
	case c.Key != k.fp || c.Alg != k.alg:
		return ChainReport{}, fmt.Errorf("检查点由另一把审计密钥签发（%s，指纹 %s），本部署的审计密钥为 %s，指纹 %s",
			c.Alg, c.Key, k.alg, k.fp)
	case !hmac.Equal([]byte(k.signCheckpoint(c)), []byte(c.Sig)):
		return ChainReport{}, fmt.Errorf("检查点的签名无效：检查点文件被改动过")
	}
	r, err := s.VerifyAuditChain(ctx)
	if err != nil {
		return r, err
	}
	if r.Entries < c.Seq {
		return r, fmt.Errorf("审计链被截断：检查点（%s 签发）记录到第%d条，现在只有%d条", c.At, c.Seq, r.Entries)
	}
	var hash string
	if err := s.queryRow(ctx, `SELECT hash FROM audit WHERE seq = ?`, c.Seq).Scan(&hash); err != nil {
		return r, err
	}
	if hash != c.Hash {
		return r, fmt.Errorf("审计链断裂：第%d条与检查点（%s 签发）不符——此前的记录被改写，或整条链被重建", c.Seq, c.At)
	}
	return r, nil
}
