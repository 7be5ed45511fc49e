package units_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/units"
)

const header = "code,country,level,parent,name_vi,name_lo,name_en,valid_from,valid_to,successors\n"

// goodCSV adds a district and its commune before the reform, the commune
// that succeeds it (on a later row), and a village under an alias-named
// parent; the last row repeats VN-11 as it is.
const goodCSV = header +
	"VN-11-D06,VN,district,VN-11,Công an huyện Tuần Giáo,,Tuan Giao District Police,,2025-02-28,\n" +
	"vn-11-d06-c01,vn,Commune,VN-11-D06,Công an xã Quài Tở,,Quai To Commune Police,,2025-06-30,VN-11-C101\n" +
	"VN-11-C101,VN,commune,VN-11,\"Công an xã Quài Tở\",,,2025-07-01,,\n" +
	"LA-0201-V01,LA,village,la-0201,Tổ An ninh bản Na Lai,ໜ່ວຍ ປກສ ບ້ານນາລາຍ,Ban Nalai Village Security Unit,,,\n" +
	"VN-11,VN,province,VN-MPS,Công an tỉnh Điện Biên,ກອງບັນຊາການ ປກສ ແຂວງ ດ້ຽນບຽນ,Dien Bien Provincial Police,,,\n"

func mustImport(t *testing.T, e *env, csv string, want units.ImportReport) {
	t.Helper()
	rep, err := e.svc.ImportCSV(context.Background(), "admin", strings.NewReader(csv))
	if err != nil {
		t.Fatalf("import: %v; problems %+v", err, rep.Problems)
	}
	if rep.Rows != want.Rows || rep.Created != want.Created || rep.Updated != want.Updated || rep.Unchanged != want.Unchanged || rep.Rejected() {
		t.Fatalf("import report %+v, want %+v", rep, want)
	}
}

func TestImportCSV(t *testing.T) {
	e := mustSeeded(t)
	n := len(e.auditEntries(t))
	mustImport(t, e, goodCSV, units.ImportReport{Rows: 5, Created: 4, Unchanged: 1})
	tr := e.svc.Tree()
	c, err := tr.Get("VN-11-D06-C01")
	if err != nil {
		t.Fatal(err)
	}
	if c.Source != units.SourceImport || c.Parent != "VN-11-D06" || c.Successors[0] != "VN-11-C101" || c.Name.VI != "Công an xã Quài Tở" {
		t.Errorf("imported unit: %+v", c)
	}
	if v, _ := tr.Get("LA-0201-V01"); v.Parent != "LA-0201" {
		t.Errorf("parent given in lower case: %q", v.Parent)
	}
	if u, _ := tr.Get("VN-11"); u.Source != units.SourceReference {
		t.Errorf("an unchanged row changed the source of VN-11 to %q", u.Source)
	}
	es := e.auditEntries(t)
	if len(es) != n+1 || es[n].Action != "unit.import" || es[n].Actor != "admin" || es[n].Outcome != "ok" {
		t.Errorf("audit entry: %+v", es[n:])
	}

	// The same file again changes nothing, and says so.
	mustImport(t, e, goodCSV, units.ImportReport{Rows: 5, Unchanged: 5})
	// With a byte-order mark and CRLF line ends it is still the same file.
	mustImport(t, e, "\uFEFF"+strings.ReplaceAll(goodCSV, "\n", "\r\n"), units.ImportReport{Rows: 5, Unchanged: 5})
	if got := len(e.auditEntries(t)); got != n+3 {
		t.Errorf("%d import entries audited, want 3", got-n)
	}

	// A changed name updates the unit; the seed then leaves it alone.
	mustImport(t, e, header+"VN-11,VN,province,VN-MPS,Công an tỉnh Điện Biên (mới),,,,,\n", units.ImportReport{Rows: 1, Updated: 1})
	if err := e.svc.Seed(context.Background(), units.SeedOptions{}); err != nil {
		t.Fatal(err)
	}
	u, _ := e.svc.Tree().Get("VN-11")
	if u.Name.VI != "Công an tỉnh Điện Biên (mới)" || u.Name.EN != "" || u.PlaceName.VI != "Điện Biên" || u.Source != units.SourceImport {
		t.Errorf("after import and seed: %+v", u)
	}
}

func TestImportNormalisesNames(t *testing.T) {
	e := mustSeeded(t)
	// "Quài Tở" written with combining marks (NFD).
	nfd := "Qua\u0300i T\u01a1\u0309"
	mustImport(t, e, header+"VN-11-C102,VN,commune,VN-11,  "+nfd+"  ,,,2025-07-01,,\n", units.ImportReport{Rows: 1, Created: 1})
	if u, _ := e.svc.Tree().Get("VN-11-C102"); u.Name.VI != "Quài Tở" {
		t.Errorf("name stored as %q, want NFC %q", u.Name.VI, "Quài Tở")
	}
}

func TestImportRejected(t *testing.T) {
	e := mustSeeded(t)
	before := e.svc.Tree()
	n := len(e.auditEntries(t))
	rows := []struct {
		row, key string
	}{
		{"vn_11,VN,province,VN-MPS,X,,,,,", "error.unit_code"},                                                  // 2
		{"TH-01,TH,province,,X,,,,,", "error.unknown_country"},                                                  // 3
		{"VN-11-H01,VN,hamlet,VN-11,X,,,,,", "error.unknown_level"},                                             // 4
		{"VN-11-D07,VN,district,VN-11,X,,,,,", "error.level_not_in_force"},                                      // 5: district police ended 2025-02-28
		{"VN-99-C001,VN,commune,VN-99,X,,,2025-07-01,,", "error.unknown_unit"},                                  // 6
		{"VN-11-C103,VN,commune,VN-11,X,,,,2025-06-30,", "error.unit_parent_level"},                             // 7: a district was above communes then
		{"VN-11-C104,VN,commune,VN-11,X,,,2025-08-01,2025-07-31,", "error.unit_dates"},                          // 8
		{"VN-11-C105,VN,commune,VN-11,X,,,2025-13-01,,", "error.bad_date"},                                      // 9
		{"VN-11-C106,VN,commune,VN-11,,,,2025-07-01,,", "error.unit_name_missing"},                              // 10
		{"VN-11-C107,VN,commune,VN-11,X,,,2025-07-01,,", ""},                                                    // 11: good
		{"VN-11-C107,VN,commune,VN-11,Y,,,2025-07-01,,", "error.unit_duplicate"},                                // 12
		{"VN-11-C108,VN,commune,VN-11,X", "error.csv_fields"},                                                   // 13
		{"VN-11-C109,VN,commune,VN-11,X,,,2025-07-01,,VN-11-C999", "error.unknown_unit"},                        // 14
		{"LA-0201-V09,VN,commune,VN-11,X,,,2025-07-01,,", "error.unit_code_country"},                            // 15
		{"VN-11-D01,VN,commune,VN-11,X,,,2025-07-01,,", "error.unit_level_change"},                              // 16
		{"LA-PH,LA,province,LA-MPS,X,,,,,", "error.unit_code_alias"},                                            // 17
		{"LA-0201-V10,LA,village,LA-0201-V11,X,,,,,", "error.unknown_unit"},                                     // 18: parent comes later
		{"LA-0201-V11,LA,village,LA-0201,X,,,,,", ""},                                                           // 19
		{"VN-MPS,VN,ministry,VN-11,Bộ Công an,,,,,", "error.unit_parent_root"},                                  // 20
		{"VN-11-C110,VN,commune,,X,,,2025-07-01,,", "error.unit_parent_missing"},                                // 21
		{"VN-11-C111,VN,commune,LA-0201,X,,,2025-07-01,,", "error.unit_parent_country"},                         // 22
		{"VN-11-C112,VN,commune,VN-11,X,,,2025-07-01,,VN-11-C112", "error.unit_successor_self"},                 // 23
		{"VN-11-C113,VN,commune,VN-11,X,,,2025-07-01,,LA-0201", "error.unit_successor_country"},                 // 24
		{"VN-11-C115,VN,commune,VN-11," + strings.Repeat("x", 201) + ",,,2025-07-01,,", "error.unit_name_long"}, // 25
		{"VN-11-C116,VN,commune,VN-11,X\"Y,,,2025-07-01,,", "error.csv_syntax"},                                 // 26: a bare quote
		{"VN-11-C117,VN,commune,VN-11,,,,2025-07-01,,", "error.unit_name_missing"},                              // 27: reading went on
		{"VN-11-C114,VN,commune,VN-11,\"X,,,2025-07-01,,", "error.csv_syntax"},                                  // 28: a quote never closed
	}
	var b strings.Builder
	b.WriteString(header)
	for _, r := range rows {
		b.WriteString(r.row + "\n")
	}
	rep, err := e.svc.ImportCSV(context.Background(), "admin", strings.NewReader(b.String()))
	if !borderlink.IsCode(err, borderlink.EInvalid) || borderlink.AsError(err).Key != "error.import_rejected" || !rep.Rejected() {
		t.Fatalf("import of bad rows: %v", err)
	}
	got := map[int][]string{}
	for _, p := range rep.Problems {
		got[p.Line] = append(got[p.Line], p.Key)
		if p.Message == "" || p.Code == "" {
			t.Errorf("problem without code or message: %+v", p)
		}
	}
	for i, r := range rows {
		line := i + 2
		if r.key == "" {
			if len(got[line]) > 0 {
				t.Errorf("line %d (%s) is good but reported: %v", line, r.row, got[line])
			}
			continue
		}
		if !contains(got[line], r.key) {
			t.Errorf("line %d (%s): problems %v, want %s", line, r.row, got[line], r.key)
		}
	}
	if e.svc.Tree() != before || e.svc.Tree().Exists("VN-11-C107") {
		t.Error("a rejected import changed the directory")
	}
	if err := e.svc.Load(context.Background()); err != nil || e.svc.Tree().Exists("VN-11-C107") || e.svc.Tree().Exists("LA-0201-V11") {
		t.Errorf("a rejected import wrote units (%v)", err)
	}
	es := e.auditEntries(t)
	if len(es) != n+1 || es[n].Outcome != "failed" || es[n].Action != "unit.import" {
		t.Errorf("a rejected import is audited as failed: %+v", es[n:])
	}
}

func TestImportFileProblems(t *testing.T) {
	e := mustSeeded(t)
	ctx := context.Background()
	for _, c := range []struct {
		name, csv string
		key       string
	}{
		{"empty", "", "error.csv_header"},
		{"missing column", "code,country,level,parent,name_vi,name_lo,name_en,valid_from\n", "error.csv_column_missing"},
		{"unknown column", strings.TrimSuffix(header, "\n") + ",colour\n", "error.csv_column_unknown"},
		{"column twice", "code,code,country,level,parent,name_vi,name_lo,name_en,valid_from,valid_to\n", "error.csv_column_twice"},
	} {
		rep, err := e.svc.ImportCSV(ctx, "admin", strings.NewReader(c.csv))
		if !borderlink.IsCode(err, borderlink.EInvalid) || len(rep.Problems) == 0 || rep.Problems[0].Key != c.key || rep.Problems[0].Line != 1 {
			t.Errorf("%s: %v, %+v; want %s on line 1", c.name, err, rep.Problems, c.key)
		}
	}
	// Without the optional successors column, in another order; stored
	// successors are kept.
	mustImport(t, e, "name_vi,code,country,level,parent,name_lo,name_en,valid_from,valid_to\nX,VN-11-C120,VN,commune,VN-11,,,2025-07-01,\n"+
		"Công an tỉnh Quảng Bình,VN-44-2004,VN,province,VN-MPS,ກອງບັນຊາການ ປກສ ແຂວງ ກວາງບິ່ງ,Quang Binh Provincial Police,,2025-06-30\n",
		units.ImportReport{Rows: 2, Created: 1, Unchanged: 1})
	if u, _ := e.svc.Tree().Get("VN-44-2004"); len(u.Successors) != 1 {
		t.Errorf("successors of VN-44-2004 after an import without the column: %v", u.Successors)
	}

	big := header + strings.Repeat("#", units.MaxImportBytes)
	if _, err := e.svc.ImportCSV(ctx, "admin", strings.NewReader(big)); !borderlink.IsCode(err, borderlink.ETooLarge) {
		t.Errorf("an oversized file: %v, want ETooLarge", err)
	}
	if _, err := e.svc.ImportCSV(ctx, "", strings.NewReader(goodCSV)); !borderlink.IsCode(err, borderlink.EInvalid) {
		t.Errorf("an import without actor: %v", err)
	}
}

// TestImportDocExample imports the example file of docs/units.md.
func TestImportDocExample(t *testing.T) {
	b, err := os.ReadFile("../docs/units.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```\ncode,")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/units.md has no example import file")
	}
	mustImport(t, mustSeeded(t), "code,"+example, units.ImportReport{Rows: 4, Created: 4})
}

// TestImportRefusesControlCharacters: a NUL, another control character or
// invalid UTF-8 in a cell is reported for its row and nothing is stored.
func TestImportRefusesControlCharacters(t *testing.T) {
	for _, cell := range []string{"Bad\x00name", "Bad\x07name", "Bad\xffname"} {
		e := mustSeeded(t)
		s := e.svc
		csv := header + "VN-11-D07,VN,district,VN-11,Huyện " + cell + ",,,,2025-02-28,\n"
		rep, err := s.ImportCSV(context.Background(), "test", strings.NewReader(csv))
		if err == nil || len(rep.Problems) != 1 || rep.Problems[0].Key != "error.bad_text" || rep.Problems[0].Line != 2 {
			t.Errorf("cell %q: err %v, problems %+v", cell, err, rep.Problems)
		}
		if s.Tree().Exists("VN-11-D07") {
			t.Errorf("cell %q: the row was stored", cell)
		}
	}
}
