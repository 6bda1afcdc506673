package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := e.flags("serve", "[--addr 127.0.0.1:8080] [--demo]")
	addr := fs.String("addr", "127.0.0.1:8080", "监听地址")
	withDemo := fs.Bool("demo", false, "数据库为空时先载入兴宁市演示数据（截至今天）")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	// The administrator first, then the server: a newcomer can open /login and sign in while the
	// demo's half a minute of records goes in behind it. A database without an enabled 系统管理员
	// always gets one.
	if err := bootstrapAdmin(ctx, e, st); err != nil {
		return err
	}
	loadingDemo := false
	if *withDemo {
		if loadingDemo, err = isEmpty(ctx, st); err != nil {
			return err
		}
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv, err := web.New(web.Config{Store: st, Logger: logger})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("无法监听 %s: %w", *addr, err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 5 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	go dailyNotify(ctx, st, logger)
	fmt.Fprintf(e.stdout, "fazhi 已启动：http://%s （%s 数据库，按 Ctrl+C 停止）\n", ln.Addr(), st.Dialect())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	go func() {
		if loadingDemo {
			fmt.Fprintln(e.stdout, "正在后台载入兴宁市演示数据（约半分钟），页面已可访问，数据载入后陆续出现……")
			if err := loadDemo(ctx, e, st, st.Today()); err != nil {
				// The server keeps serving the accounts made above; the demo can be loaded again
				// into a fresh database.
				logger.Error("演示数据载入失败", "err", err)
			}
		}
		// After the demo: the automatic steps read its records, and would wait on its writes.
		deemedSteps(ctx, st, logger)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(e.stdout, "fazhi 已停止")
	return nil
}

// deemedSteps takes the automatic steps the law attaches to periods running out (视为受理) at
// start-up and then every hour, so that a case is never left waiting on a clerk for them (a
// lapse a clerk must confirm, such as 视为放弃, is only proposed on the deadlines page).
func deemedSteps(ctx context.Context, st *store.Store, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := st.ApplyDeemed(ctx, st.Today()); err != nil {
			log.Error("期限届满自动处理失败", "err", err)
		} else if n > 0 {
			log.Info("期限届满自动处理", "steps", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// bootstrapAdmin creates the administrator `admin` on a database without an enabled 系统管理员,
// with the password from FAZHI_ADMIN_PASSWORD or a one-time password printed once (cli.md), and
// likewise `secadmin`, the first 安全保密管理员 (FAZHI_SECADMIN_PASSWORD), without whom no account
// with case access could be approved on the web (三员分立). They are printed only here: a lost
// one is replaced with `fazhi user passwd NAME`.
func bootstrapAdmin(ctx context.Context, e *env, st *store.Store) error {
	if err := bootstrapAccount(ctx, e, st, "admin", auth.RoleSysadmin, "FAZHI_ADMIN_PASSWORD"); err != nil {
		return err
	}
	return bootstrapAccount(ctx, e, st, "secadmin", auth.RoleSecadmin, "FAZHI_SECADMIN_PASSWORD")
}

// bootstrapAccount creates the account name with role when no enabled account has the role.
func bootstrapAccount(ctx context.Context, e *env, st *store.Store, name, role, passwordEnv string) error {
	label := auth.RoleLabel(role)
	n, err := st.UsersWithRole(ctx, role)
	if err != nil || n > 0 {
		return err
	}
	if _, err := st.UserByName(ctx, name); store.ErrorCode(err) != store.ENOTFOUND {
		if err != nil {
			return err
		}
		// The account exists but was disabled or given another role on purpose: say how to get
		// one back rather than overwrite it.
		fmt.Fprintf(e.stderr, "提示：没有可用的%s账号（%s 已停用或已不是%s，未自动改动）；"+
			"可用 fazhi user add 用户名 --role %s 另建一个%s\n", label, name, label, role, label)
		return nil
	}
	pw, printed := os.Getenv(passwordEnv), false
	if pw == "" {
		pw, printed = auth.RandomPassword(), true
	} else if msg := auth.CheckPolicy(name, pw); msg != "" {
		return fmt.Errorf("%s 不符合密码要求：%s", passwordEnv, msg)
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	if _, err := st.SaveUser(ctx, operator("serve"), system(), store.UserInput{Username: name, DisplayName: label,
		PasswordHash: hash, Role: role, MustChangePassword: printed}); err != nil {
		return err
	}
	if printed {
		fmt.Fprintf(e.stdout, "已创建%s %s，一次性密码：%s （只显示这一次，首次登录后须修改；遗失可用 fazhi user passwd %s 重设）\n", label, name, pw, name)
	} else {
		fmt.Fprintf(e.stdout, "已创建%s %s（密码取自 %s）\n", label, name, passwordEnv)
	}
	return nil
}
