package translate_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/translate"
)

func glossary(t testing.TB) *translate.Glossary {
	t.Helper()
	g, err := translate.NewGlossary()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

const (
	vi = borderlink.LangVI
	lo = borderlink.LangLO
	en = borderlink.LangEN
)

func TestGlossaryTranslate(t *testing.T) {
	g := glossary(t)
	tests := []struct {
		name     string
		text     string
		from, to borderlink.Lang
		want     string
	}{
		// The terms of the brief, in each direction.
		{"wanted notice vi→en", "yêu cầu truy nã", vi, en, "wanted notice"},
		{"wanted notice vi→lo", "yêu cầu truy nã", vi, lo, "ປະກາດຈັບ"},
		{"wanted notice lo→vi", "ປະກາດຈັບ", lo, vi, "Yêu cầu truy nã"},
		{"wanted notice en→lo", "wanted notice", en, lo, "ປະກາດຈັບ"},
		{"heroin", "heroin", en, lo, "ເຮໂຣອີນ"},
		{"meth pills", "methamphetamine pills", en, vi, "ma túy tổng hợp dạng viên"},
		{"crystal meth", "ma túy đá", vi, lo, "ຢາໄອສ໌"},
		{"border marker", "cột mốc", vi, en, "border marker"},
		{"border gate", "ດ່ານຊາຍແດນ", lo, en, "Border gate"},
		{"checkpoint", "checkpoint", en, vi, "trạm kiểm soát"},
		{"suspect", "ຜູ້ຕ້ອງສົງໄສ", lo, vi, "Đối tượng"},
		{"fugitive", "fugitive", en, lo, "ຜູ້ຫຼົບໜີ"},
		{"arrest", "bắt giữ", vi, lo, "ຈັບກຸມ"},
		{"seizure", "seizure", en, vi, "vụ thu giữ"},
		{"vehicle", "phương tiện", vi, en, "vehicle"},
		{"licence plate", "biển số", vi, lo, "ປ້າຍທະບຽນລົດ"},
		{"phone number", "gọi SĐT", vi, en, "gọi phone number"},
		{"urgent", "khẩn", vi, en, "urgent"},
		{"please confirm receipt", "Please confirm receipt.", en, vi, "Đề nghị xác nhận đã nhận."},
		{"controlled delivery", "controlled delivery", en, lo, "ການສົ່ງມອບພາຍໃຕ້ການຄວບຄຸມ"},
		{"joint operation", "joint operation", en, vi, "hoạt động phối hợp"},
		{"situation report", "báo cáo tình hình", vi, en, "situation report"},
		{"ministry", "Bộ Công an", vi, lo, "ກະຊວງປ້ອງກັນຄວາມສະຫງົບ"},
		{"province police", "Công an tỉnh", vi, lo, "ກອງບັນຊາການ ປກສ ແຂວງ"},
		{"district police", "district police", en, vi, "Công an huyện"},
		{"border guard", "Bộ đội Biên phòng", vi, en, "Border Guard"},
		{"commune police", "commune police", en, lo, "ປກສ ຕາແສງ"},
		{"village head", "ນາຍບ້ານ", lo, en, "Village head"},

		// Matching.
		{"longest phrase first", "đối tượng truy nã", vi, en, "wanted person"},
		{"case-insensitive", "CỘT MỐC", vi, en, "BORDER MARKER"},
		{"capital carried over", "Cột mốc số 5", vi, en, "Border marker no. 5"},
		{"without diacritics", "ma tuy da", vi, en, "crystal methamphetamine"},
		{"without diacritics, upper case", "MA TUY DA", vi, en, "CRYSTAL METHAMPHETAMINE"},
		{"some diacritics", "ma tuy đá", vi, en, "crystal methamphetamine"},
		{"old tone placement", "ma tuý đá", vi, en, "crystal methamphetamine"},
		{"decomposed input", "ma tu\u0301y \u0111a\u0301", vi, en, "crystal methamphetamine"},
		{"wrong diacritics do not match", "mà tùy đá", vi, en, "mà tùy đá"},
		{"a single word needs its diacritics", "ban", vi, en, "ban"},
		{"a single word with them", "bản", vi, en, "village"},
		{"words are matched whole", "bảnh bao", vi, en, "bảnh bao"},
		{"inside a longer term", "bàn giao", vi, en, "hand over"},
		{"unknown text kept", "Nguyễn Văn A, 1985", vi, en, "Nguyễn Văn A, 1985"},
		{"numbers kept", "5.000 viên", vi, en, "5.000 pills"},
		{"digits and units", "3kg heroin", vi, en, "3 kg heroin"},
		{"acronym", "số CCCD 012345", vi, en, "no. identity card 012345"},
		{"acronym starting a sentence", "CCCD số 012345", vi, en, "Identity card no. 012345"},
		{"name mid-sentence", "của Công an tỉnh", vi, en, "of provincial police"},
		{"name starting a sentence", "Công an tỉnh Quảng Trị", vi, en, "Provincial police Quang Tri"},
		{"white space in a term", "cột\n  mốc", vi, en, "border marker"},
		{"punctuation kept", "(heroin)", en, vi, "(heroin)"},

		// Lao: substrings, no spaces between words.
		{"lao substring", "ຈັບກຸມຜູ້ຕ້ອງສົງໄສ", lo, en, "Arrest suspect"},
		{"lao unknown kept", "ທ້າວ ກ ຖືກຈັບກຸມ", lo, vi, "ທ້າວ ກ bị bắt"},
		{"lao with spaces kept", "ຢາບ້າ 10.000 ເມັດ", lo, en, "Methamphetamine pills 10.000 pills"},
		{"lao ho lo spelt out", "ຫລັກໝາຍ", lo, en, "Border marker"},
		{"lao ho no spelt out", "ຫຼັກຫມາຍ", lo, en, "Border marker"},
		{"lao sign not cut from its consonant", "ໜີ້", lo, en, "ໜີ້"},
		{"lao leading vowel not cut", "ເຮືອນ", lo, en, "House"},
		{"lao cancellation mark", "ຢາໄອສ໌", lo, en, "Crystal methamphetamine"},
		{"lao cough medicine is no drug", "ຢາໄອ", lo, en, "ຢາໄອ"},
		{"lao pronoun is no country", "ລາວ", lo, en, "ລາວ"},
		{"lao into vietnamese", "ເຮໂຣອີນ 3 ກ້ອນ", lo, vi, "Heroin 3 bánh"},
		{"lao sentences capitalised", "ດ່ວນ. ກະລຸນາຢືນຢັນການໄດ້ຮັບ", lo, en, "Urgent. Please confirm receipt"},
		{"into lao no spaces added", "heroin, kg", en, lo, "ເຮໂຣອີນ, ກິໂລ"},

		// Trivial requests.
		{"empty", "", vi, en, ""},
		{"same language", "Đối tượng", vi, vi, "Đối tượng"},
		{"white space only", " \n\t", vi, en, " \n\t"},
		{"language code normalised", "heroin", "EN", "lo-LA", "ເຮໂຣອີນ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, engine, err := g.Translate(context.Background(), tt.text, tt.from, tt.to)
			if err != nil {
				t.Fatalf("Translate(%q): %v", tt.text, err)
			}
			if engine != translate.EngineGlossary {
				t.Errorf("engine = %q, want %q", engine, translate.EngineGlossary)
			}
			if got != tt.want {
				t.Errorf("Translate(%q, %s→%s) = %q, want %q", tt.text, tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// TestGlossaryMessage translates a whole hotline message: the terms are
// replaced, names and numbers stay.
func TestGlossaryMessage(t *testing.T) {
	g := glossary(t)
	msg := "KHẨN: Đề nghị phía bạn xác minh đối tượng truy nã Nguyễn Văn A, sinh năm 1985. " +
		"Đối tượng vận chuyển 20 bánh heroin qua cửa khẩu Lao Bảo bằng xe tải biển số 74C-123.45. " +
		"Đề nghị xác nhận đã nhận."
	tests := []struct {
		to   borderlink.Lang
		want string
	}{
		{en, "URGENT: We ask the partner side to verify wanted person Nguyễn Văn A, born in 1985. " +
			"Suspect transport 20 blocks of heroin via border gate Lao Bao by truck licence plate 74C-123.45. " +
			"Please confirm receipt."},
		{lo, "ດ່ວນ: ຂໍໃຫ້ຝ່າຍຄູ່ຮ່ວມມືກວດສອບ ບຸກຄົນທີ່ຖືກປະກາດຈັບ Nguyễn Văn A, ເກີດປີ 1985. " +
			"ຜູ້ຕ້ອງສົງໄສ ຂົນສົ່ງ 20 ກ້ອນເຮໂຣອີນ ຜ່ານ ດ່ານຊາຍແດນ ລາວບາວ ໂດຍ ລົດບັນທຸກ ປ້າຍທະບຽນລົດ 74C-123.45. " +
			"ກະລຸນາຢືນຢັນການໄດ້ຮັບ."},
	}
	for _, tt := range tests {
		t.Run(string(tt.to), func(t *testing.T) {
			got, _, err := g.Translate(context.Background(), msg, vi, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestGlossaryAmbiguous checks that text without diacritics that could be
// two different terms is left alone.
func TestGlossaryAmbiguous(t *testing.T) {
	g, err := translate.ParseGlossary([]byte(`{"format": 1, "terms": [
		{"topic": "x", "vi": ["bán hàng"], "lo": ["ຂາຍເຄື່ອງ"], "en": ["selling goods"]},
		{"topic": "x", "vi": ["bàn hàng"], "lo": ["ໂຕະຂາຍເຄື່ອງ"], "en": ["market stall"]},
		{"topic": "x", "vi": ["hàng"], "lo": ["ສິນຄ້າ"], "en": ["goods"]}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"bán hàng", "selling goods"},
		{"bàn hàng", "market stall"},
		{"ban hàng", "ban goods"}, // either term: only the unambiguous word is replaced
		{"ban hang", "ban hang"},  // and a single word needs its diacritics
	}
	for _, tt := range tests {
		got, _, err := g.Translate(context.Background(), tt.text, vi, en)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("Translate(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestGlossaryCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := glossary(t).Translate(ctx, "heroin", en, vi)
	if !errors.Is(err, context.Canceled) || borderlink.ErrorCode(err) != borderlink.EUnavailable {
		t.Fatalf("err = %v, want an unavailable error wrapping context.Canceled", err)
	}
}

func TestGlossaryShared(t *testing.T) {
	a, b := glossary(t), glossary(t)
	if a != b {
		t.Error("NewGlossary parses the embedded glossary more than once")
	}
	if a.Name() != translate.EngineGlossary {
		t.Errorf("Name = %q", a.Name())
	}
}

// FuzzGlossary checks that any text is either refused as invalid or
// translated into valid UTF-8 without control characters, in every
// direction.
func FuzzGlossary(f *testing.F) {
	for _, s := range []string{noteVI, noteLO, "ma tuy da", "ຫຼັກໝາຍ", "ໜີ້", "a\u0301\u0301", "\u0301ka", "ĐÁ  \n ", "x\xff"} {
		f.Add(s)
	}
	g := glossary(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, from := range borderlink.Langs {
			for _, to := range borderlink.Langs {
				out, _, err := g.Translate(context.Background(), s, from, to)
				if err != nil {
					if borderlink.ErrorCode(err) != borderlink.EInvalid && borderlink.ErrorCode(err) != borderlink.ETooLarge {
						t.Fatalf("%q %s→%s: %v", s, from, to, err)
					}
					continue
				}
				if !utf8.ValidString(out) || strings.ContainsFunc(out, func(r rune) bool {
					return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
				}) {
					t.Fatalf("%q %s→%s gave %q", s, from, to, out)
				}
				if from == to && out != s {
					t.Fatalf("%q: same language changed the text to %q", s, out)
				}
			}
		}
	})
}
