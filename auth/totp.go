package auth

import (
	"bytes"
	"encoding/base32"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/borderlink/borderlink"
)

// TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, a
// 30-second step, 160-bit secrets. A code is accepted for the current step
// and one step either side (clock drift), and each step only once: a code
// seen on the wire cannot be used again.

const (
	totpPeriod = 30
	qrSize     = 256 // pixels
)

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Skew: 0, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// checkTOTP returns the time step that code is valid for at now, given the
// secret and the last step accepted before. The steps now, now-30 s and
// now+30 s are tried in turn (each with skew 0, to know which one matched).
//
// Errors: EInvalid with key error.bad_totp for a wrong code, error.code_used
// for a code of a step already used.
func checkTOTP(secret, code string, now time.Time, lastStep int64) (int64, error) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != otp.DigitsSix.Length() {
		return 0, errWrongCode()
	}
	for _, d := range []int64{0, -1, 1} {
		t := now.Add(time.Duration(d*totpPeriod) * time.Second)
		ok, err := totp.ValidateCustom(code, secret, t, totpOpts)
		if err != nil || !ok {
			continue
		}
		step := t.Unix() / totpPeriod
		if step <= lastStep {
			return 0, borderlink.Errorf(borderlink.EInvalid, "error.code_used",
				"this code was used already; wait for the next one")
		}
		return step, nil
	}
	return 0, errWrongCode()
}

// Enrolment is what a user needs to add the second factor to an
// authenticator app: the otpauth:// URL (it holds the secret, for typing in
// by hand) and the same as a QR code in PNG.
type Enrolment struct {
	URL string
	PNG []byte
}

// newTOTPSecret returns a fresh random secret in base32.
func (s *Service) newTOTPSecret(username string) (string, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: s.opts.Issuer, AccountName: username,
		Period: totpPeriod, SecretSize: 20, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return "", fmt.Errorf("auth: totp secret: %w", err)
	}
	return key.Secret(), nil
}

// enrolment renders the enrolment of a secret for username.
func (s *Service) enrolment(username, secret string) (Enrolment, error) {
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil {
		return Enrolment{}, fmt.Errorf("auth: stored totp secret: %w", err)
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: s.opts.Issuer, AccountName: username,
		Period: totpPeriod, Secret: raw, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return Enrolment{}, fmt.Errorf("auth: totp key: %w", err)
	}
	img, err := key.Image(qrSize, qrSize)
	if err != nil {
		return Enrolment{}, fmt.Errorf("auth: qr code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return Enrolment{}, fmt.Errorf("auth: qr code: %w", err)
	}
	return Enrolment{URL: key.URL(), PNG: buf.Bytes()}, nil
}
