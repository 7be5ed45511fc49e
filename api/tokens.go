package api

import (
	"net/http"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/httpx"
)

type tokenBody struct {
	Username string `json:"username"` // empty: the caller
	Name     string `json:"name"`
	TTL      string `json:"ttl"` // Go duration such as "720h"; empty: the default of 90 days
}

type createdToken struct {
	Token   string    `json:"token"` // shown once
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Expires time.Time `json:"expires,omitzero"`
}

// createToken answers POST /api/v1/tokens. Anyone may create tokens for
// themselves; tokens for other users need tokens.create over their units.
func (a *API) createToken(w http.ResponseWriter, r *http.Request) {
	var b tokenBody
	if err := httpx.DecodeJSON(r, &b); err != nil {
		a.Error(w, r, err)
		return
	}
	var ttl time.Duration
	if b.TTL != "" {
		d, err := time.ParseDuration(b.TTL)
		if err != nil || d <= 0 {
			a.Error(w, r, borderlink.Errorf(borderlink.EInvalid, "error.bad_ttl", "ttl must be a positive duration such as 720h"))
			return
		}
		ttl = d
	}
	p := principal(r)
	if b.Username == "" {
		b.Username = p.Username
	}
	plain, tok, err := a.Accounts.CreateToken(r.Context(), p, b.Username, b.Name, ttl)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, createdToken{Token: plain, ID: tok.ID, Name: tok.Name, Expires: tok.Expires})
}
