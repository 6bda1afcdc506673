package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

type recordViewPage struct {
	Kind        *law.Kind
	Rec         store.Record
	URL         string
	Fields      []viewField
	Events      []eventRow
	Clocks      []clockRow
	Attachments []store.Attachment
	Steps       []transitionForm // transitions that move the case to another stage
	Records     []transitionForm // transitions that record a step and keep the stage
	Notices     []noticeView
	Referring   []refSection // records of other kinds naming this one
	// HistoryFlags are the rules of law.History the record breaks, as an event or as a holder
	// (发证前无考试通过记录, 离岗未注销执法证): derived when read, never a refusal of the past.
	HistoryFlags []string
	Members      *membersView // the records naming this one (law.Members)
	CommentsURL  string       // the public comments' page, for a kind that takes them
	CanWrite     bool
	Final        bool
	Locked       bool // concluded, and the kind locks its values on conclusion
	// Error is a failed transition's message, shown above its form (which stays open).
	Error string
}

type viewField struct {
	Label, Value, Help string
	Protected          bool
}

type eventRow struct {
	store.Event
	Changed string
	Deemed  bool   // a step the law took by itself when a period ran out (视为受理 …)
	Amend   bool   // a correction of a locked record (更正), with its reason
	Reason  string // the amendment's reason
	// LegalDate is the day the step happened in law (结案日期, 受理日期 …), which the timeline
	// leads with; the time it was recorded is secondary (a ledger imported in 2025 holds 2023's steps).
	LegalDate, LegalLabel string
	Who                   string // the acting user, or how the step came in (命令行, 系统)
}

// transitionForm is a button for one allowed step of the kind's state machine, with the small
// form of the inputs that step asks for.
type transitionForm struct {
	Name, Label, Article, To, Action string
	Warnings                         []string // law.Transition.Warns that hold: acknowledged before the step
	Fields                           []formField
	Open                             bool
	Problem                          string
	CSRF                             string
	Version                          int
}

func (s *Server) recordView(w http.ResponseWriter, r *http.Request) error {
	kind, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	page, err := s.recordViewData(r, kind, rec, "", formInput{})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "record_view", kind.Label+" "+rec.Code, page)
	return nil
}

// recordViewData assembles the view. failed names a transition whose submission failed: its
// form is shown open with what was typed and what is wrong.
func (s *Server) recordViewData(r *http.Request, kind *law.Kind, rec store.Record, failed string, in formInput) (recordViewPage, error) {
	ctx, sc := r.Context(), state(r).scope
	p := recordViewPage{Kind: kind, Rec: rec, URL: recordURL(rec), CanWrite: sc.CanWrite(kind.Name), Final: kind.IsFinal(rec.Status)}
	p.Locked = kind.LockFinal && p.Final
	for _, f := range kind.Fields {
		p.Fields = append(p.Fields, viewField{Label: f.Label, Value: cellText(kind, rec, f), Help: f.Help,
			Protected: f.Type == law.IDNo || f.Type == law.Phone})
	}
	events, err := s.st.Events(ctx, sc, rec.ID)
	if err != nil {
		return p, err
	}
	who := s.actorNames(ctx)
	if p.Referring, err = s.referringSections(ctx, sc, rec); err != nil {
		return p, err
	}
	if p.HistoryFlags, err = s.historyFlags(ctx, sc, kind, rec); err != nil {
		return p, err
	}
	for _, e := range events {
		row := eventRow{Event: e, Who: who(e.Actor)}
		row.LegalLabel, row.LegalDate = legalDate(kind, rec, e)
		if t, ok := kind.Transition(e.Action); ok && t.Auto {
			row.Deemed = true
		}
		if keys, ok := e.Data["changed"].([]any); ok {
			var labels []string
			for _, k := range keys {
				if f, ok := kind.Field(showValue(k)); ok {
					labels = append(labels, f.Label)
				}
			}
			row.Changed = strings.Join(labels, "、")
		}
		if e.Action == "amend" {
			row.Amend, row.Reason = true, showValue(e.Data["reason"])
		}
		p.Events = append(p.Events, row)
	}
	clocks, err := s.st.Clocks(ctx, sc, store.ClockFilter{RecordID: rec.ID})
	if err != nil {
		return p, err
	}
	// In the order the law runs them (review, supplement, copy, answer, decision), not by due date.
	slices.SortStableFunc(clocks, func(a, b store.ClockView) int { return clockOrder(kind, a.Rule) - clockOrder(kind, b.Rule) })
	p.Clocks = clockRows(s.st.Calendar(), clocks, s.today())
	for i, c := range p.Clocks {
		switch {
		case c.State == store.ClockPaused:
			p.Clocks[i].DaysText = pausedText(s.st.Calendar(), kind, rec.Values, c.Rule, s.today())
		case c.State == store.ClockStopped && c.Stopped == "":
			// Stopped by the case moving on (concluded before the copy was sent …), not by the
			// duty being done on a known day.
			p.Clocks[i].DaysText = "已停止计算（" + rec.Status + "）"
		}
	}
	if p.Attachments, err = s.st.Attachments(ctx, sc, rec.ID); err != nil {
		return p, err
	}
	p.Notices = recordNotices(kind, rec, p.Attachments)
	if kind.Comment != nil {
		p.CommentsURL = p.URL + "/comments"
	}
	if p.Members, err = s.members(ctx, sc, kind, rec, state(r).sess.CSRF); err != nil {
		return p, err
	}
	if !p.CanWrite {
		return p, nil
	}
	for _, t := range kind.Allowed(rec.Status) {
		tf := transitionForm{Name: t.Name, Label: t.Label, Article: t.Article, To: t.To,
			Action: p.URL + "/transitions/" + t.Name, CSRF: state(r).sess.CSRF, Version: rec.Version}
		tf.Warnings = t.Warnings(rec.Values)
		fi := formInput{values: textValues(rec.Values), status: t.To}
		if t.Name == failed {
			tf.Open, tf.Problem, fi = true, in.problems[""], in
			fi.status = t.To
		}
		fi.idPrefix = "t-" + t.Name + "-"
		if tf.Fields, err = s.stepFields(ctx, sc, kind, t, fi, t.Name != failed); err != nil {
			return p, err
		}
		if t.To != "" {
			p.Steps = append(p.Steps, tf)
		} else {
			p.Records = append(p.Records, tf)
		}
	}
	return p, nil
}

// stepFields are the inputs of the step t's form: a field the step needs is required (a needed
// date, unless typed, is today's: the day the agreement is signed), a select narrowed to what
// the step offers (law.Transition.Offers).
func (s *Server) stepFields(ctx context.Context, sc store.Scope, kind *law.Kind, t law.Transition, fi formInput, fresh bool) ([]formField, error) {
	var fields []law.Field
	for _, key := range t.Inputs {
		f, _ := kind.Field(key)
		if slices.Contains(t.Needs, key) {
			f.Required = true
			if f.Type == law.Date && fi.values[key] == "" && fresh {
				fi.values[key] = s.today().String()
			}
		}
		if only, ok := t.Offers[key]; ok {
			f.Values = only
			if !slices.Contains(only, fi.values[key]) {
				fi.values[key] = ""
			}
		}
		fields = append(fields, f)
	}
	out, err := s.formFields(ctx, sc, kind, fields, fi)
	if err != nil {
		return nil, err
	}
	for i, f := range out {
		if kf, _ := kind.Field(f.Key); kf.Type == law.Int {
			out[i].Input = "number"
		}
	}
	return out, nil
}

func clockOrder(kind *law.Kind, rule string) int {
	for i, c := range kind.Clocks {
		if c.ID == rule {
			return i
		}
	}
	return len(kind.Clocks)
}

// pausedText says how a clock held by an open suspension stands: since when it is suspended and
// the due date if the case resumed today (行政复议法第39条: the suspended days do not count).
func pausedText(cal *calendar.Calendar, kind *law.Kind, v law.Values, ruleID string, today calendar.Date) string {
	var rule law.ClockRule
	for _, c := range kind.Clocks {
		if c.ID == ruleID {
			rule = c
		}
	}
	items, _ := v[rule.SuspensionsField].([]string)
	var from string
	clk := calendar.Clock{Budget: rule.BudgetOf(v), Unit: calendar.Unit(rule.Unit)}
	for _, it := range items {
		a, b, _ := strings.Cut(it, "~")
		iv := calendar.Interval{}
		iv.From, _ = calendar.ParseDate(a)
		if b == "" {
			from = a
			// Resuming today ends the suspension yesterday (the resumption day counts again).
			iv.To = today.AddDays(-1)
			if iv.To.Before(iv.From) {
				iv.To = iv.From
			}
		} else {
			iv.To, _ = calendar.ParseDate(b)
		}
		clk.Suspensions = append(clk.Suspensions, iv)
	}
	if from == "" {
		return "已暂停（中止期间不计算）"
	}
	text := "已暂停：自 " + from + " 起中止，中止期间不计算"
	start := v.Str(rule.StartField)
	if start == "" {
		start = v.Str(rule.StartFallback)
	}
	var err error
	if clk.Start, err = calendar.ParseDate(start); err != nil {
		return text
	}
	if rule.ExtensionDays != nil {
		clk.ExtensionDays = rule.ExtensionDays(v)
	}
	switch due, paused, err := cal.Due(clk); {
	case err != nil:
		text += "；如今日恢复审理，期限无法计算：" + err.Error()
	case !paused:
		text += fmt.Sprintf("；如今日恢复审理，期限至 %s", due)
	}
	return text
}

// legalDate is the day a step happened in law: the date the store kept with a transition (its
// first date input), or the opening date for the registration.
func legalDate(kind *law.Kind, rec store.Record, e store.Event) (label, date string) {
	if _, ok := kind.Transition(e.Action); ok {
		key, _ := e.Data["on_field"].(string)
		if f, ok := kind.Field(key); ok {
			return f.Label, showValue(e.Data["on"])
		}
		return "", ""
	}
	if f, ok := kind.FieldByColumn(law.ColOpened); ok && (e.Action == "create" || e.Action == "import") {
		return f.Label, rec.Values.Str(f.Key)
	}
	return "", ""
}

// actorLabel says who acted in words a clerk reads: a user's name, or how a step came in (an
// operator at the shell whose login name is unknown is just 命令行).
func actorLabel(actor string) string {
	switch kind, name, _ := strings.Cut(actor, ":"); kind {
	case "cli":
		if name == "" || name == "unknown" {
			return "命令行"
		}
		return "命令行（" + name + "）"
	case "system":
		if name == "" {
			return "系统"
		}
		return "系统（" + name + "）"
	}
	return actor
}

// actorNames names the accounts of a page's entries by their 姓名 (张调解（clerk）), each looked
// up once; other actors as actorLabel says.
func (s *Server) actorNames(ctx context.Context) func(actor string) string {
	seen := map[string]string{}
	return func(actor string) string {
		if got, ok := seen[actor]; ok {
			return got
		}
		label := actorLabel(actor)
		if label == actor && actor != "" {
			if u, err := s.st.UserByName(ctx, actor); err == nil && u.DisplayName != "" {
				label = u.DisplayName + "（" + actor + "）"
			}
		}
		seen[actor] = label
		return label
	}
}
