// The role-permission table: deny by default, special-category data only
// for the roles whose work needs it.
#include "services/authorization.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "model/incident.h"

namespace attune {
namespace {

TEST(Authorization, AnonymousMayOnlyUsePublicRoutes) {
  for (Permission p : AllPermissions()) {
    Status st = Authorize(nullptr, p);
    if (p == Permission::kPublic) {
      EXPECT_TRUE(st.ok());
    } else {
      EXPECT_EQ(st.code(), StatusCode::kUnauthenticated) << PermissionName(p);
    }
  }
}

TEST(Authorization, SensitiveFieldsAreForPastoralSencoDslAndSeniorOnly) {
  EXPECT_EQ(RolesWith(Permission::kPupilsViewSensitive),
            (std::vector<Role>{Role::kPastoral, Role::kSenco, Role::kDsl, Role::kSenior}));
}

TEST(Authorization, AdministratorsTheDslAndSeniorLeadersManageStaff) {
  EXPECT_EQ(RolesWith(Permission::kStaffManage),
            (std::vector<Role>{Role::kDsl, Role::kSenior, Role::kAdmin}));
  Principal teacher;
  teacher.role = Role::kTeacher;
  EXPECT_EQ(Authorize(&teacher, Permission::kStaffManage).code(), StatusCode::kForbidden);
}

// Issue 10 item 9: an administrator, who may not read safeguarding records,
// could make a DSL account and sign in with it.
TEST(Authorization, ARoleReadingRestrictedRecordsIsGivenOnlyByOneHoldingThatAccess) {
  for (Role role : {Role::kPastoral, Role::kSenco, Role::kDsl, Role::kSenior}) {
    EXPECT_TRUE(ReadsRestricted(role)) << RoleName(role);
    EXPECT_FALSE(MayGrantRole(Role::kAdmin, role)) << RoleName(role);
    EXPECT_TRUE(MayGrantRole(Role::kDsl, role)) << RoleName(role);
    EXPECT_TRUE(MayGrantRole(Role::kSenior, role)) << RoleName(role);
  }
  for (Role role : {Role::kTeacher, Role::kSupport, Role::kAdmin}) {
    EXPECT_FALSE(ReadsRestricted(role)) << RoleName(role);
    EXPECT_TRUE(MayGrantRole(Role::kAdmin, role)) << RoleName(role);
  }
}

TEST(Authorization, ARestrictedRecordIsReadOnlyByARoleItNamesThatMayReadRestrictedRecords) {
  std::vector<std::string> dsl_senior = {"dsl", "senior"};
  EXPECT_TRUE(MayReadRecord(Role::kTeacher, false, {}));
  EXPECT_TRUE(MayReadRecord(Role::kDsl, true, dsl_senior));
  EXPECT_FALSE(MayReadRecord(Role::kPastoral, true, dsl_senior));
  EXPECT_FALSE(MayReadRecord(Role::kDsl, true, {}));
  // A stored record naming a role that may not read restricted records
  // (the policy checker refuses such a policy) is still not theirs.
  EXPECT_FALSE(MayReadRecord(Role::kTeacher, true, {"dsl", "teacher"}));
  EXPECT_EQ(RestrictedReaderName(Role::kTeacher), "");
  EXPECT_EQ(RestrictedReaderName(Role::kSenco), "senco");
}

TEST(Authorization, OnlySeniorLeadersRecordThatARepairWillNotHappen) {
  // Decision 0013: it counts against the school's own figures, and seed 004
  // gives senior leaders the duty to "ensure restorative conversations take
  // place"; the pastoral lead, who runs the queue, asks them.
  EXPECT_EQ(RolesWith(Permission::kNoRepairRecord), std::vector<Role>{Role::kSenior});
  EXPECT_STREQ(PermissionName(Permission::kNoRepairRecord), "restorative.no_repair");
}

TEST(Authorization, OnlySeniorAndPastoralStaffRankNamedPupilsInInsight) {
  EXPECT_EQ(RolesWith(Permission::kInsightPupils),
            (std::vector<Role>{Role::kPastoral, Role::kSenior}));
  // Every role that ranks pupils also sees the whole school's figures.
  for (Role r : RolesWith(Permission::kInsightPupils)) {
    EXPECT_TRUE(RoleHas(r, Permission::kInsightSchool)) << RoleName(r);
  }
  EXPECT_FALSE(RoleHas(Role::kTeacher, Permission::kInsightSchool));
  EXPECT_FALSE(RoleHas(Role::kAdmin, Permission::kInsightSchool));
  EXPECT_STREQ(PermissionName(Permission::kInsightPupils), "insight.pupils");
}

TEST(Authorization, EveryRoleMayViewPupils) {
  EXPECT_EQ(RolesWith(Permission::kPupilsView).size(), AllRoles().size());
}

// A parent or carer (decision 0026) holds their own pages and nothing of
// staff's, whatever a permission is; no staff role holds family.view, and
// no staff role name reads as the parent's.
TEST(Authorization, ParentHoldsOnlyTheirOwnPages) {
  for (Permission p : AllPermissions()) {
    bool expected = p == Permission::kPublic || p == Permission::kFamilyView;
    EXPECT_EQ(RoleHas(Role::kParent, p), expected) << PermissionName(p);
  }
  for (Role r : AllRoles()) EXPECT_FALSE(RoleHas(r, Permission::kFamilyView)) << RoleName(r);
  EXPECT_EQ(RolesWith(Permission::kFamilyView), std::vector<Role>{Role::kParent});
  EXPECT_EQ(std::count(AllRoles().begin(), AllRoles().end(), Role::kParent), 0);
  EXPECT_FALSE(MayGrantRole(Role::kSenior, Role::kParent) && ParseRole("parent").has_value());
  Principal parent;
  parent.role = Role::kParent;
  parent.family_id = 7;
  EXPECT_EQ(Authorize(&parent, Permission::kSignedIn).code(), StatusCode::kForbidden);
  EXPECT_TRUE(Authorize(&parent, Permission::kFamilyView).ok());
}

TEST(Roles, NamesRoundTrip) {
  for (Role r : AllRoles()) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_FALSE(ParseRole("parent").has_value());
  EXPECT_FALSE(ParseRole("Teacher").has_value());
}

}  // namespace
}  // namespace attune
