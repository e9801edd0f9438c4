// The sender (decision 0025): one thread, started by `attune serve`, that
// claims due messages from the outbox one at a time, sends each through
// libcurl's SMTP support with a MIME body built by its curl_mime API, and
// marks it sent; on failure it keeps the server's error and sets the next
// attempt by the back-off (services/mail.h RetryWait), or marks the
// message failed for the admin once the waits are used up.
//
// At least once: a message is marked sent only after the SMTP server has
// accepted it, so a sender killed in between sends it again, with the same
// Message-ID, once its claim runs out (MailSettings::Lease). Two senders
// on one database never send a message at once: each claim is a lease.
//
// With no SMTP host configured nothing is claimed; mail waits, pending.
//
// Thread-safety: Wake may be called from any thread; Start and Stop from
// the thread that owns the sender.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/status.h"
#include "services/mail.h"
#include "storage/store.h"

namespace attune {

class MailSender {
 public:
  MailSender(Store& store, MailSettings settings) : store_(store), settings_(std::move(settings)) {}
  ~MailSender() { Stop(); }
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  // Starts the thread. REQUIRES: not started.
  void Start();
  // Finishes the message being sent, if any, and stops the thread.
  void Stop();
  // Looks for due mail now rather than at the next planned look.
  void Wake();

  // Sends one message now, on the caller's thread. OK once the server has
  // accepted it; otherwise the error, in libcurl's and the server's words.
  Status Send(const OutboxMessage& message) const;

  // The longest the sender sleeps between looks at the outbox (mail made
  // by another process on the same database is found by then).
  static constexpr std::chrono::seconds kLongestSleep{30};

 private:
  void Run();
  // Claims and sends every due message; returns when none is due.
  void SendDue();

  Store& store_;
  MailSettings settings_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  bool woken_ = false;     // guarded by mu_
  std::thread thread_;
};

}  // namespace attune
