package communes

import "github.com/borderlink/borderlink"

// BuiltInCriteria returns the criteria a node of country starts with
// (without an id): the publicly known criteria of Vietnam's drug-free
// commune, ward and township ("xã, phường, thị trấn không ma túy") and of
// Laos's drug-free village ("ບ້ານປອດຢາເສບຕິດ") programmes, written short.
// A ministry publishes its own version over it with PublishCriteria.
func BuiltInCriteria(country string) (CriteriaSet, bool) {
	switch country {
	case "VN":
		return CriteriaSet{Country: "VN", Version: 1, ValidFrom: borderlink.NewDate(2020, 1, 1), Threshold: 80, DistrictShare: 50,
			Name: borderlink.Text{VI: "Tiêu chí xã, phường, thị trấn không ma túy", LO: "ເງື່ອນໄຂ ຕາແສງ, ຄຸ້ມ ປອດຢາເສບຕິດ",
				EN: "Criteria for a drug-free commune, ward or township"},
			Items: []Item{
				{Code: "c1", Required: true, Weight: 20, Text: borderlink.Text{
					VI: "Không có điểm, tụ điểm mua bán, tổ chức sử dụng trái phép chất ma túy",
					LO: "ບໍ່ມີຈຸດ ຫຼື ແຫຼ່ງຊື້-ຂາຍ ແລະ ເສບຢາເສບຕິດ", EN: "No drug-dealing or drug-use spots"}},
				{Code: "c2", Required: true, Weight: 20, Evidence: true, Text: borderlink.Text{
					VI: "Không có người sử dụng trái phép chất ma túy ngoài xã hội chưa được quản lý",
					LO: "ບໍ່ມີຜູ້ເສບຢາເສບຕິດຢູ່ນອກການຄຸ້ມຄອງ", EN: "No drug users outside management"}},
				{Code: "c3", Required: true, Weight: 15, Text: borderlink.Text{
					VI: "Không trồng cây có chứa chất ma túy",
					LO: "ບໍ່ມີການປູກພືດທີ່ເປັນຢາເສບຕິດ", EN: "No cultivation of drug plants"}},
				{Code: "c4", Weight: 15, Evidence: true, Text: borderlink.Text{
					VI: "Người nghiện, người sau cai nghiện được quản lý, hỗ trợ theo quy định",
					LO: "ຜູ້ຕິດຢາ ແລະ ຜູ້ຜ່ານການບຳບັດ ໄດ້ຮັບການຄຸ້ມຄອງ ແລະ ຊ່ວຍເຫຼືອ",
					EN: "Drug dependants and people after treatment are managed and supported"}},
				{Code: "c5", Weight: 10, Evidence: true, Commitments: true, Text: borderlink.Text{
					VI: "Hộ gia đình, cơ quan, đơn vị ký cam kết không vi phạm pháp luật về ma túy",
					LO: "ຄອບຄົວ, ອົງການ ແລະ ຫົວໜ່ວຍ ລົງນາມສັນຍາບໍ່ພົວພັນຢາເສບຕິດ",
					EN: "Households, agencies and units have signed drug-free commitments"}},
				{Code: "c6", Weight: 10, Evidence: true, Text: borderlink.Text{
					VI: "Có kế hoạch phòng, chống ma túy và tuyên truyền định kỳ",
					LO: "ມີແຜນການປ້ອງກັນ-ຕ້ານຢາເສບຕິດ ແລະ ໂຄສະນາເຜີຍແຜ່ເປັນປະຈຳ",
					EN: "A drug-prevention plan with regular awareness activities"}},
				{Code: "c7", Weight: 10, Text: borderlink.Text{
					VI: "Không có công dân của xã phạm tội về ma túy trong kỳ",
					LO: "ບໍ່ມີພົນລະເມືອງໃນທ້ອງຖິ່ນກະທຳຜິດກ່ຽວກັບຢາເສບຕິດໃນໄລຍະນີ້",
					EN: "No resident committed a drug offence in the period"}},
			}}, true
	case "LA":
		return CriteriaSet{Country: "LA", Version: 1, ValidFrom: borderlink.NewDate(2020, 1, 1), Threshold: 80, DistrictShare: 50,
			Name: borderlink.Text{VI: "Tiêu chí bản không có ma túy", LO: "ມາດຕະຖານບ້ານປອດຢາເສບຕິດ", EN: "Criteria for a drug-free village"},
			Items: []Item{
				{Code: "c1", Required: true, Weight: 20, Text: borderlink.Text{
					VI: "Không có sản xuất, mua bán, vận chuyển ma túy trong bản",
					LO: "ບໍ່ມີການຜະລິດ, ຊື້-ຂາຍ ແລະ ຂົນສົ່ງຢາເສບຕິດໃນບ້ານ",
					EN: "No production, trade or transport of drugs in the village"}},
				{Code: "c2", Required: true, Weight: 20, Evidence: true, Text: borderlink.Text{
					VI: "Không có người nghiện ma túy chưa được cai nghiện",
					LO: "ບໍ່ມີຜູ້ຕິດຢາເສບຕິດທີ່ບໍ່ໄດ້ຮັບການບຳບັດ", EN: "No drug dependants left without treatment"}},
				{Code: "c3", Required: true, Weight: 15, Text: borderlink.Text{
					VI: "Không trồng cây thuốc phiện, cần sa",
					LO: "ບໍ່ມີການປູກຝິ່ນ ແລະ ກັນຊາ", EN: "No opium poppy or cannabis grown"}},
				{Code: "c4", Weight: 15, Evidence: true, Text: borderlink.Text{
					VI: "Ban chỉ đạo bản có kế hoạch và tổ chức tuyên truyền",
					LO: "ຄະນະຊີ້ນຳບ້ານ ມີແຜນການ ແລະ ຈັດຕັ້ງການໂຄສະນາ",
					EN: "The village steering committee has a plan and runs awareness activities"}},
				{Code: "c5", Weight: 15, Evidence: true, Commitments: true, Text: borderlink.Text{
					VI: "Các gia đình ký cam kết không liên quan đến ma túy",
					LO: "ທຸກຄອບຄົວລົງນາມສັນຍາບໍ່ພົວພັນກັບຢາເສບຕິດ",
					EN: "Families have signed commitments not to be involved with drugs"}},
				{Code: "c6", Weight: 15, Text: borderlink.Text{
					VI: "Thanh thiếu niên được giáo dục về tác hại của ma túy",
					LO: "ເຍົາວະຊົນໄດ້ຮັບການສຶກສາກ່ຽວກັບໂທດຂອງຢາເສບຕິດ", EN: "Young people are taught the harm of drugs"}},
			}}, true
	}
	return CriteriaSet{}, false
}
