// Sending the outbox through libcurl (services/mail_sender.h).
#include "services/mail_sender.h"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "core/secrets.h"
#include "services/curl_easy.h"

namespace attune {

Status MailSender::Send(const OutboxMessage& message) const {
  InitCurlOnce();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Internal("libcurl could not start");
  CURL* c = curl.get();
  std::string url = settings_.Url();
  std::string from = "<" + settings_.from + ">";
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  std::unique_ptr<curl_slist, CurlDeleter> rcpt(
      curl_slist_append(nullptr, ("<" + message.recipient + ">").c_str()));
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  if (settings_.smtp_tls == "starttls") curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
  // The server's certificate is always checked; against the school's own
  // authorities when named.
  if (!settings_.smtp_ca_file.empty()) {
    curl_easy_setopt(c, CURLOPT_CAINFO, settings_.smtp_ca_file.c_str());
  }
  if (!settings_.smtp_user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.smtp_user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.smtp_password.c_str());
  }
  long timeout = static_cast<long>(settings_.timeout.count());
  curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(timeout, 30L));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);

  std::unique_ptr<curl_slist, CurlDeleter> headers;
  for (const std::string& h : MessageHeaders(message, settings_, Now())) {
    curl_slist* next = curl_slist_append(headers.get(), h.c_str());
    if (!next) return Status::Internal("out of memory building an email");
    headers.release();
    headers.reset(next);
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  // The body: one plain-text part, quoted-printable, UTF-8 (libcurl encodes).
  std::unique_ptr<curl_mime, CurlDeleter> mime(curl_mime_init(c));
  curl_mimepart* part = curl_mime_addpart(mime.get());
  curl_mime_data(part, message.body.data(), message.body.size());
  curl_mime_type(part, "text/plain; charset=UTF-8");
  curl_mime_encoder(part, "quoted-printable");
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());

  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return Status::Ok();
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  std::string words = error[0] ? error : curl_easy_strerror(rc);
  if (code) words += " (the server answered " + std::to_string(code) + ")";
  return Status::Unavailable(words);
}

void MailSender::Start() {
  thread_ = std::thread([this] { Run(); });
}

void MailSender::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailSender::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  wake_.notify_all();
}

void MailSender::SendDue() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
    }
    Timestamp now = Now();
    std::string lease = RandomToken(16);
    auto claimed = store_.ClaimMail(now, now + settings_.Lease(), lease);
    if (!claimed.ok()) {
      spdlog::warn("outbox: could not claim mail: {}", claimed.status().message());
      return;
    }
    if (!*claimed) return;
    const OutboxMessage& m = **claimed;
    Status sent = Send(m);
    Status marked;
    if (sent.ok()) {
      marked = store_.MarkMailSent(m.id, lease, Now());
    } else {
      auto wait = RetryWait(m.attempts, settings_.retry_waits);
      std::optional<Timestamp> next;
      if (wait) next = Now() + *wait;
      spdlog::warn("outbox: message {} to {} not sent (attempt {}): {}{}", m.id, m.recipient,
                   m.attempts, sent.message(), wait ? "" : "; failed, the admin can try again");
      marked = store_.MarkMailAttemptFailed(m.id, lease, sent.message(), next);
    }
    if (!marked.ok()) {
      spdlog::warn("outbox: message {}: could not record the attempt: {}", m.id, marked.message());
    }
  }
}

void MailSender::Run() {
  if (!settings_.configured()) {
    spdlog::warn("outbox: no smtp_host is configured; email waits in the outbox");
  }
  for (;;) {
    if (settings_.configured()) SendDue();
    auto now = std::chrono::system_clock::now();
    auto wake_at = now + kLongestSleep;
    if (settings_.configured()) {
      auto due = store_.NextMailDue();
      if (due.ok() && *due && *due < wake_at) wake_at = **due;
    }
    // Never busy: a message due but not claimable (the store busy) waits.
    wake_at = std::max(wake_at, now + std::chrono::milliseconds(250));
    std::unique_lock<std::mutex> lock(mu_);
    wake_.wait_until(lock, wake_at, [&] { return stopping_ || woken_; });
    if (stopping_) return;
    woken_ = false;
  }
}

}  // namespace attune
