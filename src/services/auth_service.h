// Signing staff (and parents and carers, and the people of trusts and
// local authorities, each from their own accounts) in and out, sessions, password changes and API
// tokens.
//
// Sign-in is throttled: after kMaxFailuresPerAccount failed attempts for one
// email, or kMaxFailuresPerAddress from one address, each within
// kThrottleWindow of the one before, further attempts are refused (429)
// until the window has passed since the latest failure. An attempt is
// counted, atomically in the store, before its password is checked, so a
// burst sent at once has at most the limit checked. Every sign-in, failure
// and refusal is audited.
//
// A member of staff who owes a second factor (services/
// second_factor_service.h, decision 0030) gets a session that opens only
// their own sign-in until they give it, lasting
// SecondFactorService::kSecondStepLength and not extended; "sign_in" is
// audited once they have, "sign_in.password" meanwhile.
//
// Credentials end when they should: changing a password ends the
// account's other sessions and their API tokens (as do a role change and
// deactivation, services/staff_service.h).
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <chrono>
#include <string>

#include "core/status.h"
#include "core/time.h"
#include "model/family.h"
#include "model/organisation.h"
#include "model/principal.h"
#include "model/staff.h"
#include "services/server_secret.h"
#include "storage/store.h"

namespace attune {

// Which kind of account a session is for: each kind has its own accounts
// and sessions, kept apart (decisions 0026, 0034).
enum class AccountKind { kStaff, kFamily, kOrganisation };

// An account a session starts for, whichever its kind.
struct SessionAccount {
  AccountKind kind = AccountKind::kStaff;
  long long scope_id = 0;  // the school; the organisation for kOrganisation
  long long id = 0;        // the member of staff, family account or organisation member
  std::string name;
  std::string email;
  Role role = Role::kTeacher;

  static SessionAccount Of(const Staff& staff);
  static SessionAccount Of(const FamilyAccount& family);
  static SessionAccount Of(const OrganisationMember& member);
  // "staff", "family" or "organisation_member": the audit log's subject type.
  const char* SubjectType() const;
};

struct SignInResult {
  std::string session_id;  // the raw id for the cookie; only its hash is stored
  Principal principal;
};

class AuthService {
 public:
  static constexpr int kMaxFailuresPerAccount = 5;
  static constexpr int kMaxFailuresPerAddress = 20;
  static constexpr std::chrono::minutes kThrottleWindow{15};

  // REQUIRES: `store` outlives the service.
  AuthService(Store& store, std::chrono::hours session_length)
      : store_(store), session_length_(session_length) {}

  // Invalid (with field) for empty input; TooManyRequests when throttled;
  // Unauthenticated for a wrong email or password (the same message for both).
  Result<SignInResult> SignIn(const std::string& email, const std::string& password,
                              const std::string& ip, const std::string& user_agent);

  // Signs in `staff`, who has just proved who they are, whichever way
  // (`how`, for the audit log: "" for a password, "through Microsoft" for a
  // provider, decision 0031): the one place a member of staff's session
  // starts, so that what follows a sign-in follows every way of signing in.
  // REQUIRES: `staff` is active and was read from the store just now.
  Result<SignInResult> StaffSignedIn(const Staff& staff, const std::string& how,
                                     const std::string& ip, const std::string& user_agent);

  // The principal of a live session; extends it while in use (`renew`),
  // not for what a page asks by itself while nobody uses it (the badge's
  // refresh), so an open tab does not keep an unattended session alive.
  // NotFound when the session is unknown, expired or its member of staff
  // deactivated.
  Result<Principal> Authenticate(const std::string& session_id, const std::string& ip,
                                 bool renew = true);

  Status SignOut(const Principal& principal, const std::string& ip);

  // Checks the current password, the new one's strength and its confirmation;
  // signs the member of staff (or parent or carer, or trust's or local
  // authority's person) out of every other session and revokes their API
  // tokens (organisations' people hold none). Audited, as is a wrong
  // current password.
  Status ChangePassword(const Principal& principal, const std::string& current,
                        const std::string& replacement, const std::string& confirmation,
                        const std::string& ip);

  // Accepts a family's invitation (decision 0026): checks the password's
  // strength and confirmation, sets it, uses the invitation and signs the
  // parent or carer in. NotFound when the invitation is used, expired or
  // unknown.
  Result<SignInResult> AcceptInvitation(const std::string& token, const std::string& password,
                                        const std::string& confirmation, const std::string& ip,
                                        const std::string& user_agent);

  // The principal an API bearer token acts for. Unauthenticated otherwise.
  Result<Principal> AuthenticateToken(const std::string& token);

  // Creates a token for the member of staff, or else the family account,
  // with `email`; returns the raw token (shown once). NotFound when no
  // active one has it.
  // `as_family`: for the family account with that email even when a
  // member of staff has it too (a member of staff who is a parent).
  Result<std::string> CreateApiToken(const std::string& email, const std::string& label,
                                     bool as_family = false);

  // The CSRF token of a form shown before sign-in (decision 0003): random,
  // with a MAC by a secret the server keeps in the database, so that only a
  // token the server issued passes IsSignInFormToken (a pair of cookie and
  // form field made up by someone else does not).
  Result<std::string> IssueSignInFormToken();
  bool IsSignInFormToken(const std::string& token);

 private:
  // A family account's password may not be the staff password of the same
  // email: the password tells the two accounts apart at sign-in.
  Status NotTheStaffPassword(const std::string& email, const std::string& password);
  // A new session of `account`, its raw id (for the cookie) in `raw_id`.
  SessionRecord NewSession(const SessionAccount& account, const std::string& ip,
                           const std::string& user_agent, Timestamp now, std::string& raw_id) const;
  // The one place a session starts, for an account of any kind that has
  // just proved who it is (`how`, for the audit log: "" for a password):
  // its second step owed as the account's says, the session created in its
  // kind's table, the principal filled in and the sign-in audited.
  // `clear_throttle`: the email's failed attempts are taken back once the
  // session is created (a password that worked).
  Result<SignInResult> StartSession(const SessionAccount& account, const std::string& how,
                                    bool clear_throttle, const std::string& ip,
                                    const std::string& user_agent, Timestamp now);
  Store& store_;
  std::chrono::hours session_length_;
  ServerSecret form_secret_{store_, "sign_in_form"};  // signs sign-in form tokens
};

}  // namespace attune
