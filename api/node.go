package api

import (
	"encoding/base64"
	"net/http"

	"github.com/borderlink/borderlink/auth"
)

// nodeInfo is what any caller may learn of a node: enough to set up peering.
type nodeInfo struct {
	NodeID          string `json:"node_id"`
	Country         string `json:"country"`
	Version         string `json:"version"`
	PublicKey       string `json:"public_key"`       // Ed25519, base64
	CertFingerprint string `json:"cert_fingerprint"` // SHA-256 of the TLS certificate, hex
}

func (a *API) node(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, nodeInfo{
		NodeID: string(a.NodeID), Country: a.Country, Version: a.Version,
		PublicKey:       base64.StdEncoding.EncodeToString(a.AuditKey),
		CertFingerprint: a.CertFingerprint,
	})
}

type meBody struct {
	auth.Principal
	Permissions []auth.Permission `json:"permissions"`
}

func (a *API) me(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	var perms []auth.Permission
	for _, perm := range auth.Permissions() {
		if p.Can(perm) {
			perms = append(perms, perm)
		}
	}
	writeJSON(w, http.StatusOK, meBody{Principal: p, Permissions: perms})
}
