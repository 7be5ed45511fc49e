package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"maps"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/vnlegacy"
	"github.com/borderlink/borderlink/stats"
)

// parser holds what reading one file needs: the options, the indexes of
// places, drugs and units built for it, and the keys of the rows seen.
type parser struct {
	o        Options
	src      source
	maxRows  int
	header   []string
	mapping  Mapping
	places   *places
	drugs    *drugs
	measures measures
	seen     map[string]int // fact ID → line of the row that gave it
}

func newParser(o Options, src source) *parser {
	p := &parser{
		o: o, src: src, maxRows: o.MaxRows,
		places: newPlaces(o.Tree), drugs: newDrugs(o.Drugs), measures: newMeasures(o.Drugs),
		seen: map[string]int{},
	}
	if p.maxRows == 0 {
		p.maxRows = DefaultMaxRows
	}
	return p
}

func (p *parser) encoding() vnlegacy.Encoding { return p.src.encoding() }

// findHeader reads up to the header row: with Options.Mapping, the first
// non-blank row; otherwise the first of the top rows in which
// DetectMapping finds a date, a place and a figure column, so that titles
// above the table are passed over. When there is none, the problem of the
// first non-blank row refuses the file.
func (p *parser) findHeader() error {
	var refusal *Problem
	for n := 0; n < headerSearchRows; {
		cells, line, err := p.src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if blank(cells) {
			continue
		}
		n++
		if p.o.Mapping != nil {
			p.header, p.mapping = cells, maps.Clone(p.o.Mapping)
			return p.mapping.validate()
		}
		m, probs := DetectMapping(cells)
		if missing := m.missing(); len(missing) > 0 {
			if refusal == nil {
				refusal = &missing[0]
			}
			continue
		}
		p.header, p.mapping = cells, m
		if len(probs) > 0 { // a field named by two columns
			probs[0].Line = line
			return probs[0].err()
		}
		return nil
	}
	if refusal == nil {
		return borderlink.Errorf(borderlink.EInvalid, "error.import_no_header", "the file has no header row")
	}
	return refusal.err()
}

// column returns the header text of a field's column, or the column's
// letter when its header cell is empty; "" for a field not mapped (or the
// row as a whole).
func (p *parser) column(f Field) string {
	i, ok := p.mapping[f]
	if !ok {
		return ""
	}
	if i < len(p.header) && p.header[i] != "" {
		return p.header[i]
	}
	return columnLetters(i)
}

// maxCount bounds cases and arrests in one row, as stats.Service.Prepare
// does.
const maxCount = 100_000

// maxReference bounds the length of a reference, in characters.
const maxReference = 100

// row checks one data row and builds its fact. Every cell is checked, so a
// bad row reports all that is wrong with it at once. The error is a fault
// of Locate, not a problem of the row.
func (p *parser) row(line int, cells []string) (Row, error) {
	r := &rowCheck{p: p, line: line, cells: cells}
	f := stats.Fact{Origin: p.o.Origin, Source: stats.SourceImport, Batch: p.o.Batch}
	day, readable, dayOK := r.day()
	f.Day = day
	place := r.place(day, readable)
	f.Place = place
	f.Agency = r.agency()
	drug, hasDrug := r.drug()
	f.Drug = drug.Code
	keyOK := len(r.probs) == 0 // the fields of the key are all good
	f.Totals = r.figures(drug, hasDrug)
	ref := r.reference()
	if keyOK {
		f.ID = factID(f.Origin, f.Day, f.Place, f.Agency, f.Drug, ref)
		if first, dup := p.seen[f.ID]; dup {
			r.fail("", borderlink.Errorf(borderlink.EInvalid, "error.import_duplicate_row",
				"the row repeats line "+lineArg(first)+" (same date, place, agency, drug and reference)", "line", lineArg(first)))
		} else {
			p.seen[f.ID] = line
		}
	}
	if dayOK && place != "" {
		loc, err := p.o.Locate(place, day)
		switch e := userError(err); {
		case err == nil:
			f.Country, f.Province, f.OldProvince = loc.Country, loc.Province, loc.OldProvince
		case e != nil:
			r.fail(FieldPlace, e)
		default:
			return Row{}, err
		}
	}
	return Row{Line: line, Fact: f, Problems: r.probs}, nil
}

// factID is the ID of the fact a row gives: "imp:" and 24 hex digits of
// the SHA-256 of what tells the row's figure from every other figure of
// its origin — day, place, agency, drug and the row's reference — but not
// its line or its figures. Importing a corrected file again replaces the
// facts the first import wrote.
func factID(origin borderlink.NodeID, day borderlink.Date, place string, a stats.Agency, drug, ref string) string {
	h := sha256.New()
	for i, part := range []string{string(origin), day.String(), place, string(a), drug, ref} {
		if i > 0 {
			h.Write([]byte{0x1f})
		}
		io.WriteString(h, part)
	}
	return "imp:" + hex.EncodeToString(h.Sum(nil))[:24]
}
