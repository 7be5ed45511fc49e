package recordkit

import (
	"errors"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
)

// Who names a user of node self as histories and steps record them.
func Who(p auth.Principal, self borderlink.NodeID) string { return p.Username + "@" + string(self) }

// DefaultLang is the language of text whose writer did not say: the
// writer's own, else that of the node's country.
func DefaultLang(p auth.Principal, country string) borderlink.Lang {
	if p.Lang != "" {
		return p.Lang
	}
	switch country {
	case "VN":
		return borderlink.LangVI
	case "LA":
		return borderlink.LangLO
	}
	return borderlink.LangEN
}

// WrapErr adds context to an unexpected storage error of domain ("cases");
// errors users see pass unchanged.
func WrapErr(domain, op string, err error) error {
	if err == nil {
		return nil
	}
	var be *borderlink.Error
	if errors.As(err, &be) && be.Code != borderlink.EInternal {
		return err
	}
	return fmt.Errorf("%s: %s: %w", domain, op, err)
}
