package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// The generated province: a root, 21 cities and their counties, each county a replica of the
// demo county's tree (its towns, streets, villages, communities, committees, the bureau and its
// units), renamed and recoded. With the demo's 1,185 organisations a county, 99 counties make
// 117,337 organisations, the size issue 15 measured (117,621). Codes are division-style
// (44CC00 a city, 44CCNN a county) but fictitious; the province and its cities are of type 其他,
// law.OrgTypes having no 省 or 地级市.

const (
	provinceCode = "440000"
	provinceName = "演示省"
	seed         = 2024 // the generator's PCG seed; the stream picks the county names
)

var cityNames = []string{"广州市", "韶关市", "深圳市", "珠海市", "汕头市", "佛山市", "江门市", "湛江市", "茂名市",
	"肇庆市", "惠州市", "梅州市", "汕尾市", "河源市", "阳江市", "清远市", "东莞市", "中山市", "潮州市", "揭阳市", "云浮市"}

// nameParts are the syllables county names are drawn from.
var nameParts = []string{"安", "平", "宁", "和", "丰", "源", "阳", "江", "山", "德", "兴", "新", "华", "南", "东", "西",
	"清", "远", "龙", "凤", "云", "海", "康", "乐", "信", "怀", "恩", "封", "开", "连", "仁", "化"}

// Size is how much data a run generates.
type Size struct {
	Name     string
	Counties int // counties in the tree
	Replicas int // counties that get the template's records (the first ones, spread over the cities)
	// PerLedger, when > 0, keeps only each ledger's first rows (and what they name): the CI size.
	PerLedger int
}

// Sizes are the named sizes of `fazhi bench --size`. The record counts follow from the
// template (about 100,000 records a county): county ≈ the demo, 1m ≈ 10 counties, 5m ≈ 50.
func Sizes(templateRecords int) map[string]Size {
	per := max(templateRecords, 1)
	return map[string]Size{
		"ci":     {Name: "ci", Counties: 1, Replicas: 1, PerLedger: 80},
		"county": {Name: "county", Counties: 99, Replicas: 1},
		"1m":     {Name: "1m", Counties: 99, Replicas: min(99, (1_000_000+per-1)/per)},
		"5m":     {Name: "5m", Counties: 99, Replicas: min(99, (5_000_000+per-1)/per)},
	}
}

// County is one county of the generated province.
type County struct {
	Code, Name, City string // City: the city's code
	// Replica is true when the county holds records.
	Replica bool
}

// Province is the generated org tree.
type Province struct {
	Cities   []store.OrgInput
	Counties []County
}

// NewProvince lays out the cities and counties of a size (deterministic).
func NewProvince(sz Size) Province {
	r := rand.New(rand.NewPCG(seed, 1))
	var p Province
	cities := min(len(cityNames), sz.Counties)
	for i := 0; i < cities; i++ {
		p.Cities = append(p.Cities, store.OrgInput{Code: fmt.Sprintf("44%02d00", i+1), Name: cityNames[i],
			Type: "其他", ParentCode: provinceCode})
	}
	used := map[string]bool{}
	for i := 0; i < sz.Counties; i++ {
		city := i % cities // round robin, so that the replicas spread over the cities
		n := 1 + i/cities
		name := ""
		for name == "" || used[name] {
			name = nameParts[r.IntN(len(nameParts))] + nameParts[r.IntN(len(nameParts))] + []string{"县", "区", "市"}[r.IntN(3)]
		}
		used[name] = true
		p.Counties = append(p.Counties, County{Code: fmt.Sprintf("44%02d%02d", city+1, n), Name: name,
			City: p.Cities[city].Code, Replica: i < sz.Replicas})
	}
	return p
}

// Orgs is the whole tree, parents first.
func (p Province) Orgs(t *Template) []store.OrgInput {
	out := []store.OrgInput{{Code: provinceCode, Name: provinceName, Type: "其他"}}
	out = append(out, p.Cities...)
	for _, c := range p.Counties {
		out = append(out, c.orgs(t)...)
	}
	return out
}

// orgs is the template tree under this county's code and name.
func (c County) orgs(t *Template) []store.OrgInput {
	out := make([]store.OrgInput, 0, len(t.Orgs))
	for _, o := range t.Orgs {
		o.Code = c.recode(o.Code)
		o.Name = strings.ReplaceAll(o.Name, "兴宁市", c.Name)
		if o.ParentCode == "" {
			o.ParentCode = c.City
		} else {
			o.ParentCode = c.recode(o.ParentCode)
		}
		out = append(out, o)
	}
	return out
}

func (c County) recode(s string) string { return strings.ReplaceAll(s, templateCity, c.Code) }

// code is a record's 编号 (or a reference to one) in this county: the county's code in place of
// the template's, or before a 编号 that has none (兴府复〔2024〕12号), so that a reference names
// the record of its own county and no other.
func (c County) code(s string) string {
	if strings.Contains(s, templateCity) {
		return c.recode(s)
	}
	return c.Code + "-" + s
}

// values is a template record moved into this county: its orgs and 编号 recoded; sealed fields
// (身份证号, phones) left as they are, since a division code inside a 身份证号 is part of its
// check digit.
func (c County) values(k *law.Kind, v law.Values) law.Values {
	out := make(law.Values, len(v))
	for key, x := range v {
		f, ok := k.Field(key)
		switch {
		case !ok || f.Type == law.IDNo || f.Type == law.Phone:
			out[key] = x
		case f.Column == law.ColCode || f.Type == law.Ref:
			out[key] = c.mapStrings(x, c.code)
		default:
			out[key] = c.mapStrings(x, c.recode)
		}
	}
	return out
}

func (c County) mapStrings(x any, fn func(string) string) any {
	switch t := x.(type) {
	case string:
		if t == "" {
			return t
		}
		return fn(t)
	case []string:
		out := make([]string, len(t))
		for i, s := range t {
			out[i] = fn(s)
		}
		return out
	}
	return x
}
