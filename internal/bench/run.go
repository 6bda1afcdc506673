package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/fazhi/fazhi/internal/store"
)

// Prepare makes sure the database holds the plan's data: generated now into an empty
// database, reused when it already holds exactly this size, refused otherwise.
func Prepare(ctx context.Context, st *store.Store, url string, p *Plan, w io.Writer) error {
	r, err := OpenRaw(url)
	if err != nil {
		return err
	}
	defer r.Close()
	d, err := r.data(ctx)
	if err != nil {
		return err
	}
	if _, err := r.Path(ctx, provinceCode); err == nil {
		if d.Records == int64(p.Records()) {
			fmt.Fprintf(w, "数据库已有「%s」规模的数据（记录 %d 条），直接使用\n", p.Size.Name, d.Records)
			return nil
		}
		return fmt.Errorf("数据库已有生成的省份数据，但记录数 %d 不是「%s」规模的 %d 条：请换一个空数据库", d.Records, p.Size.Name, p.Records())
	}
	if d.Orgs > 0 || d.Records > 0 {
		return fmt.Errorf("数据库不是空的（组织 %d，记录 %d）：基准数据只生成到空数据库", d.Orgs, d.Records)
	}
	fmt.Fprintf(w, "生成「%s」规模：%d 个县（其中 %d 个有记录），记录 %d 条\n", p.Size.Name, len(p.Province.Counties),
		p.Size.Replicas, p.Records())
	return Generate(ctx, st, p, w)
}

// Run measures every figure and returns the results in the table's order.
func Run(ctx context.Context, cfg Config) ([]Result, Data, error) {
	r, err := OpenRaw(cfg.URL)
	if err != nil {
		return nil, Data{}, err
	}
	defer r.Close()
	d, err := r.data(ctx)
	if err != nil {
		return nil, d, err
	}
	reading, done, err := readingCases(ctx, cfg, r)
	if done != nil {
		defer done()
	}
	if err != nil {
		return nil, d, err
	}
	res := RunCases(ctx, cfg.only(reading), cfg.Out)
	writing, done2, err := writingCases(ctx, cfg)
	if done2 != nil {
		defer done2()
	}
	if err != nil {
		return res, d, err
	}
	return append(res, RunCases(ctx, cfg.only(writing), cfg.Out)...), d, nil
}

// only keeps the cases cfg.Only names (all of them without it).
func (cfg Config) only(cases []Case) []Case {
	if cfg.Only == nil {
		return cases
	}
	var out []Case
	for _, c := range cases {
		if cfg.Only.MatchString(c.Name) {
			out = append(out, c)
		}
	}
	return out
}

// Scratch makes an empty database of url's engine for the write figures and returns its URL
// and how to drop it: a file beside the SQLite database, or a database on the same PostgreSQL
// server.
func Scratch(ctx context.Context, url string) (string, func(), error) {
	suffix := fmt.Sprintf("bench_scratch_%d_%d", os.Getpid(), time.Now().UnixNano())
	if !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
		path := strings.TrimPrefix(url, "sqlite:") + "." + suffix + ".db"
		return "sqlite:" + path, func() {
			for _, ext := range []string{"", "-wal", "-shm"} {
				os.Remove(path + ext)
			}
		}, nil
	}
	admin, err := sql.Open("pgx", url)
	if err != nil {
		return "", nil, err
	}
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+suffix); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("建立临时数据库：%w", err)
	}
	return withDatabase(url, suffix), func() {
		admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+suffix+" WITH (FORCE)")
		admin.Close()
	}, nil
}

// withDatabase is url with its database name replaced.
func withDatabase(url, name string) string {
	i := strings.LastIndex(url, "/")
	q := ""
	if j := strings.Index(url[i:], "?"); j >= 0 {
		q = url[i+j:]
	}
	return url[:i+1] + name + q
}
