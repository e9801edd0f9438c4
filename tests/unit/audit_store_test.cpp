// The audit log's store: a page of entries newest first, by kind and by
// person, deep pages, and a count that stops where it is asked to.
#include <gtest/gtest.h>

#include "test_store.h"

namespace attune {
namespace {

class AuditStoreTest : public testing::DemoSchoolTest {
 protected:
  void SetUp() override {
    DemoSchoolTest::SetUp();
    pastoral_ = As("pastoral@demo.attune.school").staff_id;
    teacher_ = As("teacher@demo.attune.school").staff_id;
    // 60 entries a minute apart: even ones the pastoral lead's sign-ins,
    // odd ones the teacher's reads; the 30th and 31st at the same second.
    Timestamp start = FromUnix(1780000000);
    for (int i = 0; i < 60; ++i) {
      AuditEntry e;
      e.school_id = school_;
      e.staff_id = i % 2 == 0 ? pastoral_ : teacher_;
      e.action = i % 2 == 0 ? "test.sign_in" : "test.read";
      e.at = start + std::chrono::minutes(i == 31 ? 30 : i);
      e.detail = "entry " + std::to_string(i);
      ASSERT_TRUE(store_->AppendAudit(e).ok());
    }
  }
  AuditQuery Ours() {
    AuditQuery q;
    q.school_id = school_;
    q.from = FromUnix(1780000000);
    return q;
  }
  std::vector<std::string> Details(const AuditQuery& q) {
    std::vector<std::string> out;
    for (const auto& e : *store_->ListAudit(q)) out.push_back(e.detail);
    return out;
  }
  long long pastoral_ = 0;
  long long teacher_ = 0;
};

TEST_F(AuditStoreTest, APageIsNewestFirstWithTiesInTheOrderWritten) {
  AuditQuery q = Ours();
  q.limit = 4;
  q.offset = 27;
  // From newest: 59 … 32 are 28 entries, then 31 and 30 share a second.
  EXPECT_EQ(Details(q), (std::vector<std::string>{"entry 32", "entry 31", "entry 30", "entry 29"}));
}

TEST_F(AuditStoreTest, FiltersByKindAndPersonPageAndCount) {
  AuditQuery q = Ours();
  q.action = "test.sign_in";
  q.limit = 3;
  q.offset = 2;
  EXPECT_EQ(Details(q), (std::vector<std::string>{"entry 54", "entry 52", "entry 50"}));
  EXPECT_EQ(*store_->CountAudit(q), 30);
  q.action.clear();
  q.staff_id = teacher_;
  EXPECT_EQ(Details(q), (std::vector<std::string>{"entry 55", "entry 53", "entry 51"}));
  EXPECT_EQ(*store_->CountAudit(q), 30);
  q.action = "test.sign_in";
  EXPECT_EQ(*store_->CountAudit(q), 0);
  EXPECT_TRUE(Details(q).empty());
}

TEST_F(AuditStoreTest, TheCountStopsWhereItIsAsked) {
  AuditQuery q = Ours();
  EXPECT_EQ(*store_->CountAudit(q), 60);
  q.count_at_most = 25;
  EXPECT_EQ(*store_->CountAudit(q), 25);
  q.count_at_most = 61;
  EXPECT_EQ(*store_->CountAudit(q), 60);
  q.action = "test.read";
  q.count_at_most = 10;
  EXPECT_EQ(*store_->CountAudit(q), 10);
}

}  // namespace
}  // namespace attune
