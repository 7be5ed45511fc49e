package refdata_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/refdata"
)

// sharedDir is the researched data the embedded files are copied from.
const sharedDir = "../../shared/data"

func TestEmbeddedFilesMatchShared(t *testing.T) {
	if _, err := os.Stat(sharedDir); err != nil {
		t.Skipf("%s not present; drift check skipped", sharedDir)
	}
	for _, name := range refdata.Files {
		want, err := os.ReadFile(filepath.Join(sharedDir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got, err := refdata.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("refdata/%s differs from %s/%s: copy the file again", name, sharedDir, name)
		}
	}
	entries, err := os.ReadDir(sharedDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".json" {
			continue
		}
		if _, err := refdata.FS.Open(e.Name()); err != nil {
			t.Errorf("%s/%s is not embedded", sharedDir, e.Name())
		}
	}
}

func TestAdminUnits(t *testing.T) {
	a, err := refdata.AdminUnits()
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Countries) != 2 || len(a.VNProvincesPre2025) != 10 || len(a.VNProvinces2025) != 9 || len(a.LAProvinces) != 10 {
		t.Fatalf("countries %d, VN pre-2025 %d, VN 2025 %d, LA %d; want 2, 10, 9, 10",
			len(a.Countries), len(a.VNProvincesPre2025), len(a.VNProvinces2025), len(a.LAProvinces))
	}
	districts := 0
	for _, p := range a.LAProvinces {
		districts += len(p.Districts)
		if p.Confidence.Grade() != refdata.High {
			t.Errorf("%s: confidence %q", p.ISO, p.Confidence)
		}
	}
	if districts != 85 {
		t.Errorf("%d Lao districts, want 85", districts)
	}
	for _, p := range a.VNProvinces2025 {
		if p.EffectiveDate != borderlink.NewDate(2025, 7, 1) {
			t.Errorf("VN-%s effective %v", p.Code, p.EffectiveDate)
		}
	}
	vn := a.PublicSecurity.VN
	if len(vn) != 3 || !vn[0].From.IsZero() || vn[0].To != borderlink.NewDate(2025, 2, 28) ||
		vn[1].From != borderlink.NewDate(2025, 3, 1) || vn[2].From != borderlink.NewDate(2025, 7, 1) || !vn[2].To.IsZero() {
		t.Errorf("VN police periods parsed as %+v", vn)
	}
	if len(a.PublicSecurity.LA) != 4 {
		t.Errorf("%d Lao police levels, want 4", len(a.PublicSecurity.LA))
	}
}

func TestConfidence(t *testing.T) {
	for c, want := range map[refdata.Confidence]string{
		"high":            "high",
		"medium (memory)": "medium",
		"high (names, codes, Lao script from public datasets); district English names medium": "high",
		"Low":     "low",
		"":        "",
		"unknown": "",
	} {
		if got := c.Grade(); got != want {
			t.Errorf("Grade(%q) = %q, want %q", c, got, want)
		}
	}
	if !refdata.Confidence("high").AtLeast(refdata.Medium) || refdata.Confidence("low").AtLeast(refdata.Medium) || refdata.Confidence("").AtLeast(refdata.Low) {
		t.Error("AtLeast")
	}
}
