package store

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// Keyed hashes (HMAC-SHA-256 under the deployment's key) of the protected values — 身份证号 and
// phone numbers — let a clerk find a record by the exact number and let the audit trail say a
// number changed without holding it. They are kept in their own table, never inside a record's
// JSON attributes, so that no export, API response or text search can carry them.

// keyedHashesSchema is the migration that creates record_keys. Existing databases kept the
// hashes inside attrs as `_h_<field>`; moveKeyedHashes moves them out, as the data migration
// after it and after a restore from an older backup.
const keyedHashesSchema = `CREATE TABLE record_keys (
		record_id BIGINT NOT NULL REFERENCES records(id),
		field TEXT NOT NULL,
		mac TEXT NOT NULL,
		PRIMARY KEY (record_id, field)
	);
	CREATE INDEX record_keys_mac ON record_keys(mac);`

// keyedHashes are a record's protected values' hashes by field key.
type keyedHashes map[string]string

// protected reports whether a field's values are encrypted at rest and looked up by hash.
func protected(f law.Field) bool { return f.Type == law.IDNo || f.Type == law.Phone }

// keyedHashes hashes the plain protected values of v (those left empty have none).
func (s *Store) keyedHashes(kind *law.Kind, v law.Values) keyedHashes {
	out := keyedHashes{}
	for _, f := range kind.Fields {
		if protected(f) && v.Str(f.Key) != "" {
			out[f.Key] = s.crypt.mac(v.Str(f.Key))
		}
	}
	return out
}

// saveKeys writes a record's keyed hashes, replacing those it had when clear is set.
func (t *tx) saveKeys(ctx context.Context, id int64, keys keyedHashes, clear bool) error {
	if clear {
		if _, err := t.exec(ctx, `DELETE FROM record_keys WHERE record_id = ?`, id); err != nil {
			return err
		}
	}
	for field, mac := range keys {
		if _, err := t.exec(ctx, `INSERT INTO record_keys (record_id, field, mac) VALUES (?,?,?)`, id, field, mac); err != nil {
			return err
		}
	}
	return nil
}

func hasProtected(kind *law.Kind) bool {
	for _, f := range kind.Fields {
		if protected(f) {
			return true
		}
	}
	return false
}

// moveKeyedHashes takes `_h_<field>` hashes (and any other `_` key) out of the attributes of
// records written before record_keys existed, into record_keys. It returns how many records it
// rewrote; running it again finds none.
func (t *tx) moveKeyedHashes(ctx context.Context) (int, error) {
	// LIKE's `_` matches any character: the pattern finds every candidate, the loop decides.
	rows, err := t.query(ctx, `SELECT id, CAST(attrs AS TEXT) FROM records WHERE CAST(attrs AS TEXT) LIKE '%"_h_%'`)
	if err != nil {
		return 0, err
	}
	type legacy struct {
		id    int64
		attrs map[string]any
		keys  keyedHashes
	}
	var todo []legacy
	for rows.Next() {
		var l legacy
		var text string
		if err := rows.Scan(&l.id, &text); err != nil {
			rows.Close()
			return 0, err
		}
		if err := json.Unmarshal([]byte(text), &l.attrs); err != nil {
			rows.Close()
			return 0, err
		}
		hidden := false
		l.keys = keyedHashes{}
		for k, x := range l.attrs {
			if field, ok := strings.CutPrefix(k, "_h_"); ok {
				if mac, _ := x.(string); mac != "" {
					l.keys[field] = mac
				}
			}
			if strings.HasPrefix(k, "_") {
				hidden = true
				delete(l.attrs, k)
			}
		}
		if hidden {
			todo = append(todo, l)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, l := range todo {
		b, _ := json.Marshal(l.attrs)
		if _, err := t.exec(ctx, `UPDATE records SET attrs = ? WHERE id = ?`, string(b), l.id); err != nil {
			return 0, err
		}
		if err := t.saveKeys(ctx, l.id, l.keys, true); err != nil {
			return 0, err
		}
	}
	return len(todo), nil
}

// protectedKeys lists the keys of kind's protected fields (those whose stored value is sealed),
// checked like every key that reaches SQL.
func protectedKeys(kind *law.Kind) []string {
	var out []string
	for _, f := range kind.Fields {
		if protected(f) && keyRe.MatchString(f.Key) {
			out = append(out, f.Key)
		}
	}
	return out
}
