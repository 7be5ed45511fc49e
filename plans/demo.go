package plans

import (
	"fmt"
	"slices"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/units"
)

// CommuneCounts are the communes (Vietnam, from 1 July 2025) and villages
// (Laos) of the provinces facing the other country, by the code of the
// province in the built-in unit tree. They are approximate (the
// reorganisation's published figures, and village counts of the Lao
// provinces that change every year): they size synthetic data, nothing
// else.
var CommuneCounts = map[string]int{
	"VN-11": 45, "VN-14": 75, "VN-38": 166, "VN-40": 130, "VN-42": 69, "VN-44": 78, "VN-46": 40, "VN-48": 94, "VN-51": 96,
	"LA-02": 514, "LA-06": 751, "LA-07": 721, "LA-09": 483, "LA-11": 327, "LA-12": 593, "LA-13": 1015, "LA-14": 610,
	"LA-15": 233, "LA-17": 206,
}

// DemoSide is one side's share of a synthetic plan: its node, and how many
// communes of each of its facing provinces get a task (CommuneCounts when
// nil).
type DemoSide struct {
	Node     borderlink.NodeID
	Country  string
	Communes map[string]int
}

// DemoPlan returns a realistic synthetic bilateral plan for year under a
// memorandum, owned by the first side, with a task per commune of every
// facing province of both sides: the commune's drug-free campaign, with
// an officer, a deliverable, two milestones, progress spread over every
// status by asOf, and a result indicator (one task in four counts the
// seizures in its province, the others a manual figure). Accountable
// units are the tree's units below each province, in turn.
func DemoPlan(tree *units.Tree, year int, asOf borderlink.Date, sides ...DemoSide) (Agreement, Plan, []Task) {
	from, to := borderlink.NewDate(year, 1, 1), borderlink.NewDate(year, 12, 31)
	created := from.Time().Add(8 * time.Hour)
	own := sides[0]
	var parties, partners, provinces []string
	for i, sd := range sides {
		parties = append(parties, tree.Roots(sd.Country)[0].Code)
		if i > 0 {
			partners = append(partners, tree.Roots(sd.Country)[0].Code)
		}
	}
	a := Agreement{ID: "demo-mou-" + itoa(year), Origin: own.Node, Kind: AgreementMemorandum, Lang: borderlink.LangVI,
		Title:   "Bản ghi nhớ hợp tác phòng, chống tội phạm ma túy qua biên giới",
		Parties: parties, OwnerUnit: parties[0], Signed: from.AddDays(-30), ValidFrom: from.AddDays(-30), ValidTo: to.AddDays(4 * 365),
		Reference: "01/" + itoa(year) + "/BGN", Created: created, Updated: created, Released: created}
	pl := Plan{ID: "demo-plan-" + itoa(year), Origin: own.Node, AgreementID: a.ID, Kind: PlanAnnual, Lang: borderlink.LangVI,
		Title: "Kế hoạch hợp tác năm " + itoa(year), OwnerUnit: parties[0], From: from, To: to, Provinces: []string{}, Drugs: []string{},
		Bilateral: true, PartnerUnits: partners, Created: created, Updated: created, Released: created}
	var tasks []Task
	n := 0
	for _, sd := range sides {
		counts := sd.Communes
		if counts == nil {
			counts = CommuneCounts
		}
		for _, prov := range tree.Units(sd.Country) {
			count := counts[prov.Code]
			if prov.Level != units.LevelProvince || count == 0 {
				continue
			}
			provinces = append(provinces, prov.Code)
			var below []string
			for _, u := range tree.Units(sd.Country) {
				if u.Code != prov.Code && u.ActiveOn(asOf) && tree.Within(u.Code, prov.Code) {
					below = append(below, u.Code)
				}
			}
			if len(below) == 0 {
				below = []string{prov.Code}
			}
			for i := range count {
				tasks = append(tasks, demoTask(sd.Node, pl, prov.Code, below[i%len(below)], i, n, asOf))
				n++
			}
		}
	}
	slices.Sort(provinces)
	pl.Provinces = provinces
	return a, pl, tasks
}

// demoTask is the task of the i-th commune of province prov (the n-th
// task in all).
func demoTask(node borderlink.NodeID, pl Plan, prov, unit string, i, n int, asOf borderlink.Date) Task {
	start := pl.From.AddDays(n % 60)
	if n%11 == 0 {
		start = start.AddDays(200) // work of the second half of the year
	}
	deadline := start.AddDays(90 + (n*37)%240)
	if deadline.After(pl.To) {
		deadline = pl.To
	}
	mid := start.AddDays(int(deadline.Time().Sub(start.Time()).Hours()/24) / 2)
	percent := (n * 13) % 101
	if n%7 == 0 {
		percent = 100
	}
	ms := []Milestone{
		{ID: fmt.Sprintf("demo-m%d-1", n), Day: mid, Text: "Khảo sát, lập danh sách điểm nguy cơ", Done: percent >= 50},
		{ID: fmt.Sprintf("demo-m%d-2", n), Day: deadline, Text: "Tổ chức đánh giá, công nhận", Done: percent == 100},
	}
	ind := Indicator{Kind: IndicatorManual, Label: "Điểm, tụ điểm ma túy được xóa bỏ", Target: float64(2 + n%5),
		Actual: float64((n % 5) * percent / 100), Provinces: []string{}, Drugs: []string{}}
	if n%4 == 0 {
		ind = Indicator{Kind: IndicatorSeizuresKg, Target: float64(5 + n%20), Provinces: []string{prov}, Drugs: []string{}}
	}
	at := pl.Created.Add(time.Duration(n) * time.Second)
	t := Task{ID: fmt.Sprintf("demo-task-%s-%d", node, n), Origin: node, PlanID: pl.ID, Lang: borderlink.LangVI,
		Title:       fmt.Sprintf("Xây dựng xã, bản không ma túy (%s, số %d)", prov, i+1),
		Deliverable: "Báo cáo kết quả và hồ sơ đề nghị công nhận",
		Officer:     Officer{Name: demoOfficers[n%len(demoOfficers)], Unit: unit}, AccountableUnit: unit,
		Start: start, Deadline: deadline, Milestones: ms, Percent: percent, Indicator: ind,
		Notes:   []ProgressNote{{Day: asOf, Percent: percent, Text: "Cập nhật tiến độ", By: "demo@" + string(node)}},
		Created: at, Updated: at, Released: at}
	return t
}

var demoOfficers = []string{"Nguyễn Văn Hùng", "Lò Văn Minh", "Vi Thị Lan", "Khamla Sisavath", "Bounthavy Phommachanh", "Somphone Keomany"}
