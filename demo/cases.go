package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/node"
	"github.com/borderlink/borderlink/stats"
)

// caseCode is the demo's joint case, named after the 522H operation that
// dismantled a ring moving synthetic drugs from Laos into Vietnam.
const caseCode = "522H"

// investigator is the demo user that works a node's side of the case.
func investigator(n *node.Node) (auth.Principal, bool) {
	u, ok := demoUser(n.Config.NodeID, "investigator")
	if !ok {
		return auth.Principal{}, false
	}
	return auth.Principal{Username: u.Username, DisplayName: u.DisplayName, Via: auth.ViaSession,
		Grants: []auth.Grant{{Role: u.Role, Unit: u.Unit}}}, true
}

// seedCase opens case 522H on vn.mps, led by the Nghệ An provincial police
// with Houaphanh as partner: two subjects, a raid, a seizure of 110 kg of
// crystal methamphetamine and tablets, two arrests — all released to
// la.mps, where they wait in the outbox until the nodes serve.
func seedCase(ctx context.Context, n *node.Node, now time.Time) error {
	if n.Config.NodeID != "vn.mps" {
		return nil
	}
	if _, total, err := n.Cases.Cases(ctx, auth.System("demo"), cases.Filter{Query: caseCode, Limit: 1}); err != nil || total > 0 {
		return err
	}
	p, ok := investigator(n)
	if !ok {
		return fmt.Errorf("demo: no investigator on %s", n.Config.NodeID)
	}
	day := func(ago int) borderlink.Date { return borderlink.DateOf(now.AddDate(0, 0, -ago)) }
	c, err := n.Cases.CreateCase(ctx, p, cases.NewCase{Code: caseCode, Lang: borderlink.LangVI,
		Title: "Chuyên án 522H: đường dây vận chuyển ma túy tổng hợp từ Lào qua Nghệ An",
		Summary: "Đường dây do Lầu Bá Chò cầm đầu đưa ma túy đá và ma túy tổng hợp dạng viên từ tỉnh Hủa Phăn (Lào) qua các đường mòn " +
			"biên giới huyện Kỳ Sơn cũ, tập kết tại Nghệ An rồi vận chuyển vào Thành phố Hồ Chí Minh. Phối hợp với Công an tỉnh Hủa Phăn xác minh nguồn hàng.",
		LeadUnit: "VN-40", PartnerUnits: []string{"LA-07", "VN-MPS", "LA-MPS"}, Handling: cases.Releasable,
		Status: cases.StatusActive, Day: day(45), Note: "Phê duyệt xác lập chuyên án"})
	if err != nil {
		return fmt.Errorf("demo: case: %w", err)
	}
	persons := []cases.NewPerson{
		{OwnerUnit: "VN-40", Name: "Lầu Bá Chò", NameLatin: "LAU BA CHO", Aliases: []string{"Chò Lào"}, Birth: "1988", Sex: cases.SexMale,
			Nationality: "VN", Documents: []cases.Document{{Type: cases.DocIDCard, Number: "040088012345", Country: "VN"}},
			Phones: []string{"+8562055551234"}},
		{OwnerUnit: "VN-40", Name: "Nguyễn Văn Tư", NameLatin: "NGUYEN VAN TU", Birth: "1995-03", Sex: cases.SexMale,
			Nationality: "VN", Documents: []cases.Document{{Type: cases.DocIDCard, Number: "040095004321", Country: "VN"}}},
	}
	roles := []cases.SubjectRole{cases.RoleOrganiser, cases.RoleCourier}
	var subjects []cases.CaseSubject
	var people []cases.Person
	for i, np := range persons {
		per, err := n.Cases.CreatePerson(ctx, p, np)
		if err != nil {
			return fmt.Errorf("demo: person: %w", err)
		}
		sb, err := n.Cases.AddSubject(ctx, p, c.ID, cases.NewSubject{PersonID: per.ID, Role: roles[i]})
		if err != nil {
			return fmt.Errorf("demo: subject: %w", err)
		}
		people, subjects = append(people, per), append(subjects, sb)
	}
	raid, err := n.Cases.CreateEvent(ctx, p, c.ID, cases.NewEvent{Kind: cases.EventRaid, At: now.AddDate(0, 0, -12).Add(-3 * time.Hour),
		Place: "VN-40", Lang: borderlink.LangVI,
		Summary: "Đột kích điểm tập kết hàng gần cửa khẩu Nậm Cắn, bắt quả tang hai đối tượng đang bốc dỡ ma túy từ xe tải."})
	if err != nil {
		return fmt.Errorf("demo: event: %w", err)
	}
	z, err := n.Cases.CreateSeizure(ctx, p, cases.NewSeizure{CaseID: c.ID, Day: day(12), Place: "VN-40", Agency: stats.AgencyPolice,
		Drugs: []cases.DrugItem{
			{Drug: "METH_CRYSTAL", Amount: stats.Amount{Value: "110", Unit: "kg"}},
			{Drug: "METH_TABLET", Amount: stats.Amount{Value: "24000", Unit: "pills"}, Pieces: 24000, Weight: &stats.Amount{Value: "2.4", Unit: "kg"}},
		},
		Items: []cases.Item{{Kind: cases.ItemVehicle, Description: "Xe tải 2,5 tấn", Count: 1, Plate: "37C-123.45"}},
		Note:  "Ma túy giấu trong các bao cám gia súc.", Lang: borderlink.LangVI})
	if err != nil {
		return fmt.Errorf("demo: seizure: %w", err)
	}
	var arrests []cases.Arrest
	for i, per := range people {
		a, err := n.Cases.CreateArrest(ctx, p, cases.NewArrest{CaseID: c.ID, PersonID: per.ID, Day: day(12), Place: "VN-40",
			Agency: stats.AgencyPolice, Charge: []cases.Charge{cases.ChargeTrafficking, cases.ChargeIllegalTransport}[i],
			ChargeText: []string{"Điều 251 Bộ luật Hình sự", "Điều 250 Bộ luật Hình sự"}[i]})
		if err != nil {
			return fmt.Errorf("demo: arrest: %w", err)
		}
		arrests = append(arrests, a)
	}
	release := [][2]string{{cases.KindCase, c.ID}, {cases.KindEvent, raid.ID}, {cases.KindSeizure, z.ID}}
	for i := range subjects {
		release = append(release, [2]string{cases.KindSubject, subjects[i].ID}, [2]string{cases.KindArrest, arrests[i].ID})
	}
	for _, r := range release {
		if err := n.Cases.Release(ctx, p, r[0], r[1]); err != nil {
			return fmt.Errorf("demo: release %s: %w", r[0], err)
		}
	}
	return nil
}

// laoContribution waits until case 522H has reached la.mps and adds the
// Houaphanh side's own contribution — the supplier it identified and the
// interview of a witness — released back to vn.mps.
func laoContribution(ctx context.Context, n *node.Node) {
	if n.Config.NodeID != "la.mps" {
		return
	}
	p, ok := investigator(n)
	if !ok {
		return
	}
	sys := auth.System("demo")
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		cs, _, err := n.Cases.Cases(ctx, sys, cases.Filter{Query: caseCode, Limit: 5})
		if err == nil {
			for _, c := range cs {
				if c.Origin == "vn.mps" {
					if err := addLaoSide(ctx, n, p, c); err != nil {
						n.Log.Warn("demo: Lao contribution to 522H", "err", err)
					}
					return
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func addLaoSide(ctx context.Context, n *node.Node, p auth.Principal, c cases.Case) error {
	f, err := n.Cases.Case(ctx, auth.System("demo"), c.ID)
	if err != nil {
		return err
	}
	for _, e := range f.Events {
		if e.Origin == n.Config.NodeID {
			return nil // added on an earlier start
		}
	}
	per, err := n.Cases.CreatePerson(ctx, p, cases.NewPerson{OwnerUnit: "LA-07", Name: "ສົມພອນ ແກ້ວມະນີ", NameLatin: "SOMPHONE KEOMANY",
		Birth: "1981", Sex: cases.SexMale, Nationality: "LA", Phones: []string{"+8562099887766"}})
	if err != nil {
		return err
	}
	sb, err := n.Cases.AddSubject(ctx, p, c.ID, cases.NewSubject{PersonID: per.ID, Role: cases.RoleSeller})
	if err != nil {
		return err
	}
	ev, err := n.Cases.CreateEvent(ctx, p, c.ID, cases.NewEvent{Kind: cases.EventInterview, At: time.Now().Add(-26 * time.Hour),
		Place: "LA-07", Lang: borderlink.LangLO,
		Summary: "ສອບຖາມພະຍານຢູ່ເມືອງຊຳເໜືອ: ສິນຄ້າຖືກສົ່ງມາຈາກບ້ານໃກ້ຊາຍແດນ ໂດຍລົດບັນທຸກ ກ່ອນຂ້າມໄປຫວຽດນາມ."})
	if err != nil {
		return err
	}
	for _, r := range [][2]string{{cases.KindSubject, sb.ID}, {cases.KindEvent, ev.ID}} {
		if err := n.Cases.Release(ctx, p, r[0], r[1]); err != nil {
			return err
		}
	}
	return nil
}
