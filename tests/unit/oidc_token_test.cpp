// ID tokens as attune checks them (services/oidc_token.h, decision 0031):
// real RS256 tokens signed here with libjwt by keys OpenSSL makes, and
// each way a token can be wrong — another key, another audience or issuer,
// the wrong nonce, out of date, "none", and HS256 keyed with the public key.
#include "services/oidc_token.h"

#include <gtest/gtest.h>
#include <jwt.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "core/secrets.h"

namespace attune {
namespace {

using nlohmann::json;

// An RSA key pair made for the test, with its JWK's n and e.
struct TestKey {
  std::string private_pem;
  std::string public_pem;
  std::string n, e;
};

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string BigNumber(const EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(key, name, &bn);
  std::string bytes(static_cast<size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(bn);
  return Base64UrlEncode(bytes);
}

TestKey MakeKey(unsigned bits = 2048) {
  TestKey k;
  EVP_PKEY* key = EVP_RSA_gen(bits);
  BIO* priv = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr);
  k.private_pem = BioText(priv);
  BIO_free(priv);
  BIO* pub = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(pub, key);
  k.public_pem = BioText(pub);
  BIO_free(pub);
  k.n = BigNumber(key, OSSL_PKEY_PARAM_RSA_N);
  k.e = BigNumber(key, OSSL_PKEY_PARAM_RSA_E);
  EVP_PKEY_free(key);
  return k;
}

const TestKey& ProviderKey() {
  static const TestKey key = MakeKey();
  return key;
}

// A token with `claims`, signed by `alg` with `key`, naming `kid`.
std::string Sign(const json& claims, jwt_alg_t alg, const std::string& key,
                 const std::string& kid = "k1") {
  jwt_t* jwt = nullptr;
  jwt_new(&jwt);
  jwt_add_grants_json(jwt, claims.dump().c_str());
  if (!kid.empty()) jwt_add_header(jwt, "kid", kid.c_str());
  jwt_set_alg(jwt, alg, reinterpret_cast<const unsigned char*>(key.data()),
              static_cast<int>(key.size()));
  char* text = jwt_encode_str(jwt);
  std::string token = text ? text : "";
  free(text);
  jwt_free(jwt);
  return token;
}

class IdTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecrets().ok());
    check_.issuer = "https://login.example/tenant/v2.0";
    check_.client_id = "attune-client";
    check_.nonce = "n-0S6_WzA2Mj";
    check_.now = FromUnix(1'800'000'000);
    long long now = ToUnix(check_.now);
    claims_ = {{"iss", check_.issuer},
               {"aud", check_.client_id},
               {"sub", "248289761001"},
               {"nonce", check_.nonce},
               {"iat", now - 5},
               {"exp", now + 3600},
               {"email", "R.Okafor@Demo.Attune.School"},
               {"email_verified", true},
               {"name", "Rachel Okafor"}};
  }

  Result<IdTokenClaims> Verify(const std::string& token) {
    return VerifyIdToken(token, ProviderKey().public_pem, check_);
  }
  std::string Signed(const json& claims) {
    return Sign(claims, JWT_ALG_RS256, ProviderKey().private_pem);
  }
  // The refusal's reason, or "accepted".
  std::string Why(const json& claims) {
    auto r = Verify(Signed(claims));
    return r.ok() ? "accepted" : r.status().message();
  }

  IdTokenCheck check_;
  json claims_;
};

TEST_F(IdTokenTest, AcceptsTheProvidersTokenForThisSignIn) {
  auto r = Verify(Signed(claims_));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->subject, "248289761001");
  EXPECT_EQ(r->email, "R.Okafor@Demo.Attune.School");
  EXPECT_TRUE(r->email_verified);
  EXPECT_EQ(r->name, "Rachel Okafor");
  EXPECT_EQ(*IdTokenKeyId(Signed(claims_)), "k1");
}

TEST_F(IdTokenTest, RefusesATokenSignedByAnotherKey) {
  TestKey other = MakeKey();
  auto r = Verify(Sign(claims_, JWT_ALG_RS256, other.private_pem));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(r.status().message().find("signature"), std::string::npos);
}

TEST_F(IdTokenTest, RefusesATokenWhoseClaimsWereChanged) {
  std::string token = Signed(claims_);
  json changed = claims_;
  changed["email"] = "head@demo.attune.school";
  std::string other = Signed(changed);
  // The first token's header and signature around the second's claims.
  size_t a = token.find('.'), b = token.rfind('.');
  size_t c = other.find('.'), d = other.rfind('.');
  std::string forged = token.substr(0, a) + other.substr(c, d - c) + token.substr(b);
  EXPECT_FALSE(Verify(forged).ok());
}

TEST_F(IdTokenTest, RefusesNoneAndHs256KeyedWithThePublicKey) {
  // alg "none": no signature at all.
  std::string header = Base64UrlEncode(R"({"alg":"none","typ":"JWT"})");
  std::string none = header + "." + Base64UrlEncode(claims_.dump()) + ".";
  auto r = Verify(none);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("only RS256"), std::string::npos);
  // HS256 with the provider's public PEM as the shared secret: a library
  // that let the token choose would take it as signed.
  std::string confused = Sign(claims_, JWT_ALG_HS256, ProviderKey().public_pem);
  ASSERT_FALSE(confused.empty());
  r = Verify(confused);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("'HS256'"), std::string::npos);
  EXPECT_FALSE(IdTokenKeyId(confused).ok());
}

TEST_F(IdTokenTest, RefusesATokenForAnotherAudienceOrIssuer) {
  json c = claims_;
  c["aud"] = "another-app";
  EXPECT_NE(Why(c).find("(aud)"), std::string::npos);
  c["aud"] = json::array({"attune-client", "another-app"});
  EXPECT_NE(Why(c).find("(aud)"), std::string::npos);
  c["aud"] = json::array({"attune-client"});
  EXPECT_EQ(Why(c), "accepted");
  c = claims_;
  c["azp"] = "another-app";
  EXPECT_NE(Why(c).find("(azp)"), std::string::npos);
  c["azp"] = "attune-client";
  EXPECT_EQ(Why(c), "accepted");
  c = claims_;
  c["iss"] = "https://login.example/another-tenant/v2.0";
  EXPECT_NE(Why(c).find("another issuer"), std::string::npos);
  // Google documents two spellings of its issuer; no one else's is loosened.
  c["iss"] = "login.example/tenant/v2.0";
  EXPECT_NE(Why(c).find("another issuer"), std::string::npos);
  check_.issuer = "https://accounts.google.com";
  c["iss"] = "accounts.google.com";
  EXPECT_EQ(Why(c), "accepted");
  c["iss"] = "https://accounts.google.com";
  EXPECT_EQ(Why(c), "accepted");
  c["iss"] = "accounts.google.com.evil.example";
  EXPECT_NE(Why(c).find("another issuer"), std::string::npos);
  c.erase("aud");
  c["iss"] = check_.issuer;
  EXPECT_NE(Why(c).find("(aud)"), std::string::npos);
}

TEST_F(IdTokenTest, RefusesTheWrongOrNoNonce) {
  json c = claims_;
  c["nonce"] = "n-from-another-sign-in";
  EXPECT_NE(Why(c).find("nonce"), std::string::npos);
  c.erase("nonce");
  EXPECT_NE(Why(c).find("nonce"), std::string::npos);
}

TEST_F(IdTokenTest, AllowsTwoMinutesOfClockDifferenceAndNoMore) {
  long long now = ToUnix(check_.now);
  json c = claims_;
  c["exp"] = now - 100;  // ran out 100 s ago: within the leeway
  EXPECT_EQ(Why(c), "accepted");
  c["exp"] = now - 200;
  EXPECT_NE(Why(c).find("(exp)"), std::string::npos);
  c = claims_;
  c["iat"] = now + 100;
  EXPECT_EQ(Why(c), "accepted");
  c["iat"] = now + 200;
  EXPECT_NE(Why(c).find("future"), std::string::npos);
  c["iat"] = now - 600 - 200;  // issued 13 minutes ago
  EXPECT_NE(Why(c).find("too long ago"), std::string::npos);
  c = claims_;
  c["nbf"] = now + 300;
  EXPECT_NE(Why(c).find("(nbf)"), std::string::npos);
  c = claims_;
  c.erase("exp");
  EXPECT_NE(Why(c).find("(exp)"), std::string::npos);
  c = claims_;
  c.erase("sub");
  EXPECT_NE(Why(c).find("(sub)"), std::string::npos);
}

TEST_F(IdTokenTest, AnEmailIsVerifiedOnlyWhenTheProviderSaysSo) {
  json c = claims_;
  c["email_verified"] = false;
  auto r = Verify(Signed(c));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->email_verified);
  c.erase("email_verified");
  EXPECT_FALSE(Verify(Signed(c))->email_verified);
  // Microsoft Entra ID: the tenant verified the email's domain.
  c["xms_edov"] = true;
  EXPECT_TRUE(Verify(Signed(c))->email_verified);
  c["xms_edov"] = false;
  c["email_verified"] = "true";
  EXPECT_TRUE(Verify(Signed(c))->email_verified);
}

TEST(Jwks, TurnsTheProvidersRsaKeysIntoPem) {
  ASSERT_TRUE(InitSecrets().ok());
  const TestKey& k = ProviderKey();
  auto pem = RsaPublicKeyPem(k.n, k.e);
  ASSERT_TRUE(pem.ok()) << pem.status().message();
  EXPECT_EQ(*pem, k.public_pem);
  TestKey small = MakeKey(1024);
  json jwks = {{"keys",
                {{{"kty", "RSA"}, {"kid", "k1"}, {"use", "sig"}, {"n", k.n}, {"e", k.e}},
                 {{"kty", "RSA"}, {"kid", "enc"}, {"use", "enc"}, {"n", k.n}, {"e", k.e}},
                 {{"kty", "RSA"}, {"kid", "ps"}, {"alg", "PS256"}, {"n", k.n}, {"e", k.e}},
                 {{"kty", "RSA"}, {"kid", "weak"}, {"n", small.n}, {"e", small.e}},
                 {{"kty", "EC"}, {"kid", "ec"}, {"crv", "P-256"}, {"x", "AA"}, {"y", "AA"}},
                 {{"kty", "RSA"}, {"kid", "broken"}, {"n", "!!"}, {"e", k.e}}}}};
  auto keys = ReadJwks(jwks.dump());
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ(keys->at("k1"), k.public_pem);
  EXPECT_FALSE(ReadJwks("[]").ok());
  EXPECT_FALSE(ReadJwks("not json").ok());
}

TEST(Jwks, Base64UrlRoundTrips) {
  ASSERT_TRUE(InitSecrets().ok());
  std::string bytes("\xfb\xff\x00\x01?>", 6);
  EXPECT_EQ(Base64UrlEncode(bytes), "-_8AAT8-");
  EXPECT_EQ(*Base64UrlDecode("-_8AAT8-"), bytes);
  EXPECT_FALSE(Base64UrlDecode("a+b/").has_value());
}

}  // namespace
}  // namespace attune
