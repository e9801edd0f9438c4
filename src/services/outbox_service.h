// The email outbox as the admin sees it (decision 0025): what is waiting
// to be sent or has failed, with the server's last words and when the next
// attempt is, and "try again now" for a failed message. Also the one place
// that tells the sender new mail is waiting (Enqueued).
//
// Every method checks mail.manage (the school's administrator); a message
// of another school is NotFound.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/mail.h"
#include "model/principal.h"
#include "services/mail.h"
#include "storage/store.h"

namespace attune {

class OutboxService {
 public:
  OutboxService(Store& store, MailSettings settings)
      : store_(store), settings_(std::move(settings)) {}

  const MailSettings& settings() const { return settings_; }

  // The school's messages not yet sent, pending first, at most kListLimit.
  Result<std::vector<OutboxMessage>> Unsent(const Principal& by);
  static constexpr int kListLimit = 200;
  // Makes one of the school's failed messages due now (one more attempt:
  // if it fails again it is failed again) and wakes the sender. Audited.
  Status TryAgain(const Principal& by, long long id, const std::string& ip);

  // Called after mail is written (in a record's transaction or alone):
  // wakes the sender rather than waiting for its next look.
  void Enqueued() const {
    if (wake_) wake_();
  }
  // REQUIRES: set before requests are served.
  void set_waker(std::function<void()> wake) { wake_ = std::move(wake); }

 private:
  Store& store_;
  MailSettings settings_;
  std::function<void()> wake_;
};

}  // namespace attune
