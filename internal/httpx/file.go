package httpx

import (
	"mime"
	"net/http"
	"strconv"
)

// ServeDownload writes a stored file for download: never shown inline,
// never cached, typed as it was sniffed when stored, with its SHA-256 in
// the Digest header so that the receiver can check it end to end.
func ServeDownload(w http.ResponseWriter, name, contentType, sha256hex string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Digest", "sha-256="+sha256hex)
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}
