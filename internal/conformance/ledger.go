package conformance

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
)

// checkLedger: the exported .xlsx carries every record exactly (read back by the ledger reader
// that imports files), and importing it again changes nothing.
func (w *world) checkLedger(t *testing.T) {
	kind, c := w.kind, w.as(t, w.clerk)
	before := w.list(t, c, "")
	code, file := c.get("/records/" + kind.Name + "/export.xlsx")
	if code != http.StatusOK {
		t.Fatalf("export: %d %s", code, clip(file))
	}
	sheet, err := ledger.ReadFrom(bytes.NewReader(file), kind.Name+".xlsx")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	rows, errs, _ := ledger.ParseKind(kind, sheet, ledger.ParseOptions{ResolveOrg: func(s string) (string, error) {
		o, err := w.st.ResolveOrg(ctx, store.SystemAll(), s)
		return o.Code, err
	}})
	if len(errs) > 0 {
		t.Fatalf("the export does not read back: %v", errs)
	}
	if len(rows) != before.Total {
		t.Fatalf("export has %d rows for %d records", len(rows), before.Total)
	}
	cf, _ := kind.FieldByColumn(law.ColCode)
	byCode := map[string]law.Values{}
	for _, r := range before.Items {
		byCode[r.Code] = r.values()
	}
	for _, row := range rows {
		want, ok := byCode[row.Values.Str(cf.Key)]
		if !ok {
			t.Errorf("export row %d: no record %s", row.Line, row.Values.Str(cf.Key))
			continue
		}
		for _, f := range kind.Fields {
			if !sameValue(row.Values[f.Key], want[f.Key]) {
				t.Errorf("export row %d (%s): %s is %v, the record has %v", row.Line, row.Values.Str(cf.Key), f.Label, row.Values[f.Key], want[f.Key])
			}
		}
	}

	resp, body := c.upload("/records/"+kind.Name+"/import", kind.Name+".xlsx", file, url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("re-import: %d %s", resp.StatusCode, clip(body))
	}
	after := w.list(t, c, "")
	versions := map[int64]int{}
	for _, r := range after.Items {
		versions[r.ID] = r.Version
	}
	if after.Total != before.Total {
		t.Errorf("re-import: %d records, was %d", after.Total, before.Total)
	}
	for _, r := range before.Items {
		if versions[r.ID] != r.Version {
			t.Errorf("re-import changed %s: version %d → %d", r.Code, r.Version, versions[r.ID])
		}
	}
}

// checkTemplate: the blank template's first row is the kind's labels in order, and every
// enumeration and yes/no column has a drop-down of exactly its words.
func (w *world) checkTemplate(t *testing.T) {
	kind := w.kind
	code, file := w.as(t, w.clerk).get("/records/" + kind.Name + "/template.xlsx")
	if code != http.StatusOK {
		t.Fatalf("template: %d %s", code, clip(file))
	}
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data := f.GetSheetName(0)
	rows, err := f.GetRows(data)
	if err != nil || len(rows) == 0 {
		t.Fatalf("template has no header row: %v", err)
	}
	var labels []string
	for _, fd := range kind.Fields {
		labels = append(labels, fd.Label)
	}
	if strings.Join(rows[0], "|") != strings.Join(labels, "|") {
		t.Errorf("template headers %q, want %q", rows[0], labels)
	}
	if len(rows) > 1 {
		t.Errorf("blank template has %d data rows", len(rows)-1)
	}
	dvs, err := f.GetDataValidations(data)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string][]string{} // column letter → words
	for _, dv := range dvs {
		col := strings.TrimRight(strings.SplitN(dv.Sqref, ":", 2)[0], "0123456789")
		lists[col] = w.dropDownWords(t, f, dv.Formula1)
	}
	for i, fd := range kind.Fields {
		col, _ := excelize.ColumnNumberToName(i + 1)
		var want []string
		switch fd.Type {
		case law.Enum:
			want = fd.Values
		case law.Bool:
			want = []string{"是", "否"}
		}
		got, has := lists[col]
		if (want != nil) != has || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("template column %s (%s): drop-down %q, want %q", col, fd.Label, got, want)
		}
	}
}

// dropDownWords reads a list validation: inline ("a,b,c") or a range of another sheet.
func (w *world) dropDownWords(t *testing.T, f *excelize.File, formula string) []string {
	formula = strings.TrimSpace(formula)
	if strings.HasPrefix(formula, `"`) {
		return strings.Split(strings.Trim(formula, `"`), ",")
	}
	sheet, rng, ok := strings.Cut(formula, "!")
	if !ok {
		t.Errorf("drop-down formula %q", formula)
		return nil
	}
	sheet = strings.Trim(sheet, "'")
	from, to, _ := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
	col, r1, err1 := excelize.SplitCellName(from)
	_, r2, err2 := excelize.SplitCellName(to)
	if err1 != nil || err2 != nil {
		t.Errorf("drop-down range %q", rng)
		return nil
	}
	var out []string
	for r := r1; r <= r2; r++ {
		v, _ := f.GetCellValue(sheet, fmt.Sprintf("%s%d", col, r))
		out = append(out, v)
	}
	return out
}
