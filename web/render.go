package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/httpx"
)

//go:embed templates/*.html
var templateFS embed.FS

// parseTemplates parses every page once, each with the layout and the
// partials (files whose names start with '_'). Templates carry no FuncMap:
// pages call methods of the per-request page value (.P.T, .Can), so nothing
// mutable is shared between requests.
func parseTemplates() (map[string]*template.Template, error) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	shared := []string{"templates/layout.html"}
	var pages []string
	for _, f := range files {
		base := strings.TrimPrefix(f, "templates/")
		switch {
		case base == "layout.html":
		case strings.HasPrefix(base, "_"):
			shared = append(shared, f)
		default:
			pages = append(pages, f)
		}
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		t, err := template.ParseFS(templateFS, append(append([]string{}, shared...), p)...)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", p, err)
		}
		out[strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")] = t
	}
	return out, nil
}

// page is what every template receives.
type page struct {
	P        *i18n.Printer
	In       *httpx.Info
	Title    string
	Nav      string
	Flash    string
	Error    string
	NodeID   string
	NodeName string
	Path     string
	Data     any
}

// Can reports whether the signed-in user holds the permission (for menus
// and buttons; every handler checks again).
func (p *page) Can(perm string) bool {
	return p.In.Principal != nil && p.In.Principal.Can(auth.Permission(perm))
}

type langOption struct {
	Code    borderlink.Lang
	Name    string
	Current bool
}

// Langs lists the interface languages, each named in its own language.
func (p *page) Langs() []langOption {
	var out []langOption
	for _, l := range borderlink.Langs {
		out = append(out, langOption{Code: l, Name: i18n.LangName(l), Current: l == p.P.Lang()})
	}
	return out
}

type option struct {
	Value, Label string
	Selected     bool
}

// render writes a whole page (or, for htmx requests to a fragment, only the
// named template) with status code.
func (wb *Web) render(w http.ResponseWriter, r *http.Request, status int, name string, pg *page) {
	in := httpx.From(r)
	pg.P, pg.In = in.P, in
	pg.NodeID = string(wb.NodeID)
	pg.NodeName = wb.NodeName.In(in.Lang)
	pg.Path = r.URL.Path
	t, ok := wb.templates[name]
	if !ok {
		wb.Log.Error("web: no template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", pg); err != nil {
		wb.Log.Error("web: render", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	writeHTML(w, status, buf.Bytes())
}

// fragment renders one named template of a page's set (htmx partial updates).
func (wb *Web) fragment(w http.ResponseWriter, r *http.Request, set, name string, data any) {
	t, ok := wb.templates[set]
	if !ok {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		wb.Log.Error("web: render fragment", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	writeHTML(w, http.StatusOK, buf.Bytes())
}

func writeHTML(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}
