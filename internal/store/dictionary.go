package store

import (
	"context"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// A deployment's dictionary (字典): words it adds to an enumeration of a kind, kept as the
// setting "dict.<kind>.<field>" — one word per line. The listed words of ledgers.md always
// work; these come on top (ledgers.md, "Enumerations").

// DictionaryKey is the setting that holds the added words of one field.
func DictionaryKey(kind, field string) string { return "dict." + kind + "." + field }

// Words returns the added words of every enumeration field of a kind, by field key.
func (s *Store) Words(ctx context.Context, kind *law.Kind) (map[string][]string, error) {
	out := map[string][]string{}
	for _, f := range kind.Fields {
		if f.Type != law.Enum {
			continue
		}
		v, ok, err := s.Setting(ctx, DictionaryKey(kind.Name, f.Key))
		if err != nil {
			return nil, err
		}
		if ok {
			out[f.Key] = SplitWords(v)
		}
	}
	return out, nil
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
	out := map[string][]string{}
	rows, err := t.query(ctx, `SELECT key, value FROM settings WHERE key LIKE ?`, "dict."+kind.Name+".%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[strings.TrimPrefix(k, "dict."+kind.Name+".")] = SplitWords(v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if t.dict == nil {
		t.dict = map[string]map[string][]string{}
	}
	t.dict[kind.Name] = out
	return out, nil
}
