package forms

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/units"
)

// Normalize returns a copy of fields in the canonical form both nodes store:
//
//   - every string NFC, trimmed; in names and references each run of
//     spaces is one space; free text keeps its lines (CRLF becomes LF);
//   - codes in the case of their enumeration ("vn" → "VN", "Kg" → "kg"),
//     unit codes in capitals, the language of a text as its code ("vi-VN"
//     → "vi");
//   - numbers of any Go numeric type or json.Number as float64;
//   - moments in UTC, RFC 3339; a moment written without its zone
//     ("2026-03-01T14:05", as an HTML input gives it) is read in Indochina
//     Time;
//   - romanised names in capitals without marks ("Nguyễn Văn A" →
//     "NGUYEN VAN A");
//   - phone numbers by NormalizePhone (with opts.Country) and plates by
//     NormalizePlate;
//   - empty values (blank strings, empty maps and lists, nil) and empty list
//     items dropped.
//
// Values of the wrong type and keys the form does not have are kept as they
// are, for Validate to report. An unknown form type gives a plain copy.
// Normalize is idempotent.
func Normalize(typ string, fields map[string]any, opts Options) map[string]any {
	f, ok := lookupForm(typ)
	if !ok {
		out := make(map[string]any, len(fields))
		for k, v := range fields {
			out[k] = v
		}
		return out
	}
	return normFields(f.Fields, fields, opts)
}

func normFields(fs []Field, vals map[string]any, opts Options) map[string]any {
	out := make(map[string]any, len(vals))
	for k, v := range vals {
		f, ok := fieldByKey(fs, k)
		if !ok {
			out[k] = v
			continue
		}
		if f.List {
			v = normList(f, v, opts)
		} else {
			v = normValue(f, v, opts)
		}
		if !isEmpty(v) {
			out[k] = v
		}
	}
	return out
}

func normList(f Field, v any, opts Options) any {
	var items []any
	switch v := v.(type) {
	case []any:
		items = v
	case []string:
		for _, s := range v {
			items = append(items, s)
		}
	case []map[string]any:
		for _, m := range v {
			items = append(items, m)
		}
	default:
		return v
	}
	out := make([]any, 0, len(items))
	for _, item := range items {
		if n := normValue(f, item, opts); !isEmpty(n) {
			out = append(out, n)
		}
	}
	return out
}

// normValue normalises one value of f.
func normValue(f Field, v any, opts Options) any {
	if m, ok := v.(map[string]string); ok {
		v = anyMap(m)
	}
	switch v := v.(type) {
	case string:
		return normString(f, v, opts)
	case map[string]any:
		switch f.Type {
		case TypePerson, TypeGroup:
			return normFields(f.Fields, v, opts)
		case TypeQuantity:
			out := copyMap(v)
			if n, ok := number(v["value"]); ok {
				out["value"] = n
			}
			if u, ok := v["unit"].(string); ok {
				out["unit"] = canonicalCode("qty_unit", strings.TrimSpace(u))
			}
			return out
		case TypeText:
			out := copyMap(v)
			if s, ok := v["text"].(string); ok {
				out["text"] = strings.TrimSpace(strings.ReplaceAll(norm.NFC.String(s), "\r\n", "\n"))
			}
			if s, ok := v["lang"].(string); ok {
				if l, ok := borderlink.ParseLang(s); ok {
					out["lang"] = string(l)
				}
			}
			if isEmpty(out["text"]) {
				return nil
			}
			return out
		}
		return v
	}
	if n, ok := number(v); ok && (f.Type == TypeInteger || f.Type == TypeQuantity) {
		return n
	}
	return v
}

// normString normalises a string value of f.
func normString(f Field, s string, opts Options) any {
	s = strings.TrimSpace(norm.NFC.String(s))
	switch f.Type {
	case TypeCode:
		return canonicalCode(f.Enum, s)
	case TypePlace:
		return units.NormalizeCode(s)
	case TypeName, TypeReference:
		return strings.Join(strings.Fields(s), " ")
	case TypeLatinName:
		return latin(s)
	case TypePhone:
		return NormalizePhone(s, opts.Country)
	case TypePlate:
		return NormalizePlate(s)
	case TypeDateTime:
		return normMoment(s)
	}
	return s
}

// normMoment writes a moment in UTC, RFC 3339; one without a zone is read
// in Indochina Time. A string that is not a moment is returned as it is.
func normMoment(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Format(time.RFC3339)
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, i18n.ICT); err == nil {
			return t.UTC().Format(time.RFC3339)
		}
	}
	return s
}

// latin writes a name in capital Latin letters without marks: Vietnamese
// vowel and tone marks dropped, đ as D, runs of spaces as one. Marks on
// letters of other scripts are kept, so that a name in the wrong script
// is refused as it was written.
func latin(s string) string {
	var b strings.Builder
	latinBase := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			if !latinBase {
				b.WriteRune(r)
			}
		case r == 'đ' || r == 'Đ':
			b.WriteByte('D')
			latinBase = true
		default:
			b.WriteRune(unicode.ToUpper(r))
			latinBase = unicode.Is(unicode.Latin, r)
		}
	}
	return strings.Join(strings.Fields(norm.NFC.String(b.String())), " ")
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func anyMap(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
