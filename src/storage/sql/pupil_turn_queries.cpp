// PupilTurnStore on SQLite (storage/pupil_turn_store.h): writes go through
// the group committer, as the plan's entries do, so a turn ends in the
// same transaction as the pupil's words are written into the plan.
#include "storage/sql/plan_entry_write.h"
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {

Result<long long> SqlStore::StartPupilTurn(const PupilTurn& t, const std::string& code_hash) {
  long long id = 0;
  long long at = ToUnix(t.started_at);
  ATTUNE_RETURN_IF_ERROR(committer_.Submit([&](WriteSession& w) {
    w.Prepared("UPDATE pupil_turns SET ended_at = ?1 WHERE plan_id = ?2 AND ended_at IS NULL")
        .Bind(1, at)
        .Bind(2, t.plan_id)
        .Run();
    w.Prepared(
         "INSERT INTO pupil_turns (school_id, plan_id, section_id, on_date, code_hash, "
         "started_by_staff_id, started_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .Bind(1, t.school_id)
        .Bind(2, t.plan_id)
        .Bind(3, t.section_id)
        .Bind(4, FormatDate(t.on))
        .Bind(5, code_hash)
        .BindIdOrNull(6, t.started_by_staff_id)
        .Bind(7, at)
        .Bind(8, ToUnix(t.expires_at))
        .Run();
    id = w.LastId();
  }));
  return id;
}

Result<PupilTurn> SqlStore::FindPupilTurn(const std::string& code_hash, Timestamp now) {
  return ReadGuard("find pupil turn", [&]() -> Result<PupilTurn> {
    auto sql = pool_.Acquire();
    long long at = ToUnix(now);
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT t.id, t.school_id, t.plan_id, t.section_id, t.on_date, "
                         "COALESCE(t.started_by_staff_id, 0), t.started_at, t.expires_at FROM "
                         "pupil_turns t JOIN plans pl ON pl.id = t.plan_id WHERE t.code_hash = "
                         ":h AND t.ended_at IS NULL AND t.expires_at > :now AND pl.status = "
                         "'active'",
         soci::use(code_hash), soci::use(at));
    for (const auto& r : rows) {
      PupilTurn t;
      t.id = Int(r, 0);
      t.school_id = Int(r, 1);
      t.plan_id = Int(r, 2);
      t.section_id = Text(r, 3);
      if (auto d = OptDate(r, 4)) t.on = *d;
      t.started_by_staff_id = Int(r, 5);
      t.started_at = FromUnix(Int(r, 6));
      t.expires_at = FromUnix(Int(r, 7));
      return t;
    }
    return Status::NotFound("No open turn for that code");
  });
}

Result<long long> SqlStore::AnswerPupilTurn(const std::string& code_hash, Timestamp now,
                                            const std::string& kind, const std::string& fields) {
  long long entry = 0;
  long long at = ToUnix(now);
  ATTUNE_RETURN_IF_ERROR(committer_.Submit([&](WriteSession& w) {
    long long turn = 0, school = 0, plan = 0, by = 0;
    std::string on;
    {
      // The turn is ended first: a second sending of its code finds none.
      Statement& st = w.Prepared(
          "UPDATE pupil_turns SET ended_at = ?1 WHERE code_hash = ?2 AND ended_at IS NULL AND "
          "expires_at > ?1 AND plan_id IN (SELECT id FROM plans WHERE status = 'active') "
          "RETURNING id, school_id, plan_id, on_date, COALESCE(started_by_staff_id, 0)");
      st.Bind(1, at).Bind(2, code_hash);
      Rows r(st);
      if (!r.Next()) return;
      turn = r.Int(0);
      school = r.Int(1);
      plan = r.Int(2);
      on = r.Text(3);
      by = r.Int(4);
    }
    if (kind == "entry") {
      // Field by field into the day's entry: the adults' fields stay.
      // (The fields are one level of names: PostgreSQL's || merges as
      // SQLite's json_patch does.)
      Statement& st =
          w.statements().connection().dialect() == Dialect::kPostgres
              ? w.Prepared(
                    "UPDATE plan_entries SET fields = CAST(CAST(fields AS jsonb) || "
                    "CAST(?1 AS jsonb) AS TEXT) WHERE plan_id = ?2 AND kind = 'entry' AND "
                    "on_date = ?3 RETURNING id")
              : w.Prepared(
                    "UPDATE plan_entries SET fields = json_patch(fields, ?1) WHERE "
                    "plan_id = ?2 AND kind = 'entry' AND on_date = ?3 RETURNING id");
      st.Bind(1, fields).Bind(2, plan).Bind(3, on);
      Rows r(st);
      if (r.Next()) entry = r.Int(0);
    }
    if (entry == 0) {
      PlanEntry e;
      e.school_id = school;
      e.plan_id = plan;
      e.kind = kind;
      if (auto d = ParseDate(on); d.ok()) e.on = *d;
      e.fields = fields;
      e.by_staff_id = by;
      entry = InsertPlanEntry(w, e, at);
    }
    w.Prepared("UPDATE pupil_turns SET entry_id = ?1 WHERE id = ?2")
        .Bind(1, entry)
        .Bind(2, turn)
        .Run();
  }));
  if (entry == 0) return Status::NotFound("No open turn for that code");
  return entry;
}

}  // namespace attune::sql
