package forms_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/borderlink/borderlink/hotline/forms"
)

// now is when the examples are judged: 10:00 on 10 March 2026 in
// Indochina Time.
var now = time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)

// knownUnits are the unit codes the examples may name.
var knownUnits = []string{"VN-MPS", "VN-11", "VN-40", "VN-40-D02", "LA-MPS", "LA-07", "LA-12"}

// opts are the options of a check on a Vietnamese node.
func opts() forms.Options {
	return forms.Options{
		UnitExists: func(code string) bool { return slices.Contains(knownUnits, code) },
		Now:        now,
		Country:    "VN",
	}
}

// examples holds one complete, valid form of each type as a client sends
// it: JSON, with the spellings people type (lower-case codes, plates with
// separators, national phone numbers, local times without a zone).
var examples = map[string]string{
	"rfi_person": `{
		"subject": {"name": "Nguyễn Văn Hùng", "name_latin": "Nguyễn Văn Hùng", "alias": "Hùng Lào",
			"dob": "1985-03", "sex": "m", "nationality": "vn", "doc_type": "id_card", "doc_number": " 001085012345 "},
		"last_address": {"text": "Bản Na Mèo, xã Na Mèo, tỉnh Thanh Hóa", "lang": "vi"},
		"requested": ["identity", "criminal_record", "whereabouts", "border_crossings"],
		"reason": {"text": "Nghi vấn vận chuyển heroin qua cửa khẩu Na Mèo – Nậm Xôi.", "lang": "vi-VN"},
		"case_ref": "522H",
		"reply_by": "2026-03-20"
	}`,
	"rfi_vehicle": `{
		"plate": "29c-123.45",
		"plate_country": "VN",
		"vehicle_type": "truck",
		"make_model": "Hino  500",
		"colour": "white",
		"seen_place": "la-07",
		"seen_at": "2026-03-09T22:15",
		"requested": ["owner", "movements", "border_crossings"],
		"reason": {"text": "ລົດບັນທຸກຄັນນີ້ຜ່ານດ່ານນ້ຳພາວ ສອງຄັ້ງໃນອາທິດດຽວ.", "lang": "lo"},
		"reply_by": "2026-03-10"
	}`,
	"rfi_phone": `{
		"phone": "+856 (0)20 5555 1234",
		"holder": {"name": "ທ້າວ ສົມພອນ ແກ້ວມະນີ", "sex": "M", "nationality": "LA"},
		"period_from": "2026-01-01",
		"period_to": "2026-03-01",
		"requested": ["subscriber", "call_records", "linked_numbers"],
		"reason": {"text": "The number called the courier arrested on 8 March.", "lang": "en"},
		"case_ref": "VN-40/2026/17"
	}`,
	"seizure": `{
		"seized_at": "2026-03-08T21:30:00+07:00",
		"place": "VN-11",
		"location": {"text": "Km 12, quốc lộ 12, bản Huổi Puốc", "lang": "vi"},
		"items": [
			{"drug": "heroin", "count": {"value": 12, "unit": "block"}, "weight": {"value": 4.2, "unit": "KG"}},
			{"drug": "METH_TABLET", "count": {"value": 60000, "unit": "pills"}}
		],
		"arrested": [
			{"name": "Vàng A Páo", "dob": "1990", "sex": "M", "nationality": "VN"},
			{"name_latin": "xay vang", "nationality": "la", "doc_type": "border_pass", "doc_number": "LA 0455"}
		],
		"vehicles": [{"vehicle_type": "motorbike", "plate": "27b1-123.45", "plate_country": "VN"}],
		"case_ref": "522H",
		"summary": {"text": "Bắt quả tang 2 đối tượng vận chuyển ma túy từ Lào về.\r\nĐã bàn giao cho Phòng PC04.", "lang": "vi"}
	}`,
	"locate_fugitive": `{
		"subject": {"name": "Lò Văn Tiến", "name_latin": "LO VAN TIEN", "dob": "1979-11-02", "sex": "M", "nationality": "VN"},
		"action": "locate_arrest",
		"offence": "drug_trafficking",
		"warrant_ref": "15/QĐ-TN",
		"warrant_date": "2025-11-02",
		"issued_by": "VN-40",
		"last_seen_place": "LA-07",
		"last_seen_at": "2026-03-01T08:00:00Z",
		"phone": "0912 345 678",
		"plate": "ກຂ 1234",
		"armed": "unknown",
		"details": {"text": "Đối tượng thường qua lại khu vực bản Xốp Pục.", "lang": "vi"}
	}`,
	"controlled_delivery": `{
		"case_ref": "CD-2026-03",
		"drug": "METH_CRYSTAL",
		"weight": {"value": 30, "unit": "kg"},
		"origin": "LA-07",
		"destination": "VN-40",
		"crossing": "VN-40-D02",
		"planned_start": "2026-03-12T06:00:00Z",
		"planned_end": "2026-03-13T18:00:00Z",
		"transport": "truck",
		"plate": "51C-678.90",
		"courier": {"name": "ນາງ ຄຳ", "nationality": "LA"},
		"lead_unit": "VN-40",
		"contact_name": "Trung tá  Lê Văn Nam",
		"contact_phone": "0912.345.678",
		"details": {"text": "Giữ nguyên niêm phong, theo dõi đến điểm giao nhận.", "lang": "vi"}
	}`,
	"joint_operation": `{
		"operation_name": "Phối hợp biên giới 2026",
		"objectives": ["dismantle_ring", "seize_drugs", "border_control"],
		"area": ["VN-11", "LA-07"],
		"start_date": "2026-04-01",
		"end_date": "2026-06-30",
		"lead_unit": "VN-11",
		"partner_units": ["LA-07", "LA-12"],
		"officers": 120,
		"case_ref": "522H",
		"details": {"text": "Tuần tra chung dọc tuyến biên giới.", "lang": "vi"}
	}`,
	"sitrep": `{
		"period_from": "2026-02-01",
		"period_to": "2026-02-28",
		"area_unit": "LA-07",
		"cases": 14,
		"arrests": 21,
		"items": [
			{"drug": "METH_TABLET", "count": {"value": 1250000, "unit": "pills"}, "weight": {"value": 125.5, "unit": "kg"}},
			{"drug": "OPIUM_POPPY", "count": {"value": 3000, "unit": "plants"}}
		],
		"trend": "rising",
		"summary": {"text": "ສະພາບການລັກລອບຂົນສົ່ງຢາບ້າເພີ່ມຂຶ້ນ.", "lang": "lo"},
		"next_steps": {"text": "ເພີ່ມການລາດຕະເວນຮ່ວມ.", "lang": "lo"}
	}`,
}

// example returns a fresh copy of the example of typ, decoded as the API
// decodes it.
func example(tb testing.TB, typ string) map[string]any {
	tb.Helper()
	src, ok := examples[typ]
	if !ok {
		tb.Fatalf("no example of %s", typ)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(src), &m); err != nil {
		tb.Fatalf("example %s: %v", typ, err)
	}
	return m
}

// checked returns the example of typ normalised and validated.
func checked(tb testing.TB, typ string) map[string]any {
	tb.Helper()
	n, err := forms.Check(typ, example(tb, typ), opts())
	if err != nil {
		tb.Fatalf("example %s: %v", typ, err)
	}
	return n
}

// roundTrip gives v as it reads after travelling as JSON.
func roundTrip(tb testing.TB, v map[string]any) map[string]any {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		tb.Fatal(err)
	}
	return out
}
