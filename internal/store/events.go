package store

import (
	"context"
	"encoding/json"
)

// Event is one step in a record's timeline.
type Event struct {
	ID     int64          `json:"id"`
	At     string         `json:"at"`
	Action string         `json:"action"`
	Label  string         `json:"label"`
	From   string         `json:"from_status"`
	To     string         `json:"to_status"`
	Actor  string         `json:"actor"`
	Data   map[string]any `json:"data,omitempty"`
}

func (t *tx) event(ctx context.Context, a Actor, recordID int64, action, label, from, to string, data map[string]any) error {
	_, err := t.exec(ctx, `INSERT INTO events (`+eventColumns+`) VALUES (?,?,?,?,?,?,?,?)`,
		t.eventRow(a, recordID, action, label, from, to, data)...)
	return err
}

// eventColumns are the columns eventRow gives values for, in its order.
const eventColumns = `record_id, at, action, label, from_status, to_status, actor, data`

// eventRow is the row an event is stored as (one shape for the single write and the batch).
func (t *tx) eventRow(a Actor, recordID int64, action, label, from, to string, data map[string]any) []any {
	if data == nil {
		data = map[string]any{}
	}
	b, _ := json.Marshal(data)
	return []any{recordID, t.s.stamp(), action, label, from, to, a.Name, string(b)}
}

// Events returns a record's timeline, oldest first, if the record is visible.
func (s *Store) Events(ctx context.Context, sc Scope, recordID int64) ([]Event, error) {
	if _, err := s.Record(ctx, sc, recordID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT id, at, action, label, from_status, to_status, actor, data FROM events
		WHERE record_id = ? ORDER BY id`, recordID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var data []byte
		if err := rows.Scan(&e.ID, &e.At, &e.Action, &e.Label, &e.From, &e.To, &e.Actor, &data); err != nil {
			return nil, err
		}
		_ = json.Unmarshal(data, &e.Data)
		out = append(out, e)
	}
	return out, rows.Err()
}
