// Checking an OpenID Connect ID token (decision 0031): its RS256 signature
// by the provider's published key, with libjwt, and its claims as OpenID
// Connect Core 3.1.3.7 asks; and turning the provider's published keys
// (JWKS) into PEM public keys with OpenSSL.
//
// Only RS256 is accepted: a token saying "none", HS256 (which would take
// the public key for a shared secret) or anything else is refused before
// its signature is looked at.
//
// Thread-safety: pure functions, safe from any thread.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace attune {

// What a token must say to be accepted.
struct IdTokenCheck {
  // iss, exactly; for Google's https://accounts.google.com, also
  // accounts.google.com, which Google documents as the same issuer.
  std::string issuer;
  std::string client_id;  // the only audience, and azp when present
  std::string nonce;      // as sent when the sign-in began
  Timestamp now{};
  // How far the provider's clock may be from ours. Default: 2 minutes
  std::chrono::seconds leeway{120};
  // How long ago it may have been issued (iat), leeway aside. Default: 10 minutes
  std::chrono::seconds max_age{600};
};

// What attune reads from an accepted token.
struct IdTokenClaims {
  std::string subject;  // sub
  std::string email;    // as the provider wrote it; "" when none
  // email_verified is true, or, from Microsoft Entra ID, xms_edov is (the
  // email's domain is one the tenant has verified).
  bool email_verified = false;
  std::string name;
};

// The key id (kid) in the token's header; "" when it names none.
// Unauthenticated, saying why, unless the token is three base64url parts
// whose header says alg RS256.
Result<std::string> IdTokenKeyId(const std::string& token);

// Checks the token's signature by `public_key_pem`, then its claims by
// `check`. Unauthenticated saying which check failed (for the audit log,
// not for the person signing in).
Result<IdTokenClaims> VerifyIdToken(const std::string& token, const std::string& public_key_pem,
                                    const IdTokenCheck& check);

// The provider's RSA signing keys in a JWKS document, as PEM public keys
// by key id ("" for a key without one). Keys of another type or use, or
// shorter than 2048 bits, are left out. Invalid when it is not a JWKS.
Result<std::map<std::string, std::string>> ReadJwks(const std::string& json);

// A PEM public key (SubjectPublicKeyInfo) from a JWK's modulus `n` and
// exponent `e`, each base64url. Invalid when they are not a usable RSA key.
Result<std::string> RsaPublicKeyPem(const std::string& n, const std::string& e);

// base64url (RFC 4648 §5, padding optional) to bytes; nullopt when not.
std::optional<std::string> Base64UrlDecode(const std::string& text);
// bytes to base64url without padding.
std::string Base64UrlEncode(std::string_view bytes);

}  // namespace attune
