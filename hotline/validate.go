package hotline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/borderlink/borderlink"
)

// Limits of a message, in characters.
const (
	MaxSubject = 200
	MaxBody    = 10000
	MaxForm    = 64 << 10 // bytes of the form's JSON
)

// NewMessage is what a sender writes.
type NewMessage struct {
	ToUnit string `json:"to_unit"`
	// FromUnit is the sending unit; "" means the sender's own unit (the
	// unit of their first grant).
	FromUnit string `json:"from_unit,omitempty"`
	// ThreadID continues a thread on the same channel; "" starts one.
	ThreadID string          `json:"thread_id,omitempty"`
	Priority Priority        `json:"priority"` // "" means ROUTINE
	Subject  string          `json:"subject"`  // required when starting a thread
	Body     string          `json:"body"`     // required unless Form is set
	Lang     borderlink.Lang `json:"lang"`     // "" means the sender's language, or else the node's
	Form     *FormData       `json:"form,omitempty"`
	Handling Handling        `json:"handling"` // "" means releasable
	// Attachments are files sent with the message (see MaxAttachments,
	// MaxAttachmentSize, AttachmentTypes).
	Attachments []NewAttachment `json:"attachments,omitempty"`
}

// cleanText returns s in NFC with surrounding space removed, or
// EInvalid when it is not valid UTF-8, holds control characters other than
// line breaks and tabs, or is longer than max characters.
func cleanText(field, s string, max int) (string, error) {
	if !utf8.ValidString(s) {
		return "", errBadText(field)
	}
	s = strings.TrimSpace(norm.NFC.String(s))
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return "", errBadText(field)
		}
	}
	if utf8.RuneCountInString(s) > max {
		return "", errTooLong(field, max)
	}
	return s, nil
}

// checkContent validates and normalises the text fields of m in place: the
// rules a sending node applies to its users and a receiving node to every
// message it is given.
func (s *Service) checkContent(m *Message, newThread bool) error {
	var err error
	if m.Subject, err = cleanText("subject", m.Subject, MaxSubject); err != nil {
		return err
	}
	if m.Body, err = cleanText("body", m.Body, MaxBody); err != nil {
		return err
	}
	if newThread && m.Subject == "" {
		return errRequired("subject")
	}
	if m.Body == "" && m.Form == nil {
		return errRequired("body")
	}
	l, ok := borderlink.ParseLang(string(m.Lang))
	if !ok || len(m.Lang) != 2 {
		return errLang(string(m.Lang))
	}
	m.Lang = l
	if m.Form != nil {
		if strings.TrimSpace(m.Form.Type) == "" {
			return errRequired("form.type")
		}
		if err := s.checkForm(m); err != nil {
			if borderlink.ErrorCode(err) == borderlink.EInternal {
				return errBadForm(err.Error())
			}
			return err
		}
	}
	return nil
}

// checkForm checks the form of m with Options.CheckForm, keeping the
// fields it returns, or else with Options.Validate.
func (s *Service) checkForm(m *Message) error {
	switch {
	case s.formChecker != nil:
		fields, err := s.formChecker(m.Form.Type, m.Form.Fields, m.Created)
		if err != nil {
			return err
		}
		m.Form = &FormData{Type: m.Form.Type, Fields: fields}
	case s.validate != nil:
		return s.validate(m.Form.Type, m.Form.Fields)
	}
	return nil
}
