// Storage of two-step sign-in (decision 0030): each member of staff's, and
// each trust's or local authority's person's (decision 0034), authenticator key, sealed (the store
// never sees it in clear), the latest step whose code was accepted, their recovery codes (hashes
// only), and the session that has given its second factor.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "storage/session_store.h"

namespace attune {

// Whose second factor: a member of staff of the school `scope_id`, or a
// trust's or local authority's person (`organisation`) of the organisation
// `scope_id`. Each kind's are kept in its own tables, as its accounts are.
struct SecondFactorHolder {
  bool organisation = false;
  long long scope_id = 0;    // the school, or the organisation
  long long account_id = 0;  // the member of staff, or the organisation's person
};

struct SecondFactorRecord {
  SecondFactorHolder holder;
  std::string secret_box;   // the confirmed key, sealed; "" before the first confirmation
  std::string pending_box;  // a key being set up, sealed; "" when none
  std::optional<Timestamp> confirmed_at;
  long long last_step = 0;  // the latest 30-second step accepted; 0 for none

  bool Confirmed() const { return !secret_box.empty(); }
};

class SecondFactorStore {
 public:
  virtual ~SecondFactorStore() = default;

  // The member of staff's second factor. NotFound when they have none, set
  // up or being set up.
  virtual Result<SecondFactorRecord> GetSecondFactor(const SecondFactorHolder& holder) = 0;
  // The ids of the school's staff whose second factor is confirmed.
  virtual Result<std::vector<long long>> StaffWithSecondFactor(long long school_id) = 0;
  // Keeps `pending_box` as the key being set up, unless one is kept
  // already (the first kept stays, so a page shown twice shows one key).
  // The pending key kept.
  virtual Result<std::string> KeepPendingSecondFactor(const SecondFactorHolder& holder,
                                                      const std::string& pending_box,
                                                      Timestamp now) = 0;
  // Makes the pending key `pending_box` the member's, its code accepted at
  // `step`, and `recovery_hashes` their only recovery codes, in one
  // transaction. NotFound, changing nothing, when `pending_box` is no
  // longer the pending key (set up elsewhere meanwhile, or reset).
  virtual Status ConfirmSecondFactor(const SecondFactorHolder& holder,
                                     const std::string& pending_box, long long step,
                                     const std::vector<std::string>& recovery_hashes,
                                     Timestamp now) = 0;
  // Accepts a code of `step` if it is later than the latest accepted, in
  // one statement (of two requests sending one code at once, one wins).
  // False when it is not later (the code, or a later one, was used).
  virtual Result<bool> UseSecondFactorStep(const SecondFactorHolder& holder, long long step) = 0;
  // Uses the unused recovery code with `code_hash`, once. False when there
  // is none.
  virtual Result<bool> UseRecoveryCode(const SecondFactorHolder& holder,
                                       const std::string& code_hash, Timestamp now) = 0;
  // How many of the member's recovery codes are unused.
  virtual Result<int> RecoveryCodesLeft(const SecondFactorHolder& holder) = 0;
  // Makes `hashes` the member's only recovery codes (the old stop working).
  virtual Status ReplaceRecoveryCodes(const SecondFactorHolder& holder,
                                      const std::vector<std::string>& hashes, Timestamp now) = 0;
  // Removes the member's second factor and recovery codes and ends every
  // session of theirs, in one transaction; their API tokens stay.
  virtual Status ResetSecondFactor(const SecondFactorHolder& holder) = 0;

  // The session `old_id_hash` of the holder's kind, which owed its second factor, gives it: it
  // takes the id and CSRF token of `renewed` (a fresh id, so one seen
  // before the second step opens nothing), owes nothing more and lasts
  // until renewed.expires_at. NotFound when no such session owes it.
  virtual Status PassSecondFactor(const SecondFactorHolder& holder, const std::string& old_id_hash,
                                  const SessionRecord& renewed) = 0;

  // Throttling of codes, as of passwords (SessionStore::BeginSignInAttempt):
  // counts a code for `holder` from `ip` as wrong until
  // SecondFactorWorked says otherwise; TooManyRequests, counting nothing,
  // when the holder already has `max_for_holder` wrong codes or the address
  // `max_for_ip` failures (of passwords and codes alike), the latest at or
  // after `since`. Atomic, as BeginSignInAttempt is.
  virtual Status BeginSecondFactorAttempt(const SecondFactorHolder& holder, const std::string& ip,
                                          Timestamp now, Timestamp since, int max_for_holder,
                                          int max_for_ip) = 0;
  virtual Status SecondFactorWorked(const SecondFactorHolder& holder, const std::string& ip) = 0;
};

}  // namespace attune
