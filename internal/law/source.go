package law

import (
	"fmt"
	"strings"
)

// Source is another system whose exports a kind can be imported from as they come (粤执法's case
// export): its column headers mapped onto the kind's fields. The declared Columns are the
// default; a deployment replaces them in the setting MappingSetting(kind, source) when the other
// system renames a column, so no release is needed for it.
type Source struct {
	Name    string // the other system, as users call it
	Columns []SourceColumn
}

// SourceColumn maps one header of the other system's export onto a field (by key).
type SourceColumn struct {
	Header string // as the export writes it
	Field  string // our field's key
}

// MappingSetting is the setting that replaces a source's declared mapping.
func MappingSetting(kind, source string) string { return "mapping." + kind + "." + source }

// Source returns the kind's source of that name.
func (k *Kind) Source(name string) (Source, bool) {
	for _, s := range k.Sources {
		if s.Name == name {
			return s, true
		}
	}
	return Source{}, false
}

// FormatMapping writes a mapping as the setting holds it: one 「表头=本系统列名」 per line.
func FormatMapping(k *Kind, cols []SourceColumn) string {
	var b strings.Builder
	for _, c := range cols {
		f, _ := k.Field(c.Field)
		fmt.Fprintf(&b, "%s=%s\n", c.Header, f.Label)
	}
	return b.String()
}

// ParseMapping reads a mapping written as FormatMapping writes it (blank lines and lines starting
// with # are skipped). A field may be named by its label or its key; an unknown field, a header
// given twice or a field mapped twice is refused, naming the line.
func ParseMapping(k *Kind, text string) ([]SourceColumn, error) {
	var out []SourceColumn
	headers, fields := map[string]int{}, map[string]int{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n := i + 1
		h, name, ok := strings.Cut(line, "=")
		h, name = strings.TrimSpace(h), strings.TrimSpace(name)
		if !ok || h == "" || name == "" {
			return nil, fmt.Errorf("第%d行「%s」应写作「导出表头=本系统列名」", n, line)
		}
		f, ok := k.Field(name)
		if !ok {
			if f, ok = k.fieldByLabel(name); !ok {
				return nil, fmt.Errorf("第%d行：「%s」没有名为「%s」的列", n, k.Label, name)
			}
		}
		if f.Derived {
			return nil, fmt.Errorf("第%d行：「%s」由系统自动标注，不能从导出文件导入", n, f.Label)
		}
		if first, dup := headers[h]; dup {
			return nil, fmt.Errorf("第%d行：表头「%s」已在第%d行对应", n, h, first)
		}
		if first, dup := fields[f.Key]; dup {
			return nil, fmt.Errorf("第%d行：列「%s」已在第%d行对应", n, f.Label, first)
		}
		headers[h], fields[f.Key] = n, n
		out = append(out, SourceColumn{Header: h, Field: f.Key})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("对应关系为空：至少写一行「导出表头=本系统列名」")
	}
	return out, nil
}

func (k *Kind) fieldByLabel(label string) (Field, bool) {
	for _, f := range k.Fields {
		if f.Label == label {
			return f, true
		}
	}
	return Field{}, false
}

// validateSources checks the declared mappings as ParseMapping checks a setting.
func (k *Kind) validateSources() error {
	for _, s := range k.Sources {
		if s.Name == "" || strings.ContainsAny(s.Name, ". \n") {
			return fmt.Errorf("law: kind %s: source name %q", k.Name, s.Name)
		}
		for _, c := range s.Columns {
			if _, ok := k.Field(c.Field); !ok {
				return fmt.Errorf("law: kind %s source %s: unknown field %s", k.Name, s.Name, c.Field)
			}
		}
		if _, err := ParseMapping(k, FormatMapping(k, s.Columns)); err != nil {
			return fmt.Errorf("law: kind %s source %s: %v", k.Name, s.Name, err)
		}
	}
	return nil
}
