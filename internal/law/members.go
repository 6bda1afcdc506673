package law

import "fmt"

// Members declares that the records of another kind naming a record (by a Ref field holding
// its 编号) are listed with it: a 清理 campaign's documents, each with its conclusion and
// reason. Candidates are the member kind's states whose records not yet naming it are listed
// too, as still to be done (the documents in force the campaign has not concluded).
type Members struct {
	Kind       string
	Field      string   // the members' Ref field
	Columns    []string // the member fields the list shows
	Candidates []string
	Label      string // the list's heading
	// Steps are the member kind's transitions a clerk takes from the list on a candidate,
	// naming this record in Field (清理：继续有效 / 修改 / 废止 / 宣布失效).
	Steps []string
}

// ValidateMembers checks every kind's Members against the kinds registered (run once all are).
func ValidateMembers() error {
	for _, k := range Kinds() {
		m := k.Members
		if m == nil {
			continue
		}
		mk, ok := Lookup(m.Kind)
		if !ok {
			return fmt.Errorf("law: kind %s: members of unknown kind %s", k.Name, m.Kind)
		}
		if f, ok := mk.Field(m.Field); !ok || f.Type != Ref || f.RefKind != k.Name {
			return fmt.Errorf("law: kind %s: members' field %s.%s is not a reference to it", k.Name, m.Kind, m.Field)
		}
		for _, c := range m.Columns {
			if _, ok := mk.Field(c); !ok {
				return fmt.Errorf("law: kind %s: members' column %s unknown in %s", k.Name, c, m.Kind)
			}
		}
		for _, name := range m.Steps {
			if t, ok := mk.Transition(name); !ok || !contains(t.Inputs, m.Field) {
				return fmt.Errorf("law: kind %s: members' step %s of %s does not take %s", k.Name, name, m.Kind, m.Field)
			}
		}
		for _, s := range m.Candidates {
			if !contains(mk.States, s) {
				return fmt.Errorf("law: kind %s: members' candidate state %s unknown in %s", k.Name, s, m.Kind)
			}
		}
	}
	return nil
}
