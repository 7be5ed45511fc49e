package auth_test

import (
	"slices"
	"testing"

	"github.com/borderlink/borderlink/auth"
)

func TestRolePermissions(t *testing.T) {
	if len(auth.RolePermissions) != len(auth.Roles()) {
		t.Errorf("RolePermissions has %d roles, Roles() %d", len(auth.RolePermissions), len(auth.Roles()))
	}
	for _, r := range auth.Roles() {
		perms, ok := auth.RolePermissions[r]
		if !ok {
			t.Errorf("role %s has no entry in RolePermissions", r)
		}
		for _, p := range []auth.Permission{auth.PermProfile, auth.PermUnitsRead} {
			if !r.Can(p) {
				t.Errorf("role %s lacks %s, which every role holds", r, p)
			}
		}
		for _, p := range perms {
			if !slices.Contains(auth.Permissions(), p) {
				t.Errorf("role %s holds %s, which is not in Permissions()", r, p)
			}
		}
	}
	// Separation of duties and the domestic-only treatment records.
	for _, tc := range []struct {
		perm auth.Permission
		who  []auth.Role
	}{
		{auth.PermAuditRead, []auth.Role{auth.RoleAuditor}},
		{auth.PermAuditVerify, []auth.Role{auth.RoleAuditor}},
		{auth.PermUsersManage, []auth.Role{auth.RoleAdmin}},
		{auth.PermPeersManage, []auth.Role{auth.RoleAdmin}},
		{auth.PermUnitsImport, []auth.Role{auth.RoleAdmin}},
		{auth.PermTreatmentRead, []auth.Role{auth.RoleTreatment}},
		{auth.PermTreatmentWrite, []auth.Role{auth.RoleTreatment}},
		{auth.PermStatsRead, []auth.Role{auth.RoleCommander, auth.RoleInvestigator, auth.RoleAnalyst}},
		{auth.PermCasesRead, []auth.Role{auth.RoleCommander, auth.RoleInvestigator, auth.RoleAnalyst}},
		{auth.PermCasesWrite, []auth.Role{auth.RoleCommander, auth.RoleInvestigator}},
		{auth.PermHotlineSend, []auth.Role{auth.RoleCommander, auth.RoleOfficer, auth.RoleLiaison}},
		{auth.PermWantedRead, []auth.Role{auth.RoleCommander, auth.RoleOfficer, auth.RoleInvestigator, auth.RoleLiaison}},
		{auth.PermWantedWrite, []auth.Role{auth.RoleCommander, auth.RoleInvestigator}},
		{auth.PermScreen, []auth.Role{auth.RoleCommander, auth.RoleOfficer, auth.RoleInvestigator, auth.RoleLiaison}},
		{auth.PermScreenLists, []auth.Role{auth.RoleCommander, auth.RoleInvestigator}},
		{auth.PermCommunesRead, []auth.Role{auth.RoleCommander, auth.RoleAnalyst}},
		{auth.PermCommunesWrite, []auth.Role{auth.RoleCommander}},
		{auth.PermPlansRead, []auth.Role{auth.RoleCommander, auth.RoleInvestigator, auth.RoleAnalyst, auth.RoleLiaison}},
		{auth.PermPlansWrite, []auth.Role{auth.RoleCommander, auth.RoleLiaison}},
	} {
		var got []auth.Role
		for _, r := range auth.Roles() {
			if r.Can(tc.perm) {
				got = append(got, r)
			}
		}
		if !slices.Equal(got, tc.who) {
			t.Errorf("%s held by %v, want %v", tc.perm, got, tc.who)
		}
	}
	if auth.Role("root").Valid() || auth.Role("root").Can(auth.PermProfile) {
		t.Error("an unknown role is valid or holds a permission")
	}
}

func TestPrincipalScope(t *testing.T) {
	p := auth.Principal{Username: "hoa", Grants: []auth.Grant{
		{Role: auth.RoleOfficer, Unit: "VN-11"}, {Role: auth.RoleAnalyst, Unit: "VN-12"}, {Role: auth.RoleCommander, Unit: "VN-11"},
	}, Via: auth.ViaSession}
	for _, tc := range []struct {
		perm auth.Permission
		unit string
		want bool
	}{
		{auth.PermHotlineSend, "VN-11", true},
		{auth.PermHotlineSend, "VN-11-D01", true}, // a sub-unit
		{auth.PermHotlineSend, "VN-12", false},
		{auth.PermHotlineSend, "VN-MPS", false}, // a parent is not in scope
		{auth.PermStatsRead, "VN-12", true},
		{auth.PermStatsRead, "VN-11", true}, // through the commander grant
		{auth.PermAuditRead, "VN-11", false},
	} {
		if got := p.CanIn(tc.perm, tc.unit, units); got != tc.want {
			t.Errorf("CanIn(%s, %s) = %v, want %v", tc.perm, tc.unit, got, tc.want)
		}
	}
	if got := p.ScopeUnits(auth.PermStatsRead); !slices.Equal(got, []string{"VN-12", "VN-11"}) {
		t.Errorf("ScopeUnits(stats.read) = %v", got)
	}
	if p.Can(auth.PermUsersManage) || !p.Can(auth.PermHotlineRead) {
		t.Error("Can is wrong")
	}
	sys := auth.System("cli")
	if !sys.Can(auth.PermAuditRead) || !sys.CanIn(auth.PermUsersManage, "LA-PH", units) || !sys.Unrestricted() {
		t.Error("the system principal is restricted")
	}
}
