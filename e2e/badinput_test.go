package e2e

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
	"github.com/borderlink/borderlink/internal/testutil/pgtest"
)

// Bad input, end to end: each bad request gets a clear error in the
// caller's language, and what the node already stored is intact afterwards
// (the accounts are as they were and the audit log verifies).

// eachEngine runs fn on a node on SQLite and, when BORDERLINK_TEST_POSTGRES
// is set, on a node on PostgreSQL.
func eachEngine(t *testing.T, fn func(t *testing.T, n *nodetest.Node)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, nodetest.MustStart(t, nodetest.Options{})) })
	t.Run("postgres", func(t *testing.T) {
		fn(t, nodetest.MustStart(t, nodetest.Options{Database: pgtest.MustCreateDatabase(t)}))
	})
}

// reply is an HTTP answer with its body read.
type reply struct {
	status int
	header http.Header
	body   string
}

// cookie returns the cookie the answer sets under name, or nil.
func (r reply) cookie(name string) *http.Cookie {
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// send makes one request; header holds name, value pairs.
func send(tb testing.TB, c *http.Client, method, url string, body io.Reader, header ...string) reply {
	tb.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return reply{status: res.StatusCode, header: res.Header, body: string(b)}
}

// postForm posts an HTML form to path.
func postForm(tb testing.TB, n *nodetest.Node, c *http.Client, path string, form url.Values, header ...string) reply {
	tb.Helper()
	return send(tb, c, "POST", n.URL+path, strings.NewReader(form.Encode()),
		append([]string{"Content-Type", "application/x-www-form-urlencoded"}, header...)...)
}

// call makes an API request with a bearer token (none when empty).
func call(tb testing.TB, n *nodetest.Node, method, path, token, body string, header ...string) reply {
	tb.Helper()
	h := []string{"Content-Type", "application/json"}
	if token != "" {
		h = append(h, "Authorization", "Bearer "+token)
	}
	return send(tb, n.Client(tb), method, n.URL+path, strings.NewReader(body), append(h, header...)...)
}

// wantAPIError checks that r is the API's error answer with this status and
// code, and returns its message.
func wantAPIError(tb testing.TB, what string, r reply, status int, code string) string {
	tb.Helper()
	var b struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(r.body), &b); err != nil || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		tb.Errorf("%s: not a JSON error (%s, %v): %.300s", what, r.header.Get("Content-Type"), err, r.body)
		return ""
	}
	if r.status != status || b.Error.Code != code || b.Error.Message == "" {
		tb.Errorf("%s: status %d, code %q, message %q; want %d, %q and a message", what, r.status, b.Error.Code, b.Error.Message, status, code)
	}
	return b.Error.Message
}

// msg returns the catalogue message of key in lang, as a user reads it.
func msg(n *nodetest.Node, lang borderlink.Lang, key string, args ...any) string {
	return n.Catalog.Printer(lang).T(key, args...)
}

// wantPage checks that an HTML answer has this status, is in lang and shows
// text (escaped as the templates escape it).
func wantPage(tb testing.TB, what string, r reply, status int, lang borderlink.Lang, text string) {
	tb.Helper()
	if r.status != status {
		tb.Errorf("%s: status %d, want %d: %.300s", what, r.status, status, r.body)
	}
	if !strings.Contains(r.body, `<html lang="`+string(lang)+`"`) {
		tb.Errorf("%s: page is not in %s", what, lang)
	}
	if !strings.Contains(r.body, html.EscapeString(text)) {
		tb.Errorf("%s: page does not say %q: %.600s", what, text, r.body)
	}
}

// accounts returns what the node holds of every account, one line each, for
// comparing before and after bad requests.
func accounts(tb testing.TB, n *nodetest.Node) string {
	tb.Helper()
	r := call(tb, n, "GET", "/api/v1/users?limit=500", n.Tokens[auth.RoleAdmin], "")
	var list struct {
		Users []auth.User `json:"users"`
	}
	if r.status != http.StatusOK || json.Unmarshal([]byte(r.body), &list) != nil {
		tb.Fatalf("list users: %d %.300s", r.status, r.body)
	}
	var lines []string
	for _, u := range list.Users {
		lines = append(lines, fmt.Sprintf("%s|%s|%s|%s|%v|%v|%s|%s", u.Username, u.DisplayName, u.Lang, u.Status,
			u.Grants, u.MFA, u.PasswordChanged, u.Created))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// mustVerifyAudit checks, as the auditor, that the audit log verifies.
func mustVerifyAudit(tb testing.TB, n *nodetest.Node) {
	tb.Helper()
	r := call(tb, n, "POST", "/api/v1/audit/verify", n.Tokens[auth.RoleAuditor], "")
	var rep struct {
		OK      bool
		Entries int64
	}
	if r.status != http.StatusOK || json.Unmarshal([]byte(r.body), &rep) != nil || !rep.OK || rep.Entries == 0 {
		tb.Fatalf("audit log does not verify: %d %.500s", r.status, r.body)
	}
}

// mustBeIntact checks that the accounts are as before and the audit log
// verifies.
func mustBeIntact(tb testing.TB, n *nodetest.Node, before string) {
	tb.Helper()
	if got := accounts(tb, n); got != before {
		tb.Errorf("accounts changed:\n%s\nwant\n%s", got, before)
	}
	mustVerifyAudit(tb, n)
}

// auditCount returns how many audit entries match the query, as the auditor.
func auditCount(tb testing.TB, n *nodetest.Node, query string) int {
	tb.Helper()
	r := call(tb, n, "GET", "/api/v1/audit?"+query, n.Tokens[auth.RoleAuditor], "")
	var l struct{ Total int }
	if r.status != http.StatusOK || json.Unmarshal([]byte(r.body), &l) != nil {
		tb.Fatalf("audit %s: %d %.300s", query, r.status, r.body)
	}
	return l.Total
}

// TestBadJSON sends broken bodies to the endpoints that read JSON: each is
// refused with 400 (413 when too large) and a message naming the problem
// in the language of Accept-Language; nothing is stored.
func TestBadJSON(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *nodetest.Node) {
		admin := n.Tokens[auth.RoleAdmin]
		before := accounts(t, n)
		limit := n.Config.MaxBodyBytes
		big := `{"username":"big_user","display_name":"` + strings.Repeat("x", int(limit)) + `","role":"officer","unit":"VN-MPS"}`
		for _, tc := range []struct {
			name, method, path, body string
			lang                     borderlink.Lang
			status                   int
			code, key                string
			args                     []any
			mentions                 string
		}{
			{"syntax", "POST", "/api/v1/users", `{"username" "x"}`, borderlink.LangVI, 400, "invalid", "error.json_syntax", []any{"offset", 13}, ""},
			{"not JSON", "POST", "/api/v1/users", `username=x`, borderlink.LangLO, 400, "invalid", "error.json_syntax", []any{"offset", 1}, ""},
			{"truncated", "POST", "/api/v1/users", `{"username":"x",`, borderlink.LangEN, 400, "invalid", "error.json_truncated", nil, ""},
			{"empty", "POST", "/api/v1/users", ``, borderlink.LangVI, 400, "invalid", "error.json_empty", nil, ""},
			{"blank", "POST", "/api/v1/tokens", " \n", borderlink.LangLO, 400, "invalid", "error.json_empty", nil, ""},
			{"unknown field", "POST", "/api/v1/users", `{"usernme":"x","display_name":"X","role":"officer","unit":"VN-MPS"}`,
				borderlink.LangVI, 400, "invalid", "error.json_unknown_field", []any{"field", "usernme"}, "usernme"},
			{"unknown field, token", "POST", "/api/v1/tokens", `{"name":"x","expires":"1h"}`,
				borderlink.LangLO, 400, "invalid", "error.json_unknown_field", []any{"field", "expires"}, "expires"},
			{"wrong type", "POST", "/api/v1/users", `{"username":42,"display_name":"X","role":"officer","unit":"VN-MPS"}`,
				borderlink.LangLO, 400, "invalid", "error.json_type", []any{"field", "username"}, "username"},
			{"wrong type, role", "PUT", "/api/v1/users/u_officer/role", `{"role":["admin"],"unit":"VN-MPS"}`,
				borderlink.LangEN, 400, "invalid", "error.json_type", []any{"field", "role"}, "role"},
			{"array", "POST", "/api/v1/users", `[{"username":"x"}]`, borderlink.LangVI, 400, "invalid", "error.json_object", nil, ""},
			{"trailing data", "POST", "/api/v1/users", `{"username":"x1x","display_name":"X","role":"officer","unit":"VN-MPS"} {}`,
				borderlink.LangEN, 400, "invalid", "error.json_trailing", nil, ""},
			{"null", "POST", "/api/v1/users", `null`, borderlink.LangVI, 400, "invalid", "error.bad_username", []any{"username", ""}, ""},
			{"too large", "POST", "/api/v1/users", big, borderlink.LangVI, 413, "too_large", "error.body_too_large", []any{"limit", limit}, ""},
			{"too large, import", "POST", "/api/v1/units/import", "code,country\n" + strings.Repeat("VN-99,VN\n", int(limit)/8),
				borderlink.LangLO, 413, "too_large", "error.body_too_large", []any{"limit", limit}, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := call(t, n, tc.method, tc.path, admin, tc.body, "Accept-Language", string(tc.lang))
				got := wantAPIError(t, tc.name, r, tc.status, tc.code)
				if want := msg(n, tc.lang, tc.key, tc.args...); got != want {
					t.Errorf("message %q, want %q", got, want)
				}
				if !strings.Contains(got, tc.mentions) {
					t.Errorf("message %q does not name %q", got, tc.mentions)
				}
				mustBeIntact(t, n, before)
			})
		}
		// The same problems through the login form of the web: a body over
		// the limit is refused with a page in the reader's language.
		form := url.Values{"username": {"admin"}, "password": {strings.Repeat("p", int(limit))}}
		r := postForm(t, n, n.Client(t), "/login", form, "Accept-Language", "lo")
		wantPage(t, "oversized login form", r, http.StatusRequestEntityTooLarge, borderlink.LangLO,
			msg(n, borderlink.LangLO, "error.body_too_large", "limit", limit))
		c := n.MustLogin(t, "admin", nodetest.AdminPassword)
		r = postForm(t, n, c, "/users", url.Values{"username": {"big_user"}, "display_name": {strings.Repeat("x", int(limit))},
			"role": {"officer"}, "unit": {"VN-MPS"}})
		wantPage(t, "oversized form", r, http.StatusRequestEntityTooLarge, borderlink.LangVI,
			msg(n, borderlink.LangVI, "error.body_too_large", "limit", limit))
		r = send(t, c, "POST", n.URL+"/users", strings.NewReader("username=%zz&role=admin"),
			"Content-Type", "application/x-www-form-urlencoded")
		wantPage(t, "malformed form", r, http.StatusBadRequest, borderlink.LangVI, msg(n, borderlink.LangVI, "error.bad_form"))
		mustBeIntact(t, n, before)
	})
}

// TestUnknownUnitCodes asks for units that do not exist, in paths, query
// parameters and bodies: 404 with the code in the message, in the caller's
// language, and nothing created or changed.
func TestUnknownUnitCodes(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *nodetest.Node) {
		officer, admin := n.Tokens[auth.RoleOfficer], n.Tokens[auth.RoleAdmin]
		before := accounts(t, n)
		literal := map[borderlink.Lang]string{
			borderlink.LangVI: "Không có đơn vị nào mang mã VN-NOPE.",
			borderlink.LangLO: "ບໍ່ມີໜ່ວຍງານທີ່ມີລະຫັດ VN-NOPE.",
			borderlink.LangEN: "Unknown unit code VN-NOPE.",
		}
		for _, tc := range []struct {
			name, method, path, token, body string
		}{
			{"unit in path", "GET", "/api/v1/units/VN-NOPE", officer, ""},
			{"parent", "GET", "/api/v1/units?parent=VN-NOPE", officer, ""},
			{"counterparts", "GET", "/api/v1/counterparts?unit=VN-NOPE", officer, ""},
			{"users of unit", "GET", "/api/v1/users?unit=VN-NOPE", admin, ""},
			{"new user", "POST", "/api/v1/users", admin, `{"username":"new_user","display_name":"Người mới","role":"officer","unit":"VN-NOPE"}`},
			{"set role", "PUT", "/api/v1/users/u_officer/role", admin, `{"role":"commander","unit":"VN-NOPE"}`},
		} {
			for lang, want := range literal {
				r := call(t, n, tc.method, tc.path, tc.token, tc.body, "Accept-Language", string(lang)+";q=0.9, de;q=0.5")
				if got := wantAPIError(t, tc.name, r, http.StatusNotFound, "not_found"); got != want {
					t.Errorf("%s (%s): message %q, want %q", tc.name, lang, got, want)
				}
			}
		}
		r := call(t, n, "GET", "/api/v1/users/new_user", admin, "")
		wantAPIError(t, "the refused user", r, http.StatusNotFound, "not_found")

		// A code that is markup is shown as text, never as markup.
		r = call(t, n, "GET", "/api/v1/units/"+url.PathEscape("<b>X</b>"), officer, "")
		if got := wantAPIError(t, "markup", r, http.StatusNotFound, "not_found"); !strings.Contains(got, "<b>X</b>") {
			t.Errorf("message %q does not name the code", got)
		}

		// The pages: the signed-in user's language (vi for this node), then lo
		// once the user switches.
		c := n.MustLogin(t, "admin", nodetest.AdminPassword)
		r = send(t, c, "GET", n.URL+"/units/VN-NOPE", nil)
		wantPage(t, "unit page", r, http.StatusNotFound, borderlink.LangVI, literal[borderlink.LangVI])
		r = send(t, c, "GET", n.URL+"/units/"+url.PathEscape("<b>X</b>"), nil)
		if strings.Contains(r.body, "<b>X</b>") || !strings.Contains(r.body, "&lt;b&gt;X&lt;/b&gt;") {
			t.Errorf("unit page shows the code unescaped: %.600s", r.body)
		}
		if r := postForm(t, n, c, "/lang", url.Values{"lang": {"lo"}, "next": {"/"}}); r.status != http.StatusSeeOther {
			t.Fatalf("switch to lo: %d", r.status)
		}
		r = postForm(t, n, c, "/users", url.Values{"username": {"new_user"}, "display_name": {"ຜູ້ໃຊ້ໃໝ່"},
			"role": {"officer"}, "unit": {"VN-NOPE"}})
		wantPage(t, "new user form", r, http.StatusNotFound, borderlink.LangLO, literal[borderlink.LangLO])
		if !strings.Contains(r.body, `value="new_user"`) {
			t.Errorf("the form does not keep what was entered: %.600s", r.body)
		}
		// Switching the language is the only change of the admin's account.
		before = strings.Replace(before, "admin|"+adminName(t, n)+"|vi|", "admin|"+adminName(t, n)+"|lo|", 1)
		mustBeIntact(t, n, before)
	})
}

// adminName returns the display name of the admin account.
func adminName(tb testing.TB, n *nodetest.Node) string {
	tb.Helper()
	u, err := n.Accounts.GetUser(tb.Context(), auth.System("test"), "admin")
	if err != nil {
		tb.Fatal(err)
	}
	return u.DisplayName
}

// TestDuplicateUsers creates users whose names are taken, also in another
// letter case: 409, a message in the caller's language, and the existing
// account unchanged and still able to sign in.
func TestDuplicateUsers(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *nodetest.Node) {
		admin := n.Tokens[auth.RoleAdmin]
		before := accounts(t, n)
		for i, name := range []string{"u_officer", "U_Officer", " u_officer ", "admin", "ADMIN"} {
			lang := borderlink.Langs[i%len(borderlink.Langs)]
			body := fmt.Sprintf(`{"username":%q,"display_name":"Kẻ mạo danh","password":"another-password-42","role":"admin","unit":"VN-MPS"}`, name)
			r := call(t, n, "POST", "/api/v1/users", admin, body, "Accept-Language", string(lang))
			if got, want := wantAPIError(t, name, r, http.StatusConflict, "conflict"), msg(n, lang, "error.duplicate_user"); got != want {
				t.Errorf("%q: message %q, want %q", name, got, want)
			}
		}
		literal := map[borderlink.Lang]string{
			borderlink.LangVI: "Tên đăng nhập này đã có người sử dụng.",
			borderlink.LangLO: "ຊື່ຜູ້ໃຊ້ນີ້ມີຄົນໃຊ້ແລ້ວ.",
		}
		for lang, want := range literal {
			r := call(t, n, "POST", "/api/v1/users", admin, `{"username":"U_OFFICER","display_name":"X","role":"officer","unit":"VN-MPS"}`,
				"Accept-Language", string(lang))
			if got := wantAPIError(t, "literal", r, http.StatusConflict, "conflict"); got != want {
				t.Errorf("%s: message %q, want %q", lang, got, want)
			}
		}
		c := n.MustLogin(t, "admin", nodetest.AdminPassword)
		r := postForm(t, n, c, "/users", url.Values{"username": {"U_OFFICER"}, "display_name": {"Kẻ mạo danh"},
			"role": {"admin"}, "unit": {"VN-MPS"}})
		wantPage(t, "new user form", r, http.StatusConflict, borderlink.LangVI, literal[borderlink.LangVI])
		mustBeIntact(t, n, before)
		for _, u := range []string{"admin", "u_officer"} {
			n.MustLogin(t, u, n.Passwords[u])
		}
	})
}

// TestNotText sends a NUL character or bytes that are not UTF-8 where text
// belongs, in bodies, forms, paths and query parameters: 400 error.bad_text
// on either engine (PostgreSQL cannot store a NUL at all), nothing stored.
func TestNotText(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *nodetest.Node) {
		admin, auditor := n.Tokens[auth.RoleAdmin], n.Tokens[auth.RoleAuditor]
		before := accounts(t, n)
		for _, tc := range []struct{ method, path, token, body string }{
			{"POST", "/api/v1/users", admin, `{"username":"nul_user","display_name":"Nguy\u0000ễn","role":"officer","unit":"VN-MPS"}`},
			{"POST", "/api/v1/users", admin, `{"username":"nul_user","display_name":"X","password":"long-enough-pass\u0000word","role":"officer","unit":"VN-MPS"}`},
			{"POST", "/api/v1/tokens", admin, `{"name":"script\u0000"}`},
			{"GET", "/api/v1/units/VN%00X", admin, ""},
			{"GET", "/api/v1/users?status=%00", admin, ""},
			{"GET", "/api/v1/users?q=%FF", admin, ""},
			{"GET", "/api/v1/audit?actor=%00", auditor, ""},
			{"GET", "/api/v1/audit?object=%C3%28", auditor, ""},
		} {
			for _, lang := range []borderlink.Lang{borderlink.LangVI, borderlink.LangLO} {
				r := call(t, n, tc.method, tc.path, tc.token, tc.body, "Accept-Language", string(lang))
				if got := wantAPIError(t, tc.path, r, http.StatusBadRequest, "invalid"); got != msg(n, lang, "error.bad_text") {
					t.Errorf("%s %s: message %q", tc.method, tc.path, got)
				}
			}
		}
		c := n.MustLogin(t, "admin", nodetest.AdminPassword)
		r := postForm(t, n, c, "/users", url.Values{"username": {"nul_user"}, "display_name": {"Nguy\x00ễn"}, "role": {"officer"}, "unit": {"VN-MPS"}})
		wantPage(t, "form", r, http.StatusBadRequest, borderlink.LangVI, msg(n, borderlink.LangVI, "error.bad_text"))
		r = send(t, c, "GET", n.URL+"/audit?actor=%00", nil)
		if r.status != http.StatusBadRequest && r.status != http.StatusForbidden {
			t.Errorf("audit page with a NUL: %d", r.status)
		}
		r = call(t, n, "GET", "/api/v1/users/nul_user", admin, "")
		wantAPIError(t, "the refused user", r, http.StatusNotFound, "not_found")
		mustBeIntact(t, n, before)
	})
}
