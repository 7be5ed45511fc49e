package auth

import (
	"crypto/rand"
	"strings"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
)

// Password rules.
const (
	MinPasswordLen = 10  // characters
	MaxPasswordLen = 256 // characters; longer input is refused, not cut
)

// CheckPassword returns EInvalid (key error.weak_password, argument min)
// when password is shorter than MinPasswordLen characters, equals the
// username ignoring case, or repeats one character; and EInvalid (key
// error.password_too_long, argument max) when it is longer than
// MaxPasswordLen.
func CheckPassword(username, password string) error {
	n := utf8.RuneCountInString(password)
	if n > MaxPasswordLen {
		return borderlink.Errorf(borderlink.EInvalid, "error.password_too_long",
			"the password is too long", "max", MaxPasswordLen)
	}
	weak := n < MinPasswordLen || strings.EqualFold(password, username) || oneChar(password)
	if weak {
		return borderlink.Errorf(borderlink.EInvalid, "error.weak_password",
			"the password must have at least 10 characters, differ from the username and not repeat one character",
			"min", MinPasswordLen)
	}
	return nil
}

func oneChar(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	for _, r := range s {
		if r != first {
			return false
		}
	}
	return true
}

// passwordAlphabet has no characters that are easily confused when a
// password is read aloud or copied from paper (0 O o, 1 l I).
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random password of 16 characters from an
// unambiguous alphabet, in four groups of four joined by hyphens
// ("k7Rm-xq3P-…", about 92 bits), for new accounts and password resets.
func GeneratePassword() string {
	const groups, size = 4, 4
	var b strings.Builder
	buf := make([]byte, 1)
	for i := range groups * size {
		if i > 0 && i%size == 0 {
			b.WriteByte('-')
		}
		for {
			if _, err := rand.Read(buf); err != nil {
				panic("auth: random source failed: " + err.Error())
			}
			// Reject values past the largest multiple of the alphabet size
			// so that every character is equally likely.
			if int(buf[0]) < 256/len(passwordAlphabet)*len(passwordAlphabet) {
				b.WriteByte(passwordAlphabet[int(buf[0])%len(passwordAlphabet)])
				break
			}
		}
	}
	return b.String()
}
