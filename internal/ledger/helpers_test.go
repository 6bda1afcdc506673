package ledger

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/fazhi/fazhi/internal/law"
)

// Committees of the fixture org tree: code → name. Two committees share a name, as happens
// when two villages of different towns are both called 新村.
var committees = map[string]string{
	"441481100201901": "城东社区人民调解委员会",
	"441481101202901": "新村人民调解委员会",
	"441481102203901": "新村人民调解委员会",
	"441481103204901": "石马村人民调解委员会",
}

func resolveOrg(s string) (string, error) {
	if _, ok := committees[s]; ok {
		return s, nil
	}
	var found []string
	for code, name := range committees {
		if name == s {
			found = append(found, code)
		}
	}
	switch len(found) {
	case 0:
		return "", errors.New("未知的组织")
	case 1:
		return found[0], nil
	}
	return "", errors.New("名称对应多个组织，请填写编码")
}

func mediationOpts() ParseOptions { return ParseOptions{ResolveOrg: resolveOrg} }

// writeCSV writes text to dir/name, optionally GB18030-encoded or with a UTF-8 BOM.
func writeCSVFile(t testing.TB, name, text, enc string) string {
	t.Helper()
	var data []byte
	switch enc {
	case "gb18030":
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		data = b
	case "bom":
		data = append(append([]byte{}, utf8BOM...), text...)
	default:
		data = []byte(text)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeBook writes the rows build returns (cells as given: strings, numbers, time.Time, or
// excelize.Cell for a styled cell) with excelize's ordinary API, the way another program
// would produce a ledger. build gets the file to create its styles in.
func writeBook(t testing.TB, build func(f *excelize.File) [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range build(f) {
		for j, c := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if x, ok := c.(excelize.Cell); ok {
				if err := f.SetCellValue("Sheet1", cell, x.Value); err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellStyle("Sheet1", cell, cell, x.StyleID); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := f.SetCellValue("Sheet1", cell, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustRead(t testing.TB, path string) *Sheet {
	t.Helper()
	s, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// errStrings renders errors the way the CLI prints them.
func errStrings(errs []RowError) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.String()
	}
	return out
}

func wantNoErrors(t testing.TB, errs []RowError) {
	t.Helper()
	if len(errs) > 0 {
		t.Fatalf("unexpected errors:\n%s", strings.Join(errStrings(errs), "\n"))
	}
}

func wantValues(t testing.TB, got, want law.Values) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("values:\n got %#v\nwant %#v", got, want)
	}
}

func mustReadFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
