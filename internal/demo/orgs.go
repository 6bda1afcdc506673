package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/store"
)

// The org tree of 兴宁市: the city, its 3 街道 and 17 镇 with their 村 and 社区, the 司法局 and
// the units it runs, the courts and the enforcement departments.
//
// Town codes are division-style (街道 001–003, 镇 100–116 in the order below); they follow the
// form of the national division codes but are not checked against the published list. A 社区
// under a town is numbered from 001 and a 村 from 201, as in the national scheme.

const (
	cityCode   = "441481"
	cityName   = "兴宁市"
	bureauCode = cityCode + "-SFJ"
)

type town struct {
	code, name, typ string
	villages        int // 村
	communities     int // 社区
	pop             int // resident population, thousands (approximate); weights the disputes
	// known lists real village names used before generated ones.
	known []string
}

var towns = []town{
	{code: "441481001", name: "兴田街道", typ: "街道", villages: 10, communities: 12, pop: 130},
	{code: "441481002", name: "福兴街道", typ: "街道", villages: 16, communities: 6, pop: 90},
	{code: "441481003", name: "宁新街道", typ: "街道", villages: 17, communities: 6, pop: 110},
	{code: "441481100", name: "宁中镇", typ: "镇", villages: 27, communities: 1, pop: 55},
	{code: "441481101", name: "刁坊镇", typ: "镇", villages: 26, communities: 1, pop: 45, known: []string{"罗坝"}},
	{code: "441481102", name: "坭陂镇", typ: "镇", villages: 33, communities: 1, pop: 60},
	{code: "441481103", name: "叶塘镇", typ: "镇", villages: 22, communities: 1, pop: 50},
	{code: "441481104", name: "新圩镇", typ: "镇", villages: 27, communities: 1, pop: 40},
	{code: "441481105", name: "水口镇", typ: "镇", villages: 27, communities: 1, pop: 45},
	{code: "441481106", name: "石马镇", typ: "镇", villages: 26, communities: 1, pop: 30},
	{code: "441481107", name: "黄槐镇", typ: "镇", villages: 29, communities: 1, pop: 25},
	// 新南村: the “司法蓝护航生态绿” project of the seed report.
	{code: "441481108", name: "罗浮镇", typ: "镇", villages: 25, communities: 1, pop: 25, known: []string{"新南"}},
	{code: "441481109", name: "罗岗镇", typ: "镇", villages: 37, communities: 1, pop: 40},
	{code: "441481110", name: "永和镇", typ: "镇", villages: 22, communities: 1, pop: 40},
	{code: "441481111", name: "大坪镇", typ: "镇", villages: 24, communities: 1, pop: 35},
	{code: "441481112", name: "径南镇", typ: "镇", villages: 22, communities: 1, pop: 25},
	{code: "441481113", name: "合水镇", typ: "镇", villages: 17, communities: 1, pop: 25},
	{code: "441481114", name: "黄陂镇", typ: "镇", villages: 23, communities: 1, pop: 35},
	{code: "441481115", name: "新陂镇", typ: "镇", villages: 24, communities: 1, pop: 45},
	{code: "441481116", name: "龙田镇", typ: "镇", villages: 25, communities: 1, pop: 35},
}

// stem is a town's name without 镇/街道, as used in 宁中社区 or 宁中司法所.
func (t town) stem() string {
	return strings.TrimSuffix(strings.TrimSuffix(t.name, "街道"), "镇")
}

// committee is a 人民调解委员会 with what the generator needs to spread disputes over it.
type committee struct {
	code, name string
	town       int     // index into towns; -1 for a city-level professional committee
	village    bool    // a 村/社区 committee (else the town-level one)
	community  bool    // under a 社区
	activity   float64 // how busy it is relative to its peers
	mediators  []string
	// handles lists the dispute types a professional committee takes from across the city.
	handles []string
}

// tree is the generated org ledger and the committees within it.
type tree struct {
	orgs       []store.OrgInput // parents before children
	committees []committee
}

// professional are the city's 行业性、专业性 committees ("1+6+N": the N), under the bureau.
var professional = []struct {
	code, name string
	handles    []string
}{
	{bureauCode + "-TW-YL", "兴宁市医疗纠纷人民调解委员会", []string{"医疗"}},
	{bureauCode + "-TW-JT", "兴宁市道路交通事故纠纷人民调解委员会", []string{"道路交通"}},
	{bureauCode + "-TW-LD", "兴宁市劳动争议人民调解委员会", []string{"劳动争议"}},
}

// enforcementUnits are the departments that hold 行政执法 powers. With the 20 towns and streets
// (综合行政执法) they make the 47 units a county trains each year.
var enforcementUnits = []struct{ code, name string }{
	{"SCJG", "兴宁市市场监督管理局"}, {"GAJ", "兴宁市公安局"}, {"ZRZY", "兴宁市自然资源局"},
	{"ZJJ", "兴宁市住房和城乡建设局"}, {"JTJ", "兴宁市交通运输局"}, {"NYJ", "兴宁市农业农村局"},
	{"WJJ", "兴宁市卫生健康局"}, {"RSJ", "兴宁市人力资源和社会保障局"}, {"YJJ", "兴宁市应急管理局"},
	{"CGJ", "兴宁市城市管理和综合执法局"}, {"WGLT", "兴宁市文化广电旅游体育局"}, {"SWJ", "兴宁市水务局"},
	{"LYJ", "兴宁市林业局"}, {"JYJ", "兴宁市教育局"}, {"STHJ", "梅州市生态环境局兴宁分局"},
	{"MZJ", "兴宁市民政局"}, {"FGJ", "兴宁市发展和改革局"}, {"CZJ", "兴宁市财政局"},
	{"TYJR", "兴宁市退役军人事务局"}, {"YBJ", "兴宁市医疗保障局"}, {"GXJ", "兴宁市工业和信息化局"},
	{"SWU", "兴宁市商务局"}, {"TJJ", "兴宁市统计局"}, {"QXJ", "兴宁市气象局"},
	{"XF", "兴宁市消防救援大队"}, {"YCJ", "兴宁市烟草专卖局"}, {"RFB", "兴宁市人民防空办公室"},
}

// bureauOffices are the 股室 of the bureau (type 其他: they own no case work themselves).
var bureauOffices = []string{"办公室", "政治工作股", "法治调研督察股", "行政执法协调监督股", "行政复议与应诉股",
	"普法与依法治理股", "人民参与和促进法治股", "公共法律服务管理股", "社区矫正管理股"}

// officeCode is the code of the bureau's 股室 of that name (兴宁市司法局行政复议与应诉股 is
// 441481-SFJ-05).
func officeCode(name string) string {
	i := slices.Index(bureauOffices, name)
	if i < 0 {
		panic("demo: no office " + name)
	}
	return fmt.Sprintf("%s-%02d", bureauCode, i+1)
}

var (
	// reconOffice is the 行政复议机构 (行政复议法第4条): it keeps the reconsideration, hearing,
	// litigation and letter ledgers.
	reconOffice = officeCode("行政复议与应诉股")
	// supervisionOffice sends the 执法监督 letters.
	supervisionOffice = officeCode("行政执法协调监督股")
)

var lawFirms = []string{"广东齐昌律师事务所", "广东宁江律师事务所", "广东神光山律师事务所", "广东和山律师事务所",
	"广东兴民律师事务所"}

// buildTree generates the org tree. It draws only from r, so the same seed gives the same tree.
func buildTree(r *rand.Rand) tree {
	var t tree
	add := func(code, name, typ, parent string) {
		t.orgs = append(t.orgs, store.OrgInput{Code: code, Name: name, Type: typ, ParentCode: parent})
	}
	add(cityCode, cityName, "县级市", "")

	// The bureau and the units it runs.
	add(bureauCode, "兴宁市司法局", "司法局", cityCode)
	for i, name := range bureauOffices {
		add(fmt.Sprintf("%s-%02d", bureauCode, i+1), "兴宁市司法局"+name, "其他", bureauCode)
	}
	add(bureauCode+"-FLYZ", "兴宁市法律援助中心", "法律援助中心", bureauCode)
	add(bureauCode+"-FLYZ-JR", "驻兴部队军人军属法律援助工作站", "公共法律服务工作站", bureauCode+"-FLYZ")
	add(bureauCode+"-FLYZ-FY", "兴宁市法律援助中心驻市人民法院工作站", "公共法律服务工作站", bureauCode+"-FLYZ")
	add(bureauCode+"-FLYZ-JCY", "兴宁市法律援助中心驻市人民检察院工作站", "公共法律服务工作站", bureauCode+"-FLYZ")
	add(bureauCode+"-GZC", "广东省兴宁市公证处", "公证处", bureauCode)
	add(bureauCode+"-GGFW", "兴宁市公共法律服务中心", "公共法律服务中心", bureauCode)
	for _, p := range professional {
		add(p.code, p.name, "人民调解委员会", bureauCode)
		t.committees = append(t.committees, committee{code: p.code, name: p.name, town: -1, activity: 1,
			mediators: distinctNames(r, 3), handles: p.handles})
	}

	add(cityCode+"-FY", "兴宁市人民法院", "法院", cityCode)
	add(cityCode+"-JCY", "兴宁市人民检察院", "检察院", cityCode)
	for _, u := range enforcementUnits {
		add(cityCode+"-"+u.code, u.name, "行政执法单位", cityCode)
	}
	for i, name := range lawFirms {
		add(fmt.Sprintf("%s-LS%02d", cityCode, i+1), name, "律师事务所", cityCode)
	}

	// Towns: each with its 司法所 (the bureau's office in the town, so under the bureau), the
	// town's public legal service station at the 司法所, the town-level committee, and its
	// villages and communities, each with its own committee.
	var reserved []string
	for _, tw := range towns {
		reserved = append(reserved, tw.stem())
	}
	names := newVillageNamer(r, reserved)
	for ti, tw := range towns {
		add(tw.code, tw.name, tw.typ, cityCode)
		sfs := tw.code + "-SFS"
		add(sfs, tw.stem()+"司法所", "司法所", bureauCode)
		add(tw.code+"-GFZ", tw.name+"公共法律服务工作站", "公共法律服务工作站", sfs)
		if tw.name == "叶塘镇" {
			// The seed report's 叶塘工业园区 studio (169 services in 2024).
			add(tw.code+"-GFZ-YT", "叶塘工业园区公共法律服务工作室", "公共法律服务工作室", tw.code+"-GFZ")
		}
		tc := committee{code: tw.code + "-TW", name: tw.name + "人民调解委员会", town: ti, activity: 1,
			mediators: distinctNames(r, 4)}
		add(tc.code, tc.name, "人民调解委员会", tw.code)
		t.committees = append(t.committees, tc)

		for i := 0; i < tw.communities; i++ {
			var name string
			if tw.typ == "街道" {
				name = names.take(urbanCommunities, "社区")
			} else {
				name = names.take([]string{tw.stem()}, "社区")
			}
			t.addVillage(r, ti, fmt.Sprintf("%s%03d", tw.code, i+1), name, "社区", add)
		}
		for i := 0; i < tw.villages; i++ {
			var prefer []string
			if i < len(tw.known) {
				prefer = tw.known[i : i+1]
			}
			name := names.take(prefer, "村")
			code := fmt.Sprintf("%s%03d", tw.code, 201+i)
			t.addVillage(r, ti, code, name, "村", add)
			if name == "新南村" {
				add(code+"-GFS", "新南村公共法律服务工作室", "公共法律服务工作室", code)
			}
		}
	}
	return t
}

func (t *tree) addVillage(r *rand.Rand, ti int, code, name, typ string, add func(code, name, typ, parent string)) {
	add(code, name, typ, towns[ti].code)
	c := committee{code: code + "-TW", name: name + "人民调解委员会", town: ti, village: true,
		community: typ == "社区",
		// Some committees see many disputes and some few: a spread of 0.3–1.7 around the mean.
		activity:  0.3 + 1.4*r.Float64(),
		mediators: distinctNames(r, 2+r.IntN(2))}
	add(c.code, c.name, "人民调解委员会", code)
	t.committees = append(t.committees, c)
}
