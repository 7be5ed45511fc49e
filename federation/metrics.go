package federation

import (
	"errors"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the federation's Prometheus metrics.
type metrics struct {
	refused   *prometheus.CounterVec   // by reason: envelopes this node refused from peers
	sendFail  *prometheus.CounterVec   // by reason: Send calls refused
	received  *prometheus.CounterVec   // by result: applied, relayed, duplicate, held
	delivered *prometheus.CounterVec   // by peer: our queued envelopes a peer acknowledged
	peerRef   *prometheus.CounterVec   // by peer, reason: queued envelopes a peer refused
	errors    *prometheus.CounterVec   // by peer: failed delivery attempts
	forks     *prometheus.CounterVec   // by origin: forked audit logs detected
	queue     *prometheus.GaugeVec     // by peer: outbox length seen by the sender
	lag       *prometheus.GaugeVec     // by peer: age of the oldest queued envelope
	batch     *prometheus.HistogramVec // by peer: round trip of one batch
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "borderlink_federation_envelopes_refused_total",
			Help: "Envelopes received from peers and refused, by reason."}, []string{"reason"}),
		sendFail: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "borderlink_federation_send_refused_total",
			Help: "Envelopes this node refused to put in its outbox, by reason."}, []string{"reason"}),
		received: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "borderlink_federation_envelopes_received_total",
			Help: "Envelopes received from peers, by result (applied, relayed, duplicate, held)."}, []string{"result"}),
		delivered: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "borderlink_federation_envelopes_delivered_total",
			Help: "Queued envelopes acknowledged by the peer they were handed to."}, []string{"peer"}),
		peerRef: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "borderlink_federation_envelopes_refused_by_peer_total",
			Help: "Queued envelopes the peer refused, by peer and reason."}, []string{"peer", "reason"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "borderlink_federation_delivery_errors_total",
			Help: "Failed attempts to deliver a batch, by peer."}, []string{"peer"}),
		forks: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "borderlink_federation_audit_forks_total",
			Help: "Audit checkpoints of a peer that do not extend the ones witnessed before, by origin."}, []string{"origin"}),
		queue: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "borderlink_federation_queue_envelopes",
			Help: "Envelopes queued for a peer and not yet acknowledged."}, []string{"peer"}),
		lag: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "borderlink_federation_lag_seconds",
			Help: "Age of the oldest envelope queued for a peer."}, []string{"peer"}),
		batch: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "borderlink_federation_batch_seconds",
			Help:    "Round trip of one batch to a peer.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10}}, []string{"peer"}),
	}
	if reg == nil {
		return m, nil
	}
	var err error
	for _, p := range []**prometheus.CounterVec{&m.refused, &m.sendFail, &m.received, &m.delivered, &m.peerRef, &m.errors, &m.forks} {
		if *p, err = register(reg, *p); err != nil {
			return nil, err
		}
	}
	for _, p := range []**prometheus.GaugeVec{&m.queue, &m.lag} {
		if *p, err = register(reg, *p); err != nil {
			return nil, err
		}
	}
	if m.batch, err = register(reg, m.batch); err != nil {
		return nil, err
	}
	return m, nil
}

// register registers c, or returns the collector registered before under
// the same name (a node reopened in the same process).
func register[C prometheus.Collector](reg prometheus.Registerer, c C) (C, error) {
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if old, ok := are.ExistingCollector.(C); ok {
				return old, nil
			}
		}
		return c, fmt.Errorf("federation: metrics: %w", err)
	}
	return c, nil
}
