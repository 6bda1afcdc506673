package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/fazhi/fazhi/internal/intake"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
)

func runImport(ctx context.Context, e *env, args []string) error {
	fs := e.flags("import", "--kind KIND [--org CODE] [--skip-invalid] FILE…")
	kindName := fs.String("kind", "", "台账类型："+kindNames())
	org := fs.String("org", "", "文件中没有「所属单位」（或该类型的组织列）时记入的组织编码")
	skip := fs.Bool("skip-invalid", false, "跳过有错误的行，只导入正确的行，错误行及原因写入输入文件旁的 .错误 文件")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *kindName == "" || len(files) == 0 {
		return usageError{"需要 --kind 和至少一个文件"}
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	lim, err := intake.LoadLimits(ctx, st)
	if err != nil {
		return err
	}
	failed := false
	for _, f := range files {
		var res intake.Outcome
		if *kindName == "org" {
			res, err = importOrgs(ctx, st, f, lim, *skip)
		} else {
			res, err = importKind(ctx, st, *kindName, *org, f, lim, *skip)
		}
		if err != nil {
			fmt.Fprintf(e.stdout, "%s: %s\n", f, store.ErrorMessageOr(err))
			failed = true
			continue
		}
		for _, re := range res.Errors {
			fmt.Fprintln(e.stdout, re.String())
		}
		if res.Total > len(res.Errors) {
			fmt.Fprintf(e.stdout, "……另有 %d 处错误未列出（只列出前 %d 处）\n", res.Total-len(res.Errors), len(res.Errors))
		}
		fmt.Fprintf(e.stdout, "%s: 新增 %d，更新 %d，未变 %d，错误 %d\n", f, res.Created, res.Updated, res.Unchanged, res.Total)
		if res.Total > 0 && !*skip {
			failed = true
		}
	}
	if failed {
		return errSilent
	}
	return nil
}

// errSilent ends a command with exit status 1 after it has printed its own report.
var errSilent = errors.New("导入未完成：有错误的文件未写入任何数据")

// importKind reads one ledger file of a record kind and takes it in (internal/intake); with
// errors and --skip-invalid, the error report is written beside the file.
func importKind(ctx context.Context, st *store.Store, kindName, defaultOrg, file string, lim ledger.Limits, skip bool) (intake.Outcome, error) {
	kind, ok := law.Lookup(kindName)
	if !ok {
		return intake.Outcome{}, usageError{"未知的台账类型「" + kindName + "」，可用：" + kindNames()}
	}
	// The file streams: its rows are read as they are written, never held all at once.
	sheet, err := ledger.Open(file, lim)
	if err != nil {
		return intake.Outcome{}, err
	}
	defer sheet.Close()
	res, err := intake.Records(ctx, st, operator("import "+kindName), system(), kind, sheet,
		intake.Options{DefaultOrg: defaultOrg, SkipInvalid: skip})
	if err != nil {
		return res, err
	}
	if res.Total > 0 && skip {
		again, err := ledger.Open(file, lim) // the rows with errors, read again as they are
		if err != nil {
			return res, err
		}
		defer again.Close()
		if err := ledger.ErrorReport(ledger.ReportPath(file), again, res.Errors); err != nil {
			return res, err
		}
	}
	return res, nil
}

func importOrgs(ctx context.Context, st *store.Store, file string, lim ledger.Limits, skip bool) (intake.Outcome, error) {
	sheet, err := ledger.ReadLimited(file, lim)
	if err != nil {
		return intake.Outcome{}, err
	}
	return intake.Orgs(ctx, st, operator("import org"), system(), sheet, skip)
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs := e.flags("export", "--kind KIND [--org CODE] [--from D --to D] --out FILE")
	kindName := fs.String("kind", "", "台账类型："+kindNames())
	org := fs.String("org", "", "只导出该组织及其下级的记录")
	from := fs.String("from", "", "起始日期（按该台账的主要日期，如受理日期）")
	to := fs.String("to", "", "截止日期")
	out := fs.String("out", "", "输出文件（.xlsx 或 .csv）")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *kindName == "" || *out == "" {
		return usageError{"需要 --kind 和 --out"}
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if *kindName == "org" {
		orgs, err := st.Orgs(ctx, system())
		if err != nil {
			return err
		}
		rows := make([]law.Values, len(orgs))
		for i, o := range orgs {
			rows[i] = law.Values{"code": o.Code, "name": o.Name, "type": o.Type, "parent": o.ParentCode, "credit_code": o.CreditCode, "founded_on": o.FoundedOn}
		}
		if err := ledger.Write(*out, law.OrgFields, rows); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s: 导出 %d 个组织\n", *out, len(rows))
		return nil
	}
	kind, ok := law.Lookup(*kindName)
	if !ok {
		return usageError{"未知的台账类型「" + *kindName + "」，可用：" + kindNames()}
	}
	q := store.Query{Kind: kind.Name, OrgCode: *org}
	if f, ok := kind.FieldByColumn(law.ColOpened); ok {
		if *from != "" {
			q.Conds = append(q.Conds, store.Cond{Field: f.Key, Op: store.OpGE, Value: *from})
		}
		if *to != "" {
			q.Conds = append(q.Conds, store.Cond{Field: f.Key, Op: store.OpLE, Value: *to})
		}
	}
	rows, err := allValues(ctx, st, system(), q)
	if err != nil {
		return err
	}
	if err := st.LogExport(ctx, operator("export"), system(), kind.Name, len(rows), strings.Join(args, " ")); err != nil {
		return err
	}
	if err := ledger.Write(*out, kind.Fields, rows); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: 导出 %d 条%s记录\n", *out, len(rows), kind.Label)
	return nil
}

// allValues lists every record of a scoped query, in 编号 order so that exports are stable.
func allValues(ctx context.Context, st *store.Store, sc store.Scope, q store.Query) ([]law.Values, error) {
	recs, err := st.ListAll(ctx, sc, store.Filter{Query: q, Sort: "code"})
	if err != nil {
		return nil, err
	}
	out := make([]law.Values, len(recs))
	for i, r := range recs {
		out[i] = r.Values
	}
	return out, nil
}

func runTemplate(ctx context.Context, e *env, args []string) error {
	fs := e.flags("template", "--kind KIND --out FILE.xlsx")
	kindName := fs.String("kind", "", "台账类型："+kindNames())
	out := fs.String("out", "", "输出文件（.xlsx）")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *kindName == "" || *out == "" {
		return usageError{"需要 --kind 和 --out"}
	}
	if strings.ToLower(filepath.Ext(*out)) != ".xlsx" {
		return usageError{"模板只能是 .xlsx 文件"}
	}
	if *kindName == "org" {
		return ledger.WriteTemplate(*out, "组织架构", law.OrgFields)
	}
	kind, ok := law.Lookup(*kindName)
	if !ok {
		return usageError{"未知的台账类型「" + *kindName + "」，可用：" + kindNames()}
	}
	if err := ledger.WriteTemplate(*out, kind.Label, kind.Fields); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %s台账模板\n", *out, kind.Label)
	return nil
}
