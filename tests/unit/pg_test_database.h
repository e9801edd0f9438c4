// A throw-away PostgreSQL database for one test, made in the cluster named
// by ATTUNE_TEST_PG (scripts/pg-cluster.sh start DIR) and dropped after it;
// the test is skipped when ATTUNE_TEST_PG is not set, as the HTTP suite
// runs on PostgreSQL only then.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <string>

#include "core/secrets.h"
#include "storage/sql/pg_connection.h"

namespace attune::testing {

class PgDatabaseTest : public ::testing::Test {
 protected:
  // `prefix` starts the database's name; a random part follows.
  explicit PgDatabaseTest(std::string prefix) : prefix_(std::move(prefix)) {}

  void SetUp() override {
    const char* cluster = std::getenv("ATTUNE_TEST_PG");
    if (!cluster || !*cluster) GTEST_SKIP() << "ATTUNE_TEST_PG is not set";
    ASSERT_TRUE(InitSecrets().ok());
    name_ = prefix_ + "_" + RandomToken(6);
    for (char& c : name_) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string made = "createdb -h '" + std::string(cluster) + "' -U attune " + name_;
    ASSERT_EQ(std::system(made.c_str()), 0) << made;
    url_ = "postgresql://attune@/" + name_ + "?host=" + cluster;
    c_ = sql::PgConnection::Open(url_, 5000);
  }

  void TearDown() override {
    if (!c_) return;
    c_.reset();
    std::string dropped =
        "dropdb -h '" + std::string(std::getenv("ATTUNE_TEST_PG")) + "' -U attune " + name_;
    EXPECT_EQ(std::system(dropped.c_str()), 0) << dropped;
  }

  std::string prefix_, name_, url_;
  std::unique_ptr<sql::PgConnection> c_;  // to the database, once made
};

}  // namespace attune::testing
