// SchoolStore on SQLite: schools, calendar, periods, places, forms,
// teaching groups and the timetable.
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {

Result<long long> SqlStore::CreateSchool(const School& s) {
  return Guard("create school", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    long long now = ToUnix(Now());
    *sql << "INSERT INTO schools (name, urn, phase, timezone, created_at) "
            "VALUES (:name, :urn, :phase, :tz, :now)",
        soci::use(s.name), soci::use(s.urn), soci::use(s.phase), soci::use(s.timezone),
        soci::use(now);
    return sql.Raw().LastId();
  });
}

namespace {
template <typename Row>
School ReadSchool(const Row& r) {
  School s;
  s.id = Int(r, 0);
  s.name = Text(r, 1);
  s.urn = Text(r, 2);
  s.phase = Text(r, 3);
  s.timezone = Text(r, 4);
  return s;
}
}  // namespace

Result<School> SqlStore::GetSchool(long long id) {
  return ReadGuard("get school", [&]() -> Result<School> {
    auto sql = pool_.Acquire();
    // Read by every page (its header): a kept statement.
    Rows r = sql.Query("SELECT id, name, urn, phase, timezone FROM schools WHERE id = ?1");
    r.Bind(1, id);
    if (r.Next()) return ReadSchool(r);
    return Status::NotFound("No such school");
  });
}

Result<std::vector<School>> SqlStore::ListSchools() {
  return ReadGuard("list schools", [&]() -> Result<std::vector<School>> {
    auto sql = pool_.Acquire();
    std::vector<School> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT id, name, urn, phase, timezone FROM schools ORDER BY id");
    for (const auto& r : rows) out.push_back(ReadSchool(r));
    return out;
  });
}

Result<long long> SqlStore::AddCalendarEntry(const CalendarEntry& e) {
  return Guard("add calendar entry", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    std::string starts = FormatDate(e.starts_on), ends = FormatDate(e.ends_on);
    *sql << "INSERT INTO calendar_entries (school_id, kind, name, starts_on, ends_on) "
            "VALUES (:s, :k, :n, :a, :b)",
        soci::use(e.school_id), soci::use(e.kind), soci::use(e.name), soci::use(starts),
        soci::use(ends);
    return sql.Raw().LastId();
  });
}

Result<std::vector<CalendarEntry>> SqlStore::ListCalendar(long long school_id) {
  return ReadGuard("list calendar", [&]() -> Result<std::vector<CalendarEntry>> {
    auto sql = pool_.Acquire();
    std::vector<CalendarEntry> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT id, kind, name, starts_on, ends_on FROM calendar_entries "
                         "WHERE school_id = :s ORDER BY starts_on, kind",
         soci::use(school_id));
    for (const auto& r : rows) {
      CalendarEntry e;
      e.id = Int(r, 0);
      e.school_id = school_id;
      e.kind = Text(r, 1);
      e.name = Text(r, 2);
      auto a = ParseDate(Text(r, 3));
      auto b = ParseDate(Text(r, 4));
      if (!a.ok() || !b.ok()) return Status::Internal("calendar entry with a broken date");
      e.starts_on = *a;
      e.ends_on = *b;
      out.push_back(e);
    }
    return out;
  });
}

Result<long long> SqlStore::AddPeriod(const Period& p) {
  return Guard("add period", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    int teaching = p.teaching ? 1 : 0;
    *sql << "INSERT INTO periods (school_id, ordinal, name, starts_at, ends_at, teaching) "
            "VALUES (:s, :o, :n, :a, :b, :t)",
        soci::use(p.school_id), soci::use(p.ordinal), soci::use(p.name), soci::use(p.starts_at),
        soci::use(p.ends_at), soci::use(teaching);
    return sql.Raw().LastId();
  });
}

Result<std::vector<Period>> SqlStore::ListPeriods(long long school_id) {
  return ReadGuard("list periods", [&]() -> Result<std::vector<Period>> {
    auto sql = pool_.Acquire();
    std::vector<Period> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT id, ordinal, name, starts_at, ends_at, teaching FROM periods "
                         "WHERE school_id = :s ORDER BY ordinal",
         soci::use(school_id));
    for (const auto& r : rows) {
      Period p;
      p.id = Int(r, 0);
      p.school_id = school_id;
      p.ordinal = static_cast<int>(Int(r, 1));
      p.name = Text(r, 2);
      p.starts_at = static_cast<int>(Int(r, 3));
      p.ends_at = static_cast<int>(Int(r, 4));
      p.teaching = Int(r, 5) != 0;
      out.push_back(p);
    }
    return out;
  });
}

Result<long long> SqlStore::AddPlace(const Place& p) {
  return Guard("add place", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    *sql << "INSERT INTO places (school_id, name, kind) VALUES (:s, :n, :k)",
        soci::use(p.school_id), soci::use(p.name), soci::use(p.kind);
    return sql.Raw().LastId();
  });
}

Result<std::vector<Place>> SqlStore::ListPlaces(long long school_id) {
  return ReadGuard("list places", [&]() -> Result<std::vector<Place>> {
    auto sql = pool_.Acquire();
    std::vector<Place> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT id, name, kind FROM places WHERE school_id = :s ORDER BY name",
         soci::use(school_id));
    for (const auto& r : rows) out.push_back(Place{Int(r, 0), school_id, Text(r, 1), Text(r, 2)});
    return out;
  });
}

Result<long long> SqlStore::AddForm(const Form& f) {
  return Guard("add form", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    soci::indicator tutor = NullIfZero(f.tutor_staff_id);
    *sql << "INSERT INTO forms (school_id, name, year_group, tutor_staff_id) "
            "VALUES (:s, :n, :y, :t)",
        soci::use(f.school_id), soci::use(f.name), soci::use(f.year_group),
        soci::use(f.tutor_staff_id, tutor);
    return sql.Raw().LastId();
  });
}

Result<std::vector<Form>> SqlStore::ListForms(long long school_id) {
  return ReadGuard("list forms", [&]() -> Result<std::vector<Form>> {
    auto sql = pool_.Acquire();
    std::vector<Form> out;
    Rows r = sql.Query(
        "SELECT id, name, year_group, COALESCE(tutor_staff_id, 0) FROM forms WHERE school_id = ?1 "
        "ORDER BY year_group, name");
    r.Bind(1, school_id);
    while (r.Next()) {
      out.push_back(Form{r.Int(0), school_id, r.Text(1), static_cast<int>(r.Int(2)), r.Int(3)});
    }
    return out;
  });
}

Result<TeachingGroup> SqlStore::GetTeachingGroup(long long school_id, long long id) {
  return ReadGuard("get teaching group", [&]() -> Result<TeachingGroup> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT name, subject, year_group FROM teaching_groups WHERE school_id = "
                         ":s AND id = :id",
         soci::use(school_id), soci::use(id));
    for (const auto& r : rows) {
      return TeachingGroup{id, school_id, Text(r, 0), Text(r, 1), static_cast<int>(Int(r, 2))};
    }
    return Status::NotFound("No such class");
  });
}

Result<long long> SqlStore::AddTeachingGroup(const TeachingGroup& g) {
  return Guard("add teaching group", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    *sql << "INSERT INTO teaching_groups (school_id, name, subject, year_group) "
            "VALUES (:s, :n, :sub, :y)",
        soci::use(g.school_id), soci::use(g.name), soci::use(g.subject), soci::use(g.year_group);
    return sql.Raw().LastId();
  });
}

Status SqlStore::AddGroupMember(long long group_id, long long pupil_id) {
  return Guard("add group member", [&]() -> Status {
    auto sql = pool_.Acquire();
    *sql << "INSERT INTO teaching_group_members (group_id, pupil_id) VALUES (:g, :p)",
        soci::use(group_id), soci::use(pupil_id);
    return Status::Ok();
  });
}

Result<long long> SqlStore::AddTimetableSlot(const TimetableSlot& t) {
  return Guard("add timetable slot", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    soci::indicator place = NullIfZero(t.place_id);
    *sql << "INSERT INTO timetable_slots (school_id, group_id, staff_id, place_id, period_id, "
            "weekday) VALUES (:s, :g, :st, :pl, :pe, :w)",
        soci::use(t.school_id), soci::use(t.group_id), soci::use(t.staff_id),
        soci::use(t.place_id, place), soci::use(t.period_id), soci::use(t.weekday);
    return sql.Raw().LastId();
  });
}

Result<std::vector<TimetableLesson>> SqlStore::LessonsFor(long long school_id, long long staff_id,
                                                          int weekday) {
  return ReadGuard("lessons for", [&]() -> Result<std::vector<TimetableLesson>> {
    auto sql = pool_.Acquire();
    std::vector<TimetableLesson> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT p.id, p.name, p.starts_at, p.ends_at, g.id, g.name, g.subject, "
                         "COALESCE(pl.id, 0), COALESCE(pl.name, '') "
                         "FROM timetable_slots t JOIN periods p ON p.id = t.period_id "
                         "JOIN teaching_groups g ON g.id = t.group_id "
                         "LEFT JOIN places pl ON pl.id = t.place_id "
                         "WHERE t.school_id = :s AND t.staff_id = :st AND t.weekday = :w "
                         "ORDER BY p.ordinal",
         soci::use(school_id), soci::use(staff_id), soci::use(weekday));
    for (const auto& r : rows) {
      TimetableLesson l;
      l.period_id = Int(r, 0);
      l.period_name = Text(r, 1);
      l.starts_at = static_cast<int>(Int(r, 2));
      l.ends_at = static_cast<int>(Int(r, 3));
      l.group_id = Int(r, 4);
      l.group_name = Text(r, 5);
      l.subject = Text(r, 6);
      l.place_id = Int(r, 7);
      l.place_name = Text(r, 8);
      out.push_back(l);
    }
    return out;
  });
}

}  // namespace attune::sql
