// Package static holds the web interface's assets — the stylesheet, htmx and
// its SSE extension, and the Noto fonts — embedded in the binary so that a
// node serves every byte itself and no page loads anything from another host.
//
// The third-party files are copied unchanged from their npm packages; see
// LICENSES.md for each file's package, version, licence and checksum.
package static

import "embed"

// FS holds css/, js/ and fonts/. Paths inside it have no leading slash:
// "css/app.css", "js/htmx.min.js", "fonts/noto-sans-lao-lao-400-normal.woff2".
//
//go:embed css js fonts
var FS embed.FS
