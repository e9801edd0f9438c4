// OutboxStore on SQLite (decision 0025): messages written with what causes
// them, claimed one at a time under a lease, marked sent or retried.
#include "storage/sql/outbox_write.h"
#include "storage/sql/reach.h"
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

std::string WithRecordId(std::string text, long long record_id) {
  if (!record_id) return text;
  const std::string mark = kRecordIdMark, id = std::to_string(record_id);
  for (size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at + id.size()))
    text.replace(at, mark.size(), id);
  return text;
}

#define ATTUNE_OUTBOX_COLUMNS                                                     \
  "id, school_id, kind, recipient, subject, body, message_id, status, attempts, " \
  "next_attempt_at, last_error, created_at, sent_at, COALESCE(lease, '') "

OutboxMessage ReadMessage(const Rows& r) {
  OutboxMessage m;
  m.id = r.Int(0);
  m.school_id = r.Int(1);
  m.kind = r.Text(2);
  m.recipient = r.Text(3);
  m.subject = r.Text(4);
  m.body = r.Text(5);
  m.message_id = r.Text(6);
  m.status = r.Text(7);
  m.attempts = static_cast<int>(r.Int(8));
  m.next_attempt_at = FromUnix(r.Int(9));
  m.last_error = r.Text(10);
  m.created_at = FromUnix(r.Int(11));
  if (!r.IsNull(12)) m.sent_at = FromUnix(r.Int(12));
  m.lease = r.Text(13);
  return m;
}

}  // namespace

int WriteMails(WriteSession& w, long long school_id, const std::vector<NewMail>& mails,
               long long record_id, long long at) {
  int written = 0;
  for (const NewMail& m : mails) {
    long long due = at + m.delay_seconds;
    long long incident = m.with_record ? record_id : 0;
    if (!m.to.empty()) {
      w.Prepared(
           "INSERT INTO outbox (school_id, kind, recipient, subject, body, message_id, "
           "next_attempt_at, created_at, incident_id) VALUES (?1, ?2, ?3, ?4, ?5, '<' || "
           "lower(hex(randomblob(16))) || '@' || ?6 || '>', ?7, ?8, NULLIF(?9, 0))")
          .Bind(1, school_id)
          .Bind(2, m.kind)
          .Bind(3, m.to)
          .Bind(4, WithRecordId(m.subject, record_id))
          .Bind(5, WithRecordId(m.body, record_id))
          .Bind(6, m.message_domain)
          .Bind(7, due)
          .Bind(8, at)
          .Bind(9, incident)
          .Run();
      written += static_cast<int>(w.Changes());
      continue;
    }
    if (m.family_pupil_id) {
      // To the child's families who have accepted their invitation and
      // want each note as it comes.
      w.Prepared(
           "INSERT INTO outbox (school_id, kind, recipient, subject, body, message_id, "
           "next_attempt_at, created_at, incident_id) SELECT DISTINCT ?1, ?2, f.email, ?3, ?4, "
           "'<' || lower(hex(randomblob(16))) || '@' || ?5 || '>', ?6, ?7, NULLIF(?9, 0) FROM "
           "contacts c JOIN family_accounts f ON f.id = c.family_account_id WHERE c.school_id = "
           "?1 AND c.pupil_id = ?8 AND f.active = 1 AND f.password_hash <> '' AND "
           "(f.weekly_digest = 0 OR ?10 = 1)")
          .Bind(1, school_id)
          .Bind(2, m.kind)
          .Bind(3, WithRecordId(m.subject, record_id))
          .Bind(4, WithRecordId(m.body, record_id))
          .Bind(5, m.message_domain)
          .Bind(6, due)
          .Bind(7, at)
          .Bind(8, m.family_pupil_id)
          .Bind(9, incident)
          .Bind(10, m.every_family ? 1LL : 0LL)
          .Run();
      written += static_cast<int>(w.Changes());
      continue;
    }
    // Fanned out over the school's staff as they are now, as notifications
    // are; the Message-ID is random, so a write run again makes new ones.
    Statement& st =
        w.Prepared(
             "INSERT INTO outbox (school_id, kind, recipient, subject, body, message_id, "
             "next_attempt_at, created_at, incident_id) SELECT ?1, ?2, s.email, ?3, ?4, '<' || "
             "lower(hex(randomblob(16))) || '@' || ?5 || '>', ?6, ?12, NULLIF(?13, 0) FROM "
             "staff s WHERE s.email <> '' AND " ATTUNE_SQL_STAFF_REACHED("?1", "?7", "?8", "?9",
                                                                         "?10", "?11"))
            .Bind(1, school_id)
            .Bind(2, m.kind)
            .Bind(3, WithRecordId(m.subject, record_id))
            .Bind(4, WithRecordId(m.body, record_id))
            .Bind(5, m.message_domain)
            .Bind(6, due)
            .Bind(12, at)
            .Bind(13, incident);
    BindReach(st, 7, m).Run();
    written += static_cast<int>(w.Changes());
  }
  return written;
}

Result<int> SqlStore::EnqueueMail(long long school_id, const NewMail& mail, Timestamp at) {
  int written = 0;
  ATTUNE_RETURN_IF_ERROR(committer_.Submit(
      [&](WriteSession& w) { written = WriteMails(w, school_id, {mail}, 0, ToUnix(at)); }));
  return written;
}

Result<std::optional<OutboxMessage>> SqlStore::ClaimMail(Timestamp now, Timestamp lease_until,
                                                         const std::string& lease) {
  return Guard("claim mail", [&]() -> Result<std::optional<OutboxMessage>> {
    auto sql = pool_.Acquire();
    // One statement: SQLite runs it under the write lock, so of two
    // senders asking at once only one gets the message.
    Rows r = sql.Query(
        "UPDATE outbox SET lease = ?1, lease_until = ?2, attempts = attempts + 1 WHERE id = "
        "(SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?3 AND "
        "(lease_until IS NULL OR lease_until <= ?3) ORDER BY next_attempt_at, id LIMIT 1) "
        "RETURNING " ATTUNE_OUTBOX_COLUMNS);
    r.Bind(1, std::string_view(lease)).Bind(2, ToUnix(lease_until)).Bind(3, ToUnix(now));
    if (!r.Next()) return std::optional<OutboxMessage>();
    return std::optional<OutboxMessage>(ReadMessage(r));
  });
}

Status SqlStore::MarkMailSent(long long id, const std::string& lease, Timestamp at) {
  return Guard("mark mail sent", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "UPDATE outbox SET status = 'sent', sent_at = ?1, last_error = '', lease = NULL, "
        "lease_until = NULL WHERE id = ?2 AND lease = ?3 RETURNING id");
    r.Bind(1, ToUnix(at)).Bind(2, id).Bind(3, std::string_view(lease));
    if (!r.Next()) return Status::NotFound("The message's claim has run out");
    return Status::Ok();
  });
}

Status SqlStore::MarkMailAttemptFailed(long long id, const std::string& lease,
                                       const std::string& error,
                                       std::optional<Timestamp> next_attempt) {
  return Guard("mark mail attempt failed", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "UPDATE outbox SET status = CASE WHEN ?1 IS NULL THEN 'failed' ELSE 'pending' END, "
        "next_attempt_at = COALESCE(?1, next_attempt_at), last_error = ?2, lease = NULL, "
        "lease_until = NULL WHERE id = ?3 AND lease = ?4 RETURNING id");
    r.Bind(1, next_attempt).Bind(2, std::string_view(error)).Bind(3, id);
    r.Bind(4, std::string_view(lease));
    if (!r.Next()) return Status::NotFound("The message's claim has run out");
    return Status::Ok();
  });
}

Result<std::optional<Timestamp>> SqlStore::NextMailDue() {
  return ReadGuard("next mail due", [&]() -> Result<std::optional<Timestamp>> {
    auto sql = pool_.Acquire();
    // The first pending message by outbox_due; a held lease puts it later.
    Rows r = sql.Query(
        "SELECT MIN(CASE WHEN COALESCE(lease_until, 0) > next_attempt_at THEN lease_until ELSE "
        "next_attempt_at END) FROM (SELECT next_attempt_at, lease_until FROM outbox WHERE status "
        "= 'pending' ORDER BY next_attempt_at, id LIMIT 64) AS due");
    if (!r.Next() || r.IsNull(0)) return std::optional<Timestamp>();
    return std::optional<Timestamp>(FromUnix(r.Int(0)));
  });
}

Result<std::vector<OutboxMessage>> SqlStore::ListUnsentMail(long long school_id, int limit) {
  return ReadGuard("list unsent mail", [&]() -> Result<std::vector<OutboxMessage>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query("SELECT " ATTUNE_OUTBOX_COLUMNS
                       "FROM outbox WHERE school_id = ?1 AND status <> 'sent' ORDER BY status "
                       "DESC, id LIMIT ?2");
    r.Bind(1, school_id).Bind(2, static_cast<long long>(limit));
    std::vector<OutboxMessage> out;
    while (r.Next()) out.push_back(ReadMessage(r));
    return out;
  });
}

Status SqlStore::RetryMail(long long school_id, long long id, Timestamp now) {
  return Guard("retry mail", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "UPDATE outbox SET status = 'pending', next_attempt_at = ?1 WHERE school_id = ?2 AND "
        "id = ?3 AND status = 'failed' RETURNING id");
    r.Bind(1, ToUnix(now)).Bind(2, school_id).Bind(3, id);
    if (!r.Next()) return Status::NotFound("No failed message with that number");
    return Status::Ok();
  });
}

}  // namespace attune::sql
