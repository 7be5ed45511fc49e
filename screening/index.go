package screening

import (
	"hash/fnv"
	"sync"

	"github.com/borderlink/borderlink"
)

// Entry is one person on a wanted list. Names holds every written form
// known (Lao script, romanisations, aliases); DOB is YYYY, YYYY-MM or
// YYYY-MM-DD or empty.
type Entry struct {
	ID          string
	Names       []string
	DOB         string
	Documents   []string
	Nationality string
	Source      string
}

// Candidate is one answer to a Search, best first. Score is in 0..1;
// Reasons say in stable codes why the candidate was proposed.
type Candidate struct {
	ID      string
	Score   float64
	Names   []string
	Reasons []string
}

// Index is an in-memory screening index. Readers (Search, Len) run in
// parallel; writers (Put, Delete) take the lock exclusively. Writes are rare
// (a wanted list changes a few times a day) and queries are many, so a
// read-write mutex is the simplest correct choice.
//
// Layout, chosen for a million entries: every name of an entry is a
// record, a run of term ids in one flat slice; a term is a distinct
// phonetic key with a postings list of record ids. Typo tolerance works on
// the vocabulary, not on the records: each term's deletion neighbourhood
// (up to two deletions) maps back to the term, so a query finds the terms
// within its edit distance by lookups. The vocabulary of names is small
// next to the number of people, which keeps this cheap.
//
// Deleted and replaced entries are tombstoned and skipped; when tombstones
// outnumber the living the index compacts itself.
type Index struct {
	mu sync.RWMutex

	termOf map[string]uint32   // key → term id
	terms  []string            // term id → key
	post   [][]uint32          // term id → record ids, ascending
	byYear map[uint64][]uint32 // yearKey(term, birth year or 0) → record ids, ascending
	dels   map[string][]uint32 // deletion variant → term ids

	recEntry []uint32 // record → entry slot
	recOff   []uint32 // record r has tokens recTok[recOff[r]:recOff[r+1]]
	recTok   []uint32

	slots   []slot
	byID    map[string]uint32
	docs    map[uint64]uint32   // document hash → first entry slot
	docsDup map[uint64][]uint32 // further slots sharing a document
	sources []string
	srcOf   map[string]uint16

	live, deadRecs int
}

// slot is an entry as the index keeps it: what a Candidate shows and what
// scoring needs, nothing more.
type slot struct {
	id       string
	names    []string
	firstRec uint32
	dob      uint32 // DOB.pack
	nRec     uint8
	nat      [2]byte
	src      uint16
	alive    bool
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{
		termOf:  map[string]uint32{},
		byYear:  map[uint64][]uint32{},
		dels:    map[string][]uint32{},
		byID:    map[string]uint32{},
		docs:    map[uint64]uint32{},
		docsDup: map[uint64][]uint32{},
		srcOf:   map[string]uint16{},
		recOff:  []uint32{0},
	}
}

// maxRecTokens bounds the words of one stored name; the rest are ignored.
const maxRecTokens = 12

// Put adds e, replacing any entry with the same ID. It refuses an entry
// without ID or with an impossible date of birth.
func (ix *Index) Put(e Entry) error {
	if e.ID == "" {
		return borderlink.Errorf(borderlink.EInvalid, "error.screen_id_empty", "entry has no ID")
	}
	dob, err := ParseDOB(e.DOB)
	if err != nil {
		return err
	}
	// Key the names outside the lock: it is the costly part.
	recs := make([][]string, 0, len(e.Names))
	names := make([]string, 0, len(e.Names)) // the names that have words, one per record
	for _, n := range e.Names {
		toks := tokenize(n)
		if len(toks) == 0 {
			continue
		}
		if len(toks) > maxRecTokens {
			toks = toks[:maxRecTokens]
		}
		keys := make([]string, len(toks))
		for i, t := range toks {
			keys[i] = t.key
		}
		recs = append(recs, keys)
		names = append(names, n)
		if len(recs) == 255 {
			break
		}
	}

	ix.mu.Lock()
	defer ix.mu.Unlock()
	if old, ok := ix.byID[e.ID]; ok {
		ix.kill(old)
	}
	s := uint32(len(ix.slots))
	sl := slot{id: e.ID, names: names, firstRec: uint32(len(ix.recEntry)), dob: dob.pack(),
		nRec: uint8(len(recs)), src: ix.source(e.Source), alive: true}
	if len(e.Nationality) == 2 {
		sl.nat = [2]byte{upper(e.Nationality[0]), upper(e.Nationality[1])}
	}
	ix.slots = append(ix.slots, sl)
	ix.byID[e.ID] = s
	ix.live++
	for _, keys := range recs {
		r := uint32(len(ix.recEntry))
		ix.recEntry = append(ix.recEntry, s)
		start := len(ix.recTok)
		for _, k := range keys {
			t := ix.term(k)
			dup := false
			for _, u := range ix.recTok[start:] {
				if u == t {
					dup = true
				}
			}
			ix.recTok = append(ix.recTok, t)
			if !dup {
				ix.post[t] = append(ix.post[t], r)
				yk := yearKey(t, dob.Year)
				ix.byYear[yk] = append(ix.byYear[yk], r)
			}
		}
		ix.recOff = append(ix.recOff, uint32(len(ix.recTok)))
	}
	seen := map[uint64]bool{}
	for _, d := range e.Documents {
		nd := NormalizeDocument(d)
		if nd == "" {
			continue
		}
		h := docHash(nd)
		if seen[h] {
			continue
		}
		seen[h] = true
		if _, ok := ix.docs[h]; ok {
			ix.docsDup[h] = append(ix.docsDup[h], s)
		} else {
			ix.docs[h] = s
		}
	}
	if ix.deadRecs > 4096 && ix.deadRecs > len(ix.recEntry)-ix.deadRecs {
		ix.compact()
	}
	return nil
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// Delete removes the entry with the given ID and reports whether it was
// there.
func (ix *Index) Delete(id string) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	s, ok := ix.byID[id]
	if !ok {
		return false
	}
	ix.kill(s)
	if ix.deadRecs > 4096 && ix.deadRecs > len(ix.recEntry)-ix.deadRecs {
		ix.compact()
	}
	return true
}

// Len returns the number of entries.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

func (ix *Index) kill(s uint32) {
	sl := &ix.slots[s]
	if !sl.alive {
		return
	}
	sl.alive = false
	sl.names = nil
	for r := sl.firstRec; r < sl.firstRec+uint32(sl.nRec); r++ {
		ix.recEntry[r] |= deadBit
	}
	delete(ix.byID, sl.id)
	ix.live--
	ix.deadRecs += int(sl.nRec)
}

func (ix *Index) source(s string) uint16 {
	if i, ok := ix.srcOf[s]; ok {
		return i
	}
	if len(ix.sources) >= 1<<16-1 {
		return 0
	}
	i := uint16(len(ix.sources))
	ix.sources = append(ix.sources, s)
	ix.srcOf[s] = i
	return i
}

// term returns the id of key, adding it to the vocabulary.
func (ix *Index) term(k string) uint32 {
	if t, ok := ix.termOf[k]; ok {
		return t
	}
	t := uint32(len(ix.terms))
	ix.terms = append(ix.terms, k)
	ix.termOf[k] = t
	ix.post = append(ix.post, nil)
	deletions(k, maxDist(len(k)), func(u string) {
		ix.dels[u] = append(ix.dels[u], t)
	})
	return t
}

// yearKey names the postings of a term among the people born in a year
// (0: year unknown). A query with a date of birth reads these first, so
// that a common name is scanned among the people of one year, not all.
func yearKey(t uint32, year int) uint64 { return uint64(t)<<16 | uint64(year) }

func docHash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// compact rebuilds records, postings and document lists without the
// tombstoned entries. Terms are kept: the vocabulary only grows, and a
// term that lost all its people costs a few bytes.
func (ix *Index) compact() {
	remap := make([]uint32, len(ix.slots))
	slots := make([]slot, 0, ix.live)
	recEntry := make([]uint32, 0, len(ix.recEntry)-ix.deadRecs)
	recOff := make([]uint32, 1, cap(recEntry)+1)
	recTok := make([]uint32, 0, len(ix.recTok))
	for t := range ix.post {
		ix.post[t] = ix.post[t][:0]
	}
	clear(ix.byYear)
	for i, sl := range ix.slots {
		if !sl.alive {
			remap[i] = ^uint32(0)
			continue
		}
		s := uint32(len(slots))
		remap[i] = s
		first := sl.firstRec
		sl.firstRec = uint32(len(recEntry))
		for r := first; r < first+uint32(sl.nRec); r++ {
			nr := uint32(len(recEntry))
			recEntry = append(recEntry, s)
			toks := ix.recTok[ix.recOff[r]:ix.recOff[r+1]]
			start := len(recTok)
			for _, t := range toks {
				dup := false
				for _, u := range recTok[start:] {
					if u == t {
						dup = true
					}
				}
				recTok = append(recTok, t)
				if !dup {
					ix.post[t] = append(ix.post[t], nr)
					yk := yearKey(t, unpackDOB(sl.dob).Year)
					ix.byYear[yk] = append(ix.byYear[yk], nr)
				}
			}
			recOff = append(recOff, uint32(len(recTok)))
		}
		slots = append(slots, sl)
		ix.byID[sl.id] = s
	}
	for h, s := range ix.docs {
		ns := remap[s]
		var rest []uint32
		for _, d := range ix.docsDup[h] {
			if remap[d] != ^uint32(0) {
				rest = append(rest, remap[d])
			}
		}
		if ns == ^uint32(0) && len(rest) > 0 {
			ns, rest = rest[0], rest[1:]
		}
		switch {
		case ns == ^uint32(0):
			delete(ix.docs, h)
			delete(ix.docsDup, h)
			continue
		case len(rest) == 0:
			delete(ix.docsDup, h)
		default:
			ix.docsDup[h] = rest
		}
		ix.docs[h] = ns
	}
	ix.slots, ix.recEntry, ix.recOff, ix.recTok = slots, recEntry, recOff, recTok
	ix.deadRecs = 0
}
