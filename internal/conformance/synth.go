package conformance

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// synth makes valid values for one kind from its declaration alone: field types, allowed words,
// the fields each state requires, the org to own the record and, for references, the 编号 of a
// record that exists. Cross-field checks are met by search, not by knowing the kind: a record
// starts from what its state requires and adds optional fields one at a time, keeping each only
// if the kind's checks still pass.
type synth struct {
	kind *law.Kind
	org  string            // the owning org's code
	refs map[string]string // RefKind → the 编号 of an existing record of that kind
	day  string            // the date every field of a new record carries
	seq  int
}

// record returns the values of a new record in status (the kind's first state when ""): with
// full, every optional field the checks allow; otherwise only what the state requires.
func (s *synth) record(code, status string, full bool) (law.Values, error) {
	s.seq++
	sf, hasStatus := s.kind.FieldByColumn(law.ColStatus)
	if status == "" && len(s.kind.States) > 0 {
		status = s.kind.States[0]
	}
	v := law.Values{}
	for _, f := range s.kind.Fields {
		if f.RequiredFor(status) && !f.Derived {
			v[f.Key] = s.value(f, 0)
		}
	}
	cf, _ := s.kind.FieldByColumn(law.ColCode)
	v[cf.Key] = code
	v[s.kind.OrgField] = s.org
	if hasStatus {
		v[sf.Key] = status
	}
	// A required field the checks refuse gets its other values in turn.
	for range 64 {
		probs := s.problems(v)
		if len(probs) == 0 {
			break
		}
		p := probs[0]
		f, _ := s.kind.Field(p.Field)
		alt, ok := s.next(f, v[p.Field])
		if !ok || p.Field == cf.Key || p.Field == s.kind.OrgField || (hasStatus && p.Field == sf.Key) {
			return nil, fmt.Errorf("%s: 无法合成状态为「%s」的有效记录：%s", s.kind.Name, status, p)
		}
		v[p.Field] = alt
	}
	if probs := s.problems(v); len(probs) > 0 {
		return nil, fmt.Errorf("%s: 无法合成状态为「%s」的有效记录：%s", s.kind.Name, status, probs[0])
	}
	if full {
		for _, f := range s.kind.Fields {
			if _, set := v[f.Key]; set || f.Derived {
				continue // a derived field is the system's to compute (law.Field.Derived)
			}
			v[f.Key] = s.value(f, 0)
			if len(s.problems(v)) > 0 {
				delete(v, f.Key)
			}
		}
	}
	return v, nil
}

// problems validates v as the store would before saving it (defaults, Normalize, the first
// state), without the calendar: checks that need one are met by retrying at the store.
func (s *synth) problems(v law.Values) []law.Problem {
	n := law.Values{}
	for k, x := range v {
		n[k] = x
	}
	for _, f := range s.kind.Fields {
		if law.IsEmpty(n[f.Key]) && f.Default != "" {
			n[f.Key] = f.Default
		}
	}
	if s.kind.Normalize != nil {
		s.kind.Normalize(n)
	}
	probs := s.kind.Validate(n)
	if len(probs) == 0 && s.kind.History != nil {
		// A synthesised event has no other events before it (the API refuses a 发证 with no
		// 考试通过 before it: law.History), so it takes values that stand alone.
		for _, b := range s.kind.History.Breaches(s.kind, n, nil, nil) {
			probs = append(probs, b.Problem)
		}
	}
	return probs
}

// value is the i-th candidate value of a field, in canonical form.
func (s *synth) value(f law.Field, i int) any {
	switch f.Type {
	case law.Int:
		if i == 3 {
			return s.day[:4] // an Int field may hold a year (年度), which its checks bound
		}
		return strconv.Itoa(1 + i)
	case law.Money:
		return []string{"1200.5", "800", "2999.99"}[i%3]
	case law.Date:
		return law.AddDays(s.day, i)
	case law.Bool:
		return []string{"否", "是"}[i%2]
	case law.List:
		if len(f.Values) > 0 {
			return []string{f.Values[i%len(f.Values)]}
		}
		out := []string{}
		for j := 0; j < 2+2*i; j++ {
			out = append(out, fmt.Sprintf("%s%d-%d", f.Label, s.seq, j+1))
		}
		return out
	case law.Org:
		return s.org
	case law.IDNo:
		return idNumber(s.day, s.seq+i)
	case law.Phone:
		return fmt.Sprintf("138%08d", 10000000+s.seq*7+i)
	case law.Enum:
		return f.Values[i%len(f.Values)]
	case law.Ref:
		return s.refs[f.RefKind]
	case law.Intervals:
		return []string{s.day + "~" + law.AddDays(s.day, 9+i)}
	}
	return fmt.Sprintf("%s（合成%d）", f.Label, s.seq)
}

// next is the value after x among a field's candidates, false when there is none.
func (s *synth) next(f law.Field, x any) (any, bool) {
	if law.IsEmpty(x) {
		return s.value(f, 0), true // an optional field a check asks for (制定机关类别 of a 规范性文件)
	}
	limit := 4
	if f.Type == law.Enum {
		limit = len(f.Values)
	}
	for i := 0; i+1 < limit; i++ {
		if fmt.Sprint(s.value(f, i)) == fmt.Sprint(x) {
			return s.value(f, i+1), true
		}
	}
	return nil, false
}

// inputs are the inputs of a transition taken from a record with values cur. Dates come after
// every date the record has, the first one day later and each next two weeks after the one
// before (reversed when reverse is set, for steps whose dates run against their input order,
// such as a notice that precedes a hearing); with onlyNeeds, optional inputs stay empty; pick
// chooses the pick-th allowed word of the enumeration input named key.
func (s *synth) inputs(t law.Transition, cur law.Values, v variant) map[string]any {
	last := s.day
	for _, f := range s.kind.Fields {
		if f.Type == law.Date && cur.Str(f.Key) > last {
			last = cur.Str(f.Key)
		}
	}
	var dates []string
	for _, key := range t.Inputs {
		if f, _ := s.kind.Field(key); f.Type == law.Date {
			dates = append(dates, key)
		}
	}
	out := map[string]any{}
	for _, key := range t.Inputs {
		f, _ := s.kind.Field(key)
		if v.onlyNeeds && !contains(t.Needs, key) {
			continue
		}
		i := 0
		if key == v.key {
			i = v.pick
		}
		out[key] = s.value(f, i)
	}
	for i, key := range dates {
		n := i
		if v.reverse {
			n = len(dates) - 1 - i
		}
		if _, set := out[key]; set {
			out[key] = law.AddDays(last, 1+14*n)
		}
	}
	return out
}

// variant is one way of filling a transition's inputs.
type variant struct {
	reverse   bool
	onlyNeeds bool
	key       string
	pick      int
}

// variants lists the ways inputs are tried, the plainest first.
func (s *synth) variants(t law.Transition) []variant {
	out := []variant{{}, {reverse: true}, {onlyNeeds: true}, {onlyNeeds: true, reverse: true}}
	for _, key := range t.Inputs {
		f, _ := s.kind.Field(key)
		for i := 1; f.Type == law.Enum && i < len(f.Values); i++ {
			out = append(out, variant{key: key, pick: i}, variant{key: key, pick: i, reverse: true})
		}
	}
	return out
}

// idNumber is a valid 居民身份证号 (GB 11643-1999) born on day, with sequence n.
func idNumber(day string, n int) string {
	mmdd := strings.ReplaceAll(day, "-", "")[4:8]
	base := "441481" + "1990" + mmdd + fmt.Sprintf("%03d", n%1000)
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(base[i]-'0') * ((1 << (17 - i)) % 11)
	}
	return base + string("10X98765432"[sum%11])
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
