package demo

import (
	"fmt"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"math/rand/v2"
	"slices"
	"strings"
)

// Names are generated, never taken from real people: a surname from the common surnames of
// 兴宁 (a Hakka county, where 陈、刘、罗、李 lead) and a one- or two-character given name.

// weighted is a word with its relative weight in a draw (kit.PickIndex).
type weighted struct {
	s string
	w float64
}

func pickWeighted(r *rand.Rand, items []weighted) string {
	return items[kit.PickIndex(r, len(items), func(i int) float64 { return items[i].w })].s
}

var surnames = []weighted{
	{"陈", 10}, {"刘", 9}, {"罗", 8}, {"李", 7}, {"张", 6}, {"黄", 6}, {"曾", 5}, {"王", 4}, {"何", 4},
	{"钟", 4}, {"温", 3}, {"廖", 3}, {"古", 3}, {"林", 3}, {"吴", 3}, {"杨", 3}, {"袁", 2}, {"丘", 2},
	{"邓", 2}, {"赖", 2}, {"彭", 2}, {"叶", 2}, {"朱", 2}, {"胡", 2}, {"肖", 2}, {"谢", 2}, {"饶", 2},
	{"潘", 1}, {"卢", 1}, {"巫", 1}, {"蓝", 1}, {"宋", 1}, {"徐", 1}, {"江", 1}, {"骆", 1}, {"冯", 1},
}

var (
	givenMale   = []rune("伟强军华明辉建国平勇忠林发财荣海东波志文德新春光良金松祥锋雄俊杰斌标生才")
	givenFemale = []rune("芳英梅兰玲秀珍红霞丽燕娟凤琴敏婷莉慧娜萍静丹雪艳桂香玉嫦")
)

// personName returns a plausible, invented full name.
func personName(r *rand.Rand) string {
	pool := givenMale
	if r.IntN(2) == 0 {
		pool = givenFemale
	}
	name := pickWeighted(r, surnames) + string(pool[r.IntN(len(pool))])
	if r.Float64() < 0.7 {
		for {
			c := pool[r.IntN(len(pool))]
			if !strings.ContainsRune(name, c) {
				return name + string(c)
			}
		}
	}
	return name
}

var mobilePrefixes = []string{"133", "135", "137", "138", "139", "150", "152", "155", "158", "159",
	"180", "181", "182", "186", "187", "188", "189"}

// phone returns an 11-digit mobile number of valid form. The middle four digits are 0000 so that
// a demo number reads as made up and is unlikely to ring anyone.
func phone(r *rand.Rand) string {
	return fmt.Sprintf("%s0000%04d", mobilePrefixes[r.IntN(len(mobilePrefixes))], r.IntN(10000))
}

// Village names follow the pattern of the region's place names: a first character (direction,
// clan, landform) and a landform ending (岭、坑、塘、陂 …). Each name is used once in the whole
// city so that an org name in a ledger resolves to exactly one organisation.
var (
	villageFirst = []rune("新东西南北上下大小黄罗石竹长双三五高中官沙河溪金梅松龙凤鹤白青桥马蕉禾茶杨曾陈叶钟赤铁坳塘湖")
	villageLast  = []rune("岭坑塘坝洋陂围岗坪湖田圳塅排墩寨径坳嶂背口头水楼布丰安光联和兴星明华富胜")
)

// villageNamer hands out unique 村 names. real lists names known in a town, used first.
type villageNamer struct {
	r    *rand.Rand
	used map[string]bool
	pool []string
}

func newVillageNamer(r *rand.Rand, reserved []string) *villageNamer {
	n := &villageNamer{r: r, used: map[string]bool{}}
	for _, s := range reserved {
		n.used[s] = true
	}
	for _, a := range villageFirst {
		for _, b := range villageLast {
			if a != b {
				n.pool = append(n.pool, string(a)+string(b))
			}
		}
	}
	r.Shuffle(len(n.pool), func(i, j int) { n.pool[i], n.pool[j] = n.pool[j], n.pool[i] })
	return n
}

// take returns a fresh name with the given suffix (村 or 社区), preferring the listed ones.
func (n *villageNamer) take(prefer []string, suffix string) string {
	for _, p := range prefer {
		if name := p + suffix; !n.used[name] {
			n.used[name] = true
			return name
		}
	}
	for len(n.pool) > 0 {
		stem := n.pool[0]
		n.pool = n.pool[1:]
		if name := stem + suffix; !n.used[name] && !n.used[stem] {
			n.used[name] = true
			return name
		}
	}
	panic("demo: village name pool exhausted")
}

// urbanCommunities are names for the 社区 of the three 街道.
var urbanCommunities = []string{"和山", "东门", "西门", "南门", "城东", "城西", "城南", "城北", "兴华", "官汕",
	"文峰", "神光", "沿河", "新城", "江滨", "宁江", "宁塘", "荣华", "民生", "人民", "建设", "文化", "太平", "永安",
	"兴城", "兴南", "兴东", "福岭", "河西", "鸿发", "齐昌", "东岳", "富康", "锦绣"}

// firmNames are invented names for the companies that appear as parties.
var firmNames = []string{"兴宁市宏达五金制品有限公司", "兴宁市永盛鞋业有限公司", "兴宁市恒丰纺织有限公司",
	"兴宁市鑫源建材有限公司", "兴宁市华盛电子有限公司", "兴宁市新兴食品有限公司", "兴宁市顺达运输有限公司",
	"兴宁市润丰农业发展有限公司", "兴宁市金辉建筑工程有限公司", "兴宁市佳美家具有限公司"}

var propertyFirms = []string{"兴宁市安居物业管理有限公司", "兴宁市和美物业服务有限公司", "兴宁市宁江物业管理有限公司"}

// distinctNames returns n different person names.
func distinctNames(r *rand.Rand, n int) []string {
	var out []string
	for len(out) < n {
		if s := personName(r); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
