// Staff roles, the permissions routes and records ask for, and which role
// holds which (RoleHas: the one table of it). Deny by default: a permission
// not listed for a role is refused. services/authorization.h applies it to
// requests; the policy checker uses it so that a policy cannot hand a
// decision to a role that may not make it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune {

// Staff roles; kParent: a parent or carer signed in to see their own
// children (model/family.h); and above schools (model/organisation.h)
// kTrustLeader, who sees the figures of their trust's schools, and
// kLaOfficer, a local authority's officer, who sees its schools' figures
// and the notices the law sends it. None of the last three is a member of
// staff's role: AllRoles() and ParseRole() know only staff roles, so no
// staff form, policy or import can give them.
enum class Role {
  kTeacher,
  kSupport,
  kPastoral,
  kSenco,
  kDsl,
  kSenior,
  kAdmin,
  kParent,
  kTrustLeader,
  kLaOfficer
};

// "teacher", "support", "pastoral", "senco", "dsl", "senior", "admin",
// "parent", "trust_leader", "la_officer".
const char* RoleName(Role role);
// What a person sees: "Teacher", "Support staff", "Pastoral lead", "SENCO",
// "Designated safeguarding lead", "Senior leader", "Administrator",
// "Parent or carer".
const char* RoleLabel(Role role);
// A staff role by name; nullopt for "parent" and anything else.
std::optional<Role> ParseRole(std::string_view name);
// The staff roles.
const std::vector<Role>& AllRoles();
// kTrustLeader and kLaOfficer: the roles above schools.
const std::vector<Role>& OrganisationRoles();
bool IsOrganisationRole(Role role);
// An organisation role by name ("trust_leader", "la_officer"); nullopt
// for anything else.
std::optional<Role> ParseOrganisationRole(std::string_view name);

enum class Permission {
  kPublic,                   // anyone, signed in or not (sign-in page, health)
  kSignedIn,                 // any signed-in member of staff (home, own account)
  kPupilsView,               // pupil list, search, pupil page, personal profile
  kPupilsViewContacts,       // parents' and carers' contact details
  kPupilsViewSensitive,      // special-category fields: ethnicity, FSM, looked-after, EHCP
  kStaffManage,              // add staff, change roles, deactivate (see MayGrantRole)
  kAuditView,                // read the audit log
  kPolicyView,               // read the school's behaviour policy ("Our policy")
  kPolicyManage,             // upload, compare and activate policy versions
  kIncidentsRecord,          // record what was seen: prosocial notes, distress, concerns
  kIncidentsView,            // read records (restricted ones by the policy's roles only)
  kIncidentsViewRestricted,  // may be named in a policy's visible_to: reads restricted records
  kActionsManage,            // complete or reassign anyone's follow-up actions
  kRestorativeRecord,        // record restorative conversations, repairs, contact with home
  kPlansManage,              // start and end pupils' plans the policy proposes
  kPlansWrite,               // work in pupils' plans as each plan type's started_by... allow
  kProfileEdit,              // write a pupil's personal profile with them
  kSuspensionDecide,         // the headteacher's suspension decision
  kNoRepairRecord,           // record why a repair will not happen (closes the cycle, not repaired)
  kInsightSchool,            // the whole school's figures (insight); others see their own recording
  kInsightPupils,            // which pupils have most records ("by pupil" in insight)
  kMailManage,               // the email outbox: what waits or failed, and trying again
  kFamilyReview,             // approve records waiting before families see them (policy narrows)
  kFamilyView,               // a parent or carer: their own children's pages, nothing else
  kSurveysManage,            // pupil voice surveys: write, run, print codes, read results
  kMisImport,                // import pupils, staff, forms and classes from the school's MIS
  // A member of staff's own sign-in: signing out and their second factor
  // (the code asked after the password, setting it up, recovery codes).
  // The only permission, with kPublic, held part-way through signing in.
  kOwnSignIn,
  kGroupView,         // above schools: the group's figures, suppressed, no pupil
  kAuthorityNotices,  // a local authority: the notices the law sends it, no pupil named
};

// "public", "signed_in", "pupils.view", ...
const char* PermissionName(Permission permission);
const std::vector<Permission>& AllPermissions();

bool RoleHas(Role role, Permission permission);
// The roles holding `permission`, kParent and the organisation roles
// included when they do.
std::vector<Role> RolesWith(Permission permission);

// The permissions to restricted records and special-category fields
// (incidents.view_restricted, pupils.view_sensitive).
const std::vector<Permission>& RestrictedAccess();
// Whether `role` holds any of RestrictedAccess().
bool ReadsRestricted(Role role);
// Whether a member of staff in `role` must sign in with a second factor
// (decision 0030): those who read restricted records or special-category
// fields (RestrictedAccess) and those who hold the keys to everyone's
// (staff.manage, audit.view). No school setting turns it off.
bool RequiresSecondFactor(Role role);
// Whether a member of staff in `granter` may give someone `role` (add them
// with it, change them to it, reactivate them holding it): a role reading
// restricted records or special-category fields is given only by a role
// that holds that access too (DESIGN.md §6); every other role by anyone
// holding staff.manage.
bool MayGrantRole(Role granter, Role role);

}  // namespace attune
