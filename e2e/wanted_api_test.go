package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

// TestWantedAPIAcrossTheBorder drives the wanted notices through the JSON
// API of two federated nodes: a notice issued and released on vn.mps is
// read on la.mps and screened there by its Lao-script name; a sighting
// reported through la.mps's API shows on vn.mps; bad requests are refused
// in the caller's language with nothing stored; an officer may read and
// report but not issue.
func TestWantedAPIAcrossTheBorder(t *testing.T) {
	vn := nodetest.MustStart(t, nodetest.Options{Demo: true})
	la := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA", Demo: true})
	federate(t, vn, la)
	inv := vn.Tokens[auth.RoleInvestigator]
	notice := `{"issuing_unit":"VN-40","person":{"name":"Vì Văn Thắng","name_latin":"VI VAN THANG","birth":"1991-06","sex":"M",
		"nationality":"VN","documents":[{"type":"id_card","number":"040091007788"}]},
		"charges":["trafficking"],"legal_basis":"Điều 251 BLHS 2015","warrant_ref":"31/QĐ-CSĐT","warrant_date":"2026-11-02",
		"danger":["violent"],"summary":"Đối tượng vận chuyển ma túy đá qua biên giới","lang":"vi",
		"location":{"unit":"LA-07","text":"Bản Huội Sa"},"partner_units":["LA-MPS"],"release":true}`
	code, body := vn.Do(t, nil, "POST", "/api/v1/wanted", inv, "application/json", notice)
	if code != http.StatusCreated {
		t.Fatalf("issue: %d %s", code, body)
	}
	var n struct{ ID, Status string }
	json.Unmarshal([]byte(body), &n)

	laOfficer := la.Tokens[auth.RoleOfficer]
	eventually(t, "the notice on la.mps", func() bool {
		code, _ := la.Do(t, nil, "GET", "/api/v1/wanted/"+n.ID, laOfficer, "", "")
		return code == http.StatusOK
	})
	code, body = la.Do(t, nil, "GET", "/api/v1/wanted?q=thang", laOfficer, "", "")
	if code != http.StatusOK || !strings.Contains(body, `"total":1`) || !strings.Contains(body, `"origin":"vn.mps"`) {
		t.Errorf("list on la.mps: %d %s", code, body)
	}
	code, body = la.Do(t, nil, "POST", "/api/v1/screen", laOfficer, "application/json", `{"name":"ວີ ວັນ ທັງ","dob":"1991"}`)
	if code != http.StatusOK || !strings.Contains(body, `"hit":true`) || !strings.Contains(body, `"id":"`+n.ID+`"`) {
		t.Errorf("screening the Lao-script name on la.mps: %d %s", code, body)
	}
	code, body = la.Do(t, nil, "POST", "/api/v1/screen", laOfficer, "application/json", `{"document":"040 091 007 788"}`)
	if code != http.StatusOK || !strings.Contains(body, `"id":"`+n.ID+`"`) {
		t.Errorf("screening the document number on la.mps: %d %s", code, body)
	}

	code, body = la.Do(t, nil, "POST", "/api/v1/wanted/"+n.ID+"/sightings", laOfficer, "application/json",
		`{"at":"2026-11-25T01:00:00Z","place":{"unit":"LA-07","text":"ຕະຫຼາດຊຳເໜືອ"},"seen":"ເຫັນຂີ່ລົດຈັກສີດຳ","reporter_unit":"LA-07"}`)
	if code != http.StatusCreated {
		t.Fatalf("sighting on la.mps: %d %s", code, body)
	}
	eventually(t, "the sighting on vn.mps", func() bool {
		_, body := vn.Do(t, nil, "GET", "/api/v1/wanted/"+n.ID, vn.Tokens[auth.RoleOfficer], "", "")
		return strings.Contains(body, "ຕະຫຼາດຊຳເໜືອ")
	})

	// Refusals, in Lao, with nothing stored.
	for _, tc := range []struct {
		method, path, token, body string
		want                      int
	}{
		{"POST", "/api/v1/wanted", la.Tokens[auth.RoleInvestigator], `{"issuing_unit":"LA-07","person":{"name":"ບຸນມີ","birth":"1990-02-30"},"charges":["trafficking"],"warrant_ref":"1","warrant_date":"2026-01-01","partner_units":["VN-40"]}`, http.StatusBadRequest},
		{"POST", "/api/v1/wanted", la.Tokens[auth.RoleInvestigator], `{"issuing_unit":"VN-40","person":{"name":"ບຸນມີ"},"charges":["trafficking"],"warrant_ref":"1","warrant_date":"2026-01-01","partner_units":["VN-40"]}`, http.StatusBadRequest},
		{"POST", "/api/v1/wanted", laOfficer, `{}`, http.StatusForbidden},
		{"POST", "/api/v1/wanted/" + n.ID + "/status", la.Tokens[auth.RoleInvestigator], `{"status":"withdrawn"}`, http.StatusForbidden},
		{"POST", "/api/v1/wanted/" + n.ID + "/handover", la.Tokens[auth.RoleInvestigator], `{"kind":"complete"}`, http.StatusConflict},
		{"POST", "/api/v1/wanted/" + n.ID + "/sightings", laOfficer, `{"at":"2030-01-01T00:00:00Z","place":{"unit":"LA-07"},"seen":"x"}`, http.StatusBadRequest},
		{"GET", "/api/v1/wanted/nope", laOfficer, ``, http.StatusNotFound},
	} {
		code, body := la.Do(t, nil, tc.method, tc.path, tc.token, "application/json", tc.body, "Accept-Language", "lo")
		if code != tc.want || !containsLao(body) {
			t.Errorf("%s %s %s: %d %s, want %d with a Lao message", tc.method, tc.path, tc.body, code, body, tc.want)
		}
	}
	if _, body := la.Do(t, nil, "GET", "/api/v1/wanted", laOfficer, "", ""); !strings.Contains(body, `"total":1`) {
		t.Errorf("a refused notice was stored: %s", body)
	}
}
