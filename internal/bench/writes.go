package bench

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/csv"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/intake"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
)

// The writing figures run on a scratch database of the same engine holding one county's tree,
// so that the bench database keeps the size it was generated at.

// scratchCounty is the county the writes go to.
var scratchCounty = County{Code: "449901", Name: "试验县"}

type writers struct {
	cfg  Config
	st   *store.Store
	raw  *Raw
	dir  string
	kind *law.Kind
	med  []law.Values // the template's mediation ledger, moved into the scratch county
}

// writingCases opens the scratch database and builds the write figures.
func writingCases(ctx context.Context, cfg Config) ([]Case, func(), error) {
	// Its own keys: nothing in it outlives the run.
	key := make([]byte, 32)
	rand.Read(key)
	auditKey, err := store.NewAuditKey(store.AuditHMACSHA256, key)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, cfg.Scratch, store.Options{Key: key, AuditKey: auditKey})
	if err != nil {
		return nil, nil, err
	}
	// Its writes keep the tallies as a deployment's do (cmd/fazhi).
	if _, err := indicators.UseTallies(ctx, st); err != nil {
		st.Close()
		return nil, nil, err
	}
	w := &writers{cfg: cfg, st: st}
	w.kind, _ = law.Lookup("mediation")
	closeAll := func() {
		st.Close()
		if w.raw != nil {
			w.raw.Close()
		}
		if w.dir != "" {
			os.RemoveAll(w.dir)
		}
	}
	if _, err := st.ImportOrgs(ctx, actor, store.SystemAll(), scratchCounty.orgs(cfg.Plan.Template)); err != nil {
		return nil, closeAll, err
	}
	if w.raw, err = openRawWritable(cfg.Scratch); err != nil {
		return nil, closeAll, err
	}
	if w.dir, err = os.MkdirTemp("", "fazhi-bench-csv-"); err != nil {
		return nil, closeAll, err
	}
	for _, l := range cfg.Plan.Template.Ledgers {
		if l.Kind == w.kind {
			for _, v := range l.Rows {
				w.med = append(w.med, scratchCounty.values(l.Kind, v))
			}
		}
	}
	if len(w.med) == 0 {
		return nil, closeAll, fmt.Errorf("模板中没有人民调解记录")
	}
	big, err := w.ledgerFile("big", cfg.ImportRows)
	if err != nil {
		return nil, closeAll, err
	}
	small, err := w.ledgerFile("small", cfg.SmallImport)
	if err != nil {
		return nil, closeAll, err
	}
	cases := []Case{
		{Name: fmt.Sprintf("import %d mediation rows (CSV)", cfg.ImportRows), Same: true, Once: true, Bounded: "encoding/csv alone",
			Run: w.importFile(big), Bound: readCSV(big)},
		{Name: fmt.Sprintf("import %d rows", cfg.SmallImport), Same: true, Once: true, Bounded: "encoding/csv alone",
			Run: w.importFile(small), Bound: readCSV(small)},
	}
	api, err := w.apiCase(ctx)
	if err != nil {
		return nil, closeAll, err
	}
	return append(cases, api), closeAll, nil
}

// ledgerFile writes n mediation rows as the CSV ledger a bureau would import: the template's
// disputes over and over, each copy with 编号 of its own.
func (w *writers) ledgerFile(name string, n int) (string, error) {
	rows := make([]law.Values, n)
	for i := range rows {
		v := w.med[i%len(w.med)].Clone()
		v["code"] = fmt.Sprintf("%s-%s%d", v.Str("code"), name, i/len(w.med))
		rows[i] = v
	}
	path := filepath.Join(w.dir, name+".csv")
	return path, ledger.Write(path, w.kind.Fields, rows)
}

// importFile is `fazhi import --kind mediation FILE`: read, parse, validate, write. A file
// imported again is all 未变, so each run after the first measures re-importing it.
func (w *writers) importFile(path string) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		t0 := time.Now()
		sheet, err := ledger.Open(path, ledger.DefaultLimits())
		if err != nil {
			return Answer{}, err
		}
		defer sheet.Close()
		res, err := intake.Records(ctx, w.st, actor, store.SystemAll(), w.kind, sheet, intake.Options{})
		if err != nil {
			return Answer{}, err
		}
		if res.Total > 0 {
			return Answer{}, fmt.Errorf("导入有 %d 处错误：%v", res.Total, res.Errors[0])
		}
		n := res.Created + res.Updated + res.Unchanged
		return Answer{Value: fmt.Sprintf("%d rows", n),
			Note: fmt.Sprintf("%.0f rows/s (新增 %d 未变 %d)", float64(n)/time.Since(t0).Seconds(), res.Created, res.Unchanged)}, nil
	}
}

// readCSV is the least an import does: read the file and split it into rows.
func readCSV(path string) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		f, err := os.Open(path)
		if err != nil {
			return Answer{}, err
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		n := -1 // the header
		for {
			if _, err := r.Read(); err != nil {
				break
			}
			n++
		}
		return Answer{Value: fmt.Sprintf("%d rows", n)}, nil
	}
}

// apiCase: APIClients clients create APIRequests disputes through POST /api/v1/records/mediation,
// beside the same number of one-row INSERT transactions from as many connections — the
// durable commit each write cannot do without.
func (w *writers) apiCase(ctx context.Context) (Case, error) {
	h, err := w.cfg.Handler(w.st)
	if err != nil {
		return Case{}, err
	}
	root := scratchCounty.Code
	wc, err := signIn(ctx, w.st, h, store.UserInput{Username: "bench-clerk", Role: auth.RoleClerk, OrgCode: root,
		Kinds: []string{"mediation"}})
	if err != nil {
		return Case{}, err
	}
	var committees []string
	for _, o := range scratchCounty.orgs(w.cfg.Plan.Template) {
		if o.Type == "人民调解委员会" {
			committees = append(committees, o.Code)
		}
	}
	if _, err := w.raw.db.ExecContext(ctx, w.raw.floorTable()); err != nil {
		return Case{}, err
	}
	round := 0
	n, clients := w.cfg.APIRequests, w.cfg.APIClients
	return Case{Name: fmt.Sprintf("API create, %d clients", clients), Same: true, Bounded: "one-row INSERT transactions",
		Run: func(ctx context.Context) (Answer, error) {
			round++
			return concurrently(n, clients, func(i int) error {
				status, body, err := wc.postJSON("/api/v1/records/mediation", map[string]any{"values": map[string]any{
					"code": fmt.Sprintf("API-%d-%06d", round, i), "committee": committees[i%len(committees)],
					"accepted_on": "2024-06-03", "dispute_type": "邻里", "parties": []string{"甲", "乙"}, "mediator": "王调解"}})
				if err == nil && status != http.StatusCreated {
					err = fmt.Errorf("%d %s", status, firstLine(body))
				}
				return err
			})
		},
		Bound: func(ctx context.Context) (Answer, error) {
			q := w.raw.Bind(`INSERT INTO bench_floor (body) VALUES (?)`)
			return concurrently(n, clients, func(i int) error {
				_, err := w.raw.db.ExecContext(ctx, q, fmt.Sprintf(`{"code":"API-%06d"}`, i))
				return err
			})
		}}, nil
}

// concurrently runs n calls of fn from c goroutines and reports the rate and the 99th
// percentile latency.
func concurrently(n, c int, fn func(i int) error) (Answer, error) {
	lat := make([]time.Duration, n)
	next := make(chan int)
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	t0 := time.Now()
	for g := 0; g < c; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				s := time.Now()
				err := fn(i)
				lat[i] = time.Since(s)
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	wall := time.Since(t0)
	if first != nil {
		return Answer{}, first
	}
	slices.Sort(lat)
	p99 := lat[min(n-1, n*99/100)]
	return Answer{Value: fmt.Sprintf("%d created", n),
		Note: fmt.Sprintf("%.0f/s, p99 %s", float64(n)/wall.Seconds(), p99.Round(100*time.Microsecond))}, nil
}

// openRawWritable opens the scratch database for the floor's inserts with the store's own
// durability settings (WAL, synchronous=FULL on SQLite).
func openRawWritable(url string) (*Raw, error) {
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		return OpenRaw(url)
	}
	path := strings.TrimPrefix(url, "sqlite:")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)"+
		"&_pragma=busy_timeout(10000)&_txlock=immediate")
	return &Raw{db: db}, err
}

func (r *Raw) floorTable() string {
	if r.pg {
		return `CREATE TABLE IF NOT EXISTS bench_floor (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL)`
	}
	return `CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`
}
