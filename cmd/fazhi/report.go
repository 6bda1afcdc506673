package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/report"
)

var severityLabel = map[report.Severity]string{report.SeverityError: "错误", report.SeverityWarning: "提示", report.SeverityInfo: "说明"}

func runReport(ctx context.Context, e *env, args []string) error {
	fs := e.flags("report", "[--org CODE] --year YYYY [--format html|md|docx] --out FILE")
	org := fs.String("org", "", "组织编码（默认：只有一个根组织时取根组织）")
	year := fs.Int("year", 0, "报告年度")
	format := fs.String("format", "", "html、md 或 docx（默认按 --out 的扩展名）")
	out := fs.String("out", "", "输出文件")
	date := fs.String("date", "", "成文日期 YYYY-MM-DD（默认今天）")
	linkBase := fs.String("link-base", "", "HTML 中每个数字链接到其记录清单的网址前缀，如 http://127.0.0.1:8080")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *year == 0 || *out == "" {
		return usageError{"需要 --year 和 --out"}
	}
	f := *format
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	if f == "markdown" {
		f = "md"
	}
	if f != "html" && f != "md" && f != "docx" {
		return usageError{"--format 只能是 html、md 或 docx"}
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
	if *date == "" {
		*date = st.Today().String()
	}
	y := strconv.Itoa(*year)
	var linkFor func(string) string
	if *linkBase != "" {
		linkFor = func(id string) string {
			q, ok := indicators.Drill(id, y+"-01-01", y+"-12-31")
			if !ok {
				return ""
			}
			v := url.Values{"indicator": {id}, "from": {y + "-01-01"}, "to": {y + "-12-31"}, "org": {code}}
			return strings.TrimRight(*linkBase, "/") + "/records/" + q.Kind + "?" + v.Encode()
		}
	}
	d, err := report.Assemble(ctx, st, system(), code, *year, *date, linkFor)
	if err != nil {
		if d != nil {
			printIssues(e, d.Issues)
		}
		return err
	}
	file, err := os.Create(*out)
	if err != nil {
		return err
	}
	switch f {
	case "html":
		err = d.Report.HTML(file)
	case "md":
		err = d.Report.Markdown(file)
	case "docx":
		err = d.Report.DOCX(file)
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out)
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %s，%d 个数字取自记录\n", *out, d.Report.Title, len(d.Report.Figures))
	printIssues(e, d.Issues)
	return nil
}

// printIssues lists the findings of the pre-publication checks.
func printIssues(e *env, issues []report.Issue) {
	blocking := 0
	for _, is := range issues {
		if is.Severity == report.SeverityError {
			blocking++
		}
		fmt.Fprintf(e.stdout, "  [%s] %s\n", severityLabel[is.Severity], is.Message)
	}
	if blocking > 0 {
		fmt.Fprintf(e.stdout, "有 %d 项错误，发布前须处理\n", blocking)
	}
}
