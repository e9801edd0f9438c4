// A real SQLite store in a fresh temporary file, migrated, for tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "core/secrets.h"
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

}  // namespace attune::testing
