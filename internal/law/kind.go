// Package law declares the record kinds fazhi keeps — their fields, states, transitions and
// statutory clocks — as data. Each kind lives in its own file and reads like the statute behind
// it; the store, the ledgers, the pages, the API and the indicators are all driven from these
// declarations, so adding a kind is adding one file here plus its indicators.
//
// The package does no I/O and imports nothing of ours.
package law

import (
	"fmt"
	"sort"
	"strings"
)

// FieldType is how a field's value is parsed, stored and shown.
type FieldType string

const (
	Text  FieldType = "text"
	Int   FieldType = "int"
	Money FieldType = "money" // 元, up to 2 decimals, stored as a decimal string
	Date  FieldType = "date"  // YYYY-MM-DD
	Bool  FieldType = "bool"
	List  FieldType = "list"  // of text
	Org   FieldType = "org"   // an organisation code (input: code or exact name)
	IDNo  FieldType = "idno"  // 居民身份证号: GB 11643 checked, encrypted at rest, masked on screen
	Phone FieldType = "phone" // encrypted at rest, masked on screen
	Enum  FieldType = "enum"
	Ref   FieldType = "ref" // the 编号 of a record of RefKind
	// Intervals is a list of `起日~止日` date ranges (e.g. 中止期间).
	Intervals FieldType = "intervals"
)

// Column names the real column of the records table a field is kept in. Fields without a column
// live in the record's JSON attributes. Hot columns exist so that lists, clocks and indicators
// filter and sort on indexed values.
type Column string

const (
	ColNone     Column = ""
	ColCode     Column = "code"      // 编号: unique per (org, kind)
	ColStatus   Column = "status"    // the state the transitions move
	ColOpened   Column = "opened_on" // the date a matter starts (受理日期, 收到申请日期 …)
	ColClosed   Column = "closed_on" // the date it ends (结案日期 …)
	ColCategory Column = "category"  // the main breakdown (纠纷类型 …)
	ColOrg      Column = "org"       // the owning organisation (所属单位 or the kind's org field)
)

// Field is one column of a kind's ledger and one input of its form.
type Field struct {
	Key      string    // stable English key used in JSON and the API
	Label    string    // the Chinese ledger header (ledgers.md; a public contract)
	Type     FieldType //
	Required bool      // required on every row
	// RequiredUnlessStatus: required unless the record's status is one of these
	// (e.g. 结案日期 is required unless 调解中).
	RequiredUnlessStatus []string
	Values               []string // allowed words for Enum (and the items of a List of fixed words)
	// RefKind: a Ref's kind, whose 编号 the value must be. A Text field may declare it too when
	// it usually names such a record but may hold other words (a training's 人员: 编号 or name):
	// not checked, but the named record's page lists the records that name it.
	RefKind string
	Column  Column // the hot column it is kept in, if any
	Help    string // what it means, for the template's 说明 sheet and form hints
	Default string // value used when a row leaves it empty
	// Index marks a field kept in the JSON attributes that lists, filters or indicators select
	// on: the store keeps an expression index on it for this kind (docs/architecture.md, "Migrations").
	Index bool
	// Derived marks a field the system computes from the others on every write (the labels of
	// the kind's Flags): shown and exported, never an input — what is sent for it is replaced.
	Derived bool
	// MaxLen caps a value (each item of a list) in characters, MaxItems a list's items; 0 takes
	// the default of limits.go. Every text reaches the database, the audit and the pages.
	MaxLen   int
	MaxItems int
}

// Transition moves a record from one of From to To (To == "" keeps the status: an action
// such as recording 司法确认). Needs lists field keys that must be set after the transition.
type Transition struct {
	Name    string            // stable English key
	Label   string            // the button's Chinese label
	From    []string          // allowed current statuses
	To      string            //
	Needs   []string          // field keys that must have values afterwards
	Inputs  []string          // field keys the user fills in when taking it
	Sets    map[string]string // fixed values the transition writes (e.g. 申请司法确认 = 是)
	Article string            // the rule it enforces
	// Apply, when set, finishes the step on the values after Inputs and Sets are applied (e.g.
	// opening or closing a suspension interval), changing s.Values in place; s carries the
	// calendar, today and, for an automatic step, the due date that ran out. It returns a
	// Chinese message when the step is not allowed for these values, or "".
	Apply func(s *Step) string
	// Auto marks a step the system takes when a period runs out (视为受理, 视为撤回): it is not
	// offered to users.
	Auto bool
	// Offers narrows the choices of an Enum input in this step's form to the values the step
	// accepts (作出复议决定 offers the decisions, not 调解 or 终止, which are steps of their own).
	Offers map[string][]string
	// Warns are what a clerk is told, and must acknowledge on the page, before taking the step
	// on these values: a step the law allows but that usually means an earlier one was missed
	// (deciding a case whose 申请书副本 was never recorded as sent, 第48条). Never a refusal.
	Warns []Warning
}

// Warning is a caution shown before a step (Transition.Warns).
type Warning struct {
	When    func(Values) bool
	Message string // Chinese, naming the article
}

// Warnings are the cautions of t that hold for values.
func (t Transition) Warnings(v Values) []string {
	var out []string
	for _, w := range t.Warns {
		if w.When(v) {
			out = append(out, w.Message)
		}
	}
	return out
}

// DayUnit is the unit of a statutory period (law.md "Day units").
type DayUnit string

const (
	WorkingDays DayUnit = "WD"
	NaturalDays DayUnit = "ND"
)

// ClockRule is a statutory (or practice) period that runs for a record.
type ClockRule struct {
	ID      string  // e.g. "mediation.settle"
	Label   string  // Chinese name
	Article string  // where the period comes from
	Budget  int     //
	Unit    DayUnit //
	// StartField is the date field the period runs from; the clock exists only when it is set
	// (or StartFallback is) and When (if any) holds.
	StartField    string
	StartFallback string
	When          func(r Values) bool
	// StopField, when set, stops the clock (the duty was done on that date).
	StopField string
	// StopAt, when StopField is not enough, gives the date the duty was done ("" while open).
	StopAt func(r Values) string
	// StopWhen stops the clock without a date (e.g. the record left the states it runs in).
	StopWhen func(r Values) bool
	// SuspensionsField names an Intervals field whose ranges stop the clock (e.g. 中止期间).
	SuspensionsField string
	// ExtensionDays gives extra days granted (e.g. 延期 under 行政复议法 第62条).
	ExtensionDays func(r Values) int
	// BudgetFor, when set, gives the budget for the record instead of Budget (e.g. 60 ND under the
	// ordinary procedure, 30 ND under the simplified one).
	BudgetFor func(r Values) int
	// Soft marks a practice period that warns but is not a legal defect when missed.
	Soft bool
	// Lead, when set, is how many days before its due date a clock starts to show on the
	// deadlines page (a certificate's renewal from six months before): a reminder years ahead
	// is not yet anybody's work.
	Lead int
	// Fixed marks a due date the record states (a certificate's 有效期至: start + budget), not a
	// period: it does not move off a rest day (第88条 is for periods), so it needs no calendar.
	Fixed bool
	// Lapses marks a window that belongs to a party (a right, such as applying for 司法确认):
	// once it has run out it is simply over, never overdue work of the office.
	Lapses bool
	// Deemed names the Auto transition the law attaches to the period running out while the
	// record is still in that transition's From states (行政复议法第30条第3款: 视为受理).
	Deemed string
	// Proposes names the user's step the law calls for once the period has run out, which a
	// clerk must confirm (行政复议法第31条第2款: 视为放弃, 记录在案): the deadlines page proposes
	// it; the system never takes it unattended.
	Proposes string
	// PendingOn names the date field of the event that opens the period when the period runs
	// from a later date not yet known (第31条第2款: the notice went out on 补正通知日期, the ten
	// days run from the applicant's receipt of it): while PendingOn is set and StartField is not,
	// the clock waits — shown with what it waits for, never dated by a guess.
	PendingOn string
}

// BudgetOf returns the rule's budget for a record.
func (c ClockRule) BudgetOf(v Values) int {
	if c.BudgetFor != nil {
		return c.BudgetFor(v)
	}
	return c.Budget
}

// Values is a record's field values by key, as the store hands them to rules: dates as
// "YYYY-MM-DD", bools as "是"/"否", lists as []string.
type Values map[string]any

// Str returns a text value ("" when absent).
func (v Values) Str(key string) string {
	s, _ := v[key].(string)
	return s
}

// Check is a cross-field rule. It returns the key of the offending field and a Chinese message
// saying what to fix, or "" when the record passes.
type Check struct {
	Article string
	Test    func(v Values) (field, message string)
	// TestEnv, instead of Test, is a rule that counts working days or looks at today (听证五日前
	// 通知): it gets the calendar in force through env.
	TestEnv func(v Values, env Env) (field, message string)
}

// Flag is a rule whose breach is recorded on the record instead of refusing it (law.md "Refuse
// or flag"): a procedural defect of the past that a ledger must still be able to hold (程序瑕疵:
// a hearing notice given late, 行政复议法第51条), or a combination worth a second look (a
// decision that does not fit the act, 第66–69条). On every write procedure.SettleIn stores in
// Field (a List whose Values are the flags' labels) the labels of the flags that hold, so
// lists, indicators and ledgers see them.
type Flag struct {
	Field string // the List field holding the labels
	Label string // the word stored, ending with its article: 「听证通知迟于听证前五个工作日（第51条）」
	// Test reports whether the flag holds; a test that needs the calendar lets the values pass
	// when env has none.
	Test func(v Values, env Env) bool
}

// Kind is one record kind: a ledger, a form, a state machine and its clocks.
type Kind struct {
	Name        string // stable key used in URLs, the CLI and the API (ledgers.md)
	Label       string // Chinese name
	Law         string // the statute the kind follows
	Fields      []Field
	States      []string // in their usual order; the first is where a new record starts
	Final       []string // states in which the matter is concluded
	Transitions []Transition
	Clocks      []ClockRule
	// OrgField is the key of the field that names the owning organisation; "org" when the ledger
	// has a 所属单位 column.
	OrgField string
	// Checks are the cross-field rules a record must satisfy in every state.
	Checks []Check
	// Flags are the rules a record may break and still be kept, marked (程序瑕疵, 提示).
	Flags []Flag
	// OrgTypes restricts which organisation types may own a record of this kind (empty: any).
	OrgTypes []string
	// Normalize fills values that follow from others before validation (e.g. the stage of a case
	// imported from a ledger that records only dates and outcomes).
	Normalize func(v Values)
	// LockFinal: once the matter is concluded its values change only by amendment, with a reason
	// kept in the record's history (an issued decision is not silently edited).
	LockFinal bool
	// StagedForm: the registration form asks only what registration needs; a field a transition
	// takes (its Inputs) comes with that transition (FormFields).
	StagedForm bool
	// Order places the kind in menus and on the dashboard (lower first; 0 after the others, by name).
	Order int
	// Uploads says what a record's attachments usually are (the upload form's hint: 调解协议书的扫描件).
	Uploads string
	// Sources are other systems whose exports import as they come, their headers mapped onto
	// the fields (source.go).
	Sources []Source
	// Comment, when set, puts a record out for public comment in some states (comment.go).
	Comment *PublicComment
	// Members, when set, lists on a record the records of another kind that name it (members.go):
	// a cleanup campaign's documents.
	Members *Members
	// History, when set, makes the records events in the life of the record a Ref names (an
	// officer's certificate events), checked against it and its other events (history.go).
	History *History
}

// Field returns the field with the given key.
func (k *Kind) Field(key string) (Field, bool) {
	for _, f := range k.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// FieldByColumn returns the field kept in a hot column.
func (k *Kind) FieldByColumn(c Column) (Field, bool) {
	for _, f := range k.Fields {
		if f.Column == c {
			return f, true
		}
	}
	return Field{}, false
}

// Clock returns the clock rule with the given id.
func (k *Kind) Clock(id string) (ClockRule, bool) {
	for _, c := range k.Clocks {
		if c.ID == id {
			return c, true
		}
	}
	return ClockRule{}, false
}

// Transition returns the named transition.
func (k *Kind) Transition(name string) (Transition, bool) {
	for _, t := range k.Transitions {
		if t.Name == name {
			return t, true
		}
	}
	return Transition{}, false
}

// IsFinal reports whether status concludes the matter.
func (k *Kind) IsFinal(status string) bool { return contains(k.Final, status) }

// FormFields are the fields a record's form shows for values. A StagedForm kind leaves out the
// fields its transitions take, unless the field is required or already holds a value: they are
// entered with their step, which also records when and by whom. all shows every field, for a
// case registered after the fact from its paper file.
func (k *Kind) FormFields(values Values, all bool) []Field {
	if !k.StagedForm || all {
		return k.Fields
	}
	later := map[string]bool{}
	for _, t := range k.Transitions {
		for _, f := range t.Inputs {
			later[f] = true
		}
	}
	var out []Field
	for _, f := range k.Fields {
		if !later[f.Key] || f.Required || values.Str(f.Key) != "" {
			out = append(out, f)
		}
	}
	return out
}

// Allowed lists the transitions a user may take from status (automatic ones excluded).
func (k *Kind) Allowed(status string) []Transition {
	var out []Transition
	for _, t := range k.Transitions {
		if contains(t.From, status) && !t.Auto {
			out = append(out, t)
		}
	}
	return out
}

// RequiredFor reports whether f must have a value for a record in status.
func (f Field) RequiredFor(status string) bool {
	if f.Required {
		return true
	}
	return len(f.RequiredUnlessStatus) > 0 && !contains(f.RequiredUnlessStatus, status)
}

var registry = map[string]*Kind{}

// register adds a kind at init time; a malformed declaration is a programming error.
func register(k *Kind) *Kind {
	if err := k.validate(); err != nil {
		panic(err)
	}
	registry[k.Name] = k
	return k
}

// Register adds a kind declared outside this package — a test-only kind (the conformance
// suite's), or a deployment's own — exactly as the kinds here are added: it must be called
// before the kind is used (at init), and it panics on a malformed declaration or a name that
// is already taken, so that a kind can never replace another.
func Register(k *Kind) *Kind {
	if _, taken := registry[k.Name]; taken {
		panic(fmt.Errorf("law: kind %s registered twice", k.Name))
	}
	return register(k)
}

// Lookup returns the kind with the given name.
func Lookup(name string) (*Kind, bool) {
	k, ok := registry[name]
	return k, ok
}

// Kinds returns every registered kind in the order of the menus, the dashboard and the report
// (Order; kinds without one after the others), then by name.
func Kinds() []*Kind {
	out := make([]*Kind, 0, len(registry))
	for _, k := range registry {
		out = append(out, k)
	}
	rank := func(k *Kind) int {
		if k.Order == 0 {
			return int(^uint(0) >> 1)
		}
		return k.Order
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := rank(out[i]), rank(out[j]); a != b {
			return a < b
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func (k *Kind) validate() error {
	if err := k.validateSources(); err != nil {
		return err
	}
	seen := map[string]bool{}
	cols := map[Column]bool{}
	for _, f := range k.Fields {
		if f.Key == "" || f.Label == "" || f.Type == "" {
			return fmt.Errorf("law: kind %s: field %+v incomplete", k.Name, f)
		}
		if seen[f.Key] {
			return fmt.Errorf("law: kind %s: field %s twice", k.Name, f.Key)
		}
		seen[f.Key] = true
		if f.Column != ColNone {
			if cols[f.Column] {
				return fmt.Errorf("law: kind %s: column %s twice", k.Name, f.Column)
			}
			cols[f.Column] = true
		}
		if f.Index && (f.Column != ColNone || f.Type == List || f.Type == Intervals) {
			return fmt.Errorf("law: kind %s: field %s: Index is for a single value kept in the JSON attributes", k.Name, f.Key)
		}
		if f.Type == Enum && len(f.Values) == 0 {
			return fmt.Errorf("law: kind %s: enum %s without values", k.Name, f.Key)
		}
	}
	required := []Column{ColCode, ColOrg}
	if len(k.States) > 0 {
		required = append(required, ColStatus)
	}
	for _, c := range required {
		if !cols[c] {
			return fmt.Errorf("law: kind %s: no field in column %s", k.Name, c)
		}
	}
	if _, ok := k.Field(k.OrgField); !ok {
		return fmt.Errorf("law: kind %s: org field %q missing", k.Name, k.OrgField)
	}
	for _, t := range k.Transitions {
		for _, s := range append(append([]string{}, t.From...), t.To) {
			if s != "" && !contains(k.States, s) {
				return fmt.Errorf("law: kind %s: transition %s names unknown state %s", k.Name, t.Name, s)
			}
		}
		for _, key := range append(append([]string{}, t.Needs...), t.Inputs...) {
			if !seen[key] {
				return fmt.Errorf("law: kind %s: transition %s names unknown field %s", k.Name, t.Name, key)
			}
		}
		if err := k.validateOffers(t); err != nil {
			return err
		}
	}
	for _, c := range k.Checks {
		if (c.Test == nil) == (c.TestEnv == nil) {
			return fmt.Errorf("law: kind %s: check %q needs exactly one of Test and TestEnv", k.Name, c.Article)
		}
	}
	for _, c := range k.Clocks {
		if !seen[c.StartField] {
			return fmt.Errorf("law: kind %s: clock %s starts at unknown field %s", k.Name, c.ID, c.StartField)
		}
		if c.Deemed != "" {
			if t, ok := k.Transition(c.Deemed); !ok || !t.Auto {
				return fmt.Errorf("law: kind %s: clock %s deems unknown or non-automatic transition %s", k.Name, c.ID, c.Deemed)
			}
		}
		if c.Proposes != "" {
			if t, ok := k.Transition(c.Proposes); !ok || t.Auto {
				return fmt.Errorf("law: kind %s: clock %s proposes unknown or automatic transition %s", k.Name, c.ID, c.Proposes)
			}
		}
		if c.PendingOn != "" && !seen[c.PendingOn] {
			return fmt.Errorf("law: kind %s: clock %s waits on unknown field %s", k.Name, c.ID, c.PendingOn)
		}
	}
	if err := k.validateHistory(); err != nil {
		return err
	}
	if err := k.validateComment(); err != nil {
		return err
	}
	for _, fl := range k.Flags {
		f, ok := k.Field(fl.Field)
		if !ok || f.Type != List || !f.Derived || !contains(f.Values, fl.Label) || fl.Test == nil {
			return fmt.Errorf("law: kind %s: flag %q needs a test and a derived list field %s allowing its label", k.Name, fl.Label, fl.Field)
		}
		// A ledger cell splits a list at these (ledgers.md "Lists"): a label must survive export.
		if strings.ContainsAny(fl.Label, ";；、,，") {
			return fmt.Errorf("law: kind %s: flag %q contains a list separator", k.Name, fl.Label)
		}
	}
	return nil
}

// FlagLabels lists the labels of the flags stored in field, for that field's Values.
func FlagLabels(flags []Flag, field string) []string {
	var out []string
	for _, f := range flags {
		if f.Field == field {
			out = append(out, f.Label)
		}
	}
	return out
}

// validateOffers: a step narrows only its own Enum inputs, and only to values the field allows.
func (k *Kind) validateOffers(t Transition) error {
	for key, values := range t.Offers {
		f, _ := k.Field(key)
		if !contains(t.Inputs, key) || f.Type != Enum {
			return fmt.Errorf("law: kind %s: transition %s offers values for %s, which is not an enum input of the step", k.Name, t.Name, key)
		}
		for _, v := range values {
			if !contains(f.Values, v) {
				return fmt.Errorf("law: kind %s: transition %s offers %q, not a value of %s", k.Name, t.Name, v, key)
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
