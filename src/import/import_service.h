// The admin's import page (decision 0032): an export uploaded as a .zip is
// checked first (a dry run: nothing changes), kept with what applying it
// would do, then applied by the admin with the same engine and checked
// again against attune as it is then. Every step is audited; an applied
// import keeps its report and its upload is cleared, and an upload not
// applied within a day is cleared too.
//
// Every method needs mis.import (model/role.h: the administrator).
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "import/importer.h"
#include "model/principal.h"
#include "storage/store.h"

namespace attune::import {

class ImportService {
 public:
  explicit ImportService(Store& store) : store_(store), engine_(store) {}

  // The largest upload the page takes (its route's body limit too).
  static constexpr size_t kMaxUploadBytes = 20u << 20;
  // Imports the page lists.
  static constexpr int kListed = 20;

  // Checks `zip`, called `file_name`, against the principal's school and
  // keeps it with what applying it would do; returns the import's id.
  // Invalid (audited as refused, nothing kept) when it cannot be read.
  Result<long long> Check(const Principal& by, const std::string& file_name, std::string_view zip,
                          const std::string& ip);
  // NotFound when the school has no such import.
  Result<MisImportRecord> Get(const Principal& by, long long id);
  Result<std::vector<MisImportRecord>> Recent(const Principal& by);
  // Applies a checked upload. Conflict when it has been applied already;
  // Invalid when it was cleared (older than a day): upload it again.
  Result<ImportReport> Apply(const Principal& by, long long id, const std::string& ip);

 private:
  Store& store_;
  RosterImport engine_;
};

}  // namespace attune::import
