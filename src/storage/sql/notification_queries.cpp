// NotificationStore on SQLite, and the notices written with what causes them.
#include "storage/sql/notification_write.h"
#include "storage/sql/reach.h"
#include "storage/sql/readable.h"
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {

void WriteNotices(WriteSession& w, long long school_id, const std::vector<NewNotice>& notices,
                  long long at) {
  for (const NewNotice& n : notices) {
    // Fanned out here, in the writer's transaction, over the school's staff
    // as they are at this moment (about 100 rows in a large school). A
    // notice of a proposal is written only if the proposal was: on
    // PostgreSQL its id is known before its INSERT is answered.
    Statement& st =
        w.Prepared(
             "INSERT INTO notifications (school_id, staff_id, kind, text, incident_id, action_id, "
             "escalation_id, pupil_id, created_at) SELECT ?1, s.id, ?2, ?3, ?4, ?5, ?6, ?7, ?8 "
             "FROM staff s WHERE (CAST(?6 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM escalations "
             "x "
             "WHERE x.id = ?6)) AND " ATTUNE_SQL_STAFF_REACHED("?1", "?9", "?10", "?11", "?12",
                                                               "?13"))
            .Bind(1, school_id)
            .Bind(2, n.kind)
            .Bind(3, n.text)
            .BindIdOrNull(4, n.incident_id)
            .BindIdOrNull(5, n.action_id)
            .BindIdOrNull(6, n.escalation_id)
            .BindIdOrNull(7, n.pupil_id)
            .Bind(8, at);
    BindReach(st, 9, n).Run();
  }
}

namespace {

// What a notification is about, joined by primary key: its action and its
// proposal. Macros so that they join string literals (kept statements).
#define ATTUNE_SQL_WAITING_ON                                           \
  " LEFT JOIN actions a ON a.id = n.action_id LEFT JOIN escalations e " \
  "ON e.id = n.escalation_id "
// Whether it no longer waits on anyone: its action done or proposal decided.
#define ATTUNE_SQL_SETTLED \
  "(COALESCE(a.status, 'open') <> 'open' OR COALESCE(e.status, 'proposed') <> 'proposed')"

template <typename R>
Notification ReadNotification(const R& r) {
  Notification n;
  n.id = Int(r, 0);
  n.school_id = Int(r, 1);
  n.staff_id = Int(r, 2);
  n.kind = Text(r, 3);
  n.text = Text(r, 4);
  n.incident_id = Int(r, 5);
  n.action_id = Int(r, 6);
  n.escalation_id = Int(r, 7);
  n.pupil_id = Int(r, 8);
  n.created_at = FromUnix(Int(r, 9));
  n.read_at = OptTime(r, 10);
  n.settled = Int(r, 11) != 0;
  return n;
}

}  // namespace

Result<std::vector<Notification>> SqlStore::ListNotifications(const NotificationQuery& q) {
  return ReadGuard("list notifications", [&]() -> Result<std::vector<Notification>> {
    auto sql = pool_.Acquire();
    auto rows = sql.Query(
        "SELECT n.id, n.school_id, n.staff_id, n.kind, n.text, n.incident_id, n.action_id, "
        "n.escalation_id, n.pupil_id, n.created_at, n.read_at, " ATTUNE_SQL_SETTLED
        " FROM notifications n LEFT JOIN incidents i ON i.id = n.incident_id " ATTUNE_SQL_WAITING_ON
        " WHERE n.school_id = ?1 AND n.staff_id = ?2 AND " ATTUNE_SQL_READABLE(
            "?3") " ORDER BY n.id DESC LIMIT ?4 OFFSET ?5");
    rows.Bind(1, q.school_id)
        .Bind(2, q.staff_id)
        .Bind(3, q.viewer_role)
        .Bind(4, static_cast<long long>(q.limit))
        .Bind(5, static_cast<long long>(q.offset));
    std::vector<Notification> out;
    while (rows.Next()) out.push_back(ReadNotification(rows));
    return out;
  });
}

Result<int> SqlStore::CountUnread(const NotificationQuery& q, int cap) {
  return ReadGuard("count notifications", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    // On every page's header: a kept statement over the unread ones only
    // (notifications_unread), stopping at `cap`; what each is about is
    // joined by primary key.
    auto rows = sql.Query(
        "SELECT COUNT(*) FROM (SELECT 1 FROM notifications n LEFT JOIN incidents i ON i.id = "
        "n.incident_id " ATTUNE_SQL_WAITING_ON
        " WHERE n.school_id = ?1 AND n.staff_id = ?2 AND "
        "n.read_at IS NULL AND NOT " ATTUNE_SQL_SETTLED
        " AND " ATTUNE_SQL_READABLE("?3") " LIMIT ?4) AS unread");
    rows.Bind(1, q.school_id)
        .Bind(2, q.staff_id)
        .Bind(3, q.viewer_role)
        .Bind(4, static_cast<long long>(cap));
    return rows.Next() ? static_cast<int>(rows.Int(0)) : 0;
  });
}

Status SqlStore::MarkNotificationsRead(long long school_id, long long staff_id, long long id,
                                       Timestamp at, Timestamp forget_before) {
  return Guard("mark notifications read", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long when = ToUnix(at), forget = ToUnix(forget_before);
    if (id) {
      soci::statement st =
          (sql->prepare << "UPDATE notifications SET read_at = COALESCE(read_at, :a) WHERE "
                           "school_id = :s AND staff_id = :p AND id = :id",
           soci::use(when), soci::use(school_id), soci::use(staff_id), soci::use(id));
      st.execute(true);
      if (st.get_affected_rows() == 0) return Status::NotFound("No such notification");
    } else {
      *sql << "UPDATE notifications SET read_at = :a WHERE school_id = :s AND staff_id = :p AND "
              "read_at IS NULL",
          soci::use(when), soci::use(school_id), soci::use(staff_id);
    }
    // Housekeeping: read ones are kept for a while, then forgotten.
    *sql << "DELETE FROM notifications WHERE school_id = :s AND staff_id = :p AND read_at < :f",
        soci::use(school_id), soci::use(staff_id), soci::use(forget);
    return Status::Ok();
  });
}

}  // namespace attune::sql
