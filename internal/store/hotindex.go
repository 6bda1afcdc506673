package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// A field a kind marks law.Field.Index stays in the JSON attributes but gets an expression
// index of its own, partial to its kind, so that a list filter or an indicator selecting on it
// (开庭日期, 复议受理日期 …) reads the index instead of every record of the kind. The set follows
// the declarations: it is brought up to date at every start, after the migrations and under
// their lock; an index no field declares any more is dropped.

// hotIndexPrefix marks the indexes this file owns; no migration may use it.
const hotIndexPrefix = "records_hot_"

// kindIs tests that col is of the named kind, the name written into the statement. Because the
// hot indexes are partial (WHERE kind = '…'), SQLite matches a bound `kind = ?` to them only by
// peeking at the value bound, and a statement that peeked is parsed again at every new binding
// (the bound variable joins its expmask): in an import row by row that parse took a fifth of the
// time. Used by the statements run once per row; a figure's query runs once and may bind.
func kindIs(col, kind string) string {
	return col + " = '" + strings.ReplaceAll(kind, "'", "''") + "'"
}

// hotIndex is one declared index: its name and the kind and field it covers.
type hotIndex struct{ name, kind, key string }

// declaredHotIndexes lists the indexes the registered kinds declare.
func declaredHotIndexes() ([]hotIndex, error) {
	var out []hotIndex
	for _, k := range law.Kinds() {
		for _, f := range k.Fields {
			if !f.Index {
				continue
			}
			// Both go into DDL as literals (an index's predicate cannot be a parameter).
			if !keyRe.MatchString(k.Name) || !keyRe.MatchString(f.Key) {
				return nil, fmt.Errorf("无法为「%s」的字段 %s 建立索引：名称只能含小写字母、数字和下划线", k.Label, f.Key)
			}
			out = append(out, hotIndex{hotIndexName(k.Name, f.Key), k.Name, f.Key})
		}
	}
	return out, nil
}

// hotIndexName is deterministic, so that the next start finds the index it made; IF NOT EXISTS
// goes by name, so a change to the index's definition must change the name too. Names that
// would pass PostgreSQL's 63-byte identifier limit are shortened to a hash.
func hotIndexName(kind, key string) string {
	name := hotIndexPrefix + kind + "__" + key
	if len(name) > 63 {
		sum := sha256.Sum256([]byte(kind + "\x00" + key))
		name = hotIndexPrefix + hex.EncodeToString(sum[:16])
	}
	return name
}

// syncHotIndexes creates the declared indexes that are missing and drops the undeclared ones,
// in one transaction on the connection holding the migration lock.
func (s *Store) syncHotIndexes(ctx context.Context, conn *sql.Conn) error {
	want, err := declaredHotIndexes()
	if err != nil {
		return err
	}
	return s.inTxOn(ctx, conn, func(t *tx) error {
		have, err := t.hotIndexNames(ctx)
		if err != nil {
			return err
		}
		exists := map[string]bool{}
		for _, name := range have {
			exists[name] = true
		}
		declared := map[string]bool{}
		for _, ix := range want {
			declared[ix.name] = true
			if exists[ix.name] {
				// Even with IF NOT EXISTS, PostgreSQL would lock records against writes (SHARE)
				// before finding the index there: a start beside a running server must not.
				continue
			}
			// kind leads although the predicate fixes it: a query says kind = ? AND field >= ?,
			// and an index serving both terms is what the planner prefers to one on kind alone.
			q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON records (kind, (%s)) WHERE %s`,
				ix.name, s.d.jsonText("attrs", ix.key), kindIs("kind", ix.kind))
			if _, err := t.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("建立索引 %s 失败: %w", ix.name, err)
			}
		}
		for _, name := range have {
			if !declared[name] {
				if _, err := t.ExecContext(ctx, `DROP INDEX IF EXISTS `+name); err != nil {
					return fmt.Errorf("删除索引 %s 失败: %w", name, err)
				}
			}
		}
		return nil
	})
}

// hotIndexNames lists the hot-field indexes the database has now.
func (t *tx) hotIndexNames(ctx context.Context) ([]string, error) {
	rows, err := t.QueryContext(ctx, t.s.d.indexNames(), "records")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		if strings.HasPrefix(name, hotIndexPrefix) {
			out = append(out, name)
		}
	}
	return out, rows.Err()
}
