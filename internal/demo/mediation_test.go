package demo

import (
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

func generated() (tree, []dispute) {
	t := buildTree(rand.New(rand.NewPCG(seed, streamOrgs)))
	ds, err := generateDisputes(rand.New(rand.NewPCG(seed, streamMedia)), &t)
	if err != nil {
		panic(err) // the tests that call generated fail on it at once
	}
	return t, ds
}

// TestGeneratedLedger checks the shape of the generated ledger without a database: every row
// valid for its kind, and the spread the brief asks for.
func TestGeneratedLedger(t *testing.T) {
	tr, ds := generated()
	phoneRe := regexp.MustCompile(`^1[358]\d{9}$`)
	var (
		months      [13]int
		byYear      = map[int]int{}
		ok2024      int
		oneDay      int
		confirmed   int
		oral, total int
		crossYear   int
		open        int
		failures    = map[string]int{}
	)
	for _, d := range ds {
		v := d.values(&tr)
		if probs := law.Mediation.Validate(v); len(probs) > 0 {
			t.Fatalf("%s: %v", d.code, probs)
		}
		if !phoneRe.MatchString(d.phone) || len(d.parties) < 2 {
			t.Fatalf("%s: phone %s parties %v", d.code, d.phone, d.parties)
		}
		y := d.accepted.Year()
		byYear[y]++
		if d.result == "受理" || d.result == "调解中" {
			open++
			continue
		}
		days := d.closed.Sub(d.accepted)
		if days < 1 || days > 40 {
			t.Errorf("%s closed after %d days", d.code, days)
		}
		if y == 2025 && d.closed.After(histEnd) {
			t.Errorf("%s closed after the demo's date: %s", d.code, d.closed)
		}
		if y == 2023 && d.closed.Year() == 2024 {
			crossYear++
		}
		if y != 2024 {
			continue
		}
		_, m, _ := d.accepted.YMD()
		months[m]++
		if days == 1 {
			oneDay++
		}
		switch d.result {
		case "成功":
			ok2024++
			total++
			if d.form == "口头" {
				oral++
			}
		default:
			failures[d.result]++
		}
		if !d.confirmedOn.IsZero() {
			confirmed++
		}
	}
	if byYear[2024] != cases2024 || ok2024 != success2024 {
		t.Fatalf("2024: %d cases, %d successful", byYear[2024], ok2024)
	}
	if byYear[2023] < 200 || byYear[2025] < 200 || open != open2025 || crossYear == 0 {
		t.Errorf("years %v, open %d, 2023 cases closed in 2024: %d", byYear, open, crossYear)
	}
	// Seasons: January (before 春节) and December busier than the summer lull; February (春节
	// holiday) quieter than January.
	if !(months[1] > months[6] && months[12] > months[6] && months[2] < months[1]) {
		t.Errorf("no seasonal shape: %v", months[1:])
	}
	if oneDay < 100 || failures["不成功"] == 0 || failures["终止"] == 0 {
		t.Errorf("one-day closures %d, failures %v", oneDay, failures)
	}
	if rate := float64(confirmed) / cases2024; rate < 0.035 || rate > 0.07 {
		t.Errorf("司法确认 in %.1f%% of 2024 cases", rate*100)
	}
	if share := float64(oral) / float64(total); share < 0.05 || share > 0.25 {
		t.Errorf("口头 agreements %.1f%%", share*100)
	}
	t.Logf("2024 by month %v; failures %v; 司法确认 %d; 口头 %d; one-day %d", months[1:], failures, confirmed, oral, oneDay)
}

// TestGeneratedOrgs: unique codes and names, parents listed before children.
func TestGeneratedOrgs(t *testing.T) {
	tr, _ := generated()
	codes, names := map[string]bool{}, map[string]bool{}
	for _, o := range tr.orgs {
		if codes[o.Code] || names[o.Name] {
			t.Errorf("duplicate %s %s", o.Code, o.Name)
		}
		if o.ParentCode != "" && !codes[o.ParentCode] {
			t.Errorf("%s listed before its parent %s", o.Code, o.ParentCode)
		}
		codes[o.Code], names[o.Name] = true, true
	}
	for _, want := range []string{"新南村", "罗坝村", "叶塘工业园区公共法律服务工作室", "兴宁市法律援助中心", "宁中司法所"} {
		if !names[want] {
			t.Errorf("no org named %s", want)
		}
	}
}
