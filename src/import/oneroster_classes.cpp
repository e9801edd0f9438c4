// The OneRoster reader's classes.csv and enrollments.csv: forms (homeroom
// classes), teaching groups (scheduled classes) and who is in each now
// (oneroster_reading.h).
#include <tuple>

#include "import/fields.h"
#include "import/oneroster_reading.h"

namespace attune::import::oneroster {

Status ReadClasses(ExportTable& t, Reading& r) {
  ATTUNE_RETURN_IF_ERROR(
      t.Need({"sourcedId", "title", "courseSourcedId", "classType", "schoolSourcedId"}));
  const int id_col = t.Column("sourcedId"), status_col = t.Column("status"),
            title_col = t.Column("title"), code_col = t.Column("classCode"),
            course_col = t.Column("courseSourcedId"), type_col = t.Column("classType"),
            school_col = t.Column("schoolSourcedId"), grades_col = t.Column("grades"),
            terms_col = t.Column("termSourcedIds"), subjects_col = t.Column("subjects");
  for (const auto& row : t.rows()) {
    auto id = t.Id(row, id_col, "sourcedId");
    if (!id) continue;
    auto fail = [&](std::string message) {
      if (!message.empty()) t.Problem(row, std::move(message));
      r.bad.insert(*id);
    };
    auto leaving = t.Leaving(row, status_col);
    auto title = t.Required(row, title_col, "title");
    auto course = t.Required(row, course_col, "courseSourcedId");
    auto school = t.Required(row, school_col, "schoolSourcedId");
    if (!leaving || !title || !course || !school) {
      fail("");
      continue;
    }
    std::string type = t.Field(row, type_col);
    if (type != "homeroom" && type != "scheduled") {
      fail("classType \"" + type +
           "\" should be homeroom (a form) or scheduled (a teaching "
           "group)");
      continue;
    }
    if (!r.Refers(t, row, r.courses, *course, "courseSourcedId", "courses.csv") ||
        !r.Refers(t, row, r.org_types, *school, "schoolSourcedId", "orgs.csv")) {
      fail("");
      continue;
    }
    if (r.org_types[*school] != "school") {
      fail("schoolSourcedId \"" + *school + "\" is an org of type " + r.org_types[*school] +
           ", not a school");
      continue;
    }
    bool terms_known = true;
    for (const auto& term : SplitList(t.Field(row, terms_col))) {
      terms_known = terms_known && r.Refers(t, row, r.sessions, term, "termSourcedIds names",
                                            "academicSessions.csv");
    }
    if (!terms_known) {
      fail("");
      continue;
    }
    const Course& c = r.courses[*course];
    ExportClass k;
    k.key = k.source_id = *id;
    k.school = *school;
    k.form = type == "homeroom";
    k.leaving = *leaving;
    k.at = t.At(row);
    std::string code = t.Field(row, code_col);
    k.name = code.empty() ? *title : code;
    if (Status st = CheckName(code.empty() ? "title" : "classCode", k.name); !st.ok()) {
      fail(st.message());
      continue;
    }
    std::string grades = t.Field(row, grades_col);
    if (grades.empty()) grades = c.grades;
    if (!grades.empty()) {
      auto year = ParseClassYearGroup(grades);
      if (!year.ok()) {
        fail("grades " + year.status().message());
        continue;
      }
      k.year_group = *year;
    }
    // The subject as OneRoster names it (the class's, else its course's),
    // else the course's title.
    std::string subjects = t.Field(row, subjects_col);
    if (subjects.empty()) subjects = c.subjects;
    k.subject = !subjects.empty() ? subjects : !c.title.empty() ? c.title : *title;
    r.out.has_forms = r.out.has_forms || k.form;
    r.classes.insert(*id);
    r.out.classes.push_back(std::move(k));
  }
  return Status::Ok();
}

Status ReadEnrollments(ExportTable& t, Reading& r) {
  ATTUNE_RETURN_IF_ERROR(
      t.Need({"sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"}));
  const int id_col = t.Column("sourcedId"), status_col = t.Column("status"),
            class_col = t.Column("classSourcedId"), user_col = t.Column("userSourcedId"),
            role_col = t.Column("role"), primary_col = t.Column("primary"),
            begin_col = t.Column("beginDate"), end_col = t.Column("endDate");
  std::unordered_map<std::string, size_t> form_of;  // a pupil's form enrollment, by pupil
  std::unordered_map<std::string, bool> is_form;
  for (const auto& k : r.out.classes) is_form[k.key] = k.form;
  for (const auto& row : t.rows()) {
    auto id = t.Id(row, id_col, "sourcedId");
    if (!id) continue;
    auto leaving = t.Leaving(row, status_col);
    auto klass = t.Required(row, class_col, "classSourcedId");
    auto user = t.Required(row, user_col, "userSourcedId");
    if (!leaving || !klass || !user) continue;
    if (!r.users.count(*user) && !r.bad.count(*user) && r.out.unsure_who_left) {
      // Perhaps one of the rows of users.csv that could not be read: their
      // places are kept as they are, and this said once for them.
      t.Problem(row, "userSourcedId \"" + *user +
                         "\" is not among the rows of users.csv that could be read; their "
                         "places are kept as they are");
      r.bad.insert(*user);
      continue;
    }
    if (!r.Refers(t, row, r.users, *user, "userSourcedId", "users.csv")) continue;
    if (!r.Refers(t, row, r.classes, *klass, "classSourcedId", "classes.csv")) {
      r.out.places_unknown.insert(*user);
      continue;
    }
    std::string role = t.Field(row, role_col);
    UserKind kind = r.users[*user];
    if (kind == UserKind::kOther) continue;  // a parent, or someone of no school
    bool teacher = role == "teacher" || role == "administrator" || role == "aide";
    if (!teacher && role != "student") {
      t.Problem(row, "role \"" + role + "\" should be student, teacher, administrator or aide");
      continue;
    }
    if (teacher != (kind == UserKind::kStaff)) {
      t.Problem(row, "user \"" + *user + "\" is " +
                         (kind == UserKind::kStaff ? "staff" : "a student") +
                         " in users.csv but enrolled here as " + role);
      continue;
    }
    std::optional<Date> begin, end;
    bool dates_ok = true;
    for (auto [column, name, into] :
         {std::tuple{begin_col, "beginDate", &begin}, std::tuple{end_col, "endDate", &end}}) {
      std::string text = t.Field(row, column);
      if (text.empty()) continue;
      auto day = ParseExportDate(text);
      if (!day.ok()) {
        t.Problem(row, std::string(name) + " " + day.status().message());
        dates_ok = false;
      } else {
        *into = *day;
      }
    }
    if (!dates_ok || *leaving) continue;
    if ((end && *end < r.today) || (begin && *begin > r.today)) continue;  // not now
    if (!teacher && is_form[*klass]) {
      auto [seen, fresh] = form_of.emplace(*user, r.out.enrollments.size());
      if (!fresh) {
        const ExportEnrollment& first = r.out.enrollments[seen->second];
        if (first.class_key == *klass) continue;
        t.Problem(row, "pupil \"" + *user + "\" is already in form \"" + first.class_key + "\" (" +
                           first.at.Text() + "); a pupil is in one form");
        continue;
      }
    }
    std::string primary = t.Field(row, primary_col);
    r.out.enrollments.push_back(
        {*klass, *user, teacher, primary == "true" || primary == "TRUE", t.At(row)});
  }
  return Status::Ok();
}

}  // namespace attune::import::oneroster
