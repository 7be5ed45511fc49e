package screening

import "slices"

// Reason codes returned in Candidate.Reasons. They are stable: the web layer
// maps them to catalogue texts.
const (
	ReasonNameExact       = "name_exact"       // the same words, written the same way once folded
	ReasonNamePhonetic    = "name_phonetic"    // the same words by sound: another script or romanisation
	ReasonNameTypo        = "name_typo"        // words one or two edits apart
	ReasonNamePartial     = "name_partial"     // a word missing on one side (often the middle name)
	ReasonTokensReordered = "tokens_reordered" // the words in another order
	ReasonTokensJoined    = "tokens_joined"    // one side wrote two words as one ("Kham Phou")
	ReasonDOBExact        = "dob_exact"
	ReasonDOBMonth        = "dob_month" // year and month agree, one side knows no day
	ReasonDOBYear         = "dob_year"  // the year agrees, one side knows no more
	ReasonDOBConflict     = "dob_conflict"
	ReasonDocumentExact   = "document_exact"
	ReasonNationality     = "nationality_differs"
)

// results turns the top list into candidates with reasons. Reasons are
// worked out only here, for the few candidates returned, because comparing
// surfaces needs the stored names folded again.
func (s *search) results(limit int) []Candidate {
	ix := s.ix
	out := make([]Candidate, 0, min(limit, len(s.top)))
	for _, h := range s.top {
		if len(out) == limit {
			break
		}
		e := &ix.slots[h.slot]
		var rs []string
		if len(s.words) > 0 {
			name, flags := s.scoreRecord(ix.recWords(h.rec))
			if name > 0 {
				switch {
				case flags&fTypo != 0:
					rs = append(rs, ReasonNameTypo)
				case s.sameSurface(e.names[ix.recs[h.rec+2]>>8]):
					rs = append(rs, ReasonNameExact)
				default:
					rs = append(rs, ReasonNamePhonetic)
				}
				if flags&fPartial != 0 {
					rs = append(rs, ReasonNamePartial)
				}
				if flags&fReordered != 0 {
					rs = append(rs, ReasonTokensReordered)
				}
				if flags&fJoined != 0 {
					rs = append(rs, ReasonTokensJoined)
				}
			}
		}
		switch compareDOB(s.dob, unpackDOB(e.dob)) {
		case dobExact:
			rs = append(rs, ReasonDOBExact)
		case dobMonth:
			rs = append(rs, ReasonDOBMonth)
		case dobYear:
			rs = append(rs, ReasonDOBYear)
		case dobConflict:
			rs = append(rs, ReasonDOBConflict)
		}
		if h.doc {
			rs = append(rs, ReasonDocumentExact)
		}
		if s.nat[0] != 0 && e.nat[0] != 0 && s.nat != e.nat {
			rs = append(rs, ReasonNationality)
		}
		out = append(out, Candidate{ID: e.id, Score: round3(h.score), Names: slices.Clone(e.names), Reasons: rs})
	}
	return out
}

// sameSurface reports whether the query words, folded, are those of name
// in any order.
func (s *search) sameSurface(name string) bool {
	toks := tokenize(name)
	if len(toks) != len(s.words) {
		return false
	}
	a := make([]string, len(toks))
	b := make([]string, len(toks))
	for i := range toks {
		a[i], b[i] = toks[i].fold, s.words[i].fold
	}
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
