// The SQLite store on a real file: migrations, records, search, isolation
// between schools, transactions and backup.
#include <gtest/gtest.h>

#include "test_store.h"

namespace attune {
namespace {

using testing::StoreTest;

Pupil MakePupil(long long school_id, const std::string& upn, const std::string& first,
                const std::string& last) {
  Pupil p;
  p.school_id = school_id;
  p.upn = upn;
  p.first_name = first;
  p.last_name = last;
  p.date_of_birth = *ParseDate("2013-05-04");
  p.year_group = 8;
  p.sex = "F";
  p.sen = SenStatus::kSupport;
  return p;
}

TEST_F(StoreTest, MigrationsAreRecordedAndIdempotent) {
  EXPECT_EQ(*store_->SchemaVersion(), store_->LatestSchemaVersion());
  EXPECT_GE(store_->LatestSchemaVersion(), 1);
  EXPECT_TRUE(store_->Migrate().ok());
  EXPECT_EQ(*store_->SchemaVersion(), store_->LatestSchemaVersion());
}

TEST_F(StoreTest, PupilsRoundTripAndSearchByEveryWord) {
  ASSERT_TRUE(store_->CreatePupil(MakePupil(school_id_, "A123456789012", "Ama", "Boateng")).ok());
  ASSERT_TRUE(store_->CreatePupil(MakePupil(school_id_, "B123456789012", "Amir", "Khan")).ok());
  ASSERT_TRUE(store_->CreatePupil(MakePupil(school_id_, "C123456789012", "Zoe", "Amberley")).ok());
  auto am = store_->SearchPupils(school_id_, "am", 10, 0);
  ASSERT_TRUE(am.ok());
  EXPECT_EQ(am->size(), 3u);
  auto both = store_->SearchPupils(school_id_, "AMA boat", 10, 0);
  ASSERT_EQ(both->size(), 1u);
  EXPECT_EQ(both->front().last_name, "Boateng");
  EXPECT_EQ(both->front().sen, SenStatus::kSupport);
  EXPECT_EQ(FormatDate(both->front().date_of_birth), "2013-05-04");
  EXPECT_EQ(store_->SearchPupils(school_id_, "B1234", 10, 0)->size(), 1u);
  EXPECT_EQ(store_->SearchPupils(school_id_, "%", 10, 0)->size(), 0u);  // wildcard is literal
}

TEST_F(StoreTest, DuplicateUpnIsAConflictOnTheUpnField) {
  ASSERT_TRUE(store_->CreatePupil(MakePupil(school_id_, "A123456789012", "Ama", "Boateng")).ok());
  auto again = store_->CreatePupil(MakePupil(school_id_, "A123456789012", "Other", "Pupil"));
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_EQ(again.status().field(), "upn");
}

TEST_F(StoreTest, SchoolsDoNotSeeEachOthersPupils) {
  School other;
  other.name = "Other School";
  long long other_id = *store_->CreateSchool(other);
  long long id = *store_->CreatePupil(MakePupil(school_id_, "A123456789012", "Ama", "Boateng"));
  EXPECT_EQ(store_->GetPupil(other_id, id).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->SearchPupils(other_id, "", 10, 0)->empty());
  EXPECT_EQ(*store_->CountPupils(school_id_), 1);
}

TEST_F(StoreTest, FailedTransactionLeavesNothingBehind) {
  Status st = store_->RunInTransaction([&]() -> Status {
    auto id = store_->CreatePupil(MakePupil(school_id_, "A123456789012", "Ama", "Boateng"));
    EXPECT_TRUE(id.ok());
    return Status::Invalid("stop");
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_EQ(*store_->CountPupils(school_id_), 0);
  ASSERT_TRUE(store_
                  ->RunInTransaction([&]() -> Status {
                    return store_
                        ->CreatePupil(MakePupil(school_id_, "A123456789012", "Ama", "Boateng"))
                        .status();
                  })
                  .ok());
  EXPECT_EQ(*store_->CountPupils(school_id_), 1);
}

TEST_F(StoreTest, ProfilesAreSavedAndUpdated) {
  long long id = *store_->CreatePupil(MakePupil(school_id_, "A123456789012", "Ama", "Boateng"));
  PupilProfile profile;
  profile.pupil_id = id;
  profile.communication = {"Use my name first", "Give me time to process"};
  profile.what_helps = "A quiet word";
  ASSERT_TRUE(store_->SaveProfile(school_id_, profile, 0).ok());
  profile.what_helps = "Movement breaks";
  ASSERT_TRUE(store_->SaveProfile(school_id_, profile, 0).ok());
  auto read = store_->GetProfile(school_id_, id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->communication.size(), 2u);
  EXPECT_EQ(read->what_helps, "Movement breaks");
}

TEST_F(StoreTest, BackupIsACompleteCopy) {
  ASSERT_TRUE(store_->CreatePupil(MakePupil(school_id_, "A123456789012", "Ama", "Boateng")).ok());
  std::string copy = (dir_ / "copy.db").string();
  ASSERT_TRUE(store_->Backup(copy).ok());
  StoreOptions options;
  options.path = copy;
  auto restored = OpenStore(options);
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(*(*restored)->CountPupils(school_id_), 1);
}

}  // namespace
}  // namespace attune
