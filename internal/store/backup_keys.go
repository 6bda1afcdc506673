package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// backupKeys are the fingerprints of the keys a backup's data was sealed and signed with
// (issue 9 item 7): restored under another secret.key every 身份证号 and phone stays
// 「（无法解密）」, under another audit.key the chain no longer verifies.
type backupKeys struct {
	Key      string `json:"key,omitempty"`       // secret.key
	AuditKey string `json:"audit_key,omitempty"` // audit.key; empty for an unkeyed chain
}

// KeyFingerprints identify this store's secret.key and audit.key ("" without one).
func (s *Store) KeyFingerprints() (key, audit string) {
	k := s.keys()
	return k.Key, k.AuditKey
}

func (s *Store) keys() backupKeys {
	k := backupKeys{Key: s.keyFP}
	if s.auditKey != nil {
		k.AuditKey = s.auditKey.fp
	}
	return k
}

// backupMetaTable holds the fingerprints inside a SQLite backup (the copy's one table the live
// schema lacks); a portable dump carries them on its first line.
const backupMetaTable = "backup_meta"

func writeCopyKeys(ctx context.Context, path string, k backupKeys) error {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE TABLE `+backupMetaTable+` (name TEXT PRIMARY KEY, value TEXT NOT NULL)`); err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `INSERT INTO `+backupMetaTable+` (name, value) VALUES ('key', ?), ('audit_key', ?)`, k.Key, k.AuditKey)
	return err
}

// readCopyKeys reads a SQLite backup's fingerprints; recorded is false for a backup made before
// they were recorded.
func readCopyKeys(ctx context.Context, src *sql.DB) (k backupKeys, recorded bool, err error) {
	rows, err := src.QueryContext(ctx, `SELECT name, value FROM `+backupMetaTable)
	if err != nil {
		return k, false, nil // no such table: an older backup
	}
	defer rows.Close()
	for rows.Next() {
		var name, value string
		if err := rows.Scan(&name, &value); err != nil {
			return k, false, err
		}
		switch name {
		case "key":
			k.Key, recorded = value, true
		case "audit_key":
			k.AuditKey = value
		}
	}
	return k, recorded, rows.Err()
}

// RestoreOptions change what Restore accepts.
type RestoreOptions struct {
	// WithoutKey restores a backup made under other keys: its sealed values stay unreadable and
	// its keyed audit chain unverifiable here, and RestoreResult says how much.
	WithoutKey bool
}

// RestoreResult is what a restore wrote and what of it this deployment cannot read.
type RestoreResult struct {
	Rows int
	// Unreadable counts sealed values this deployment's secret.key cannot open, by
	// 类别「字段」, in UnreadableRecords records.
	Unreadable        map[string]int
	UnreadableRecords int
	// OtherKey: the backup names another secret.key; AuditOtherKey: its chain was signed with
	// another audit.key.
	OtherKey, AuditOtherKey bool
	// SealedLegacy is the number of unkeyed entries (an older version's chain) sealed under
	// this deployment's audit key after the restore.
	SealedLegacy int64
}

// UnreadableSummary lists the unreadable values: 调解「当事人电话」 12 个、…
func (r RestoreResult) UnreadableSummary() string {
	var parts []string
	for f, n := range r.Unreadable {
		parts = append(parts, fmt.Sprintf("%s %d 个", f, n))
	}
	sort.Strings(parts)
	return strings.Join(parts, "、")
}

// checkKeys refuses a backup made under other keys, unless told WithoutKey.
func (s *Store) checkKeys(k backupKeys, recorded bool, opt RestoreOptions, res *RestoreResult) error {
	mine := s.keys()
	res.OtherKey = recorded && k.Key != mine.Key
	res.AuditOtherKey = mine.AuditKey != "" && k.AuditKey != "" && k.AuditKey != mine.AuditKey
	if opt.WithoutKey || !recorded {
		return nil
	}
	if res.OtherKey {
		return errorf(ECONFLICT, "备份所用的加密密钥（指纹 %s）与本部署的 secret.key（指纹 %s）不同：恢复后所有身份证号和电话号码都将显示为「（无法解密）」，"+
			"按号码也查不到记录。请把原部署的 secret.key 放到本部署（--key-file 或 FAZHI_KEY_FILE）后再恢复；确要不带原密钥恢复，请加 --without-key", k.Key, mine.Key)
	}
	if res.AuditOtherKey {
		return errorf(ECONFLICT, "备份的审计链以另一把审计密钥签名（指纹 %s），本部署的 audit.key 指纹为 %s：恢复后审计链将无法校验。"+
			"请把原部署的 audit.key 放到本部署（--audit-key-file 或 FAZHI_AUDIT_KEY_FILE）后再恢复；确要如此恢复，请加 --without-key", k.AuditKey, mine.AuditKey)
	}
	return nil
}

// probeSealed counts the sealed values of a restored record that this deployment's key
// cannot open.
func (s *Store) probeSealed(row map[string]any, res *RestoreResult) {
	kind, ok := law.Lookup(fmt.Sprint(row["kind"]))
	text, _ := row["attrs"].(string)
	if !ok || text == "" {
		return
	}
	var attrs map[string]any
	if json.Unmarshal([]byte(text), &attrs) != nil {
		return
	}
	bad := false
	for _, f := range kind.Fields {
		sealed, _ := attrs[f.Key].(string)
		if !protected(f) || sealed == "" {
			continue
		}
		if _, err := s.crypt.open(sealed); err != nil {
			if res.Unreadable == nil {
				res.Unreadable = map[string]int{}
			}
			res.Unreadable[kind.Label+"「"+f.Label+"」"]++
			bad = true
		}
	}
	if bad {
		res.UnreadableRecords++
	}
}

// refuseUnreadable refuses a backup that recorded no fingerprint (made by an older version)
// whose sealed values this key cannot open: the same refusal, found by trying.
func refuseUnreadable(recorded bool, opt RestoreOptions, res RestoreResult) error {
	if recorded || opt.WithoutKey || res.UnreadableRecords == 0 {
		return nil
	}
	return errorf(ECONFLICT, "备份中 %d 条记录的加密字段（%s）无法用本部署的 secret.key 解密：备份多半来自另一部署，需要它的密钥。"+
		"请把原部署的 secret.key 放到本部署后再恢复；确要不带原密钥恢复，请加 --without-key", res.UnreadableRecords, res.UnreadableSummary())
}
