package law

import (
	"strings"
	"testing"
)

// Every text and list field is bounded: by its declaration or by the defaults.
func TestLengthLimits(t *testing.T) {
	base := Values{"code": "1", "accepted_on": "2024-03-05", "committee": "X", "dispute_type": "邻里", "result": "调解中"}
	for _, c := range []struct {
		key  string
		val  any
		want string // "" = accepted
	}{
		{"mediator", strings.Repeat("张", DefaultMaxLen), ""},
		{"mediator", strings.Repeat("张", DefaultMaxLen+1), "「调解员」过长：最多 200 个字，现有 201 个字"},
		{"code", strings.Repeat("1", 100000), "「编号」过长：最多 200 个字"},
		{"summary", strings.Repeat("争", LongTextMaxLen), ""},
		{"summary", strings.Repeat("争", LongTextMaxLen+1), "「纠纷简要情况」过长：最多 5000 个字"},
		{"parties", make([]string, 0), ""},
		{"parties", strings.Fields(strings.Repeat("甲 ", DefaultMaxItems+1)), "「当事人」项数过多：最多 50 项，现有 51 项"},
		{"parties", []string{"甲", strings.Repeat("乙", DefaultMaxLen+1)}, "「当事人」第2项过长"},
		// A date or an enum word past the cap is refused for its length, not echoed in full.
		{"accepted_on", strings.Repeat("2", 5000), "「受理日期」过长"},
	} {
		v := base.Clone()
		v[c.key] = c.val
		got := problemText(Mediation.Validate(v))
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s (%d): got %q, want %q", c.key, len(cellString(c.val)), got, c.want)
		}
		if len(got) > 400 {
			t.Errorf("%s: message of %d bytes echoes the value", c.key, len(got))
		}
	}
}

// Every field of every kind has a limit that fits its kind of text.
func TestEveryFieldHasALimit(t *testing.T) {
	for _, k := range Kinds() {
		for _, f := range k.Fields {
			if f.MaxLength() <= 0 || f.MaxLength() > LongTextMaxLen || f.MaxListItems() <= 0 {
				t.Errorf("%s.%s: limits %d/%d", k.Name, f.Key, f.MaxLength(), f.MaxListItems())
			}
		}
	}
}

func problemText(ps []Problem) string {
	var b []string
	for _, p := range ps {
		b = append(b, p.String())
	}
	return strings.Join(b, "；")
}

func cellString(x any) string {
	if s, ok := x.(string); ok {
		return s
	}
	return strings.Join(x.([]string), ",")
}
