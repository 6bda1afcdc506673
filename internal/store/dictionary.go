package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fazhi/fazhi/internal/law"
)

// A deployment's dictionary (字典): words it adds to an enumeration of a kind, kept as the
// setting "dict.<kind>.<field>" — one word per line. The listed words of ledgers.md always
// work; these come on top (ledgers.md, "Enumerations").

// DictionaryKey is the setting that holds the added words of one field.
func DictionaryKey(kind, field string) string { return "dict." + kind + "." + field }

// Words returns the added words of the enumeration fields of a kind, by field key.
func (s *Store) Words(ctx context.Context, kind *law.Kind) (map[string][]string, error) {
	return readWords(s.query(ctx, wordsQuery, DictionaryKey(kind.Name, "%")))
}

// wordsQuery reads a kind's whole dictionary in one query (a page or an import asks for all
// of its fields at once).
const wordsQuery = `SELECT key, value FROM settings WHERE key LIKE ?`

func readWords(rows *sql.Rows, err error) (map[string][]string, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		_, field, _ := strings.Cut(strings.TrimPrefix(k, "dict."), ".")
		out[field] = SplitWords(v)
	}
	return out, rows.Err()
}

// maxWordLen bounds a dictionary word: an enumeration value is a short category name, and it
// must fit a ledger's drop-down and a chart's legend.
const maxWordLen = 20

// SaveWords replaces the added words of one enumeration field (administrators only, audited).
// A word must be new (not one of the field's listed words, not repeated) and short; a word
// that records still use cannot be taken away, for those records would no longer validate —
// change the records first. Nothing is saved when anything is wrong.
func (s *Store) SaveWords(ctx context.Context, a Actor, sc Scope, kindName, fieldKey string, words []string) error {
	if !sc.CanAdmin() {
		return errorf(EFORBIDDEN, "只有系统管理员可以维护字典")
	}
	kind, ok := law.Lookup(kindName)
	if !ok {
		return errorf(EINVALID, "未知的台账类型「%s」", kindName)
	}
	field, ok := kind.Field(fieldKey)
	if !ok || field.Type != law.Enum {
		return errorf(EINVALID, "「%s」没有可扩充的枚举字段「%s」", kind.Label, fieldKey)
	}
	var clean []string
	for i, w := range words {
		w = strings.TrimSpace(w)
		where := func(format string, args ...any) error {
			return errorf(EINVALID, "「%s · %s」第%d个词「%s」"+format, append([]any{kind.Label, field.Label, i + 1, w}, args...)...)
		}
		switch {
		case w == "":
			continue
		case slices.Contains(field.Values, w):
			return where("已是内置选项，无需添加")
		case slices.Contains(clean, w):
			return where("重复")
		case utf8.RuneCountInString(w) > maxWordLen:
			return where("太长：最多%d个字", maxWordLen)
		case strings.IndexFunc(w, func(r rune) bool { return unicode.IsControl(r) || r == ',' || r == '，' }) >= 0:
			return where("含有逗号或控制字符")
		}
		clean = append(clean, w)
	}
	key := DictionaryKey(kind.Name, field.Key)
	return s.inTx(ctx, func(t *tx) error {
		var old string
		_ = t.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&old)
		expr, _, err := s.fieldExpr(kind, field.Key)
		if err != nil {
			return err
		}
		for _, w := range SplitWords(old) {
			if slices.Contains(clean, w) {
				continue
			}
			// Counted over every org, not the administrator's scope (which holds no case data):
			// only the number is told, and it is what decides whether the word may go.
			var n int
			if err := t.queryRow(ctx, `SELECT COUNT(*) FROM records r WHERE r.kind = ? AND `+expr+` = ?`, kind.Name, w).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return errorf(EINVALID, "「%s · %s」的「%s」已被 %d 件记录使用，不能删除；请先修改这些记录", kind.Label, field.Label, w, n)
			}
		}
		return t.saveSetting(ctx, a, key, strings.Join(clean, "\n"))
	})
}

// SplitWords reads a dictionary setting: one word per line (、 and ； also separate).
func SplitWords(v string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '、' || r == '；' || r == ';' }) {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func (t *tx) words(ctx context.Context, kind *law.Kind) (map[string][]string, error) {
	if w, ok := t.dict[kind.Name]; ok {
		return w, nil
	}
	out, err := readWords(t.query(ctx, wordsQuery, DictionaryKey(kind.Name, "%")))
	if err != nil {
		return nil, err
	}
	if t.dict == nil {
		t.dict = map[string]map[string][]string{}
	}
	t.dict[kind.Name] = out
	return out, nil
}
