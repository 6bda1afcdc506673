package notices

import (
	"errors"
	"fmt"
	"slices"
	"text/template"
	"text/template/parse"

	"github.com/fazhi/fazhi/internal/law"
)

// Validate checks every notice's declaration against its kind: the kind, the stages and needed
// fields exist, and its template parses and names only fields and clocks of the kind. The
// server and the CLI refuse to start on an error, which names the notice.
func Validate() error { return validate(defaults) }

func validate(list []Notice) error {
	var errs []error
	for _, n := range list {
		if err := n.declared(); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := n.Check(n.Template); err != nil {
			errs = append(errs, fmt.Errorf("文书「%s」（%s）：%w", n.Title, n.Name, err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("文书模板声明有误：%w", errors.Join(errs...))
	}
	return nil
}

// declared checks the notice's kind, stages and needed fields.
func (n Notice) declared() error {
	kind, ok := law.Lookup(n.Kind)
	if !ok {
		return fmt.Errorf("文书「%s」（%s）：台账类型「%s」未定义", n.Title, n.Name, n.Kind)
	}
	var errs []error
	for _, s := range n.Stages {
		if !slices.Contains(kind.States, s) {
			errs = append(errs, fmt.Errorf("文书「%s」（%s）：「%s」不是%s的阶段", n.Title, n.Name, s, kind.Label))
		}
	}
	for _, key := range n.Needs {
		if _, ok := kind.Field(key); !ok {
			errs = append(errs, fmt.Errorf("文书「%s」（%s）：所需字段「%s」不是%s的字段", n.Title, n.Name, key, kind.Label))
		}
	}
	return errors.Join(errs...)
}

// Check tells whether text can serve as this notice's template: it parses, fills an empty case,
// and every {{v "…"}} and {{date "…"}} names a field of the notice's kind, every {{due "…"}} one
// of its clocks (a misspelt key would print nothing, silently).
func (n Notice) Check(text string) error {
	if err := Parse(text); err != nil {
		return err
	}
	kind, ok := law.Lookup(n.Kind)
	if !ok {
		return fmt.Errorf("台账类型「%s」未定义", n.Kind)
	}
	t, err := template.New("notice").Funcs(funcs(Data{})).Parse(text)
	if err != nil {
		return fmt.Errorf("模板有误：%w", err)
	}
	var errs []error
	for _, t := range t.Templates() {
		walk(t.Root, func(fn, arg string) {
			switch {
			case fn == "due" && !slices.ContainsFunc(kind.Clocks, func(c law.ClockRule) bool { return c.ID == arg }):
				errs = append(errs, fmt.Errorf("模板中的期限「%s」不是%s的法定期限", arg, kind.Label))
			case fn == "v" || fn == "date" && !law.ValidDate(arg):
				if _, ok := kind.Field(arg); !ok {
					errs = append(errs, fmt.Errorf("模板中的字段「%s」不是%s的字段", arg, kind.Label))
				}
			}
		})
	}
	return errors.Join(errs...)
}

// walk calls visit for every call of a function with a literal first argument: {{v "key"}}.
func walk(node parse.Node, visit func(fn, arg string)) {
	switch x := node.(type) {
	case *parse.ListNode:
		if x != nil {
			for _, c := range x.Nodes {
				walk(c, visit)
			}
		}
	case *parse.ActionNode:
		walk(x.Pipe, visit)
	case *parse.IfNode:
		walkBranch(&x.BranchNode, visit)
	case *parse.RangeNode:
		walkBranch(&x.BranchNode, visit)
	case *parse.WithNode:
		walkBranch(&x.BranchNode, visit)
	case *parse.PipeNode:
		if x != nil {
			for _, c := range x.Cmds {
				walk(c, visit)
			}
		}
	case *parse.CommandNode:
		if len(x.Args) >= 2 {
			id, isFn := x.Args[0].(*parse.IdentifierNode)
			s, isLit := x.Args[1].(*parse.StringNode)
			if isFn && isLit {
				visit(id.Ident, s.Text)
			}
		}
		for _, a := range x.Args {
			walk(a, visit)
		}
	}
}

func walkBranch(b *parse.BranchNode, visit func(fn, arg string)) {
	walk(b.Pipe, visit)
	walk(b.List, visit)
	walk(b.ElseList, visit)
}
