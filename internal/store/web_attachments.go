package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strconv"
	"strings"
)

// Attachment is a file kept with a record (a scanned agreement, a notice served).
type Attachment struct {
	ID          int64  `json:"id"`
	RecordID    int64  `json:"record_id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	CreatedAt   string `json:"created_at"`
	CreatedBy   string `json:"created_by"`
}

const attachmentColumns = `id, record_id, name, content_type, size, sha256, created_at, created_by`

func scanAttachment(row interface{ Scan(...any) error }) (Attachment, error) {
	var at Attachment
	err := row.Scan(&at.ID, &at.RecordID, &at.Name, &at.ContentType, &at.Size, &at.SHA256, &at.CreatedAt, &at.CreatedBy)
	return at, err
}

// AddAttachment stores a file with a record the actor may write. The upload is a change to
// the record: it appears in its timeline and in the audit trail (name, size and checksum).
func (s *Store) AddAttachment(ctx context.Context, a Actor, sc Scope, recordID int64, name, contentType string, data []byte) (Attachment, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Attachment{}, fieldError("file", "请选择要上传的文件")
	}
	if len(data) == 0 {
		return Attachment{}, fieldError("file", "文件「%s」是空的", name)
	}
	sum := sha256.Sum256(data)
	at := Attachment{RecordID: recordID, Name: name, ContentType: contentType, Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:]), CreatedAt: s.stamp(), CreatedBy: a.Name}
	err := s.inTx(ctx, func(t *tx) error {
		rec, err := t.scopedRecord(ctx, sc, recordID)
		if err != nil {
			return err
		}
		if _, err := t.writable(a, sc, rec.Kind); err != nil {
			return err
		}
		at.ID, err = t.insert(ctx, `INSERT INTO attachments (record_id, name, content_type, size, sha256, data,
			created_at, created_by) VALUES (?,?,?,?,?,?,?,?)`, recordID, at.Name, at.ContentType, at.Size, at.SHA256,
			data, at.CreatedAt, at.CreatedBy)
		if err != nil {
			return err
		}
		info := map[string]any{"attachment": at.ID, "name": at.Name, "size": at.Size, "sha256": at.SHA256}
		if err := t.event(ctx, a, recordID, "attach", "上传附件", rec.Status, rec.Status, info); err != nil {
			return err
		}
		return t.audit(ctx, a, "record.attach", rec.Kind, strconv.FormatInt(recordID, 10), rec.OrgPath, nil, info)
	})
	return at, err
}

// Attachments lists a visible record's files, oldest first.
func (s *Store) Attachments(ctx context.Context, sc Scope, recordID int64) ([]Attachment, error) {
	if _, err := s.Record(ctx, sc, recordID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+attachmentColumns+` FROM attachments WHERE record_id = ? ORDER BY id`, recordID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		at, err := scanAttachment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, at)
	}
	return out, rows.Err()
}

// AttachmentData returns one file of a visible record, with its content.
func (s *Store) AttachmentData(ctx context.Context, sc Scope, recordID, id int64) (Attachment, []byte, error) {
	if _, err := s.Record(ctx, sc, recordID); err != nil {
		return Attachment{}, nil, err
	}
	var data []byte
	row := s.queryRow(ctx, `SELECT `+attachmentColumns+`, data FROM attachments WHERE id = ? AND record_id = ?`, id, recordID)
	var at Attachment
	err := row.Scan(&at.ID, &at.RecordID, &at.Name, &at.ContentType, &at.Size, &at.SHA256, &at.CreatedAt, &at.CreatedBy, &data)
	if err == sql.ErrNoRows {
		return at, nil, errorf(ENOTFOUND, "附件不存在")
	}
	return at, data, err
}
