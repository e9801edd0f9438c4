// Storage of sign-ins begun at an OpenID Connect provider (decision 0031):
// each keyed by the hash of its state, ended at most once.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <string>

#include "core/status.h"
#include "core/time.h"

namespace attune {

// A sign-in begun at a provider, waiting for the browser to come back.
struct OidcAttempt {
  std::string provider;       // the provider's id (core/oidc_config.h)
  std::string nonce;          // must come back in the ID token
  std::string code_verifier;  // PKCE: sent with the code, never to the browser
  std::string next;           // the page to go to once signed in; "" for home
  std::string ip;             // the address that began it
  Timestamp created_at{};
  Timestamp expires_at{};
};

class OidcStore {
 public:
  virtual ~OidcStore() = default;

  // Saves `attempt` under `state_hash`, first forgetting every attempt that
  // ran out before `forget_before`. TooManyRequests, saving nothing, when
  // its address already began `max_for_ip` attempts at or after `since`.
  virtual Status BeginOidcAttempt(const std::string& state_hash, const OidcAttempt& attempt,
                                  Timestamp since, int max_for_ip, Timestamp forget_before) = 0;
  // Marks the attempt of `state_hash` used at `now` and returns it, once:
  // atomically, so of two returns with one state only one gets it.
  // Conflict when it was used before; NotFound when there is none (never
  // begun, or forgotten). Whether it ran out is the caller's to check.
  virtual Result<OidcAttempt> UseOidcAttempt(const std::string& state_hash, Timestamp now) = 0;
};

}  // namespace attune
