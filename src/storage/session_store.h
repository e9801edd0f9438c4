// Storage of sign-in sessions, sign-in throttling, API tokens and the
// server's own secrets. Only hashes of session ids and tokens are stored.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <string>

#include "core/status.h"
#include "core/time.h"
#include "model/principal.h"

namespace attune {

struct SessionRecord {
  std::string id_hash;
  long long school_id = 0;
  long long staff_id = 0;
  std::string csrf_token;
  Timestamp created_at{};
  Timestamp last_seen_at{};
  Timestamp expires_at{};
  std::string ip;
  std::string user_agent;
  // What the session still owes after the password (decision 0030).
  SecondFactorDue second_factor_due = SecondFactorDue::kNone;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;

  virtual Status CreateSession(const SessionRecord& session) = 0;
  // The principal of an unexpired session of an active member of staff, with
  // its expiry in `expires_at`. NotFound otherwise.
  virtual Result<Principal> FindSession(const std::string& id_hash, Timestamp now,
                                        Timestamp* expires_at) = 0;
  virtual Status TouchSession(const std::string& id_hash, Timestamp now, Timestamp expires_at) = 0;
  virtual Status DeleteSession(const std::string& id_hash) = 0;
  // Ends a member of staff's sign-ins, in one transaction: deletes their
  // sessions except `keep_id_hash` (may be empty) and revokes their API
  // tokens at `now`.
  virtual Status EndSignIns(long long staff_id, const std::string& keep_id_hash, Timestamp now) = 0;

  // Sign-in throttling, counted before the password is checked.
  //
  // Counts an attempt to sign in as `email` from `ip` as failed until
  // SignInSucceeded says otherwise. TooManyRequests, counting nothing, when
  // the email already has `max_for_email` failures or the address
  // `max_for_ip`, the latest of them at or after `since` (failures older
  // than that are forgotten). Atomic: concurrent attempts, from any thread
  // or process, are counted one after another, so no more than the limit
  // are ever let through to have their password checked.
  virtual Status BeginSignInAttempt(const std::string& email, const std::string& ip, Timestamp now,
                                    Timestamp since, int max_for_email, int max_for_ip) = 0;
  // The attempt begun for `email` from `ip` succeeded: the account's
  // failures are cleared and the attempt no longer counts for the address.
  virtual Status SignInSucceeded(const std::string& email, const std::string& ip) = 0;

  virtual Status CreateApiToken(long long school_id, long long staff_id,
                                const std::string& token_hash, const std::string& label,
                                Timestamp now) = 0;
  // The principal an unrevoked token acts for, if its member of staff is active.
  virtual Result<Principal> FindApiToken(const std::string& token_hash) = 0;

  // The secret kept under `name`, keeping `fresh` first when there is none:
  // the first caller's is kept, so every process on the database shares it.
  virtual Result<std::string> KeptSecret(const std::string& name, const std::string& fresh) = 0;
};

}  // namespace attune
