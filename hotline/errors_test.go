package hotline

import (
	"regexp"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

// TestErrorsReadInEveryLanguage renders every error the hotline gives in
// each language: each has its catalogue message, placeholders filled, and
// the fields named in the reader's language.
func TestErrorsReadInEveryLanguage(t *testing.T) {
	_, priority := ParsePriority("HIGH")
	_, handling := ParseHandling("secret")
	_, state := ParseState("lost")
	errs := []error{
		errCannotSend("VN-11"), errCannotRead("VN-11"), errNoUnit(), errNotLocal("LA-02"), errNoRoute("LA-02"),
		errUnknownMessage("0192f0e0"), errUnknownChannel("LA-02~VN-11"), errRequired("subject"), errRequired("body"),
		errRequired("to_unit"), errRequired("form.type"), errTooLong("subject", MaxSubject), errTooLong("form", MaxForm),
		errBadText("body"), errLang("th"), errThread("0192f0e0"), errNotRecipient("VN-11"), errBadForm("detail"),
		errNoChannel("VN-11", "VN-14"), priority, handling, state,
	}
	for _, f := range []string{"id", "unit", "author", "created", "priority", "handling", "translation"} {
		errs = append(errs, errRequired(f))
	}
	cat := i18n.MustLoad()
	leftover := regexp.MustCompile(`\{[a-z_]+\}|hotline\.field_|error\.`)
	for _, err := range errs {
		e := borderlink.AsError(err)
		if e.Code == borderlink.EInternal || !cat.Printer(borderlink.LangEN).Has(e.Key) {
			t.Errorf("%v: no catalogue message %q", err, e.Key)
			continue
		}
		for _, l := range borderlink.Langs {
			s := cat.Printer(l).Err(err)
			if s == "" || leftover.MatchString(s) {
				t.Errorf("%s (%s): %q", e.Key, l, s)
			}
		}
	}
	// Field names are in the reader's language.
	for l, want := range map[borderlink.Lang]string{
		borderlink.LangVI: "Tiêu đề", borderlink.LangLO: "ຫົວຂໍ້", borderlink.LangEN: "Subject",
	} {
		if s := cat.Printer(l).Err(errRequired("subject")); !strings.Contains(s, want) {
			t.Errorf("%s: %q does not name the subject as %q", l, s, want)
		}
	}
	if s := cat.Printer(borderlink.LangVI).Err(errTooLong("body", MaxBody)); !strings.Contains(s, "Nội dung") || !strings.Contains(s, "10.000") {
		t.Errorf("too long: %q", s)
	}
	if l := fieldLabel("no_such_field"); l.VI != "no_such_field" || l.LO != "no_such_field" {
		t.Errorf("a field without a label: %+v", l)
	}
	if l := fieldLabel("form.type"); l.EN != "Form type" {
		t.Errorf("form.type: %+v", l)
	}
	// An id is echoed clipped.
	if e := borderlink.AsError(errUnknownMessage(strings.Repeat("x", 500))); len(e.Message) > 100 {
		t.Errorf("a long id is echoed whole: %d bytes", len(e.Message))
	}
}
