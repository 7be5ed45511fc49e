package i18n_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/unicode/norm"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

func mustLoad(t *testing.T) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func texts(t borderlink.Text) map[borderlink.Lang]string {
	return map[borderlink.Lang]string{borderlink.LangVI: t.VI, borderlink.LangLO: t.LO, borderlink.LangEN: t.EN}
}

// TestCatalogueComplete fails when any key of any file lacks its text, or
// has only blanks, in one of the languages: such a key would show a user
// English, or nothing, instead of their language.
func TestCatalogueComplete(t *testing.T) {
	c := mustLoad(t)
	keys := c.Keys()
	if len(keys) == 0 {
		t.Fatal("catalogue is empty")
	}
	for _, k := range keys {
		txt, file, _ := c.Text(k)
		for _, l := range borderlink.Langs {
			if strings.TrimSpace(texts(txt)[l]) == "" {
				t.Errorf("%s: %s has no %s text", file, k, l)
			}
		}
	}
}

// TestPlaceholdersAgree fails when a key's {placeholders} are not the same
// set in all three languages.
func TestPlaceholdersAgree(t *testing.T) {
	c := mustLoad(t)
	for _, k := range c.Keys() {
		txt, file, _ := c.Text(k)
		en := i18n.Placeholders(txt.EN)
		slices.Sort(en)
		for _, l := range []borderlink.Lang{borderlink.LangVI, borderlink.LangLO} {
			got := i18n.Placeholders(texts(txt)[l])
			slices.Sort(got)
			if !slices.Equal(got, en) {
				t.Errorf("%s: %s: %s has placeholders %v, en has %v", file, k, l, got, en)
			}
		}
	}
}

// TestTextsWellFormed: texts are NFC (as BorderLink stores all text), have
// no stray spaces at either end, no broken placeholder braces, and the Lao
// and Vietnamese texts are written in their own script.
func TestTextsWellFormed(t *testing.T) {
	c := mustLoad(t)
	lao := regexp.MustCompile(`\p{Lao}`)
	viMarks := regexp.MustCompile(`[À-ỹĐđ]`)
	for _, k := range c.Keys() {
		txt, file, _ := c.Text(k)
		for l, s := range texts(txt) {
			if !norm.NFC.IsNormalString(s) {
				t.Errorf("%s: %s (%s) is not NFC", file, k, l)
			}
			if s != strings.TrimSpace(s) {
				t.Errorf("%s: %s (%s) has leading or trailing space", file, k, l)
			}
			if strings.Count(s, "{") != strings.Count(s, "}") || strings.Count(s, "{") != len(placeholderUses(s)) {
				t.Errorf("%s: %s (%s) has a malformed placeholder: %q", file, k, l, s)
			}
		}
		if txt.LO != txt.EN && !lao.MatchString(txt.LO) {
			t.Errorf("%s: %s: lo text %q has no Lao script", file, k, txt.LO)
		}
		if strings.ContainsAny(txt.VI, "ăâêôơưđĂÂÊÔƠƯĐ") && !viMarks.MatchString(txt.VI) {
			t.Errorf("%s: %s: vi text %q looks wrong", file, k, txt.VI)
		}
	}
}

func placeholderUses(s string) []string {
	return regexp.MustCompile(`\{[A-Za-z_][A-Za-z0-9_]*\}`).FindAllString(s, -1)
}

// TestShellKeys checks that the keys the web shell and the error codes rely
// on are present.
func TestShellKeys(t *testing.T) {
	c := mustLoad(t)
	p := c.Printer(borderlink.LangEN)
	want := []string{
		"app.name", "nav.home", "nav.units", "nav.users", "nav.audit", "nav.profile", "nav.logout", "nav.language",
		"login.username", "login.password", "login.submit", "login.failed", "login.locked_until", "login.retry_in",
		"mfa.code", "profile.mfa_scan", "profile.mfa_confirm", "profile.mfa_enable",
		"units.country", "units.level", "units.parent", "units.counterparts", "units.valid_from", "units.valid_to",
		"units.successors", "units.sub_units", "units.code", "units.search",
		"users.add", "users.username", "users.display_name", "users.role", "users.unit", "users.disable", "users.enable",
		"users.reset_password", "users.new_password_once", "users.set_role",
		"users.status_active", "users.status_disabled", "users.status_locked",
		"audit.time", "audit.actor", "audit.unit", "audit.action", "audit.object", "audit.source", "audit.outcome",
		"audit.filter", "audit.from", "audit.to", "audit.verify", "audit.verified", "audit.tampered",
		"profile.language", "profile.change_password",
		"common.save", "common.cancel", "common.search", "common.next", "common.previous", "common.no_results",
		"common.required", "common.page_of",
		"error.node_id", "error.bad_json", "error.csrf", "error.session_expired", "error.unknown_unit",
		"error.duplicate_user", "error.weak_password", "error.bad_totp", "error.already_initialised",
	}
	for _, r := range []string{"admin", "commander", "officer", "analyst", "liaison", "treatment_officer", "auditor"} {
		want = append(want, "role."+r)
	}
	for _, l := range []string{"ministry", "province", "district", "commune", "village"} {
		want = append(want, "level."+l)
	}
	// Every error code in error.go has its message, the fallback of Err.
	for _, code := range []string{
		borderlink.EInternal, borderlink.EInvalid, borderlink.ENotFound, borderlink.EConflict,
		borderlink.EUnauthorized, borderlink.EForbidden, borderlink.ELocked, borderlink.ETooLarge,
		borderlink.EUnavailable, borderlink.EMFARequired,
	} {
		want = append(want, "error."+code)
	}
	for _, k := range want {
		if !p.Has(k) {
			t.Errorf("missing key %s", k)
		}
	}
}

func TestLoadRejects(t *testing.T) {
	for name, files := range map[string]fstest.MapFS{
		"key in two files": {
			"a.json": {Data: []byte(`{"units.title": {"vi": "a", "lo": "a", "en": "a"}}`)},
			"b.json": {Data: []byte(`{"units.title": {"vi": "b", "lo": "b", "en": "b"}}`)},
		},
		"key twice in one file": {
			"a.json": {Data: []byte(`{"units.title": {"vi": "a", "lo": "a", "en": "a"}, "units.title": {"vi": "b", "lo": "b", "en": "b"}}`)},
		},
		"unknown language": {
			"a.json": {Data: []byte(`{"units.title": {"vi": "a", "lo": "a", "en": "a", "th": "a"}}`)},
		},
		"key not area.name": {
			"a.json": {Data: []byte(`{"UnitsTitle": {"vi": "a", "lo": "a", "en": "a"}}`)},
		},
		"not an object": {
			"a.json": {Data: []byte(`["units.title"]`)},
		},
		"trailing data": {
			"a.json": {Data: []byte(`{} {}`)},
		},
		"no files": {},
	} {
		if _, err := i18n.LoadFS(files); err == nil {
			t.Errorf("%s: LoadFS succeeded", name)
		}
	}
	ok := fstest.MapFS{
		"a.json": {Data: []byte(`{"a.x": {"vi": "a", "lo": "ກ", "en": "a"}}`)},
		"b.json": {Data: []byte(`{"b.x": {"vi": "b", "lo": "ຂ", "en": "b"}}`)},
	}
	c, err := i18n.LoadFS(ok)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Keys(); !slices.Equal(got, []string{"a.x", "b.x"}) {
		t.Errorf("Keys() = %v", got)
	}
}

func TestMustLoad(t *testing.T) {
	if n := len(i18n.MustLoad().Keys()); n < 100 {
		t.Errorf("only %d keys", n)
	}
}
