package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/fazhi/fazhi/internal/store"
)

// Case is one figure of issue 15's table: what fazhi does (Run) beside its lower bound measured
// in the same run (Bound: a hand-written query giving the same answer, or the raw read the work
// cannot avoid). Same says the two answers must agree — the test at the CI size checks that
// they do, so that a bound is never a cheaper query answering something else.
type Case struct {
	Name string
	Same bool
	// Once: the case changes what it measures when repeated (an import the second time finds
	// every row 未变), so it runs once.
	Once  bool
	Run   func(ctx context.Context) (Answer, error)
	Bound func(ctx context.Context) (Answer, error)
	// Bounded names the bound in the table ("COUNT", "raw read", …).
	Bounded string
}

// Answer is what a side computed: a text to compare, and what to print.
type Answer struct {
	Value string // compared when Same
	Note  string // printed beside (bytes, rows/s, p99 …)
}

// Result is one measured case.
type Result struct {
	Case          Case
	Run, Bound    time.Duration
	RunA, BoundA  Answer
	RunErr, BndEr error
}

// Ratio is Run ÷ Bound.
func (r Result) Ratio() float64 {
	if r.Bound <= 0 {
		return 0
	}
	return float64(r.Run) / float64(r.Bound)
}

// Agrees reports whether a Same case's answers are equal (true for the others).
func (r Result) Agrees() bool { return !r.Case.Same || r.RunA.Value == r.BoundA.Value }

// Config is what the suite runs against.
type Config struct {
	URL   string // the database's URL (sqlite:PATH or postgres://…)
	Store *store.Store
	Plan  *Plan
	// Handler builds the web application on a store (web.New(…).Handler()); cmd/fazhi and the
	// tests pass it in, since nothing below cmd imports internal/web.
	Handler func(*store.Store) (http.Handler, error)
	// ImportRows and SmallImport are the sizes of the two import figures (100,000 and 1,000);
	// APIRequests is how many records the 50 API clients create together.
	ImportRows, SmallImport, APIRequests, APIClients int
	// Scratch is where the write figures run: a URL of an empty database of the same engine
	// (the bench database keeps its size). Made and dropped by the caller.
	Scratch string
	// Only, when set, keeps the cases whose names it matches (`fazhi bench --only`): one figure
	// measured again without the whole table's minutes.
	Only *regexp.Regexp
	Out  io.Writer
}

// measure runs fn once, and twice more when it is quick, keeping the fastest time (the machine
// is shared; the minimum is the least disturbed run).
func measure(ctx context.Context, once bool, fn func(context.Context) (Answer, error)) (time.Duration, Answer, error) {
	var best time.Duration
	var ans Answer
	for i := 0; i < 3; i++ {
		t0 := time.Now()
		a, err := fn(ctx)
		d := time.Since(t0)
		if err != nil {
			return d, a, err
		}
		if i == 0 || d < best {
			best, ans = d, a
		}
		if once || best > 2*time.Second {
			break
		}
	}
	return best, ans, nil
}

// RunCases measures each case, printing each line as it comes.
func RunCases(ctx context.Context, cases []Case, w io.Writer) []Result {
	var out []Result
	for _, c := range cases {
		r := Result{Case: c}
		r.Run, r.RunA, r.RunErr = measure(ctx, c.Once, c.Run)
		r.Bound, r.BoundA, r.BndEr = measure(ctx, c.Once, c.Bound)
		out = append(out, r)
		if w != nil {
			fmt.Fprintf(w, "  %s: %s / %s\n", c.Name, r.Run.Round(time.Millisecond), r.Bound.Round(time.Millisecond))
		}
	}
	return out
}

// Print writes the table.
func Print(w io.Writer, engine string, d Data, rs []Result) {
	fmt.Fprintf(w, "\n%s — 组织 %d，记录 %d，期限 %d，审计 %d\n", engine, d.Orgs, d.Records, d.Clocks, d.Audit)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tfazhi\tlower bound\tratio\tanswer\tnote")
	for _, r := range rs {
		ratio := fmt.Sprintf("%.1f×", r.Ratio())
		ans := r.RunA.Value
		switch {
		case r.RunErr != nil || r.BndEr != nil:
			ratio, ans = "—", fmt.Sprint("错误：", r.RunErr, r.BndEr)
		case r.Case.Same && !r.Agrees():
			ans = fmt.Sprintf("不一致！%s ≠ %s", r.RunA.Value, r.BoundA.Value)
		case r.Case.Same:
			ans += " ="
		}
		note := strings.TrimSpace(r.RunA.Note + " | " + r.Case.Bounded + " " + r.BoundA.Note)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Case.Name, fmtDur(r.Run), fmtDur(r.Bound), ratio, ans, note)
	}
	tw.Flush()
}

func fmtDur(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond).String()
	}
	return d.Round(time.Microsecond).String()
}

// Machine describes where the suite ran.
func Machine() string {
	cpu := "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				cpu = strings.TrimSpace(strings.SplitN(l, ":", 2)[1])
				break
			}
		}
	}
	mem := "?"
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "MemTotal:") {
				var kb int64
				fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "MemTotal:")), "%d", &kb)
				mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	return fmt.Sprintf("%s, %d cores, %s, %s %s/%s", cpu, runtime.NumCPU(), mem, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
