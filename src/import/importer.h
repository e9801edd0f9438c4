// The MIS import (issue 16, decision 0032), used by `attune import` and by
// the admin's import page: reads an export, matches each school of it to a
// school of attune, plans every school's changes against what attune holds
// and, unless it is a dry run, writes them all in one transaction (every
// school's, or none), then audits the import.
//
// A dry run reads on one snapshot and writes nothing (not even the audit:
// the page's check is audited by its service). Bad rows are reported as
// file:line with what is wrong; the other rows import. An export that
// cannot be read at all is one Invalid status, and nothing is written.
//
// Thread-safety: a RosterImport may be shared; imports of the same school
// at the same moment take turns on the store's write lock.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "import/export.h"
#include "import/plain_csv.h"
#include "import/report.h"
#include "model/principal.h"
#include "storage/store.h"

namespace attune::import {

// Told as an import moves on: the step ("Reading users.csv", "Checking",
// "Writing"), and how far through it (done of total; total 0 when not known).
using ImportProgress =
    std::function<void(const std::string& step, long long done, long long total)>;

struct ImportOptions {
  bool dry_run = false;  // Default: write the changes
  // The attune school to import into. 0 for the command line: each school
  // of the export is matched by its link, its URN, or (the database
  // holding one school and the export one) the only school, else created.
  // Required for a plain CSV and for a principal.
  long long school_id = 0;
  // Who imports; null for the command line (the server's operator).
  const Principal* by = nullptr;
  std::string ip;
  std::string source;       // what is imported: a folder, file or upload's name
  ImportProgress progress;  // Default: none
  // Keep the import in each school's list of imports, applied (the
  // command line's; the page keeps its own). Default: false.
  bool keep_record = false;
  // Mark more than half of a school's pupils, or of its active staff, as
  // left, as an export that has lost most of its people would: refused
  // (Invalid, nothing written) unless this is true (`attune import
  // oneroster --allow-many-leavers`; the page never sets it).
  bool allow_many_leavers = false;
  // Run last inside the import's transaction (not for a dry run): a
  // failure rolls the whole import back. Default: none.
  std::function<Status(const ImportReport&)> before_commit;
};

class RosterImport {
 public:
  explicit RosterImport(Store& store) : store_(store) {}

  // A OneRoster 1.1 export (oneroster.h).
  Result<ImportReport> OneRoster(const ExportFiles& files, const ImportOptions& options);
  // A plain pupils or staff CSV (plain_csv.h).
  Result<ImportReport> PlainCsv(PlainKind kind, const std::string& file, std::string_view text,
                                const ImportOptions& options);
  // An export already read.
  Result<ImportReport> Run(const Export& e, const ImportOptions& options);

 private:
  // Which attune school each school of the export is (0: one to create).
  Result<std::vector<std::pair<const ExportSchool*, long long>>> Targets(
      const Export& e, const ImportOptions& options);

  Store& store_;
};

// Reads every .csv file of folder `dir` (at most 64, each at most 256 MB).
// Invalid naming the folder when it cannot be read or holds no CSV file.
Result<ExportFiles> ReadExportFolder(const std::string& dir);

}  // namespace attune::import
