package sealed_test

import (
	"encoding/json"
	"testing"

	"github.com/borderlink/borderlink/internal/sealed"
)

// BenchmarkSealRecord seals a whole treatment record of about 1 KiB as JSON,
// including the encoding.
func BenchmarkSealRecord(b *testing.B) {
	r, _ := mustCreateRing(b)
	rec := sampleRecord()
	plain, _ := json.Marshal(rec)
	ad := sealed.Context("treatment", "0198c3e1-5b7a-7c1e-9a0f-3d2b1c4e5f60", "record")
	b.SetBytes(int64(len(plain)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sealed.SealJSON(r, rec, ad); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenRecord opens and decodes the same record: the cost of one
// audited read.
func BenchmarkOpenRecord(b *testing.B) {
	r, _ := mustCreateRing(b)
	rec := sampleRecord()
	plain, _ := json.Marshal(rec)
	ad := sealed.Context("treatment", "0198c3e1-5b7a-7c1e-9a0f-3d2b1c4e5f60", "record")
	v, err := sealed.SealJSON(r, rec, ad)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(plain)))
	b.ReportAllocs()
	for b.Loop() {
		var got treatmentRecord
		if err := sealed.OpenJSON(r, v, ad, &got); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSealField and BenchmarkOpenField measure the encryption alone, on
// a 1 KiB field, without JSON.
func BenchmarkSealField(b *testing.B) {
	r, _ := mustCreateRing(b)
	plain, _ := json.Marshal(sampleRecord())
	ad := sealed.Context("treatment", "0198c3e1-5b7a-7c1e-9a0f-3d2b1c4e5f60", "record")
	b.SetBytes(int64(len(plain)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sealed.Seal(r, plain, ad); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpenField(b *testing.B) {
	r, _ := mustCreateRing(b)
	plain, _ := json.Marshal(sampleRecord())
	ad := sealed.Context("treatment", "0198c3e1-5b7a-7c1e-9a0f-3d2b1c4e5f60", "record")
	v, err := sealed.Seal(r, plain, ad)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(plain)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sealed.Open(r, v, ad); err != nil {
			b.Fatal(err)
		}
	}
}
