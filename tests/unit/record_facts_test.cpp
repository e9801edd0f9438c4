// What insight reads of the records (IncidentStore::ForEachRecordFact): the
// few records just saved, read with only their own pupils, give the same
// facts as the whole history read at once with every pupil.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_store.h"

namespace attune::testing {
namespace {

class RecordFactsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    demo::DemoOptions options;
    options.pupils = 60;
    options.days = 10;
    auto demo = demo::GenerateDemo(*store_, options);
    ASSERT_TRUE(demo.ok()) << demo.status().ToString();
  }

  // Each fact as one line of text, in the order given.
  std::vector<std::string> Facts(long long after, long long up_to) {
    std::vector<std::string> out;
    Status st = store_->ForEachRecordFact(after, up_to, [&](const RecordFact& f) {
      out.push_back(std::to_string(f.incident_id) + " " + std::to_string(f.school_id) + " " +
                    std::to_string(ToUnix(f.occurred_at)) + " " + f.category + " " +
                    f.behaviour_class + " " + f.place + " " + std::to_string(f.staff_id) + " " +
                    std::to_string(f.pupil_id) + " " + std::to_string(f.restricted) + " " +
                    f.visible_to + " " + std::to_string(f.physical_intervention) + " " +
                    std::to_string(f.year_group) + " " + std::to_string(f.form_id) + " " +
                    f.groups.sex + " " + f.groups.sen_status + " " + f.groups.ethnicity_code + " " +
                    std::to_string(f.groups.ehcp) + std::to_string(f.groups.fsm) +
                    std::to_string(f.groups.looked_after));
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }
};

TEST_F(RecordFactsTest, AFewRecordsReadAloneGiveTheFactsOfTheWholeHistory) {
  auto last = store_->LastIncidentId();
  ASSERT_TRUE(last.ok());
  ASSERT_GT(*last, 100);  // past the few read alone
  std::vector<std::string> whole = Facts(0, *last);
  ASSERT_FALSE(whole.empty());
  std::vector<std::string> one_by_one, by_tens;
  for (long long id = 1; id <= *last; ++id) {
    for (auto& f : Facts(id - 1, id)) one_by_one.push_back(std::move(f));
  }
  for (long long id = 0; id < *last; id += 10) {
    for (auto& f : Facts(id, std::min(id + 10, *last))) by_tens.push_back(std::move(f));
  }
  EXPECT_EQ(one_by_one, whole);
  EXPECT_EQ(by_tens, whole);
}

}  // namespace
}  // namespace attune::testing
