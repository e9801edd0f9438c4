// The MIS import (importer.h): which school is which, the one transaction,
// the audit.
#include "import/importer.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "import/apply.h"
#include "import/oneroster.h"
#include "import/plan.h"
#include "import/zip_reader.h"
#include "services/audit.h"
#include "services/authorization.h"

namespace attune::import {
namespace {

// Refused when the export's school and attune's `school`, matched by
// neither a link nor a URN, both have a URN and the two differ: another
// school's export is never merged into this one.
Status SameUrn(const ExportSchool& s, const School& school) {
  if (s.identifier.empty() || school.urn.empty() || s.identifier == school.urn) {
    return Status::Ok();
  }
  return Status::Invalid("This export is of " + s.name + ", URN " + s.identifier +
                         ", but attune's school " + school.name + " has URN " + school.urn +
                         ": they are different schools, so nothing was imported. Export " +
                         school.name + " (URN " + school.urn +
                         ") from the MIS, or import this export into the school it is of");
}

std::string SchoolList(const Export& e) {
  std::string out;
  for (const auto& s : e.schools) {
    out += (out.empty() ? "" : ", ") + s.name;
    if (!s.identifier.empty()) out += " (" + s.identifier + ")";
  }
  return out;
}

}  // namespace

Result<std::vector<std::pair<const ExportSchool*, long long>>> RosterImport::Targets(
    const Export& e, const ImportOptions& o) {
  using Targets = std::vector<std::pair<const ExportSchool*, long long>>;
  if (e.schools.empty()) {
    if (o.school_id <= 0) return Status::Invalid("Choose the school to import into", "school");
    return Targets{{nullptr, o.school_id}};
  }
  auto links = store_.ListSchoolLinks();
  if (!links.ok()) return links.status();
  auto schools = store_.ListSchools();
  if (!schools.ok()) return schools.status();
  std::unordered_map<std::string, long long> linked;  // org sourcedId -> school
  std::unordered_set<long long> has_link;
  for (const auto& [school, link] : *links) {
    linked[link.source_id] = school;
    has_link.insert(school);
  }
  auto school_of = [&](const ExportSchool& s) -> long long {
    if (linked.count(s.key)) return linked[s.key];
    for (const auto& school : *schools) {
      if (!s.identifier.empty() && school.urn == s.identifier && !has_link.count(school.id)) {
        return school.id;
      }
    }
    return 0;
  };
  if (o.school_id > 0) {
    for (const auto& s : e.schools) {
      if (school_of(s) == o.school_id) return Targets{{&s, o.school_id}};
    }
    if (e.schools.size() == 1 && school_of(e.schools[0]) == 0) {
      for (const auto& school : *schools) {
        if (school.id == o.school_id) ATTUNE_RETURN_IF_ERROR(SameUrn(e.schools[0], school));
      }
      return Targets{{&e.schools[0], o.school_id}};
    }
    if (e.schools.size() == 1) {
      return Status::Invalid("This export is of " + e.schools[0].name +
                             ", which attune keeps as another of its schools; import it there");
    }
    return Status::Invalid("This export holds " + std::to_string(e.schools.size()) + " schools (" +
                           SchoolList(e) +
                           "), none of them this one by its link or URN; export this school "
                           "alone, or import the whole export from the command line");
  }
  Targets out;
  for (const auto& s : e.schools) {
    long long id = school_of(s);
    if (id == 0 && e.schools.size() == 1 && schools->size() == 1 && has_link.empty()) {
      ATTUNE_RETURN_IF_ERROR(SameUrn(s, schools->front()));
      id = schools->front().id;  // a new database's only school: the export's
    }
    out.emplace_back(&s, id);
  }
  return out;
}

Result<ImportReport> RosterImport::OneRoster(const ExportFiles& files, const ImportOptions& o) {
  auto e = ReadOneRoster(files, LondonDate(Now()), [&](const std::string& file, int done, int n) {
    if (o.progress) o.progress(file.empty() ? "Read the export" : "Reading " + file, done, n);
  });
  if (!e.ok()) return e.status();
  return Run(*e, o);
}

Result<ImportReport> RosterImport::PlainCsv(PlainKind kind, const std::string& file,
                                            std::string_view text, const ImportOptions& o) {
  auto e = ReadPlainCsv(kind, file, text);
  if (!e.ok()) return e.status();
  return Run(*e, o);
}

Result<ImportReport> RosterImport::Run(const Export& e, const ImportOptions& o) {
  auto started = std::chrono::steady_clock::now();
  if (o.by) {
    ATTUNE_RETURN_IF_ERROR(Authorize(o.by, Permission::kMisImport));
    if (o.school_id != o.by->school_id) return Status::Forbidden("Import into your own school");
  }
  auto progress = [&](const std::string& step, long long done, long long total) {
    if (o.progress) o.progress(step, done, total);
  };
  ImportReport report;
  report.format = e.format;
  report.source = o.source;
  report.dry_run = o.dry_run;
  for (const auto& p : e.problems) report.AddProblem(p);
  report.notes = e.notes;
  auto targets = Targets(e, o);
  if (!targets.ok()) return targets.status();

  PlanContext context;
  context.today = LondonDate(Now());
  context.allow_many_leavers = o.allow_many_leavers;
  if (o.by) {
    context.by_staff_id = o.by->staff_id;
    context.by_role = o.by->role;
  }
  long long current = 0;
  std::unordered_map<std::string, long long> claimed;  // email -> the school planned with it
  context.email_elsewhere = [&](const std::string& email) -> Result<bool> {
    auto it = claimed.find(email);
    if (it != claimed.end()) return it->second != current;
    auto found = store_.FindStaffByEmail(email);
    if (found.ok()) return found->school_id != current;
    if (found.status().code() == StatusCode::kNotFound) return false;
    return found.status();
  };
  std::vector<long long> imported;
  auto work = [&]() -> Status {
    imported.clear();
    for (const auto& [org, id] : *targets) {
      RosterSnapshot now;
      if (id > 0) {
        progress("Reading what attune holds", 0, 0);
        auto snapshot = store_.ReadRoster(id);
        if (!snapshot.ok()) return snapshot.status();
        now = std::move(*snapshot);
      }
      current = id > 0 ? id : context.next_new_id--;
      progress("Checking the export against attune", 0, 0);
      auto plan = PlanSchool(e, org, current, now, context, report);
      if (!plan.ok()) return plan.status();
      for (const auto& s : plan->staff_created) claimed[s.email] = current;
      for (const auto& s : plan->staff_changed) claimed[s.email] = current;
      if (o.dry_run) continue;
      long long total = static_cast<long long>(plan->Writes());
      progress("Writing", 0, total);
      auto written = ApplyPlan(
          store_, *plan, [&](size_t n) { progress("Writing", static_cast<long long>(n), total); });
      if (!written.ok()) return written.status();
      imported.push_back(*written);
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (o.dry_run) return Status::Ok();
    for (long long school : imported) {
      if (!o.keep_record) break;
      MisImportRecord record;
      record.school_id = school;
      record.file_name = o.source;
      record.uploaded_at = Now();
      record.report = report.ToJson().dump();
      record.applied_at = record.uploaded_at;
      auto kept = store_.CreateMisImport(record);
      if (!kept.ok()) return kept.status();
    }
    return o.before_commit ? o.before_commit(report) : Status::Ok();
  };
  Status st = o.dry_run ? store_.ReadTogether(work) : store_.RunInTransaction(work);
  if (!st.ok()) {
    if (st.code() == StatusCode::kInvalid || st.code() == StatusCode::kForbidden) return st;
    std::string words = "The import could not be written, and nothing of it was (" + st.message() +
                        "). Try again; if it fails again, tell whoever runs attune for the "
                        "school";
    if (st.code() == StatusCode::kUnavailable) return Status::Unavailable(words);
    if (st.code() == StatusCode::kConflict) return Status::Conflict(words);
    return Status::Internal(words);
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (long long school : imported) {
    Principal operator_;
    operator_.school_id = school;
    Audit(store_, o.by ? o.by : &operator_, "mis_import.applied", "school", school,
          o.source + ": " + report.OneLine() + (o.by ? "" : ", by the command line"), o.ip);
  }
  return report;
}

Result<ExportFiles> ReadExportFolder(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::Invalid(dir +
                               " is not a folder; give the folder the export was unzipped "
                               "into",
                           "dir");
  }
  ExportFiles files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = CsvFileName(entry.path().filename().string());
    if (!entry.is_regular_file() || name.empty()) continue;
    if (files.count(name)) return Status::Invalid(dir + " holds " + name + " twice", "dir");
    if (files.size() >= 64) return Status::Invalid(dir + " holds more than 64 CSV files", "dir");
    if (entry.file_size() > (256u << 20)) {
      return Status::Invalid(name + " is larger than 256 MB, more than attune imports", "dir");
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) return Status::Invalid(name + " could not be read", "dir");
    files[name] = std::move(text);
  }
  if (ec) return Status::Invalid(dir + " could not be read: " + ec.message(), "dir");
  if (files.empty()) return Status::Invalid(dir + " holds no CSV file", "dir");
  return files;
}

}  // namespace attune::import
