// Reading an export uploaded as a .zip (libzip), under limits an upload
// cannot get past: the number of entries, each entry's size and the total
// unzipped (read up to the limit, whatever the archive claims, so a zip
// bomb stops there), and no entry whose path climbs out ("..") or starts
// at the root. The CSV files may sit at the top or in one folder; folders,
// macOS's __MACOSX copies and hidden files are passed over.
//
// Thread-safety: a pure function of its arguments.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "import/export.h"

namespace attune::import {

struct ZipLimits {
  size_t max_entries = 64;              // Default: 64
  size_t max_entry_bytes = 64u << 20;   // unzipped. Default: 64 MiB
  size_t max_total_bytes = 256u << 20;  // unzipped, all entries. Default: 256 MiB
};

// The .csv files of the archive `zip` by name (without their folder).
// Invalid, in words for the office, when it is not a zip archive, is
// password-protected, breaks a limit, has a path with "..", holds two CSV
// files of one name, or holds no CSV file.
Result<ExportFiles> ReadExportZip(std::string_view zip, const ZipLimits& limits = {});

// The name an export's file `name` is kept under when it is a CSV file,
// whatever the case of its ".csv" (and of OneRoster's own file names:
// "USERS.CSV" is "users.csv"); "" when it is not a CSV file.
std::string CsvFileName(const std::string& name);

}  // namespace attune::import
