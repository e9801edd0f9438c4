// Staff signing in through an OpenID Connect provider
// (services/oidc_service.h).
#include "services/oidc_service.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "core/secrets.h"
#include "services/audit.h"
#include "services/oidc_http.h"
#include "services/oidc_token.h"
#include "services/text.h"

namespace attune {
namespace {

// PKCE's S256 (RFC 7636 4.2): base64url of the verifier's SHA-256.
std::string CodeChallenge(const std::string& verifier) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(verifier.data()),
                     verifier.size());
  return Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string DomainOf(const std::string& email) {
  size_t at = email.rfind('@');
  return at == std::string::npos ? "" : email.substr(at + 1);
}

const char* kStartAgain = " Start again from the sign-in page.";

// What the person reads when what the provider sent back does not hold.
Status NotConfirmed(const std::string& name) {
  return Status::Unauthenticated("attune could not confirm your sign-in with " + name +
                                 ", so you have not been signed in. Please try again; if it "
                                 "happens again, tell your school's attune administrator.");
}

}  // namespace

OidcService::OidcService(Store& store, AuthService& auth,
                         const std::vector<OidcProviderConfig>& providers, std::string base_url)
    : store_(store), auth_(auth), base_url_(std::move(base_url)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
  for (const auto& p : providers) {
    providers_.push_back(std::make_unique<OidcProvider>(p));
    buttons_.push_back({p.id, p.name});
  }
}

OidcProvider* OidcService::Find(const std::string& id) const {
  for (const auto& p : providers_) {
    if (p->config().id == id) return p.get();
  }
  return nullptr;
}

std::string OidcService::NameOf(const std::string& id) const {
  OidcProvider* p = Find(id);
  return p ? p->config().name : "";
}

std::string OidcService::CallbackUrl(const std::string& id) const {
  return base_url_ + "/sign-in/oidc/" + id + "/callback";
}

Status OidcService::Refuse(const std::string& id, const std::string& why, const std::string& ip,
                           Status shown, const Staff* staff) const {
  // The operator's to mend: a provider attune cannot reach or use.
  if (shown.code() == StatusCode::kUnavailable) spdlog::warn("sign-in at {}: {}", id, why);
  Principal who;
  if (staff) {
    who.school_id = staff->school_id;
    who.staff_id = staff->id;
  }
  Audit(store_, staff ? &who : nullptr, "oidc.sign_in_refused", staff ? "staff" : "",
        staff ? staff->id : 0, id + ": " + why, ip);
  return shown;
}

Result<OidcBegun> OidcService::Begin(const std::string& id, const std::string& next,
                                     const std::string& ip) {
  OidcProvider* provider = Find(id);
  if (!provider) {
    return Status::NotFound("attune has no sign-in called '" + id +
                            "'. Go back to the sign-in page and choose one of its buttons.");
  }
  const std::string& name = provider->config().name;
  auto metadata = provider->Metadata();
  if (!metadata.ok()) {
    return Refuse(id, "discovery: " + metadata.status().message(), ip,
                  Status::Unavailable("attune could not reach " + name +
                                      " just now. Please try again in a few minutes, or sign "
                                      "in with your email and password."));
  }
  OidcBegun begun;
  begun.state = RandomToken();
  OidcAttempt attempt;
  attempt.provider = id;
  attempt.nonce = RandomToken();
  attempt.code_verifier = RandomToken();
  attempt.next = next.size() <= 512 ? next : "";
  attempt.ip = ip;
  attempt.created_at = Now();
  attempt.expires_at = attempt.created_at + kAttemptLifetime;
  Status saved = store_.BeginOidcAttempt(
      HashToken(begun.state), attempt, attempt.created_at - kAttemptLifetime,
      kMaxAttemptsPerAddress, attempt.created_at - std::chrono::hours(1));
  if (saved.code() == StatusCode::kTooManyRequests) {
    return Refuse(id, "too many sign-ins begun from this address", ip,
                  Status::TooManyRequests(
                      "Too many sign-ins have been started from this network in the last few "
                      "minutes. Please wait 10 minutes and try again."));
  }
  ATTUNE_RETURN_IF_ERROR(saved);
  const std::string& endpoint = metadata->authorization_endpoint;
  begun.authorization_url =
      endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&") +
      "response_type=code&client_id=" + FormEncode(provider->config().client_id) +
      "&redirect_uri=" + FormEncode(CallbackUrl(id)) + "&scope=openid%20email%20profile" +
      "&state=" + begun.state + "&nonce=" + attempt.nonce +
      "&code_challenge=" + CodeChallenge(attempt.code_verifier) + "&code_challenge_method=S256";
  return begun;
}

Result<OidcSignedIn> OidcService::Finish(const std::string& id, const OidcReturn& back,
                                         const std::string& ip, const std::string& user_agent) {
  OidcProvider* provider = Find(id);
  if (!provider) {
    return Status::NotFound("attune has no sign-in called '" + id + "'." + kStartAgain);
  }
  const std::string& name = provider->config().name;
  // The state in the address must be the one this browser was given.
  if (back.state.empty() || back.state.size() > 128 || back.cookie_state.empty() ||
      !ConstantTimeEquals(back.state, back.cookie_state)) {
    return Refuse(id,
                  back.cookie_state.empty() ? "no sign-in begun in this browser"
                                            : "the state is not the one this browser was given",
                  ip,
                  Status::BadRequest("This sign-in did not start in this browser, or it has "
                                     "finished already. Nothing has changed." +
                                     std::string(kStartAgain)));
  }
  Timestamp now = Now();
  auto attempt = store_.UseOidcAttempt(HashToken(back.state), now);
  if (attempt.status().code() == StatusCode::kConflict) {
    return Refuse(id, "the state was used before (a replay)", ip,
                  Status::BadRequest("This sign-in has been used already, so it cannot sign "
                                     "anyone in again." +
                                     std::string(kStartAgain)));
  }
  if (attempt.status().code() == StatusCode::kNotFound) {
    return Refuse(id, "no sign-in began with this state", ip,
                  Status::BadRequest("attune does not know this sign-in: it may have run out."
                                     " Nothing has changed." +
                                     std::string(kStartAgain)));
  }
  if (!attempt.ok()) return attempt.status();
  if (attempt->provider != id) {
    return Refuse(
        id, "the state began at '" + attempt->provider + "'", ip,
        Status::BadRequest("This sign-in began with another provider." + std::string(kStartAgain)));
  }
  if (now >= attempt->expires_at) {
    return Refuse(id, "the sign-in ran out", ip,
                  Status::BadRequest("This sign-in took longer than 10 minutes and has run out."
                                     " Nothing has changed." +
                                     std::string(kStartAgain)));
  }
  if (!back.error.empty()) {
    bool cancelled = back.error == "access_denied";
    return Refuse(id, "the provider answered " + back.error.substr(0, 64), ip,
                  Status::Forbidden(cancelled ? "The sign-in at " + name +
                                                    " was cancelled, so you have not been "
                                                    "signed in. You can try again."
                                              : name + " did not sign you in. Please try again,"
                                                       " or sign in with your email and "
                                                       "password."));
  }
  Status not_confirmed = NotConfirmed(name);
  // RFC 9207: a provider that names itself must be this one.
  if (!back.iss.empty() && back.iss != provider->config().issuer) {
    return Refuse(id, "the browser came back from another issuer", ip, not_confirmed);
  }
  if (back.code.empty() || back.code.size() > 2048) {
    return Refuse(id, "no code came back", ip, not_confirmed);
  }
  auto id_token = provider->RedeemCode(back.code, attempt->code_verifier, CallbackUrl(id));
  if (!id_token.ok()) {
    return Refuse(id, "redeeming the code: " + id_token.status().message(), ip,
                  id_token.status().code() == StatusCode::kUnavailable
                      ? Status::Unavailable("attune could not reach " + name +
                                            " just now. Please try again in a few minutes.")
                      : not_confirmed);
  }
  auto signed_in = SignInVerified(*provider, *id_token, attempt->nonce, ip, user_agent);
  if (!signed_in.ok()) return signed_in.status();
  signed_in->next = attempt->next;
  return signed_in;
}

Result<OidcSignedIn> OidcService::SignInVerified(OidcProvider& provider,
                                                 const std::string& id_token,
                                                 const std::string& nonce, const std::string& ip,
                                                 const std::string& user_agent) {
  const OidcProviderConfig& config = provider.config();
  Status not_confirmed = NotConfirmed(config.name);
  auto kid = IdTokenKeyId(id_token);
  if (!kid.ok()) return Refuse(config.id, kid.status().message(), ip, not_confirmed);
  auto key = provider.SigningKey(*kid);
  if (!key.ok()) return Refuse(config.id, key.status().message(), ip, not_confirmed);
  IdTokenCheck check;
  check.issuer = config.issuer;
  check.client_id = config.client_id;
  check.nonce = nonce;
  check.now = Now();
  auto claims = VerifyIdToken(id_token, *key, check);
  if (!claims.ok()) return Refuse(config.id, claims.status().message(), ip, not_confirmed);

  std::string email = ToLower(Trim(claims->email));
  if (email.empty() || !claims->email_verified || email.size() > 254) {
    return Refuse(
        config.id, email.empty() ? "the token has no email" : "the email is not verified: " + email,
        ip,
        Status::Forbidden(config.name + " did not confirm an email address for your account, so "
                                        "attune cannot tell which staff account is yours. Ask your "
                                        "school's attune administrator for help."));
  }
  if (!config.email_domains.empty()) {
    bool allowed = false;
    for (const auto& d : config.email_domains) allowed = allowed || DomainOf(email) == d;
    if (!allowed) {
      return Refuse(config.id, "the email's domain is not allowed: " + email, ip,
                    Status::Forbidden(email +
                                      " is not an address this school signs in with "
                                      "through " +
                                      config.name +
                                      ". Sign in with your school account, or ask your "
                                      "school's attune administrator."));
    }
  }
  auto staff = store_.FindStaffByEmail(email);
  if (!staff.ok() && staff.status().code() != StatusCode::kNotFound) return staff.status();
  if (!staff.ok() || !staff->active) {
    return Refuse(
        config.id,
        (staff.ok() ? "the member of staff is not active: " : "no staff account: ") + email, ip,
        Status::Forbidden("There is no active staff account in attune for " + email +
                          ". Ask your school's attune administrator to add you, or "
                          "to check the email address they used. No account has "
                          "been made."),
        staff.ok() ? &*staff : nullptr);
  }
  auto result = auth_.StaffSignedIn(*staff, "through " + config.name, ip, user_agent);
  if (!result.ok()) return result.status();
  OidcSignedIn out;
  out.sign_in = std::move(*result);
  return out;
}

}  // namespace attune
