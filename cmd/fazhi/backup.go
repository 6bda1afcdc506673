package main

import (
	"context"
	"fmt"
)

func runBackup(ctx context.Context, e *env, args []string) error {
	fs := e.flags("backup", "--out FILE")
	out := fs.String("out", "", "备份文件（SQLite：一个数据库文件；PostgreSQL：可移植的 .gz 转储）")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"需要 --out"}
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已备份到 %s（加密密钥不在备份中，请一并妥善保存密钥文件）\n", *out)
	return nil
}

func runRestore(ctx context.Context, e *env, args []string) error {
	fs := e.flags("restore", "FILE")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"需要一个备份文件"}
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.Restore(ctx, pos[0])
	if err != nil {
		return err
	}
	if _, err := st.VerifyAudit(ctx); err != nil {
		return fmt.Errorf("已恢复 %d 行，但审计链校验失败：%w", n, err)
	}
	fmt.Fprintf(e.stdout, "已恢复 %d 行，审计链完好\n", n)
	return nil
}
