package store

import (
	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// clockRows are the clock rows of a record just created with values v (stored form), as
// project writes them one by one: the projection through the calendar in force.
func (t *tx) clockRows(kind *law.Kind, recordID int64, v law.Values) [][]any {
	if len(kind.Clocks) == 0 {
		return nil
	}
	var out [][]any
	for _, c := range procedure.Project(kind, v, t.s.Calendar(), calendar.Date{}).Clocks {
		out = append(out, clockRow(kind, recordID, c))
	}
	return out
}
