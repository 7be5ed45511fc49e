package sealed_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/sealed"
)

// Offsets of the sealed value format, from the package documentation.
const (
	atKeyID  = 1
	atTag    = 5
	atNonce  = 9
	atCipher = 21
)

func TestSealOpenRoundTrip(t *testing.T) {
	r, _ := mustCreateRing(t)
	ad := sealed.Context("treatment", "0198c3e1-5b7a-7c1e-9a0f-3d2b1c4e5f60", "name")
	for _, text := range []string{"", "Nguyễn Thị Thu Hà", "ນາງ ບົວພັນ ສີສຸວັນ", strings.Repeat("ເຮໂຣອີນ heroin ", 500)} {
		v, err := sealed.Seal(r, []byte(text), ad)
		if err != nil {
			t.Fatal(err)
		}
		if len(v) != len(text)+sealed.Overhead {
			t.Errorf("sealed %d bytes into %d, want %d more", len(text), len(v), sealed.Overhead)
		}
		if len(text) > 4 && bytes.Contains(v, []byte(text[:len(text)/2])) {
			t.Error("the sealed value contains the plaintext")
		}
		got, err := sealed.Open(r, v, ad)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != text {
			t.Errorf("Open = %q, want %q", got, text)
		}
	}
}

func TestSealUsesFreshNonces(t *testing.T) {
	r, _ := mustCreateRing(t)
	a := mustSeal(t, r, "rec-1", "Lê Văn Bình")
	b := mustSeal(t, r, "rec-1", "Lê Văn Bình")
	if bytes.Equal(a[atNonce:atCipher], b[atNonce:atCipher]) || bytes.Equal(a, b) {
		t.Error("two seals of the same plaintext are identical")
	}
}

func TestSealRefusesNoContext(t *testing.T) {
	r, _ := mustCreateRing(t)
	for _, ad := range [][]byte{nil, {}} {
		_, err := sealed.Seal(r, []byte("x"), ad)
		wantErr(t, err, sealed.ErrNoContext, borderlink.EInternal)
	}
}

func TestContextBindsRecordAndField(t *testing.T) {
	r, _ := mustCreateRing(t)
	v, err := sealed.Seal(r, []byte("dương tính với ma túy tổng hợp"), sealed.Context("treatment", "rec-1", "test_result"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ad := range [][]byte{
		sealed.Context("treatment", "rec-2", "test_result"), // copied to another row
		sealed.Context("treatment", "rec-1", "name"),        // copied to another field
		sealed.Context("informant", "rec-1", "test_result"), // copied to another kind
		[]byte("treatment:rec-1:test_result "),
		nil,
	} {
		_, err := sealed.Open(r, v, ad)
		wantErr(t, err, sealed.ErrWrongContext, borderlink.EInternal)
	}
	// Forging the context tag to match the other row still does not open:
	// the GCM tag covers the associated data itself.
	other := sealed.Context("treatment", "rec-2", "test_result")
	forged := bytes.Clone(v)
	w, _ := sealed.Seal(r, []byte("z"), other)
	copy(forged[atTag:atNonce], w[atTag:atNonce])
	_, err = sealed.Open(r, forged, other)
	wantErr(t, err, sealed.ErrTampered, borderlink.EInternal)
}

func TestContext(t *testing.T) {
	if got := string(sealed.Context("treatment", "rec:1", "name")); got != "treatment:rec:1:name" {
		t.Errorf("Context = %q", got)
	}
	for _, args := range [][3]string{{"treat:ment", "1", "name"}, {"treatment", "1", "na:me"}, {"", "1", "name"}, {"treatment", "1", ""}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Context%q did not panic", args)
				}
			}()
			sealed.Context(args[0], args[1], args[2])
		}()
	}
}

func TestOpenWithWrongKeyFile(t *testing.T) {
	mine, _ := mustCreateRing(t)
	theirs, _ := mustCreateRing(t)
	v := mustSeal(t, mine, "rec-1", "Hoàng Văn Sơn")
	_, err := sealed.Open(theirs, v, sealed.Context("treatment", "rec-1", "name"))
	wantErr(t, err, sealed.ErrUnknownKey, borderlink.EInternal)
	if id, _ := sealed.KeyID(v); !strings.Contains(err.Error(), id) {
		t.Errorf("error %q does not name the key %s it needs", err, id)
	}
}

// TestOpenDetectsEveryFlippedByte flips each bit of each byte in turn: no
// change may open, and each fails with the error of the part it hit.
func TestOpenDetectsEveryFlippedByte(t *testing.T) {
	r, _ := mustCreateRing(t)
	ad := sealed.Context("treatment", "rec-1", "address")
	plain := "Bản Nậm Cắn, xã Nậm Cắn, huyện Kỳ Sơn, Nghệ An"
	v, err := sealed.Seal(r, []byte(plain), ad)
	if err != nil {
		t.Fatal(err)
	}
	for i := range v {
		want := sealed.ErrTampered
		switch {
		case i < atKeyID:
			want = sealed.ErrMalformed
		case i < atTag:
			want = sealed.ErrUnknownKey
		case i < atNonce:
			want = sealed.ErrWrongContext
		}
		for bit := range 8 {
			bad := bytes.Clone(v)
			bad[i] ^= 1 << bit
			got, err := sealed.Open(r, bad, ad)
			if err == nil {
				t.Fatalf("byte %d bit %d flipped: opened as %q", i, bit, got)
			}
			if !errors.Is(err, want) {
				t.Fatalf("byte %d bit %d flipped: %v, want %v", i, bit, err, want)
			}
			if strings.Contains(err.Error(), "Nậm") {
				t.Fatalf("error %q shows the plaintext", err)
			}
		}
	}
	if _, err := sealed.Open(r, v, ad); err != nil {
		t.Fatalf("the original no longer opens: %v", err)
	}
}

func TestOpenDetectsTruncationAndExtension(t *testing.T) {
	r, _ := mustCreateRing(t)
	ad := sealed.Context("treatment", "rec-1", "name")
	v := mustSeal(t, r, "rec-1", "Sùng A Páo")
	for n := range len(v) {
		_, err := sealed.Open(r, v[:n], ad)
		if n < sealed.Overhead {
			wantErr(t, err, sealed.ErrMalformed, borderlink.EInternal)
		} else {
			wantErr(t, err, sealed.ErrTampered, borderlink.EInternal)
		}
	}
	_, err := sealed.Open(r, append(bytes.Clone(v), 0), ad)
	wantErr(t, err, sealed.ErrTampered, borderlink.EInternal)
}

func TestKeyID(t *testing.T) {
	r, _ := mustCreateRing(t)
	v := mustSeal(t, r, "rec-1", "x")
	if id, err := sealed.KeyID(v); err != nil || id != r.CurrentID() {
		t.Errorf("KeyID = %q, %v; want %s", id, err, r.CurrentID())
	}
	_, err := sealed.KeyID(v[:10])
	wantErr(t, err, sealed.ErrMalformed, borderlink.EInternal)
	bad := bytes.Clone(v)
	bad[0] = 2
	_, err = sealed.KeyID(bad)
	wantErr(t, err, sealed.ErrMalformed, borderlink.EInternal)
}

func TestResealMovesValueToCurrentKey(t *testing.T) {
	r, path := mustCreateRing(t)
	ad := sealed.Context("treatment", "rec-1", "name")
	old := mustSeal(t, r, "rec-1", "Vi Thị Lan")
	oldID, _ := sealed.KeyID(old)

	same, err := sealed.Reseal(r, old, ad)
	if err != nil || !bytes.Equal(same, old) {
		t.Fatalf("Reseal under the current key changed the value (%v)", err)
	}
	info, err := r.Rotate(path)
	if err != nil {
		t.Fatal(err)
	}
	moved, err := sealed.Reseal(r, old, ad)
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := sealed.KeyID(moved); id != info.ID || id == oldID {
		t.Errorf("resealed value uses %s, want the new key %s", id, info.ID)
	}
	if got, err := sealed.Open(r, moved, ad); err != nil || string(got) != "Vi Thị Lan" {
		t.Errorf("resealed value opens as %q, %v", got, err)
	}
	_, err = sealed.Reseal(r, old, sealed.Context("treatment", "rec-2", "name"))
	wantErr(t, err, sealed.ErrWrongContext, borderlink.EInternal)
	bad := bytes.Clone(moved)
	bad[len(bad)-1] ^= 1
	_, err = sealed.Reseal(r, bad, ad)
	wantErr(t, err, sealed.ErrTampered, borderlink.EInternal)
}
