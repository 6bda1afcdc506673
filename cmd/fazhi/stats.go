package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

func runStats(ctx context.Context, e *env, args []string) error {
	fs := e.flags("stats", "[--org CODE] (--year YYYY | --from D --to D) [--format json|table]")
	org := fs.String("org", "", "组织编码（默认：只有一个根组织时取根组织）")
	year := fs.Int("year", 0, "统计年度")
	from := fs.String("from", "", "起始日期 YYYY-MM-DD（含）")
	to := fs.String("to", "", "截止日期 YYYY-MM-DD（含）")
	format := fs.String("format", "table", "输出格式：json 或 table")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	p, err := period(*year, *from, *to)
	if err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	code, err := rootOrg(ctx, st, *org)
	if err != nil {
		return err
	}
	res, err := indicators.Compute(ctx, st, system(), code, p.From, p.To)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	case "table":
		return res.WriteTable(e.stdout)
	}
	return usageError{"--format 只能是 json 或 table"}
}

// period turns --year or --from/--to into an inclusive date range.
func period(year int, from, to string) (indicators.Period, error) {
	switch {
	case year != 0 && (from != "" || to != ""):
		return indicators.Period{}, usageError{"--year 与 --from/--to 只能用一种"}
	case year != 0:
		if year < 1949 || year > 2200 {
			return indicators.Period{}, usageError{"年度 " + strconv.Itoa(year) + " 不合理"}
		}
		y := strconv.Itoa(year)
		return indicators.Period{From: y + "-01-01", To: y + "-12-31"}, nil
	case from != "" && to != "":
		f, err1 := calendar.ParseDate(from)
		t, err2 := calendar.ParseDate(to)
		if err1 != nil || err2 != nil {
			return indicators.Period{}, usageError{"日期应写作 YYYY-MM-DD"}
		}
		if t.Before(f) {
			return indicators.Period{}, usageError{"--to 早于 --from"}
		}
		return indicators.Period{From: f.String(), To: t.String()}, nil
	}
	return indicators.Period{}, usageError{"请用 --year YYYY 或 --from D --to D 指定统计期"}
}

// rootOrg returns the org to report on: the one named, or the root when there is exactly one.
func rootOrg(ctx context.Context, st *store.Store, code string) (string, error) {
	if code != "" {
		o, err := st.Org(ctx, system(), code)
		return o.Code, err
	}
	orgs, err := st.Orgs(ctx, system())
	if err != nil {
		return "", err
	}
	var roots []string
	for _, o := range orgs {
		if o.ParentID == 0 {
			roots = append(roots, o.Code)
		}
	}
	switch len(roots) {
	case 0:
		return "", fmt.Errorf("数据库中还没有组织架构，请先 fazhi import --kind org 或 fazhi demo")
	case 1:
		return roots[0], nil
	}
	return "", usageError{fmt.Sprintf("有 %d 个根组织，请用 --org 指定", len(roots))}
}
