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
// record, kept in one flat arena as its entry slot, its date of birth and
// its word ids side by side, so that reading a record a postings list
// points to costs one trip to memory rather than one per array. A word is
// a distinct folded spelling ("thanh", "souksavanh", ບຸນມີ); a term is a
// distinct phonetic key, shared by the words that sound alike, with a
// postings list of record offsets. Typo tolerance works on the vocabulary,
// not on the records: each term's deletion neighbourhood (up to two
// deletions) maps back to the term, and so does each Latin word's, so a
// query finds the terms and spellings within its edit distance by
// lookups. Keeping the spelling as well as the key lets scoring tell a
// typing error in the spelling from one the key folding happened to
// magnify (Tvan for Tran), and rank a name written as typed above one that
// only sounds alike. The vocabulary of names is small next to the number
// of people, which keeps this cheap.
//
// Deleted and replaced entries are tombstoned and skipped; when tombstones
// outnumber the living the index compacts itself.
type Index struct {
	mu sync.RWMutex

	termOf map[string]uint32   // key → term id
	terms  []string            // term id → key
	post   [][]uint32          // term id → record offsets, ascending
	byYear map[uint64][]uint32 // yearKey(term, birth year or 0) → record offsets, ascending
	dels   map[string][]uint32 // deletion variant → term ids

	wordOf    map[string]uint32   // folded spelling → word id
	wordText  []string            // word id → folded spelling
	wordTerm  []uint32            // word id → term id of its key
	wordLao   []bool              // word id → written in Lao script
	wordCount []uint32            // word id → records using it (see realWord)
	wdels     map[string][]uint32 // deletion variant of a Latin spelling → word ids
	termWords [][]uint32          // term id → word ids

	// recs is the arena of records. The record at offset r is
	// recs[r] = entry slot (deadBit once deleted), recs[r+1] = DOB.pack
	// of the entry, recs[r+2] = number of words | index of the name in
	// the entry's names << 8, then the word ids.
	recs  []uint32
	nRecs int // records in the arena, living or dead

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
	firstRec uint32 // offset of the first record; the others follow it
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
		wordOf:  map[string]uint32{},
		wdels:   map[string][]uint32{},
		byID:    map[string]uint32{},
		docs:    map[uint64]uint32{},
		docsDup: map[uint64][]uint32{},
		srcOf:   map[string]uint16{},
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
	recs := make([][]token, 0, len(e.Names))
	names := make([]string, 0, len(e.Names)) // the names that have words, one per record
	for _, n := range e.Names {
		toks := tokenize(n)
		if len(toks) == 0 {
			continue
		}
		if len(toks) > maxRecTokens {
			toks = toks[:maxRecTokens]
		}
		recs = append(recs, toks)
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
	sl := slot{id: e.ID, names: names, firstRec: uint32(len(ix.recs)), dob: dob.pack(),
		nRec: uint8(len(recs)), src: ix.source(e.Source), alive: true}
	if len(e.Nationality) == 2 {
		sl.nat = [2]byte{upper(e.Nationality[0]), upper(e.Nationality[1])}
	}
	ix.slots = append(ix.slots, sl)
	ix.byID[e.ID] = s
	ix.live++
	for ri, toks := range recs {
		r := uint32(len(ix.recs))
		ix.recs = append(ix.recs, s, sl.dob, uint32(len(toks))|uint32(ri)<<8)
		start := len(ix.recs)
		ix.nRecs++
		for _, tk := range toks {
			w := ix.word(tk)
			t := ix.wordTerm[w]
			ix.wordCount[w]++
			dup := false
			for _, u := range ix.recs[start:] {
				if ix.wordTerm[u] == t {
					dup = true
				}
			}
			ix.recs = append(ix.recs, w)
			if !dup {
				ix.post[t] = append(ix.post[t], r)
				yk := yearKey(t, dob.Year)
				ix.byYear[yk] = append(ix.byYear[yk], r)
			}
		}
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
	if ix.deadRecs > 4096 && ix.deadRecs > ix.nRecs-ix.deadRecs {
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
	if ix.deadRecs > 4096 && ix.deadRecs > ix.nRecs-ix.deadRecs {
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
	r := sl.firstRec
	for range sl.nRec {
		ix.recs[r] |= deadBit
		ws := ix.recWords(r)
		for _, w := range ws {
			ix.wordCount[w]--
		}
		r += recHead + uint32(len(ws))
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
	ix.termWords = append(ix.termWords, nil)
	deletions(k, maxDist(len(k)), func(u string) {
		ix.dels[u] = append(ix.dels[u], t)
	})
	return t
}

// word returns the id of the spelling of tk, adding it (and its key) to
// the vocabulary.
func (ix *Index) word(tk token) uint32 {
	if w, ok := ix.wordOf[tk.fold]; ok {
		return w
	}
	w := uint32(len(ix.wordText))
	t := ix.term(tk.key)
	ix.wordOf[tk.fold] = w
	ix.wordText = append(ix.wordText, tk.fold)
	ix.wordTerm = append(ix.wordTerm, t)
	ix.wordLao = append(ix.wordLao, tk.lao)
	ix.wordCount = append(ix.wordCount, 0)
	ix.termWords[t] = append(ix.termWords[t], w)
	if !tk.lao {
		deletions(tk.fold, maxDist(len(tk.fold)), func(u string) {
			ix.wdels[u] = append(ix.wdels[u], w)
		})
	}
	return w
}

// recHead is the number of arena cells before a record's word ids.
const recHead = 3

// recWords returns the word ids of the record at offset r.
func (ix *Index) recWords(r uint32) []uint32 {
	n := ix.recs[r+2] & 255
	return ix.recs[r+recHead : r+recHead+n]
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

// compact rebuilds records, postings, word counts and document lists
// without the tombstoned entries. Terms and words are kept: the vocabulary
// only grows, and a term that lost all its people costs a few bytes.
func (ix *Index) compact() {
	remap := make([]uint32, len(ix.slots))
	slots := make([]slot, 0, ix.live)
	recs := make([]uint32, 0, len(ix.recs))
	for t := range ix.post {
		ix.post[t] = ix.post[t][:0]
	}
	clear(ix.wordCount)
	clear(ix.byYear)
	for i, sl := range ix.slots {
		if !sl.alive {
			remap[i] = ^uint32(0)
			continue
		}
		s := uint32(len(slots))
		remap[i] = s
		r := sl.firstRec
		sl.firstRec = uint32(len(recs))
		year := unpackDOB(sl.dob).Year
		for range sl.nRec {
			ws := ix.recWords(r)
			nr := uint32(len(recs))
			recs = append(recs, s, ix.recs[r+1], ix.recs[r+2])
			start := len(recs)
			for _, w := range ws {
				t := ix.wordTerm[w]
				ix.wordCount[w]++
				dup := false
				for _, u := range recs[start:] {
					if ix.wordTerm[u] == t {
						dup = true
					}
				}
				recs = append(recs, w)
				if !dup {
					ix.post[t] = append(ix.post[t], nr)
					yk := yearKey(t, year)
					ix.byYear[yk] = append(ix.byYear[yk], nr)
				}
			}
			r += recHead + uint32(len(ws))
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
	ix.slots, ix.recs = slots, recs
	ix.nRecs -= ix.deadRecs
	ix.deadRecs = 0
}
