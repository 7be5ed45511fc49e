package refdata_test

import (
	"slices"
	"testing"

	"github.com/borderlink/borderlink/refdata"
)

func TestDrugTypes(t *testing.T) {
	d, err := refdata.DrugTypes()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Types) != 15 || len(d.Units) != 11 {
		t.Fatalf("%d drug types and %d units, want 15 and 11", len(d.Types), len(d.Units))
	}
	h, ok := d.Type("HEROIN")
	if !ok {
		t.Fatal("no HEROIN")
	}
	if n := h.Name(); n.VI != "Heroin" || n.LO != "ເຮໂຣອີນ" || n.EN != "Heroin" {
		t.Errorf("HEROIN names %+v", n)
	}
	if !slices.Equal(h.Units(), []string{"kg", "g", "block"}) || h.CountUnit == nil || h.CountUnit.LO != "ກ້ອນ" {
		t.Errorf("HEROIN units %v, count unit %+v", h.Units(), h.CountUnit)
	}
	m, _ := d.Type("METH_TABLET")
	if m.DefaultUnit != "pills" || m.Names.LO.Display != "ຢາບ້າ" || !m.Confidence.AtLeast(refdata.High) {
		t.Errorf("METH_TABLET %+v", m)
	}
	if c, _ := d.Type("METH_CRYSTAL"); c.CountUnit != nil {
		t.Errorf("METH_CRYSTAL has a count unit %+v", c.CountUnit)
	}
	if u, ok := d.Unit("pills"); !ok || u.LO != "ເມັດ" || u.VI != "viên" {
		t.Errorf("unit pills %+v", u)
	}
	if _, ok := d.Type("heroin"); ok {
		t.Error("codes are case-sensitive")
	}
}

func TestParseDrugTypesRejects(t *testing.T) {
	for name, text := range map[string]string{
		"not json":     `[`,
		"no code":      `{"drug_types": [{"default_unit": "kg"}], "units": [{"code": "kg"}]}`,
		"unknown unit": `{"drug_types": [{"code": "X", "default_unit": "kg", "alt_units": ["bags"]}], "units": [{"code": "kg"}]}`,
	} {
		if _, err := refdata.ParseDrugTypes([]byte(text)); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}
