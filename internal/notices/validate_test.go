package notices

import (
	"strings"
	"testing"
)

func TestDefaultNoticesAreValid(t *testing.T) {
	if err := Validate(); err != nil {
		t.Fatal(err)
	}
}

// A notice naming a field, clock, stage or kind that does not exist is refused, and the error
// names the notice and the bad name.
func TestValidateNamesTheBadNotice(t *testing.T) {
	good, _ := Lookup("acceptance")
	for _, c := range []struct {
		name, want string
		change     func(n *Notice)
	}{
		{"unknown field", "「applicant」", func(n *Notice) { n.Template += `{{v "applicant"}}` }},
		{"unknown date field", "「accepted」", func(n *Notice) { n.Template += `{{if true}}{{date "accepted"}}{{end}}` }},
		{"unknown clock", "「reconsideration.decide」", func(n *Notice) { n.Template += `{{due "reconsideration.decide"}}` }},
		{"unknown stage", "「受理中」", func(n *Notice) { n.Stages = []string{"受理中"} }},
		{"unknown needed field", "「accepted」", func(n *Notice) { n.Needs = []string{"accepted"} }},
		{"unknown kind", "「reconsiderations」", func(n *Notice) { n.Kind = "reconsiderations" }},
		{"a template that does not parse", "模板有误", func(n *Notice) { n.Template += `{{v "outcome"` }},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := good
			n.Stages = append([]string(nil), good.Stages...)
			c.change(&n)
			err := validate([]Notice{good, n})
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "（acceptance）") {
				t.Errorf("error does not name %q and the notice:\n%v", c.want, err)
			}
		})
	}
	// A literal date is not a field.
	n := good
	n.Template += `{{date "2025-01-03"}}`
	if err := validate([]Notice{n}); err != nil {
		t.Errorf("a literal date refused: %v", err)
	}
}
