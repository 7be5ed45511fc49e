package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
	"github.com/borderlink/borderlink/store"
)

// TestJointCaseAcrossTheBorder is case 522H through the API of two real
// nodes over mutual TLS: the Nghệ An investigator opens the case with the
// Houaphanh police as partner, records a subject, a seizure of 110 kg of
// crystal methamphetamine and an arrest, and releases them; la.mps shows
// them read-only to the Houaphanh investigator (and to nobody of another
// province), counts nothing of them in its own statistics, and its own
// contribution travels back. Both audit logs verify.
func TestJointCaseAcrossTheBorder(t *testing.T) {
	vn := nodetest.MustStart(t, nodetest.Options{Demo: true})
	la := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA", Demo: true})
	federate(t, vn, la)
	vt := borderUser(t, vn, "minh", auth.RoleInvestigator, "VN-40")
	lt := borderUser(t, la, "bounthavy", auth.RoleInvestigator, "LA-07")
	other := borderUser(t, la, "khampheng", auth.RoleInvestigator, "LA-02")

	post := func(n *nodetest.Node, tok, path, body string, want int) map[string]any {
		t.Helper()
		code, out := n.Do(t, nil, "POST", path, tok, "application/json", body, "Accept-Language", "vi")
		if code != want {
			t.Fatalf("POST %s: %d %s", path, code, out)
		}
		var m map[string]any
		json.Unmarshal([]byte(out), &m)
		return m
	}
	c := post(vn, vt, "/api/v1/cases", `{"code":"522H","title":"Chuyên án 522H","lang":"vi","lead_unit":"VN-40",
		"partner_units":["LA-07"],"handling":"releasable","status":"active"}`, http.StatusCreated)
	caseID := c["id"].(string)
	per := post(vn, vt, "/api/v1/persons", `{"owner_unit":"VN-40","name":"Lầu Bá Chò","name_latin":"LAU BA CHO","birth":"1988","sex":"M","nationality":"VN"}`, http.StatusCreated)
	sb := post(vn, vt, "/api/v1/cases/"+caseID+"/subjects", `{"person_id":"`+per["id"].(string)+`","role":"organiser"}`, http.StatusCreated)
	z := post(vn, vt, "/api/v1/seizures", `{"case_id":"`+caseID+`","day":"2026-11-10","place":"VN-40","agency":"police",
		"drugs":[{"drug":"METH_CRYSTAL","amount":{"value":"110","unit":"kg"}}]}`, http.StatusCreated)
	ar := post(vn, vt, "/api/v1/arrests", `{"case_id":"`+caseID+`","person_id":"`+per["id"].(string)+`","day":"2026-11-10","place":"VN-40","charge":"trafficking"}`, http.StatusCreated)
	// Bad input is refused in the user's language and stores nothing.
	code, out := vn.Do(t, nil, "POST", "/api/v1/seizures", vt, "application/json",
		`{"case_id":"`+caseID+`","day":"2026-11-10","place":"VN-40","drugs":[{"drug":"METH_TABLET","amount":{"value":"5000","unit":"pills"}}]}`,
		"Accept-Language", "lo")
	if code != http.StatusBadRequest || !containsLao(out) {
		t.Errorf("tablets without a weight: %d %s", code, out)
	}
	for _, r := range [][2]string{{"case", caseID}, {"case_subject", sb["id"].(string)}, {"seizure", z["id"].(string)}, {"arrest", ar["id"].(string)}} {
		post(vn, vt, "/api/v1/releases", `{"kind":"`+r[0]+`","id":"`+r[1]+`"}`, http.StatusOK)
	}

	type caseFile struct {
		Case struct {
			ID, Origin string
		}
		Subjects []struct{ Origin string }
		Persons  []struct{ Name string }
		Seizures []struct {
			Origin string
			Drugs  []struct{ Drug string }
		}
		Arrests []struct{ Origin string }
		Events  []struct{ Origin string }
	}
	var f caseFile
	eventually(t, "case 522H and its records on la.mps", func() bool {
		f = caseFile{}
		return getJSON(t, la, "/api/v1/cases/"+caseID, lt, &f) == http.StatusOK && len(f.Seizures) == 1 && len(f.Arrests) == 1 && len(f.Subjects) == 1
	})
	if f.Case.Origin != "vn.mps" || f.Seizures[0].Drugs[0].Drug != "METH_CRYSTAL" || len(f.Persons) != 1 || f.Persons[0].Name != "Lầu Bá Chò" {
		t.Errorf("case file on la.mps: %+v", f)
	}
	if code := getJSON(t, la, "/api/v1/cases/"+caseID, other, nil); code != http.StatusNotFound {
		t.Errorf("an investigator of Phongsaly reads the case: %d, want 404", code)
	}
	// The partner's record is read-only on la.mps.
	code, _ = la.Do(t, nil, "POST", "/api/v1/cases/"+caseID+"/status", lt, "application/json", `{"status":"closed"}`)
	if code != http.StatusForbidden {
		t.Errorf("closing vn.mps's case on la.mps: %d, want 403", code)
	}
	// Released records are not la.mps's statistics.
	var tb struct {
		Rows []struct{ Milligrams int64 }
	}
	getJSON(t, la, "/api/v1/stats/seizures?from=2026-11-01&to=2026-11-20&country=VN&by=,", la.Tokens[auth.RoleAnalyst], &tb)
	if len(tb.Rows) != 0 {
		t.Errorf("la.mps counts vn.mps's released seizure: %+v", tb.Rows)
	}
	getJSON(t, vn, "/api/v1/stats/seizures?from=2026-11-01&to=2026-11-20&by=,", vn.Tokens[auth.RoleAnalyst], &tb)
	if len(tb.Rows) != 1 || tb.Rows[0].Milligrams != 110_000_000 {
		t.Errorf("vn.mps statistics: %+v, want the 110 kg", tb.Rows)
	}

	// The Houaphanh side adds its own event and releases it back.
	ev := post(la, lt, "/api/v1/cases/"+caseID+"/events", `{"kind":"interview","at":"2026-11-12T09:00:00+07:00","place":"LA-07",
		"summary":"ສອບຖາມພະຍານຢູ່ເມືອງຊຳເໜືອ","lang":"lo"}`, http.StatusCreated)
	post(la, lt, "/api/v1/releases", `{"kind":"event","id":"`+ev["id"].(string)+`"}`, http.StatusOK)
	eventually(t, "the Lao event on vn.mps", func() bool {
		f = caseFile{}
		return getJSON(t, vn, "/api/v1/cases/"+caseID, vt, &f) == http.StatusOK && len(f.Events) == 1 && f.Events[0].Origin == "la.mps"
	})

	for _, n := range []*nodetest.Node{vn, la} {
		rep, err := audit.Verify(context.Background(), store.Domain[audit.Tx]{S: n.Store}, n.Identity.PublicKey(), n.Config.NodeID)
		if err != nil || !rep.OK {
			t.Errorf("%s: audit verify: %v %+v", n.Config.NodeID, err, rep)
		}
	}
}
