// The role-permission table: deny by default, special-category data only
// for the roles whose work needs it.
#include "services/authorization.h"

#include <gtest/gtest.h>

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

TEST(Authorization, OnlyAdministratorsManageStaff) {
  EXPECT_EQ(RolesWith(Permission::kStaffManage), std::vector<Role>{Role::kAdmin});
  Principal teacher;
  teacher.role = Role::kTeacher;
  EXPECT_EQ(Authorize(&teacher, Permission::kStaffManage).code(), StatusCode::kForbidden);
}

TEST(Authorization, OnlySeniorLeadersRecordThatARepairWillNotHappen) {
  // Decision 0011: it counts against the school's own figures, and seed 004
  // gives senior leaders the duty to "ensure restorative conversations take
  // place"; the pastoral lead, who runs the queue, asks them.
  EXPECT_EQ(RolesWith(Permission::kNoRepairRecord), std::vector<Role>{Role::kSenior});
  EXPECT_STREQ(PermissionName(Permission::kNoRepairRecord), "restorative.no_repair");
}

TEST(Authorization, EveryRoleMayViewPupils) {
  EXPECT_EQ(RolesWith(Permission::kPupilsView).size(), AllRoles().size());
}

TEST(Roles, NamesRoundTrip) {
  for (Role r : AllRoles()) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_FALSE(ParseRole("parent").has_value());
  EXPECT_FALSE(ParseRole("Teacher").has_value());
}

}  // namespace
}  // namespace attune
