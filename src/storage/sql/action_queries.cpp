// ActionStore on SQLite.
#include <deque>

#include "storage/sql/notification_write.h"
#include "storage/sql/readable.h"
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

// An action's columns, read from `a` and what ActionJoins joins to it.
constexpr const char* kActionColumns =
    "SELECT a.id, a.school_id, COALESCE(a.incident_id, 0), COALESCE(a.pupil_id, 0), a.kind, "
    "a.label, a.assignee_role, COALESCE(a.assignee_staff_id, 0), a.due_at, a.description, "
    "a.because, a.status, a.outcome, a.completed_at, COALESCE(a.completed_by_staff_id, 0), "
    "a.created_at, COALESCE(CASE WHEN p.preferred_name <> '' THEN p.preferred_name ELSE "
    "p.first_name END || ' ' || p.last_name, ''), COALESCE(sa.name, ''), COALESCE(sc.name, ''), "
    "COALESCE(i.category, ''), COALESCE(i.restricted, 0), COALESCE(a.plan_id, 0) ";
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
  a.plan_id = Int(r, 21);
  return a;
}

// The WHERE clause of an ActionQuery and its values, bound by name: the
// list and its counts find exactly the same actions. `tag` ends every name,
// so that one statement can hold the clause several times (SOCI binds each
// name once).
class ActionWhere {
 public:
  explicit ActionWhere(const ActionQuery& q, std::string tag = "")
      : q_(q),
        tag_(std::move(tag)),
        due_(q.due_before ? ToUnix(*q.due_before) : 0),
        year_(q.year_group),
        form_(q.form_id) {
    sql_ = " WHERE a.school_id = " + N("s") + " AND " +
           NotHiddenSql("a.incident_id", N("s4"), N("viewer"));
    if (!q.status.empty()) sql_ += " AND a.status = " + N("st");
    if (!q.role.empty() && q.staff_id) {
      sql_ += " AND (a.assignee_staff_id = " + N("me") +
              " OR (a.assignee_staff_id IS NULL AND a.assignee_role = " + N("role") + "))";
    } else if (q.staff_id) {
      sql_ += " AND a.assignee_staff_id = " + N("me");
    } else if (!q.role.empty()) {
      sql_ += " AND a.assignee_role = " + N("role");
    }
    if (q.incident_id) sql_ += " AND a.incident_id = " + N("inc");
    if (q.pupil_id) sql_ += " AND a.pupil_id = " + N("pup");
    // The pupil's year and form as a set of pupils, built once, rather than
    // a look-up of the pupil of each of thousands of actions.
    if (q.year_group) {
      sql_ += " AND a.pupil_id IN (SELECT id FROM pupils WHERE school_id = " + N("s2") +
              " AND year_group = " + N("yg") + ")";
    }
    if (q.form_id) {
      sql_ += " AND a.pupil_id IN (SELECT id FROM pupils WHERE school_id = " + N("s3") +
              " AND form_id = " + N("fm") + ")";
    }
    if (!q.kind.empty()) sql_ += " AND a.kind = " + N("kd");
    if (q.due_before) sql_ += " AND a.due_at < " + N("due");
  }
  const std::string& Sql() const { return sql_; }
  // FROM for the conditions: the actions alone (the rule on restricted
  // records needs no join, readable.h).
  static const char* From() { return " FROM actions a"; }
  void Bind(soci::statement& st) {
    Use(st, q_.school_id, "s");
    Use(st, q_.school_id, "s4");
    Use(st, q_.viewer_role, "viewer");
    if (!q_.status.empty()) Use(st, q_.status, "st");
    if (q_.staff_id) Use(st, q_.staff_id, "me");
    if (!q_.role.empty()) Use(st, q_.role, "role");
    if (q_.incident_id) Use(st, q_.incident_id, "inc");
    if (q_.pupil_id) Use(st, q_.pupil_id, "pup");
    if (q_.year_group) {
      Use(st, q_.school_id, "s2");
      Use(st, year_, "yg");
    }
    if (q_.form_id) {
      Use(st, q_.school_id, "s3");
      Use(st, form_, "fm");
    }
    if (!q_.kind.empty()) Use(st, q_.kind, "kd");
    if (q_.due_before) Use(st, due_, "due");
  }

 private:
  // The parameter `name` of this clause, as written in the SQL.
  std::string N(const char* name) const { return std::string(":") + name + tag_; }
  template <typename T>
  void Use(soci::statement& st, const T& value, const char* name) {
    names_.push_back(name + tag_);  // SOCI keeps a reference to the name
    st.exchange(soci::use(value, names_.back()));
  }

  const ActionQuery& q_;
  std::string tag_;
  std::string sql_;
  long long due_;
  long long year_;
  long long form_;
  std::deque<std::string> names_;
};

}  // namespace

namespace {

// The actions of `where` in `order`, `limit` from `offset`, read whole. The
// page's ids are found and sorted on the narrow rows first; only those few
// are then joined to their pupil, staff and record (joining all 5,000 of a
// busy queue before sorting cost most of the page).
void ReadActions(soci::session& sql, ActionWhere& where, const std::string& extra,
                 const std::string& order, long long limit, long long offset,
                 std::vector<Action>& out) {
  ReadPage(sql,
           std::string(kActionColumns) + "FROM (SELECT a.id" + where.From() + where.Sql() + extra +
               order + " LIMIT :l OFFSET :o) pg JOIN actions a ON a.id = pg.id " + kActionJoins +
               order,
           where, limit, offset, ReadAction, out);
}

}  // namespace

Result<std::vector<Action>> SqlStore::ListActions(const ActionQuery& q) {
  return ReadGuard("list actions", [&]() -> Result<std::vector<Action>> {
    auto sql = pool_.Acquire();
    std::vector<Action> out;
    if (q.status != "open") {
      ActionWhere where(q);
      ReadActions(*sql, where, "",
                  " ORDER BY COALESCE(a.completed_at, a.created_at) DESC, a.id DESC", q.limit,
                  q.offset, out);
      return out;
    }
    // Open ones by when they are due, those with no due time last. Taken as
    // two runs so that each is read in the order of the queue's index
    // (actions_queue: due time, then id) and stops at the page, instead of
    // sorting every open action to find 25.
    ActionWhere dated(q, "d");
    ReadActions(*sql, dated, " AND a.due_at IS NOT NULL", " ORDER BY a.due_at, a.id", q.limit,
                q.offset, out);
    if (static_cast<int>(out.size()) >= q.limit) return out;
    long long offset = 0;
    if (out.empty() && q.offset > 0) {
      // The page begins past every dated one: skip as many undated ones as
      // the page's start is beyond them.
      ActionWhere counted(q, "c");
      long long n = 0;
      soci::statement st = (sql->prepare << std::string("SELECT COUNT(*)") + counted.From() +
                                                counted.Sql() + " AND a.due_at IS NOT NULL");
      counted.Bind(st);
      st.exchange(soci::into(n));
      st.define_and_bind();
      st.execute(true);
      offset = std::max(0LL, q.offset - n);
    }
    ActionWhere undated(q, "u");
    ReadActions(*sql, undated, " AND a.due_at IS NULL", " ORDER BY a.id",
                q.limit - static_cast<long long>(out.size()), offset, out);
    return out;
  });
}

Result<ActionCounts> SqlStore::CountActions(const ActionQuery& q, const DueEdges& edges) {
  return ReadGuard("count actions", [&]() -> Result<ActionCounts> {
    auto sql = pool_.Acquire();
    ActionCounts c;
    if (q.status != "open") {
      ActionWhere where(q);
      soci::statement st =
          (sql->prepare << std::string("SELECT COUNT(*)") + ActionWhere::From() + where.Sql());
      where.Bind(st);
      st.exchange(soci::into(c.total));
      st.define_and_bind();
      st.execute(true);
      return c;
    }
    // One count per group, each over its own stretch of the queue's index
    // (due time): counting a range is a walk of its entries, where summing
    // five conditions over every open action cost five times as much.
    long long now = ToUnix(edges.now), eod = ToUnix(edges.end_of_today),
              eow = ToUnix(edges.end_of_week);
    ActionWhere overdue(q, "0"), today(q, "1"), week(q, "2"), later(q, "3"), undated(q, "4");
    auto count = [](const ActionWhere& w, const char* range) {
      return "(SELECT COUNT(*)" + std::string(ActionWhere::From()) + w.Sql() + range + ")";
    };
    std::string text = "SELECT " + count(overdue, " AND a.due_at < :n0") + ", " +
                       count(today, " AND a.due_at >= :n1 AND a.due_at < :d1") + ", " +
                       count(week, " AND a.due_at >= :d2 AND a.due_at < :w2") + ", " +
                       count(later, " AND a.due_at >= :w3") + ", " +
                       count(undated, " AND a.due_at IS NULL");
    soci::statement st = (sql->prepare << text);
    // Each name once, every clause's values in the order they appear.
    overdue.Bind(st);
    st.exchange(soci::use(now, "n0"));
    today.Bind(st);
    st.exchange(soci::use(now, "n1"));
    st.exchange(soci::use(eod, "d1"));
    week.Bind(st);
    st.exchange(soci::use(eod, "d2"));
    st.exchange(soci::use(eow, "w2"));
    later.Bind(st);
    st.exchange(soci::use(eow, "w3"));
    undated.Bind(st);
    st.exchange(soci::into(c.overdue));
    st.exchange(soci::into(c.today));
    st.exchange(soci::into(c.week));
    st.exchange(soci::into(c.later));
    st.exchange(soci::into(c.undated));
    st.define_and_bind();
    st.execute(true);
    c.total = c.overdue + c.today + c.week + c.later + c.undated;
    return c;
  });
}

Result<Action> SqlStore::GetAction(long long school_id, long long id) {
  return ReadGuard("get action", [&]() -> Result<Action> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string(kActionColumns) + "FROM actions a " + kActionJoins +
                             "WHERE a.school_id = :s AND a.id = :id",
         soci::use(school_id), soci::use(id));
    for (const auto& r : rows) return ReadAction(r);
    return Status::NotFound("No such action");
  });
}

Status SqlStore::CompleteAction(long long school_id, long long id, long long staff_id,
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

Status SqlStore::ReassignAction(long long school_id, long long id, const std::string& role,
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

Result<int> SqlStore::CountOpenActions(long long school_id, long long incident_id) {
  return ReadGuard("count open actions", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    int n = 0;
    *sql << "SELECT COUNT(*) FROM actions WHERE school_id = :s AND incident_id = :i AND status = "
            "'open'",
        soci::use(school_id), soci::use(incident_id), soci::into(n);
    return n;
  });
}

Result<int> SqlStore::CountRepairsAwaited(long long school_id, long long incident_id) {
  return ReadGuard("count repairs awaited", [&]() -> Result<int> {
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

}  // namespace attune::sql
