package hotline

import (
	"maps"
	"slices"
	"strings"

	"github.com/borderlink/borderlink/i18n/textfold"
)

// Fold is the folding that message search uses (see textfold.Fold):
// messages store Fold of their subject, body and form values; a query is
// folded the same way and split into words, each of which must occur.
func Fold(s string) string { return textfold.Fold(s) }

// searchWords folds a query and splits it into the words a message must
// all contain. At most 8 words are kept.
func searchWords(q string) []string {
	w := strings.Fields(Fold(q))
	if len(w) > 8 {
		w = w[:8]
	}
	return w
}

// searchText is the folded text stored with a message for search.
func searchText(m Message) string {
	parts := []string{m.Subject, m.Body}
	if m.Form != nil {
		parts = append(parts, m.Form.Type)
		parts = appendValues(parts, m.Form.Fields)
	}
	return Fold(strings.Join(parts, " "))
}

// appendValues appends the strings found in a form's fields, in any depth.
func appendValues(out []string, v any) []string {
	switch x := v.(type) {
	case string:
		return append(out, x)
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			out = appendValues(out, x[k])
		}
	case []any:
		for _, e := range x {
			out = appendValues(out, e)
		}
	}
	return out
}
