package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// AuditEntry is one line of the audit trail.
type AuditEntry struct {
	Seq        int64  `json:"seq"`
	At         string `json:"at"`
	Actor      string `json:"actor"`
	Action     string `json:"action"`
	Kind       string `json:"kind"`
	Target     string `json:"target"`
	OrgPath    string `json:"-"`
	Before     string `json:"before"`
	After      string `json:"after"`
	RequestID  string `json:"request_id"`
	ClientAddr string `json:"client_addr"`
	PrevHash   string `json:"prev_hash"`
	Hash       string `json:"hash"`
}

// entryFields are what an entry's hash covers: every field and the previous entry's hash, so
// that changing, removing or reordering any entry breaks every hash after it.
func entryFields(e AuditEntry) []string {
	return []string{e.PrevHash, strconv.FormatInt(e.Seq, 10), e.At, e.Actor, e.Action, e.Kind,
		e.Target, e.OrgPath, e.Before, e.After, e.RequestID, e.ClientAddr}
}

// legacyHash is the unkeyed SHA-256 of the entries written before the chain was keyed. Anyone
// who can write the database can recompute it, which is why new entries are keyed.
func legacyHash(e AuditEntry) string {
	h := sha256.New()
	for _, f := range entryFields(e) {
		fmt.Fprintf(h, "%d:%s\n", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// entryHash is the hash a new entry gets: keyed with the audit key when the store has one.
func (s *Store) entryHash(e AuditEntry) string {
	if s.auditKey == nil {
		return legacyHash(e)
	}
	return s.auditKey.mac(s.auditKey.entry, entryFields(e)...)
}

// audit appends an entry inside the caller's transaction. The UPDATE of audit_head takes a row
// lock (PostgreSQL) or the write lock (SQLite), so concurrent writers chain one after another.
func (t *tx) audit(ctx context.Context, a Actor, action, kind, target, orgPath string, before, after any) error {
	return t.appendAudit(ctx, a, action, kind, target, orgPath, before, after, false)
}

// appendAudit is audit; sealing says the entry is the seal that closes an unkeyed chain (the
// one entry allowed to follow an unkeyed one once the store has a key).
func (t *tx) appendAudit(ctx context.Context, a Actor, action, kind, target, orgPath string, before, after any, sealing bool) error {
	e := t.auditEntry(a, action, kind, target, orgPath, before, after)
	if t.deferAudit && !sealing {
		if err := a.valid(); err != nil {
			return err
		}
		t.pendingAudit = append(t.pendingAudit, e) // chained when the batch commits (commit.go)
		return nil
	}
	return t.appendAudits(ctx, a, []AuditEntry{e}, sealing)
}

// checkAuditTail refuses to chain entry seq onto prevHash when that would break the chain: an
// unkeyed entry after keyed ones, or a keyed one onto an unsealed unkeyed tail (only the seal
// itself may follow one).
func (s *Store) checkAuditTail(seq int64, prevHash string, sealing bool) error {
	keyedTail := keyedAlg(prevHash) != ""
	switch {
	case s.auditKey == nil && keyedTail:
		// An unkeyed entry after keyed ones would break the chain for good.
		return errorf(ECONFLICT, "审计链已用审计密钥签名，但本次未提供审计密钥（audit.key），拒绝写入")
	case s.auditKey != nil && prevHash != "" && !keyedTail && !sealing:
		return errorf(ECONFLICT, "审计链尾部的第%d条未以审计密钥签名：旧版本留下的链尚未封存，或链已被改写。"+
			"请先运行 fazhi audit verify 核对，再运行 fazhi audit seal 封存", seq-1)
	}
	return nil
}

// auditEntry is the entry a write by a appends, before the chain gives it seq and hashes.
func (t *tx) auditEntry(a Actor, action, kind, target, orgPath string, before, after any) AuditEntry {
	return AuditEntry{At: t.s.stamp(), Actor: a.Name, Action: action, Kind: kind, Target: target,
		OrgPath: orgPath, Before: jsonOrEmpty(before), After: jsonOrEmpty(after),
		RequestID: a.RequestID, ClientAddr: a.ClientAddr}
}

// auditRow is an entry's values in the order of auditColumns.
func auditRow(e AuditEntry) []any {
	return []any{e.Seq, e.At, e.Actor, e.Action, e.Kind, e.Target, e.OrgPath, e.Before, e.After,
		e.RequestID, e.ClientAddr, e.PrevHash, e.Hash}
}

func jsonOrEmpty(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(b)
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	Actor, Action, Kind, Target string
	From, To                    string // dates, inclusive
	Limit, Offset               int
}

// Audit lists entries newest first. Only an auditor's scope may read it; an auditor bound to an
// org subtree sees the entries about that subtree.
func (s *Store) Audit(ctx context.Context, sc Scope, f AuditFilter) ([]AuditEntry, int, error) {
	if !sc.CanAudit() {
		return nil, 0, errorf(EFORBIDDEN, "无权查看审计日志")
	}
	where := []string{"1=1"}
	var args []any
	if !sc.all {
		p, a := sc.orgPredicate("org_path")
		where = append(where, p)
		args = append(args, a...)
	}
	add := func(cond string, v string) {
		if v != "" {
			where = append(where, cond)
			args = append(args, v)
		}
	}
	add("actor = ?", f.Actor)
	add("action = ?", f.Action)
	add("kind = ?", f.Kind)
	add("target = ?", f.Target)
	add("at >= ?", f.From)
	if f.To != "" {
		add("at < ?", f.To+"T99") // the whole of the last day
	}
	w := strings.Join(where, " AND ")
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM audit WHERE `+w, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	rows, err := s.query(ctx, `SELECT `+auditColumns+` FROM audit WHERE `+w+` ORDER BY seq DESC LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// auditColumns are the columns scanEntry reads, in its order.
const auditColumns = `seq, at, actor, action, kind, target, org_path, before_data, after_data,
		request_id, client_addr, prev_hash, hash`

func scanEntry(rows interface{ Scan(...any) error }) (AuditEntry, error) {
	var e AuditEntry
	err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.Action, &e.Kind, &e.Target, &e.OrgPath, &e.Before,
		&e.After, &e.RequestID, &e.ClientAddr, &e.PrevHash, &e.Hash)
	return e, err
}

// LogExport records that a ledger left the system (an export or download carries personal
// data out): who, which kind, how many records and with what filter. It changes no data, but
// an auditor asks exactly this question.
func (s *Store) LogExport(ctx context.Context, a Actor, sc Scope, kind string, count int, filter string) error {
	if !sc.CanRead(kind) {
		return errorf(EFORBIDDEN, "无权导出")
	}
	return s.inTx(ctx, func(t *tx) error {
		path := ""
		if len(sc.paths) == 1 && len(sc.exact) == 0 {
			path = sc.paths[0]
		} else if len(sc.exact) == 1 && len(sc.paths) == 0 {
			path = sc.exact[0]
		}
		return t.audit(ctx, a, "record.export", kind, "", path, nil,
			map[string]any{"count": count, "filter": filter, "unmasked": sc.SeesPII()})
	})
}
