package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/fazhi/fazhi/internal/store"
)

// runAudit is `fazhi audit verify|checkpoint|seal|key` (issue 9 item 5).
func runAudit(ctx context.Context, e *env, args []string) error {
	sub, rest := subcommand(args)
	switch sub {
	case "verify":
		return auditVerify(ctx, e, rest)
	case "checkpoint":
		return auditCheckpoint(ctx, e, rest)
	case "seal":
		return auditSeal(ctx, e, rest)
	case "key":
		return auditKey(ctx, e, rest)
	case "":
		return usageError{"fazhi audit verify [--checkpoint FILE] | checkpoint [--out FILE] | seal | key [--alg hmac-sha256|hmac-sm3]"}
	}
	return usageError{"未知的 audit 子命令「" + sub + "」：应为 verify、checkpoint、seal 或 key"}
}

func auditVerify(ctx context.Context, e *env, args []string) error {
	fs := e.flags("audit verify", "[--checkpoint FILE]")
	cpFile := fs.String("checkpoint", "", "与审计员保存的检查点（fazhi audit checkpoint 的输出）核对：检查点之前的记录被改写、删除或整条链被重建都会被发现")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var cp *store.Checkpoint
	if *cpFile != "" {
		b, err := os.ReadFile(*cpFile)
		if err != nil {
			return fmt.Errorf("无法读取检查点文件 %s: %w", *cpFile, err)
		}
		c, err := store.ParseCheckpoint(b)
		if err != nil {
			return err
		}
		cp = &c
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var r store.ChainReport
	if cp != nil {
		r, err = st.VerifyAuditCheckpoint(ctx, *cp)
	} else {
		r, err = st.VerifyAuditChain(ctx)
	}
	if err != nil {
		return fmt.Errorf("%w（此前 %d 条完好）", err, r.Entries)
	}
	fmt.Fprintf(e.stdout, "ok %d\n", r.Entries)
	if cp != nil {
		fmt.Fprintf(e.stdout, "与检查点一致：第%d条（%s 签发）及其之前的记录未被改动\n", cp.Seq, cp.At)
	}
	return nil
}

func auditCheckpoint(ctx context.Context, e *env, args []string) error {
	fs := e.flags("audit checkpoint", "[--out FILE]")
	out := fs.String("out", "", "写入的文件（不存在时新建，默认输出到标准输出）；交审计员存放在服务器以外")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if *out != "" { // refuse before cutting: an existing file is an auditor's earlier checkpoint
		if _, err := os.Stat(*out); err == nil {
			return fmt.Errorf("检查点文件 %s 已存在，不会覆盖", *out)
		}
	}
	cp, err := st.AuditCheckpoint(ctx, operator("audit checkpoint"))
	if err != nil {
		return err
	}
	b, _ := json.Marshal(cp)
	b = append(b, '\n')
	if *out == "" {
		_, err := e.stdout.Write(b)
		return err
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("无法创建检查点文件 %s: %w", *out, err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已签发检查点：第%d条 %s，写入 %s（请交审计员存放在服务器以外）\n", cp.Seq, cp.Hash, *out)
	return nil
}

func auditSeal(ctx context.Context, e *env, args []string) error {
	fs := e.flags("audit seal", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.SealAudit(ctx, operator("audit seal"))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已封存旧审计链的 %d 条记录：此后每条记录以审计密钥签名\n", n)
	return nil
}

// auditKey makes the audit key file with the chosen algorithm (HMAC-SM3 for 密评 deployments);
// run it before the first start. It never replaces a key: entries signed with it would no
// longer verify.
func auditKey(ctx context.Context, e *env, args []string) error {
	fs := e.flags("audit key", "[--alg hmac-sha256|hmac-sm3]")
	alg := fs.String("alg", store.AuditHMACSHA256, "签名算法：hmac-sha256，或国密 hmac-sm3（GB/T 32905）")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if _, err := store.NewAuditKey(*alg, make([]byte, 32)); err != nil {
		return usageError{err.Error()}
	}
	path := auditKeyPath(e.auditKeyFile, e.keyFile, e.url())
	if _, err := os.Stat(path); err == nil {
		k, _, err := loadAuditKey(path)
		if err != nil {
			return err
		}
		return fmt.Errorf("审计密钥文件 %s 已存在（%s，指纹 %s），不会覆盖：已签名的记录要用它校验", path, k.Alg(), k.Fingerprint())
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	text, err := readOrCreate(path, func(secret []byte) string { return store.FormatAuditKey(*alg, secret) })
	if err != nil {
		return err
	}
	k, err := store.ParseAuditKey(text)
	if err != nil {
		return err
	}
	// Opening with the new key seals an older version's unkeyed chain under it.
	st, err := e.openSealing(ctx, true)
	if err != nil {
		return err
	}
	st.Close()
	fmt.Fprintf(e.stdout, "已创建审计密钥 %s（%s，指纹 %s）：请与 secret.key 一并备份，不要放进数据库\n", path, k.Alg(), k.Fingerprint())
	return nil
}
