package screening

import (
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
	maxVisit        = 30000 // postings read at most; see scanList
	seqShift        = 48    // driver sequence number in the top 16 bits of a cell
	maxSeq          = 1<<16 - 1
	probeMask       = 1<<seqShift - 1
	joinedSim       = 0.9 // two words read as one are a little less sure
)

// simOf is the similarity of two words at edit distance d between keys.
// Levels are 1 for equal keys, then 2 and 3 for one edit (3 when the first
// letter differs, which typing seldom does), 4 and 5 for two.
var simOf = [5]float64{1, 0.75, 0.7, 0.55, 0.5}

func level(key, term string, d int) uint8 {
	if d == 0 {
		return 1
	}
	l := uint8(2 * d)
	if key[0] != term[0] && !dyPair(key[0], term[0]) {
		l++
	}
	return l
}

// probe is a query word, or two neighbouring query words joined ("Kham
// Phou" for "Khamphou"), with the vocabulary terms near it.
type probe struct {
	key    string
	typed  int  // length of the typed Latin word, 0 for Lao script
	first  int  // first query word covered
	joined bool // covers words first and first+1
	terms  []termHit
	cost   int // postings of all its terms
}

type termHit struct {
	t   uint32
	lvl uint8 // see level
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
	rec   uint32
	flags uint8
	doc   bool
}

var cellPool = sync.Pool{New: func() any { return new([]uint64) }}

// search is the state of one query.
type search struct {
	ix     *Index
	words  []token
	probes []probe
	cells  []uint64 // term id → 4-bit distance+1 per probe, driver seq on top
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
			p.typed = len(w.fold)
		}
		s.probes = append(s.probes, p)
	}
	for i := 0; i+1 < len(s.words) && len(s.probes) < maxProbes; i++ {
		a, b := s.words[i], s.words[i+1]
		if a.lao == b.lao {
			s.probes = append(s.probes, probe{key: keyOf(a.fold+b.fold, a.lao), first: i, joined: true})
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
	if len(*cp) < len(ix.terms) {
		*cp = make([]uint64, len(ix.terms)+len(ix.terms)/4)
	}
	s.cells = *cp
	defer func() {
		for _, p := range s.probes {
			for _, th := range p.terms {
				s.cells[th.t] = 0
			}
		}
		cellPool.Put(cp)
	}()
	for pi, p := range s.probes {
		for _, th := range p.terms {
			s.cells[th.t] |= uint64(th.lvl) << (4 * pi)
		}
	}
	s.run()
	for _, sl := range s.docs {
		s.scoreSlot(sl)
	}
	return s.results(limit)
}

// expand finds the vocabulary terms within edit distance of p's key. The
// distance allowed follows the longer of the key and the typed word: a
// seven-letter word with two typing errors may have a five-letter key.
func (ix *Index) expand(p *probe) {
	d := maxDist(max(len(p.key), p.typed))
	seen := map[uint32]bool{}
	deletions(p.key, d, func(u string) {
		for _, t := range ix.dels[u] {
			if seen[t] {
				continue
			}
			seen[t] = true
			k := ix.terms[t]
			allowed := min(d, maxDist(len(k)))
			if e := editDistance(p.key, k, allowed); e <= allowed {
				p.terms = append(p.terms, termHit{t: t, lvl: level(p.key, k, e)})
				p.cost += len(ix.post[t])
			}
		}
	})
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
	for _, pi := range order {
		p := s.probes[pi]
		if (!realSeen && !p.joined) || p.cost <= secondDriverCap {
			drivers = append(drivers, pi)
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
	// Words that match no term at all cannot contribute: they lower
	// every bound.
	matchable := 0.0
	for i := range s.words {
		if len(s.probes[i].terms) > 0 {
			matchable++
		}
	}
	for _, p := range s.probes[len(s.words):] {
		if len(p.terms) > 0 && len(s.probes[p.first].terms) == 0 {
			matchable++
		}
	}
	var scans []scan
	at := map[uint32]int{}
	for _, pi := range drivers {
		p := s.probes[pi]
		for _, th := range p.terms {
			sim, covered := simOf[th.lvl-1], 1.0
			if p.joined {
				sim, covered = sim*joinedSim, 2
			}
			others := max(0, min(matchable, n)-covered)
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
	for i, sc := range scans {
		if i >= maxSeq {
			scans = scans[:i]
			break
		}
		s.cells[sc.t] |= uint64(i+1) << seqShift
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
	t := sc.t
	limit := sc.bound + dob
	miss := 1 - sc.sim
	if limit < MinScore {
		return true
	}
	mine := s.cells[t] >> seqShift
	n := float64(len(s.words))
	y := s.dob.Year
	for _, r := range list {
		if s.full() && limit <= s.floor() {
			return true
		}
		if *scanned++; *scanned > maxVisit {
			return false
		}
		sl := ix.recEntry[r]
		if sl&deadBit != 0 {
			continue
		}
		var dobAdj float64
		if y != 0 {
			e := ix.slots[sl].dob
			if dob == adjDOBClash {
				if ry := unpackDOB(e).Year; ry == y || ry == 0 {
					continue // read from the year lists already
				}
			}
			dobAdj = s.dobAdj(e)
		}
		toks := ix.recTok[ix.recOff[r]:ix.recOff[r+1]]
		dup := false
		var mask uint64
		ecnt := 0
		for _, t := range toks {
			c := s.cells[t]
			if q := c >> seqShift; q != 0 && q < mine {
				dup = true // scored from an earlier term
				break
			}
			if c&probeMask != 0 {
				ecnt++
			}
			mask |= c
		}
		if dup {
			continue
		}
		// A cheap bound from which words match at all, the similarity of
		// the driving word (a better term for it came earlier) and the
		// date.
		cnt := 0
		for i := 0; i < len(s.words); i++ {
			if nib(mask, i) != 0 {
				cnt++
			}
		}
		for pi := len(s.words); pi < len(s.probes); pi++ {
			if nib(mask, pi) != 0 {
				cnt += 2
			}
		}
		m := len(toks)
		if cnt < len(s.words) && m-ecnt >= 2 && m > len(s.words) {
			cnt, ecnt = cnt+1, m // a word may match two stored words joined
		}
		qc := min(float64(cnt), n) - miss
		ec := float64(ecnt) - miss
		b := wName*min(1, wQuery*qc/n+wRecord*ec/float64(m)) + dobAdj
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
	bound float64 // best name score through t
	sim   float64 // best similarity of the driving word through t
}

// deadBit marks, in recEntry, the records of deleted entries.
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
	for r := e.firstRec; r < e.firstRec+uint32(e.nRec); r++ {
		n, f := s.scoreRecord(ix.recTok[ix.recOff[r]:ix.recOff[r+1]])
		if n > best {
			best, bestRec, bestFlags = n, r, f
		}
	}
	s.offer(sl, bestRec, max(best, 0), bestFlags)
}

// dyPair reports an initial d against i: Vietnamese d (not đ) sounds y in
// the south and is written ຢ by Lao ears, while ASCII cannot tell d from đ.
func dyPair(a, b byte) bool { return a == 'd' && b == 'i' || a == 'i' && b == 'd' }

func nib(c uint64, p int) int { return int(c>>(4*p)) & 15 }

// scoreRecord compares the query words with one stored name, independent of
// order: exact keys pair first, then keys one and two edits apart, then
// words the other side wrote as one.
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
	sumQ, sumE := 0.0, 0.0
	for level := 1; level <= len(simOf); level++ {
		for i := 0; i < n; i++ {
			if matchJ[i] >= 0 || nib(any, i) == 0 {
				continue
			}
			for j := 0; j < m; j++ {
				if eUsed&(1<<j) == 0 && nib(cells[j], i) == level {
					matchJ[i] = int8(j)
					eUsed |= 1 << j
					sumQ += simOf[level-1]
					sumE += simOf[level-1]
					if level > 1 {
						flags |= fTypo
					}
					break
				}
			}
		}
	}
	matchedQ := 0
	for i := 0; i < n; i++ {
		if matchJ[i] >= 0 {
			matchedQ++
		}
	}
	if matchedQ < n && bitsSet(eUsed) < m {
		// Two query words for one stored word.
		for pi := n; pi < len(s.probes); pi++ {
			i := s.probes[pi].first
			if matchJ[i] >= 0 || matchJ[i+1] >= 0 {
				continue
			}
			for j := 0; j < m; j++ {
				if l := nib(cells[j], pi); l > 0 && eUsed&(1<<j) == 0 {
					matchJ[i], matchJ[i+1] = int8(j), int8(j)
					eUsed |= 1 << j
					sumQ += 2 * joinedSim * simOf[l-1]
					sumE += joinedSim * simOf[l-1]
					flags |= fJoined
					if l > 1 {
						flags |= fTypo
					}
					matchedQ += 2
					break
				}
			}
		}
		// One query word for two stored words.
		for i := 0; i < n && matchedQ < n; i++ {
			if matchJ[i] >= 0 {
				continue
			}
			for j := 0; j+1 < m; j++ {
				if eUsed&(3<<j) != 0 {
					continue
				}
				k := s.words[i].key
				joined := s.ix.terms[toks[j]] + s.ix.terms[toks[j+1]]
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
	return min(1, wQuery*sumQ/float64(n)+wRecord*sumE/float64(m)), flags
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
	e := &s.ix.slots[sl]
	score := wName*name + s.dobAdj(e.dob)
	doc := false
	if len(s.docs) > 0 && slices.Contains(s.docs, sl) {
		doc = true
		score = max(score, docOnlyBase) + adjDocument
	}
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
