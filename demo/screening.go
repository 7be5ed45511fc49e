package demo

import (
	"bytes"
	"context"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/node"
	"github.com/borderlink/borderlink/screening"
)

// watchLists are the demo's watch lists, by node: a few persons written
// the way each side's files write them, then a body of generated names in
// the proportions of the border provinces, so that the checkpoint page
// answers over a list of realistic size.
var watchLists = map[borderlink.NodeID]struct {
	ID, Name  string
	Seed      uint64
	Generated int
	Known     []checkpoint.ListEntry
}{
	"vn.mps": {ID: "c04-doi-tuong", Name: "Cục C04 — đối tượng ma túy cần lưu ý", Seed: 41, Generated: 20000, Known: []checkpoint.ListEntry{
		{ID: "C04-2026-0117", Name: "Vì Văn Thắng", AltNames: []string{"VI VAN THANG", "ວີ ວັນ ທັງ"}, DOB: "1991", Nationality: "VN"},
		{ID: "C04-2026-0231", Name: "Hờ A Dơ", AltNames: []string{"HO A DO"}, DOB: "1986-04", Document: "040086004512", Nationality: "VN"},
		{ID: "C04-2026-0302", Name: "Khamsing Vongphachan", AltNames: []string{"ຄຳສິງ ວົງພະຈັນ", "Khămxinh Vôngphachăn"}, DOB: "1983", Nationality: "LA"},
	}},
	"la.mps": {ID: "drug-suspects", Name: "ບັນຊີຜູ້ຕ້ອງສົງໄສຄະດີຢາເສບຕິດ", Seed: 43, Generated: 20000, Known: []checkpoint.ListEntry{
		{ID: "LA-HP-0042", Name: "ບຸນເພັງ ສີວົງໄຊ", AltNames: []string{"Bounpheng Sivongxay", "Bunpheng Sivongsai"}, DOB: "1990-08", Nationality: "LA"},
		{ID: "LA-HP-0057", Name: "ສຸກສະຫວັນ ພົມມະຈັນ", AltNames: []string{"Souksavanh Phommachanh", "Suksavan Phommachan"}, DOB: "1979", Document: "P0112233", Nationality: "LA"},
		{ID: "LA-HP-0061", Name: "Lò Văn Páo", AltNames: []string{"ໂລ ວັນ ປາວ", "LO VAN PAO"}, DOB: "1975", Nationality: "VN"},
	}},
}

// seedWatchList loads the node's demo watch list unless it has lists
// already.
func seedWatchList(ctx context.Context, n *node.Node) error {
	wl, ok := watchLists[n.Config.NodeID]
	if !ok || len(n.Screening.Lists()) > 0 {
		return nil
	}
	entries := append([]checkpoint.ListEntry(nil), wl.Known...)
	for i, g := range screening.Generate(wl.Generated, wl.Seed) {
		entries = append(entries, checkpoint.ListEntry{ID: fmt.Sprintf("%s-%05d", wl.ID, i+1), Name: g.Names[0],
			AltNames: g.Names[1:], DOB: g.DOB, Nationality: g.Nationality})
	}
	var file bytes.Buffer
	if err := checkpoint.WriteList(&file, entries); err != nil {
		return err
	}
	_, err := n.Screening.LoadList(ctx, auth.System("demo"), checkpoint.LoadInput{ListID: wl.ID, Name: wl.Name,
		File: wl.ID + ".csv", Data: file.Bytes()})
	if err != nil {
		return fmt.Errorf("demo: watch list: %w", err)
	}
	return nil
}
