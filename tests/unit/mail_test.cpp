// The parts of email that need no server (services/mail.h, decision 0025):
// the back-off, the retry setting, the concern alert's words and the
// headers of a message as sent.
#include "services/mail.h"

#include <gtest/gtest.h>

#include "core/config.h"
#include "core/secrets.h"

namespace attune {
namespace {

using std::chrono::seconds;

std::vector<seconds> Waits(const std::string& text) {
  std::vector<seconds> out;
  auto read = RetryWaits(text);  // kept: *RetryWaits(text) would not outlive the loop's start
  for (int w : *read) out.emplace_back(w);
  return out;
}

TEST(MailTest, BackOffWaitsOneMinuteFiveThirtyTwoHoursSixThenFails) {
  auto waits = Waits(Config{}.smtp_retry);
  ASSERT_EQ(waits.size(), 5u);
  EXPECT_EQ(*RetryWait(1, waits), seconds(60));
  EXPECT_EQ(*RetryWait(2, waits), seconds(300));
  EXPECT_EQ(*RetryWait(3, waits), seconds(1800));
  EXPECT_EQ(*RetryWait(4, waits), seconds(7200));
  EXPECT_EQ(*RetryWait(5, waits), seconds(21600));
  EXPECT_FALSE(RetryWait(6, waits));  // failed: waits for the admin
  EXPECT_FALSE(RetryWait(7, waits));  // one more try after "try again" fails again
  EXPECT_EQ(RetryWords(waits), "1 minute, 5 minutes, 30 minutes, 2 hours and 6 hours");
  EXPECT_EQ(RetryWords(Waits("1, 90")), "1 second and 90 seconds");
}

TEST(MailTest, RetrySettingIsReadOrRefusedWithAClearMessage) {
  EXPECT_EQ(Waits("5").size(), 1u);
  for (const char* bad : {"", "60,,300", "soon", "0", "-5", "60,300,", "999999999"}) {
    auto read = RetryWaits(bad);
    ASSERT_FALSE(read.ok()) << bad;
    EXPECT_NE(read.status().message().find("smtp_retry must be"), std::string::npos);
  }
  Config config;
  config.smtp_retry = "later";
  EXPECT_EQ(ValidateConfig(config).field(), "smtp_retry");
  config = Config{};
  config.smtp_tls = "ssl";
  EXPECT_FALSE(ValidateConfig(config).ok());
  config = Config{};
  config.smtp_from = "attune@school.example\r\nBcc: everyone@example.com";
  EXPECT_FALSE(ValidateConfig(config).ok());
  config = Config{};
  config.base_url = "school.example";
  EXPECT_FALSE(ValidateConfig(config).ok());
}

TEST(MailTest, SettingsTakeTheUsualPortAndTheBaseUrlFromTheServer) {
  Config config;
  config.port = 8081;
  MailSettings s = MailSettingsFrom(config);
  EXPECT_FALSE(s.configured());
  EXPECT_EQ(s.smtp_port, 587);
  EXPECT_EQ(s.base_url, "http://127.0.0.1:8081");
  config.smtp_host = "mail.school.example";
  config.smtp_tls = "tls";
  config.base_url = "https://attune.school.example/";
  config.smtp_from = "alerts@school.example";
  s = MailSettingsFrom(config);
  EXPECT_EQ(s.Url(), "smtps://mail.school.example:465");
  EXPECT_EQ(s.base_url, "https://attune.school.example");
  EXPECT_EQ(s.MessageDomain(), "school.example");
  EXPECT_EQ(s.Lease(), seconds(120));
}

TEST(MailTest, TheConcernAlertSaysThatAndWhereNeverWhat) {
  MailSettings s;
  s.base_url = "https://attune.school.example";
  s.from = "alerts@school.example";
  NewNotice concern;
  concern.kind = "concern";
  concern.roles = {"dsl"};
  concern.author_staff_id = 7;
  concern.restricted = true;
  concern.readers = {"dsl", "senior"};
  concern.text = "Safeguarding concern about Amy Smith, recorded by Jo Ward: Library, Mon 7 Dec.";
  NewNotice action;
  action.kind = "action";
  auto mails = MailsForNotices({action, concern}, s, "Blue Sky Learning");
  ASSERT_EQ(mails.size(), 1u);
  const NewMail& m = mails[0];
  EXPECT_EQ(m.roles, std::vector<std::string>{"dsl"});
  EXPECT_EQ(m.author_staff_id, 7);
  EXPECT_TRUE(m.restricted);
  EXPECT_EQ(m.readers, concern.readers);
  EXPECT_EQ(m.message_domain, "school.example");
  EXPECT_EQ(m.subject, "A new safeguarding concern has been recorded");
  EXPECT_NE(m.body.find("https://attune.school.example/incidents/" + std::string(kRecordIdMark)),
            std::string::npos);
  EXPECT_NE(m.body.find("Blue Sky Learning"), std::string::npos);
  for (const char* never : {"Amy", "Smith", "Library", "Jo Ward"}) {
    EXPECT_EQ(m.body.find(never), std::string::npos) << never;
    EXPECT_EQ(m.subject.find(never), std::string::npos) << never;
  }
}

TEST(MailTest, HeadersCarryTheFixedMessageIdAndCannotBeInjected) {
  MailSettings s;
  s.from = "alerts@school.example";
  OutboxMessage m;
  m.recipient = "dsl@school.example\r\nBcc: everyone@example.com";
  m.subject = "New concern\r\nBcc: everyone@example.com";
  m.message_id = "<0123abcd@school.example>";
  Timestamp at = FromUnix(1796611537);  // Mon 7 Dec 2026 02:45:37 UTC
  auto headers = MessageHeaders(m, s, at);
  ASSERT_EQ(headers.size(), 6u);
  EXPECT_EQ(headers[0], "From: alerts@school.example");
  EXPECT_EQ(headers[3], "Message-ID: <0123abcd@school.example>");
  EXPECT_EQ(headers[4], "Date: Mon, 07 Dec 2026 02:45:37 +0000");
  EXPECT_EQ(headers[5], "Auto-Submitted: auto-generated");
  for (const auto& h : headers) {
    EXPECT_EQ(h.find_first_of("\r\n"), std::string::npos) << h;
  }
  // Sent again, the same Message-ID.
  EXPECT_EQ(MessageHeaders(m, s, at + seconds(600))[3], headers[3]);
}

TEST(MailTest, ASubjectBeyondAsciiIsEncodedWholeCharactersAtATime) {
  MailSettings s;
  OutboxMessage m;
  m.subject = "Café — a note home for Zoë, who tried really hard in every lesson today";
  std::string subject = MessageHeaders(m, s, Now())[2];
  EXPECT_EQ(subject.rfind("Subject: =?UTF-8?B?", 0), 0u) << subject;
  EXPECT_NE(subject.find("?= =?UTF-8?B?"), std::string::npos) << subject;  // folded in words
  m.subject = "Plain words";
  EXPECT_EQ(MessageHeaders(m, s, Now())[2], "Subject: Plain words");
  // The encoding is libsodium's base64 with padding (RFC 4648).
  EXPECT_EQ(Base64("Café"), "Q2Fmw6k=");
  EXPECT_EQ(Base64("ab"), "YWI=");
  EXPECT_EQ(Base64(""), "");
  m.subject = "Zoë";
  EXPECT_EQ(MessageHeaders(m, s, Now())[2], "Subject: =?UTF-8?B?Wm/Dqw==?=");
}

}  // namespace
}  // namespace attune
