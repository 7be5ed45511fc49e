package web

import (
	"net/http"

	"github.com/borderlink/borderlink/web/static"
)

// staticHandler serves the embedded assets under /static/. They are
// versioned with the binary, so browsers may keep them for a day.
func staticHandler() http.Handler {
	fsrv := http.StripPrefix("/static/", http.FileServerFS(static.FS))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		fsrv.ServeHTTP(w, r)
	})
}
