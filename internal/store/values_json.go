package store

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/fazhi/fazhi/internal/law"
)

// An import encodes two JSON texts per new record, its attrs and its audit entry's view of it,
// and encoding/json, reflecting over a map of interfaces and sorting its keys each time, was the
// largest cost of an import's own code (a sixth of the writer's time on a 粤执法 export). The
// values a ledger gives are strings and lists of strings; valuesJSON writes those directly, byte
// for byte what json.Marshal writes (keys sorted, strings escaped as it escapes them, HTML
// characters included: values_json_test.go compares the two), and anything else through
// json.Marshal itself.

// valuesJSON is json.Marshal(v) for a record's values.
func valuesJSON(v law.Values) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	buf := make([]byte, 0, 64*len(keys))
	buf = append(buf, '{')
	for i, k := range keys {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendJSONString(buf, k)
		buf = append(buf, ':')
		buf = appendJSONValue(buf, v[k])
	}
	return string(append(buf, '}'))
}

// auditViewJSON is json.Marshal(auditView(kind, v, keys)) without building the view: the kind's
// fields with a value, protected ones by their keyed hash.
func auditViewJSON(kind *law.Kind, v law.Values, keys keyedHashes) string {
	type item struct {
		key string
		x   any
	}
	items := make([]item, 0, len(kind.Fields))
	for _, f := range kind.Fields {
		x, ok := v[f.Key]
		if !ok || law.IsEmpty(x) {
			continue
		}
		if protected(f) {
			x = "hmac:" + keys[f.Key]
		}
		items = append(items, item{f.Key, x})
	}
	slices.SortStableFunc(items, func(a, b item) int { return strings.Compare(a.key, b.key) })
	items = slices.CompactFunc(items, func(a, b item) bool { return a.key == b.key }) // a map keeps a key once
	buf := make([]byte, 0, 64*len(items))
	buf = append(buf, '{')
	for i, it := range items {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendJSONString(buf, it.key)
		buf = append(buf, ':')
		buf = appendJSONValue(buf, it.x)
	}
	return string(append(buf, '}'))
}

// appendJSONValue appends x as json.Marshal encodes it.
func appendJSONValue(buf []byte, x any) []byte {
	switch t := x.(type) {
	case string:
		return appendJSONString(buf, t)
	case []string:
		if t == nil {
			return append(buf, "null"...)
		}
		buf = append(buf, '[')
		for i, s := range t {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONString(buf, s)
		}
		return append(buf, ']')
	}
	b, err := json.Marshal(x)
	if err != nil {
		b, _ = json.Marshal(err.Error()) // not reached: a ledger's values are text
	}
	return append(buf, b...)
}

// appendJSONString appends s quoted as encoding/json quotes a string (with its HTML escaping):
// `"` and `\` escaped, control characters as \b \f \n \r \t or \u00XX, <, > and & as \u003c …,
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch b {
			case '\\', '"':
				buf = append(buf, '\\', b)
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
