// PlanStore on SQLite: pupils' plans, their entries, and the actions they
// ask of staff. Every change goes through the group committer with the
// actions it opens and closes, so a plan and its review action are never
// apart.
#include "storage/sql/plan_entry_write.h"
#include "storage/sql/readable.h"
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

// A plan's columns from `pl`, with its pupil `p` and starter `s` joined.
#define ATTUNE_PLAN_COLUMNS                                                                    \
  "SELECT pl.id, pl.school_id, pl.pupil_id, pl.plan, pl.name, pl.target, pl.started_on, "      \
  "pl.ends_on, pl.review_on, pl.check_in_on, pl.check_in_every, pl.status, pl.outcome, "       \
  "COALESCE(pl.escalation_id, 0), COALESCE(pl.started_by_staff_id, 0), pl.fields, "            \
  "pl.end_fields, COALESCE(pl.ended_by_staff_id, 0), pl.involved_staff, CASE WHEN "            \
  "p.preferred_name <> '' THEN p.preferred_name ELSE p.first_name END || ' ' || p.last_name, " \
  "COALESCE(s.name, ''), p.year_group FROM plans pl JOIN pupils p ON p.id = pl.pupil_id LEFT " \
  "JOIN staff s ON s.id = pl.started_by_staff_id "

std::string IdList(const std::vector<long long>& ids) {
  if (ids.empty()) return "";
  std::string out = ",";
  for (long long id : ids) out += std::to_string(id) + ",";
  return out;
}

std::vector<long long> ReadIds(const std::string& text) {
  std::vector<long long> out;
  for (const auto& s : SplitList(text)) out.push_back(std::stoll(s));
  return out;
}

template <typename R>
PupilPlan ReadPlan(const R& r) {
  PupilPlan p;
  p.id = Int(r, 0);
  p.school_id = Int(r, 1);
  p.pupil_id = Int(r, 2);
  p.plan = Text(r, 3);
  p.name = Text(r, 4);
  p.target = Text(r, 5);
  if (auto d = OptDate(r, 6)) p.started_on = *d;
  p.ends_on = OptDate(r, 7);
  p.review_on = OptDate(r, 8);
  p.check_in_on = OptDate(r, 9);
  p.check_in_every = static_cast<int>(Int(r, 10));
  p.status = Text(r, 11);
  p.outcome = Text(r, 12);
  p.escalation_id = Int(r, 13);
  p.started_by_staff_id = Int(r, 14);
  p.fields = Text(r, 15);
  p.end_fields = Text(r, 16);
  p.ended_by_staff_id = Int(r, 17);
  p.involved_staff = ReadIds(Text(r, 18));
  p.pupil_name = Text(r, 19);
  p.started_by_name = Text(r, 20);
  p.year_group = static_cast<int>(Int(r, 21));
  return p;
}

std::string DateText(const std::optional<Date>& d) { return d ? FormatDate(*d) : ""; }

// Binds a date, NULL when there is none.
void BindDate(Statement& st, int index, const std::optional<Date>& d) {
  if (d) {
    st.Bind(index, FormatDate(*d));
  } else {
    st.BindIdOrNull(index, 0);
  }
}

void WritePlanActions(WriteSession& w, long long school_id, long long plan_id, long long pupil_id,
                      const PlanActions& actions, long long staff_id, long long at) {
  for (const auto& kind : actions.close_kinds) {
    w.Prepared(
         "UPDATE actions SET status = 'done', outcome = 'Recorded on the plan', completed_at = "
         "?1, completed_by_staff_id = ?2 WHERE plan_id = ?3 AND school_id = ?4 AND status = "
         "'open' AND kind = ?5")
        .Bind(1, at)
        .BindIdOrNull(2, staff_id)
        .Bind(3, plan_id)
        .Bind(4, school_id)
        .Bind(5, kind)
        .Run();
  }
  for (const Action& a : actions.open) {
    w.Prepared(
         "INSERT INTO actions (school_id, plan_id, pupil_id, kind, label, assignee_role, "
         "assignee_staff_id, due_at, description, because, created_at) VALUES (?1, ?2, ?3, ?4, "
         "?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        .Bind(1, school_id)
        .Bind(2, plan_id)
        .BindIdOrNull(3, pupil_id)
        .Bind(4, a.kind)
        .Bind(5, a.label)
        .Bind(6, a.assignee_role)
        .BindIdOrNull(7, a.assignee_staff_id)
        .Bind(8, a.due_at)
        .Bind(9, a.description)
        .Bind(10, a.because)
        .Bind(11, at)
        .Run();
  }
}

// The WHERE clause of a PlanQuery, bound by name.
class PlanWhere {
 public:
  explicit PlanWhere(const PlanQuery& q)
      : q_(q),
        due_(DateText(q.due_by)),
        past_(DateText(q.past_end_before)),
        all_(q.viewer_sees_all ? 1 : 0),
        me_("%," + std::to_string(q.viewer_staff_id) + ",%"),
        close_("%," + std::to_string(q.close_to_staff_id) + ",%") {
    sql_ =
        " WHERE pl.school_id = :s AND (pl.involved_staff = '' OR :all = 1 OR "
        "pl.involved_staff LIKE :me)";
    if (!q.status.empty()) sql_ += " AND pl.status = :st";
    if (!q.type.empty()) sql_ += " AND pl.plan = :ty";
    if (!q.types.empty()) {
      sql_ += " AND pl.plan IN (";
      for (size_t i = 0; i < q.types.size(); ++i) {
        sql_ += (i ? ", :ty" : ":ty") + std::to_string(i);
      }
      sql_ += ")";
    }
    if (q.close_to_staff_id) {
      sql_ +=
          " AND (p.key_adult_staff_id = :near OR pl.started_by_staff_id = :near OR "
          "pl.involved_staff LIKE :nearl OR EXISTS (SELECT 1 FROM forms f WHERE f.id = "
          "p.form_id AND f.tutor_staff_id = :near) OR EXISTS (SELECT 1 FROM "
          "teaching_group_members gm JOIN timetable_slots ts ON ts.group_id = gm.group_id "
          "WHERE gm.pupil_id = p.id AND ts.staff_id = :near))";
    }
    if (q.year_group) sql_ += " AND p.year_group = :yg";
    if (q.due_by) sql_ += " AND (pl.review_on <= :due OR pl.check_in_on <= :due)";
    if (q.past_end_before) sql_ += " AND pl.ends_on < :past";
  }
  const std::string& sql() const { return sql_; }
  void Bind(soci::statement& st) {
    st.exchange(soci::use(q_.school_id, "s"));
    st.exchange(soci::use(all_, "all"));
    st.exchange(soci::use(me_, "me"));
    if (!q_.status.empty()) st.exchange(soci::use(q_.status, "st"));
    if (!q_.type.empty()) st.exchange(soci::use(q_.type, "ty"));
    for (size_t i = 0; i < q_.types.size(); ++i) {
      st.exchange(soci::use(q_.types[i], "ty" + std::to_string(i)));
    }
    if (q_.close_to_staff_id) {
      st.exchange(soci::use(q_.close_to_staff_id, "near"));
      st.exchange(soci::use(close_, "nearl"));
    }
    if (q_.year_group) st.exchange(soci::use(q_.year_group, "yg"));
    if (q_.due_by) st.exchange(soci::use(due_, "due"));
    if (q_.past_end_before) st.exchange(soci::use(past_, "past"));
  }

 private:
  const PlanQuery& q_;
  std::string due_, past_;
  int all_;
  std::string me_, close_;
  std::string sql_;
};

}  // namespace

Result<long long> SqlStore::CreatePlan(const PupilPlan& p, const PlanActions& actions) {
  long long id = 0;
  long long at = ToUnix(Now());
  ATTUNE_RETURN_IF_ERROR(committer_.Submit([&](WriteSession& w) {
    Statement& st = w.Prepared(
        "INSERT INTO plans (school_id, pupil_id, plan, name, target, started_on, ends_on, "
        "review_on, check_in_on, check_in_every, escalation_id, started_by_staff_id, fields, "
        "involved_staff, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, ?14, ?15)");
    st.Bind(1, p.school_id)
        .Bind(2, p.pupil_id)
        .Bind(3, p.plan)
        .Bind(4, p.name)
        .Bind(5, p.target)
        .Bind(6, FormatDate(p.started_on));
    BindDate(st, 7, p.ends_on);
    BindDate(st, 8, p.review_on);
    BindDate(st, 9, p.check_in_on);
    st.Bind(10, static_cast<long long>(p.check_in_every))
        .BindIdOrNull(11, p.escalation_id)
        .BindIdOrNull(12, p.started_by_staff_id)
        .Bind(13, p.fields)
        .Bind(14, IdList(p.involved_staff))
        .Bind(15, at)
        .Run();
    id = w.LastId();
    if (p.escalation_id) {
      w.Prepared("UPDATE escalations SET status = 'started' WHERE id = ?1 AND school_id = ?2")
          .Bind(1, p.escalation_id)
          .Bind(2, p.school_id)
          .Run();
    }
    WritePlanActions(w, p.school_id, id, p.pupil_id, actions, p.started_by_staff_id, at);
  }));
  return id;
}

Result<PupilPlan> SqlStore::GetPlan(long long school_id, long long id) {
  return ReadGuard("get plan", [&]() -> Result<PupilPlan> {
    auto sql = pool_.Acquire();
    auto r = sql.Query(ATTUNE_PLAN_COLUMNS "WHERE pl.school_id = ?1 AND pl.id = ?2");
    r.Bind(1, school_id).Bind(2, id);
    if (!r.Next()) return Status::NotFound("No such plan");
    return ReadPlan(r);
  });
}

Result<std::vector<PupilPlan>> SqlStore::ListPlans(long long school_id, long long pupil_id) {
  return ReadGuard("list plans", [&]() -> Result<std::vector<PupilPlan>> {
    auto sql = pool_.Acquire();
    std::vector<PupilPlan> out;
    // Read for every pupil in every record: a kept statement.
    auto r = sql.Query(ATTUNE_PLAN_COLUMNS
                       "WHERE pl.school_id = ?1 AND pl.pupil_id = ?2 ORDER BY pl.started_on DESC, "
                       "pl.id DESC");
    r.Bind(1, school_id).Bind(2, pupil_id);
    while (r.Next()) out.push_back(ReadPlan(r));
    return out;
  });
}

Result<std::vector<PlanEntry>> SqlStore::ListPlanEntries(long long school_id, long long plan_id) {
  return ReadGuard("list plan entries", [&]() -> Result<std::vector<PlanEntry>> {
    auto sql = pool_.Acquire();
    std::vector<PlanEntry> out;
    auto r = sql.Query(
        "SELECT e.id, e.kind, e.on_date, e.fields, COALESCE(e.by_staff_id, 0), e.created_at, "
        "COALESCE(s.name, '') FROM plan_entries e LEFT JOIN staff s ON s.id = e.by_staff_id "
        "WHERE e.plan_id = ?1 AND e.school_id = ?2 ORDER BY e.on_date, e.id");
    r.Bind(1, plan_id).Bind(2, school_id);
    while (r.Next()) {
      PlanEntry e;
      e.id = Int(r, 0);
      e.school_id = school_id;
      e.plan_id = plan_id;
      e.kind = Text(r, 1);
      if (auto d = OptDate(r, 2)) e.on = *d;
      e.fields = Text(r, 3);
      e.by_staff_id = Int(r, 4);
      e.at = FromUnix(Int(r, 5));
      e.by_name = Text(r, 6);
      out.push_back(std::move(e));
    }
    return out;
  });
}

long long InsertPlanEntry(WriteSession& w, const PlanEntry& e, long long at) {
  w.Prepared(
       "INSERT INTO plan_entries (school_id, plan_id, kind, on_date, fields, by_staff_id, "
       "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .Bind(1, e.school_id)
      .Bind(2, e.plan_id)
      .Bind(3, e.kind)
      .Bind(4, FormatDate(e.on))
      .Bind(5, e.fields)
      .BindIdOrNull(6, e.by_staff_id)
      .Bind(7, at)
      .Run();
  return w.LastId();
}

Result<long long> SqlStore::AddPlanEntry(const PlanEntry& e, const PlanUpdate& update,
                                         const PlanActions& actions) {
  long long id = 0;
  bool active = false;
  long long at = ToUnix(Now());
  std::string on = FormatDate(e.on);
  ATTUNE_RETURN_IF_ERROR(committer_.Submit([&](WriteSession& w) {
    long long pupil = 0;
    {
      Statement& st = w.Prepared(
          "SELECT pupil_id FROM plans WHERE id = ?1 AND school_id = ?2 AND status = 'active'");
      st.Bind(1, e.plan_id).Bind(2, e.school_id);
      Rows r(st);
      active = r.Next();
      if (active) pupil = r.Int(0);
    }
    if (!active) return;
    if (e.kind == "entry") {
      w.Prepared("DELETE FROM plan_entries WHERE plan_id = ?1 AND kind = 'entry' AND on_date = ?2")
          .Bind(1, e.plan_id)
          .Bind(2, on)
          .Run();
    }
    id = InsertPlanEntry(w, e, at);
    if (update.review_on) {
      w.Prepared("UPDATE plans SET review_on = ?1 WHERE id = ?2")
          .Bind(1, FormatDate(*update.review_on))
          .Bind(2, e.plan_id)
          .Run();
    }
    if (update.check_in_on) {
      w.Prepared("UPDATE plans SET check_in_on = ?1 WHERE id = ?2")
          .Bind(1, FormatDate(*update.check_in_on))
          .Bind(2, e.plan_id)
          .Run();
    }
    if (update.target) {
      // The latest day's target is the one shown, whichever day was written last.
      w.Prepared(
           "UPDATE plans SET target = ?1 WHERE id = ?2 AND NOT EXISTS (SELECT 1 FROM "
           "plan_entries WHERE plan_id = ?2 AND kind = 'entry' AND on_date > ?3)")
          .Bind(1, *update.target)
          .Bind(2, e.plan_id)
          .Bind(3, on)
          .Run();
    }
    WritePlanActions(w, e.school_id, e.plan_id, pupil, actions, e.by_staff_id, at);
  }));
  if (!active) return Status::Conflict("This plan has ended; nothing more can be added to it");
  return id;
}

Status SqlStore::FinishPlan(long long school_id, long long id, const std::string& outcome, Date on,
                            const std::string& end_fields, long long staff_id) {
  bool ended = false;
  long long at = ToUnix(Now());
  ATTUNE_RETURN_IF_ERROR(committer_.Submit([&](WriteSession& w) {
    w.Prepared(
         "UPDATE plans SET status = 'ended', outcome = ?1, ends_on = ?2, end_fields = ?3, "
         "ended_by_staff_id = ?4, review_on = NULL, check_in_on = NULL WHERE school_id = ?5 AND "
         "id = ?6 AND status = 'active'")
        .Bind(1, outcome)
        .Bind(2, FormatDate(on))
        .Bind(3, end_fields)
        .BindIdOrNull(4, staff_id)
        .Bind(5, school_id)
        .Bind(6, id)
        .Run();
    ended = w.Changes() > 0;
    if (!ended) return;
    w.Prepared(
         "UPDATE actions SET status = 'done', outcome = 'The plan ended', completed_at = ?1, "
         "completed_by_staff_id = ?2 WHERE plan_id = ?3 AND school_id = ?4 AND status = 'open'")
        .Bind(1, at)
        .BindIdOrNull(2, staff_id)
        .Bind(3, id)
        .Bind(4, school_id)
        .Run();
  }));
  if (!ended) return Status::Conflict("This plan has already ended");
  return Status::Ok();
}

Result<std::vector<PupilPlan>> SqlStore::ListSchoolPlans(const PlanQuery& q) {
  return ReadGuard("list school plans", [&]() -> Result<std::vector<PupilPlan>> {
    auto sql = pool_.Acquire();
    std::vector<PupilPlan> out;
    PlanWhere where(q);
    std::string text = std::string(ATTUNE_PLAN_COLUMNS) + where.sql() +
                       " ORDER BY pl.status, COALESCE(CASE WHEN pl.review_on < pl.check_in_on "
                       "THEN pl.review_on ELSE pl.check_in_on END, pl.review_on, pl.check_in_on, "
                       "'9999-12-31'), pl.started_on DESC, pl.id DESC LIMIT :l OFFSET :o";
    ReadPage(
        *sql, text, where, q.limit, q.offset, [](const soci::row& r) { return ReadPlan(r); }, out);
    return out;
  });
}

Result<int> SqlStore::CountSchoolPlans(const PlanQuery& q) {
  return ReadGuard("count school plans", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    PlanWhere where(q);
    int n = 0;
    std::string text =
        "SELECT COUNT(*) FROM plans pl JOIN pupils p ON p.id = pl.pupil_id" + where.sql();
    soci::statement st = (sql->prepare << text);
    where.Bind(st);
    st.exchange(soci::into(n));
    st.define_and_bind();
    st.execute(true);
    return n;
  });
}

}  // namespace attune::sql
