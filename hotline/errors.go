package hotline

import (
	"fmt"
	"strings"
	"sync"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

// The errors users see. Each has a stable code and a catalogue key
// (i18n/messages/hotline.json).

func errCannotSend(unit string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.hotline_cannot_send",
		"permission hotline.send required over unit "+unit, "unit", unit)
}

func errCannotRead(unit string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.hotline_cannot_read",
		"permission hotline.read required over unit "+unit, "unit", unit)
}

func errNoUnit() error {
	return borderlink.Errorf(borderlink.EInvalid, "error.hotline_from_unit",
		"name the unit to send from: the account has no unit")
}

func errNotLocal(unit string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.hotline_not_local",
		"unit "+unit+" is not served by this node", "unit", unit)
}

func errNoRoute(unit string) error {
	return borderlink.Errorf(borderlink.EUnavailable, "error.hotline_no_route",
		"no peer node serves unit "+unit+": add the peer first", "unit", unit)
}

func errUnknownMessage(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.hotline_unknown_message",
		fmt.Sprintf("no message %q", clip(id, 40)), "id", clip(id, 40))
}

func errUnknownChannel(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.hotline_unknown_channel",
		fmt.Sprintf("no channel %q", clip(id, 90)), "id", clip(id, 90))
}

func errRequired(field string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.hotline_required",
		field+" is required", "field", fieldLabel(field))
}

func errTooLong(field string, max int) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.hotline_too_long",
		fmt.Sprintf("%s is longer than %d characters", field, max), "field", fieldLabel(field), "max", max)
}

func errBadText(field string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.hotline_bad_text",
		field+" holds control characters or invalid UTF-8", "field", fieldLabel(field))
}

// catalog gives the names of a message's fields in every language, so that
// an error names the field in the reader's language. The catalogues are
// embedded in the binary, so a load error is a build fault.
var catalog = sync.OnceValue(i18n.MustLoad)

// fieldLabel returns the name of a message field ("subject", "form.type")
// in every language: the catalogue text "hotline.field_<field>" (dots as
// underscores), or the field itself when the catalogue has none.
func fieldLabel(field string) borderlink.Text {
	if t, _, ok := catalog().Text("hotline.field_" + strings.ReplaceAll(field, ".", "_")); ok {
		return t
	}
	return borderlink.Text{VI: field, LO: field, EN: field}
}

func errLang(l string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.hotline_lang",
		fmt.Sprintf("unknown language %q: want vi, lo or en", clip(l, 10)), "value", clip(l, 10))
}

func errThread(id string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.hotline_thread",
		fmt.Sprintf("thread %q is not on this channel", clip(id, 40)), "id", clip(id, 40))
}

func errNotRecipient(unit string) error {
	return borderlink.Errorf(borderlink.EForbidden, "error.hotline_not_recipient",
		"only the receiving unit "+unit+" can acknowledge this message", "unit", unit)
}

func errBadForm(detail string) error {
	return borderlink.Errorf(borderlink.EInvalid, "error.hotline_form", "the form is not valid: "+detail)
}
