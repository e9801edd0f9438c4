// What an MIS export says, once read: schools, staff, pupils, classes and
// enrollments, each with the file and line it came from, and the rows that
// could not be read. A OneRoster export (oneroster.h) and the plain pupils
// and staff CSVs (plain_csv.h) are both read into an Export, which the
// import compares with what attune holds (plan.h).
//
// Every person and class has a key the export's other rows refer to it by:
// its OneRoster sourcedId, or for a plain CSV "upn:<UPN>", "email:<email>"
// or "form:<name>". Only a sourcedId is linked to the attune row it
// becomes (source_id is empty otherwise).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/time.h"
#include "model/pupil.h"
#include "model/role.h"

namespace attune::import {

// The files of an export by name ("users.csv"), each whole.
using ExportFiles = std::map<std::string, std::string>;

// Where a row is: "users.csv", line 14.
struct RowPlace {
  std::string file;
  int line = 0;
  std::string Text() const { return file + ":" + std::to_string(line); }
};

// A row that was not imported, and why, in words for the school office.
struct RowProblem {
  RowPlace at;
  std::string message;
  std::string Text() const { return at.Text() + ": " + message; }
};

struct ExportSchool {
  std::string key;  // sourcedId
  std::string name;
  std::string identifier;  // the school's number in the MIS (often its URN)
  RowPlace at;
};

// What staff and pupils have in common.
struct ExportPerson {
  std::string key;
  std::string source_id;
  std::vector<std::string> schools;  // the keys of the schools they belong to
  bool leaving = false;              // status "tobedeleted": mark them left
  RowPlace at;
};

struct ExportStaff : ExportPerson {
  std::string name;   // as colleagues read it: "Rose Okafor"
  std::string email;  // lower-case
  // The role a new member of staff starts with (decision 0032): a plain
  // CSV's role, else teacher (support for OneRoster's aide).
  Role role = Role::kTeacher;
  std::optional<std::string> job_title;
};

struct ExportPupil : ExportPerson {
  std::string first_name, last_name;
  std::optional<std::string> preferred_name;  // only when the export has the column
  std::string upn;
  std::optional<Date> date_of_birth;
  std::optional<std::string> sex;  // "F" or "M"
  std::optional<int> year_group;
  // A plain CSV's census details, each only when the file has its column.
  std::optional<SenStatus> sen;
  std::optional<std::string> ethnicity_code;
  std::optional<bool> ehcp, fsm, looked_after;
  std::string Name() const { return first_name + " " + last_name; }
};

// A class: a form (OneRoster's homeroom) or a teaching group (scheduled).
struct ExportClass {
  std::string key;
  std::string source_id;
  std::string school;  // the key of its school
  bool form = false;
  bool leaving = false;
  std::string name;     // "7B", "8x/Ma1"
  std::string subject;  // teaching groups: the course's title
  std::optional<int> year_group;
  RowPlace at;
};

// A pupil or member of staff in a class, now (enrollments that ended or
// have not begun are left out when read).
struct ExportEnrollment {
  std::string class_key;
  std::string person_key;
  bool teacher = false;  // else a pupil
  bool primary = false;  // the class's main teacher (a form's tutor)
  RowPlace at;
};

struct Export {
  std::string format;  // "OneRoster 1.1", "pupils CSV", "staff CSV"
  // The whole of each school: whoever is missing has left. False for a
  // plain CSV, which may list only some.
  bool whole = true;
  // Whether the export says which form each pupil is in (it has forms);
  // when not, pupils' forms are left as they are.
  bool has_forms = false;
  std::vector<ExportSchool> schools;
  std::vector<ExportStaff> staff;
  std::vector<ExportPupil> pupils;
  std::vector<ExportClass> classes;
  std::vector<ExportEnrollment> enrollments;
  // Keys of people and classes whose rows were bad: rows that refer to
  // them are skipped without a problem of their own, and they are not
  // taken to have left.
  std::unordered_set<std::string> bad_keys;
  // Some rows of the people's file (the classes', the enrollments') could
  // not be told apart (unreadable, or without an id): whoever they are may
  // still be there, so no one is marked left (no group emptied, no place
  // in a class taken away) by this import.
  bool unsure_who_left = false;
  bool unsure_which_classes = false;
  bool unsure_of_places = false;
  // People with an enrollment skipped because its class's row was bad:
  // their places (and form) are kept as they are rather than taken away.
  std::unordered_set<std::string> places_unknown;
  std::vector<RowProblem> problems;
  std::vector<std::string> notes;
};

}  // namespace attune::import
