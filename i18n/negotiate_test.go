package i18n_test

import (
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
)

func TestNegotiate(t *testing.T) {
	const vi, lo, en = borderlink.LangVI, borderlink.LangLO, borderlink.LangEN
	for _, tc := range []struct {
		header   string
		fallback borderlink.Lang
		want     borderlink.Lang
	}{
		{"", vi, vi},
		{"lo", vi, lo},
		{"lo-LA", vi, lo},
		{"vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", lo, vi},
		{"en-US;q=0.8,en;q=0.7,lo;q=0.9", vi, lo},    // q-value beats order
		{"fr-FR,fr;q=0.9,lo;q=0.5,en;q=0.4", vi, lo}, // unsupported languages skipped
		{"en;q=0.5,lo;q=0.5", vi, en},                // tie: first listed
		{"th-TH,th;q=0.9", lo, lo},                   // nothing supported: fallback
		{"*", en, en},
		{"*;q=0.9,lo;q=0.1", vi, lo},
		{"lo;q=0, vi;q=0.1", en, vi},   // q=0 refuses
		{"lo;q=0,lo-LA;q=0.8", en, en}, // a bare q=0 refuses the regional tag too
		{"lo-LA;q=0,lo;q=0.8", en, lo},
		{" EN ; Q=0.8 , vi ; q=0.9 ", lo, vi}, // spaces and case
		{"vi;q=2,en;q=abc,lo;q=0.1", vi, lo},  // malformed q-values skipped
		{"vi;level=1;q=0.3,en;q=0.2", lo, vi}, // other parameters ignored
		{",,;q=,vi", en, vi},
		{"vi_VN", en, vi},
	} {
		if got := i18n.Negotiate(tc.header, tc.fallback); got != tc.want {
			t.Errorf("Negotiate(%q, %s) = %s, want %s", tc.header, tc.fallback, got, tc.want)
		}
	}
}
