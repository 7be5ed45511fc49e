package api_test

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/api"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/units"
)

// The checks below read openapi.yaml line by line, relying on the layout
// rules stated at the top of that file (two-space indentation; paths at 2
// spaces, methods at 4, x-permission at 6; components at 2, their entries at
// 4). A spec that breaks the rules fails here rather than being misread.

const specFile = "openapi.yaml"

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// specLine is one line of the spec with its indentation.
type specLine struct {
	n      int // line number, from 1
	indent int
	text   string // without the indentation and trailing spaces
}

// key returns the mapping key the line opens ("" when it is not "key:" or
// "key: value"), unquoted, and the value after it.
func (l specLine) key() (string, string) {
	if strings.HasPrefix(l.text, "#") || strings.HasPrefix(l.text, "- ") {
		return "", ""
	}
	k, v, ok := strings.Cut(l.text, ":")
	if !ok || (v != "" && v[0] != ' ') {
		return "", ""
	}
	return unquote(k), unquote(strings.TrimSpace(v))
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

func readSpec(t *testing.T) []specLine {
	t.Helper()
	b, err := os.ReadFile(specFile)
	if err != nil {
		t.Fatal(err)
	}
	var out []specLine
	for i, raw := range strings.Split(string(b), "\n") {
		raw = strings.TrimRight(raw, " \r")
		if strings.Contains(raw, "\t") {
			t.Fatalf("%s:%d: tab character (indent with spaces only)", specFile, i+1)
		}
		text := strings.TrimLeft(raw, " ")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		out = append(out, specLine{n: i + 1, indent: len(raw) - len(text), text: text})
	}
	return out
}

// section returns the lines inside the top-level key name (without it).
func section(t *testing.T, lines []specLine, name string) []specLine {
	t.Helper()
	for i, l := range lines {
		if l.indent != 0 || l.text != name+":" {
			continue
		}
		end := i + 1
		for end < len(lines) && lines[end].indent > 0 {
			end++
		}
		return lines[i+1 : end]
	}
	t.Fatalf("%s: no top-level %q", specFile, name+":")
	return nil
}

// block is the lines below a key.
type block struct {
	line  int // line number of the key
	lines []specLine
}

// blocks splits lines into the entries opened by keys at indent, in order.
func blocks(t *testing.T, lines []specLine, indent int) (map[string]*block, []string) {
	t.Helper()
	m := map[string]*block{}
	var order []string
	var cur *block
	for _, l := range lines {
		switch {
		case l.indent < indent:
			t.Fatalf("%s:%d: unexpected indentation %d", specFile, l.n, l.indent)
		case l.indent == indent:
			k, v := l.key()
			if k == "" || v != "" {
				t.Fatalf("%s:%d: want a key opening a block at indent %d, got %q", specFile, l.n, indent, l.text)
			}
			if _, dup := m[k]; dup {
				t.Fatalf("%s:%d: %q twice", specFile, l.n, k)
			}
			cur = &block{line: l.n}
			m[k] = cur
			order = append(order, k)
		case cur == nil:
			t.Fatalf("%s:%d: line outside any block", specFile, l.n)
		default:
			cur.lines = append(cur.lines, l)
		}
	}
	return m, order
}

// components returns the component definitions: kind → name → block.
func components(t *testing.T, lines []specLine) map[string]map[string]*block {
	t.Helper()
	kinds, _ := blocks(t, section(t, lines, "components"), 2)
	out := map[string]map[string]*block{}
	for kind, b := range kinds {
		out[kind], _ = blocks(t, b.lines, 4)
	}
	return out
}

// specOp is one operation of the spec.
type specOp struct {
	method, path string // "GET", "/api/v1/units"
	perm         string // its x-permission
	line         int
	body         []specLine
}

func (o specOp) String() string { return o.method + " " + o.path }

// operations reads every operation of the paths section.
func operations(t *testing.T, lines []specLine) []specOp {
	t.Helper()
	paths, order := blocks(t, section(t, lines, "paths"), 2)
	var ops []specOp
	for _, p := range order {
		if !strings.HasPrefix(p, "/") {
			t.Fatalf("%s: path %q does not start with /", specFile, p)
		}
		methods, morder := blocks(t, paths[p].lines, 4)
		for _, m := range morder {
			if !slices.Contains(httpMethods, m) {
				t.Fatalf("%s: path %s: %q is not an HTTP method (path-level keys are not used in this spec)", specFile, p, m)
			}
			op := specOp{method: strings.ToUpper(m), path: p, line: methods[m].line, body: methods[m].lines}
			n := 0
			for _, l := range op.body {
				if k, v := l.key(); l.indent == 6 && k == "x-permission" {
					op.perm = v
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s:%d: %s has %d x-permission lines, want 1", specFile, op.line, op, n)
			}
			ops = append(ops, op)
		}
	}
	return ops
}

// rolesSentence is the line each operation's description must hold: who
// holds its permission according to auth.RolePermissions.
func rolesSentence(t *testing.T, perm string) string {
	t.Helper()
	if perm == "public" {
		return "Public: no sign-in needed."
	}
	var roles []string
	for _, r := range auth.Roles() {
		if r.Can(auth.Permission(perm)) {
			roles = append(roles, string(r))
		}
	}
	switch len(roles) {
	case 0:
		t.Errorf("no role holds permission %q", perm)
		return ""
	case 1:
		return fmt.Sprintf("Permission `%s`, held by the role %s.", perm, roles[0])
	}
	return fmt.Sprintf("Permission `%s`, held by the roles %s and %s.", perm,
		strings.Join(roles[:len(roles)-1], ", "), roles[len(roles)-1])
}

// TestOpenAPIRoutes checks that openapi.yaml describes exactly the routes of
// api.Routes(), each with the route's permission, and names the roles that
// hold it.
func TestOpenAPIRoutes(t *testing.T) {
	lines := readSpec(t)
	if !slices.ContainsFunc(lines, func(l specLine) bool { return l.indent == 0 && strings.HasPrefix(l.text, "openapi: 3.1.") }) {
		t.Errorf("%s: no top-level \"openapi: 3.1.x\"", specFile)
	}
	ops := operations(t, lines)
	spec := map[string]specOp{}
	for _, op := range ops {
		spec[op.String()] = op
	}

	routes := (&api.API{}).Routes()
	if len(routes) == 0 {
		t.Fatal("api.Routes() is empty")
	}
	want := map[string]bool{}
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		want[key] = true
		perm := string(rt.Perm)
		if rt.Public {
			perm = "public"
		}
		op, ok := spec[key]
		switch {
		case !ok:
			t.Errorf("route %s (permission %s) is missing from %s", key, perm, specFile)
			continue
		case op.perm != perm:
			t.Errorf("%s:%d: %s has x-permission %q, the route requires %q", specFile, op.line, key, op.perm, perm)
		}
		sentence := rolesSentence(t, perm)
		if sentence != "" && !slices.ContainsFunc(op.body, func(l specLine) bool { return l.text == sentence }) {
			t.Errorf("%s:%d: the description of %s must hold the line %q", specFile, op.line, key, sentence)
		}
	}
	for _, op := range ops {
		if !want[op.String()] {
			t.Errorf("%s:%d: %s is not a route of api.Routes()", specFile, op.line, op)
		}
	}
}

var refPattern = regexp.MustCompile(`\$ref: ["']?#/components/([A-Za-z]+)/([A-Za-z0-9_.-]+)["']?$`)

// TestOpenAPIReferences checks that every $ref names a defined component and
// that each path parameter is declared through one.
func TestOpenAPIReferences(t *testing.T) {
	lines := readSpec(t)
	defined := components(t, lines)
	for _, l := range lines {
		if !strings.Contains(l.text, "$ref:") {
			continue
		}
		m := refPattern.FindStringSubmatch(l.text)
		if m == nil {
			t.Errorf("%s:%d: $ref must be \"#/components/<kind>/<name>\": %s", specFile, l.n, l.text)
			continue
		}
		if _, ok := defined[m[1]][m[2]]; !ok {
			t.Errorf("%s:%d: %s/%s is not defined under components", specFile, l.n, m[1], m[2])
		}
	}

	// Path parameters: name → declared "in: path".
	pathParams := map[string]string{}
	for name, b := range defined["parameters"] {
		var pname, in string
		for _, l := range b.lines {
			if k, v := l.key(); l.indent == 6 && k == "name" {
				pname = v
			} else if l.indent == 6 && k == "in" {
				in = v
			}
		}
		if in == "path" {
			pathParams[name] = pname
		}
	}
	for _, op := range operations(t, lines) {
		var declared []string
		for _, l := range op.body {
			if m := refPattern.FindStringSubmatch(l.text); m != nil && m[1] == "parameters" {
				if p, ok := pathParams[m[2]]; ok {
					declared = append(declared, p)
				}
			}
		}
		var inPath []string
		for _, m := range regexp.MustCompile(`\{([^}]+)\}`).FindAllStringSubmatch(op.path, -1) {
			inPath = append(inPath, m[1])
		}
		sort.Strings(declared)
		sort.Strings(inPath)
		if !slices.Equal(declared, inPath) {
			t.Errorf("%s:%d: %s declares path parameters %v, its path has %v", specFile, op.line, op, declared, inPath)
		}
	}
}

// jsonFields returns the JSON names of the fields of struct type typ as
// encoding/json writes them, and those it always writes (no omitempty or
// omitzero).
func jsonFields(typ reflect.Type) (all, always []string) {
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" && opts == "" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			a, w := jsonFields(f.Type)
			all, always = append(all, a...), append(always, w...)
			continue
		}
		if name == "" {
			name = f.Name
		}
		all = append(all, name)
		if !slices.Contains(strings.Split(opts, ","), "omitempty") && !slices.Contains(strings.Split(opts, ","), "omitzero") {
			always = append(always, name)
		}
	}
	return all, always
}

// schemaFields returns the property names of a component schema and its
// required list (written "required: [a, b]").
func schemaFields(t *testing.T, ls []specLine) (props, required []string) {
	t.Helper()
	inProps := false
	for _, l := range ls {
		k, v := l.key()
		switch {
		case l.indent == 6 && k == "required":
			if !strings.HasPrefix(v, "[") || !strings.HasSuffix(v, "]") {
				t.Fatalf("%s:%d: write required as a flow list [a, b]", specFile, l.n)
			}
			for s := range strings.SplitSeq(strings.Trim(v, "[]"), ",") {
				required = append(required, unquote(strings.TrimSpace(s)))
			}
		case l.indent == 6:
			inProps = k == "properties"
		case inProps && l.indent == 8 && k != "":
			props = append(props, k)
		}
	}
	return props, required
}

// TestOpenAPISchemasMatchTypes checks the schemas that mirror exported Go
// types against the JSON those types encode to: the same property names, and
// "required" exactly for the fields always written.
func TestOpenAPISchemasMatchTypes(t *testing.T) {
	schemas := components(t, readSpec(t))["schemas"]
	for _, c := range []struct {
		schema string
		typ    any
		extra  []string // fields the handler adds, always written
	}{
		{"Text", borderlink.Text{}, nil},
		{"Grant", auth.Grant{}, nil},
		{"Me", auth.Principal{}, []string{"permissions"}},
		{"User", auth.User{}, nil},
		{"Unit", units.Unit{}, nil},
		{"Level", units.Level{}, nil},
		{"Counterpart", units.Counterpart{}, nil},
		{"AuditEntry", audit.Entry{}, nil},
		{"AuditReport", audit.Report{}, nil},
		{"AuditProblem", audit.Problem{}, nil},
		{"Channel", hotline.Channel{}, nil},
		{"Message", hotline.Message{}, nil},
		{"MessageStates", hotline.States{}, nil},
		{"FormData", hotline.FormData{}, nil},
		{"Translation", hotline.Translation{}, nil},
		{"Alert", hotline.Alert{}, nil},
		{"PeerHealth", federation.PeerHealth{}, nil},
		{"WitnessState", federation.WitnessState{}, nil},
		{"Fork", federation.Fork{}, nil},
		{"StatFilter", stats.Filter{}, nil},
		{"StatRow", stats.Row{}, []string{"kilograms", "litres"}},
		{"StatFigures", stats.Figures{}, nil},
		{"StatSummary", stats.Summary{}, nil},
		{"ScreenResult", checkpoint.Result{}, nil},
		{"ScreenCandidate", checkpoint.Candidate{}, nil},
		{"WatchList", checkpoint.List{}, nil},
	} {
		b, ok := schemas[c.schema]
		if !ok {
			t.Errorf("schema %s is missing", c.schema)
			continue
		}
		all, always := jsonFields(reflect.TypeOf(c.typ))
		all, always = append(all, c.extra...), append(always, c.extra...)
		props, required := schemaFields(t, b.lines)
		for _, s := range [][]string{all, always, props, required} {
			sort.Strings(s)
		}
		if !slices.Equal(props, all) {
			t.Errorf("schema %s has properties %v; %T encodes %v", c.schema, props, c.typ, all)
		}
		if !slices.Equal(required, always) {
			t.Errorf("schema %s requires %v; %T always writes %v", c.schema, required, c.typ, always)
		}
	}
}
