package units_test

import (
	"context"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/store"
	"github.com/borderlink/borderlink/units"
)

// seededData returns the stored directory after a demo seed.
func seededData(b *testing.B) units.Data {
	e := mustSeeded(b)
	var d units.Data
	err := store.Domain[units.Tx]{S: e.st}.View(context.Background(), func(tx units.Tx) (err error) {
		d, err = tx.Units().List(context.Background())
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	d.Aliases = map[string]string{"LA-PH": "LA-02"}
	return d
}

func BenchmarkNewTree(b *testing.B) {
	d := seededData(b)
	b.ReportAllocs()
	for b.Loop() {
		units.NewTree(d)
	}
}

func BenchmarkSearch(b *testing.B) {
	tr := units.NewTree(seededData(b))
	for _, q := range []string{"dien bien", "ຜົ້ງສາລີ", "VN-44-2004", "xa"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tr.Search(q, borderlink.LangVI, 20)
			}
		})
	}
}

func BenchmarkChildren(b *testing.B) {
	tr := units.NewTree(seededData(b))
	d := borderlink.NewDate(2025, 4, 1)
	b.ReportAllocs()
	for b.Loop() {
		tr.Children("VN-40", d)
	}
}
