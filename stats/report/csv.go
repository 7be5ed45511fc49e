package report

import (
	"encoding/csv"
	"io"
	"strconv"
)

// WriteCSV writes every table of d into one CSV file: a first column
// names the table, then the table's own columns, with the header row of
// each table before its rows. Figures are plain numbers with a decimal
// point, whatever the language, so that any spreadsheet reads them back;
// the texts are in d's language. A UTF-8 byte-order mark comes first, which
// spreadsheet programs need to read Vietnamese and Lao correctly.
func WriteCSV(w io.Writer, d Doc) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	for _, t := range d.Tables {
		if err := cw.Write(append([]string{t.Title}, t.Head...)); err != nil {
			return err
		}
		for _, r := range t.Rows {
			rec := []string{t.Title}
			for _, c := range r {
				if c.IsNum {
					rec = append(rec, strconv.FormatFloat(c.Num, 'f', c.Decimals, 64))
				} else {
					rec = append(rec, c.Text)
				}
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
