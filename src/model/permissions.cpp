// Which role holds which permission (declared in model/role.h).
#include "model/role.h"

namespace attune {

bool RoleHas(Role role, Permission permission) {
  // A parent or carer holds nothing of staff's: their own children's pages
  // only (model/family.h), whatever is added below.
  if (role == Role::kParent) {
    return permission == Permission::kPublic || permission == Permission::kFamilyView;
  }
  // Above schools (decision 0034): the group's figures, never a pupil or a
  // record, nothing of staff's; an authority's officers its notices too.
  // Their own sign-in is theirs too (signing out, the second step).
  if (IsOrganisationRole(role)) {
    return permission == Permission::kPublic || permission == Permission::kOwnSignIn ||
           permission == Permission::kGroupView ||
           (permission == Permission::kAuthorityNotices && role == Role::kLaOfficer);
  }
  switch (permission) {
    case Permission::kPublic:
    case Permission::kSignedIn:
    case Permission::kPupilsView:
      return true;  // every member of staff works with pupils
    case Permission::kPupilsViewContacts:
      // Calls home are made by pastoral staff and leaders; office admins keep
      // the contact list up to date.
      return role == Role::kPastoral || role == Role::kSenco || role == Role::kDsl ||
             role == Role::kSenior || role == Role::kAdmin;
    case Permission::kPupilsViewSensitive:
      // Special category data (DESIGN.md §3): those whose work needs it.
      return role == Role::kPastoral || role == Role::kSenco || role == Role::kDsl ||
             role == Role::kSenior;
    case Permission::kStaffManage:
      // Office admins keep the accounts; the DSL and senior leaders too, as
      // only they may give a role that reads restricted records (MayGrantRole).
      return role == Role::kAdmin || role == Role::kDsl || role == Role::kSenior;
    case Permission::kAuditView:
      return role == Role::kDsl || role == Role::kSenior || role == Role::kAdmin;
    case Permission::kPolicyView:
      return true;  // every adult follows the policy
    case Permission::kPolicyManage:
      // Changing the policy is the leadership's decision; admins load it.
      return role == Role::kSenior || role == Role::kAdmin;
    case Permission::kIncidentsRecord:
    case Permission::kIncidentsView:
      return true;  // any adult who notices records; restricted records by the policy's roles
    case Permission::kIncidentsViewRestricted:
      // The roles a policy may name to read its safeguarding records; the
      // policy narrows it per category (its visible_to, always with the DSL).
      return role == Role::kPastoral || role == Role::kSenco || role == Role::kDsl ||
             role == Role::kSenior;
    case Permission::kActionsManage:
      // Those who run the follow-up queue (DESIGN.md §1: pastoral lead, head of year).
      return role == Role::kPastoral || role == Role::kSenco || role == Role::kDsl ||
             role == Role::kSenior;
    case Permission::kRestorativeRecord:
    case Permission::kProfileEdit:
      // Adults who work with pupils; office admins do not.
      return role != Role::kAdmin;
    case Permission::kPlansManage:
      return role == Role::kPastoral || role == Role::kSenco || role == Role::kSenior;
    case Permission::kPlansWrite:
      // Adults who work with pupils; each plan type's started_by, written_by,
      // reviewed_by and ended_by (the policy) narrow it per act.
      return role != Role::kAdmin;
    case Permission::kSuspensionDecide:
      return role == Role::kSenior;  // the headteacher (DESIGN.md §3)
    case Permission::kNoRepairRecord:
      // Closing a rupture–repair cycle without a repair counts against the
      // school's own figures; seed 004 gives senior leaders the duty to
      // "ensure restorative conversations take place" (decision 0013).
      return role == Role::kSenior;
    case Permission::kInsightSchool:
      // Those who lead the approach and plan support from its figures:
      // leaders, the SENCO, the DSL and pastoral leads (issue 14). Class
      // teachers and support staff see their own recording.
      return role == Role::kPastoral || role == Role::kSenco || role == Role::kDsl ||
             role == Role::kSenior;
    case Permission::kInsightPupils:
      // Ranking named pupils is for those who work with them across the
      // school: senior leaders and pastoral staff (issue 14), never beyond.
      return role == Role::kPastoral || role == Role::kSenior;
    case Permission::kMailManage:
      // The office keeps the school's email going; the outbox shows only
      // addresses, subjects and the server's errors, never a record.
      return role == Role::kAdmin;
    case Permission::kFamilyReview:
      // Adults who work with pupils; the policy's [families] reviewed_by
      // names who approves (office admins never judge what goes home).
      return role != Role::kAdmin;
    case Permission::kFamilyView:
      return false;  // parents only, above
    case Permission::kSurveysManage:
      // Those who run a student voice panel (seed 000) and gather pupils'
      // feedback (seed 001): pastoral leads, the SENCO, senior leaders.
      return role == Role::kPastoral || role == Role::kSenco || role == Role::kSenior;
    case Permission::kOwnSignIn:
      return true;  // every member of staff signs themselves in and out
    case Permission::kMisImport:
      // The office keeps the MIS and attune in step (decision 0032). An
      // import adds staff only as teachers or support staff, so it never
      // gives a role that reads restricted records.
      return role == Role::kAdmin;
    case Permission::kGroupView:
    case Permission::kAuthorityNotices:
      return false;  // organisations only, above
  }
  return false;
}

const std::vector<Permission>& RestrictedAccess() {
  static const std::vector<Permission> access = {Permission::kIncidentsViewRestricted,
                                                 Permission::kPupilsViewSensitive};
  return access;
}

bool ReadsRestricted(Role role) {
  for (Permission p : RestrictedAccess()) {
    if (RoleHas(role, p)) return true;
  }
  return false;
}

bool RequiresSecondFactor(Role role) {
  if (role == Role::kParent) return false;
  // Above schools (decision 0034): many schools' figures, each school's
  // to a trust leader.
  if (IsOrganisationRole(role)) return true;
  return ReadsRestricted(role) || RoleHas(role, Permission::kStaffManage) ||
         RoleHas(role, Permission::kAuditView);
}

bool MayGrantRole(Role granter, Role role) {
  for (Permission p : RestrictedAccess()) {
    if (RoleHas(role, p) && !RoleHas(granter, p)) return false;
  }
  return true;
}

std::vector<Role> RolesWith(Permission permission) {
  std::vector<Role> out;
  for (Role r : AllRoles()) {
    if (RoleHas(r, permission)) out.push_back(r);
  }
  if (RoleHas(Role::kParent, permission)) out.push_back(Role::kParent);
  for (Role r : OrganisationRoles()) {
    if (RoleHas(r, permission)) out.push_back(r);
  }
  return out;
}

}  // namespace attune
