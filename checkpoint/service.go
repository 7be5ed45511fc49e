package checkpoint

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/screening"
)

// Kinds of subject a candidate can be.
const (
	KindWanted = "wanted" // a wanted notice
	KindList   = "list"   // an entry of a watch list
)

// Wanted is a wanted notice as screening needs it. The node builds it from
// the notice (package wanted) and hands it in when the notice changes.
type Wanted struct {
	ID          string
	Origin      borderlink.NodeID
	IssuingUnit string
	Names       []string // every written form: original script, romanised, aliases
	DOB         string
	Documents   []string
	Nationality string
	// Status is the notice's status; only StatusActive and StatusLocated
	// notices are screened.
	Status string
	Danger []string // danger flags such as "armed", "violent"
}

// Notice statuses that call for action at a checkpoint.
const (
	StatusActive  = "active"
	StatusLocated = "located"
)

func (w Wanted) screened() bool { return w.Status == StatusActive || w.Status == StatusLocated }

// Query is one screening question (see screening.Query).
type Query = screening.Query

// Candidate is one answer: a wanted notice or a watch list entry that may
// be the person screened.
type Candidate struct {
	ID      string   `json:"id"` // the notice id, or the list's own id
	Score   float64  `json:"score"`
	Names   []string `json:"names"`
	Reasons []string `json:"reasons"`
	Kind    string   `json:"kind"`           // KindWanted or KindList
	List    string   `json:"list,omitempty"` // the list id of a list entry
	// ListName is the name of the list, for display.
	ListName    string            `json:"list_name,omitempty"`
	DOB         string            `json:"dob,omitempty"`
	Documents   []string          `json:"documents,omitempty"`
	Nationality string            `json:"nationality,omitempty"`
	Status      string            `json:"status,omitempty"` // of a notice
	Danger      []string          `json:"danger,omitempty"` // of a notice
	Origin      borderlink.NodeID `json:"origin,omitempty"` // of a notice
	IssuingUnit string            `json:"issuing_unit,omitempty"`
}

// Result is the answer to one query: whether the best candidate is a hit
// (a score of screening.HitScore or more: stop the person and check), and
// the candidates best first.
type Result struct {
	Hit        bool        `json:"hit"`
	Candidates []Candidate `json:"candidates"`
}

// Options configure a Service. DB and Log are required.
type Options struct {
	DB  DB
	Log *audit.Log
	// Wanted returns every wanted notice known to the node, its own and
	// the partner's, for Rebuild. nil: none.
	Wanted func(ctx context.Context) ([]Wanted, error)
	Clock  borderlink.Clock // default: the system clock
}

// Service screens names. It is safe for concurrent use.
type Service struct {
	db     DB
	log    *audit.Log
	source func(ctx context.Context) ([]Wanted, error)
	clock  borderlink.Clock

	mu sync.RWMutex
	// Notices and list entries are indexed apart and searched both, so
	// that a notice is never crowded out of the answer by list entries of
	// the same common name ("Nguyễn Văn Long"); on equal scores it comes
	// first.
	wix    *screening.Index
	lix    *screening.Index
	wanted map[string]Wanted // by notice id, screened or not
	lists  map[string]List   // by list id
	loadMu sync.Mutex        // one list load (or delete) at a time
}

// NewService returns a service with an empty index; call Rebuild before
// serving.
func NewService(o Options) (*Service, error) {
	if o.DB == nil || o.Log == nil {
		return nil, errors.New("checkpoint: NewService needs a DB and an audit log")
	}
	if o.Clock == nil {
		o.Clock = borderlink.SystemClock{}
	}
	return &Service{db: o.DB, log: o.Log, source: o.Wanted, clock: o.Clock,
		wix: screening.NewIndex(), lix: screening.NewIndex(), wanted: map[string]Wanted{}, lists: map[string]List{}}, nil
}

// Index keys: a notice and a list entry never share one.
func wantedKey(id string) string     { return "w\x1f" + id }
func listKey(list, id string) string { return "l\x1f" + list + "\x1f" + id }
func listSource(list string) string  { return "list:" + list }
func splitKey(k string) (kind, list, id string) {
	parts := strings.SplitN(k, "\x1f", 3)
	switch {
	case len(parts) == 2 && parts[0] == "w":
		return KindWanted, "", parts[1]
	case len(parts) == 3 && parts[0] == "l":
		return KindList, parts[1], parts[2]
	}
	return "", "", k
}

func wantedEntry(w Wanted) screening.Entry {
	return screening.Entry{ID: wantedKey(w.ID), Names: w.Names, DOB: w.DOB, Documents: w.Documents,
		Nationality: w.Nationality, Source: KindWanted}
}

func listEntry(e ListEntry) screening.Entry {
	var docs []string
	if e.Document != "" {
		docs = []string{e.Document}
	}
	return screening.Entry{ID: listKey(e.ListID, e.ID), Names: e.Names(), DOB: e.DOB, Documents: docs,
		Nationality: e.Nationality, Source: listSource(e.ListID)}
}

// Rebuild builds the index from the store's watch lists and Options.Wanted
// and then replaces the one in use. Entries that cannot be indexed (a
// notice whose names are all unusable) are skipped and counted in the
// error, which leaves the rest of the index in use.
func (s *Service) Rebuild(ctx context.Context) error {
	wix, lix := screening.NewIndex(), screening.NewIndex()
	wanted := map[string]Wanted{}
	lists := map[string]List{}
	var bad []string
	if s.source != nil {
		ws, err := s.source(ctx)
		if err != nil {
			return fmt.Errorf("checkpoint: rebuild: wanted notices: %w", err)
		}
		for _, w := range ws {
			wanted[w.ID] = w
			if w.screened() {
				if err := wix.Put(wantedEntry(w)); err != nil {
					bad = append(bad, "notice "+w.ID)
				}
			}
		}
	}
	err := s.db.View(ctx, func(tx Tx) error {
		ls, err := tx.Checkpoint().Lists(ctx)
		if err != nil {
			return err
		}
		for _, l := range ls {
			lists[l.ID] = l
		}
		return tx.Checkpoint().EachListEntry(ctx, "", func(e ListEntry) error {
			if err := lix.Put(listEntry(e)); err != nil {
				bad = append(bad, "list "+e.ListID+" entry "+e.ID)
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("checkpoint: rebuild: watch lists: %w", err)
	}
	s.mu.Lock()
	s.wix, s.lix, s.wanted, s.lists = wix, lix, wanted, lists
	s.mu.Unlock()
	if len(bad) > 0 {
		return fmt.Errorf("checkpoint: rebuild: %d entries could not be indexed (first: %s)", len(bad), bad[0])
	}
	return nil
}

// PutWanted adds or replaces a notice; one that no longer calls for action
// (arrested, handed over, withdrawn) leaves the index.
func (s *Service) PutWanted(w Wanted) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wanted[w.ID] = w
	if !w.screened() {
		s.wix.Delete(wantedKey(w.ID))
		return nil
	}
	if err := s.wix.Put(wantedEntry(w)); err != nil {
		s.wix.Delete(wantedKey(w.ID))
		return fmt.Errorf("checkpoint: index notice %s: %w", w.ID, err)
	}
	return nil
}

// RemoveWanted takes a notice out of the index.
func (s *Service) RemoveWanted(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.wanted, id)
	s.wix.Delete(wantedKey(id))
}

// Size is what the index holds.
type Size struct {
	Entries int    `json:"entries"` // indexed subjects in all
	Wanted  int    `json:"wanted"`  // notices screened
	Lists   []List `json:"lists"`
}

// Size returns what the index holds.
func (s *Service) Size() Size {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sz := Size{Entries: s.wix.Len() + s.lix.Len()}
	for _, w := range s.wanted {
		if w.screened() {
			sz.Wanted++
		}
	}
	for _, l := range s.lists {
		sz.Lists = append(sz.Lists, l)
	}
	slices.SortFunc(sz.Lists, func(a, b List) int { return strings.Compare(a.ID, b.ID) })
	return sz
}

// Limits of a batch.
const MaxBatch = 1000

// BatchResult is the answer to one query of a batch: a Result, or the
// reason the query was not run.
type BatchResult struct {
	Result
	Err error `json:"-"`
}

// Screen answers q for p and audits it.
func (s *Service) Screen(ctx context.Context, p auth.Principal, q Query) (Result, error) {
	rs, err := s.ScreenBatch(ctx, p, []Query{q})
	if err != nil {
		return Result{}, err
	}
	return rs[0].Result, rs[0].Err
}

// ScreenBatch answers every query of qs for p, in order, and audits each
// one (one entry per query, in one transaction). A query that is not valid
// gets its error in its BatchResult; the others are answered.
func (s *Service) ScreenBatch(ctx context.Context, p auth.Principal, qs []Query) ([]BatchResult, error) {
	if !p.Can(auth.PermScreen) {
		err := borderlink.Errorf(borderlink.EForbidden, "error.forbidden", "screening needs the permission screen", "perm", string(auth.PermScreen))
		return nil, s.refuse(ctx, entry(p, actScreen, "", audit.OutcomeDenied, err.Error()), err)
	}
	if len(qs) == 0 {
		return nil, invalid("error.screen_batch_empty", "the batch holds no queries")
	}
	if len(qs) > MaxBatch {
		return nil, invalid("error.screen_batch_large", "the batch holds too many queries", "max", MaxBatch)
	}
	out := make([]BatchResult, len(qs))
	raw := make([][]screening.Candidate, len(qs))
	s.mu.RLock()
	wix, lix := s.wix, s.lix
	s.mu.RUnlock()
	var keys []EntryKey
	for i, q := range qs {
		if err := q.Validate(); err != nil {
			out[i].Err = err
			continue
		}
		raw[i] = merge(wix.Search(q), lix.Search(q), q.Limit)
		for _, c := range raw[i] {
			if kind, list, id := splitKey(c.ID); kind == KindList {
				keys = append(keys, EntryKey{list, id})
			}
		}
	}
	err := s.db.Update(ctx, func(tx Tx) error {
		entries, err := tx.Checkpoint().ListEntries(ctx, keys)
		if err != nil {
			return err
		}
		byKey := make(map[EntryKey]ListEntry, len(entries))
		for _, e := range entries {
			byKey[EntryKey{e.ListID, e.ID}] = e
		}
		es := make([]audit.Entry, 0, len(qs))
		for i, q := range qs {
			if out[i].Err != nil {
				es = append(es, entry(p, actScreen, "", audit.OutcomeFailed, queryDetail(q)+" → "+out[i].Err.Error()))
				continue
			}
			out[i].Result = s.result(raw[i], byKey)
			es = append(es, entry(p, actScreen, firstID(out[i].Result), audit.OutcomeOK,
				queryDetail(q)+" → "+outcome(out[i].Result)))
		}
		if err := s.log.RecordBatch(ctx, tx.Audit(), es); err != nil {
			return fmt.Errorf("checkpoint: audit screening: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// merge puts the candidates of notices and of lists in one ranking, best
// first, notices before list entries of the same score, at most limit
// (screening.DefaultLimit when 0).
func merge(notices, entries []screening.Candidate, limit int) []screening.Candidate {
	if limit <= 0 {
		limit = screening.DefaultLimit
	}
	out := append(notices, entries...)
	slices.SortStableFunc(out, func(a, b screening.Candidate) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return out[:min(len(out), limit, screening.MaxLimit)]
}

// result turns index candidates into answers with the details an officer
// needs. A list entry replaced or deleted since the search is left out.
func (s *Service) result(cs []screening.Candidate, entries map[EntryKey]ListEntry) Result {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := Result{Candidates: []Candidate{}}
	for _, c := range cs {
		kind, list, id := splitKey(c.ID)
		out := Candidate{ID: id, Score: c.Score, Names: c.Names, Reasons: c.Reasons, Kind: kind, List: list}
		switch kind {
		case KindWanted:
			w, ok := s.wanted[id]
			if !ok || !w.screened() {
				continue
			}
			out.DOB, out.Documents, out.Nationality = w.DOB, w.Documents, w.Nationality
			out.Status, out.Danger, out.Origin, out.IssuingUnit = w.Status, w.Danger, w.Origin, w.IssuingUnit
		case KindList:
			e, ok := entries[EntryKey{list, id}]
			if !ok {
				continue
			}
			out.ListName = s.lists[list].Name
			out.DOB, out.Nationality = e.DOB, e.Nationality
			if e.Document != "" {
				out.Documents = []string{e.Document}
			}
		default:
			continue
		}
		r.Candidates = append(r.Candidates, out)
	}
	r.Hit = len(r.Candidates) > 0 && r.Candidates[0].Score >= screening.HitScore
	return r
}

// LoadInput is a list file to load.
type LoadInput struct {
	ListID string
	Name   string // default: the list id
	File   string // the file's name, for the record
	Data   []byte
}

// LoadReport says what a load did.
type LoadReport struct {
	List     List      `json:"list"`
	Rows     int       `json:"rows"`
	Loaded   int       `json:"loaded"`
	Rejected int       `json:"rejected"`
	Replaced int       `json:"replaced"` // entries of the earlier version of the list
	Problems []Problem `json:"problems"`
}

// LoadList loads a watch list file for p, replacing the list of the same
// id in the store and in the index. Bad rows are reported in the report
// and skipped; the error is for a file that cannot be loaded at all (and
// then the earlier version of the list stays as it was).
func (s *Service) LoadList(ctx context.Context, p auth.Principal, in LoadInput) (LoadReport, error) {
	var rep LoadReport
	if !p.Can(auth.PermScreenLists) {
		err := borderlink.Errorf(borderlink.EForbidden, "error.forbidden", "loading a watch list needs the permission screen.lists",
			"perm", string(auth.PermScreenLists))
		return rep, s.refuse(ctx, entry(p, actListLoad, in.ListID, audit.OutcomeDenied, err.Error()), err)
	}
	if err := CheckListID(in.ListID); err != nil {
		return rep, err
	}
	name := strings.TrimSpace(in.Name)
	if name == "" {
		name = in.ListID
	}
	if len(name) > 120 || hasControl(name) || !validUTF8(name) {
		return rep, invalid("error.list_name", "the list name is at most 120 characters of text")
	}
	parsed, err := ParseList(in.ListID, in.Data)
	rep.Rows, rep.Rejected, rep.Problems = parsed.Rows, parsed.Rejected, parsed.Problems
	if err == nil && len(parsed.Entries) == 0 {
		err = invalid("error.list_no_entries", "no row of the list could be loaded")
	}
	if err != nil {
		detail := clip(in.File, 100) + ": " + err.Error()
		return rep, s.refuse(ctx, entry(p, actListLoad, in.ListID, audit.OutcomeFailed, detail), err)
	}
	sum := sha256.Sum256(in.Data)
	l := List{ID: in.ListID, Name: name, File: clip(in.File, 200), SHA256: hex.EncodeToString(sum[:]),
		Entries: len(parsed.Entries), Rejected: parsed.Rejected, Loaded: s.clock.Now().UTC().Truncate(time.Microsecond),
		LoadedBy: p.Username}

	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	var old []string
	err = s.db.Update(ctx, func(tx Tx) error {
		old = old[:0]
		err := tx.Checkpoint().EachListEntry(ctx, l.ID, func(e ListEntry) error {
			old = append(old, e.ID)
			return nil
		})
		if err != nil {
			return err
		}
		if err := tx.Checkpoint().PutList(ctx, l, parsed.Entries); err != nil {
			return err
		}
		detail := fmt.Sprintf("%s (%s): %d loaded, %d rows skipped, %d replaced; sha256 %s", l.Name, l.File,
			l.Entries, l.Rejected, len(old), l.SHA256[:16])
		return s.log.Record(ctx, tx.Audit(), entry(p, actListLoad, l.ID, audit.OutcomeOK, detail))
	})
	if err != nil {
		return rep, fmt.Errorf("checkpoint: load list %s: %w", l.ID, err)
	}
	s.mu.Lock()
	for _, id := range old {
		s.lix.Delete(listKey(l.ID, id))
	}
	var ierr error
	for _, e := range parsed.Entries {
		if err := s.lix.Put(listEntry(e)); err != nil && ierr == nil {
			ierr = fmt.Errorf("checkpoint: index list %s entry %s: %w", l.ID, e.ID, err)
		}
	}
	s.lists[l.ID] = l
	s.mu.Unlock()
	rep.List, rep.Loaded, rep.Replaced = l, len(parsed.Entries), len(old)
	return rep, ierr
}

// DeleteList removes a watch list for p from the store and the index.
func (s *Service) DeleteList(ctx context.Context, p auth.Principal, id string) error {
	if !p.Can(auth.PermScreenLists) {
		err := borderlink.Errorf(borderlink.EForbidden, "error.forbidden", "removing a watch list needs the permission screen.lists",
			"perm", string(auth.PermScreenLists))
		return s.refuse(ctx, entry(p, actListDelete, id, audit.OutcomeDenied, err.Error()), err)
	}
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	var old []string
	err := s.db.Update(ctx, func(tx Tx) error {
		old = old[:0]
		err := tx.Checkpoint().EachListEntry(ctx, id, func(e ListEntry) error {
			old = append(old, e.ID)
			return nil
		})
		if err != nil {
			return err
		}
		if err := tx.Checkpoint().DeleteList(ctx, id); err != nil {
			return err
		}
		return s.log.Record(ctx, tx.Audit(), entry(p, actListDelete, id, audit.OutcomeOK, fmt.Sprintf("%d entries", len(old))))
	})
	if err != nil {
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return borderlink.Errorf(borderlink.ENotFound, "error.list_not_found", "no watch list "+id, "id", clip(id, 60))
		}
		return fmt.Errorf("checkpoint: delete list %s: %w", id, err)
	}
	s.mu.Lock()
	for _, e := range old {
		s.lix.Delete(listKey(id, e))
	}
	delete(s.lists, id)
	s.mu.Unlock()
	return nil
}

// Lists returns the watch lists loaded, by id.
func (s *Service) Lists() []List { return s.Size().Lists }

// Audit actions.
const (
	actScreen     = "screen.run"
	actListLoad   = "screen.list_load"
	actListDelete = "screen.list_delete"
)

func entry(p auth.Principal, action, id, outcome, detail string) audit.Entry {
	actor := p.Username
	if p.Unrestricted() && actor == "" {
		actor = "system"
	}
	obj := "screening"
	if action != actScreen {
		obj = "watch_list"
	}
	return audit.Entry{Actor: clip(actor, audit.MaxActor), ActorUnit: clip(p.Unit(), audit.MaxActorUnit), Action: action,
		ObjectType: obj, ObjectID: clip(id, audit.MaxObjectID), Outcome: outcome, Detail: clip(detail, audit.MaxDetail-4)}
}

// refuse records e and returns err after the transaction committed.
func (s *Service) refuse(ctx context.Context, e audit.Entry, err error) error {
	return borderlink.UpdateRefusing(ctx, s.db, func(tx Tx) error {
		if rerr := s.log.Record(ctx, tx.Audit(), e); rerr != nil {
			return rerr
		}
		return borderlink.Refuse(err)
	})
}

// queryDetail is what the audit trail keeps of a query: every field given.
func queryDetail(q Query) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name %q", q.Name)
	if q.DOB != "" {
		fmt.Fprintf(&b, ", dob %q", q.DOB)
	}
	if q.Document != "" {
		fmt.Fprintf(&b, ", document %q", q.Document)
	}
	if q.Nationality != "" {
		fmt.Fprintf(&b, ", nationality %q", q.Nationality)
	}
	return clip(b.String(), 600)
}

// outcome says in the audit trail what the officer was told.
func outcome(r Result) string {
	if len(r.Candidates) == 0 {
		return "no candidate"
	}
	c := r.Candidates[0]
	what := "lead"
	if r.Hit {
		what = "HIT"
	}
	ref := c.Kind + " " + c.ID
	if c.Kind == KindList {
		ref = "list " + c.List + " " + c.ID
	}
	return fmt.Sprintf("%s: %s (score %.2f), %d candidates", what, ref, c.Score, len(r.Candidates))
}

func firstID(r Result) string {
	if len(r.Candidates) == 0 {
		return ""
	}
	c := r.Candidates[0]
	if c.Kind == KindList {
		return c.List + "/" + c.ID
	}
	return c.ID
}
