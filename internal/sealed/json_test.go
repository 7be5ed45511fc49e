package sealed_test

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/sealed"
)

func TestSealJSONRoundTrip(t *testing.T) {
	r, path := mustCreateRing(t)
	ad := sealed.Context("treatment", "rec-1", "record")
	rec := sampleRecord()
	v, err := sealed.SealJSON(r, rec, ad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Rotate(path); err != nil {
		t.Fatal(err)
	}
	var got treatmentRecord
	if err := sealed.OpenJSON(r, v, ad, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rec) {
		t.Errorf("OpenJSON = %+v, want %+v", got, rec)
	}
	var other treatmentRecord
	err = sealed.OpenJSON(r, v, sealed.Context("treatment", "rec-2", "record"), &other)
	wantErr(t, err, sealed.ErrWrongContext, borderlink.EInternal)
}

func TestJSONErrorsShowNoPlaintext(t *testing.T) {
	r, _ := mustCreateRing(t)
	ad := sealed.Context("treatment", "rec-1", "tests")

	v, err := sealed.SealJSON(r, map[string]any{"Nông Thị Xuân": 42.5}, ad)
	if err != nil {
		t.Fatal(err)
	}
	var wrongType map[string]string
	err = sealed.OpenJSON(r, v, ad, &wrongType)
	checkSecretFree(t, err, "Nông", "42.5")

	v, err = sealed.Seal(r, []byte(`{"name": "Nông Thị Xuân", oops}`), ad)
	if err != nil {
		t.Fatal(err)
	}
	err = sealed.OpenJSON(r, v, ad, &wrongType)
	checkSecretFree(t, err, "Nông", "oops", "'o'")

	err = sealed.OpenJSON(r, v, ad, wrongType) // not a pointer
	checkSecretFree(t, err, "Nông")

	_, err = sealed.SealJSON(r, map[string]float64{"Nông Thị Xuân": math.NaN()}, ad)
	checkSecretFree(t, err, "Nông", "NaN", "Inf")
}

func checkSecretFree(t *testing.T, err error, secrets ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	for _, msg := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		for _, s := range secrets {
			if strings.Contains(msg, s) {
				t.Errorf("error %q shows %q from the plaintext", msg, s)
			}
		}
	}
}
