package web

import (
	"net/http"
	"slices"
	"strings"

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
	Transitions []transitionForm
	CanWrite    bool
	Final       bool
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
}

// transitionForm is a button for one allowed step of the kind's state machine, with the small
// form of the inputs that step asks for.
type transitionForm struct {
	Name, Label, Article, To, Action string
	Fields                           []formField
	Open                             bool
	Problem                          string
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
	for _, f := range kind.Fields {
		p.Fields = append(p.Fields, viewField{Label: f.Label, Value: cellText(kind, rec, f), Help: f.Help,
			Protected: f.Type == law.IDNo || f.Type == law.Phone})
	}
	events, err := s.st.Events(ctx, sc, rec.ID)
	if err != nil {
		return p, err
	}
	for _, e := range events {
		row := eventRow{Event: e}
		if keys, ok := e.Data["changed"].([]any); ok {
			var labels []string
			for _, k := range keys {
				if f, ok := kind.Field(showValue(k)); ok {
					labels = append(labels, f.Label)
				}
			}
			row.Changed = strings.Join(labels, "、")
		}
		p.Events = append(p.Events, row)
	}
	clocks, err := s.st.Clocks(ctx, sc, store.ClockFilter{RecordID: rec.ID})
	if err != nil {
		return p, err
	}
	p.Clocks = clockRows(s.st.Calendar(), clocks, s.today())
	if p.Attachments, err = s.st.Attachments(ctx, sc, rec.ID); err != nil {
		return p, err
	}
	if !p.CanWrite {
		return p, nil
	}
	for _, t := range kind.Allowed(rec.Status) {
		tf := transitionForm{Name: t.Name, Label: t.Label, Article: t.Article, To: t.To,
			Action: p.URL + "/transitions/" + t.Name}
		fi := formInput{values: textValues(rec.Values), status: t.To}
		if t.Name == failed {
			tf.Open, tf.Problem, fi = true, in.problems[""], in
			fi.status = t.To
		}
		fi.idPrefix = "t-" + t.Name + "-"
		var fields []law.Field
		for _, key := range t.Inputs {
			f, _ := kind.Field(key)
			if slices.Contains(t.Needs, key) {
				f.Required = true
				// A needed date is most often today's (the day the agreement is signed).
				if f.Type == law.Date && fi.values[key] == "" && t.Name != failed {
					fi.values[key] = s.today().String()
				}
			}
			fields = append(fields, f)
		}
		if tf.Fields, err = s.formFields(ctx, sc, kind, fields, fi); err != nil {
			return p, err
		}
		p.Transitions = append(p.Transitions, tf)
	}
	return p, nil
}
