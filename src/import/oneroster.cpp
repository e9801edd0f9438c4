// The OneRoster reader (oneroster.h): the manifest, then orgs, academic
// sessions and courses; users, demographics, classes and enrollments are
// read by their own files (oneroster_reading.h).
#include "import/oneroster.h"

#include <algorithm>

#include "import/fields.h"
#include "import/oneroster_reading.h"

namespace attune::import {
namespace {

using oneroster::Reading;

// The files attune reads, in the order it reads them.
struct KnownFile {
  const char* name;  // "users" for file.users and users.csv
  bool needed;
};
constexpr KnownFile kFiles[] = {{"orgs", true},       {"academicSessions", true}, {"courses", true},
                                {"users", true},      {"demographics", false},    {"classes", true},
                                {"enrollments", true}};

// Which files to read, from manifest.csv; Invalid for an export attune
// cannot import.
Result<std::vector<std::string>> ReadManifest(const ExportFiles& files, Export& out) {
  auto it = files.find("manifest.csv");
  if (it == files.end()) {
    return Status::Invalid(
        "The export has no manifest.csv. A OneRoster export holds one beside users.csv and the "
        "other files; export again from the MIS as OneRoster 1.1 CSV");
  }
  auto table = ExportTable::Read("manifest.csv", it->second, out);
  if (!table.ok()) return table.status();
  ATTUNE_RETURN_IF_ERROR(table->Need({"propertyName", "value"}));
  int name_col = table->Column("propertyName"), value_col = table->Column("value");
  std::unordered_map<std::string, std::string> values;
  for (const auto& row : table->rows()) {
    values[table->Field(row, name_col)] = table->Field(row, value_col);
  }
  std::string version = values["oneroster.version"];
  if (version != "1.1" && version != "1.0") {
    return Status::Invalid("manifest.csv says oneroster.version is \"" + version +
                           "\"; attune reads OneRoster 1.1 CSV exports (1.0 too)");
  }
  std::vector<std::string> read;
  for (const KnownFile& f : kFiles) {
    std::string property = std::string("file.") + f.name, file = std::string(f.name) + ".csv";
    std::string mode = values.count(property) ? values[property] : "absent";
    if (mode == "bulk") {
      if (!files.count(file)) {
        return Status::Invalid("manifest.csv says " + property +
                               " is bulk, but the export has "
                               "no " +
                               file);
      }
      read.push_back(file);
    } else if (mode == "delta") {
      return Status::Invalid("manifest.csv says " + property +
                             " is delta (changes only); attune imports whole exports: export "
                             "again with every file bulk");
    } else if (mode == "absent") {
      if (f.needed) {
        return Status::Invalid("manifest.csv says " + property + " is absent; attune needs " +
                               file + " (with every file bulk)");
      }
    } else {
      return Status::Invalid("manifest.csv says " + property + " is \"" + mode +
                             "\"; it should be bulk, delta or absent");
    }
  }
  return read;
}

Status ReadOrgs(ExportTable& t, Reading& r) {
  ATTUNE_RETURN_IF_ERROR(t.Need({"sourcedId", "name", "type"}));
  int id_col = t.Column("sourcedId"), status_col = t.Column("status"), name_col = t.Column("name"),
      type_col = t.Column("type"), identifier_col = t.Column("identifier");
  for (const auto& row : t.rows()) {
    auto id = t.Id(row, id_col, "sourcedId");
    if (!id) continue;
    auto leaving = t.Leaving(row, status_col);
    auto name = t.Required(row, name_col, "name");
    auto type = t.Required(row, type_col, "type");
    if (!leaving || !name || !type) {
      r.bad.insert(*id);
      continue;
    }
    r.org_types[*id] = *type;
    if (*type != "school" || *leaving) continue;
    r.out.schools.push_back({*id, *name, t.Field(row, identifier_col), t.At(row)});
  }
  return Status::Ok();
}

Status ReadSessions(ExportTable& t, Reading& r) {
  ATTUNE_RETURN_IF_ERROR(t.Need({"sourcedId", "title", "type", "startDate", "endDate"}));
  int id_col = t.Column("sourcedId"), start_col = t.Column("startDate"),
      end_col = t.Column("endDate");
  for (const auto& row : t.rows()) {
    auto id = t.Id(row, id_col, "sourcedId");
    if (!id) continue;
    auto start = ParseExportDate(t.Field(row, start_col));
    auto end = ParseExportDate(t.Field(row, end_col));
    if (!start.ok() || !end.ok()) {
      t.Problem(row, std::string(!start.ok() ? "startDate " : "endDate ") +
                         (!start.ok() ? start : end).status().message());
      r.bad.insert(*id);
      continue;
    }
    if (*end < *start) {
      t.Problem(row, "endDate " + FormatDate(*end) + " is before startDate " + FormatDate(*start));
      r.bad.insert(*id);
      continue;
    }
    r.sessions.insert(*id);
  }
  return Status::Ok();
}

Status ReadCourses(ExportTable& t, Reading& r) {
  ATTUNE_RETURN_IF_ERROR(t.Need({"sourcedId", "title", "orgSourcedId"}));
  int id_col = t.Column("sourcedId"), title_col = t.Column("title"),
      org_col = t.Column("orgSourcedId"), grades_col = t.Column("grades"),
      subjects_col = t.Column("subjects");
  for (const auto& row : t.rows()) {
    auto id = t.Id(row, id_col, "sourcedId");
    if (!id) continue;
    auto title = t.Required(row, title_col, "title");
    auto org = t.Required(row, org_col, "orgSourcedId");
    if (!title || !org || !r.Refers(t, row, r.org_types, *org, "orgSourcedId", "orgs.csv")) {
      r.bad.insert(*id);
      continue;
    }
    r.courses[*id] = {*title, t.Field(row, grades_col), t.Field(row, subjects_col)};
  }
  return Status::Ok();
}

}  // namespace

Result<Export> ReadOneRoster(const ExportFiles& files, Date today, const FileProgress& progress) {
  Export out;
  out.format = "OneRoster 1.1";
  auto read = ReadManifest(files, out);
  if (!read.ok()) return read.status();
  Reading r{out, today};
  using ReadFile = Status (*)(ExportTable&, Reading&);
  const std::pair<const char*, ReadFile> kReaders[] = {
      {"orgs.csv", ReadOrgs},
      {"academicSessions.csv", ReadSessions},
      {"courses.csv", ReadCourses},
      {"users.csv", oneroster::ReadUsers},
      {"demographics.csv", oneroster::ReadDemographics},
      {"classes.csv", oneroster::ReadClasses},
      {"enrollments.csv", oneroster::ReadEnrollments}};
  int done = 0;
  for (const auto& [file, reader] : kReaders) {
    if (std::find(read->begin(), read->end(), file) == read->end()) continue;
    if (progress) progress(file, done, static_cast<int>(read->size()));
    auto table = ExportTable::Read(file, files.at(file), out);
    if (!table.ok()) return table.status();
    ATTUNE_RETURN_IF_ERROR(reader(*table, r));
    // A person or class whose own row could not be read keeps what attune
    // holds (decision 0032), and rows referring to them are skipped quietly.
    for (auto& id : table->UnreadableIds(table->Column("sourcedId"))) r.bad.insert(std::move(id));
    if (table->Unidentified() > 0) {
      std::string name = file;
      if (name == "users.csv") out.unsure_who_left = true;
      if (name == "classes.csv") out.unsure_which_classes = true;
      if (name == "enrollments.csv") out.unsure_of_places = true;
    }
    ++done;
  }
  if (progress) progress("", done, static_cast<int>(read->size()));
  if (out.schools.empty()) {
    return Status::Invalid(
        "orgs.csv has no school (an org of type school); attune imports "
        "schools, their staff and pupils");
  }
  out.bad_keys = std::move(r.bad);
  return out;
}

}  // namespace attune::import
