package demo

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"slices"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/node"
)

// seedMessage is a hotline message the demo writes on first start, as if
// sent Ago before the demo began, by a demo user of the sending node.
type seedMessage struct {
	Ago    time.Duration
	Author string // demo username on the sending node
	hotline.NewMessage
	Files func() []hotline.NewAttachment // made when the message is written
}

// seeds are the demo's first threads, by node id: each side writes in its
// own language, so that the reader on the other side sees the original
// beside its machine translation. The FLASH seizure notice from Houaphanh
// was sent three hours ago and never acknowledged: it shows escalation
// alerts on both nodes as soon as they start.
var seeds = map[borderlink.NodeID][]seedMessage{
	"vn.mps": {
		{Ago: 26 * time.Hour, Author: "duty", NewMessage: hotline.NewMessage{
			FromUnit: "VN-MPS", ToUnit: "LA-MPS", Priority: hotline.Routine, Lang: borderlink.LangVI,
			Subject: "Chuẩn bị Hội nghị giao ban phòng, chống ma túy khu vực biên giới Việt Nam – Lào năm 2026",
			Body: "Bộ Công an Việt Nam đề nghị Bộ An ninh Lào thống nhất thời gian tổ chức hội nghị giao ban vào tuần đầu tháng 12/2026 " +
				"tại tỉnh Nghệ An. Đề nghị hai bên tổng hợp số liệu bắt giữ, thu giữ ma túy theo từng cặp tỉnh biên giới trước ngày 30/11/2026.",
		}},
		{Ago: 50 * time.Minute, Author: "officer", NewMessage: hotline.NewMessage{
			FromUnit: "VN-40", ToUnit: "LA-07", Priority: hotline.Urgent, Lang: borderlink.LangVI,
			Subject: "Đề nghị truy tìm đối tượng truy nã Lầu Bá Chò",
			Body: "Đối tượng bị truy nã về tội mua bán trái phép chất ma túy, nghi đang lẩn trốn tại một bản thuộc tỉnh Hủa Phăn, " +
				"sử dụng số điện thoại Lào. Đề nghị Công an tỉnh Hủa Phăn phối hợp xác minh, truy bắt và thông báo kết quả.",
			Form: &hotline.FormData{Type: "locate_fugitive", Fields: map[string]any{
				"subject": map[string]any{"name": "Lầu Bá Chò", "name_latin": "LAU BA CHO", "dob": "1988", "sex": "M",
					"nationality": "VN", "doc_type": "id_card", "doc_number": "040088012345"},
				"action":          "locate_arrest",
				"offence":         "drug_trafficking",
				"warrant_ref":     "45/QĐ-CSĐT",
				"issued_by":       "VN-40",
				"last_seen_place": "LA-07",
				"phone":           "+8562055551234",
				"armed":           "unknown",
				"details": map[string]any{"lang": "vi",
					"text": "Cao khoảng 1m65, có hình xăm ở cánh tay trái. Thường đi xe máy, đi lại giữa các bản sát biên giới."},
			}},
		}, Files: func() []hotline.NewAttachment {
			return []hotline.NewAttachment{{Name: "anh-doi-tuong-lau-ba-cho.png", Data: portrait()}}
		}},
	},
	"la.mps": {
		{Ago: 3 * time.Hour, Author: "liaison", NewMessage: hotline.NewMessage{
			FromUnit: "LA-07", ToUnit: "VN-40", Priority: hotline.Flash, Lang: borderlink.LangLO,
			Subject: "ແຈ້ງການຍຶດຢາບ້າ 120.000 ເມັດ ຢູ່ແຂວງຫົວພັນ",
			Body: "ເຈົ້າໜ້າທີ່ປ້ອງກັນຄວາມສະຫງົບແຂວງຫົວພັນ ໄດ້ຍຶດຢາບ້າ 120.000 ເມັດ ແລະ ຈັບກຸມຜູ້ຕ້ອງສົງໄສ 2 ຄົນ. " +
				"ຜູ້ຕ້ອງສົງໄສໃຫ້ການວ່າ ຢາເສບຕິດດັ່ງກ່າວຈະຖືກນຳຂ້າມຊາຍແດນເຂົ້າຫວຽດນາມ. ຂໍໃຫ້ຝ່າຍຫວຽດນາມ ກວດສອບເບີໂທລະສັບທີ່ຕິດຄັດມາ ແລະ ແຈ້ງຜົນໂດຍດ່ວນ.",
			Form: &hotline.FormData{Type: "seizure", Fields: map[string]any{
				"seized_at": "", // filled in from Ago
				"place":     "LA-07",
				"items": []any{
					map[string]any{"drug": "METH_TABLET", "count": map[string]any{"value": 120000.0, "unit": "pills"},
						"weight": map[string]any{"value": 12.0, "unit": "kg"}},
				},
				"arrested": []any{
					map[string]any{"name": "ທ້າວ ບຸນເພັງ ສີວົງໄຊ", "sex": "M", "nationality": "LA"},
					map[string]any{"name_latin": "VI VAN THANG", "sex": "M", "nationality": "VN"},
				},
				"summary": map[string]any{"lang": "lo",
					"text": "ຍຶດໄດ້ໃນເວລາກວດກາລົດຈັກ 2 ຄັນ ທີ່ບ້ານໃກ້ຊາຍແດນ. ຜູ້ຕ້ອງສົງໄສມີເບີໂທລະສັບຫວຽດນາມ."},
			}},
		}},
		{Ago: 25 * time.Hour, Author: "duty", NewMessage: hotline.NewMessage{
			FromUnit: "LA-MPS", ToUnit: "VN-MPS", Priority: hotline.Routine, Lang: borderlink.LangLO,
			Subject: "ລາຍງານສະຖານະການຢາເສບຕິດຕາມຊາຍແດນ ລາວ–ຫວຽດນາມ ເດືອນພະຈິກ",
			Body:    "ສົ່ງລາຍງານສະຖານະການປະຈຳເດືອນ ເພື່ອກະກຽມກອງປະຊຸມ. ສະຖານະການມີທ່າອ່ຽງເພີ່ມຂຶ້ນ, ໂດຍສະເພາະຢາບ້າ ແລະ ຢາໄອສ.",
			Form: &hotline.FormData{Type: "sitrep", Fields: map[string]any{
				"period_from": "", "period_to": "", // filled in from Ago
				"area_unit": "LA-MPS",
				"cases":     148.0,
				"arrests":   203.0,
				"items": []any{
					map[string]any{"drug": "METH_TABLET", "count": map[string]any{"value": 2450000.0, "unit": "pills"}},
					map[string]any{"drug": "METH_CRYSTAL", "weight": map[string]any{"value": 86.5, "unit": "kg"}},
					map[string]any{"drug": "HEROIN", "weight": map[string]any{"value": 14.2, "unit": "kg"}},
				},
				"trend":   "rising",
				"summary": map[string]any{"lang": "lo", "text": "ການລັກລອບຂົນສົ່ງຜ່ານເສັ້ນທາງພູດອຍເພີ່ມຂຶ້ນ, ຜູ້ກະທຳຜິດໃຊ້ລົດຈັກ ແລະ ຍ່າງຕາມທາງຫຼວງ."},
			}},
		}},
	},
}

// seedAll writes the demo's first threads on each node that has no
// hotline message yet, each at its own time in the past: the nodes are
// opened on clocks set back for the purpose and peered first (a message
// needs a route to the other node). The envelopes wait in the outboxes
// until the nodes serve.
func seedAll(ctx context.Context, cfgs []config.Config, o Options) error {
	now := time.Now()
	var nodes []*node.Node
	var clocks []*borderlink.FakeClock
	defer func() {
		for _, n := range nodes {
			n.Close()
		}
	}()
	for _, c := range cfgs {
		clock := borderlink.NewFakeClock(now)
		n, err := node.Open(ctx, c, node.Options{Logger: o.Logger, Clock: clock})
		if err != nil {
			return err
		}
		nodes, clocks = append(nodes, n), append(clocks, clock)
	}
	if err := Peer(ctx, nodes); err != nil {
		return err
	}
	for i, n := range nodes {
		if err := seed(ctx, n, clocks[i], now); err != nil {
			return err
		}
		if err := seedCase(ctx, n, now); err != nil {
			return err
		}
		if err := seedNotices(ctx, n, now); err != nil {
			return err
		}
		if err := seedWatchList(ctx, n); err != nil {
			return err
		}
		k, err := n.Stats.SeedDemo(ctx, historyFrom)
		if err != nil {
			return fmt.Errorf("demo: statistics: %w", err)
		}
		// The partner's dashboards and reports show these figures too: every
		// month that is over goes to the other node once it serves.
		if k > 0 {
			today := n.Stats.Today()
			lastMonth := borderlink.DateOf(borderlink.NewDate(today.Time().Year(), today.Time().Month(), 1).Time().AddDate(0, -1, 0))
			if _, err := n.Stats.Release(ctx, auth.System("demo"), historyFrom, lastMonth); err != nil {
				return fmt.Errorf("demo: release statistics: %w", err)
			}
		}
	}
	return nil
}

// historyFrom is the first day of the demonstration statistics: several
// years, across Vietnam's 2025 reorganisation, so that the dashboards
// compare years and show old and new provinces alike.
var historyFrom = borderlink.NewDate(2021, 1, 1)

// seed writes the seeds of node n unless it holds messages already.
func seed(ctx context.Context, n *node.Node, clock *borderlink.FakeClock, now time.Time) error {
	if _, total, err := n.Hotline.Messages(ctx, auth.System("demo"), hotline.Filter{Limit: 1}); err != nil || total > 0 {
		return err
	}
	list := slices.Clone(seeds[n.Config.NodeID])
	slices.SortFunc(list, func(a, b seedMessage) int { return cmp.Compare(b.Ago, a.Ago) }) // oldest first
	for _, s := range list {
		author, ok := demoUser(n.Config.NodeID, s.Author)
		if !ok {
			return fmt.Errorf("demo: seed: no demo user %s", s.Author)
		}
		sent := now.Add(-s.Ago)
		clock.Set(sent)
		nm := s.NewMessage
		if s.Files != nil {
			nm.Attachments = s.Files()
		}
		if nm.Form != nil {
			nm.Form = &hotline.FormData{Type: nm.Form.Type, Fields: datedFields(nm.Form.Fields, sent)}
		}
		p := auth.Principal{Username: author.Username, DisplayName: author.DisplayName, Lang: nm.Lang,
			Grants: []auth.Grant{{Role: author.Role, Unit: author.Unit}}, Via: auth.ViaSession}
		if _, err := n.Hotline.Send(ctx, p, nm); err != nil {
			return fmt.Errorf("demo: seed %q: %w", nm.Subject, err)
		}
	}
	clock.Set(now)
	return nil
}

// datedFields fills the empty date fields of a seeded form from the time
// its message was sent: the moment of a seizure an hour before, the period
// of a report the month up to the day before.
func datedFields(f map[string]any, sent time.Time) map[string]any {
	out := make(map[string]any, len(f))
	ict := time.FixedZone("ICT", 7*3600)
	for k, v := range f {
		if v != "" {
			out[k] = v
			continue
		}
		switch k {
		case "seized_at":
			out[k] = sent.Add(-time.Hour).In(ict).Truncate(time.Minute).Format(time.RFC3339)
		case "period_from":
			out[k] = sent.In(ict).AddDate(0, 0, -30).Format(time.DateOnly)
		case "period_to":
			out[k] = sent.In(ict).AddDate(0, 0, -1).Format(time.DateOnly)
		}
	}
	return out
}

// demoUser returns a demo user of a node's site.
func demoUser(id borderlink.NodeID, username string) (User, bool) {
	for _, s := range Sites {
		if s.NodeID != id {
			continue
		}
		for _, u := range s.Users {
			if u.Username == username {
				return u, true
			}
		}
	}
	return User{}, false
}

// portrait draws the stand-in photo of a wanted person: a grey silhouette
// on a light background, as a PNG.
func portrait() []byte {
	const w, h = 240, 300
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg, fg := color.RGBA{0xdf, 0xe6, 0xee, 0xff}, color.RGBA{0x5b, 0x67, 0x75, 0xff}
	for y := range h {
		for x := range w {
			c := bg
			dx, dy := float64(x-w/2), float64(y-110)
			head := dx*dx/(48*48)+dy*dy/(60*60) <= 1
			sx, sy := float64(x-w/2), float64(y-300)
			shoulders := y > 180 && sx*sx/(110*110)+sy*sy/(120*120) <= 1
			if head || shoulders {
				c = fg
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // encoding an in-memory image cannot fail
	}
	return b.Bytes()
}
