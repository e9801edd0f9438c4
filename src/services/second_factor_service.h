// Two-step sign-in (issue 16, decision 0030): after their password, a
// member of staff (or a trust's or local authority's person, decision 0034:
// one implementation serves both, their keys kept in their own kind's
// tables) who has set it up gives a code from their authenticator
// app (RFC 6238, services/totp.h) or one of their recovery codes; one whose
// role requires it (model/role.h, RequiresSecondFactor) and who has not set
// it up does so before anything else. Other roles may set it up by choice.
//
// - The shared key is made here (libsodium's random bytes) and kept sealed
//   under a server key (core/secrets.h SealSecret; the key is a server
//   secret kept in the database, SessionStore::KeptSecret), never in clear.
// - A code is accepted one step either side of the server's clock, and
//   only for a step later than the last accepted: a code signs in once.
// - Wrong codes are throttled as wrong passwords are (AuthService):
//   kMaxWrongCodes for one member, or AuthService::kMaxFailuresPerAddress
//   (passwords and codes together) from one address, each within
//   kThrottleWindow of the one before; counted atomically before the code
//   is checked.
// - Ten recovery codes are made at set-up and on request, shown once and
//   kept as keyed hashes; each signs in once; a new set ends the old.
// - A session that gives its second factor gets a new id (the one seen
//   before the second step opens nothing).
// - Setting up, each recovery code used, new sets, wrong codes, refusals
//   and resets are audited; API tokens are not touched by any of it.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "model/principal.h"
#include "model/staff.h"
#include "services/server_secret.h"
#include "storage/store.h"

namespace attune {

// Whose second factor the principal's is: a member of staff's, or a trust's
// or local authority's person's (decision 0034).
SecondFactorHolder HolderOf(const Principal& who);
SecondFactorHolder HolderOf(const Staff& staff);
// "staff" or "organisation_member": the audit log's subject type for them.
const char* SubjectOf(const Principal& who);

// What an account owes once its password is right (decision 0030): a code
// if they have set two-step sign-in up, setting it up if their role
// requires it, nothing otherwise.
Result<SecondFactorDue> SecondFactorDueAfterPassword(SecondFactorStore& store,
                                                     const SecondFactorHolder& holder, Role role);

// A key being set up, as the set-up page shows it.
struct SecondFactorKey {
  std::string base32;   // the key in base32 (RFC 4648), as apps take it typed in
  std::string account;  // the member's email, the name apps list it under
};

// The member's two-step sign-in as their account page shows it.
struct SecondFactorState {
  bool on = false;        // set up and confirmed
  bool required = false;  // their role requires it
  int recovery_codes_left = 0;
};

// A session that has just given its second factor: its new id (for the
// cookie) and CSRF token. Both empty when the session owed nothing.
struct PassedSession {
  std::string session_id;
  std::string csrf_token;
};

// Ten recovery codes, shown once, and the session when setting up passed it.
struct RecoveryCodes {
  std::vector<std::string> codes;
  PassedSession session;
};

class SecondFactorService {
 public:
  static constexpr int kMaxWrongCodes = 5;
  static constexpr std::chrono::minutes kThrottleWindow{15};
  static constexpr int kRecoveryCodeCount = 10;
  // How long a session owing its second factor lasts: time to find a
  // phone, not a working day.
  static constexpr std::chrono::minutes kSecondStepLength{15};

  // REQUIRES: `store` outlives the service.
  SecondFactorService(Store& store, std::chrono::hours session_length)
      : store_(store), session_length_(session_length) {}

  // The principal's own state. REQUIRES: a member of staff or an
  // organisation's person.
  Result<SecondFactorState> StateOf(const Principal& who);
  // The same of any member of staff of `school_id`.
  Result<SecondFactorState> StateOf(long long school_id, const Staff& member);
  // The ids of the school's staff who have set two-step sign-in up.
  // REQUIRES: `by` holds staff.manage.
  Result<std::vector<long long>> StaffWithItOn(const Principal& by);

  // The key the principal is setting up (made and kept on first asking, so
  // the page shown again shows the same key). Conflict when they
  // have set it up already (a new key comes only after a reset).
  Result<SecondFactorKey> KeyToSetUp(const Principal& who);
  // Confirms the key being set up with its first code: it becomes the
  // principal's, with ten new recovery codes (returned, shown once); a
  // session owing its set-up passes. Invalid (field "code") for a wrong or
  // malformed code; TooManyRequests when throttled; Conflict when
  // already set up; NotFound when no key is being set up (reset meanwhile).
  Result<RecoveryCodes> ConfirmSetUp(const Principal& who, const std::string& code,
                                     const std::string& ip);

  // The second step of signing in: a code from the app, or a recovery code
  // (used up). The session passes. Invalid (field "code") for a wrong,
  // used or malformed code; TooManyRequests when throttled;
  // Conflict when the principal owes no code.
  Result<PassedSession> GiveCode(const Principal& who, const std::string& code,
                                 const std::string& ip);

  // A new set of recovery codes (the old stop working), a current code from
  // the app confirming it is the member. Errors as GiveCode's.
  Result<std::vector<std::string>> NewRecoveryCodes(const Principal& who, const std::string& code,
                                                    const std::string& ip);

  // Resets staff member `staff_id`'s two-step sign-in: they set it up again
  // at their next sign-in (or may, if their role does not require it), and
  // every session of theirs ends; their API tokens stay. `checked` says
  // that `by` has made sure it is them asking (in person, or on a number
  // the school already holds): a reset is how a stolen password gets past
  // the second step, so Invalid (field "checked") without it. REQUIRES:
  // `by` holds staff.manage. Forbidden as MayReset says; NotFound for no
  // such member; Conflict when they have not set it up.
  Status Reset(const Principal& by, long long staff_id, bool checked, const std::string& ip);
  // The same by the server's operator (`attune user reset-two-step`,
  // `attune organisation reset-two-step`), who holds the database itself:
  // for a school whose only staff who may reset are locked out, and for a
  // trust's or local authority's person (no one else resets theirs). Audited
  // as done from the command line. NotFound for no active member of staff
  // or organisation account with `email`; Conflict when not set up.
  Status ResetFromCommandLine(const std::string& email);
  // OK when `by` may reset `target`'s two-step sign-in; Forbidden, saying
  // why, for their own (another does it) and for a member whose role `by`
  // may not grant (model/role.h MayGrantRole: an administrator alone does
  // not reset a DSL's).
  static Status MayReset(const Principal& by, const Staff& target);
  // Staff member `staff_id` and their two-step sign-in, for the reset page.
  // REQUIRES: `by` holds staff.manage. NotFound for no such member.
  Result<std::pair<Staff, SecondFactorState>> MemberState(const Principal& by, long long staff_id);

 private:
  Result<SecondFactorState> StateOf(const SecondFactorHolder& holder, Role role);
  // The confirmed key of `factor`, opened. NotFound when not set up.
  Result<std::string> OpenKey(const SecondFactorRecord& factor);
  // Counts an attempt before it is checked (throttle); audits refusals.
  Status BeginAttempt(const Principal& who, const std::string& ip);
  // The step of a right, unused code of the app for `who` (used up), or
  // Invalid explaining what is wrong.
  Result<long long> UseAppCode(const Principal& who, const SecondFactorRecord& factor,
                               const std::string& code);
  // Ten new recovery codes and their hashes.
  Status MakeRecoveryCodes(std::vector<std::string>& codes, std::vector<std::string>& hashes);
  Result<std::string> RecoveryHash(const std::string& code);
  // Passes the principal's session, if it owes anything.
  Result<PassedSession> Pass(const Principal& who);

  Result<std::string> ServerKey() { return server_key_.Get(); }

  Store& store_;
  std::chrono::hours session_length_;
  // Seals shared keys and keys the recovery codes' hashes.
  ServerSecret server_key_{store_, "second_factor"};
};

}  // namespace attune
