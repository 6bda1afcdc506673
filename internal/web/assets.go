package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// assets are the embedded static files, fingerprinted: a page links /static/<hash>/<name>, so
// a browser may cache a file for a year and still fetches the new one after an upgrade.
type assets struct {
	files map[string]*asset // by name under static/, e.g. "app.css", "vendor/htmx.min.js"
}

type asset struct {
	hash        string
	contentType string
	data, gz    []byte // gz: precompressed once at start-up for text files (echarts is 1 MB)
}

func loadAssets() (*assets, error) {
	a := &assets{files: map[string]*asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		f := &asset{hash: hex.EncodeToString(sum[:6]), data: data, contentType: mime.TypeByExtension(path.Ext(p))}
		if f.contentType == "" {
			f.contentType = "application/octet-stream"
		}
		if strings.HasPrefix(f.contentType, "text/") || strings.Contains(f.contentType, "javascript") ||
			strings.Contains(f.contentType, "svg") {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(data)
			zw.Close()
			f.gz = buf.Bytes()
		}
		a.files[strings.TrimPrefix(p, "static/")] = f
		return nil
	})
	return a, err
}

// url is the fingerprinted address of a static file; an unknown name is a template bug and
// fails loudly at start-up, when the templates are first executed in tests.
func (a *assets) url(name string) string {
	f, ok := a.files[name]
	if !ok {
		panic("web: unknown static file " + name)
	}
	return "/static/" + f.hash + "/" + name
}

// serve answers GET /static/{hash}/{path...}. A stale hash (a page cached from before an
// upgrade) still gets the current file, but not cached for long.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	f, ok := a.files[r.PathValue("path")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Vary", "Accept-Encoding")
	if r.PathValue("hash") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	body, etag := f.data, f.hash
	if f.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body, etag = f.gz, f.hash+".gz"
	}
	h.Set("ETag", `"`+etag+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
