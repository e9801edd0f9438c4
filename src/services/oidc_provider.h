// One OpenID Connect provider as attune uses it (decision 0031): its
// discovery document and signing keys, read over HTTPS and kept, and the
// redemption of a one-time code for an ID token.
//
// Discovery (<issuer>/.well-known/openid-configuration) is read on first
// use and again after kMetadataLifetime; it must name the configured
// issuer exactly, and the provider must sign with RS256 (and, when it says
// which, accept PKCE's S256). The keys (jwks_uri) are read on first use,
// and again when a token names a key id they do not hold (the provider has
// rotated its keys) — at most kMaxKeyReadsPerMinute times a minute, so
// that made-up key ids cannot make attune ask the provider at every
// request.
//
// Thread-safety: safe to share between request threads; one request at a
// time asks the provider.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/oidc_config.h"
#include "core/status.h"
#include "core/time.h"

namespace attune {

// What attune needs of a provider's discovery document.
struct OidcMetadata {
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  // The client authenticates at the token endpoint with HTTP Basic
  // (client_secret_basic); else in the form (client_secret_post).
  bool basic_auth = true;
};

class OidcProvider {
 public:
  static constexpr std::chrono::hours kMetadataLifetime{24};
  static constexpr int kMaxKeyReadsPerMinute = 10;

  explicit OidcProvider(OidcProviderConfig config) : config_(std::move(config)) {}

  const OidcProviderConfig& config() const { return config_; }

  // The provider's discovery document, read when not yet read or too old.
  // Unavailable when it cannot be read or is not one attune can use,
  // saying why (for the log and the audit, not for the person).
  Result<OidcMetadata> Metadata();

  // The PEM public key the provider signs with under `kid` ("" for a key
  // without an id, when the provider publishes exactly one). Reads the
  // keys again when `kid` is not among them (see kMaxKeyReadsPerMinute).
  // Unauthenticated when the provider has no such key.
  Result<std::string> SigningKey(const std::string& kid);

  // Redeems `code` at the token endpoint with the PKCE `verifier` and the
  // `redirect_uri` the sign-in began with. The ID token; Unauthenticated
  // when the provider refuses the code, Unavailable when it cannot be
  // reached.
  Result<std::string> RedeemCode(const std::string& code, const std::string& verifier,
                                 const std::string& redirect_uri);

 private:
  // REQUIRES: mu_ held.
  Status ReadMetadata(Timestamp now);
  Status ReadKeys(Timestamp now);

  const OidcProviderConfig config_;
  std::mutex mu_;
  std::optional<OidcMetadata> metadata_;     // guarded by mu_
  Timestamp metadata_read_at_{};             // guarded by mu_
  std::map<std::string, std::string> keys_;  // guarded by mu_: PEM by kid
  std::deque<Timestamp> key_reads_;          // guarded by mu_: reads in the last minute
};

}  // namespace attune
