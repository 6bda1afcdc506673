package web

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// auditChange is one field of a record's audit entry: its label and its value before and after.
type auditChange struct {
	Field, Before, After string
}

// recordChanges turns a record's audit entry into the fields that changed. For a reader
// without case access (the 审计员) the values are masked the way a record page masks them for
// a reader who may not see them: 身份证号 and phone numbers are only keyed hashes in the trail
// and show as 已加密; free text and lists (names, addresses, the dispute's story) show as their
// length; dates, states, choices, numbers and org codes — what happened and when — stay
// readable, which is what an audit needs. Keys that are not fields (an amendment's reason, an
// attachment's file name) are free text too.
func recordChanges(k *law.Kind, e store.AuditEntry, masked bool) []auditChange {
	before, after := auditValues(e.Before), auditValues(e.After)
	if v, ok := after["values"].(map[string]any); ok { // record.amend: {"values": …, "reason": …}
		delete(after, "values")
		for key, x := range v {
			after[key] = x
		}
	}
	var keys []string
	for key := range before {
		keys = append(keys, key)
	}
	for key := range after {
		if _, ok := before[key]; !ok {
			keys = append(keys, key)
		}
	}
	order := func(key string) int {
		for i, f := range k.Fields {
			if f.Key == key {
				return i
			}
		}
		return len(k.Fields)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if d := order(a) - order(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	var out []auditChange
	for _, key := range keys {
		b, a := before[key], after[key]
		if fmt.Sprint(b) == fmt.Sprint(a) {
			continue
		}
		f, isField := k.Field(key)
		label := key
		if isField {
			label = f.Label
		}
		show := func(x any) string {
			if x == nil {
				return ""
			}
			if masked && (!isField || hidesValue(f.Type)) {
				return maskAuditValue(x)
			}
			if l, ok := x.([]any); ok {
				var parts []string
				for _, y := range l {
					parts = append(parts, fmt.Sprint(y))
				}
				return strings.Join(parts, "；")
			}
			return fmt.Sprint(x)
		}
		out = append(out, auditChange{Field: label, Before: show(b), After: show(a)})
	}
	return out
}

// hidesValue reports whether a field's values are case content a reader without case access
// must not see.
func hidesValue(t law.FieldType) bool {
	switch t {
	case law.Text, law.List, law.IDNo, law.Phone:
		return true
	}
	return false
}

// maskAuditValue says what kind of value was there without showing it.
func maskAuditValue(x any) string {
	switch v := x.(type) {
	case string:
		if strings.HasPrefix(v, "hmac:") {
			return "（已加密）"
		}
		return fmt.Sprintf("（%d 字，已隐藏）", len([]rune(v)))
	case []any:
		return fmt.Sprintf("（%d 项，已隐藏）", len(v))
	case float64, bool:
		return fmt.Sprint(v)
	}
	return "（已隐藏）"
}

// auditValues reads an entry's before or after JSON as a map (nil for anything else).
func auditValues(s string) map[string]any {
	m := map[string]any{}
	if s != "" && json.Unmarshal([]byte(s), &m) != nil {
		return map[string]any{"": s}
	}
	return m
}
