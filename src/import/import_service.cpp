// The import page's checking and applying (import_service.h).
#include "import/import_service.h"

#include "core/secrets.h"
#include "import/zip_reader.h"
#include "services/audit.h"
#include "services/authorization.h"

namespace attune::import {
namespace {

constexpr auto kKeptFor = std::chrono::hours(24);

// The file name as the page shows it: its last part, printable, at most
// 120 characters.
std::string CleanName(const std::string& name) {
  std::string base =
      name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
  std::string out;
  for (unsigned char c : base) {
    if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
  }
  if (out.size() > 120) out.resize(120);
  return out.empty() ? "export.zip" : out;
}

}  // namespace

Result<long long> ImportService::Check(const Principal& by, const std::string& file_name,
                                       std::string_view zip, const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kMisImport));
  std::string name = CleanName(file_name);
  ATTUNE_RETURN_IF_ERROR(store_.ForgetMisExports(Now() - kKeptFor));
  auto refuse = [&](const Status& why) {
    Audit(store_, &by, "mis_import.refused", "school", by.school_id, name + ": " + why.message(),
          ip);
    return why;
  };
  if (zip.empty()) return refuse(Status::Invalid("Choose the export's .zip file", "export"));
  if (zip.size() > kMaxUploadBytes) {
    return refuse(
        Status::Invalid("The file is larger than 20 MB; a OneRoster export of a "
                        "school zips to far less",
                        "export"));
  }
  auto files = ReadExportZip(zip);
  if (!files.ok()) return refuse(Status::Invalid(files.status().message(), "export"));
  ImportOptions options;
  options.dry_run = true;
  options.school_id = by.school_id;
  options.by = &by;
  options.ip = ip;
  options.source = name;
  auto report = engine_.OneRoster(*files, options);
  if (!report.ok()) {
    if (report.status().code() != StatusCode::kInvalid) return report.status();
    return refuse(Status::Invalid(report.status().message(), "export"));
  }
  MisImportRecord record;
  record.school_id = by.school_id;
  record.staff_id = by.staff_id;
  record.file_name = name;
  record.uploaded_at = Now();
  record.export_zip = Base64(zip);
  record.report = report->ToJson().dump();
  auto id = store_.CreateMisImport(record);
  if (!id.ok()) return id.status();
  Audit(store_, &by, "mis_import.checked", "mis_import", *id, name + ": " + report->OneLine(), ip);
  return id;
}

Result<MisImportRecord> ImportService::Get(const Principal& by, long long id) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kMisImport));
  return store_.GetMisImport(by.school_id, id);
}

Result<std::vector<MisImportRecord>> ImportService::Recent(const Principal& by) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kMisImport));
  return store_.ListMisImports(by.school_id, kListed);
}

Result<ImportReport> ImportService::Apply(const Principal& by, long long id,
                                          const std::string& ip) {
  auto record = Get(by, id);
  if (!record.ok()) return record.status();
  if (record->applied_at) {
    return Status::Conflict("This export has been applied already, on " +
                            FormatLondon(*record->applied_at, "%e %B %Y at %H:%M") + ".");
  }
  if (record->export_zip.empty() || Now() - record->uploaded_at > kKeptFor) {
    return Status::Invalid(
        "This upload was kept for a day and has been cleared. Upload the "
        "export again to check it against attune as it is now.");
  }
  auto zip = FromBase64(record->export_zip);
  if (!zip.ok()) return Status::Internal("the kept upload could not be read");
  auto files = ReadExportZip(*zip);
  if (!files.ok()) return files.status();
  ImportOptions options;
  options.school_id = by.school_id;
  options.by = &by;
  options.ip = ip;
  options.source = record->file_name;
  options.before_commit = [&](const ImportReport& report) {
    return store_.FinishMisImport(by.school_id, id, report.ToJson().dump(), by.staff_id, Now());
  };
  return engine_.OneRoster(*files, options);
}

}  // namespace attune::import
