package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/fazhi/fazhi/internal/bench"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/web"
)

// runBench is `fazhi bench`: generate a province of the given size into the database (once;
// a database already holding that size is reused) and measure issue 15's figures beside their
// lower bounds (internal/bench).
func runBench(ctx context.Context, e *env, args []string) error {
	fs := e.flags("bench", "--size ci|county|1m|5m [--db URL] [--generate-only]")
	size := fs.String("size", "county", "数据规模：ci、county（约一个县）、1m、5m（记录数）")
	genOnly := fs.Bool("generate-only", false, "只生成数据，不测量")
	importRows := fs.Int("import-rows", 100_000, "「导入大台账」的行数")
	smallImport := fs.Int("small-import", 1_000, "「导入小台账」的行数")
	apiRequests := fs.Int("api-requests", 2_000, "API 并发新建的记录数")
	apiClients := fs.Int("api-clients", 50, "API 并发客户端数")
	only := fs.String("only", "", "只测名称与此正则表达式相符的项（如 'list page|county'）")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var onlyRe *regexp.Regexp
	if *only != "" {
		re, err := regexp.Compile(*only)
		if err != nil {
			return usageError{"--only 不是有效的正则表达式：" + err.Error()}
		}
		onlyRe = re
	}
	fmt.Fprintln(e.stdout, "载入演示数据作为一个县的模板……")
	tpl, err := bench.LoadTemplate(ctx)
	if err != nil {
		return err
	}
	sizes := bench.Sizes(tpl.Records())
	sz, ok := sizes[*size]
	if !ok {
		var names []string
		for n := range sizes {
			names = append(names, n)
		}
		sort.Strings(names)
		return usageError{"--size 应为 " + strings.Join(names, "、")}
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	plan := bench.NewPlan(tpl, sz)
	if err := bench.Prepare(ctx, st, e.url(), plan, e.stdout); err != nil {
		return err
	}
	if *genOnly {
		return nil
	}
	scratch, drop, err := bench.Scratch(ctx, e.url())
	if err != nil {
		return err
	}
	defer drop()
	fmt.Fprintln(e.stdout, "测量……")
	res, data, err := bench.Run(ctx, bench.Config{URL: e.url(), Store: st, Plan: plan, Handler: webHandler, Scratch: scratch,
		ImportRows: *importRows, SmallImport: *smallImport, APIRequests: *apiRequests, APIClients: *apiClients, Only: onlyRe, Out: e.stdout})
	fmt.Fprintln(e.stdout, "\n机器：", bench.Machine())
	bench.Print(e.stdout, st.Dialect()+" · "+sz.Name, data, res)
	return err
}

func webHandler(st *store.Store) (http.Handler, error) {
	srv, err := web.New(web.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	return srv.Handler(), nil
}
