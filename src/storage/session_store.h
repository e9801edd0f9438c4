// Storage of sign-in sessions, sign-in attempts (for throttling), API tokens
// and the server's own secrets. Only hashes of session ids and tokens are
// stored.
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
  // Signs a member of staff out everywhere except `keep_id_hash` (may be empty).
  virtual Status DeleteSessionsOf(long long staff_id, const std::string& keep_id_hash) = 0;

  virtual Status RecordSignInAttempt(const std::string& email, const std::string& ip, Timestamp at,
                                     bool succeeded) = 0;
  // Failed attempts since `since` for this email / from this address.
  virtual Result<int> CountFailuresForEmail(const std::string& email, Timestamp since) = 0;
  virtual Result<int> CountFailuresFromIp(const std::string& ip, Timestamp since) = 0;

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
