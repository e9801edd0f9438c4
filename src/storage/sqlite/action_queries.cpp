// ActionStore on SQLite.
#include "storage/sqlite/readable.h"
#include "storage/sqlite/row.h"
#include "storage/sqlite/sqlite_store.h"

namespace attune::sqlite {
namespace {

constexpr const char* kActionColumns =
    "SELECT a.id, a.school_id, COALESCE(a.incident_id, 0), COALESCE(a.pupil_id, 0), a.kind, "
    "a.label, a.assignee_role, COALESCE(a.assignee_staff_id, 0), a.due_at, a.description, "
    "a.because, a.status, a.outcome, a.completed_at, COALESCE(a.completed_by_staff_id, 0), "
    "a.created_at, COALESCE(CASE WHEN p.preferred_name <> '' THEN p.preferred_name ELSE "
    "p.first_name END || ' ' || p.last_name, ''), COALESCE(sa.name, ''), COALESCE(sc.name, ''), "
    "COALESCE(i.category, ''), COALESCE(i.restricted, 0) FROM actions a LEFT JOIN pupils p ON p.id "
    "= a.pupil_id "
    "LEFT JOIN staff sa ON sa.id = a.assignee_staff_id LEFT JOIN staff sc ON sc.id = "
    "a.completed_by_staff_id LEFT JOIN incidents i ON i.id = a.incident_id ";

Action ReadAction(const soci::row& r) {
  Action a;
  a.id = Int(r, 0);
  a.school_id = Int(r, 1);
  a.incident_id = Int(r, 2);
  a.pupil_id = Int(r, 3);
  a.kind = Text(r, 4);
  a.label = Text(r, 5);
  a.assignee_role = Text(r, 6);
  a.assignee_staff_id = Int(r, 7);
  a.due_at = OptTime(r, 8);
  a.description = Text(r, 9);
  a.because = Text(r, 10);
  a.status = Text(r, 11);
  a.outcome = Text(r, 12);
  a.completed_at = OptTime(r, 13);
  a.completed_by_staff_id = Int(r, 14);
  a.created_at = FromUnix(Int(r, 15));
  a.pupil_name = Text(r, 16);
  a.assignee_name = Text(r, 17);
  a.completed_by_name = Text(r, 18);
  a.category = Text(r, 19);
  a.restricted = Int(r, 20) != 0;
  return a;
}

}  // namespace

Result<std::vector<Action>> SqliteStore::ListActions(const ActionQuery& q) {
  return Guard("list actions", [&]() -> Result<std::vector<Action>> {
    auto sql = pool_.Acquire();
    std::string where = "WHERE a.school_id = :s AND " ATTUNE_SQL_READABLE(":viewer");
    if (!q.status.empty()) where += " AND a.status = :st";
    if (!q.role.empty() && q.staff_id) {
      where +=
          " AND (a.assignee_staff_id = :me OR (a.assignee_staff_id IS NULL AND a.assignee_role "
          "= :role))";
    } else if (q.staff_id) {
      where += " AND a.assignee_staff_id = :me";
    } else if (!q.role.empty()) {
      where += " AND a.assignee_role = :role";
    }
    if (q.incident_id) where += " AND a.incident_id = :inc";
    if (q.pupil_id) where += " AND a.pupil_id = :pup";
    if (q.due_before) where += " AND a.due_at < :due";
    std::string order = q.status == "open"
                            ? " ORDER BY a.due_at IS NULL, a.due_at, a.id"
                            : " ORDER BY COALESCE(a.completed_at, a.created_at) DESC, a.id DESC";
    long long due = q.due_before ? ToUnix(*q.due_before) : 0;
    long long limit = q.limit;
    soci::row r;
    soci::statement st =
        (sql->prepare << std::string(kActionColumns) + where + order + " LIMIT :l");
    st.exchange(soci::use(q.school_id, "s"));
    st.exchange(soci::use(q.viewer_role, "viewer"));
    if (!q.status.empty()) st.exchange(soci::use(q.status, "st"));
    if (q.staff_id) st.exchange(soci::use(q.staff_id, "me"));
    if (!q.role.empty()) st.exchange(soci::use(q.role, "role"));
    if (q.incident_id) st.exchange(soci::use(q.incident_id, "inc"));
    if (q.pupil_id) st.exchange(soci::use(q.pupil_id, "pup"));
    if (q.due_before) st.exchange(soci::use(due, "due"));
    st.exchange(soci::use(limit, "l"));
    st.exchange(soci::into(r));
    st.define_and_bind();
    st.execute();
    std::vector<Action> out;
    while (st.fetch()) out.push_back(ReadAction(r));
    return out;
  });
}

Result<Action> SqliteStore::GetAction(long long school_id, long long id) {
  return Guard("get action", [&]() -> Result<Action> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string(kActionColumns) + "WHERE a.school_id = :s AND a.id = :id",
         soci::use(school_id), soci::use(id));
    for (const auto& r : rows) return ReadAction(r);
    return Status::NotFound("No such action");
  });
}

Status SqliteStore::CompleteAction(long long school_id, long long id, long long staff_id,
                                   const std::string& outcome, Timestamp at) {
  return Guard("complete action", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long t = ToUnix(at);
    soci::statement st =
        (sql->prepare << "UPDATE actions SET status = 'done', outcome = :o, completed_at = :t, "
                         "completed_by_staff_id = :b WHERE school_id = :s AND id = :id AND "
                         "status = 'open'",
         soci::use(outcome), soci::use(t), soci::use(staff_id), soci::use(school_id),
         soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Status::Conflict("This action is already done");
    return Status::Ok();
  });
}

Status SqliteStore::ReassignAction(long long school_id, long long id, const std::string& role,
                                   long long staff_id) {
  return Guard("reassign action", [&]() -> Status {
    auto sql = pool_.Acquire();
    soci::indicator ind = NullIfZero(staff_id);
    soci::statement st =
        (sql->prepare << "UPDATE actions SET assignee_role = :r, assignee_staff_id = :p WHERE "
                         "school_id = :s AND id = :id AND status = 'open'",
         soci::use(role), soci::use(staff_id, ind), soci::use(school_id), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Status::Conflict("This action is already done");
    return Status::Ok();
  });
}

Result<int> SqliteStore::CountOpenActions(long long school_id, long long incident_id) {
  return Guard("count open actions", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    int n = 0;
    *sql << "SELECT COUNT(*) FROM actions WHERE school_id = :s AND incident_id = :i AND status = "
            "'open'",
        soci::use(school_id), soci::use(incident_id), soci::into(n);
    return n;
  });
}

Result<int> SqliteStore::CountRepairsAwaited(long long school_id, long long incident_id) {
  return Guard("count repairs awaited", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    int n = 0;
    *sql << "SELECT COUNT(DISTINCT a.pupil_id) FROM actions a WHERE a.school_id = :s AND "
            "a.incident_id = :i AND a.pupil_id IS NOT NULL AND a.kind IN "
            "('restorative_conversation', 'repair') AND NOT EXISTS (SELECT 1 FROM "
            "restorative_conversations c WHERE c.incident_id = a.incident_id AND c.pupil_id = "
            "a.pupil_id AND c.repaired = 1) AND NOT EXISTS (SELECT 1 FROM no_repairs n WHERE "
            "n.incident_id = a.incident_id AND n.pupil_id = a.pupil_id)",
        soci::use(school_id), soci::use(incident_id), soci::into(n);
    return n;
  });
}

}  // namespace attune::sqlite
