// Email kept in the outbox (decision 0025): written in the same transaction
// as what causes it, then sent by the sender (services/mail_sender.h), at
// least once, each message with its own fixed Message-ID so that a resent
// copy is recognisably the same message.
//
// An email to staff says THAT something needs them and links to where; it
// never carries what a record says (no pupil's name, category or words).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace attune {

// One message in the outbox, to one recipient.
struct OutboxMessage {
  long long id = 0;
  long long school_id = 0;
  std::string kind;  // "concern": a safeguarding concern, to the DSL
  std::string recipient;
  std::string subject;
  std::string body;        // plain text
  std::string message_id;  // "<hex@domain>", fixed when written
  std::string status;      // "pending", "sent" or "failed"
  int attempts = 0;        // attempts begun (counted when claimed)
  Timestamp next_attempt_at{};
  std::string last_error;  // the SMTP server's or libcurl's words; "" if none
  Timestamp created_at{};
  std::optional<Timestamp> sent_at;
  std::string lease;  // the claim this copy was read under (ClaimMail)
};

// What a new record's body holds in place of the record's id, which is
// known only once written: NewMail's body and subject are written with
// each kRecordIdMark replaced by it.
inline constexpr const char* kRecordIdMark = "{record_id}";

// An email to write with what causes it: one message for each active member
// of staff reached (as NewNotice in model/notification.h: the named one, or
// every holder of one of `roles`; never the author; for a restricted record
// only holders of one of `readers`) who has an email address.
struct NewMail {
  std::string kind;
  std::string subject;
  std::string body;
  // The right-hand side of each message's Message-ID (the From address's
  // domain).
  std::string message_domain;
  long long staff_id = 0;
  std::vector<std::string> roles;
  long long author_staff_id = 0;
  bool restricted = false;
  std::vector<std::string> readers;
  // To families instead of staff: every active family account linked to
  // this pupil that has accepted its invitation and wants each note as it
  // comes (not the weekly digest). 0: to staff as above.
  long long family_pupil_id = 0;
  // With family_pupil_id: to every such account, whether it chose the
  // weekly digest or not (a question for them, not a note).
  bool every_family = false;
  // To this one address instead (a family's invitation); "" : as above.
  std::string to;
  // The record it goes with (undoing the record takes back its waiting
  // email); 0 for none, else the record written with it.
  bool with_record = false;
  // How long it waits before it is first sent (a note home waits out the
  // undo window).
  int delay_seconds = 0;
};

}  // namespace attune
