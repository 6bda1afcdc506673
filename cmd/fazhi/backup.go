package main

import (
	"context"
	"fmt"

	"github.com/fazhi/fazhi/internal/store"
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
	key, audit := st.KeyFingerprints()
	fmt.Fprintf(e.stdout, "已备份到 %s（记录了加密密钥指纹 %s、审计密钥指纹 %s；密钥本身不在备份中，请把 secret.key 和 audit.key 一并妥善保存）\n",
		*out, key, audit)
	return nil
}

func runRestore(ctx context.Context, e *env, args []string) error {
	fs := e.flags("restore", "[--without-key] FILE")
	withoutKey := fs.Bool("without-key", false, "备份所用的密钥与本部署不同时仍然恢复：其中的身份证号和电话号码将无法解密，另一把审计密钥签名的审计链将无法校验")
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
	res, err := st.RestoreWith(ctx, pos[0], store.RestoreOptions{WithoutKey: *withoutKey})
	if err != nil {
		return err
	}
	switch {
	case res.UnreadableRecords > 0:
		fmt.Fprintf(e.stdout, "注意：%d 条记录的加密字段（%s）无法用本部署的密钥解密，页面和导出中显示为「（无法解密）」，按这些号码也查不到记录\n",
			res.UnreadableRecords, res.UnreadableSummary())
	case res.OtherKey:
		fmt.Fprintln(e.stdout, "备份所用的加密密钥与本部署不同，但其中没有加密保存的身份证号或电话号码：全部可读")
	}
	if res.SealedLegacy > 0 {
		fmt.Fprintf(e.stdout, "备份的审计链来自旧版本（%d 条未签名），已以本部署的审计密钥封存\n", res.SealedLegacy)
	}
	if res.AuditOtherKey {
		fmt.Fprintf(e.stdout, "已恢复 %d 行；审计链以另一把审计密钥签名，本部署无法校验（fazhi audit verify 将报告签名不符）\n", res.Rows)
		return nil
	}
	if _, err := st.VerifyAudit(ctx); err != nil {
		return fmt.Errorf("已恢复 %d 行，但审计链校验失败：%w", res.Rows, err)
	}
	fmt.Fprintf(e.stdout, "已恢复 %d 行，审计链完好\n", res.Rows)
	return nil
}
