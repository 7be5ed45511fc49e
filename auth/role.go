package auth

import "slices"

// Role is what a user does. A user holds roles through Grants, each scoped
// to a unit and its sub-units. Role values are stored and never renamed.
type Role string

const (
	RoleAdmin        Role = "admin"             // manages accounts, units and peers of its units
	RoleCommander    Role = "commander"         // leads a unit: hotline, cases, statistics, its people
	RoleOfficer      Role = "officer"           // works the hotline
	RoleInvestigator Role = "investigator"      // investigates joint cases
	RoleAnalyst      Role = "analyst"           // reads statistics
	RoleLiaison      Role = "liaison"           // staffs a border liaison office: hotline
	RoleTreatment    Role = "treatment_officer" // keeps drug users' treatment records
	RoleAuditor      Role = "auditor"           // reads and verifies the audit trail
)

// Roles lists every role, in the order the interface offers them.
func Roles() []Role {
	return []Role{RoleAdmin, RoleCommander, RoleOfficer, RoleInvestigator, RoleAnalyst, RoleLiaison, RoleTreatment, RoleAuditor}
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	_, ok := RolePermissions[r]
	return ok
}

// Permission is what an endpoint requires of its caller. Values are stored
// in routes and tests and never renamed.
type Permission string

const (
	PermProfile        Permission = "profile"         // own profile, password, second factor, own API tokens
	PermUnitsRead      Permission = "units.read"      // the unit directory
	PermUnitsImport    Permission = "units.import"    // import and edit units
	PermUsersRead      Permission = "users.read"      // accounts of one's units
	PermUsersManage    Permission = "users.manage"    // create, disable, reset, grant roles
	PermTokensCreate   Permission = "tokens.create"   // API tokens for other users (integrations)
	PermAuditRead      Permission = "audit.read"      // read the audit trail
	PermAuditVerify    Permission = "audit.verify"    // verify the audit trail's integrity
	PermPeersManage    Permission = "peers.manage"    // federation peers
	PermHotlineRead    Permission = "hotline.read"    // read hotline channels
	PermHotlineSend    Permission = "hotline.send"    // send on hotline channels
	PermStatsRead      Permission = "stats.read"      // statistics and dashboards
	PermStatsImport    Permission = "stats.import"    // import statistics spreadsheets of the grant's units
	PermCasesRead      Permission = "cases.read"      // joint cases, their subjects, seizures and arrests
	PermCasesWrite     Permission = "cases.write"     // create and edit the node's own case records
	PermWantedRead     Permission = "wanted.read"     // wanted notices of one's units and the partner's; report sightings
	PermWantedWrite    Permission = "wanted.write"    // issue and edit the node's own wanted notices, hand-overs
	PermScreen         Permission = "screen"          // screen names against the wanted and watch lists
	PermScreenLists    Permission = "screen.lists"    // load external watch lists
	PermCommunesRead   Permission = "communes.read"   // the drug-free commune programme: criteria, assessments, dashboards
	PermCommunesWrite  Permission = "communes.write"  // assess one's communes, verify and decide for the units below
	PermPlansRead      Permission = "plans.read"      // agreements, plans, tasks, conferences, targets
	PermPlansWrite     Permission = "plans.write"     // write the node's own agreements, plans and tasks
	PermTreatmentRead  Permission = "treatment.read"  // treatment records (domestic only)
	PermTreatmentWrite Permission = "treatment.write" // write treatment records
)

// Permissions lists every permission.
func Permissions() []Permission {
	return []Permission{PermProfile, PermUnitsRead, PermUnitsImport, PermUsersRead, PermUsersManage,
		PermTokensCreate, PermAuditRead, PermAuditVerify, PermPeersManage, PermHotlineRead,
		PermHotlineSend, PermStatsRead, PermStatsImport, PermCasesRead, PermCasesWrite, PermWantedRead, PermWantedWrite, PermScreen, PermScreenLists,
		PermCommunesRead, PermCommunesWrite, PermPlansRead, PermPlansWrite, PermTreatmentRead, PermTreatmentWrite}
}

// RolePermissions is the whole access policy: what each role may do. It is
// data so that a test can walk every endpoint with every role.
//
// Separation of duties: administrators manage accounts but do not read the
// audit trail that records what they did; auditors read and verify it but
// change nothing. Treatment records are reachable by treatment officers only,
// not even by commanders or administrators.
//
//	role               permissions
//	admin              profile units.read units.import users.read users.manage tokens.create peers.manage
//	commander          profile units.read users.read hotline.read hotline.send stats.read cases.read cases.write
//	                   wanted.read wanted.write screen screen.lists communes.read communes.write plans.read
//	                   plans.write
//	officer            profile units.read hotline.read hotline.send wanted.read screen
//	investigator       profile units.read cases.read cases.write stats.read wanted.read wanted.write screen
//	                   screen.lists plans.read
//	analyst            profile units.read stats.read stats.import cases.read communes.read plans.read
//	liaison            profile units.read hotline.read hotline.send wanted.read screen plans.read plans.write
//	treatment_officer  profile units.read treatment.read treatment.write
//	auditor            profile units.read users.read audit.read audit.verify
var RolePermissions = map[Role][]Permission{
	RoleAdmin: {PermProfile, PermUnitsRead, PermUnitsImport, PermUsersRead, PermUsersManage,
		PermTokensCreate, PermPeersManage},
	RoleCommander: {PermProfile, PermUnitsRead, PermUsersRead, PermHotlineRead, PermHotlineSend, PermStatsRead,
		PermCasesRead, PermCasesWrite, PermWantedRead, PermWantedWrite, PermScreen, PermScreenLists,
		PermCommunesRead, PermCommunesWrite, PermPlansRead, PermPlansWrite},
	RoleOfficer: {PermProfile, PermUnitsRead, PermHotlineRead, PermHotlineSend, PermWantedRead, PermScreen},
	RoleInvestigator: {PermProfile, PermUnitsRead, PermCasesRead, PermCasesWrite, PermStatsRead,
		PermWantedRead, PermWantedWrite, PermScreen, PermScreenLists, PermPlansRead},
	RoleAnalyst: {PermProfile, PermUnitsRead, PermStatsRead, PermStatsImport, PermCasesRead, PermCommunesRead, PermPlansRead},
	RoleLiaison: {PermProfile, PermUnitsRead, PermHotlineRead, PermHotlineSend, PermWantedRead, PermScreen,
		PermPlansRead, PermPlansWrite},
	RoleTreatment: {PermProfile, PermUnitsRead, PermTreatmentRead, PermTreatmentWrite},
	RoleAuditor:   {PermProfile, PermUnitsRead, PermUsersRead, PermAuditRead, PermAuditVerify},
}

// Can reports whether the role holds p.
func (r Role) Can(p Permission) bool { return slices.Contains(RolePermissions[r], p) }
