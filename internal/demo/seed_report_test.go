package demo

import (
	"context"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fazhi/fazhi/internal/report"
	"github.com/fazhi/fazhi/internal/store"
)

// The seed report (shared/seed/xingning-2024-report.txt) is what the bureau wrote by hand. The
// report fazhi builds for 兴宁市 2024 from the demo's records must state every number of it that
// counts work, in the same section: checkSeedReport reads the seed, cuts it at the headings of its
// six sections and of 三's six subsections, takes every number with the phrase around it, and
// finds it among the figures printed in the generated report's section of the same number
// (issue 14 item 5). An approximate number is matched by its range: 180余 by 181–189, 3万多 by
// 30001–39999. seedFreeText lists what is deliberately not a figure, with why.
// A copy of shared/seed is kept in testdata, so that a clone alone (CI) runs the comparison.
const seedReportFile = "testdata/xingning-2024-report.txt"

// seedSections are the seed's headings, by the number the generated report gives the section.
var seedSections = []struct{ number, marker string }{
	{"一、", "一、深入学习贯彻习近平总书记"},
	{"二、", "二、深入学习贯彻习近平法治思想"},
	{"三、（一）", "(一)深入推进全面依法治市"},
	{"三、（二）", "(二)加强规范性文件管理"},
	{"三、（三）", "(三)坚持严格规范公正文明执法"},
	{"三、（四）", "(四)持续健全矛盾纠纷调处化解体系"},
	{"三、（五）", "(五)强化公共法律服务保障"},
	{"三、（六）", "(六)深入推进全民普法教育"},
	{"四、", "四、2023年度法治政府建设中存在问题的改进情况"},
	{"五、", "五、2024年推进法治政府建设存在不足和原因"},
	{"六、", "六、2025年度法治政府建设主要安排"},
}

// seedFreeText are the seed's numbers that count no work, each with the reason it stays text.
var seedFreeText = []struct {
	re  *regexp.Regexp
	why string
}{
	{regexp.MustCompile(`^(20\d\d)(年|-|—)`), "a year (the report's own, a plan's period or a document's title)"},
	{regexp.MustCompile(`^\d+月`), "a date (6月24日, 12月初, 5月): when something was done, not how much"},
	{regexp.MustCompile(`^\d+日`), "a date"},
	{regexp.MustCompile(`^1个项目`), "a rule of the 决策后评估 notice (each unit picks at least one), not a count"},
}

type seedNumber struct {
	text, context, unit string
	lo, hi              float64 // the values that state it
}

// seedUnit is the measure word after a number (件, 宗, 人次 …), as the figures carry theirs.
var seedUnit = regexp.MustCompile(`^(?:万多|余)?(场次|人次|学时|件|宗|份|次|期|个|名|张|篇|家|人|项|%)`)

// around is s[from:to] widened to whole characters.
func around(s string, from, to int) string {
	from, to = max(0, from), min(len(s), to)
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to++
	}
	return s[from:to]
}

// seedNumbers are the numbers of one stretch of the seed that count work.
func seedNumbers(t *testing.T, s string) (counts []seedNumber, free []string) {
	t.Helper()
	for range strings.Count(s, "1+6+N") {
		free = append(free, "1+6+N: the name of the county's 基层社会治理工作体系")
	}
	s = strings.ReplaceAll(s, "1+6+N", "一加六加N")
	re := regexp.MustCompile(`\d+(\.\d+)?`)
	for _, m := range re.FindAllStringIndex(s, -1) {
		from, to := m[0], m[1]
		rest := s[from:]
		ctx := around(s, from-24, to+12)
		skipped := ""
		for _, f := range seedFreeText {
			if f.re.MatchString(rest) {
				skipped = f.why
				break
			}
		}
		if skipped == "" && from > 0 && (strings.HasSuffix(s[:from], "-") || strings.HasSuffix(s[:from], "—")) {
			skipped = "a year (the report's own, a plan's period or a document's title)"
		}
		if skipped != "" {
			free = append(free, fmt.Sprintf("%s（%s）: %s", s[from:to], strings.TrimSpace(ctx), skipped))
			continue
		}
		n, _ := strconv.ParseFloat(s[from:to], 64)
		sn := seedNumber{text: s[from:to], context: ctx, lo: n, hi: n}
		if u := seedUnit.FindStringSubmatch(s[to:]); u != nil {
			sn.unit = u[1]
		}
		switch after := s[to:]; {
		case strings.HasPrefix(after, "万多"):
			sn.lo, sn.hi = n*10000+1, (n+1)*10000-1
			sn.text += "万多"
		case strings.HasPrefix(after, "余") && math.Mod(n, 10) == 0:
			sn.lo, sn.hi = n+1, n+9
			sn.text += "余"
		}
		counts = append(counts, sn)
	}
	return counts, free
}

// checkSeedReport builds 兴宁市's 2024 report on the demo and finds every counting number of the
// seed among the figures of the same section.
func checkSeedReport(t *testing.T, s *store.Store) {
	t.Helper()
	raw, err := os.ReadFile(seedReportFile)
	if err != nil {
		t.Fatalf("the seed report: %v", err)
	}
	seed := string(raw)
	d, err := report.Assemble(context.Background(), s, system(), cityCode, 2024, "2025-01-03", nil)
	if err != nil {
		t.Fatal(err)
	}
	printed := map[string][]*report.Figure{} // by section number
	var walk func(prefix string, parts []report.Part)
	walk = func(prefix string, parts []report.Part) {
		for _, p := range parts {
			where := prefix + p.Number
			for _, para := range p.Paras {
				for _, sp := range para.Spans {
					if sp.Fig != nil && sp.Fig.Unavailable == "" {
						printed[where] = append(printed[where], sp.Fig)
					}
				}
			}
			walk(where, p.Parts)
		}
	}
	walk("", d.Report.Parts)

	total, freeTotal := 0, 0
	for i, sec := range seedSections {
		start := strings.Index(seed, sec.marker)
		if start < 0 {
			t.Fatalf("the seed has no heading %q", sec.marker)
		}
		end := len(seed)
		if i+1 < len(seedSections) {
			end = strings.Index(seed, seedSections[i+1].marker)
		}
		body := seed[start+len(sec.marker) : end]
		if sec.number == "六、" {
			body = strings.TrimSuffix(strings.TrimSpace(body), "兴宁市司法局 2025年1月3日") // the signature
		}
		counts, free := seedNumbers(t, body)
		var matched []string
		last := -1 // the seed's order within the section is the report's
		for _, n := range counts {
			// The figure of that value and measure word; failing the word (1人 is one 荣誉), of that value.
			var hit *report.Figure
			for _, sameUnit := range []bool{true, false} {
				for _, f := range printed[sec.number] {
					if hit == nil && f.Value >= n.lo-1e-9 && f.Value <= n.hi+1e-9 && (!sameUnit || f.Unit == n.unit) {
						hit = f
					}
				}
			}
			if hit == nil {
				t.Errorf("%s: the seed's %s（…%s…）is not stated in the generated section (its figures: %s)",
					sec.number, n.text, strings.TrimSpace(n.context), figureList(printed[sec.number]))
				continue
			}
			matched = append(matched, fmt.Sprintf("%s=%s", n.text, hit.ID))
			at := slices.Index(printed[sec.number], hit)
			if at < last {
				t.Errorf("%s: the seed states %s（%s）after %s, the generated section before it", sec.number, n.text, hit.ID, printed[sec.number][last].ID)
			}
			last = max(last, at)
		}
		total += len(matched)
		freeTotal += len(free)
		t.Logf("seed %s: %d of %d numbers matched %v; free text %d", sec.number, len(matched), len(counts), matched, len(free))
		for _, f := range free {
			t.Logf("    free text: %s", f)
		}
	}
	t.Logf("seed report: %d counting numbers matched by figures of the same section, %d numbers left as free text", total, freeTotal)
	if total < 40 {
		t.Errorf("only %d of the seed's numbers matched", total)
	}
}

func figureList(fs []*report.Figure) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.ID+"="+f.Text)
	}
	return strings.Join(out, " ")
}
