package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/fazhi/fazhi/internal/indicators"
)

// runTallies shows, rebuilds or checks the figures' tallies (store/tally.go): the counts kept
// per org, month and group in every write's transaction.
func runTallies(ctx context.Context, e *env, args []string) error {
	fs := e.flags("tallies", "[--rebuild] [--check YYYY [--org CODE]]")
	rebuild := fs.Bool("rebuild", false, "从记录重新统计全部计数")
	check := fs.Int("check", 0, "核对该年度：由计数表得出的各项计数与逐条统计记录的结果是否一致")
	org := fs.String("org", "", "核对的组织编码（默认：只有一个根组织时取根组织）")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var ids []string
	for _, m := range indicators.TallyMeasures() {
		if st.KeepsTally(m) {
			ids = append(ids, m.ID)
		}
	}
	if *rebuild {
		start := time.Now()
		if err := st.RebuildTallies(ctx); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "已从记录重新统计 %d 项计数，用时 %s\n", len(ids), time.Since(start).Round(time.Millisecond))
	}
	if *check == 0 {
		fmt.Fprintf(e.stdout, "计数表保存 %d 项计数\n", len(ids))
		return nil
	}
	p, err := period(*check, "", "")
	if err != nil {
		return err
	}
	code, err := rootOrg(ctx, st, *org)
	if err != nil {
		return err
	}
	kept, err := indicators.ComputeIDs(ctx, st, system(), code, p.From, p.To, ids)
	if err != nil {
		return err
	}
	live, err := indicators.ComputeIDs(indicators.WithoutTallies(ctx), st, system(), code, p.From, p.To, ids)
	if err != nil {
		return err
	}
	bad := 0
	for i, v := range live.List {
		a, _ := json.Marshal(kept.List[i])
		b, _ := json.Marshal(v)
		if string(a) != string(b) {
			bad++
			fmt.Fprintf(e.stdout, "%s：计数表 %s，逐条统计 %s\n", v.ID, a, b)
		}
	}
	if bad > 0 {
		return fmt.Errorf("%d 项计数与记录不符：请运行 fazhi tallies --rebuild", bad)
	}
	fmt.Fprintf(e.stdout, "%d 年 %d 项计数与逐条统计记录的结果一致\n", *check, len(ids))
	return nil
}
