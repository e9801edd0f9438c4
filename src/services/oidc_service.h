// Staff signing in through the school's OpenID Connect provider — the
// authorization-code flow with PKCE (S256), state and nonce (issue 16,
// decision 0031).
//
// Begin saves a sign-in under the hash of a random state, with its nonce
// and PKCE verifier, and gives the address of the provider's sign-in page
// and the state, which the web layer keeps in a cookie of this browser.
// Finish takes the browser back: the state in the address must be the
// cookie's and a sign-in begun less than kAttemptLifetime ago, used once;
// the code is redeemed with the verifier; the ID token is verified
// (services/oidc_token.h); its verified email must be an active member of
// staff (and at one of the provider's email_domains, when it has any).
// No account is ever made. Then the member of staff is signed in as after a
// password (AuthService::StaffSignedIn). Every refusal is audited
// ("oidc.sign_in_refused", saying why) and comes back as a Status whose
// message a member of staff can act on; a success is audited as a sign-in
// "through <provider>".
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/oidc_config.h"
#include "core/status.h"
#include "services/auth_service.h"
#include "services/oidc_provider.h"
#include "storage/store.h"

namespace attune {

// A provider as the sign-in page offers it.
struct OidcButton {
  std::string id;
  std::string name;  // "Sign in with <name>"
};

struct OidcBegun {
  std::string state;              // for the browser's cookie
  std::string authorization_url;  // where to send the browser
};

// What the provider sent the browser back with, and what the browser holds.
struct OidcReturn {
  std::string state;         // the address's state
  std::string cookie_state;  // the state the browser's cookie holds
  std::string code;
  std::string error;  // the provider's error (e.g. access_denied); "" when none
  std::string iss;    // RFC 9207's iss, when the provider sends it
};

struct OidcSignedIn {
  SignInResult sign_in;
  std::string next;  // the page asked for when the sign-in began; "" for none
};

class OidcService {
 public:
  // How long a sign-in may take at the provider.
  static constexpr std::chrono::minutes kAttemptLifetime{10};
  // Sign-ins one address may begin in kAttemptLifetime.
  static constexpr int kMaxAttemptsPerAddress = 30;

  // `base_url`: the site's address as staff reach it (core/config.h
  // BaseUrl), which the provider sends browsers back to.
  // REQUIRES: `store` and `auth` outlive the service; `providers` valid.
  OidcService(Store& store, AuthService& auth, const std::vector<OidcProviderConfig>& providers,
              std::string base_url);

  // Every configured provider, in the configuration's order.
  const std::vector<OidcButton>& Buttons() const { return buttons_; }
  // The name of provider `id`; "" when there is none.
  std::string NameOf(const std::string& id) const;
  // The address the provider sends browsers back to.
  std::string CallbackUrl(const std::string& id) const;

  // Begins a sign-in at provider `id` from `ip`, to go to `next` after.
  // NotFound for an unknown provider; Unavailable when its discovery
  // cannot be read; TooManyRequests when the address began too many.
  Result<OidcBegun> Begin(const std::string& id, const std::string& next, const std::string& ip);

  // Finishes a sign-in at provider `id` as described above.
  Result<OidcSignedIn> Finish(const std::string& id, const OidcReturn& back, const std::string& ip,
                              const std::string& user_agent);

 private:
  OidcProvider* Find(const std::string& id) const;
  // The member of staff the provider vouched for, checked and signed in.
  Result<OidcSignedIn> SignInVerified(OidcProvider& provider, const std::string& id_token,
                                      const std::string& nonce, const std::string& ip,
                                      const std::string& user_agent);
  // Audits a refusal at provider `id` (`staff`, when known) and returns
  // `shown`, the Status the person sees.
  Status Refuse(const std::string& id, const std::string& why, const std::string& ip, Status shown,
                const Staff* staff = nullptr) const;

  Store& store_;
  AuthService& auth_;
  std::string base_url_;
  std::vector<std::unique_ptr<OidcProvider>> providers_;
  std::vector<OidcButton> buttons_;
};

}  // namespace attune
