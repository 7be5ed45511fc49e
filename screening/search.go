package screening

import (
	"math/bits"
	"slices"
	"sync"
)

// Scoring weights. A name explains the query (how much of what was typed
// was found) and the record (how much of the stored name was matched); the
// first counts more, so a query without the middle name still scores high.
// The name makes up 90% of the score so that an exact date of birth can
// lift an exact name to 1 and a conflicting date can push it down.
const (
	wQuery      = 0.8
	wRecord     = 0.2
	wName       = 0.9
	adjDOBExact = 0.10
	adjDOBMonth = 0.06
	adjDOBYear  = 0.04
	adjDOBClash = -0.25
	adjDocument = 0.30
	adjNatDiff  = -0.03
	docOnlyBase = 0.6 // a document hit whose names do not match at all
	// unexplained is taken off a name with stored words the query does
	// not account for when every query word is accounted for. "Nguyen
	// Long" for "Nguyen Van Long" is a strong lead, but a name without its
	// middle word is also the name of many people not on the list, so
	// without a date of birth or a document it stays below HitScore. A
	// query with words of its own unmatched scores low enough already.
	unexplained = 0.08
	// reorderCost breaks ties between two readings of a query: the one
	// that keeps the typed order of the words is the likelier.
	reorderCost = 0.01

	// MinScore is the lowest score Search returns.
	MinScore = 0.5
	// HitScore is the score from which a candidate is a hit worth stopping
	// someone for; below it a candidate is a lead to look at.
	HitScore = 0.8
)

// Bounds on the work of one query.
const (
	maxRealProbes   = 7
	maxProbes       = 12    // real words plus neighbours joined; 4 bits each in a 64-bit cell
	secondDriverCap = 40000 // postings a second driving word may add
	maxVisit        = 24000 // postings read at most (the p99 latency); see scanList
	seqShift        = 48    // driver sequence number in the top 16 bits of a cell
	maxSeq          = 1<<16 - 1
	probeMask       = 1<<seqShift - 1
	joinedSim       = 0.9 // two words read as one are a little less sure
)

// simOf is the similarity of two words at edit distance d between keys
// or between spellings. Levels are 1 for equal, then 2 and 3 for one edit
// (3 when the first letter differs, which typing seldom does), 4 and 5 for
// two.
var simOf = [5]float64{1, 0.75, 0.7, 0.55, 0.5}

// Similarities of a query word and a stored word beyond simOf.
const (
	// phoneticSim is for two Latin spellings of one key (Suksavan,
	// Souksavanh): the same name by sound, a little less sure than the
	// same spelling, so that the person written as typed comes first.
	phoneticSim = 0.95
	// foldedOnly is taken off a typo that only the keys explain, not the
	// spellings (Hugn is one edit from Hung but two from Huy, whose keys
	// are as close): the spelling is the better witness of a typing error.
	foldedOnly = 0.03
	// realWordFactor scales a typo match of a query word that is itself a
	// name on the list: someone typing "Hun" has more likely written the
	// name Hun than mistyped Hung, so the person named Hung is a lead, not
	// a hit.
	realWordFactor = 0.7
	// realWordMin is how many stored names must use a spelling for it to
	// count as a real name rather than someone's typing error.
	realWordMin = 2
)

// codeSim quantises similarities into the 4 bits a cell holds per probe.
// Codes ascend as similarities descend, so pairing words best first is
// pairing them by ascending code; code 0 is no match.
var codeSim = [16]float64{0, 1, phoneticSim, 0.8, 0.75, 0.72, 0.7, 0.67, 0.62, 0.58, 0.55, 0.52, 0.5, 0.47, 0.4, 0.35}

// typoCode is the first code that counts as a typing error.
const typoCode = 3

// simCode returns the code of the best quantised similarity not above sim.
func simCode(sim float64) uint8 {
	for c := 1; c < len(codeSim); c++ {
		if codeSim[c] <= sim+1e-9 {
			return uint8(c)
		}
	}
	return 0
}

// level returns the simOf level of two words d edits apart. The first
// letter counts as right when the first two letters are only swapped
// (oHang for Hoang): the letter was typed, a moment late.
func level(key, term string, d int) uint8 {
	if d == 0 {
		return 1
	}
	l := uint8(2 * d)
	swapped := len(key) > 1 && len(term) > 1 && key[0] == term[1] && key[1] == term[0]
	if key[0] != term[0] && !dyPair(key[0], term[0]) && !swapped {
		l++
	}
	return l
}

// probe is a query word, or two neighbouring query words joined ("Kham
// Phou" for "Khamphou"), with the vocabulary terms and words near it.
type probe struct {
	key    string
	fold   string // the typed Latin spelling, "" for Lao script
	typed  int    // len(fold)
	first  int    // first query word covered
	joined bool   // covers words first and first+1
	real   bool   // the spelling is a name on the list (see realWordFactor)
	terms  []termHit
	words  []wordHit
	cost   int // postings of all its terms
}

// termHit is a term near a probe with the best similarity of its words.
type termHit struct {
	t   uint32
	sim float64
}

// wordHit is a stored spelling near a probe.
type wordHit struct {
	w    uint32
	code uint8 // see codeSim
}

// Reason flags found while scoring a record.
const (
	fTypo = 1 << iota
	fPartial
	fReordered
	fJoined
)

// hit is a scored record waiting for the final ranking.
type hit struct {
	score float64
	slot  uint32
	rec   uint32 // offset of the record in the arena
	flags uint8
	doc   bool
}

var cellPool = sync.Pool{New: func() any { return new([]uint64) }}

// search is the state of one query.
type search struct {
	ix     *Index
	words  []token
	probes []probe
	cells  []uint64 // word id → 4-bit similarity code per probe, driver seq on top
	touch  []uint32 // word ids whose cells are set
	dob    DOB
	nat    [2]byte
	docs   []uint32 // slots sharing the queried document
	top    []hit
	k      int
}

// Search returns the entries that may be the person q describes, best
// first. An invalid query (see Validate) returns nil.
func (ix *Index) Search(q Query) []Candidate {
	if q.Validate() != nil {
		return nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	s := &search{ix: ix, k: limit}
	s.dob, _ = ParseDOB(q.DOB)
	if len(q.Nationality) == 2 {
		s.nat = [2]byte{upper(q.Nationality[0]), upper(q.Nationality[1])}
	}
	s.words = tokenize(q.Name)
	if len(s.words) > maxRealProbes {
		s.words = s.words[:maxRealProbes]
	}
	for i, w := range s.words {
		p := probe{key: w.key, first: i}
		if !w.lao {
			p.fold, p.typed = w.fold, len(w.fold)
		}
		s.probes = append(s.probes, p)
	}
	for i := 0; i+1 < len(s.words) && len(s.probes) < maxProbes; i++ {
		a, b := s.words[i], s.words[i+1]
		if a.lao == b.lao {
			p := probe{key: keyOf(a.fold+b.fold, a.lao), first: i, joined: true}
			if !a.lao {
				p.fold = a.fold + b.fold
				p.typed = len(p.fold)
			}
			s.probes = append(s.probes, p)
		}
	}
	doc := NormalizeDocument(q.Document)

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if doc != "" {
		h := docHash(doc)
		if sl, ok := ix.docs[h]; ok {
			s.docs = append(append(s.docs, sl), ix.docsDup[h]...)
		}
	}
	for i := range s.probes {
		ix.expand(&s.probes[i])
	}
	cp := cellPool.Get().(*[]uint64)
	if len(*cp) < len(ix.wordText) {
		*cp = make([]uint64, len(ix.wordText)+len(ix.wordText)/4)
	}
	s.cells = *cp
	defer func() {
		for _, w := range s.touch {
			s.cells[w] = 0
		}
		cellPool.Put(cp)
	}()
	for pi, p := range s.probes {
		for _, wh := range p.words {
			s.cells[wh.w] |= uint64(wh.code) << (4 * pi)
			s.touch = append(s.touch, wh.w)
		}
	}
	s.run()
	for _, sl := range s.docs {
		s.scoreSlot(sl)
	}
	return s.results(limit)
}

// expand finds the stored words near p: the words of every term within
// edit distance of p's key and, for a Latin probe, the Latin words within
// edit distance of its spelling, because folding to keys can magnify a
// typing error (Tvan, one edit from Tran, has a key two edits from its
// key). The terms of those words are what the search reads postings of.
func (ix *Index) expand(p *probe) {
	if p.fold != "" {
		if w, ok := ix.wordOf[p.fold]; ok && ix.wordCount[w] >= realWordMin {
			p.real = true
		}
	}
	seenW := map[uint32]bool{}
	at := map[uint32]int{}
	consider := func(w uint32) {
		if seenW[w] {
			return
		}
		seenW[w] = true
		code := simCode(ix.pairSim(p, w))
		if code == 0 {
			return
		}
		p.words = append(p.words, wordHit{w: w, code: code})
		t := ix.wordTerm[w]
		sim := codeSim[code]
		if i, ok := at[t]; ok {
			p.terms[i].sim = max(p.terms[i].sim, sim)
			return
		}
		at[t] = len(p.terms)
		p.terms = append(p.terms, termHit{t: t, sim: sim})
		p.cost += len(ix.post[t])
	}
	d := maxDist(max(len(p.key), p.typed))
	seenT := map[uint32]bool{}
	deletions(p.key, d, func(u string) {
		for _, t := range ix.dels[u] {
			if seenT[t] {
				continue
			}
			seenT[t] = true
			k := ix.terms[t]
			allowed := min(d, maxDist(len(k)))
			if editDistance(p.key, k, allowed) <= allowed {
				for _, w := range ix.termWords[t] {
					consider(w)
				}
			}
		}
	})
	if p.fold != "" {
		deletions(p.fold, maxDist(len(p.fold)), func(u string) {
			for _, w := range ix.wdels[u] {
				consider(w)
			}
		})
	}
}

// pairSim is the similarity of probe p and stored word w. Between a Latin
// query and a Latin stored word the spellings are compared as well as the
// keys; against Lao script only the keys can be.
func (ix *Index) pairSim(p *probe, w uint32) float64 {
	k := ix.terms[ix.wordTerm[w]]
	d := maxDist(max(len(p.key), p.typed))
	allowed := min(d, maxDist(len(k)))
	eK := editDistance(p.key, k, allowed)
	keySim := 0.0
	if eK <= allowed {
		keySim = simOf[level(p.key, k, eK)-1]
	}
	sim := keySim
	if p.fold != "" && !ix.wordLao[w] {
		f := ix.wordText[w]
		switch {
		case f == p.fold:
			return 1
		case p.joined && syllables(f) < 2:
			// Two Latin words read as one stored Latin syllable:
			// spelling only. Keys would pair Vietnamese syllables that
			// no one writes joined (Thúy Yến and Tuyền share a key),
			// while joined Lao names (Khamphou) have two syllables.
			allowedS := min(maxDist(len(p.fold)), maxDist(len(f)))
			sim = 0
			if eS := editDistance(p.fold, f, allowedS); eS <= allowedS {
				sim = simOf[level(p.fold, f, eS)-1]
			}
		case eK == 0:
			sim = phoneticSim
		default:
			allowedS := min(maxDist(len(p.fold)), maxDist(len(f)))
			surfSim := 0.0
			if eS := editDistance(p.fold, f, allowedS); eS <= allowedS {
				surfSim = simOf[level(p.fold, f, eS)-1]
			}
			sim = max(keySim, surfSim)
			if surfSim < keySim {
				sim -= foldedOnly
			}
		}
	}
	if p.real && sim < codeSim[typoCode] {
		sim *= realWordFactor
	}
	return sim
}

// run generates candidates from the one or two words with the shortest
// postings and scores them: the rarest word of a name almost always
// survives a typo or a reordering, and scanning only its people bounds the
// work whatever the size of the index.
func (s *search) run() {
	order := make([]int, 0, len(s.probes))
	for i, p := range s.probes {
		if p.cost > 0 {
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		return
	}
	slices.SortStableFunc(order, func(a, b int) int { return s.probes[a].cost - s.probes[b].cost })
	// The cheapest real word drives; so does every other word whose
	// people are few, so that one word mistyped beyond repair, or written
	// joined on the other side, does not lose the person.
	drivers := order[:0:0]
	realSeen := false
	// A word that does not drive still offers its exact and phonetic
	// terms when they are few: the cheapest word counted with its typo
	// neighbours may hide a rarer word written right (in a name in Lao
	// script every word is often exact, and the rarest is what finds the
	// person within the budget).
	exactOnly := make([]bool, len(s.probes))
	for _, pi := range order {
		p := s.probes[pi]
		if (!realSeen && !p.joined) || p.cost <= secondDriverCap {
			drivers = append(drivers, pi)
		} else if !p.joined {
			exact := 0
			for _, th := range p.terms {
				if th.sim >= phoneticSim {
					exact += len(s.ix.post[th.t])
				}
			}
			if exact > 0 && exact <= secondDriverCap {
				drivers = append(drivers, pi)
				exactOnly[pi] = true
			}
		}
		realSeen = realSeen || !p.joined
	}
	if len(drivers) == 0 {
		drivers = order[:1]
	}
	// Scan terms best first: a term's bound is the best name score a
	// record reached through it can have. Once the top list is full of
	// candidates better than the next bound, the rest cannot enter it.
	n := float64(len(s.words))
	// The best a query word can contribute is its most similar term,
	// alone or joined with a neighbour; words that match no term at all
	// contribute nothing, so every bound is lower.
	var wbest [maxRealProbes]float64
	for i := range s.words {
		for _, th := range s.probes[i].terms {
			wbest[i] = max(wbest[i], th.sim)
		}
	}
	for _, p := range s.probes[len(s.words):] {
		for _, th := range p.terms {
			v := joinedSim * th.sim
			wbest[p.first], wbest[p.first+1] = max(wbest[p.first], v), max(wbest[p.first+1], v)
		}
	}
	var scans []scan
	at := map[uint32]int{}
	for _, pi := range drivers {
		p := s.probes[pi]
		for _, th := range p.terms {
			if exactOnly[pi] && th.sim < phoneticSim {
				continue
			}
			sim, covered := th.sim, 1.0
			if p.joined {
				sim, covered = sim*joinedSim, 2
			}
			others := 0.0
			for i := range s.words {
				if i != p.first && (!p.joined || i != p.first+1) {
					others += wbest[i]
				}
			}
			bound := wName * min(1, wQuery*(others+covered*sim)/n+wRecord)
			if i, ok := at[th.t]; ok {
				scans[i].bound = max(scans[i].bound, bound)
				scans[i].sim = max(scans[i].sim, sim)
				continue
			}
			at[th.t] = len(scans)
			scans = append(scans, scan{t: th.t, bound: bound, sim: sim})
		}
	}
	ix := s.ix
	slices.SortStableFunc(scans, func(a, b scan) int {
		if a.bound != b.bound {
			if a.bound > b.bound {
				return -1
			}
			return 1
		}
		return len(ix.post[a.t]) - len(ix.post[b.t])
	})
	for i := range scans {
		if i >= maxSeq {
			scans = scans[:i]
			break
		}
		scans[i].seq = uint64(i + 1)
		for _, w := range ix.termWords[scans[i].t] {
			s.cells[w] |= scans[i].seq << seqShift
			s.touch = append(s.touch, w)
		}
	}
	scanned := 0
	if !s.dob.Known() {
		for _, sc := range scans {
			if !s.scanList(ix.post[sc.t], sc, 0, &scanned) {
				return
			}
		}
		return
	}
	// With a date of birth: first the people born that year or of
	// unknown year, who may earn the date bonus; then, while the top list
	// has room for them, the others, whose date conflicts.
	y := s.dob.Year
	for _, sc := range scans {
		if !s.scanList(ix.byYear[yearKey(sc.t, y)], sc, adjDOBExact, &scanned) {
			return
		}
		if !s.scanList(ix.byYear[yearKey(sc.t, 0)], sc, 0, &scanned) {
			return
		}
	}
	for _, sc := range scans {
		if !s.scanList(ix.post[sc.t], sc, adjDOBClash, &scanned) {
			return
		}
	}
}

// scanList scores the records of one postings list reached through the
// term of sc; dob is the best date adjustment in the list. Once the top
// list is full of better candidates the list is abandoned. It returns false
// when the query's budget of postings is spent: that happens only when
// every word that matches anything is very common (the rare word matched
// nothing), and then the best possible answer is a partial name anyway.
func (s *search) scanList(list []uint32, sc scan, dob float64, scanned *int) bool {
	ix := s.ix
	limit := sc.bound + dob
	if limit < MinScore {
		return true
	}
	mine := sc.seq
	n := float64(len(s.words))
	y := s.dob.Year
	for _, r := range list {
		if s.full() && limit <= s.floor() {
			return true
		}
		if *scanned++; *scanned > maxVisit {
			return false
		}
		sl := ix.recs[r]
		if sl&deadBit != 0 {
			continue
		}
		var dobAdj float64
		if y != 0 {
			e := ix.recs[r+1]
			if dob == adjDOBClash {
				if ry := unpackDOB(e).Year; ry == y || ry == 0 {
					continue // read from the year lists already
				}
			}
			dobAdj = s.dobAdj(e)
		}
		toks := ix.recWords(r)
		// A cheap bound: every query word paired with its most similar
		// stored word and every stored word with its most similar query
		// word, as if no two wanted the same partner.
		dup := false
		var best [maxProbes]uint8 // lowest code per probe, 0 none
		ecnt := 0
		ec := 0.0
		for _, t := range toks {
			c := s.cells[t]
			if q := c >> seqShift; q != 0 && q < mine {
				dup = true // scored from an earlier term
				break
			}
			c &= probeMask
			if c == 0 {
				continue
			}
			ecnt++
			low := uint8(15)
			for c != 0 {
				pi := bits.TrailingZeros64(c) / 4
				x := uint8(c>>(4*pi)) & 15
				c &^= 15 << (4 * pi)
				low = min(low, x)
				if best[pi] == 0 || x < best[pi] {
					best[pi] = x
				}
			}
			ec += codeSim[low]
		}
		if dup {
			continue
		}
		var wsim [maxRealProbes]float64
		for i := range s.words {
			wsim[i] = codeSim[best[i]]
		}
		for pi := len(s.words); pi < len(s.probes); pi++ {
			if best[pi] != 0 {
				v := joinedSim * codeSim[best[pi]]
				f := s.probes[pi].first
				wsim[f], wsim[f+1] = max(wsim[f], v), max(wsim[f+1], v)
			}
		}
		qc, unmatched := 0.0, false
		for i := range s.words {
			qc += wsim[i]
			unmatched = unmatched || wsim[i] == 0
		}
		m := len(toks)
		if unmatched && m-ecnt >= 2 && m > len(s.words) {
			qc, ec, ecnt = qc+1, float64(m), m // a word may match two stored words joined
		}
		b := wName*min(1, wQuery*min(qc, n)/n+wRecord*ec/float64(m)) + dobAdj
		if b < MinScore || s.full() && b <= s.floor() {
			continue
		}
		name, flags := s.scoreRecord(toks)
		s.offer(sl, r, name, flags)
	}
	return true
}

// scan is a driving term and what a record reached through it can score.
type scan struct {
	t     uint32
	seq   uint64  // order of the scan, 1 first; marks t's words in cells
	bound float64 // best name score through t
	sim   float64 // best similarity of the driving word through t
}

// deadBit marks, in the arena, the records of deleted entries.
const deadBit = 1 << 31

func (s *search) full() bool { return len(s.top) == s.k }

func (s *search) floor() float64 { return s.top[len(s.top)-1].score }

func (s *search) dobAdj(packed uint32) float64 {
	switch compareDOB(s.dob, unpackDOB(packed)) {
	case dobExact:
		return adjDOBExact
	case dobMonth:
		return adjDOBMonth
	case dobYear:
		return adjDOBYear
	case dobConflict:
		return adjDOBClash
	}
	return 0
}

// scoreSlot scores every record of an entry found by its document.
func (s *search) scoreSlot(sl uint32) {
	ix := s.ix
	e := &ix.slots[sl]
	if !e.alive {
		return
	}
	best, bestRec, bestFlags := -1.0, e.firstRec, uint8(0)
	r := e.firstRec
	for range e.nRec {
		ws := ix.recWords(r)
		n, f := s.scoreRecord(ws)
		if n > best {
			best, bestRec, bestFlags = n, r, f
		}
		r += recHead + uint32(len(ws))
	}
	s.offer(sl, bestRec, max(best, 0), bestFlags)
}

// syllables counts the vowel groups of a folded Latin word.
func syllables(f string) int {
	n := 0
	for i := 0; i < len(f); i++ {
		if isVowel(f[i]) && (i == 0 || !isVowel(f[i-1])) {
			n++
		}
	}
	return n
}

// dyPair reports an initial d against i: Vietnamese d (not đ) sounds y in
// the south and is written ຢ by Lao ears, while ASCII cannot tell d from đ.
func dyPair(a, b byte) bool { return a == 'd' && b == 'i' || a == 'i' && b == 'd' }

func nib(c uint64, p int) int { return int(c>>(4*p)) & 15 }

// scoreRecord compares the query words with one stored name, independent of
// order: the most similar pairs of words pair first (same spelling, same
// key, then typing errors by how close), then words the other side wrote
// as one.
func (s *search) scoreRecord(toks []uint32) (float64, uint8) {
	n, m := len(s.words), len(toks)
	if n == 0 || m == 0 {
		return 0, 0
	}
	var matchJ [maxRealProbes]int8
	for i := range matchJ {
		matchJ[i] = -1
	}
	var eUsed uint16
	var flags uint8
	var cells [maxRecTokens]uint64
	var any uint64
	for j, t := range toks {
		cells[j] = s.cells[t]
		any |= cells[j]
	}
	// Candidate pairs as code<<8 | probe<<4 | j, sorted: by code, then
	// single words before joined ones, in query and record order. A
	// joined probe pairs two query words with one stored word.
	var pairs [maxProbes * maxRecTokens]uint16
	np := 0
	for pi := range s.probes {
		if nib(any, pi) == 0 {
			continue
		}
		for j := 0; j < m; j++ {
			if c := nib(cells[j], pi); c != 0 {
				v := uint16(c<<8 | pi<<4 | j)
				k := np
				for k > 0 && pairs[k-1] > v {
					pairs[k] = pairs[k-1]
					k--
				}
				pairs[k] = v
				np++
			}
		}
	}
	sumQ, sumE := 0.0, 0.0
	for _, v := range pairs[:np] {
		c, pi, j := int(v>>8), int(v>>4)&15, int(v&15)
		if eUsed&(1<<j) != 0 {
			continue
		}
		sim := codeSim[c]
		if pi < n {
			if matchJ[pi] >= 0 {
				continue
			}
			matchJ[pi] = int8(j)
			sumQ += sim
			sumE += sim
		} else {
			i := s.probes[pi].first
			if matchJ[i] >= 0 || matchJ[i+1] >= 0 {
				continue
			}
			matchJ[i], matchJ[i+1] = int8(j), int8(j)
			sumQ += 2 * joinedSim * sim
			sumE += joinedSim * sim
			flags |= fJoined
		}
		eUsed |= 1 << j
		if c >= typoCode {
			flags |= fTypo
		}
	}
	matchedQ := 0
	for i := 0; i < n; i++ {
		if matchJ[i] >= 0 {
			matchedQ++
		}
	}
	if matchedQ < n && bitsSet(eUsed) < m {
		// One query word for two stored words.
		for i := 0; i < n && matchedQ < n; i++ {
			if matchJ[i] >= 0 {
				continue
			}
			for j := 0; j+1 < m; j++ {
				if eUsed&(3<<j) != 0 {
					continue
				}
				// Keys against Lao script, spellings between Latin
				// words, as in pairSim.
				ix := s.ix
				a, b := toks[j], toks[j+1]
				k := s.words[i].key
				joined := ix.terms[ix.wordTerm[a]] + ix.terms[ix.wordTerm[b]]
				if !s.words[i].lao && !ix.wordLao[a] && !ix.wordLao[b] && syllables(s.words[i].fold) < 2 {
					k, joined = s.words[i].fold, ix.wordText[a]+ix.wordText[b]
				}
				d := maxDist(len(k))
				if e := editDistance(k, joined, d); e <= d {
					sim := joinedSim * simOf[level(k, joined, e)-1]
					matchJ[i] = int8(j)
					eUsed |= 3 << j
					sumQ += sim
					sumE += 2 * sim
					flags |= fJoined
					if e > 0 {
						flags |= fTypo
					}
					matchedQ++
					break
				}
			}
		}
	}
	if sumQ == 0 {
		return 0, 0
	}
	if matchedQ < n || bitsSet(eUsed) < m {
		flags |= fPartial
	}
	last := int8(-1)
	for i := 0; i < n; i++ {
		if j := matchJ[i]; j >= 0 {
			if j < last {
				flags |= fReordered
			}
			last = j
		}
	}
	name := min(1, wQuery*sumQ/float64(n)+wRecord*sumE/float64(m))
	if matchedQ == n && bitsSet(eUsed) < m {
		name -= unexplained
	}
	if flags&fReordered != 0 {
		name -= reorderCost
	}
	return max(0, name), flags
}

func bitsSet(x uint16) int {
	c := 0
	for ; x != 0; x &= x - 1 {
		c++
	}
	return c
}

// offer adds a scored record to the running top list if it belongs there.
func (s *search) offer(sl, rec uint32, name float64, flags uint8) {
	// The date is read from the record, next to its words: the entry
	// itself is another trip to memory, worth making only for a
	// candidate that may enter the top list (nationality can only lower
	// the score).
	score := wName*name + s.dobAdj(s.ix.recs[rec+1])
	doc := false
	if len(s.docs) > 0 && slices.Contains(s.docs, sl) {
		doc = true
		score = max(score, docOnlyBase) + adjDocument
	}
	if min(1, score) < MinScore || len(s.top) == s.k && min(1, score) <= s.top[len(s.top)-1].score {
		return
	}
	e := &s.ix.slots[sl]
	if s.nat[0] != 0 && e.nat[0] != 0 && s.nat != e.nat {
		score += adjNatDiff
	}
	score = max(0, min(1, score))
	if score < MinScore {
		return
	}
	if len(s.top) == s.k && score <= s.top[len(s.top)-1].score {
		return
	}
	for i, h := range s.top {
		if h.slot == sl {
			if h.score >= score {
				return
			}
			s.top = slices.Delete(s.top, i, i+1)
			break
		}
	}
	i := len(s.top)
	for i > 0 && s.top[i-1].score < score {
		i--
	}
	s.top = slices.Insert(s.top, i, hit{score: score, slot: sl, rec: rec, flags: flags, doc: doc})
	if len(s.top) > s.k {
		s.top = s.top[:s.k]
	}
}
