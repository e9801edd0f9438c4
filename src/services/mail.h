// What attune's email is made of (decision 0025), apart from sending it:
// the SMTP settings from the configuration, the back-off between attempts,
// the alert a safeguarding concern sends the DSL, and the headers of a
// message. Pure functions, tested without a server (tests/unit/mail_test.cpp);
// services/mail_sender.h sends with them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/time.h"
#include "model/mail.h"
#include "model/notification.h"

namespace attune {

struct MailSettings {
  std::string smtp_host;  // "" : nothing is sent; mail waits in the outbox
  int smtp_port = 587;
  std::string smtp_tls = "starttls";  // none, starttls, tls
  std::string smtp_ca_file;           // certificates to trust; the system's when empty
  std::string smtp_user;
  std::string smtp_password;
  std::string from = "attune@localhost";
  std::chrono::seconds timeout{60};
  // The waits after the 1st, 2nd, ... failed attempt (Config::smtp_retry).
  std::vector<std::chrono::seconds> retry_waits;
  std::string base_url;  // without a trailing slash

  bool configured() const { return !smtp_host.empty(); }
  // The domain of `from`: the right-hand side of every Message-ID.
  std::string MessageDomain() const;
  // "smtp://host:port", or "smtps://host:port" for tls.
  std::string Url() const;
  // How long a sender holds a claimed message before another may take it:
  // twice the time one send may take.
  std::chrono::seconds Lease() const { return 2 * timeout; }
};

// The settings from a validated configuration.
MailSettings MailSettingsFrom(const Config& config);

// How long to wait before the next attempt after `attempts` attempts (the
// last of them failed): retry_waits[attempts - 1]; nullopt when there are
// no more (the message is failed and waits for the admin). REQUIRES:
// attempts >= 1.
std::optional<std::chrono::seconds> RetryWait(int attempts,
                                              const std::vector<std::chrono::seconds>& waits);

// The waits in words, for the admin: "1 minute, 5 minutes, 30 minutes, 2
// hours and 6 hours" (whole hours and minutes when they are; else seconds).
std::string RetryWords(const std::vector<std::chrono::seconds>& waits);

// The emails a new record's in-app notices call for: for a safeguarding
// concern ("concern"), the same people are emailed that there is a new
// concern and where to read it (the record's page, by kRecordIdMark), never
// its content: no pupil, category, place or words. `school` names the school.
std::vector<NewMail> MailsForNotices(const std::vector<NewNotice>& notices,
                                     const MailSettings& settings, const std::string& school);

// The header lines of `message` as sent, "Name: value" each, without line
// ends: From, To, Subject (RFC 2047 encoded when not plain ASCII),
// Message-ID, Date (at `now`), Auto-Submitted. A line break in any value is
// taken out, so no header can be added through one.
std::vector<std::string> MessageHeaders(const OutboxMessage& message, const MailSettings& settings,
                                        Timestamp now);

}  // namespace attune
