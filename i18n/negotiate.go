package i18n

import (
	"strconv"
	"strings"

	"github.com/borderlink/borderlink"
)

// Negotiate picks the interface language from an Accept-Language header
// (RFC 9110): the supported language with the highest q-value, the first
// listed on a tie. Regional tags count for their language ("vi-VN" is vi).
// A bare language with q=0 ("lo;q=0") is refused even when a regional tag
// of it is listed with a higher q-value. When
// the header names no supported language (or only "*"), Negotiate returns
// fallback. Malformed items are skipped.
func Negotiate(acceptLanguage string, fallback borderlink.Lang) borderlink.Lang {
	best, bestQ := fallback, 0.0
	refused := map[borderlink.Lang]bool{}
	type choice struct {
		lang borderlink.Lang
		q    float64
	}
	var choices []choice
	for _, item := range strings.Split(acceptLanguage, ",") {
		tag, params, _ := strings.Cut(item, ";")
		tag = strings.TrimSpace(tag)
		q, ok := qValue(params)
		if !ok || tag == "" || tag == "*" {
			continue
		}
		l, ok := borderlink.ParseLang(tag)
		if !ok {
			continue
		}
		if q == 0 {
			if !strings.ContainsAny(tag, "-_") {
				refused[l] = true // "vi;q=0" refuses Vietnamese; "vi-VN;q=0" only that region
			}
			continue
		}
		choices = append(choices, choice{l, q})
	}
	for _, c := range choices {
		if !refused[c.lang] && c.q > bestQ {
			best, bestQ = c.lang, c.q
		}
	}
	return best
}

// qValue reads the q parameter of one Accept-Language item; 1 when absent.
// It reports false for a malformed or out-of-range value.
func qValue(params string) (float64, bool) {
	q := 1.0
	for _, prm := range strings.Split(params, ";") {
		name, val, found := strings.Cut(strings.TrimSpace(prm), "=")
		if !found || !strings.EqualFold(strings.TrimSpace(name), "q") {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil || v < 0 || v > 1 {
			return 0, false
		}
		q = v
	}
	return q, true
}
