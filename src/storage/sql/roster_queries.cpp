// RosterStore on SQLite and PostgreSQL, the roster half: one school's
// staff, pupils, forms, teaching groups and their links to the MIS read at
// once, and the writes an import makes (decision 0032). Every statement is portable SQL
// (PostgreSQL 15 runs it unchanged).
#include <limits>

#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

// Reads (a, b) pairs of ids for school :s from `query`.
std::vector<GroupPair> ReadPairs(soci::session& sql, const char* query, long long school_id) {
  std::vector<GroupPair> out;
  soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(school_id));
  for (const auto& r : rows) out.emplace_back(Int(r, 0), Int(r, 1));
  return out;
}

// Teaching groups of school `school_id` from rows of (id, name, subject,
// year group).
std::vector<TeachingGroup> ReadGroups(soci::rowset<soci::row>& rows, long long school_id) {
  std::vector<TeachingGroup> out;
  for (const auto& r : rows) {
    out.push_back(
        TeachingGroup{Int(r, 0), school_id, Text(r, 1), Text(r, 2), static_cast<int>(Int(r, 3))});
  }
  return out;
}

// Runs `query` (binding :g and :x) once for each pair of `pairs`.
void RunForPairs(soci::session& sql, const char* query, const std::vector<GroupPair>& pairs) {
  if (pairs.empty()) return;
  long long group = 0, other = 0;
  soci::statement st = (sql.prepare << query, soci::use(group, "g"), soci::use(other, "x"));
  for (const auto& [g, x] : pairs) {
    group = g;
    other = x;
    st.execute(true);
  }
}

// Maps a unique-constraint failure of `status` to Conflict on `field`.
Status ConflictOn(Status status, const std::string& message, const char* field) {
  if (status.code() == StatusCode::kConflict) return Status::Conflict(message, field);
  return status;
}

}  // namespace

Result<RosterSnapshot> SqlStore::ReadRoster(long long school_id) {
  return ReadGuard("read roster", [&]() -> Result<RosterSnapshot> {
    auto sql = pool_.Acquire();
    RosterSnapshot out;
    auto school = GetSchool(school_id);
    if (!school.ok()) return school.status();
    out.school = std::move(*school);
    auto staff = ListStaff(school_id);
    if (!staff.ok()) return staff.status();
    out.staff = std::move(*staff);
    for (auto& s : out.staff) s.password_hash.clear();
    PupilFilter everyone;
    everyone.include_left = true;
    everyone.limit = std::numeric_limits<int>::max();
    auto pupils = ListPupils(school_id, everyone);
    if (!pupils.ok()) return pupils.status();
    out.pupils = std::move(*pupils);
    auto forms = ListForms(school_id);
    if (!forms.ok()) return forms.status();
    out.forms = std::move(*forms);
    soci::rowset<soci::row> groups =
        (sql->prepare << "SELECT id, name, subject, year_group FROM teaching_groups "
                         "WHERE school_id = :s ORDER BY id",
         soci::use(school_id));
    out.groups = ReadGroups(groups, school_id);
    out.members = ReadPairs(*sql,
                            "SELECT m.group_id, m.pupil_id FROM teaching_group_members m "
                            "JOIN teaching_groups g ON g.id = m.group_id WHERE g.school_id = :s",
                            school_id);
    out.teachers = ReadPairs(*sql,
                             "SELECT t.group_id, t.staff_id FROM teaching_group_staff t "
                             "JOIN teaching_groups g ON g.id = t.group_id WHERE g.school_id = :s",
                             school_id);
    soci::rowset<soci::row> links =
        (sql->prepare << "SELECT kind, source_id, local_id, left_on FROM mis_links "
                         "WHERE school_id = :s",
         soci::use(school_id));
    for (const auto& r : links)
      out.links.push_back({Text(r, 0), Text(r, 1), Int(r, 2), OptDate(r, 3)});
    return out;
  });
}

Result<std::vector<std::pair<long long, MisLink>>> SqlStore::ListSchoolLinks() {
  return ReadGuard(
      "list school links", [&]() -> Result<std::vector<std::pair<long long, MisLink>>> {
        auto sql = pool_.Acquire();
        std::vector<std::pair<long long, MisLink>> out;
        soci::rowset<soci::row> rows =
            (sql->prepare << "SELECT school_id, source_id, local_id FROM mis_links "
                             "WHERE kind = 'school' ORDER BY school_id");
        for (const auto& r : rows) {
          out.emplace_back(Int(r, 0), MisLink{"school", Text(r, 1), Int(r, 2), std::nullopt});
        }
        return out;
      });
}

Status SqlStore::SaveMisLink(long long school_id, const MisLink& link) {
  return Guard("save mis link", [&]() -> Status {
    auto sql = pool_.Acquire();
    std::string left = link.left_on ? FormatDate(*link.left_on) : "";
    soci::indicator left_ind = link.left_on ? soci::i_ok : soci::i_null;
    *sql << "DELETE FROM mis_links WHERE school_id = :s AND kind = :k AND "
            "(local_id = :l OR source_id = :src)",
        soci::use(school_id), soci::use(link.kind), soci::use(link.local_id),
        soci::use(link.source_id);
    *sql << "INSERT INTO mis_links (school_id, kind, source_id, local_id, left_on) "
            "VALUES (:s, :k, :src, :l, :left)",
        soci::use(school_id), soci::use(link.kind), soci::use(link.source_id),
        soci::use(link.local_id), soci::use(left, left_ind);
    return Status::Ok();
  });
}

Status SqlStore::UpdateSchoolDetails(long long school_id, const std::string& name,
                                     const std::string& urn) {
  return Guard("update school", [&]() -> Status {
    auto sql = pool_.Acquire();
    *sql << "UPDATE schools SET name = :n, urn = :u WHERE id = :s", soci::use(name), soci::use(urn),
        soci::use(school_id);
    return Status::Ok();
  });
}

Status SqlStore::UpdateStaffDetails(const Staff& s) {
  Status st = Guard("update staff details", [&]() -> Status {
    auto sql = pool_.Acquire();
    *sql << "UPDATE staff SET name = :n, email = :e, job_title = :j WHERE school_id = :s AND "
            "id = :id",
        soci::use(s.name), soci::use(s.email), soci::use(s.job_title), soci::use(s.school_id),
        soci::use(s.id);
    return Status::Ok();
  });
  return ConflictOn(st, "A member of staff already signs in with " + s.email, "email");
}

Status SqlStore::UpdatePupilDetails(const Pupil& p) {
  Status st = Guard("update pupil details", [&]() -> Status {
    auto sql = pool_.Acquire();
    std::string dob = FormatDate(p.date_of_birth), sen = SenCode(p.sen),
                search = PupilSearchText(p);
    std::string left = p.left_on ? FormatDate(*p.left_on) : "";
    soci::indicator left_ind = p.left_on ? soci::i_ok : soci::i_null;
    soci::indicator form = NullIfZero(p.form_id);
    int ehcp = p.ehcp, fsm = p.fsm, lac = p.looked_after;
    *sql << "UPDATE pupils SET upn = :upn, first_name = :fn, last_name = :ln, "
            "preferred_name = :pn, date_of_birth = :dob, year_group = :yg, form_id = :form, "
            "sex = :sex, sen_status = :sen, ethnicity_code = :eth, ehcp = :ehcp, fsm = :fsm, "
            "looked_after = :lac, left_on = :left, search_text = :q "
            "WHERE school_id = :s AND id = :id",
        soci::use(p.upn), soci::use(p.first_name), soci::use(p.last_name),
        soci::use(p.preferred_name), soci::use(dob), soci::use(p.year_group),
        soci::use(p.form_id, form), soci::use(p.sex), soci::use(sen), soci::use(p.ethnicity_code),
        soci::use(ehcp), soci::use(fsm), soci::use(lac), soci::use(left, left_ind),
        soci::use(search), soci::use(p.school_id), soci::use(p.id);
    return Status::Ok();
  });
  return ConflictOn(st, "Another pupil of the school has UPN " + p.upn, "upn");
}

Status SqlStore::UpdateForm(const Form& f) {
  return Guard("update form", [&]() -> Status {
    auto sql = pool_.Acquire();
    soci::indicator tutor = NullIfZero(f.tutor_staff_id);
    *sql << "UPDATE forms SET name = :n, year_group = :y, tutor_staff_id = :t "
            "WHERE school_id = :s AND id = :id",
        soci::use(f.name), soci::use(f.year_group), soci::use(f.tutor_staff_id, tutor),
        soci::use(f.school_id), soci::use(f.id);
    return Status::Ok();
  });
}

Status SqlStore::UpdateTeachingGroup(const TeachingGroup& g) {
  return Guard("update teaching group", [&]() -> Status {
    auto sql = pool_.Acquire();
    *sql << "UPDATE teaching_groups SET name = :n, subject = :sub, year_group = :y "
            "WHERE school_id = :s AND id = :id",
        soci::use(g.name), soci::use(g.subject), soci::use(g.year_group), soci::use(g.school_id),
        soci::use(g.id);
    return Status::Ok();
  });
}

Status SqlStore::ChangeGroupMembers(const std::vector<GroupPair>& add,
                                    const std::vector<GroupPair>& remove) {
  return Guard("change group members", [&]() -> Status {
    auto sql = pool_.Acquire();
    RunForPairs(*sql, "DELETE FROM teaching_group_members WHERE group_id = :g AND pupil_id = :x",
                remove);
    RunForPairs(*sql,
                "INSERT INTO teaching_group_members (group_id, pupil_id) VALUES (:g, :x) "
                "ON CONFLICT (group_id, pupil_id) DO NOTHING",
                add);
    return Status::Ok();
  });
}

Status SqlStore::ChangeGroupTeachers(const std::vector<GroupPair>& add,
                                     const std::vector<GroupPair>& remove) {
  return Guard("change group teachers", [&]() -> Status {
    auto sql = pool_.Acquire();
    RunForPairs(*sql, "DELETE FROM teaching_group_staff WHERE group_id = :g AND staff_id = :x",
                remove);
    RunForPairs(*sql,
                "INSERT INTO teaching_group_staff (group_id, staff_id) VALUES (:g, :x) "
                "ON CONFLICT (group_id, staff_id) DO NOTHING",
                add);
    return Status::Ok();
  });
}

Result<std::vector<TeachingGroup>> SqlStore::GroupsTaughtBy(long long school_id,
                                                            long long staff_id) {
  return ReadGuard("groups taught by", [&]() -> Result<std::vector<TeachingGroup>> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT g.id, g.name, g.subject, g.year_group FROM teaching_group_staff t "
                         "JOIN teaching_groups g ON g.id = t.group_id WHERE g.school_id = :s AND "
                         "t.staff_id = :st ORDER BY g.year_group, g.name",
         soci::use(school_id), soci::use(staff_id));
    return ReadGroups(rows, school_id);
  });
}

}  // namespace attune::sql
