package law

import "fmt"

// History declares a kind's records to be events in the life of another record — an officer's
// certificate events (考试通过 → 发证 → … → 注销) — with the rules an event must satisfy against
// that record and its other events, which one line's values cannot tell: 发证 needs an earlier
// 考试通过 (广东省行政执法证件管理办法第4、6条).
//
// law.md "Refuse or flag": an event entered now, through the form or the API, is refused when it
// breaks a rule (the clerk records the missing event first, or corrects the date); a ledger of
// the past is imported as it is and its lines that break one are flagged wherever they are read
// — the record's page and the kind's figure — because the event a rule looks for may predate
// the ledger or arrive in a later one. The flags are derived, never entered: the page derives
// them when read; the store keeps them for the figure (certificate_flags) by deriving them again
// in the transaction of every write that touches the holder's events or record, so the day the
// missing 考试通过 is imported its flag is gone.
type History struct {
	Of    string        // the Ref field naming the record whose life the events are
	Rules []HistoryRule // each event against that record and its other events
	// HolderRules are the duties of the record itself over all its events (注销 on 调离), shown
	// on its page.
	HolderRules []HolderRule
}

// HistoryRule is one rule between an event, its holder and the holder's other events.
type HistoryRule struct {
	Article string
	Label   string // the flag as a page and a figure's breakdown show it
	// Test returns the offending field and a Chinese message saying what to do, or "".
	Test func(event, holder Values, others []Values) (field, message string)
}

// HolderRule is a duty of the holder over its events; Test reports whether it is breached.
type HolderRule struct {
	Article string
	Label   string
	Test    func(holder Values, events []Values) bool
}

// Breach is a rule an event or a holder breaks.
type Breach struct {
	Problem
	Flag string // the rule's Label
}

// Breaches lists the rules event breaks, given its holder's values (nil when the holder is not
// at hand) and the holder's other events (event itself left out).
func (h *History) Breaches(k *Kind, event, holder Values, others []Values) []Breach {
	var out []Breach
	for _, r := range h.Rules {
		if key, msg := r.Test(event, holder, others); key != "" {
			f, _ := k.Field(key)
			out = append(out, Breach{Problem{key, f.Label, msg + "（" + r.Article + "）"}, r.Label})
		}
	}
	return out
}

// HolderFlags lists the labels of the holder's duties its events leave undone.
func (h *History) HolderFlags(holder Values, events []Values) []string {
	var out []string
	for _, r := range h.HolderRules {
		if r.Test(holder, events) {
			out = append(out, r.Label+"（"+r.Article+"）")
		}
	}
	return out
}

// Histories lists the kinds whose records are events of a record of kind name.
func Histories(name string) []*Kind {
	var out []*Kind
	for _, k := range Kinds() {
		if k.History == nil {
			continue
		}
		if f, _ := k.Field(k.History.Of); f.RefKind == name {
			out = append(out, k)
		}
	}
	return out
}

func (k *Kind) validateHistory() error {
	h := k.History
	if h == nil {
		return nil
	}
	if f, ok := k.Field(h.Of); !ok || f.Type != Ref || f.RefKind == "" {
		return fmt.Errorf("law: kind %s: history of %q, which is not a reference field", k.Name, h.Of)
	}
	for _, r := range h.Rules {
		if r.Test == nil || r.Label == "" || r.Article == "" {
			return fmt.Errorf("law: kind %s: history rule %q needs a test, a label and an article", k.Name, r.Label)
		}
	}
	for _, r := range h.HolderRules {
		if r.Test == nil || r.Label == "" || r.Article == "" {
			return fmt.Errorf("law: kind %s: holder rule %q needs a test, a label and an article", k.Name, r.Label)
		}
	}
	return nil
}
