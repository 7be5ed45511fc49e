package main

import (
	"os"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
)

// passwordFrom reads a password from file, or generates one when file is "".
// Passwords never come from flags: they would show in the process list and
// the shell history.
func passwordFrom(file string) (pw string, generated bool, err error) {
	if file == "" {
		return auth.GeneratePassword(), true, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", false, borderlink.Errorf(borderlink.EInvalid, "error.invalid", "cannot read password file: "+err.Error())
	}
	return strings.TrimRight(string(b), "\r\n"), false, nil
}
