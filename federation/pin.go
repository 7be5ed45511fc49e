package federation

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"time"
)

// PinnedTLS returns the TLS configuration for calling peer p: TLS 1.3, own
// as the client certificate, and p's pinned certificate as the only one
// accepted from the server. Peers are identified by that exact certificate,
// not by a CA and a host name.
func PinnedTLS(own tls.Certificate, p Peer) (*tls.Config, error) {
	want, err := p.Certificate()
	if err != nil {
		return nil, err
	}
	return &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{own},
		// The standard chain verification is replaced by the exact
		// comparison below.
		InsecureSkipVerify: true,
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			if len(raw) == 0 || !bytes.Equal(raw[0], want.Raw) {
				return fmt.Errorf("federation: %s presented a certificate other than the pinned one", p.ID)
			}
			return nil
		},
	}, nil
}

// PinnedClient returns an HTTP client that calls peer p over mutual TLS
// with PinnedTLS.
func PinnedClient(own tls.Certificate, p Peer) (*http.Client, error) {
	cfg, err := PinnedTLS(own, p)
	if err != nil {
		return nil, err
	}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		TLSClientConfig: cfg, ForceAttemptHTTP2: true, MaxIdleConnsPerHost: 4, IdleConnTimeout: 90 * time.Second,
	}}, nil
}
