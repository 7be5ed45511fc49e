package checkpoint_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/borderlink/borderlink/checkpoint"
)

// TestWriteListReadsBack: what WriteList writes, ParseList reads as it was,
// names with commas, quotes and Lao script included.
func TestWriteListReadsBack(t *testing.T) {
	in := []checkpoint.ListEntry{
		{ListID: "x", ID: "1", Name: `Lê Văn "Ba", alias Tư`, AltNames: []string{"Le Van Ba", "ເລ ວັນ ບາ"}, DOB: "1970", Nationality: "VN"},
		{ListID: "x", ID: "2", Name: "ສຸກສະຫວັນ ພົມມະຈັນ", Document: "P0112233", Nationality: "LA"},
	}
	var b bytes.Buffer
	if err := checkpoint.WriteList(&b, in); err != nil {
		t.Fatal(err)
	}
	got, err := checkpoint.ParseList("x", b.Bytes())
	if err != nil || got.Rejected != 0 || len(got.Entries) != 2 {
		t.Fatalf("%+v, %v", got, err)
	}
	if got.Entries[0].Name != in[0].Name || got.Entries[0].AltNames[1] != "ເລ ວັນ ບາ" || got.Entries[1].Document != "P0112233" {
		t.Errorf("read back %+v", got.Entries)
	}
}

// TestParseListLines: problems name the line of the file, also after a
// row with a broken quote and rows spanning lines.
func TestParseListLines(t *testing.T) {
	data := "id,name\n1,\"Kham\nPhou\"\n2,\"broken\n3,Bounmy\n4,\n"
	p, err := checkpoint.ParseList("x", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, pr := range p.Problems {
		lines = append(lines, pr.Line)
	}
	if len(p.Entries) < 1 || p.Entries[len(p.Entries)-1].ID != "3" {
		t.Errorf("the row after a broken quote was lost: %+v (problems at lines %v)", p.Entries, lines)
	}
	if len(lines) != 2 || lines[0] != 4 || lines[1] != 6 {
		t.Errorf("problems at lines %v, want 4 (broken quote) and 6 (no name)", lines)
	}
}

// FuzzParseList: whatever the file, ParseList returns, never panics, and
// every entry it keeps can be screened.
func FuzzParseList(f *testing.F) {
	f.Add([]byte("id,name,alt_names,dob,document,nationality\nR-1,Nguyễn Văn Long,Long;ລອງ,1984-03,B123,VN\n"))
	f.Add([]byte("id,name\n\"1,\"x\n2,ຄຳ\n"))
	f.Add([]byte("\xFF\xFEi\x00d\x00,\x00n\x00a\x00m\x00e\x00\n\x001\x00,\x00K\x00\n\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := checkpoint.ParseList("fuzz", data)
		if err != nil {
			return
		}
		for _, e := range p.Entries {
			if e.ID == "" || strings.TrimSpace(e.Name) == "" {
				t.Fatalf("kept an entry without id or name: %+v", e)
			}
			for _, n := range e.Names() {
				if err := (checkpoint.Query{Name: n}).Validate(); err != nil {
					t.Fatalf("kept a name that cannot be screened: %q: %v", n, err)
				}
			}
		}
	})
}
