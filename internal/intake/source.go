package intake

import (
	"context"
	"fmt"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
)

// Another system's export (a law.Source, such as 粤执法's case export) imports as it comes: its
// headers are renamed to the ledger's labels by the mapping in force, then the file is judged
// and written exactly as a ledger of ours (same parser, same upsert by org and 编号, so a
// re-import of an overlapping export updates and never duplicates).

// Mapping is a source's mapping in force and whether the deployment's setting gave it.
func Mapping(ctx context.Context, st *store.Store, kind *law.Kind, src law.Source) ([]law.SourceColumn, bool, error) {
	v, ok, err := st.Setting(ctx, law.MappingSetting(kind.Name, src.Name))
	if err != nil || !ok {
		return src.Columns, false, err
	}
	cols, err := law.ParseMapping(kind, v)
	if err != nil {
		return nil, true, fmt.Errorf("参数 %s 有误：%v", law.MappingSetting(kind.Name, src.Name), err)
	}
	return cols, true, nil
}

// CheckMappingSetting validates a mapping.<kind>.<source> setting before it is saved ("" restores
// the declared mapping).
func CheckMappingSetting(key, value string) error {
	rest, _ := strings.CutPrefix(key, "mapping.")
	kindName, srcName, _ := strings.Cut(rest, ".")
	kind, ok := law.Lookup(kindName)
	if !ok {
		return fmt.Errorf("对应关系参数应写作 mapping.<台账>.<来源>：没有台账「%s」", kindName)
	}
	if _, ok := kind.Source(srcName); !ok {
		var names []string
		for _, s := range kind.Sources {
			names = append(names, s.Name)
		}
		return fmt.Errorf("「%s」没有名为「%s」的导入来源（可用：%s）", kind.Label, srcName, strings.Join(names, "、"))
	}
	if value == "" {
		return nil
	}
	_, err := law.ParseMapping(kind, value)
	return err
}

// fromSource renames the headers of an export of one of the kind's sources and returns the
// source's name ("" when the sheet is a ledger of ours) and, by our label, the export's header
// that the row errors name beside it. A sheet is a source's export when it
// carries the header the source maps onto the 编号 and not the ledger's own 编号 column.
func fromSource(ctx context.Context, st *store.Store, kind *law.Kind, sheet *ledger.Sheet) (string, map[string]string, error) {
	code, _ := kind.FieldByColumn(law.ColCode)
	if len(kind.Sources) == 0 || sheet.HasHeader(code.Label) {
		return "", nil, nil
	}
	for _, src := range kind.Sources {
		cols, _, err := Mapping(ctx, st, kind, src)
		if err != nil {
			return "", nil, err
		}
		rename := make(map[string]string, len(cols))
		key := ""
		for _, c := range cols {
			f, _ := kind.Field(c.Field)
			rename[c.Header] = f.Label
			if c.Field == code.Key {
				key = c.Header
			}
		}
		if key != "" && sheet.HasHeader(key) {
			back := map[string]string{}
			for h, label := range rename {
				if sheet.HasHeader(h) {
					back[label] = h
				}
			}
			sheet.RenameHeaders(rename)
			return src.Name, back, nil
		}
	}
	return "", nil, nil
}
