#include "model/role.h"

namespace attune {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kTeacher:
      return "teacher";
    case Role::kSupport:
      return "support";
    case Role::kPastoral:
      return "pastoral";
    case Role::kSenco:
      return "senco";
    case Role::kDsl:
      return "dsl";
    case Role::kSenior:
      return "senior";
    case Role::kAdmin:
      return "admin";
    case Role::kParent:
      return "parent";
    case Role::kTrustLeader:
      return "trust_leader";
    case Role::kLaOfficer:
      return "la_officer";
  }
  return "teacher";
}

const char* RoleLabel(Role role) {
  switch (role) {
    case Role::kTeacher:
      return "Teacher";
    case Role::kSupport:
      return "Support staff";
    case Role::kPastoral:
      return "Pastoral lead";
    case Role::kSenco:
      return "SENCO";
    case Role::kDsl:
      return "Designated safeguarding lead";
    case Role::kSenior:
      return "Senior leader";
    case Role::kAdmin:
      return "Administrator";
    case Role::kParent:
      return "Parent or carer";
    case Role::kTrustLeader:
      return "Trust leader";
    case Role::kLaOfficer:
      return "Local authority officer";
  }
  return "Teacher";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : AllRoles()) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> roles = {Role::kTeacher, Role::kSupport, Role::kPastoral,
                                          Role::kSenco,   Role::kDsl,     Role::kSenior,
                                          Role::kAdmin};
  return roles;
}

const std::vector<Role>& OrganisationRoles() {
  static const std::vector<Role> roles = {Role::kTrustLeader, Role::kLaOfficer};
  return roles;
}

bool IsOrganisationRole(Role role) {
  return role == Role::kTrustLeader || role == Role::kLaOfficer;
}

std::optional<Role> ParseOrganisationRole(std::string_view name) {
  for (Role r : OrganisationRoles()) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

const char* PermissionName(Permission p) {
  switch (p) {
    case Permission::kPublic:
      return "public";
    case Permission::kSignedIn:
      return "signed_in";
    case Permission::kPupilsView:
      return "pupils.view";
    case Permission::kPupilsViewContacts:
      return "pupils.view_contacts";
    case Permission::kPupilsViewSensitive:
      return "pupils.view_sensitive";
    case Permission::kStaffManage:
      return "staff.manage";
    case Permission::kAuditView:
      return "audit.view";
    case Permission::kPolicyView:
      return "policy.view";
    case Permission::kPolicyManage:
      return "policy.manage";
    case Permission::kIncidentsRecord:
      return "incidents.record";
    case Permission::kIncidentsView:
      return "incidents.view";
    case Permission::kIncidentsViewRestricted:
      return "incidents.view_restricted";
    case Permission::kActionsManage:
      return "actions.manage";
    case Permission::kRestorativeRecord:
      return "restorative.record";
    case Permission::kPlansManage:
      return "plans.manage";
    case Permission::kPlansWrite:
      return "plans.write";
    case Permission::kProfileEdit:
      return "profile.edit";
    case Permission::kSuspensionDecide:
      return "suspension.decide";
    case Permission::kNoRepairRecord:
      return "restorative.no_repair";
    case Permission::kInsightSchool:
      return "insight.school";
    case Permission::kInsightPupils:
      return "insight.pupils";
    case Permission::kMailManage:
      return "mail.manage";
    case Permission::kFamilyReview:
      return "family.review";
    case Permission::kFamilyView:
      return "family.view";
    case Permission::kSurveysManage:
      return "surveys.manage";
    case Permission::kOwnSignIn:
      return "own_sign_in";
    case Permission::kMisImport:
      return "mis.import";
    case Permission::kGroupView:
      return "group.view";
    case Permission::kAuthorityNotices:
      return "group.notices";
  }
  return "unknown";
}

const std::vector<Permission>& AllPermissions() {
  static const std::vector<Permission> all = {Permission::kPublic,
                                              Permission::kSignedIn,
                                              Permission::kPupilsView,
                                              Permission::kPupilsViewContacts,
                                              Permission::kPupilsViewSensitive,
                                              Permission::kStaffManage,
                                              Permission::kAuditView,
                                              Permission::kPolicyView,
                                              Permission::kPolicyManage,
                                              Permission::kIncidentsRecord,
                                              Permission::kIncidentsView,
                                              Permission::kIncidentsViewRestricted,
                                              Permission::kActionsManage,
                                              Permission::kRestorativeRecord,
                                              Permission::kPlansManage,
                                              Permission::kPlansWrite,
                                              Permission::kProfileEdit,
                                              Permission::kSuspensionDecide,
                                              Permission::kNoRepairRecord,
                                              Permission::kInsightSchool,
                                              Permission::kInsightPupils,
                                              Permission::kMailManage,
                                              Permission::kFamilyReview,
                                              Permission::kFamilyView,
                                              Permission::kSurveysManage,
                                              Permission::kOwnSignIn,
                                              Permission::kMisImport,
                                              Permission::kGroupView,
                                              Permission::kAuthorityNotices};
  return all;
}

}  // namespace attune
