// Staff accounts on the demo school: a role that reads restricted records is
// given only by someone holding that access, and each grant is audited.
#include "services/staff_service.h"

#include <gtest/gtest.h>

#include "test_store.h"

namespace attune {
namespace {

class StaffServiceTest : public testing::DemoSchoolTest {
 protected:
  int Grants(long long staff_id) {
    AuditQuery q;
    q.school_id = school_;
    q.action = "staff.restricted_access_granted";
    q.subject_id = staff_id;
    return static_cast<int>(store_->ListAudit(q)->size());
  }
  NewStaff Person(const std::string& email, const std::string& role) {
    return {email, "Sam Person", role, "", "long enough 12"};
  }
};

// Issue 10 item 9: an administrator could make a DSL account, with a
// password of their choosing, and sign in with it.
TEST_F(StaffServiceTest, AnAdministratorCannotGiveARoleThatReadsRestrictedRecords) {
  StaffService staff(*store_);
  Principal admin = As("admin@demo.attune.school");
  for (const char* role : {"pastoral", "senco", "dsl", "senior"}) {
    auto added = staff.Add(admin, Person(std::string(role) + ".new@demo.attune.school", role), "");
    EXPECT_EQ(added.status().code(), StatusCode::kForbidden) << role;
  }
  EXPECT_FALSE(store_->FindStaffByEmail("dsl.new@demo.attune.school").ok());
  auto teacher = staff.Add(admin, Person("t.new@demo.attune.school", "teacher"), "");
  ASSERT_TRUE(teacher.ok());
  EXPECT_EQ(Grants(*teacher), 0);
  EXPECT_EQ(staff.ChangeRole(admin, *teacher, "dsl", "").code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->GetStaff(school_, *teacher)->role, Role::kTeacher);
  EXPECT_TRUE(staff.ChangeRole(admin, *teacher, "support", "").ok());

  long long dsl = As("dsl@demo.attune.school").staff_id;
  ASSERT_TRUE(staff.SetActive(admin, dsl, false, "").ok());  // taking access away is allowed
  EXPECT_EQ(staff.SetActive(admin, dsl, true, "").code(), StatusCode::kForbidden);
  EXPECT_FALSE(store_->GetStaff(school_, dsl)->active);
}

TEST_F(StaffServiceTest, TheDslAndSeniorLeadersGiveItAndEachGrantIsAudited) {
  StaffService staff(*store_);
  Principal dsl = As("dsl@demo.attune.school");
  Principal head = As("senior@demo.attune.school");
  auto deputy = staff.Add(dsl, Person("deputy@demo.attune.school", "dsl"), "");
  ASSERT_TRUE(deputy.ok()) << deputy.status().ToString();
  EXPECT_EQ(Grants(*deputy), 1);
  auto teacher = staff.Add(head, Person("t2.new@demo.attune.school", "teacher"), "");
  ASSERT_TRUE(teacher.ok());
  ASSERT_TRUE(staff.ChangeRole(head, *teacher, "senco", "").ok());
  EXPECT_EQ(Grants(*teacher), 1);
  ASSERT_TRUE(staff.SetActive(head, *deputy, false, "").ok());
  ASSERT_TRUE(staff.SetActive(head, *deputy, true, "").ok());
  EXPECT_EQ(Grants(*deputy), 2);
  // The server's operator, on the command line, is audited as such.
  auto cli = staff.AddToSchool(school_, Person("cli@demo.attune.school", "senior"));
  ASSERT_TRUE(cli.ok());
  AuditQuery q;
  q.school_id = school_;
  q.action = "staff.restricted_access_granted";
  q.subject_id = *cli;
  auto entries = store_->ListAudit(q);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_NE(entries->front().detail.find("command line"), std::string::npos);
}

}  // namespace
}  // namespace attune
