package store

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fazhi/fazhi/internal/law"
)

// hardText is every character class encoding/json treats apart: control characters, quotes and
// backslashes, HTML's <>&, DEL, U+2028/U+2029, invalid UTF-8, Chinese.
var hardText = []string{"", "因宅基地界线发生争执", "a\"b\\c", "<script>&amp;</script>", "\x00\x01\b\f\n\r\t\x1f\x7f",
	"行\u2028分\u2029段", "\xff\xfe坏\xc3", "emoji 😀", "hmac:abc", " 两端空格 "}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(12) {
		switch r.IntN(4) {
		case 0:
			b.WriteByte(byte(r.IntN(256))) // any byte, valid UTF-8 or not
		case 1:
			b.WriteRune(rune(r.IntN(0x3000)))
		default:
			b.WriteString(hardText[r.IntN(len(hardText))])
		}
	}
	return b.String()
}

func TestValuesJSONIsJSONMarshal(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 3))
	for i := range 5000 {
		v := law.Values{}
		for range r.IntN(8) {
			key := randomText(r)
			switch r.IntN(5) {
			case 0:
				v[key] = []string{randomText(r), randomText(r)}
			case 1:
				v[key] = []string(nil)
			case 2:
				v[key] = []string{}
			case 3:
				v[key] = []any{1.5, "x", true} // not a ledger's value: through json.Marshal
			default:
				v[key] = randomText(r)
			}
		}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := valuesJSON(v); got != string(want) {
			t.Fatalf("case %d: valuesJSON\n%q\njson.Marshal\n%q", i, got, want)
		}
	}
	for b := range 256 { // every single byte alone
		s := string([]byte{byte(b)})
		want, _ := json.Marshal(s)
		if got := string(appendJSONString(nil, s)); got != string(want) {
			t.Errorf("byte %#x: %s, json.Marshal %s", b, got, want)
		}
	}
	for c := rune(0); c < 0x3000; c++ {
		if !utf8.ValidRune(c) {
			continue
		}
		want, _ := json.Marshal(string(c))
		if got := string(appendJSONString(nil, string(c))); got != string(want) {
			t.Errorf("rune %U: %s, json.Marshal %s", c, got, want)
		}
	}
}

func TestAuditViewJSONIsAuditView(t *testing.T) {
	if len(law.Kinds()) == 0 {
		t.Fatal("no kinds registered")
	}
	r := rand.New(rand.NewPCG(15, 4))
	for _, kind := range law.Kinds() {
		for range 50 {
			v, keys := law.Values{}, keyedHashes{}
			for _, f := range kind.Fields {
				switch r.IntN(4) {
				case 0: // absent
				case 1:
					v[f.Key] = ""
				case 2:
					v[f.Key] = []string{randomText(r)}
				default:
					v[f.Key] = randomText(r)
				}
				if protected(f) {
					keys[f.Key] = randomText(r)
				}
			}
			want, _ := json.Marshal(auditView(kind, v, keys))
			if got := auditViewJSON(kind, v, keys); got != string(want) {
				t.Fatalf("%s: auditViewJSON\n%s\njson.Marshal(auditView)\n%s", kind.Name, got, want)
			}
		}
	}
}

func TestImportedRecordRow(t *testing.T) {
	for _, kind := range law.Kinds() {
		v := law.Values{}
		for i, f := range kind.Fields {
			v[f.Key] = hardText[i%len(hardText)]
		}
		want := newRecordRow(kind, 7, v, "2024-03-05T00:00:00Z", "导入员", "")
		if got := importedRecordRow(kind, 7, v, "2024-03-05T00:00:00Z", "导入员"); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s:\n%v\n%v", kind.Name, got, want)
		}
	}
}
