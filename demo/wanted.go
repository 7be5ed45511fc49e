package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/node"
	"github.com/borderlink/borderlink/wanted"
)

// demoNotice is a wanted notice the demo issues on first start; arrested
// notices also get the first step of their hand-over.
type demoNotice struct {
	wanted.NewNotice
	Photo    bool
	Arrested bool
}

// notices are the demo's wanted notices, by issuing node. Lầu Bá Chò is the
// fugitive of the hotline's locate request and the head of case 522H.
func notices(node borderlink.NodeID, today borderlink.Date) []demoNotice {
	ago := func(days int) borderlink.Date { return borderlink.DateOf(today.Time().AddDate(0, 0, -days)) }
	switch node {
	case "vn.mps":
		return []demoNotice{
			{Photo: true, NewNotice: wanted.NewNotice{IssuingUnit: "VN-40", Lang: borderlink.LangVI,
				Person: wanted.Person{Name: "Lầu Bá Chò", NameLatin: "LAU BA CHO", Aliases: []string{"Chò Lào", "ເລົ່າ ບາ ຈໍ"}, Birth: "1988",
					Sex: cases.SexMale, Nationality: "VN", Documents: []cases.Document{{Type: cases.DocIDCard, Number: "040088012345", Country: "VN"}},
					Description: "Cao khoảng 1m65, hình xăm ở cánh tay trái, thường đi xe máy giữa các bản sát biên giới."},
				Charges: []cases.Charge{cases.ChargeTrafficking}, LegalBasis: "Điều 251 Bộ luật Hình sự 2015", WarrantRef: "45/QĐ-CSĐT",
				WarrantDate: ago(40), Danger: []wanted.Danger{wanted.DangerArmed},
				Summary:  "Cầm đầu đường dây vận chuyển ma túy đá và ma túy tổng hợp dạng viên từ Hủa Phăn qua Nghệ An (chuyên án 522H). Nghi lẩn trốn tại một bản thuộc huyện Xiềng Khọ.",
				Location: wanted.Place{Unit: "LA-07", Text: "Huyện Xiềng Khọ, tỉnh Hủa Phăn"}, PartnerUnits: []string{"LA-MPS", "LA-07"}}},
			{NewNotice: wanted.NewNotice{IssuingUnit: "VN-40", Lang: borderlink.LangVI,
				Person: wanted.Person{Name: "Nguyễn Văn Long", NameLatin: "NGUYEN VAN LONG", Birth: "1984-03-02", Sex: cases.SexMale,
					Nationality: "VN", Documents: []cases.Document{{Type: cases.DocPassport, Number: "C0456789", Country: "VN"}}},
				Charges: []cases.Charge{cases.ChargeIllegalTransport}, LegalBasis: "Điều 250 Bộ luật Hình sự 2015", WarrantRef: "52/QĐ-CSĐT",
				WarrantDate: ago(12), Danger: []wanted.Danger{wanted.DangerViolent, wanted.DangerFlightRisk},
				Summary:  "Vận chuyển 30 bánh heroin qua cửa khẩu Nậm Cắn, bỏ trốn khi bị kiểm tra. Nghi đang ở tỉnh Hủa Phăn.",
				Location: wanted.Place{Unit: "LA-07"}, PartnerUnits: []string{"LA-MPS", "LA-07"}}},
			{Arrested: true, NewNotice: wanted.NewNotice{IssuingUnit: "VN-40", Lang: borderlink.LangVI,
				Person:  wanted.Person{Name: "Hờ A Sùng", NameLatin: "HO A SUNG", Birth: "1979", Sex: cases.SexMale, Nationality: "VN"},
				Charges: []cases.Charge{cases.ChargeTrafficking}, LegalBasis: "Điều 251 Bộ luật Hình sự 2015", WarrantRef: "38/QĐ-CSĐT",
				WarrantDate: ago(90), Summary: "Mua bán 4 bánh heroin; bị Công an tỉnh Hủa Phăn bắt giữ, chờ bàn giao qua cửa khẩu.",
				Location: wanted.Place{Unit: "LA-07", Text: "Sầm Nưa"}, PartnerUnits: []string{"LA-MPS", "LA-07"}}},
		}
	case "la.mps":
		return []demoNotice{
			{NewNotice: wanted.NewNotice{IssuingUnit: "LA-07", Lang: borderlink.LangLO,
				Person: wanted.Person{Name: "ສົມສັກ ແກ້ວວົງສາ", NameLatin: "SOMSACK KEOVONGSA", Aliases: []string{"Somsak Kaeovongsa"}, Birth: "1986-11",
					Sex: cases.SexMale, Nationality: "LA"},
				Charges: []cases.Charge{cases.ChargeTrafficking}, LegalBasis: "ມາດຕາ 314 ກົດໝາຍອາຍາ", WarrantRef: "112/ປກສ.ຫພ",
				WarrantDate: ago(20), Danger: []wanted.Danger{wanted.DangerArmed},
				Summary:  "ຂົນສົ່ງຢາບ້າ 120.000 ເມັດ ແລ້ວຫລົບໜີຂ້າມຊາຍແດນ. ຄາດວ່າລີ້ຊ່ອນຢູ່ແຂວງເງ້ອານ.",
				Location: wanted.Place{Unit: "VN-40", Text: "ແຂວງເງ້ອານ"}, PartnerUnits: []string{"VN-MPS", "VN-40"}}},
		}
	}
	return nil
}

// seedNotices issues the node's demo notices unless it has notices
// already, releases them and, for an arrested person, requests the
// hand-over. What goes to the partner waits in the outbox until the nodes
// serve.
func seedNotices(ctx context.Context, n *node.Node, now time.Time) error {
	list := notices(n.Config.NodeID, borderlink.DateOf(now))
	if len(list) == 0 {
		return nil
	}
	if all, err := n.Wanted.AllNotices(ctx); err != nil || len(all) > 0 {
		return err
	}
	p, ok := investigator(n)
	if !ok {
		return fmt.Errorf("demo: no investigator on %s", n.Config.NodeID)
	}
	for _, d := range list {
		w, err := n.Wanted.CreateNotice(ctx, p, d.NewNotice)
		if err != nil {
			return fmt.Errorf("demo: notice %s: %w", d.Person.Name, err)
		}
		if d.Photo {
			if _, err := n.Wanted.AddPhoto(ctx, p, w.ID, portrait()); err != nil {
				return fmt.Errorf("demo: photo of %s: %w", d.Person.Name, err)
			}
		}
		if _, err := n.Wanted.Release(ctx, p, w.ID); err != nil {
			return fmt.Errorf("demo: release %s: %w", d.Person.Name, err)
		}
		if d.Arrested {
			if _, err := n.Wanted.SetStatus(ctx, p, w.ID, wanted.NewStatus{Status: wanted.StatusArrested,
				Note: "Công an tỉnh Hủa Phăn bắt giữ"}); err != nil {
				return fmt.Errorf("demo: arrest %s: %w", d.Person.Name, err)
			}
			if _, err := n.Wanted.AddStep(ctx, p, w.ID, wanted.NewStep{Kind: wanted.StepRequest,
				Note: "Đề nghị phía Lào bàn giao đối tượng qua cửa khẩu quốc tế Nậm Cắn – Nặm Khan."}); err != nil {
				return fmt.Errorf("demo: hand-over request for %s: %w", d.Person.Name, err)
			}
		}
	}
	return nil
}

// answerNotices waits until the partner's demo notices have reached n and
// answers them as the other side would: a sighting of each fugitive by a
// village post, and the agreement and date of the requested hand-over.
func answerNotices(ctx context.Context, n *node.Node) {
	officer, ok := demoUser(n.Config.NodeID, "officer")
	inv, ok2 := investigator(n)
	if !ok || !ok2 {
		return
	}
	op := auth.Principal{Username: officer.Username, DisplayName: officer.DisplayName, Via: auth.ViaSession,
		Grants: []auth.Grant{{Role: officer.Role, Unit: officer.Unit}}}
	want := 0
	for _, s := range Sites {
		if s.NodeID != n.Config.NodeID {
			want += len(notices(s.NodeID, borderlink.DateOf(time.Now())))
		}
	}
	answered := map[string]bool{}
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) && len(answered) < want {
		all, err := n.Wanted.AllNotices(ctx)
		if err != nil {
			return
		}
		for _, w := range all {
			if w.Origin == n.Config.NodeID || answered[w.ID] {
				continue
			}
			done, err := answer(ctx, n, op, inv, w)
			if err != nil {
				n.Log.Warn("demo: answer to a partner's notice", "notice", w.ID, "err", err)
			}
			if done || err != nil {
				answered[w.ID] = true
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// answer answers one partner notice; it is not done while what it answers
// (the hand-over request of an arrested person) has not arrived yet.
func answer(ctx context.Context, n *node.Node, officer, inv auth.Principal, w wanted.Notice) (bool, error) {
	f, err := n.Wanted.Notice(ctx, auth.System("demo"), w.ID)
	if err != nil {
		return false, err
	}
	lo := n.Config.Country == "LA"
	switch {
	case w.Status == wanted.StatusArrested:
		if f.Handover.State != wanted.HandoverRequested {
			// Not requested yet, or answered at an earlier start.
			return f.Handover.State != wanted.HandoverNone, nil
		}
		agree, schedule := "ຕົກລົງມອບຕົວຜູ້ຖືກຈັບ.", "ມອບຕົວຢູ່ດ່ານສາກົນນ້ຳຄານ – ນ້ຳກັ່ນ."
		if !lo {
			agree, schedule = "Đồng ý tiếp nhận.", "Bàn giao tại cửa khẩu."
		}
		if _, err := n.Wanted.AddStep(ctx, inv, w.ID, wanted.NewStep{Kind: wanted.StepAgree, Note: agree}); err != nil {
			return true, err
		}
		_, err = n.Wanted.AddStep(ctx, inv, w.ID, wanted.NewStep{Kind: wanted.StepSchedule,
			Day: borderlink.DateOf(time.Now().AddDate(0, 0, 6)), Gate: wanted.Place{Text: "Nậm Cắn – Nặm Khan"},
			ReceivingUnit: w.IssuingUnit, HandingUnit: officer.Unit(), Note: schedule})
		return true, err
	case w.Status == wanted.StatusActive:
		for _, sg := range f.Sightings {
			if sg.Origin == n.Config.NodeID {
				return true, nil // answered at an earlier start
			}
		}
		seen, place := "ເຫັນຜູ້ຊາຍຄ້າຍຄືໃນຮູບ ຂີ່ລົດຈັກສີດຳ ມຸ່ງໜ້າໄປທາງຊາຍແດນ.", "ຕະຫຼາດຊຳເໜືອ"
		if !lo {
			seen, place = "Người dân báo thấy một người đàn ông giống ảnh ở chợ, đi cùng hai người nói tiếng Lào.", "Chợ Mường Xén"
		}
		_, err := n.Wanted.ReportSighting(ctx, officer, w.ID, wanted.NewSighting{At: time.Now().Add(-5 * time.Hour),
			Place: wanted.Place{Unit: officer.Unit(), Text: place}, Seen: seen})
		return true, err
	}
	return true, nil
}
