package translate_test

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
)

// Typical hotline notes of about 500 characters.
const (
	noteVI = "KHẨN. Kính gửi: Công an tỉnh Hủa Phăn. Ngày 12/3, lực lượng chức năng phát hiện đối tượng " +
		"Nguyễn Văn B, sinh năm 1987, trú tại bản Na Mèo, là đối tượng truy nã, đi xe máy biển số 36B1-234.56 " +
		"qua đường mòn gần cột mốc số 358 sang Lào. Đối tượng nghi vận chuyển khoảng 2 bánh heroin và " +
		"6.000 viên ma túy tổng hợp, mang theo điện thoại di động số 0912 345 678. Đề nghị phía bạn phối hợp " +
		"xác minh, theo dõi và bắt giữ nếu đối tượng xuất hiện tại trạm kiểm soát. Đề nghị xác nhận đã nhận. Trân trọng."
	noteLO = "ດ່ວນ. ຮຽນ ກອງບັນຊາການ ປກສ ແຂວງ ທັນຮວາ. ວັນທີ 12/3 ເຈົ້າໜ້າທີ່ໄດ້ກວດພົບຜູ້ຕ້ອງສົງໄສ 2 ຄົນ " +
		"ຂົນສົ່ງຢາບ້າ 6.000 ເມັດ ແລະ ເຮໂຣອີນ 2 ກ້ອນ ດ້ວຍລົດຈັກ ປ້າຍທະບຽນລົດ ກຂ 1234 ຜ່ານເສັ້ນທາງນ້ອຍ " +
		"ໃກ້ຫຼັກໝາຍຊາຍແດນ ເລກທີ 358. ຜູ້ຕ້ອງສົງໄສໄດ້ຫຼົບໜີໄປຝັ່ງຫວຽດນາມ. ກະລຸນາປະສານງານ ແລະ ກວດສອບ " +
		"ເບີໂທລະສັບ 020 5555 1234. ກະລຸນາຢືນຢັນການໄດ້ຮັບ. ດ້ວຍຄວາມເຄົາລົບ."
)

func BenchmarkGlossary(b *testing.B) {
	g := glossary(b)
	ctx := context.Background()
	for _, bb := range []struct {
		name     string
		note     string
		from, to borderlink.Lang
	}{
		{"vi-lo", noteVI, vi, lo},
		{"vi-en", noteVI, vi, en},
		{"lo-vi", noteLO, lo, vi},
		{"lo-en", noteLO, lo, en},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.note)))
			b.ReportAllocs()
			b.ReportMetric(float64(utf8.RuneCountInString(bb.note)), "chars/op")
			for b.Loop() {
				if _, _, err := g.Translate(ctx, bb.note, bb.from, bb.to); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
