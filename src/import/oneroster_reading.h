// Inside the OneRoster reader (oneroster.h): what one file's rows tell the
// files read after it (which orgs, sessions, courses, users and classes
// there are, and which rows were bad), and the function reading each file.
// oneroster.cpp reads the manifest, orgs, sessions and courses;
// oneroster_users.cpp users and demographics; oneroster_classes.cpp
// classes and enrollments.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/status.h"
#include "import/export.h"
#include "import/export_table.h"

namespace attune::import::oneroster {

struct Course {
  std::string title;
  std::string grades;
  std::string subjects;
};

// Who a user is, as users.csv said.
enum class UserKind { kStaff, kPupil, kOther };

struct Reading {
  Reading(Export& into, Date on) : out(into), today(on) {}

  Export& out;
  Date today;
  std::unordered_map<std::string, std::string> org_types;  // every org: its type
  std::unordered_set<std::string> sessions;
  std::unordered_map<std::string, Course> courses;
  std::unordered_map<std::string, UserKind> users;
  std::unordered_map<std::string, size_t> pupil_at;  // a pupil's index in out.pupils
  std::unordered_set<std::string> classes;
  // Ids whose rows were bad: rows referring to them are skipped quietly.
  std::unordered_set<std::string> bad;

  // Whether `id` (an org, course, user or class) is known to `known`;
  // when not, adds the problem to `table` for `row` and returns false.
  // A reference to a bad row returns false without a problem.
  template <typename Set>
  bool Refers(ExportTable& table, const CsvRow& row, const Set& known, const std::string& id,
              const char* column, const char* file) {
    if (known.count(id)) return true;
    if (!bad.count(id)) {
      table.Problem(row, std::string(column) + " \"" + id + "\" is not in " + file);
    }
    return false;
  }
};

Status ReadUsers(ExportTable& table, Reading& r);
Status ReadDemographics(ExportTable& table, Reading& r);
Status ReadClasses(ExportTable& table, Reading& r);
Status ReadEnrollments(ExportTable& table, Reading& r);

}  // namespace attune::import::oneroster
