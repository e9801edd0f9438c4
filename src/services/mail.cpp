// MailSettings, the back-off, the concern alert and message headers
// (services/mail.h).
#include "services/mail.h"

#include <date/date.h>

#include "core/secrets.h"

namespace attune {
namespace {

// A header's value on one line: line breaks and other control characters
// become spaces.
std::string OneLine(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

bool PlainAscii(const std::string& text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

// RFC 2047: =?UTF-8?B?...?= in encoded words short enough for one line,
// each holding whole UTF-8 characters.
std::string EncodedWords(const std::string& text) {
  std::string out, chunk;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    unsigned char c = text[i];
    if (c >= 0xf0)
      len = 4;
    else if (c >= 0xe0)
      len = 3;
    else if (c >= 0xc0)
      len = 2;
    if (chunk.size() + len > 45) {
      out += (out.empty() ? "" : " ") + std::string("=?UTF-8?B?") + Base64(chunk) + "?=";
      chunk.clear();
    }
    chunk += text.substr(i, len);
    i += len;
  }
  if (!chunk.empty())
    out += (out.empty() ? "" : " ") + std::string("=?UTF-8?B?") + Base64(chunk) + "?=";
  return out;
}

}  // namespace

std::string MailSettings::MessageDomain() const {
  auto at = from.rfind('@');
  return at == std::string::npos ? "attune.invalid" : from.substr(at + 1);
}

std::string MailSettings::Url() const {
  return std::string(smtp_tls == "tls" ? "smtps://" : "smtp://") + smtp_host + ":" +
         std::to_string(smtp_port);
}

MailSettings MailSettingsFrom(const Config& config) {
  MailSettings s;
  s.smtp_host = config.smtp_host;
  s.smtp_port = SmtpPort(config);
  s.smtp_tls = config.smtp_tls;
  s.smtp_ca_file = config.smtp_ca_file;
  s.smtp_user = config.smtp_user;
  s.smtp_password = config.smtp_password;
  s.from = config.smtp_from;
  s.timeout = std::chrono::seconds(config.smtp_timeout);
  if (auto waits = RetryWaits(config.smtp_retry); waits.ok()) {
    for (int w : *waits) s.retry_waits.emplace_back(w);
  }
  s.base_url = BaseUrl(config);
  return s;
}

std::optional<std::chrono::seconds> RetryWait(int attempts,
                                              const std::vector<std::chrono::seconds>& waits) {
  if (attempts < 1 || static_cast<size_t>(attempts) > waits.size()) return std::nullopt;
  return waits[attempts - 1];
}

std::string RetryWords(const std::vector<std::chrono::seconds>& waits) {
  auto one = [](std::chrono::seconds w) {
    long long s = w.count();
    auto unit = [](long long n, const char* word) {
      return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
    };
    if (s % 3600 == 0) return unit(s / 3600, "hour");
    if (s % 60 == 0) return unit(s / 60, "minute");
    return unit(s, "second");
  };
  std::string out;
  for (size_t k = 0; k < waits.size(); ++k) {
    out += (k == 0 ? "" : k + 1 == waits.size() ? " and " : ", ") + one(waits[k]);
  }
  return out;
}

std::vector<NewMail> MailsForNotices(const std::vector<NewNotice>& notices,
                                     const MailSettings& settings, const std::string& school) {
  std::vector<NewMail> out;
  for (const NewNotice& n : notices) {
    if (n.kind != "concern") continue;
    NewMail m;
    m.kind = n.kind;
    m.message_domain = settings.MessageDomain();
    m.staff_id = n.staff_id;
    m.roles = n.roles;
    m.author_staff_id = n.author_staff_id;
    m.restricted = n.restricted;
    m.readers = n.readers;
    m.subject = "A new safeguarding concern has been recorded";
    m.body = "A new safeguarding concern has been recorded at " + school +
             ".\n\nPlease sign in to attune to read it:\n" + settings.base_url + "/incidents/" +
             kRecordIdMark +
             "\n\nThis email does not say what was recorded or about whom; only the record "
             "itself does, for those who may read it.\n\nattune\n";
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<std::string> MessageHeaders(const OutboxMessage& message, const MailSettings& settings,
                                        Timestamp now) {
  std::string subject = OneLine(message.subject);
  if (!PlainAscii(subject)) subject = EncodedWords(subject);
  auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(now);
  return {"From: " + OneLine(settings.from),
          "To: " + OneLine(message.recipient),
          "Subject: " + subject,
          "Message-ID: " + OneLine(message.message_id),
          "Date: " + date::format("%a, %d %b %Y %H:%M:%S +0000", seconds),
          "Auto-Submitted: auto-generated"};
}

}  // namespace attune
