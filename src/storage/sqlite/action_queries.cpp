// ActionStore on SQLite.
#include "storage/sqlite/notification_write.h"
#include "storage/sqlite/readable.h"
#include "storage/sqlite/row.h"
#include "storage/sqlite/sqlite_store.h"

namespace attune::sqlite {
namespace {

// An action's columns, read from `a` and what ActionJoins joins to it.
constexpr const char* kActionColumns =
    "SELECT a.id, a.school_id, COALESCE(a.incident_id, 0), COALESCE(a.pupil_id, 0), a.kind, "
    "a.label, a.assignee_role, COALESCE(a.assignee_staff_id, 0), a.due_at, a.description, "
    "a.because, a.status, a.outcome, a.completed_at, COALESCE(a.completed_by_staff_id, 0), "
    "a.created_at, COALESCE(CASE WHEN p.preferred_name <> '' THEN p.preferred_name ELSE "
    "p.first_name END || ' ' || p.last_name, ''), COALESCE(sa.name, ''), COALESCE(sc.name, ''), "
    "COALESCE(i.category, ''), COALESCE(i.restricted, 0) ";
constexpr const char* kActionJoins =
    "LEFT JOIN pupils p ON p.id = a.pupil_id LEFT JOIN staff sa ON sa.id = a.assignee_staff_id "
    "LEFT JOIN staff sc ON sc.id = a.completed_by_staff_id LEFT JOIN incidents i ON i.id = "
    "a.incident_id ";

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

// The WHERE clause of an ActionQuery and its values, bound by name: the
// list and its counts find exactly the same actions.
class ActionWhere {
 public:
  explicit ActionWhere(const ActionQuery& q)
      : q_(q),
        due_(q.due_before ? ToUnix(*q.due_before) : 0),
        year_(q.year_group),
        form_(q.form_id) {
    sql_ = " WHERE a.school_id = :s AND " ATTUNE_SQL_NOT_HIDDEN("a.incident_id", ":s4", ":viewer");
    if (!q.status.empty()) sql_ += " AND a.status = :st";
    if (!q.role.empty() && q.staff_id) {
      sql_ +=
          " AND (a.assignee_staff_id = :me OR (a.assignee_staff_id IS NULL AND a.assignee_role "
          "= :role))";
    } else if (q.staff_id) {
      sql_ += " AND a.assignee_staff_id = :me";
    } else if (!q.role.empty()) {
      sql_ += " AND a.assignee_role = :role";
    }
    if (q.incident_id) sql_ += " AND a.incident_id = :inc";
    if (q.pupil_id) sql_ += " AND a.pupil_id = :pup";
    // The pupil's year and form as a set of pupils, built once, rather than
    // a look-up of the pupil of each of thousands of actions.
    if (q.year_group) {
      sql_ +=
          " AND a.pupil_id IN (SELECT id FROM pupils WHERE school_id = :s2 AND year_group = :yg)";
    }
    if (q.form_id) {
      sql_ += " AND a.pupil_id IN (SELECT id FROM pupils WHERE school_id = :s3 AND form_id = :fm)";
    }
    if (!q.kind.empty()) sql_ += " AND a.kind = :kd";
    if (q.due_before) sql_ += " AND a.due_at < :due";
  }
  const std::string& Sql() const { return sql_; }
  // FROM for the conditions: the actions alone (the rule on restricted
  // records needs no join, readable.h).
  static const char* From() { return " FROM actions a"; }
  void Bind(soci::statement& st) {
    st.exchange(soci::use(q_.school_id, "s"));
    st.exchange(soci::use(q_.school_id, "s4"));
    st.exchange(soci::use(q_.viewer_role, "viewer"));
    if (!q_.status.empty()) st.exchange(soci::use(q_.status, "st"));
    if (q_.staff_id) st.exchange(soci::use(q_.staff_id, "me"));
    if (!q_.role.empty()) st.exchange(soci::use(q_.role, "role"));
    if (q_.incident_id) st.exchange(soci::use(q_.incident_id, "inc"));
    if (q_.pupil_id) st.exchange(soci::use(q_.pupil_id, "pup"));
    if (q_.year_group) {
      st.exchange(soci::use(q_.school_id, "s2"));
      st.exchange(soci::use(year_, "yg"));
    }
    if (q_.form_id) {
      st.exchange(soci::use(q_.school_id, "s3"));
      st.exchange(soci::use(form_, "fm"));
    }
    if (!q_.kind.empty()) st.exchange(soci::use(q_.kind, "kd"));
    if (q_.due_before) st.exchange(soci::use(due_, "due"));
  }

 private:
  const ActionQuery& q_;
  std::string sql_;
  long long due_;
  long long year_;
  long long form_;
};

}  // namespace

Result<std::vector<Action>> SqliteStore::ListActions(const ActionQuery& q) {
  return Guard("list actions", [&]() -> Result<std::vector<Action>> {
    auto sql = pool_.Acquire();
    ActionWhere where(q);
    std::string order = q.status == "open"
                            ? " ORDER BY a.due_at IS NULL, a.due_at, a.id"
                            : " ORDER BY COALESCE(a.completed_at, a.created_at) DESC, a.id DESC";
    long long limit = q.limit;
    long long offset = q.offset;
    soci::row r;
    // The page's ids are found and sorted on the narrow rows first; only
    // those few are then joined to their pupil, staff and record (joining
    // all 5,000 of a busy queue before sorting cost most of the page).
    soci::statement st = (sql->prepare << std::string(kActionColumns) + "FROM (SELECT a.id" +
                                              where.From() + where.Sql() + order +
                                              " LIMIT :l OFFSET :o) pg JOIN actions a ON "
                                              "a.id = pg.id " +
                                              kActionJoins + order);
    where.Bind(st);
    st.exchange(soci::use(limit, "l"));
    st.exchange(soci::use(offset, "o"));
    st.exchange(soci::into(r));
    st.define_and_bind();
    st.execute();
    std::vector<Action> out;
    while (st.fetch()) out.push_back(ReadAction(r));
    return out;
  });
}

Result<ActionCounts> SqliteStore::CountActions(const ActionQuery& q, const DueEdges& edges) {
  return Guard("count actions", [&]() -> Result<ActionCounts> {
    auto sql = pool_.Acquire();
    ActionWhere where(q);
    long long now = ToUnix(edges.now), eod = ToUnix(edges.end_of_today),
              eow = ToUnix(edges.end_of_week);
    std::string text =
        std::string(
            "SELECT COUNT(*), COALESCE(SUM(a.due_at < :n1), 0), "
            "COALESCE(SUM(a.due_at >= :n2 AND a.due_at < :d1), 0), "
            "COALESCE(SUM(a.due_at >= :d2 AND a.due_at < :w1), 0), "
            "COALESCE(SUM(a.due_at >= :w2), 0), COALESCE(SUM(a.due_at IS NULL), 0)") +
        ActionWhere::From() + where.Sql();
    ActionCounts c;
    soci::statement st = (sql->prepare << text);
    // Each name once: the values in the order they appear.
    st.exchange(soci::use(now, "n1"));
    st.exchange(soci::use(now, "n2"));
    st.exchange(soci::use(eod, "d1"));
    st.exchange(soci::use(eod, "d2"));
    st.exchange(soci::use(eow, "w1"));
    st.exchange(soci::use(eow, "w2"));
    where.Bind(st);
    st.exchange(soci::into(c.total));
    st.exchange(soci::into(c.overdue));
    st.exchange(soci::into(c.today));
    st.exchange(soci::into(c.week));
    st.exchange(soci::into(c.later));
    st.exchange(soci::into(c.undated));
    st.define_and_bind();
    st.execute(true);
    if (q.status != "open") c = ActionCounts{c.total};
    return c;
  });
}

Result<Action> SqliteStore::GetAction(long long school_id, long long id) {
  return Guard("get action", [&]() -> Result<Action> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string(kActionColumns) + "FROM actions a " + kActionJoins +
                             "WHERE a.school_id = :s AND a.id = :id",
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
                                   long long staff_id, const std::vector<NewNotice>& notices) {
  // Through the group committer, so that the change and the notice to the
  // new assignee are one transaction.
  bool open = false;
  long long at = ToUnix(Now());
  ATTUNE_RETURN_IF_ERROR(committer_.Submit([&](WriteSession& w) {
    w.Prepared(
         "UPDATE actions SET assignee_role = ?1, assignee_staff_id = ?2 WHERE school_id = ?3 "
         "AND id = ?4 AND status = 'open'")
        .Bind(1, role)
        .BindIdOrNull(2, staff_id)
        .Bind(3, school_id)
        .Bind(4, id)
        .Run();
    open = w.Changes() > 0;
    if (open) WriteNotices(w, school_id, notices, at);
  }));
  if (!open) return Status::Conflict("This action is already done");
  return Status::Ok();
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
