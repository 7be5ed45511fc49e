package node

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/borderlink/borderlink"
)

// Files of a node's identity inside its data directory. The keys never enter
// the database, so that a copy of the database cannot sign in the node's name
// or rewrite its audit history.
const (
	IdentityKeyFile = "identity.key" // Ed25519: signs envelopes and audit checkpoints
	TLSCertFile     = "tls.crt"      // ECDSA P-256 self-signed: HTTPS and mutual TLS with peers
	TLSKeyFile      = "tls.key"
)

// Identity is who a node is: its id, its country, the Ed25519 key that signs
// what it publishes, and the TLS certificate peers pin.
type Identity struct {
	NodeID  borderlink.NodeID
	Country string
	Key     ed25519.PrivateKey
	TLS     tls.Certificate
}

// PublicKey returns the node's Ed25519 public key.
func (id *Identity) PublicKey() ed25519.PublicKey { return id.Key.Public().(ed25519.PublicKey) }

// CertFingerprint returns the SHA-256 of the node's TLS certificate, in hex:
// what a peer's operator compares when adding this node.
func (id *Identity) CertFingerprint() string {
	sum := sha256.Sum256(id.TLS.Certificate[0])
	return hex.EncodeToString(sum[:])
}

// CertPEM returns the node's TLS certificate in PEM form, to hand to peers.
func (id *Identity) CertPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: id.TLS.Certificate[0]})
}

// createIdentity writes new keys and a certificate into dir. It refuses to
// overwrite existing files.
func createIdentity(dir string, nodeID borderlink.NodeID, hosts []string, now time.Time) error {
	for _, f := range []string{IdentityKeyFile, TLSCertFile, TLSKeyFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return borderlink.Errorf(borderlink.EConflict, "error.already_initialised",
				"data directory already holds a node identity: "+dir, "dir", dir)
		}
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("node: identity key: %w", err)
	}
	if err := writeKey(filepath.Join(dir, IdentityKeyFile), edKey); err != nil {
		return err
	}
	tlsKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return fmt.Errorf("node: tls key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 126))
	if err != nil {
		return fmt.Errorf("node: serial: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: string(nodeID), Organization: []string{"BorderLink node"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IsCA:                  true, // self-signed: peers pin it as its own root
		DNSNames:              []string{string(nodeID), "localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else if h != "" {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &tlsKey.PublicKey, tlsKey)
	if err != nil {
		return fmt.Errorf("node: certificate: %w", err)
	}
	if err := writeKey(filepath.Join(dir, TLSKeyFile), tlsKey); err != nil {
		return err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(filepath.Join(dir, TLSCertFile), certPEM, 0o644); err != nil {
		return fmt.Errorf("node: write certificate: %w", err)
	}
	return nil
}

func writeKey(path string, key any) error {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return fmt.Errorf("node: encode key: %w", err)
	}
	data := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("node: write key: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("node: write key: %w", err)
	}
	return f.Close()
}

// loadIdentity reads the keys and certificate from dir.
func loadIdentity(dir string, nodeID borderlink.NodeID, country string) (*Identity, error) {
	data, err := os.ReadFile(filepath.Join(dir, IdentityKeyFile))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, borderlink.Errorf(borderlink.ENotFound, "error.not_initialised",
				"no node in "+dir+": run borderlink init first", "dir", dir)
		}
		return nil, fmt.Errorf("node: read identity: %w", err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("node: %s is not PEM", IdentityKeyFile)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("node: parse identity key: %w", err)
	}
	edKey, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("node: %s is not an Ed25519 key", IdentityKeyFile)
	}
	cert, err := tls.LoadX509KeyPair(filepath.Join(dir, TLSCertFile), filepath.Join(dir, TLSKeyFile))
	if err != nil {
		return nil, fmt.Errorf("node: load tls certificate: %w", err)
	}
	return &Identity{NodeID: nodeID, Country: country, Key: edKey, TLS: cert}, nil
}
