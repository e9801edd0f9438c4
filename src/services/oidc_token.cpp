// Checking ID tokens with libjwt and reading JWKS keys with OpenSSL
// (services/oidc_token.h).
#include "services/oidc_token.h"

#include <jwt.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <sodium.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace attune {
namespace {

using nlohmann::json;

struct OpenSslDeleter {
  void operator()(BIGNUM* b) const { BN_free(b); }
  void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
  void operator()(BIO* b) const { BIO_free(b); }
  void operator()(jwt_t* j) const { jwt_free(j); }
};
template <typename T>
using Owned = std::unique_ptr<T, OpenSslDeleter>;

Status Refused(const std::string& why) { return Status::Unauthenticated(why); }

// A NumericDate claim (seconds since 1970) as whole seconds.
std::optional<long long> Seconds(const json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end() || !it->is_number()) return std::nullopt;
  return static_cast<long long>(it->get<double>());
}

bool IsTrue(const json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end()) return false;
  // Some providers write it as text.
  return (it->is_boolean() && it->get<bool>()) || (it->is_string() && *it == "true");
}

std::string TextClaim(const json& claims, const char* name) {
  auto it = claims.find(name);
  return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Status CheckClaims(const json& c, const IdTokenCheck& check) {
  std::string iss = TextClaim(c, "iss");
  bool google_alias = check.issuer == "https://accounts.google.com" && iss == "accounts.google.com";
  if (iss != check.issuer && !google_alias) {
    return Refused("the token is from another issuer (iss '" + iss + "')");
  }
  // The one audience is attune (Core 3.1.3.7 steps 3 and 4).
  auto aud = c.find("aud");
  bool for_us = false;
  if (aud != c.end() && aud->is_string()) {
    for_us = *aud == check.client_id;
  } else if (aud != c.end() && aud->is_array() && !aud->empty()) {
    for_us = true;
    for (const auto& a : *aud) for_us = for_us && a.is_string() && a == check.client_id;
  }
  if (!for_us) return Refused("the token is for another application (aud)");
  if (c.contains("azp") && TextClaim(c, "azp") != check.client_id) {
    return Refused("the token was given to another application (azp)");
  }
  long long now = ToUnix(check.now), leeway = check.leeway.count();
  auto exp = Seconds(c, "exp");
  if (!exp) return Refused("the token has no expiry (exp)");
  if (now > *exp + leeway) return Refused("the token has run out (exp)");
  auto iat = Seconds(c, "iat");
  if (!iat) return Refused("the token does not say when it was issued (iat)");
  if (*iat > now + leeway) return Refused("the token was issued in the future (iat)");
  if (*iat < now - check.max_age.count() - leeway) {
    return Refused("the token was issued too long ago (iat)");
  }
  if (auto nbf = Seconds(c, "nbf"); nbf && *nbf > now + leeway) {
    return Refused("the token is not valid yet (nbf)");
  }
  std::string nonce = TextClaim(c, "nonce");
  if (nonce.empty() || nonce.size() != check.nonce.size() ||
      sodium_memcmp(nonce.data(), check.nonce.data(), nonce.size()) != 0) {
    return Refused("the token's nonce is not the one this sign-in sent");
  }
  if (TextClaim(c, "sub").empty()) return Refused("the token names no subject (sub)");
  return Status::Ok();
}

}  // namespace

std::optional<std::string> Base64UrlDecode(const std::string& text) {
  std::string out(text.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), "=", &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string Base64UrlEncode(std::string_view bytes) {
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

Result<std::string> IdTokenKeyId(const std::string& token) {
  if (token.size() > 16384) return Refused("the token is too long");
  size_t dot = token.find('.');
  if (dot == std::string::npos || token.find('.', dot + 1) == std::string::npos) {
    return Refused("the token is not a signed JWT");
  }
  auto header_text = Base64UrlDecode(token.substr(0, dot));
  if (!header_text) return Refused("the token's header is not base64url");
  json header = json::parse(*header_text, nullptr, false);
  if (!header.is_object()) return Refused("the token's header is not JSON");
  std::string alg = TextClaim(header, "alg");
  if (alg != "RS256") {
    return Refused("the token is signed with '" + alg + "', and only RS256 is accepted");
  }
  return TextClaim(header, "kid");
}

Result<IdTokenClaims> VerifyIdToken(const std::string& token, const std::string& public_key_pem,
                                    const IdTokenCheck& check) {
  auto kid = IdTokenKeyId(token);  // refuses every alg but RS256 first
  if (!kid.ok()) return kid.status();
  jwt_t* raw = nullptr;
  int rc =
      jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(public_key_pem.data()),
                 static_cast<int>(public_key_pem.size()));
  Owned<jwt_t> decoded(raw);
  if (rc != 0 || !decoded) return Refused("the token's signature is not the provider's");
  if (jwt_get_alg(decoded.get()) != JWT_ALG_RS256) return Refused("the token is not RS256");
  std::unique_ptr<char, decltype(&free)> grants(jwt_get_grants_json(decoded.get(), nullptr), &free);
  if (!grants) return Refused("the token holds no claims");
  json claims = json::parse(grants.get(), nullptr, false);
  if (!claims.is_object()) return Refused("the token's claims are not JSON");
  ATTUNE_RETURN_IF_ERROR(CheckClaims(claims, check));
  IdTokenClaims out;
  out.subject = TextClaim(claims, "sub");
  out.email = TextClaim(claims, "email");
  out.email_verified = IsTrue(claims, "email_verified") || IsTrue(claims, "xms_edov");
  out.name = TextClaim(claims, "name");
  return out;
}

Result<std::string> RsaPublicKeyPem(const std::string& n64, const std::string& e64) {
  auto n = Base64UrlDecode(n64), e = Base64UrlDecode(e64);
  if (!n || !e || n->empty() || e->empty() || e->size() > 8) {
    return Status::Invalid("the key's n and e are not base64url numbers");
  }
  auto bytes = [](const std::string& s) {
    return reinterpret_cast<const unsigned char*>(s.data());
  };
  Owned<BIGNUM> bn_n(BN_bin2bn(bytes(*n), static_cast<int>(n->size()), nullptr));
  Owned<BIGNUM> bn_e(BN_bin2bn(bytes(*e), static_cast<int>(e->size()), nullptr));
  if (!bn_n || !bn_e) return Status::Internal("OpenSSL could not read the key");
  int bits = BN_num_bits(bn_n.get());
  if (bits < 2048 || bits > 8192) {
    return Status::Invalid("the key has " + std::to_string(bits) +
                           " bits; attune accepts 2048 to 8192");
  }
  Owned<OSSL_PARAM_BLD> build(OSSL_PARAM_BLD_new());
  if (!build || !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get())) {
    return Status::Internal("OpenSSL could not build the key");
  }
  Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(build.get()));
  Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    return Status::Invalid("the key is not a usable RSA public key");
  }
  Owned<EVP_PKEY> key(raw);
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) {
    return Status::Internal("OpenSSL could not write the key");
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

Result<std::map<std::string, std::string>> ReadJwks(const std::string& text) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) {
    return Status::Invalid("the provider's keys are not a JWKS document");
  }
  std::map<std::string, std::string> keys;
  for (const auto& k : doc["keys"]) {
    if (!k.is_object() || TextClaim(k, "kty") != "RSA") continue;
    if (k.contains("use") && TextClaim(k, "use") != "sig") continue;
    if (k.contains("alg") && TextClaim(k, "alg") != "RS256") continue;
    auto pem = RsaPublicKeyPem(TextClaim(k, "n"), TextClaim(k, "e"));
    if (pem.ok()) keys[TextClaim(k, "kid")] = *pem;
  }
  return keys;
}

}  // namespace attune
