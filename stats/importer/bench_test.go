package importer

import (
	"strconv"
	"testing"
)

const benchRows = 10_000

// benchTable generates a year of figures as a provincial office reports
// them: provinces by code and by name, several agencies and drugs, a
// reference on each row.
func benchTable() [][]string {
	places := []string{"VN-40", "Nghệ An", "Hà Tĩnh", "VN-11", "Điện Biên", "LA-PH", "ຫົວພັນ", "LA-13"}
	agencies := []string{"Công an", "Biên phòng", "Hải quan", ""}
	drugs := []struct{ name, qty, unit string }{
		{"Heroin", "1,25", "kg"}, {"Ma túy tổng hợp dạng viên", "12.000", "viên"}, {"Ma túy đá", "350,5", "g"},
		{"Thuốc phiện", "2", "kg"}, {"", "", ""},
	}
	rows := [][]string{{"Ngày", "Tỉnh", "Lực lượng", "Loại ma túy", "Số vụ", "Số đối tượng", "Khối lượng", "Đơn vị tính", "Số hiệu"}}
	for i := range benchRows {
		d := drugs[i%len(drugs)]
		day := strconv.Itoa(1+i%28) + "/" + strconv.Itoa(1+i%12) + "/2024"
		rows = append(rows, []string{day, places[i%len(places)], agencies[i%len(agencies)], d.name,
			strconv.Itoa(1 + i%3), strconv.Itoa(i % 5), d.qty, d.unit, "BC-" + strconv.Itoa(i)})
	}
	return rows
}

func benchParse(b *testing.B, name string, data []byte) {
	o := options()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Parse(name, data, o)
		if err != nil {
			b.Fatal(err)
		}
		if res.Bad != 0 || len(res.Rows) != benchRows {
			b.Fatalf("%d rows, %d bad: %v", len(res.Rows), res.Bad, problems(res)[:1])
		}
	}
	b.ReportMetric(float64(b.N*benchRows)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkParseCSV(b *testing.B) {
	benchParse(b, "bench.csv", csvOf(";", benchTable()...))
}

func BenchmarkParseXLSX(b *testing.B) {
	var rows [][]any
	for _, r := range benchTable() {
		rows = append(rows, anyRow(r))
	}
	benchParse(b, "bench.xlsx", xlsxOf(b, "Sheet1", rows...))
}

// BenchmarkParseOneRow measures what every import pays whatever its size.
func BenchmarkParseOneRow(b *testing.B) {
	data := csvOf(",", englishHeader, goodRows[0])
	o := options()
	for b.Loop() {
		if _, err := Parse("one.csv", data, o); err != nil {
			b.Fatal(err)
		}
	}
}
