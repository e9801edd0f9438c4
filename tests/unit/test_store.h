// A real SQLite store in a fresh temporary file, migrated, for tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "core/secrets.h"
#include "demo/demo_school.h"
#include "model/principal.h"
#include "storage/store.h"

namespace attune::testing {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecrets().ok());
    dir_ = std::filesystem::temp_directory_path() /
           ("attune-test-" + std::to_string(::getpid()) + "-" + RandomToken(6));
    std::filesystem::create_directories(dir_);
    StoreOptions options;
    options.path = (dir_ / "attune.db").string();
    auto store = OpenStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->Migrate().ok());
    School school;
    school.name = "Test School";
    school_id_ = *store_->CreateSchool(school);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  long long school_id_ = 0;
};

// The demo school (40 pupils, its staff and policy, no history yet) in a
// fresh store, for the services' tests.
class DemoSchoolTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    demo::DemoOptions options;
    options.pupils = 40;
    options.days = 0;
    auto demo = demo::GenerateDemo(*store_, options);
    ASSERT_TRUE(demo.ok()) << demo.status().ToString();
    school_ = demo->school_ids[0];
  }

  // A demo member of staff, by email, acting for themselves.
  Principal As(const std::string& email) {
    auto s = store_->FindStaffByEmail(email);
    EXPECT_TRUE(s.ok()) << email;
    return s.ok() ? PrincipalFor(*s) : Principal{};
  }

  long long school_ = 0;
};

}  // namespace attune::testing
