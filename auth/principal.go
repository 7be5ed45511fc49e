package auth

import "github.com/borderlink/borderlink"

// Grant gives a role over a unit and every unit below it.
type Grant struct {
	Role Role   `json:"role"`
	Unit string `json:"unit"` // unit code
}

// UnitTree is what auth needs of the unit hierarchy (package units
// implements it).
type UnitTree interface {
	// Exists reports whether a unit with this code exists.
	Exists(code string) bool
	// Within reports whether unit code is ancestor or below it; a unit is
	// within itself.
	Within(code, ancestor string) bool
}

// How a principal was authenticated.
const (
	ViaSession = "session"
	ViaToken   = "token"
	ViaSystem  = "system"
)

// Principal is who is making a request, with what they may do.
type Principal struct {
	UserID      string          `json:"user_id"`
	Username    string          `json:"username"`
	DisplayName string          `json:"display_name"`
	Lang        borderlink.Lang `json:"lang"`
	Grants      []Grant         `json:"grants"`
	Via         string          `json:"via"` // ViaSession, ViaToken or ViaSystem
}

// System returns the principal of the node itself, for the command line and
// start-up tasks run by the operator of the machine: it holds every
// permission in every unit. name says who or what acts ("cli", "init").
func System(name string) Principal {
	return Principal{Username: name, DisplayName: name, Via: ViaSystem}
}

// Unrestricted reports whether p holds every permission everywhere (the
// system principal).
func (p Principal) Unrestricted() bool { return p.Via == ViaSystem }

// Can reports whether some grant of p holds perm, in whatever unit.
func (p Principal) Can(perm Permission) bool {
	if p.Unrestricted() {
		return true
	}
	for _, g := range p.Grants {
		if g.Role.Can(perm) {
			return true
		}
	}
	return false
}

// CanIn reports whether p holds perm over unit: through a grant on that unit
// or on one of its ancestors.
func (p Principal) CanIn(perm Permission, unit string, tree UnitTree) bool {
	if p.Unrestricted() {
		return true
	}
	for _, g := range p.Grants {
		if g.Role.Can(perm) && (g.Unit == unit || tree.Within(unit, g.Unit)) {
			return true
		}
	}
	return false
}

// ScopeUnits returns the units of the grants that hold perm (each covering
// its sub-units), without duplicates. It returns nil for the system
// principal, which is not limited to units: check Unrestricted first.
func (p Principal) ScopeUnits(perm Permission) []string {
	var units []string
	for _, g := range p.Grants {
		if !g.Role.Can(perm) {
			continue
		}
		dup := false
		for _, u := range units {
			dup = dup || u == g.Unit
		}
		if !dup {
			units = append(units, g.Unit)
		}
	}
	return units
}

// Unit returns the unit of p's first grant, the one p acts for in the audit
// trail, or "" when p has none.
func (p Principal) Unit() string {
	if len(p.Grants) == 0 {
		return ""
	}
	return p.Grants[0].Unit
}

// principal builds the principal of an account.
func principal(a Account, via string) Principal {
	return Principal{UserID: a.ID, Username: a.Username, DisplayName: a.DisplayName, Lang: a.Lang,
		Grants: append([]Grant(nil), a.Grants...), Via: via}
}
