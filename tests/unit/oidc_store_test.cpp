// Sign-ins begun at a provider, against a real SQLite store
// (storage/oidc_store.h, decision 0031): used once, counted per address,
// forgotten once long run out.
#include <gtest/gtest.h>

#include "core/secrets.h"
#include "test_store.h"

namespace attune {
namespace {

class OidcStoreTest : public testing::StoreTest {
 protected:
  OidcAttempt Attempt(const std::string& ip, Timestamp at) {
    OidcAttempt a;
    a.provider = "microsoft";
    a.nonce = RandomToken();
    a.code_verifier = RandomToken();
    a.next = "/pupils";
    a.ip = ip;
    a.created_at = at;
    a.expires_at = at + std::chrono::minutes(10);
    return a;
  }
  Status Begin(const std::string& hash, const OidcAttempt& a) {
    return store_->BeginOidcAttempt(hash, a, a.created_at - std::chrono::minutes(10), 3,
                                    a.created_at - std::chrono::hours(1));
  }
  Timestamp now_ = FromUnix(1'800'000'000);
};

TEST_F(OidcStoreTest, AnAttemptIsUsedOnce) {
  OidcAttempt a = Attempt("10.0.0.1", now_);
  ASSERT_TRUE(Begin("hash-1", a).ok());
  auto used = store_->UseOidcAttempt("hash-1", now_ + std::chrono::seconds(30));
  ASSERT_TRUE(used.ok()) << used.status().ToString();
  EXPECT_EQ(used->provider, "microsoft");
  EXPECT_EQ(used->nonce, a.nonce);
  EXPECT_EQ(used->code_verifier, a.code_verifier);
  EXPECT_EQ(used->next, "/pupils");
  EXPECT_EQ(used->expires_at, a.expires_at);
  EXPECT_EQ(store_->UseOidcAttempt("hash-1", now_).status().code(), StatusCode::kConflict);
  EXPECT_EQ(store_->UseOidcAttempt("hash-2", now_).status().code(), StatusCode::kNotFound);
}

TEST_F(OidcStoreTest, OneAddressBeginsOnlySoManyAtATime) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Begin("a" + std::to_string(i), Attempt("10.0.0.1", now_)).ok());
  }
  EXPECT_EQ(Begin("a3", Attempt("10.0.0.1", now_)).code(), StatusCode::kTooManyRequests);
  EXPECT_EQ(store_->UseOidcAttempt("a3", now_).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Begin("b0", Attempt("10.0.0.2", now_)).ok());
  // Ten minutes on, the address may begin again.
  EXPECT_TRUE(Begin("a4", Attempt("10.0.0.1", now_ + std::chrono::minutes(11))).ok());
}

TEST_F(OidcStoreTest, AttemptsLongRunOutAreForgotten) {
  ASSERT_TRUE(Begin("old", Attempt("10.0.0.1", now_)).ok());
  ASSERT_TRUE(Begin("new", Attempt("10.0.0.2", now_ + std::chrono::minutes(75))).ok());
  EXPECT_EQ(store_->UseOidcAttempt("old", now_).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->UseOidcAttempt("new", now_).ok());
}

}  // namespace
}  // namespace attune
