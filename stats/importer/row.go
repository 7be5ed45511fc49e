package importer

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/refdata"
	"github.com/borderlink/borderlink/stats"
)

// rowCheck collects the problems of one row while its cells are read.
type rowCheck struct {
	p     *parser
	line  int
	cells []string
	probs []Problem
}

// cell returns the text of a field's cell, "" when the row is short or the
// file has no such column. Cells of numbers and dates come with their
// digits in ASCII.
func (r *rowCheck) cell(f Field) string {
	i, ok := r.p.mapping[f]
	if !ok || i >= len(r.cells) {
		return ""
	}
	switch f {
	case FieldDate, FieldCases, FieldArrests, FieldQuantity, FieldPieces, FieldWeightKG:
		return latinDigits(r.cells[i])
	}
	return r.cells[i]
}

// fail records a problem in a field's column ("" for the whole row).
func (r *rowCheck) fail(f Field, e *borderlink.Error) {
	r.probs = append(r.probs, problemOf(r.line, r.p.column(f), e))
}

// day reads the date. readable says whether a date could be read at all
// (it then helps to tell places of the same name apart); ok whether it is
// also within Earliest … Today.
func (r *rowCheck) day() (d borderlink.Date, readable, ok bool) {
	s := r.cell(FieldDate)
	if s == "" {
		r.fail(FieldDate, borderlink.Errorf(borderlink.EInvalid, "error.stats_date_missing", "the date is missing"))
		return d, false, false
	}
	serial, date1904 := r.p.src.serial()
	d, readable = parseDay(s, serial, date1904)
	switch {
	case !readable:
		r.fail(FieldDate, borderlink.Errorf(borderlink.EInvalid, "error.import_date_invalid",
			strconv.Quote(s)+" is not a date", "value", s))
		return d, false, false
	case d.After(r.p.o.Today):
		r.fail(FieldDate, borderlink.Errorf(borderlink.EInvalid, "error.stats_date_future",
			"the date "+d.String()+" is in the future", "date", d.String()))
		return d, true, false
	case d.Before(stats.Earliest):
		r.fail(FieldDate, borderlink.Errorf(borderlink.EInvalid, "error.stats_date_too_old",
			"the date "+d.String()+" is before 1990", "date", d.String()))
		return d, true, false
	}
	return d, true, true
}

func (r *rowCheck) place(day borderlink.Date, dayReadable bool) string {
	code, e := r.p.places.resolve(r.cell(FieldPlace), day, dayReadable)
	if e != nil {
		r.fail(FieldPlace, e)
	}
	return code
}

func (r *rowCheck) agency() stats.Agency {
	a, e := agency(r.cell(FieldAgency))
	if e != nil {
		r.fail(FieldAgency, e)
	}
	return a
}

// drug returns the row's drug type; has is false when the cell is empty
// or names no drug type.
func (r *rowCheck) drug() (t refdata.DrugType, has bool) {
	t, has, e := r.p.drugs.resolve(r.cell(FieldDrug))
	if e != nil {
		r.fail(FieldDrug, e)
	}
	return t, has
}

func (r *rowCheck) reference() string {
	s := r.cell(FieldReference)
	if utf8.RuneCountInString(s) > maxReference {
		r.fail(FieldReference, borderlink.Errorf(borderlink.EInvalid, "error.import_reference_long",
			"the reference is longer than "+strconv.Itoa(maxReference)+" characters", "max", maxReference))
	}
	return strings.ToLower(strings.TrimSpace(s))
}

// figures reads cases, arrests and what was seized. The quantity column
// (with its unit) and the pills and weight columns may all be filled: a
// tablet seizure is often given as a count of pills in one and a weight in
// the other, and both are kept. When two columns give the same measure (a
// weight in kg as the quantity and in the weight column) they must agree.
// A drug whose units have no count (crystal meth) cannot have pills, nor
// one measured in hectares a weight.
func (r *rowCheck) figures(drug refdata.DrugType, hasDrug bool) stats.Totals {
	var t stats.Totals
	present, seized := false, false
	for _, f := range []Field{FieldCases, FieldArrests} {
		s := r.cell(f)
		if noFigure(s) {
			continue
		}
		present = true
		n, e := parseCount(s)
		switch {
		case e != nil:
			r.fail(f, e)
		case n > maxCount:
			r.fail(f, errAbsurd())
		case f == FieldCases:
			t.Cases = n
		default:
			t.Arrests = n
		}
	}

	var qty stats.Measure
	if s := r.cell(FieldQuantity); !noFigure(s) {
		present = true
		if !isZero(s) {
			seized = true
			qty = r.quantity(s, drug, hasDrug)
		}
	}
	switch qty.Dim {
	case stats.Mass:
		t.Milligrams = qty.Value
	case stats.Pieces:
		t.Pieces = qty.Value
	case stats.Volume:
		t.Millilitre = qty.Value
	case stats.Area:
		t.SquareM = qty.Value
	}

	if s := r.cell(FieldPieces); !noFigure(s) {
		present = true
		seized = seized || !isZero(s)
		n, e := parseCount(s)
		switch {
		case e != nil:
			r.fail(FieldPieces, e)
		case n == 0:
		case n > stats.MaxPieces:
			r.fail(FieldPieces, errAbsurd())
		case hasDrug && !fits(drug, stats.Pieces):
			r.fail(FieldPieces, r.notForDrug(FieldPieces, drug))
		case qty.Dim == stats.Pieces && qty.Value != n:
			r.fail(FieldPieces, r.conflict(FieldQuantity, FieldPieces))
		default:
			t.Pieces = n
		}
	}

	if s := r.cell(FieldWeightKG); !noFigure(s) {
		present = true
		if !isZero(s) {
			seized = true
			m, err := stats.Convert(stats.Amount{Value: s, Unit: "kg"})
			switch {
			case err != nil:
				r.fail(FieldWeightKG, asProblem(err))
			case hasDrug && !fits(drug, stats.Mass):
				r.fail(FieldWeightKG, r.notForDrug(FieldWeightKG, drug))
			case qty.Dim == stats.Mass && qty.Value != m.Value:
				r.fail(FieldWeightKG, r.conflict(FieldQuantity, FieldWeightKG))
			default:
				t.Milligrams = m.Value
			}
		}
	}

	if !present {
		r.fail("", borderlink.Errorf(borderlink.EInvalid, "error.import_no_figures",
			"the row has no figures (cases, arrests or quantities)"))
	}
	if seized && r.cell(FieldDrug) == "" {
		r.fail(FieldDrug, borderlink.Errorf(borderlink.EInvalid, "error.import_drug_missing",
			"a quantity seized needs its drug type"))
	}
	return t
}

// quantity converts the quantity cell s with the unit cell. A count may
// be written with digit grouping ("7.759.847" pills); decimal units keep
// Convert's strict reading, where a grouping dot would be a decimal point.
// A zero Measure means the quantity is bad (and a problem was recorded).
func (r *rowCheck) quantity(s string, drug refdata.DrugType, hasDrug bool) stats.Measure {
	unit := ""
	if u := r.cell(FieldUnit); u != "" {
		unit = r.p.measures.code(u)
	}
	value := s
	if dim, ok := stats.UnitDimension(unit); ok && dim == stats.Pieces {
		if n, e := parseCount(s); e == nil {
			value = strconv.FormatInt(n, 10)
		}
	}
	m, err := stats.Convert(stats.Amount{Value: value, Unit: unit})
	if err != nil {
		e := asProblem(err)
		if e.Key == "error.stats_unit_unknown" {
			r.fail(FieldUnit, e)
		} else {
			r.fail(FieldQuantity, e)
		}
		return stats.Measure{}
	}
	if hasDrug && !slices.Contains(drug.Units(), unit) {
		r.fail(FieldUnit, borderlink.Errorf(borderlink.EInvalid, "error.import_unit_not_for_drug",
			drug.Names.EN+" is not reported in "+unit+"; use "+unitList(drug),
			"unit", unit, "drug", drug.Name(), "units", unitList(drug)))
		return stats.Measure{}
	}
	return m
}

func (r *rowCheck) notForDrug(f Field, drug refdata.DrugType) *borderlink.Error {
	return borderlink.Errorf(borderlink.EInvalid, "error.import_figure_not_for_drug",
		"the column "+strconv.Quote(r.p.column(f))+" does not apply to "+drug.Names.EN,
		"column", r.p.column(f), "drug", drug.Name(), "units", unitList(drug))
}

func (r *rowCheck) conflict(first, second Field) *borderlink.Error {
	a, b := r.p.column(first), r.p.column(second)
	return borderlink.Errorf(borderlink.EInvalid, "error.import_figure_conflict",
		strconv.Quote(a)+" and "+strconv.Quote(b)+" give different figures for the same seizure",
		"first", a, "second", b)
}

func errAbsurd() *borderlink.Error {
	return borderlink.Errorf(borderlink.EInvalid, "error.stats_figure_absurd", "a figure is beyond any real one")
}

// asProblem returns the user error a check gave, or a generic invalid
// input error for anything else (stats.Convert gives only the former).
func asProblem(err error) *borderlink.Error {
	if e := userError(err); e != nil {
		return e
	}
	return borderlink.Errorf(borderlink.EInvalid, "error.invalid", err.Error())
}
