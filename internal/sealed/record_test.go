package sealed_test

import (
	"encoding/json"
	"testing"
)

// treatmentRecord is the shape the treatment package will seal: the fields
// the requirement names (identity, test results, rehabilitation episodes),
// about 1 KiB as JSON.
type treatmentRecord struct {
	FullName    string         `json:"full_name"`
	OtherNames  []string       `json:"other_names"`
	BirthDate   string         `json:"birth_date"`
	Sex         string         `json:"sex"`
	Ethnicity   string         `json:"ethnicity"`
	IDNumber    string         `json:"id_number"`
	Address     string         `json:"address"`
	Tests       []drugTest     `json:"tests"`
	Episodes    []rehabEpisode `json:"episodes"`
	OfficerNote string         `json:"officer_note"`
}

type drugTest struct {
	Date      string   `json:"date"`
	Method    string   `json:"method"`
	Positive  bool     `json:"positive"`
	Substance []string `json:"substances"`
	Unit      string   `json:"unit"`
}

type rehabEpisode struct {
	Start    string `json:"start"`
	End      string `json:"end,omitempty"`
	Facility string `json:"facility"`
	Kind     string `json:"kind"` // compulsory, voluntary, community
	Outcome  string `json:"outcome"`
}

func sampleRecord() treatmentRecord {
	return treatmentRecord{
		FullName:   "Lầu Văn Chứ",
		OtherNames: []string{"ລາວ ວັນ ຈື", "Chu Lau"},
		BirthDate:  "1991-08-14",
		Sex:        "M",
		Ethnicity:  "H'Mông",
		IDNumber:   "040091012345",
		Address:    "Bản Huồi Khe, xã Mường Típ, huyện Kỳ Sơn, tỉnh Nghệ An",
		Tests: []drugTest{
			{Date: "2025-02-03", Method: "urine", Positive: true, Substance: []string{"heroin", "methamphetamine"}, Unit: "vn.na.kyson"},
			{Date: "2025-06-19", Method: "urine", Positive: false, Unit: "vn.na.kyson"},
			{Date: "2025-11-27", Method: "hair", Positive: true, Substance: []string{"methamphetamine"}, Unit: "vn.na.kyson.muongtip"},
		},
		Episodes: []rehabEpisode{
			{Start: "2025-02-10", End: "2025-08-10", Facility: "Cơ sở cai nghiện ma túy tỉnh Nghệ An", Kind: "compulsory", Outcome: "completed"},
			{Start: "2025-12-01", Facility: "ສູນບຳບັດຜູ້ຕິດຢາເສບຕິດ ແຂວງຊຽງຂວາງ", Kind: "voluntary", Outcome: "ongoing"},
		},
		OfficerNote: "Đối tượng khai từng mua ma túy tại bản Phà Lay (Xiêng Khoảng, Lào); đã trao đổi qua đường dây nóng.",
	}
}

func TestSampleRecordIsAboutOneKiB(t *testing.T) {
	b, err := json.Marshal(sampleRecord())
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 900 || len(b) > 1300 {
		t.Errorf("sample record is %d bytes of JSON, want about 1 KiB", len(b))
	}
}
