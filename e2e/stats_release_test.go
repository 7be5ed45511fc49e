package e2e

import (
	"context"
	"net/http"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/store"
)

// TestStatisticsReleasedToThePartner: the Vietnamese ministry analyst
// releases 2025 to la.mps over mutual TLS; the Lao node's figures for
// Vietnam then equal the Vietnamese node's own, province by province. A new
// seizure and a second release replace the month instead of adding to it;
// a provincial analyst may not release the country's figures; and both
// audit logs verify.
func TestStatisticsReleasedToThePartner(t *testing.T) {
	vn := nodetest.MustStart(t, nodetest.Options{Demo: true})
	la := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA", Demo: true})
	federate(t, vn, la)
	ctx := context.Background()
	for _, n := range []*nodetest.Node{vn, la} {
		if _, err := n.Stats.SeedDemo(ctx, borderlink.MustParseDate("2025-01-01")); err != nil {
			t.Fatal(err)
		}
	}
	analyst := vn.Tokens[auth.RoleAnalyst]
	release := func(from, to string) (int, string) {
		return vn.Do(t, nil, "POST", "/api/v1/stats/release", analyst, "application/json", `{"from":"`+from+`","to":"`+to+`"}`)
	}
	if code, body := release("2025-01", "2025-12"); code != http.StatusAccepted {
		t.Fatalf("release: %d %s", code, body)
	}
	type table struct {
		Rows []struct {
			Province   string `json:"province"`
			Cases      int64  `json:"cases"`
			Milligrams int64  `json:"milligrams"`
		} `json:"rows"`
	}
	byProvince := func(n *nodetest.Node, tok string) map[string][2]int64 {
		var tb table
		if code := getJSON(t, n, "/api/v1/stats/seizures?country=VN&from=2025-01-01&to=2025-12-31&by=province", tok, &tb); code != http.StatusOK {
			t.Fatalf("stats on %s: %d", n.Config.NodeID, code)
		}
		out := map[string][2]int64{}
		for _, r := range tb.Rows {
			out[r.Province] = [2]int64{r.Cases, r.Milligrams}
		}
		return out
	}
	want := byProvince(vn, analyst)
	if len(want) < 5 {
		t.Fatalf("the Vietnamese demo history has %d provinces", len(want))
	}
	same := func(a, b map[string][2]int64) bool {
		if len(a) != len(b) {
			return false
		}
		for k, v := range a {
			if b[k] != v {
				return false
			}
		}
		return true
	}
	laTok := la.Tokens[auth.RoleAnalyst]
	eventually(t, "the Lao node to hold Vietnam's 2025 figures", func() bool { return same(byProvince(la, laTok), want) })

	// A late seizure in March, released again: the month is replaced.
	err := vn.Store.Update(ctx, func(tx store.Tx) error {
		return vn.Stats.Put(ctx, tx, []stats.Fact{{ID: "rec:late", Source: stats.SourceRecord, Day: borderlink.MustParseDate("2025-03-03"),
			Place: "VN-40", Agency: stats.AgencyPolice, Drug: "HEROIN", Totals: stats.Totals{Cases: 1, Milligrams: 7_000_000}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if code, body := release("2025-03", "2025-03"); code != http.StatusAccepted {
		t.Fatalf("second release: %d %s", code, body)
	}
	want = byProvince(vn, analyst)
	eventually(t, "the replaced March on the Lao node", func() bool { return same(byProvince(la, laTok), want) })

	// Only the whole ministry's analyst releases the country's figures; a
	// month not yet over cannot be released.
	prov := borderUser(t, vn, "thu", auth.RoleAnalyst, "VN-40")
	if code, _ := vn.Do(t, nil, "POST", "/api/v1/stats/release", prov, "application/json", `{"from":"2025-01","to":"2025-02"}`); code != http.StatusForbidden {
		t.Errorf("a provincial analyst's release answered %d, want 403", code)
	}
	if code, body := release("2025-01", "2026-11"); code != http.StatusBadRequest {
		t.Errorf("releasing the current month answered %d %s, want 400", code, body)
	}
	for _, n := range []*nodetest.Node{vn, la} {
		rep, err := audit.Verify(ctx, store.Domain[audit.Tx]{S: n.Store}, n.Identity.PublicKey(), n.Config.NodeID)
		if err != nil || !rep.OK {
			t.Errorf("%s: audit verify: %v %+v", n.Config.NodeID, err, rep)
		}
	}
}
