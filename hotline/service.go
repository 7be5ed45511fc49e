package hotline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/units"
)

// Kinds of envelope the hotline sends and applies.
const (
	KindMessage = "hotline.message"
	KindReceipt = "hotline.receipt"
	KindChunk   = "hotline.chunk"
	// KindReceipts carries the receipts of many messages at once: the
	// delivered receipts of a batch of messages applied together.
	KindReceipts = "hotline.receipts"
)

// Outbox puts envelopes to peers in the transactional outbox
// (*federation.Service implements it).
type Outbox interface {
	// Send adds an envelope of kind with payload for dest to the outbox in
	// the caller's transaction (repo is tx.Federation()).
	Send(ctx context.Context, repo federation.Repo, dest borderlink.NodeID, kind string, payload any) (federation.Envelope, error)
	// Kick wakes the sender to dest; called after the transaction commits.
	Kick(dest borderlink.NodeID)
	// NodeFor returns the other node that serves a unit: unitAndAncestors
	// is the unit's code followed by its ancestors' codes, nearest first,
	// and the first one a known node serves decides. false: none does.
	NodeFor(ctx context.Context, unitAndAncestors []string) (borderlink.NodeID, bool, error)
}

// FormValidator checks a structured form (forms.Validate). It returns an
// EInvalid *borderlink.Error saying what is wrong, or nil.
type FormValidator func(formType string, fields map[string]any) error

// FormChecker normalises and checks a structured form as it stands at a
// time (forms.Check with forms.Options.Now set to at): it returns the
// fields to store and send, or an EInvalid *borderlink.Error saying what is
// wrong. The hotline passes the message's creation time, so that the
// sending and the receiving node judge dates alike however late the
// message arrives.
type FormChecker func(formType string, fields map[string]any, at time.Time) (map[string]any, error)

// Translator translates text (package i18n/translate provides them). It
// returns the translation and the name of the engine that made it.
type Translator interface {
	Translate(ctx context.Context, text string, from, to borderlink.Lang) (string, string, error)
}

// Options configure a Service. DB, Log, Units, Outbox, Self and Own are
// required.
type Options struct {
	DB     DB
	Log    *audit.Log
	Units  interface{ Tree() *units.Tree }
	Outbox Outbox
	Self   borderlink.NodeID
	// Own are the units this node serves, each with its sub-units (a
	// ministry node: its ministry's code). A unit that another node serves
	// more closely (see federation.Peer.Units) belongs to that node.
	Own   []string
	Clock borderlink.Clock // default: the system clock
	// Deadlines for acknowledgement by priority; missing ones take
	// DefaultDeadlines.
	Deadlines map[Priority]time.Duration
	// CheckForm normalises and checks forms; when it is nil, Validate
	// checks them as they are written, and when both are nil every form
	// is accepted.
	CheckForm FormChecker
	Validate  FormValidator
	// Translator, with Lang, translates incoming messages written in
	// another language into Lang after they are stored.
	Translator Translator
	Lang       borderlink.Lang
	Logger     *slog.Logger // default: discard
}

// Service is the hotline of one node. It is safe for concurrent use.
type Service struct {
	db           DB
	log          *audit.Log
	units        interface{ Tree() *units.Tree }
	outbox       Outbox
	self         borderlink.NodeID
	own          []string
	clock        borderlink.Clock
	deadlines    map[Priority]time.Duration
	validate     FormValidator
	formChecker  FormChecker
	translator   Translator
	lang         borderlink.Lang
	logger       *slog.Logger
	events       *Events
	commits      *committer
	translations translations

	bgCtx  context.Context // background work (translations, post-commit)
	stop   context.CancelFunc
	bg     sync.WaitGroup
	slots  chan struct{} // bounds concurrent translations
	closed sync.Once
}

// NewService returns the hotline service described by o.
func NewService(o Options) (*Service, error) {
	if o.DB == nil || o.Log == nil || o.Units == nil || o.Outbox == nil {
		return nil, errors.New("hotline: NewService needs a DB, an audit log, units and an outbox")
	}
	if err := o.Self.Validate(); err != nil {
		return nil, fmt.Errorf("hotline: %w", err)
	}
	if len(o.Own) == 0 {
		return nil, errors.New("hotline: NewService needs the units the node serves (Options.Own)")
	}
	if o.Clock == nil {
		o.Clock = borderlink.SystemClock{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	dl := map[Priority]time.Duration{}
	for _, p := range Priorities() {
		dl[p] = DefaultDeadlines[p]
		if d, ok := o.Deadlines[p]; ok && d > 0 {
			dl[p] = d
		}
	}
	s := &Service{db: o.DB, log: o.Log, units: o.Units, outbox: o.Outbox, self: o.Self, own: append([]string(nil), o.Own...),
		clock: o.Clock, deadlines: dl, validate: o.Validate, formChecker: o.CheckForm, translator: o.Translator, lang: o.Lang, logger: o.Logger,
		slots: make(chan struct{}, 4)}
	s.events = newEvents(func(code, ancestor string) bool { return s.units.Tree().Within(code, ancestor) })
	s.bgCtx, s.stop = context.WithCancel(context.Background())
	s.commits = &committer{s: s}
	return s, nil
}

// Events returns the hub on which the service publishes what changed.
func (s *Service) Events() *Events { return s.events }

// Deadline returns the acknowledgement deadline of a priority.
func (s *Service) Deadline(p Priority) time.Duration { return s.deadlines[p] }

// Close stops background work (translations in flight, post-commit
// notifications still waiting) and waits for it to end. The service must
// not be used afterwards.
func (s *Service) Close() {
	s.closed.Do(func() {
		s.stop()
		s.bg.Wait()
	})
}

// today is the date by the service's clock, on which channels are checked.
func (s *Service) today() borderlink.Date { return borderlink.DateOf(s.clock.Now()) }

// update runs fn in a read-write transaction; a refusal (see refuse)
// commits what fn wrote, its audit entry, and is then returned.
func (s *Service) update(ctx context.Context, fn func(Tx) error) error {
	return borderlink.UpdateRefusing(ctx, s.db, fn)
}

// refuse marks err as a refusal whose transaction still commits.
func refuse(err error) error { return borderlink.Refuse(err) }
