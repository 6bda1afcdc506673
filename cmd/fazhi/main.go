// Command fazhi is the whole application: the web server, the ledgers, the statistics and the
// administration commands (../shared/spec/cli.md). This file holds the wiring only.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/web"
)

// Set by the linker: -ldflags "-X main.version=… -X main.commit=…".
var (
	version = "dev"
	commit  = "unknown"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

var commands = []command{
	{"serve", "运行网页应用和 JSON API", runServe},
	{"demo", "载入兴宁市 2024 演示数据", runDemo},
	{"import", "导入台账（.xlsx/.csv）", runImport},
	{"export", "导出台账（.xlsx/.csv）", runExport},
	{"template", "生成空白台账模板（.xlsx）", runTemplate},
	{"stats", "计算统计指标", runStats},
	{"report", "生成法治政府建设年度报告（html/md/docx）", runReport},
	{"deadlines", "列出未届满和已逾期的法定期限", runDeadlines},
	{"notify", "把即将到期和已逾期的期限推送到配置的地址（签名 JSON）", runNotify},
	{"calendar", "工作日历：add 推算期限，check 查询某日，import 导入节假日安排", runCalendar},
	{"audit", "审计日志：verify 校验签名的哈希链（--checkpoint 与检查点核对），checkpoint 签发检查点，seal 封存旧链，key 生成审计密钥", runAudit},
	{"backup", "在线备份整个数据库", runBackup},
	{"restore", "把备份恢复到空数据库（密钥指纹不符时拒绝，除非 --without-key）", runRestore},
	{"user", "账号管理：add 新建，passwd 重设密码", runUser},
	{"settings", "本地参数：比率的分母与取舍、文书模板", runSettings},
	{"migrate", "执行数据库迁移并显示结构版本", runMigrate},
	{"tallies", "指标计数表：--check YYYY 与记录核对，--rebuild 从记录重新统计", runTallies},
	{"bench", "生成省级规模的数据并测量各项指标与其下界（性能基准）", runBench},
	{"version", "显示版本", runVersion},
}

// env is what every subcommand shares.
type env struct {
	stdout, stderr io.Writer
	dbURL          string
	keyFile        string
	auditKeyFile   string
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			// A bad declaration of an indicator, notice or outline is a defect of this build:
			// refuse to run rather than print wrong figures.
			if err := web.CheckDeclarations(); err != nil {
				fmt.Fprintln(stderr, "错误：", err)
				return 1
			}
			e := &env{stdout: stdout, stderr: stderr}
			err := c.run(ctx, e, args[1:])
			var ue usageError
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.As(err, &ue):
				fmt.Fprintln(stderr, "用法错误：", ue.msg)
				return 2
			default:
				fmt.Fprintln(stderr, "错误：", store.ErrorMessageOr(err))
				return 1
			}
		}
	}
	fmt.Fprintf(stderr, "未知的子命令「%s」\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "fazhi — 法治政府建设工作平台\n\n用法：fazhi <子命令> [参数]\n\n子命令：")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n每个子命令都接受 -h 查看参数。数据库：--db URL，或环境变量 FAZHI_DB，默认", store.DefaultURL)
}

// flags returns a flag set with the options every subcommand has (cli.md "Database selection").
func (e *env) flags(name, usageLine string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&e.dbURL, "db", "", "数据库：sqlite:路径、*.db 或 postgres://…（默认取 FAZHI_DB，再默认 "+store.DefaultURL+"）")
	fs.StringVar(&e.keyFile, "key-file", "", "身份证号和电话号码的加密密钥文件（默认取 FAZHI_KEY_FILE，再默认与 SQLite 数据库同目录的 secret.key，PostgreSQL 时为 ./fazhi-data/secret.key）")
	fs.StringVar(&e.auditKeyFile, "audit-key-file", "", "审计链签名密钥文件（默认取 FAZHI_AUDIT_KEY_FILE，再默认与加密密钥同目录的 audit.key）")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "用法：fazhi %s %s\n\n", name, usageLine)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, allowing them before and after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// subcommand splits `calendar --db X add …` into "add" and the remaining arguments, so that
// the shared flags may stand before or after a second-level subcommand.
func subcommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--db" || a == "-db" || a == "--key-file" || a == "-key-file" ||
			a == "--audit-key-file" || a == "-audit-key-file":
			i++
		case strings.HasPrefix(a, "-"):
		default:
			return a, append(append([]string{}, args[:i]...), args[i+1:]...)
		}
	}
	return "", args
}

// open opens the database the flags and environment name, with its two keys.
func (e *env) open(ctx context.Context) (*store.Store, error) { return e.openSealing(ctx, false) }

// openSealing is open; seal closes an unkeyed audit chain under the audit key (as a key made
// just now always does).
func (e *env) openSealing(ctx context.Context, seal bool) (*store.Store, error) {
	url := e.url()
	key, err := loadKey(e.keyFile, url)
	if err != nil {
		return nil, err
	}
	auditKey, created, err := loadAuditKey(auditKeyPath(e.auditKeyFile, e.keyFile, url))
	if err != nil {
		return nil, err
	}
	// A key made just now meets the unkeyed chain of an older version: seal it under the key.
	st, err := store.Open(ctx, url, store.Options{Key: key, AuditKey: auditKey, SealAudit: created || seal})
	if err != nil {
		return nil, err
	}
	// The figures' counts kept in the tallies: a count new or changed since the last start is
	// counted afresh from the records (once, after an upgrade), the others cost nothing.
	start := time.Now()
	n, err := indicators.UseTallies(ctx, st)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("无法建立指标计数表: %w", err)
	}
	if n > 0 {
		fmt.Fprintf(os.Stderr, "指标计数表：重新统计 %d 项计数，用时 %s\n", n, time.Since(start).Round(time.Millisecond))
	}
	return st, nil
}

// url is the database URL the flags and environment name.
func (e *env) url() string {
	switch {
	case e.dbURL != "":
		return e.dbURL
	case os.Getenv("FAZHI_DB") != "":
		return os.Getenv("FAZHI_DB")
	}
	return store.DefaultURL
}

// system is the operator's scope at the shell: every kind, every org.
func system() store.Scope {
	return store.SystemAll()
}

// operator is the actor the audit trail records for shell commands.
func operator(cmd string) store.Actor {
	user := os.Getenv("USER")
	if user == "" {
		user = "unknown"
	}
	return store.Actor{Name: "cli:" + user, RequestID: cmd, ClientAddr: "local"}
}

func kindNames() string {
	var names []string
	for _, k := range law.Kinds() {
		names = append(names, k.Name+"（"+k.Label+"）")
	}
	sort.Strings(names)
	return strings.Join(append([]string{"org（组织架构）"}, names...), "、")
}
