package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes d as a workbook: a first sheet with the title, period,
// paragraph and notes, then one sheet per table, its header in bold,
// figures stored as numbers (so that the spreadsheet can sum them) and
// shown with the decimals of the report.
func WriteXLSX(w io.Writer, d Doc) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("report: xlsx style: %w", err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("report: xlsx style: %w", err)
	}
	numStyle := map[int]int{}
	for _, dec := range []int{0, 1, 2} {
		code := "#,##0"
		if dec > 0 {
			code += "." + strings.Repeat("0", dec)
		}
		s, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			return fmt.Errorf("report: xlsx style: %w", err)
		}
		numStyle[dec] = s
	}

	first := sheetName(d.Title, nil)
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	lines := append([]string{d.Title, d.Period, "", d.Summary, d.Comparison}, d.Notes...)
	lines = append(lines, "", d.Footer)
	for i, s := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetCellStr(first, cell, s); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
		f.SetCellStyle(first, cell, cell, wrap)
	}
	f.SetCellStyle(first, "A1", "A1", bold)
	f.SetColWidth(first, "A", "A", 110)

	used := map[string]bool{first: true}
	for _, t := range d.Tables {
		name := sheetName(t.Title, used)
		used[name] = true
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("report: xlsx sheet %s: %w", name, err)
		}
		for c, h := range t.Head {
			cell, _ := excelize.CoordinatesToCellName(c+1, 1)
			f.SetCellStr(name, cell, h)
			f.SetCellStyle(name, cell, cell, bold)
		}
		for r, row := range t.Rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
				if v.IsNum {
					f.SetCellFloat(name, cell, v.Num, v.Decimals, 64)
					f.SetCellStyle(name, cell, cell, numStyle[min(v.Decimals, 2)])
				} else {
					f.SetCellStr(name, cell, v.Text)
				}
			}
		}
		last, _ := excelize.ColumnNumberToName(max(1, len(t.Head)))
		f.SetColWidth(name, "A", "A", 28)
		if last != "A" {
			f.SetColWidth(name, "B", last, 16)
		}
		f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("report: write xlsx: %w", err)
	}
	return nil
}

// sheetName makes a table title a valid, unused sheet name: at most 31
// characters, none of : \ / ? * [ ].
func sheetName(title string, used map[string]bool) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, title)
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
	}
	base := s
	for i := 2; used[s]; i++ {
		suffix := fmt.Sprintf(" %d", i)
		r := []rune(base)
		if len(r)+len(suffix) > 31 {
			r = r[:31-len(suffix)]
		}
		s = string(r) + suffix
	}
	return s
}
