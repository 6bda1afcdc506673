package bench

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// batch is how many rows one import transaction takes: large enough that a transaction's cost
// is spread, small enough that a failure names its rows and memory stays bounded.
const batch = 2000

// actor is who the generated data was entered by, in the audit trail.
var actor = store.Actor{Name: "system:bench", RequestID: "bench generate", ClientAddr: "local"}

// Plan is what a size writes: the tree and, per replica county, the template's ledgers.
type Plan struct {
	Size     Size
	Province Province
	Template *Template
	ledgers  []Ledger // the template's ledgers as this size takes them (all, or the CI subset)
}

// NewPlan lays out a size over a template.
func NewPlan(t *Template, sz Size) *Plan {
	p := &Plan{Size: sz, Province: NewProvince(sz), Template: t, ledgers: t.Ledgers}
	if sz.PerLedger > 0 {
		p.ledgers = subset(t.Ledgers, sz.PerLedger)
	}
	return p
}

// Records is how many records the plan writes.
func (p *Plan) Records() int {
	per := 0
	for _, l := range p.ledgers {
		per += len(l.Rows)
	}
	return per * p.Size.Replicas
}

// subset keeps about n rows of each ledger, spread over it, and of the later ledgers only rows whose references
// name a record kept (a hearing whose case was left out would be refused).
func subset(ls []Ledger, n int) []Ledger {
	kept := map[string]map[string]bool{} // kind → 编号
	var out []Ledger
	for _, l := range ls {
		codeField, _ := l.Kind.FieldByColumn(law.ColCode)
		sub := Ledger{Kind: l.Kind}
		kept[l.Kind.Name] = map[string]bool{}
		// The demo writes the cases still open last: the last quarter of the rows taken are
		// the ledger's last, so that open and overdue clocks are among them.
		last := len(l.Rows) - n/4
		stride := max(1, last/(n-n/4))
		for i, v := range l.Rows {
			if i%stride == 0 && i < last || i >= last {
				if refsKept(l.Kind, v, kept) {
					sub.Rows = append(sub.Rows, v)
					kept[l.Kind.Name][v.Str(codeField.Key)] = true
				}
			}
		}
		out = append(out, sub)
	}
	return out
}

func refsKept(k *law.Kind, v law.Values, kept map[string]map[string]bool) bool {
	for _, f := range k.Fields {
		if f.Type == law.Ref && v.Str(f.Key) != "" && !kept[f.RefKind][v.Str(f.Key)] {
			return false
		}
	}
	return true
}

// Data is the size of what a database holds.
type Data struct {
	Orgs, Records, Clocks, Audit int64
}

// Generate writes the plan through the public write path: the tree with ImportOrgs and each
// replica's ledgers with ImportRecords, a few thousand rows a transaction, so the records, their
// events, clocks and audit entries are what any import writes. It says its progress on w.
func Generate(ctx context.Context, st *store.Store, p *Plan, w io.Writer) error {
	sc := store.SystemAll()
	start := time.Now()
	orgs := p.Province.Orgs(p.Template)
	for i := 0; i < len(orgs); i += batch * 5 {
		if _, err := st.ImportOrgs(ctx, actor, sc, orgs[i:min(i+batch*5, len(orgs))]); err != nil {
			return fmt.Errorf("生成组织架构失败：%w", err)
		}
	}
	fmt.Fprintf(w, "组织 %d 个，用时 %s\n", len(orgs), time.Since(start).Round(time.Millisecond))
	written := 0
	for _, c := range p.Province.Counties {
		if !c.Replica {
			continue
		}
		t0 := time.Now()
		n := 0
		for _, l := range p.ledgers {
			rows := make([]store.ImportRow, 0, batch)
			flush := func() error {
				if len(rows) == 0 {
					return nil
				}
				_, bad, err := st.ImportRecords(ctx, actor, sc, l.Kind.Name, rows, false)
				if err != nil {
					return fmt.Errorf("生成「%s」%s失败：%w%s", c.Name, l.Kind.Label, err, firstBad(bad))
				}
				n += len(rows)
				rows = rows[:0]
				return nil
			}
			for _, v := range l.Rows {
				rows = append(rows, store.ImportRow{Line: len(rows) + 2, Values: c.values(l.Kind, v)})
				if len(rows) == batch {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			if err := flush(); err != nil {
				return err
			}
		}
		written += n
		el := time.Since(t0)
		fmt.Fprintf(w, "%s（%s）记录 %d 条，用时 %s（%.0f 条/秒）；累计 %d / %d\n", c.Name, c.Code, n,
			el.Round(time.Millisecond), float64(n)/el.Seconds(), written, p.Records())
	}
	el := time.Since(start)
	fmt.Fprintf(w, "生成完毕：记录 %d 条，总用时 %s（%.0f 条/秒）\n", written, el.Round(time.Second), float64(written)/el.Seconds())
	return nil
}

func firstBad(bad []store.RowError) string {
	for _, b := range bad {
		return fmt.Sprintf("（共 %d 行被拒，第 %d 行「%s」：%s）", len(bad), b.Line, b.Field, b.Message)
	}
	return ""
}
