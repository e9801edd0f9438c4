// RestorativeStore on SQLite: restorative conversations, repairs that will
// not happen, contact log.
#include <nlohmann/json.hpp>

#include "storage/sql/readable.h"
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

constexpr const char* kPupilName =
    "CASE WHEN p.preferred_name <> '' THEN p.preferred_name ELSE p.first_name END || ' ' || "
    "p.last_name";

// A list by incident, or by pupil when incident_id is 0, of what the reader
// :viewer may read: the WHERE clause on table `alias` (binding :s, :x and
// :viewer; the query joins the record as `i`) and the id to bind as :x.
std::pair<std::string, long long> ByIncidentOrPupil(const std::string& alias, long long incident_id,
                                                    long long pupil_id) {
  std::string column = incident_id ? ".incident_id" : ".pupil_id";
  return {"WHERE " + alias + ".school_id = :s AND " + alias + column +
              " = :x AND " ATTUNE_SQL_READABLE(":viewer"),
          incident_id ? incident_id : pupil_id};
}

std::vector<std::string> ReadAnswers(const std::string& text) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& a : j) out.push_back(a.is_string() ? a.get<std::string>() : "");
  return out;
}

RestorativeConversation ReadConversation(const soci::row& r) {
  RestorativeConversation c;
  c.id = Int(r, 0);
  c.school_id = Int(r, 1);
  c.incident_id = Int(r, 2);
  c.pupil_id = Int(r, 3);
  c.led_by_staff_id = Int(r, 4);
  c.adult_staff_id = Int(r, 5);
  c.held_at = FromUnix(Int(r, 6));
  c.shuttle = Int(r, 7) != 0;
  c.harmed = Text(r, 8);
  c.pupil_answers = ReadAnswers(Text(r, 9));
  c.harmed_answers = ReadAnswers(Text(r, 10));
  c.agreement = Text(r, 11);
  c.review_on = OptDate(r, 12);
  c.repaired = Int(r, 13) != 0;
  c.repaired_at = OptTime(r, 14);
  c.pupil_name = Text(r, 15);
  c.led_by_name = Text(r, 16);
  c.adult_name = Text(r, 17);
  c.restricted = Int(r, 18) != 0;
  return c;
}

std::string ConversationColumns() {
  return std::string(
             "SELECT c.id, c.school_id, c.incident_id, c.pupil_id, COALESCE(c.led_by_staff_id, "
             "0), COALESCE(c.adult_staff_id, 0), c.held_at, c.shuttle, c.harmed, c.pupil_answers, "
             "c.harmed_answers, c.agreement, c.review_on, c.repaired, c.repaired_at, ") +
         kPupilName +
         ", COALESCE(l.name, ''), COALESCE(a.name, ''), COALESCE(i.restricted, 0) FROM "
         "restorative_conversations c JOIN pupils p ON p.id = c.pupil_id LEFT JOIN staff l ON "
         "l.id = c.led_by_staff_id LEFT JOIN staff a ON a.id = c.adult_staff_id LEFT JOIN "
         "incidents i ON i.id = c.incident_id ";
}

}  // namespace

Result<long long> SqlStore::CreateRestorative(const RestorativeConversation& c) {
  return Guard("create restorative conversation", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    long long held = ToUnix(c.held_at), now = ToUnix(Now());
    long long led = c.led_by_staff_id, adult = c.adult_staff_id;
    soci::indicator led_ind = NullIfZero(led), adult_ind = NullIfZero(adult);
    int shuttle = c.shuttle ? 1 : 0, repaired = c.repaired ? 1 : 0;
    std::string pupil_answers = nlohmann::json(c.pupil_answers).dump();
    std::string harmed_answers = nlohmann::json(c.harmed_answers).dump();
    std::string review = c.review_on ? FormatDate(*c.review_on) : "";
    soci::indicator review_ind = c.review_on ? soci::i_ok : soci::i_null;
    long long repaired_at = c.repaired_at ? ToUnix(*c.repaired_at) : 0;
    soci::indicator repaired_ind = c.repaired_at ? soci::i_ok : soci::i_null;
    *sql << "INSERT INTO restorative_conversations (school_id, incident_id, pupil_id, "
            "led_by_staff_id, adult_staff_id, held_at, shuttle, harmed, pupil_answers, "
            "harmed_answers, agreement, review_on, repaired, repaired_at, created_at) VALUES (:s, "
            ":i, :p, :l, :a, :h, :sh, :hm, :pa, :ha, :ag, :r, :rp, :ra, :c)",
        soci::use(c.school_id), soci::use(c.incident_id), soci::use(c.pupil_id),
        soci::use(led, led_ind), soci::use(adult, adult_ind), soci::use(held), soci::use(shuttle),
        soci::use(c.harmed), soci::use(pupil_answers), soci::use(harmed_answers),
        soci::use(c.agreement), soci::use(review, review_ind), soci::use(repaired),
        soci::use(repaired_at, repaired_ind), soci::use(now);
    return sql.Raw().LastId();
  });
}

Result<RestorativeConversation> SqlStore::GetRestorative(long long school_id, long long id) {
  return ReadGuard("get restorative conversation", [&]() -> Result<RestorativeConversation> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << ConversationColumns() + "WHERE c.school_id = :s AND c.id = :id",
         soci::use(school_id), soci::use(id));
    for (const auto& r : rows) return ReadConversation(r);
    return Status::NotFound("No such restorative conversation");
  });
}

Result<std::vector<RestorativeConversation>> SqlStore::ListRestorative(long long school_id,
                                                                       long long incident_id,
                                                                       long long pupil_id,
                                                                       const std::string& viewer,
                                                                       long long from_incident_id) {
  return Guard(
      "list restorative conversations", [&]() -> Result<std::vector<RestorativeConversation>> {
        auto sql = pool_.Acquire();
        std::vector<RestorativeConversation> out;
        auto [where, x] = ByIncidentOrPupil("c", incident_id, pupil_id);
        // Those of records from `from_incident_id` on are all wanted
        // (the records a page shows); otherwise the newest 200.
        std::string tail = from_incident_id
                               ? " AND c.incident_id >= :f ORDER BY c.held_at DESC, c.id DESC"
                               : " AND :f = 0 ORDER BY c.held_at DESC, c.id DESC LIMIT 200";
        soci::rowset<soci::row> rows =
            (sql->prepare << ConversationColumns() + where + tail, soci::use(school_id, "s"),
             soci::use(x, "x"), soci::use(viewer, "viewer"), soci::use(from_incident_id, "f"));
        for (const auto& r : rows) out.push_back(ReadConversation(r));
        return out;
      });
}

Status SqlStore::MarkRepaired(long long school_id, long long id, Timestamp at) {
  return Guard("mark repaired", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long t = ToUnix(at);
    *sql << "UPDATE restorative_conversations SET repaired = 1, repaired_at = COALESCE("
            "repaired_at, :t) WHERE school_id = :s AND id = :id",
        soci::use(t), soci::use(school_id), soci::use(id);
    return Status::Ok();
  });
}

Status SqlStore::CreateNoRepair(const NoRepair& n) {
  Status st = Guard("record no repair", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long at = ToUnix(n.recorded_at), by = n.recorded_by_staff_id;
    soci::indicator by_ind = NullIfZero(by);
    *sql << "INSERT INTO no_repairs (incident_id, pupil_id, school_id, reason, note, "
            "recorded_by_staff_id, recorded_at) VALUES (:i, :p, :s, :r, :n, :b, :a)",
        soci::use(n.incident_id), soci::use(n.pupil_id), soci::use(n.school_id),
        soci::use(n.reason), soci::use(n.note), soci::use(by, by_ind), soci::use(at);
    return Status::Ok();
  });
  if (st.code() == StatusCode::kConflict) {
    return Status::Conflict("Why the repair will not happen is already recorded", "pupil_id");
  }
  return st;
}

Result<std::vector<NoRepair>> SqlStore::ListNoRepairs(long long school_id, long long incident_id,
                                                      long long pupil_id,
                                                      const std::string& viewer) {
  return ReadGuard("list no repairs", [&]() -> Result<std::vector<NoRepair>> {
    auto sql = pool_.Acquire();
    std::vector<NoRepair> out;
    auto [where, x] = ByIncidentOrPupil("n", incident_id, pupil_id);
    soci::rowset<soci::row> rows =
        (sql->prepare
             << std::string("SELECT n.incident_id, n.pupil_id, n.reason, n.note, "
                            "COALESCE(n.recorded_by_staff_id, 0), n.recorded_at, ") +
                    kPupilName +
                    ", COALESCE(s.name, ''), COALESCE(i.restricted, 0) FROM no_repairs n "
                    "JOIN pupils p ON p.id = n.pupil_id LEFT JOIN staff s ON s.id = "
                    "n.recorded_by_staff_id LEFT JOIN incidents i ON i.id = n.incident_id " +
                    where + " ORDER BY n.recorded_at DESC LIMIT 500",
         soci::use(school_id, "s"), soci::use(x, "x"), soci::use(viewer, "viewer"));
    for (const auto& r : rows) {
      NoRepair n;
      n.school_id = school_id;
      n.incident_id = Int(r, 0);
      n.pupil_id = Int(r, 1);
      n.reason = Text(r, 2);
      n.note = Text(r, 3);
      n.recorded_by_staff_id = Int(r, 4);
      n.recorded_at = FromUnix(Int(r, 5));
      n.pupil_name = Text(r, 6);
      n.recorded_by_name = Text(r, 7);
      n.restricted = Int(r, 8) != 0;
      out.push_back(n);
    }
    return out;
  });
}

Result<long long> SqlStore::LogContact(const ContactLogEntry& e) {
  return Guard("log contact", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    long long at = ToUnix(e.at);
    long long incident = e.incident_id, action = e.action_id, contact = e.contact_id,
              staff = e.staff_id;
    soci::indicator incident_ind = NullIfZero(incident), action_ind = NullIfZero(action),
                    contact_ind = NullIfZero(contact), staff_ind = NullIfZero(staff);
    *sql << "INSERT INTO contact_log (school_id, pupil_id, incident_id, action_id, contact_id, "
            "kind, note, at, staff_id) VALUES (:s, :p, :i, :a, :c, :k, :n, :t, :st)",
        soci::use(e.school_id), soci::use(e.pupil_id), soci::use(incident, incident_ind),
        soci::use(action, action_ind), soci::use(contact, contact_ind), soci::use(e.kind),
        soci::use(e.note), soci::use(at), soci::use(staff, staff_ind);
    return sql.Raw().LastId();
  });
}

Result<std::vector<ContactLogEntry>> SqlStore::ListContactLog(long long school_id,
                                                              long long pupil_id,
                                                              long long incident_id,
                                                              const std::string& viewer) {
  return ReadGuard("list contact log", [&]() -> Result<std::vector<ContactLogEntry>> {
    auto sql = pool_.Acquire();
    std::vector<ContactLogEntry> out;
    auto [where, x] = ByIncidentOrPupil("l", incident_id, pupil_id);
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string("SELECT l.id, l.school_id, l.pupil_id, COALESCE("
                                     "l.incident_id, 0), COALESCE(l.action_id, 0), COALESCE("
                                     "l.contact_id, 0), l.kind, l.note, l.at, COALESCE("
                                     "l.staff_id, 0), COALESCE(c.name || ' (' || c.relationship "
                                     "|| ')', ''), COALESCE(s.name, ''), ") +
                             kPupilName +
                             ", COALESCE(i.restricted, 0) FROM contact_log l JOIN pupils p ON "
                             "p.id = l.pupil_id LEFT JOIN contacts c ON c.id = l.contact_id LEFT "
                             "JOIN staff s ON s.id = l.staff_id LEFT JOIN incidents i ON i.id = "
                             "l.incident_id " +
                             where + " ORDER BY l.at DESC, l.id DESC LIMIT 200",
         soci::use(school_id, "s"), soci::use(x, "x"), soci::use(viewer, "viewer"));
    for (const auto& r : rows) {
      ContactLogEntry e;
      e.id = Int(r, 0);
      e.school_id = Int(r, 1);
      e.pupil_id = Int(r, 2);
      e.incident_id = Int(r, 3);
      e.action_id = Int(r, 4);
      e.contact_id = Int(r, 5);
      e.kind = Text(r, 6);
      e.note = Text(r, 7);
      e.at = FromUnix(Int(r, 8));
      e.staff_id = Int(r, 9);
      e.contact_name = Text(r, 10);
      e.staff_name = Text(r, 11);
      e.pupil_name = Text(r, 12);
      e.restricted = Int(r, 13) != 0;
      out.push_back(e);
    }
    return out;
  });
}

}  // namespace attune::sql
