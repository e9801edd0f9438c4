// Storage of the email outbox (model/mail.h, decision 0025). A new record's
// emails are written in its own transaction (NewIncident::mails); the
// sender claims one due message at a time under a lease, so two senders, or
// a sender started again after a crash, never send one message at once.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/mail.h"

namespace attune {

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Writes `mail` for `school_id` on its own (durably, as a record is), due
  // at once. Returns how many messages it made (one per recipient reached).
  virtual Result<int> EnqueueMail(long long school_id, const NewMail& mail, Timestamp at) = 0;

  // Claims the pending message due soonest (next_attempt_at at or before
  // `now`) that no lease holds (none, or one run out by `now`): writes
  // `lease` and `lease_until` on it and counts an attempt. nullopt when
  // nothing is due. The claim is one statement, so only one caller gets it.
  virtual Result<std::optional<OutboxMessage>> ClaimMail(Timestamp now, Timestamp lease_until,
                                                         const std::string& lease) = 0;
  // Marks the message sent at `at`, if `lease` still holds it. NotFound
  // when it does not (the lease ran out and another sender claimed it).
  virtual Status MarkMailSent(long long id, const std::string& lease, Timestamp at) = 0;
  // Records a failed attempt under `lease`: its error, and the time of the
  // next attempt, or (nullopt) the message failed, waiting for the admin.
  // NotFound as MarkMailSent.
  virtual Status MarkMailAttemptFailed(long long id, const std::string& lease,
                                       const std::string& error,
                                       std::optional<Timestamp> next_attempt) = 0;
  // When ClaimMail will next find a message due: the soonest of the pending
  // messages' next attempts and held leases' ends. nullopt when none waits.
  virtual Result<std::optional<Timestamp>> NextMailDue() = 0;

  // The school's messages not yet sent (pending, then failed), oldest first,
  // at most `limit`.
  virtual Result<std::vector<OutboxMessage>> ListUnsentMail(long long school_id, int limit) = 0;
  // Makes a failed message of the school's pending again, due at `now`.
  // NotFound when the school has no such failed message.
  virtual Status RetryMail(long long school_id, long long id, Timestamp now) = 0;
};

}  // namespace attune
