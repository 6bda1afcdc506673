package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"

	"github.com/emmansun/gmsm/sm3"
)

// AuditKey keys the audit chain. It lives in a file beside secret.key, never in the database:
// whoever can write the database but not read that file cannot recompute a rewritten chain
// (issue 9 item 5). Two algorithms: HMAC-SHA-256, and HMAC-SM3 (GB/T 32905-2016, 国密) for
// deployments that pass 商用密码应用安全性评估 (密评).
type AuditKey struct {
	alg   string
	entry []byte // keys the entries' hashes
	sign  []byte // keys the checkpoints' signatures
	fp    string
}

// The algorithms an audit key may name, as written in the key file and in front of every keyed hash.
const (
	AuditHMACSHA256 = "hmac-sha256"
	AuditHMACSM3    = "hmac-sm3"
)

func auditHash(alg string) func() hash.Hash {
	switch alg {
	case AuditHMACSHA256:
		return sha256.New
	case AuditHMACSM3:
		return sm3.New
	}
	return nil
}

// NewAuditKey makes a key of the named algorithm from 32 secret bytes.
func NewAuditKey(alg string, secret []byte) (*AuditKey, error) {
	h := auditHash(alg)
	if h == nil {
		return nil, fmt.Errorf("未知的审计签名算法「%s」：应为 %s 或 %s", alg, AuditHMACSHA256, AuditHMACSM3)
	}
	if len(secret) != 32 {
		return nil, fmt.Errorf("审计密钥必须为32字节")
	}
	derive := func(label string) []byte {
		m := hmac.New(h, secret)
		m.Write([]byte(label))
		return m.Sum(nil)
	}
	return &AuditKey{alg: alg, entry: derive("fazhi-audit-entry"), sign: derive("fazhi-audit-checkpoint"),
		fp: hex.EncodeToString(derive("fazhi-audit-fingerprint")[:8])}, nil
}

// ParseAuditKey reads a key file's text: "ALG BASE64" (a bare BASE64 is HMAC-SHA-256).
func ParseAuditKey(text string) (*AuditKey, error) {
	f := strings.Fields(text)
	alg := AuditHMACSHA256
	switch len(f) {
	case 1:
	case 2:
		alg = f[0]
	default:
		return nil, fmt.Errorf("审计密钥文件应为一行「算法 base64密钥」")
	}
	secret, err := base64.StdEncoding.DecodeString(f[len(f)-1])
	if err != nil || len(secret) != 32 {
		return nil, fmt.Errorf("审计密钥不是32字节的 base64 密钥")
	}
	return NewAuditKey(alg, secret)
}

// FormatAuditKey is the key file's text for alg and secret, the inverse of ParseAuditKey.
func FormatAuditKey(alg string, secret []byte) string {
	return alg + " " + base64.StdEncoding.EncodeToString(secret) + "\n"
}

// Alg names the algorithm.
func (k *AuditKey) Alg() string { return k.alg }

// Fingerprint identifies the key without revealing it (for checkpoints and backups).
func (k *AuditKey) Fingerprint() string { return k.fp }

func (k *AuditKey) mac(key []byte, parts ...string) string {
	m := hmac.New(auditHash(k.alg), key)
	for _, p := range parts {
		fmt.Fprintf(m, "%d:%s\n", len(p), p)
	}
	return k.alg + ":" + hex.EncodeToString(m.Sum(nil))
}

// keyedAlg is the algorithm a keyed hash names ("hmac-sha256:…"), or "" for an unkeyed one
// (bare SHA-256 hex, as every entry was before the chain was keyed).
func keyedAlg(h string) string {
	if i := strings.IndexByte(h, ':'); i > 0 {
		return h[:i]
	}
	return ""
}

// KeyFingerprint identifies a 32-byte encryption key (secret.key) without revealing it: a backup
// records it, and a restore compares it with the key in place (issue 9 item 7).
func KeyFingerprint(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("fazhi-key-fingerprint"))
	return hex.EncodeToString(m.Sum(nil)[:8])
}
