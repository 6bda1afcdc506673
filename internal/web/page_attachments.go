package web

import (
	"io"
	"net/http"
	"path/filepath"
	"strconv"
)

func (s *Server) attachmentUpload(w http.ResponseWriter, r *http.Request) error {
	_, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return invalid("file", "请选择要上传的文件")
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return err
	}
	rs := state(r)
	name := filepath.Base(hdr.Filename)
	at, err := s.st.AddAttachment(r.Context(), rs.actor(), rs.scope, rec.ID, name, hdr.Header.Get("Content-Type"), data)
	if err != nil {
		return err
	}
	redirect(w, r, recordURL(rec)+"#attachments", "已上传附件「"+at.Name+"」")
	return nil
}

// inlineTypes may be shown by the browser; anything else (HTML, SVG, scripts an uploader
// could plant) is sent as an opaque download so it never runs under our origin.
var inlineTypes = map[string]bool{"application/pdf": true, "image/png": true, "image/jpeg": true}

func (s *Server) attachmentDownload(w http.ResponseWriter, r *http.Request) error {
	_, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil {
		return notFound("附件不存在")
	}
	at, data, err := s.st.AttachmentData(r.Context(), state(r).scope, rec.ID, id)
	if err != nil {
		return err
	}
	ct := "application/octet-stream"
	if inlineTypes[at.ContentType] {
		ct = at.ContentType
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", contentDisposition(at.Name))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(data)
	return nil
}
